import DuidingAnalysis
import DuidingStore

/// How good the suggestions are and how far coders agree, on a project's reviewed units (all
/// of them, or those of a selection): what `duiding calibration`, `duiding agreement` and the
/// report's appendix show. Read in one snapshot.
public enum ProjectQuality {
    /// The suggestions against the current codes of every reviewed unit.
    public struct Calibration: Sendable {
        /// The codes of the latest version's codebooks of the units, in order.
        public let codes: [String]
        /// Units a coder reviewed.
        public let reviewed: Int
        /// Per code (codebook order): precision, recall and F1 of the suggestions.
        public let perCode: [Evaluation.Score]
        /// Per code: the patterns behind suggestions a coder rejected, with how many units
        /// each misled, most first.
        public let misleadingPatterns: [String: [(pattern: String, units: Int)]]
        /// Per code: reviewed units that have the code but were not suggested it, in import order.
        public let misses: [String: [StoredUnit]]
    }

    /// Shared units below which agreement figures mean little: with fewer, a single unit
    /// moves kappa by more than 0.1 (Krippendorff advises a few dozen units at least).
    public static let meaningfulAgreement = 30

    /// Agreement per code over the units at least two coders reviewed.
    public struct CoderAgreement: Sendable {
        public let coders: [String]
        /// Units reviewed by at least two coders.
        public let sharedUnits: Int
        /// Per code (codebook order): Cohen's kappa (exactly two coders) and Krippendorff's alpha.
        public let perCode: [(code: String, kappa: Double?, alpha: Double?)]
    }

    /// Calibration over the units in `scope` (nil: all).
    public static func calibration(_ store: ProjectStore, scope: Set<String>? = nil) throws -> Calibration {
        let snapshot = try store.snapshot()
        guard let codebooks = snapshot.codebooks else { throw SelectionError("the project has no codebook yet; run `duiding recode`") }
        let reviewed = snapshot.units.filter { unit in
            (scope?.contains(unit.id) ?? true) && snapshot.states[unit.id]?.reviewedBy.isEmpty == false
        }
        let codes = codebooks.codes(of: scope == nil ? snapshot.units : snapshot.units.filter { scope?.contains($0.id) == true }).map(\.id)
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        var pairs: [(suggested: Set<Int>, human: Set<Int>)] = []
        var patterns: [String: [String: Int]] = [:]
        var misses: [String: [StoredUnit]] = [:]
        for unit in reviewed {
            guard let state = snapshot.states[unit.id] else { continue }
            pairs.append((Set(state.suggested.compactMap { index[$0] }), Set(state.codes.compactMap { index[$0] })))
            for code in codes {
                if state.suggested.contains(code) && !state.codes.contains(code) {
                    for p in Set(snapshot.evidence[unit.id, default: []].filter { $0.codeID == code }.map(\.pattern)) {
                        patterns[code, default: [:]][p, default: 0] += 1
                    }
                } else if !state.suggested.contains(code) && state.codes.contains(code) {
                    misses[code, default: []].append(unit)
                }
            }
        }
        return Calibration(codes: codes, reviewed: reviewed.count,
                           perCode: Evaluation(pairs: pairs, codeCount: codes.count).perCode,
                           misleadingPatterns: patterns.mapValues { counts in
                               counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (pattern: $0.key, units: $0.value) }
                           },
                           misses: misses)
    }

    /// Agreement over the units in `scope` (nil: all). A coder's judgement of a unit is the
    /// suggestions overridden by that coder's decisions, on every unit the coder reviewed.
    public static func agreement(_ store: ProjectStore, scope: Set<String>? = nil) throws -> CoderAgreement {
        guard let agreement = try TeamComparison(store, scope: scope).figures().agreement else { throw TeamComparison.noCodebook }
        return agreement
    }
}
