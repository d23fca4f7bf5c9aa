/// Agreement between coders on whether a code applies, per unit.
public enum Agreement {
    /// Cohen's kappa for two coders' yes/no judgements of the same units; nil when it is
    /// undefined (both coders always gave the same single answer).
    public static func cohensKappa(_ pairs: [(Bool, Bool)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        let agree = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        let yesA = Double(pairs.filter(\.0).count) / n
        let yesB = Double(pairs.filter(\.1).count) / n
        let chance = yesA * yesB + (1 - yesA) * (1 - yesB)
        guard chance < 1 else { return nil }
        return (agree - chance) / (1 - chance)
    }

    /// Krippendorff's alpha for nominal data. `units` holds per unit the value each coder gave
    /// (nil where a coder did not code the unit); units with fewer than two values are not
    /// pairable and are left out. Nil when undefined (no pairable unit, or no variation at all).
    public static func krippendorffAlpha(_ units: [[Int?]]) -> Double? {
        var coincidence: [Int: [Int: Double]] = [:]
        for unit in units {
            let values = unit.compactMap { $0 }
            let m = Double(values.count)
            guard values.count >= 2 else { continue }
            for (i, a) in values.enumerated() {
                for (j, b) in values.enumerated() where i != j {
                    coincidence[a, default: [:]][b, default: 0] += 1 / (m - 1)
                }
            }
        }
        let totals = coincidence.mapValues { $0.values.reduce(0, +) }
        let n = totals.values.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0
        for (a, row) in coincidence { for (b, count) in row where a != b { observed += count } }
        var expected = 0.0
        for (a, na) in totals { for (b, nb) in totals where a != b { expected += na * nb } }
        expected /= (n - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }
}
