/// How often codes occur together in the same unit (unweighted): for codes a and b the number
/// of units with both, as a share of all units and of the units with a. The diagonal holds the
/// units with each code.
public struct CoOccurrence: Sendable {
    /// All units, with or without codes.
    public let unitCount: Int
    /// `counts[a][b]`: units with both code a and code b (symmetric).
    public let counts: [[Int]]

    public init(units: [CodedUnit], codeCount: Int) {
        var counts = Array(repeating: Array(repeating: 0, count: codeCount), count: codeCount)
        for unit in units {
            let codes = unit.codes.filter { (0..<codeCount).contains($0) }
            for a in codes {
                for b in codes { counts[a][b] += 1 }
            }
        }
        self.unitCount = units.count
        self.counts = counts
    }

    /// Units with both codes, in percent of all units (0 without units).
    public func percentOfUnits(_ a: Int, _ b: Int) -> Double {
        unitCount > 0 ? 100 * Double(counts[a][b]) / Double(unitCount) : 0
    }

    /// Units with both codes, in percent of the units with code a (0 when a never occurs).
    public func percentOfCodeA(_ a: Int, _ b: Int) -> Double {
        counts[a][a] > 0 ? 100 * Double(counts[a][b]) / Double(counts[a][a]) : 0
    }
}
