import Foundation

/// The statistics behind the significance marks of a theme table: a pooled two-proportion
/// z-test, Kish's effective sample size for weighted proportions, and Holm's adjustment.
public enum Significance {
    /// The standard normal distribution function Φ(x).
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The two-sided p-value of a standard normal statistic: 2 · (1 − Φ(|z|)).
    public static func twoSidedPValue(z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// Kish's effective sample size (Σw)² / Σw²; 0 for an empty or all-zero sample.
    public static func effectiveSampleSize(weightSum: Double, weightSquareSum: Double) -> Double {
        weightSquareSum > 0 ? weightSum * weightSum / weightSquareSum : 0
    }

    /// Kish's effective sample size of a list of weights.
    public static func effectiveSampleSize(weights: some Sequence<Double>) -> Double {
        var sum = 0.0, squares = 0.0
        for w in weights {
            sum += w
            squares += w * w
        }
        return effectiveSampleSize(weightSum: sum, weightSquareSum: squares)
    }

    /// A z statistic and its two-sided p-value.
    public struct ZTest: Sendable, Equatable {
        public let z: Double
        public let p: Double
    }

    /// Pooled two-proportion z-test of p1 (sample size n1) against p2 (n2):
    /// z = (p1 − p2) / √(p̄(1 − p̄)(1/n1 + 1/n2)) with p̄ = (p1·n1 + p2·n2) / (n1 + n2).
    /// Weighted proportions go in with their effective sample sizes. Nil when there is nothing
    /// to test: a side without units, or p̄ of 0 or 1 (both proportions 0, or both 1).
    public static func twoProportionZTest(p1: Double, n1: Double, p2: Double, n2: Double) -> ZTest? {
        guard n1 > 0, n2 > 0 else { return nil }
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return nil }
        let z = (p1 - p2) / variance.squareRoot()
        return ZTest(z: z, p: twoSidedPValue(z: z))
    }

    /// Holm's step-down adjusted p-values, in the order given: sorted ascending, the i-th
    /// smallest (from 1) becomes max over j ≤ i of (m − j + 1) · p₍ⱼ₎, at most 1. A test is
    /// significant at level α when its adjusted p-value is at most α.
    public static func holmAdjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = Array(repeating: 0.0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

/// The significance marks of one theme table.
public struct TableSignificance: Sendable {
    /// Whether a cell's share is significantly above or below that of the other groups.
    public enum Direction: String, Sendable {
        case higher, lower
    }

    /// The test of one cell: its group against the other groups of the same variable combined.
    public struct Cell: Sendable {
        public let z: Double
        public let p: Double
        /// Holm-adjusted when the table was tested with Holm, else equal to `p`.
        public let adjustedP: Double
        /// Set only when significant.
        public let direction: Direction?
    }

    public let alpha: Double
    public let holm: Bool
    /// Per row and column of the table, as in `ThemeTable.rows` and `columns`; nil where no test
    /// was done (the Totaal column, an empty side, no variance).
    public let cells: [[Cell?]]

    /// How many tests the table holds (Holm's m).
    public var testCount: Int { cells.reduce(0) { $0 + $1.count(where: { $0 != nil }) } }
}

extension ThemeTable {
    /// Tests every group column against the other groups of its variable combined, per row,
    /// with weighted proportions and Kish's effective sample sizes; with `holm`, p-values are
    /// adjusted over all tests of the table.
    public func significance(alpha: Double = 0.05, holm: Bool = false) -> TableSignificance {
        precondition(alpha > 0 && alpha < 1, "alpha must lie between 0 and 1")
        // Each variable's groups partition the units, so the rest of a group is the sum of
        // the variable's other columns.
        var variableColumns: [String: [Int]] = [:]
        for (c, column) in columns.enumerated() where !column.variable.isEmpty {
            variableColumns[column.variable, default: []].append(c)
        }
        var tests: [[Significance.ZTest?]] = []
        for row in rows {
            tests.append(columns.indices.map { c -> Significance.ZTest? in
                let column = columns[c]
                guard let siblings = variableColumns[column.variable], column.baseN > 0 else { return nil }
                var restWeight = 0.0, restSquares = 0.0, restHits = 0.0
                for other in siblings where other != c {
                    restWeight += columns[other].weightSum
                    restSquares += columns[other].weightSquareSum
                    restHits += row.weightedCounts[other]
                }
                guard column.weightSum > 0, restWeight > 0 else { return nil }
                return Significance.twoProportionZTest(
                    p1: row.weightedCounts[c] / column.weightSum, n1: column.effectiveN,
                    p2: restHits / restWeight,
                    n2: Significance.effectiveSampleSize(weightSum: restWeight, weightSquareSum: restSquares))
            })
        }
        let flat = tests.flatMap { $0.compactMap { $0?.p } }
        var adjusted = (holm ? Significance.holmAdjusted(flat) : flat)[...]
        let cells = tests.map { row in
            row.map { test -> TableSignificance.Cell? in
                guard let test, let p = adjusted.popFirst() else { return nil }
                let direction: TableSignificance.Direction? = p <= alpha && test.z != 0 ? (test.z > 0 ? .higher : .lower) : nil
                return TableSignificance.Cell(z: test.z, p: test.p, adjustedP: p, direction: direction)
            }
        }
        return TableSignificance(alpha: alpha, holm: holm, cells: cells)
    }
}
