/// A unit as the analysis sees it: its id, group values, weight and the codes it has.
public struct CodedUnit: Sendable {
    public let id: String
    public let attributes: [String: String]
    public let weight: Double
    /// Indices of codes in the codebook.
    public let codes: Set<Int>

    public init(id: String, attributes: [String: String], weight: Double = 1, codes: Set<Int>) {
        self.id = id
        self.attributes = attributes
        self.weight = weight
        self.codes = codes
    }
}
