import Foundation

/// A feature's frequency, as quanteda's `textstat_frequency` reports it.
public struct FeatureFrequency: Sendable, Hashable, Codable {
    public let feature: String
    /// Occurrences in the texts counted.
    public let frequency: Int
    /// 1 for the most frequent; ties share the lowest rank of their run ("min", quanteda's
    /// default): frequencies 11, 10, 10, 9 rank 1, 2, 2, 4.
    public let rank: Int
    /// Number of texts with the feature at least once.
    public let docfreq: Int

    public init(feature: String, frequency: Int, rank: Int, docfreq: Int) {
        self.feature = feature
        self.frequency = frequency
        self.rank = rank
        self.docfreq = docfreq
    }
}

/// Two adjacent words that occur together more often than their own frequencies predict.
public struct Collocation: Sendable, Hashable, Codable {
    /// The two words, joined by a space.
    public let collocation: String
    public let count: Int
    /// Log odds ratio of the pair's 2×2 table, with 0.5 added to every cell.
    public let lambda: Double
    /// lambda divided by its asymptotic standard error √(Σ 1/(nᵢⱼ + 0.5)).
    public let z: Double

    public init(collocation: String, count: Int, lambda: Double, z: Double) {
        self.collocation = collocation
        self.count = count
        self.lambda = lambda
        self.z = z
    }
}

/// Keyness test statistic: Pearson's χ² with Yates's continuity correction, or the
/// likelihood-ratio G² (without correction).
public enum KeynessMeasure: String, Sendable, CaseIterable, Codable {
    case chi2, lr
}

/// One feature's keyness: how much more (statistic > 0) or less (< 0) often the target group
/// uses it than the reference group.
public struct Keyness: Sendable, Hashable, Codable {
    public let feature: String
    /// χ² or G², signed: negative when the target has fewer occurrences than expected.
    public let statistic: Double
    /// Upper tail of χ² with 1 degree of freedom at |statistic|.
    public let p: Double
    /// Occurrences in the target group and in the reference group.
    public let nTarget: Int
    public let nReference: Int

    public init(feature: String, statistic: Double, p: Double, nTarget: Int, nReference: Int) {
        self.feature = feature
        self.statistic = statistic
        self.p = p
        self.nTarget = nTarget
        self.nReference = nReference
    }
}

/// Keyness of every feature of a target group against the rest, and what was compared.
public struct KeynessResult: Sendable {
    public let variable: String
    public let value: String
    public let measure: KeynessMeasure
    /// Features by statistic, highest first.
    public var rows: [Keyness]
    /// Texts in the target group and in the reference group.
    public let targetTexts: Int
    public let referenceTexts: Int
    /// Texts without a value for the variable (e.g. interview turns), in neither group.
    public let textsWithoutValue: Int
    /// Feature occurrences in each group (the column totals of every 2×2 table).
    public let targetTotal: Int
    public let referenceTotal: Int
}

/// A target group for keyness, written `VARIABLE=VALUE`.
public struct GroupSelection: Sendable, Hashable {
    public let variable: String
    public let value: String

    public init(variable: String, value: String) {
        self.variable = variable
        self.value = value
    }

    /// Reads `geslacht=vrouw`; the value is everything after the first `=`.
    public init(parsing spec: String) throws {
        guard let equals = spec.firstIndex(of: "="), equals != spec.startIndex else {
            throw ExploreError("`\(spec)` is not VARIABLE=VALUE (such as geslacht=vrouw)")
        }
        variable = String(spec[..<equals])
        value = String(spec[spec.index(after: equals)...])
    }
}

extension ExploreCorpus {
    /// Features by frequency, most frequent first; ties by feature text. `top` keeps the first
    /// rows only.
    public func frequency(_ options: FeatureOptions, top: Int? = nil) -> [FeatureFrequency] {
        let counts = countFeatures(options, inTexts: selectedTexts)
        let order = counts.keys.indices.map { (i: $0, text: featureText(counts.keys[$0], stems: options.stems)) }
            .sorted { counts.counts[$0.i] != counts.counts[$1.i] ? counts.counts[$0.i] > counts.counts[$1.i] : $0.text < $1.text }
        var rows: [FeatureFrequency] = []
        rows.reserveCapacity(min(order.count, top ?? order.count))
        var rank = 0
        for (position, entry) in order.enumerated() {
            if let top, position >= top { break }
            let frequency = counts.counts[entry.i]
            if position == 0 || frequency != rows[position - 1].frequency { rank = position + 1 }
            rows.append(FeatureFrequency(feature: entry.text, frequency: frequency, rank: rank, docfreq: counts.docfreq[entry.i]))
        }
        return rows
    }

