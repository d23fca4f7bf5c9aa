import DuidingCodebook

/// Where a suggestion comes from.
public enum SuggestionSource: String, Sendable, Hashable, Codable {
    /// A codebook pattern fired, and the code's model (if any) is not confident about it
    /// (its probability lies between the veto and the threshold).
    case pattern
    /// The model is confident (probability ≥ threshold); no pattern fired.
    case learned
    /// A pattern fired and the model is confident.
    case both
}

/// How pattern and learned suggestions combine. A code is suggested when
///
/// 1. a pattern of the code fires and the code has no model, or its model's probability is
///    at least `veto` (the model does not strongly disagree), or
/// 2. the code's model gives a probability of at least `threshold`.
///
/// So patterns keep working from the first answer on; a model adds codes where it is
/// confident and withdraws a pattern's suggestion only where it is confident the other way.
/// `veto` at 0 never withdraws anything. The standard values were chosen by cross-validation
/// on the demo corpus; `OutOfFoldPredictions.cautiousRules()` chooses them per code for a
/// project's own decisions (see docs/learning.md).
public struct CombinationRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A model alone suggests a code at this probability or above.
    public var threshold: Double
    /// A pattern's suggestion is withdrawn when the model's probability is below this.
    public var veto: Double

    public init(threshold: Double, veto: Double) {
        self.threshold = threshold
        self.veto = veto
    }

    /// The best rule of cross-validation on the demo corpus with half its patterns left out
    /// (`duiding-learning-bench explore`); a project should choose its own with `OutOfFoldPredictions.cautiousRules()`.
    public static let standard = CombinationRule(threshold: 0.25, veto: 0.05)

    /// Patterns only: models never add or withdraw anything.
    public static let patternsOnly = CombinationRule(threshold: .infinity, veto: 0)

    /// The grid `OutOfFoldPredictions.cautiousRules()` and `bestRules()` search: thresholds 0.20…0.90 in steps of
    /// 0.05, vetoes 0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3 (not above the threshold).
    public static let candidates: [CombinationRule] = {
        var result: [CombinationRule] = []
        for t in stride(from: 20, through: 90, by: 5) {
            for v in [0, 2, 5, 10, 15, 20, 30] where v <= t {
                result.append(CombinationRule(threshold: Double(t) / 100, veto: Double(v) / 100))
            }
        }
        return result
    }()

    /// Whether the code is suggested, and from where; nil when it is not. `probability` is
    /// nil when the code has no model.
    public func source(patternFires: Bool, probability: Double?) -> SuggestionSource? {
        guard let p = probability else { return patternFires ? .pattern : nil }
        let confident = p >= threshold
        if patternFires { return confident ? .both : (p >= veto ? .pattern : nil) }
        return confident ? .learned : nil
    }

    public var description: String {
        threshold.isInfinite ? "patterns only" : "threshold \(threshold), veto \(veto)"
    }
}

/// A combination rule for each code: every code's model gets the say that cross-validation on
/// that code's own decisions earned it (`OutOfFoldPredictions.cautiousRules()`), so a model
/// that helps one code is not held back, and one that would hurt another is kept out.
public struct CombinationRules: Sendable, Hashable, CustomStringConvertible {
    /// The rule of each code named here.
    public var perCode: [String: CombinationRule]
    /// The rule of every other code.
    public var otherwise: CombinationRule

    public init(_ perCode: [String: CombinationRule] = [:], otherwise: CombinationRule = .patternsOnly) {
        self.perCode = perCode
        self.otherwise = otherwise
    }

    /// The same rule for every code.
    public static func uniform(_ rule: CombinationRule) -> CombinationRules { CombinationRules(otherwise: rule) }

    /// Patterns only, for every code.
    public static let patternsOnly = uniform(.patternsOnly)

    public subscript(code: String) -> CombinationRule { perCode[code] ?? otherwise }

    /// Whether any code's model has a say.
    public var usesModels: Bool { perCode.values.contains { $0 != .patternsOnly } || otherwise != .patternsOnly }

