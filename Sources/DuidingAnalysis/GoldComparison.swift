/// Suggested codes against a hand coding, unit by unit: what `duiding evaluate` reports.
public struct GoldComparison: Sendable {
    /// One hand-coded unit: its suggested and its human codes (indices into `codes`).
    public struct Row: Sendable {
        public let id: String
        public let text: String
        public let suggested: Set<Int>
        public let human: Set<Int>

        public init(id: String, text: String, suggested: Set<Int>, human: Set<Int>) {
            self.id = id
            self.text = text
            self.suggested = suggested
            self.human = human
        }
    }

    public let codebookName: String
    /// The codebook's code ids, in order.
    public let codes: [String]
    /// The column the hand coding came from.
    public let goldColumn: String
    public let rows: [Row]
    public let evaluation: Evaluation

    public init(codebookName: String, codes: [String], goldColumn: String, rows: [Row]) {
        self.codebookName = codebookName
        self.codes = codes
        self.goldColumn = goldColumn
        self.rows = rows
        self.evaluation = Evaluation(pairs: rows.map { ($0.suggested, $0.human) }, codeCount: codes.count)
    }

    /// The units that got code `index` wrong: suggested without the human code ("onterecht")
    /// or the other way round ("gemist"), in unit order.
    public func errors(code index: Int) -> [(row: Row, suggestedWrongly: Bool)] {
        rows.filter { $0.suggested.contains(index) != $0.human.contains(index) }.map { ($0, $0.suggested.contains(index)) }
    }
}