    /// Adjacent word pairs (within a clause; with `removeStopWords`, pairs of two words that are
    /// not stop words) occurring at least `minCount` times, by z, highest first.
    ///
    /// For a pair (a, b), the 2×2 table counts all eligible pairs of the corpus: n₁₁ = a b,
    /// n₁₂ = a followed by another word, n₂₁ = another word followed by b, n₂₂ = the rest.
    /// lambda = log((n₁₁+½)(n₂₂+½) / ((n₁₂+½)(n₂₁+½))), z = lambda / √(Σ 1/(nᵢⱼ+½)): the
    /// statistics of quanteda's `textstat_collocations` (size 2, smoothing 0.5; Blaheta and
    /// Johnson 2001).
    public func collocations(stems: Bool = false, removeStopWords: Bool = true, minCount: Int = 2, top: Int? = nil) -> [Collocation] {
        let options = FeatureOptions(ngrams: 2, stems: stems, removeStopWords: removeStopWords)
        let pairs = countFeatures(options, inTexts: selectedTexts)
        var first: [Int32: Int] = [:], second: [Int32: Int] = [:]
        for (key, count) in zip(pairs.keys, pairs.counts) {
            first[key.a, default: 0] += count
            second[key.b, default: 0] += count
        }
        let n = Double(pairs.total)
        var rows: [Collocation] = []
        for (key, count) in zip(pairs.keys, pairs.counts) where count >= minCount {
            let n11 = Double(count)
            let n12 = Double(first[key.a, default: 0]) - n11
            let n21 = Double(second[key.b, default: 0]) - n11
            let n22 = n - n11 - n12 - n21
            let (lambda, z) = ExploreStatistics.logOddsRatio(n11, n12, n21, n22, smoothing: 0.5)
            rows.append(Collocation(collocation: featureText(key, stems: stems), count: count, lambda: lambda, z: z))
        }
        rows.sort { $0.z != $1.z ? $0.z > $1.z : $0.count != $1.count ? $0.count > $1.count : $0.collocation < $1.collocation }
        if let top, rows.count > top { rows.removeLast(rows.count - top) }
        return rows
    }

