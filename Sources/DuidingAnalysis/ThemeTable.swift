import DuidingCodebook

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
        /// The variable's heading (its label, else its name); "" for the Totaal column.
        public let variableLabel: String
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
        /// Code index in the codebook; nil for a net and for "none of these codes".
        public let code: Int?
        /// Net index in the codebook, for a net's row: units with any of its codes, each once.
        public let net: Int?
        /// How deep the row sits under nets (0 at the top); its codes follow a net one deeper.
        public let depth: Int
        public let counts: [Int]
        /// Sum of the weights of the units counted, per column.
        public let weightedCounts: [Double]
        public let percents: [Double]

        /// The row of units with none of the codes.
        public var isNone: Bool { code == nil && net == nil }
    }

    public let columns: [Column]
    /// Codes and nets ordered by how often they occur in total (weighted), each net followed
    /// by its members in that order; then "none".
    public let rows: [Row]

    /// Computes the table. Groups appear in the variable's `display` order (SPSS value order,
    /// or the project's `--order`), other groups sorted after them, including groups without a
    /// single hit; "(onbekend)" last.
    public init(units: [CodedUnit], codeCount: Int, variables: [String], display: [String: VariableDisplay] = [:],
                tree: CodeTree? = nil) {
        var tally = Tally(codeCount: codeCount, variables: variables, tree: tree)
        for unit in units { tally.add(values: unit.values, weight: unit.weight, codes: unit.codes) }
        self = tally.table(display: display)
    }

    private init(columns: [Column], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }

    /// A theme table counted one respondent at a time, so that no list of them need exist:
    /// per column its base and weight sums, per row and column its count and weight, added up
    /// in the order the respondents come (the same sums as the table of the list).
    public struct Tally: Sendable {
        private let variables: [String]
        private let tree: CodeTree
        private let codeCount: Int
        /// Per column (Totaal, then per variable its groups as met): base n, Σw, Σw², and per
        /// row (codes, nets, "none") the count and Σw of the respondents with it.
        private var total: Cell
        private var groups: [[String: Cell]]

        private struct Cell: Sendable {
            var baseN = 0, weightSum = 0.0, weightSquareSum = 0.0
            var counts: [Int], weights: [Double]
            init(rows: Int) { counts = Array(repeating: 0, count: rows); weights = Array(repeating: 0, count: rows) }
        }

        public init(codeCount: Int, variables: [String], tree: CodeTree? = nil) {
            let tree = tree ?? .flat(codeCount: codeCount)
            precondition(tree.codeParent.count == codeCount, "the code tree is of another codebook")
            self.variables = variables
            self.tree = tree
            self.codeCount = codeCount
            total = Cell(rows: codeCount + tree.netCodes.count + 1)
            groups = Array(repeating: [:], count: variables.count)
        }

        /// Counts one respondent: its values (of the table's variables), weight and codes.
        public mutating func add(values: [String: String], weight: Double, codes: Set<Int>) {
            let rows = codeCount + tree.netCodes.count + 1
            var hits: [Int] = codes.filter { $0 < codeCount }.sorted()
            for (n, members) in tree.netCodes.enumerated() where !codes.isDisjoint(with: members) { hits.append(codeCount + n) }
            if codes.isEmpty { hits.append(rows - 1) }
            func count(_ cell: inout Cell) {
                cell.baseN += 1
                cell.weightSum += weight
                cell.weightSquareSum += weight * weight
                for r in hits {
                    cell.counts[r] += 1
                    cell.weights[r] += weight
                }
            }
            count(&total)
            for (v, variable) in variables.enumerated() {
                let value = values[variable].flatMap { $0.isEmpty ? nil : $0 } ?? ThemeTable.unknownGroup
                count(&groups[v][value, default: Cell(rows: rows)])
            }
        }

        /// The table of the respondents counted, groups in `display`'s order (see `ThemeTable.init`).
        public func table(display: [String: VariableDisplay] = [:]) -> ThemeTable {
            func column(_ variable: String, _ group: String, _ cell: Cell) -> Column {
                let label = variable.isEmpty ? "" : display[variable].flatMap { $0.label.isEmpty ? nil : $0.label } ?? variable
                return Column(variable: variable, variableLabel: label, group: group, baseN: cell.baseN,
                              weightSum: cell.weightSum, weightSquareSum: cell.weightSquareSum)
            }
            var columns = [column("", ThemeTable.total, total)]
            var cells = [total]
            for (v, variable) in variables.enumerated() {
                for group in ThemeTable.inOrder(Array(groups[v].keys), display[variable]?.order ?? []) {
                    let cell = groups[v][group] ?? Cell(rows: total.counts.count)
                    columns.append(column(variable, group, cell))
                    cells.append(cell)
                }
            }
            func row(_ r: Int, code: Int? = nil, net: Int? = nil) -> Row {
                Row(code: code, net: net, depth: 0, counts: cells.map { $0.counts[r] }, weightedCounts: cells.map { $0.weights[r] },
                    percents: zip(columns, cells).map { column, cell in column.weightSum > 0 ? 100 * cell.weights[r] / column.weightSum : 0 })
            }
            let codeRows = (0..<codeCount).map { row($0, code: $0) }
            let netRows = tree.netCodes.indices.map { row(codeCount + $0, net: $0) }
            // Siblings by weighted total; at a tie a net before a code, then in codebook order.
            func sorted(_ rows: [Row]) -> [Row] {
                rows.sorted { a, b in
                    if a.percents[0] != b.percents[0] { return a.percents[0] > b.percents[0] }
                    if (a.net == nil) != (b.net == nil) { return a.net != nil }
                    return (a.net ?? a.code ?? 0) < (b.net ?? b.code ?? 0)
                }
            }
            /// The rows directly in net `parent` (nil: at the top).
            func children(of parent: Int?) -> [Row] {
                let nets: [Row] = netRows.enumerated().filter { tree.netParent[$0.offset] == parent }.map(\.element)
                let codes: [Row] = codeRows.enumerated().filter { tree.codeParent[$0.offset] == parent }.map(\.element)
                return nets + codes
            }
            var ordered: [Row] = []
            func place(_ rows: [Row], depth: Int) {
                for r in sorted(rows) {
                    ordered.append(Row(code: r.code, net: r.net, depth: depth, counts: r.counts, weightedCounts: r.weightedCounts, percents: r.percents))
                    if let n = r.net { place(children(of: n), depth: depth + 1) }
                }
            }
            place(children(of: nil), depth: 0)
            return ThemeTable(columns: columns, rows: ordered + [row(total.counts.count - 1)])
        }
    }

    /// `order`'s values first, in that order; then the others, numbers by value, text
    /// alphabetically; "(onbekend)" last.
    static func inOrder(_ groups: [String], _ order: [String]) -> [String] {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return groups.sorted { a, b in
            switch (rank[a], rank[b]) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return groupOrder(a, b)
            }
        }
    }

    /// "(onbekend)" last; otherwise numbers by value, text alphabetically.
    static func groupOrder(_ a: String, _ b: String) -> Bool {
        if a == unknownGroup || b == unknownGroup { return b == unknownGroup && a != unknownGroup }
        if let x = Double(a), let y = Double(b) { return x < y }
        return a.lowercased() < b.lowercased()
    }
}

/// How a table shows a variable: its heading and the order of its groups (what SPSS value
/// labels give, or the project's `duiding variable` settings).
public struct VariableDisplay: Sendable, Hashable {
    /// The heading; "" for the variable's name.
    public var label: String
    /// Values in the order tables show them; values not listed follow.
    public var order: [String]

    public init(label: String = "", order: [String] = []) {
        self.label = label
        self.order = order
    }
}
