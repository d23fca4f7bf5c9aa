/// A unit as the analysis sees it: its id, group values, weight and the codes it has.
public struct CodedUnit: Sendable {
    public let id: String
    public let values: [String: String]
    public let weight: Double
    /// Indices of codes in the codebook.
    public let codes: Set<Int>

    public init(id: String, values: [String: String], weight: Double = 1, codes: Set<Int>) {
        self.id = id
        self.values = values
        self.weight = weight
        self.codes = codes
    }
}
