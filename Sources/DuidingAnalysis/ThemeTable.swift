/// Theme counts per group, the way the report prints them: per code and per group the
/// number of units with the code, the unweighted base n and the (weighted) percentage, with
/// a Totaal column and a row for units with none of the codes.
public struct ThemeTable: Sendable {
    /// Label of the column over all units.
    public static let total = "Totaal"
    /// Label of a unit without a value for the variable.
    public static let unknownGroup = "(onbekend)"

    public struct Column: Sendable, Hashable {
        /// The variable (`geslacht`), or "" for the Totaal column.
        public let variable: String
        public let group: String
        /// Units in the column (unweighted).
        public let baseN: Int
        /// Σw and Σw² over the units in the column (both equal `baseN` when unweighted).
        public let weightSum: Double
        public let weightSquareSum: Double

        /// Kish's effective sample size of the column.
        public var effectiveN: Double {
            Significance.effectiveSampleSize(weightSum: weightSum, weightSquareSum: weightSquareSum)
        }
    }

    public struct Row: Sendable {
        /// Code index in the codebook, or nil for "none of these codes".
        public let code: Int?
        public let counts: [Int]
        /// Sum of the weights of the units counted, per column.
        public let weightedCounts: [Double]
        public let percents: [Double]
    }

    public let columns: [Column]
    /// Codes ordered by how often they occur in total (weighted), then "none".
    public let rows: [Row]

    /// Computes the table. Groups appear sorted, including groups without a single hit.
    public init(units: [CodedUnit], codeCount: Int, variables: [String]) {
        func column(_ variable: String, _ group: String, _ indices: [Int]) -> Column {
            Column(variable: variable, group: group, baseN: indices.count,
                   weightSum: indices.reduce(0) { $0 + units[$1].weight },
                   weightSquareSum: indices.reduce(0) { $0 + units[$1].weight * units[$1].weight })
        }
        var columns = [column("", Self.total, Array(units.indices))]
        var members: [[Int]] = [Array(units.indices)]
        for variable in variables {
            var groups: [String: [Int]] = [:]
            for (i, unit) in units.enumerated() {
                let value = unit.values[variable].flatMap { $0.isEmpty ? nil : $0 } ?? Self.unknownGroup
                groups[value, default: []].append(i)
            }
            for group in groups.keys.sorted(by: Self.groupOrder) {
                let indices = groups[group, default: []]
                columns.append(column(variable, group, indices))
                members.append(indices)
            }
        }
        func row(_ code: Int?) -> Row {
            var counts: [Int] = []
            var weights: [Double] = []
            var percents: [Double] = []
            for (column, indices) in zip(columns, members) {
                var count = 0
                var weight = 0.0
                for i in indices where code.map({ units[i].codes.contains($0) }) ?? units[i].codes.isEmpty {
                    count += 1
                    weight += units[i].weight
                }
                counts.append(count)
                weights.append(weight)
                percents.append(column.weightSum > 0 ? 100 * weight / column.weightSum : 0)
            }
            return Row(code: code, counts: counts, weightedCounts: weights, percents: percents)
        }
        let codeRows = (0..<codeCount).map { row($0) }
            .sorted { ($0.percents[0], -($0.code ?? 0)) > ($1.percents[0], -($1.code ?? 0)) }
        self.columns = columns
        self.rows = codeRows + [row(nil)]
    }

    /// "(onbekend)" last; otherwise numbers by value, text alphabetically.
    static func groupOrder(_ a: String, _ b: String) -> Bool {
        if a == unknownGroup || b == unknownGroup { return b == unknownGroup && a != unknownGroup }
        if let x = Double(a), let y = Double(b) { return x < y }
        return a.lowercased() < b.lowercased()
    }
}