    /// The texts' values of a variable with their counts, most frequent first.
    public func values(of variable: String) -> [(value: String, texts: Int)] {
        var counts: [String: Int] = [:]
        for t in selectedTexts { if let v = texts[t].values[variable] { counts[v, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// Keyness of every feature in the texts with `group.variable == group.value` (target)
    /// against the texts with another value (reference), as quanteda's `textstat_keyness`:
    /// per feature the 2×2 table (feature, all other features) × (target, reference), the
    /// statistic signed by whether the target has more than expected, sorted highest first.
    /// Texts without the variable are in neither group.
    public func keyness(_ group: GroupSelection, measure: KeynessMeasure = .chi2, options: FeatureOptions = FeatureOptions(),
                        top: Int? = nil) throws -> KeynessResult {
        guard variables.contains(group.variable) else {
            throw ExploreError("there is no variable `\(group.variable)`; the variables are: "
                + (variables.isEmpty ? "(none)" : variables.map { "`\($0)`" }.joined(separator: ", ")))
        }
        let values = values(of: group.variable)
        guard values.contains(where: { $0.value == group.value }) else {
            throw ExploreError("`\(group.variable)` has no value `\(group.value)`; its values are: "
                + values.map { "`\($0.value)` (\($0.texts))" }.joined(separator: ", "))
        }
        var target: [Int] = [], reference: [Int] = []
        var without = 0
        for t in selectedTexts {
            guard let v = texts[t].values[group.variable] else { without += 1; continue }
            if v == group.value { target.append(t) } else { reference.append(t) }
        }
        guard !reference.isEmpty else {
            throw ExploreError("every answer with `\(group.variable)` has the value `\(group.value)`; keyness needs answers with another value to compare with")
        }
        let inTarget = countFeatures(options, inTexts: target)
        let inReference = countFeatures(options, inTexts: reference)
        var keys = inTarget.keys
        for key in inReference.keys where inTarget.index[key] == nil { keys.append(key) }
        let targetTotal = Double(inTarget.total), referenceTotal = Double(inReference.total)
        var rows: [Keyness] = []
        rows.reserveCapacity(keys.count)
        for key in keys {
            let a = inTarget.index[key].map { inTarget.counts[$0] } ?? 0
            let b = inReference.index[key].map { inReference.counts[$0] } ?? 0
            let table = (Double(a), Double(b), targetTotal - Double(a), referenceTotal - Double(b))
            let statistic = measure == .chi2 ? ExploreStatistics.chiSquaredYates(table) : ExploreStatistics.likelihoodRatio(table)
            let expected = (Double(a) + Double(b)) * targetTotal / (targetTotal + referenceTotal)
            let signed = Double(a) < expected ? -statistic : statistic
            rows.append(Keyness(feature: featureText(key, stems: options.stems), statistic: signed,
                                p: ExploreStatistics.chiSquaredUpperTail(statistic), nTarget: a, nReference: b))
        }
        rows.sort { $0.statistic != $1.statistic ? $0.statistic > $1.statistic : $0.feature < $1.feature }
        if let top, rows.count > top { rows.removeLast(rows.count - top) }
        return KeynessResult(variable: group.variable, value: group.value, measure: measure, rows: rows,
                             targetTexts: target.count, referenceTexts: reference.count, textsWithoutValue: without,
                             targetTotal: inTarget.total, referenceTotal: inReference.total)
    }
}

/// The statistics of `duiding explore`, on 2×2 tables written (n₁₁, n₁₂, n₂₁, n₂₂), i.e.
/// (top left, top right, bottom left, bottom right).
public enum ExploreStatistics {
    /// Pearson's χ² with Yates's continuity correction, as R's `chisq.test(correct = TRUE)` and
    /// SciPy's `chi2_contingency(correction=True)` compute it: every |O − E| is reduced by
    /// ½ but not below 0. 0 when a row or column is empty.
    public static func chiSquaredYates(_ t: (Double, Double, Double, Double)) -> Double {
        guard let e = expected(t) else { return 0 }
        let observed = [t.0, t.1, t.2, t.3]
        var sum = 0.0
        for i in 0..<4 {
            let d = max(0, abs(observed[i] - e[i]) - 0.5)
            sum += d * d / e[i]
        }
        return sum
    }

    /// The likelihood-ratio statistic G² = 2 Σ O ln(O / E) (0 ln 0 = 0), as SciPy's
    /// `power_divergence(lambda_="log-likelihood")`; no Williams correction. 0 when a row or
    /// column is empty.
    public static func likelihoodRatio(_ t: (Double, Double, Double, Double)) -> Double {
        guard let e = expected(t) else { return 0 }
        let observed = [t.0, t.1, t.2, t.3]
        var sum = 0.0
        for i in 0..<4 where observed[i] > 0 { sum += observed[i] * log(observed[i] / e[i]) }
        return max(0, 2 * sum)
    }

    /// P(X ≥ x) for χ² with 1 degree of freedom: erfc(√(x/2)).
    public static func chiSquaredUpperTail(_ x: Double) -> Double {
        x <= 0 ? 1 : erfc((x / 2).squareRoot())
    }

    /// Log odds ratio of a 2×2 table with `smoothing` added to each cell, and its z (the log
    /// odds ratio over its asymptotic standard error).
    public static func logOddsRatio(_ n11: Double, _ n12: Double, _ n21: Double, _ n22: Double,
                                    smoothing: Double) -> (lambda: Double, z: Double) {
        let cells = [n11, n12, n21, n22].map { $0 + smoothing }
        let lambda = log(cells[0]) - log(cells[1]) - log(cells[2]) + log(cells[3])
        let se = cells.reduce(0) { $0 + 1 / $1 }.squareRoot()
        return (lambda, lambda / se)
    }

    /// Expected counts under independence, or nil when a row or column sums to 0.
    private static func expected(_ t: (Double, Double, Double, Double)) -> [Double]? {
        let n = t.0 + t.1 + t.2 + t.3
        let row1 = t.0 + t.1, row2 = t.2 + t.3, col1 = t.0 + t.2, col2 = t.1 + t.3
        guard row1 > 0, row2 > 0, col1 > 0, col2 > 0 else { return nil }
        return [row1 * col1 / n, row1 * col2 / n, row2 * col1 / n, row2 * col2 / n]
    }
}