    /// The codes whose rule differs from `otherwise`, then the others, e.g. "caution: threshold
    /// 0.3, veto 0.05; others: patterns only"; just "patterns only" when no code differs.
    public var description: String {
        let named = perCode.keys.sorted().compactMap { code in perCode[code].flatMap { $0 == otherwise ? nil : "\(code): \($0)" } }
        if named.isEmpty { return otherwise.description }
        return (named + ["others: \(otherwise)"]).joined(separator: "; ")
    }
}

/// A suggested code with everything the review page shows about it.
public struct CombinedSuggestion: Sendable, Hashable {
    /// Index of the code in the codebook.
    public let codeIndex: Int
    public let codeID: String
    public let source: SuggestionSource
    /// The model's probability that the code applies; nil when the code has no model.
    public let confidence: Double?
    /// The pattern matches (empty for `.learned`).
    public let patternEvidence: [Evidence]
    /// The model's prediction (nil when the code has no model), with its word evidence where
    /// the model speaks for the suggestion (`.learned`, `.both`); none for `.pattern`.
    public let learned: LearnedPrediction?

    /// The learned evidence: words with their UTF-16 ranges (empty without a model).
    public var learnedEvidence: [WordEvidence] { learned?.evidence ?? [] }

    /// For a tooltip, e.g. "patroon: voorzicht*; geleerd uit 37 beslissingen: voorzichtiger (zeker 91%)".
    public var explanation: String {
        var parts: [String] = []
        if !patternEvidence.isEmpty {
            var seen: Set<String> = []
            parts.append("patroon: " + patternEvidence.map(\.pattern).filter { seen.insert($0).inserted }.joined(separator: ", "))
        }
        if let learned, let confidence {
            parts.append("\(learned.explanation) (zeker \(Int((confidence * 100).rounded()))%)")
        }
        return parts.joined(separator: "; ")
    }
}

/// What the models say about one answer and what is suggested for it.
public struct AnswerAssessment: Sendable {
    /// Per code with a model, in codebook order: the model's probability that it applies.
    public let probabilities: [(codeID: String, probability: Double)]
    /// The suggestions by each code's rule, in codebook order.
    public let suggestions: [CombinedSuggestion]
}

extension LearnedModels {
    /// The suggestions for an answer by each code's rule, in codebook order: pattern
    /// suggestions (from the answer's features) and model predictions combined.
    public func suggestions(for answer: AnswerFeatures, rules: CombinationRules = .uniform(.standard), evidenceLimit: Int = 3) -> [CombinedSuggestion] {
        assess(answer, rules: rules, evidenceLimit: evidenceLimit).suggestions
    }

    /// Every model's probability for an answer and the suggestions by each code's rule. The
    /// decision values of all models come from one pass over the answer's features; evidence
    /// is computed only where a model speaks for a suggestion (`.learned`, `.both`).
    public func assess(_ answer: AnswerFeatures, rules: CombinationRules = .uniform(.standard), evidenceLimit: Int = 3) -> AnswerAssessment {
        let rows = rows(of: answer)
        let z = decisionValues(rows, answer)
        let probabilities = z.map(Self.logistic)
        var result: [CombinedSuggestion] = []
        for (index, code) in codes.enumerated() {
            let patterns = answer.patternSuggestions.first { $0.codeID == code }
            let j = column[index]
            let p = j >= 0 ? probabilities[j] : nil
            guard let source = rules[code].source(patternFires: patterns != nil, probability: p) else { continue }
            let learned = j >= 0 ? prediction(j, z[j], rows, answer, evidenceLimit: source == .pattern ? 0 : evidenceLimit) : nil
            result.append(CombinedSuggestion(codeIndex: patterns?.codeIndex ?? index, codeID: code, source: source,
                                             confidence: p, patternEvidence: patterns?.evidence ?? [], learned: learned))
        }
        return AnswerAssessment(probabilities: zip(modelled, probabilities).map { ($0.codeID, $1) }, suggestions: result)
    }
}
