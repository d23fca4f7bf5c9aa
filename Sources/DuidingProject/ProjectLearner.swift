import DuidingCodebook
import DuidingLearning
import DuidingStore
import Foundation

/// Learning on a project: models per code trained on the project's human decisions only,
/// combined with the codebook's patterns, and their suggestions stored beside the patterns'.
///
/// A learner belongs to one codebook version: it computes every unit's features once and
/// reuses them for each retraining. Decisions are the truth; the stored learned suggestions
/// are a cache that `learn()` rebuilds from them at any time (same decisions → same models →
/// same suggestions).
public final class ProjectLearner: @unchecked Sendable {
    public let store: ProjectStore
    public let version: CodebookVersion
    public let compiled: CompiledCodebook
    private let unitIDs: [String]
    private let features: [AnswerFeatures]
    private let position: [String: Int]
    private let lock = NSLock()

    /// What one training run did.
    public struct Outcome: Sendable {
        /// Per code: a model and its decisions, or why there is none (Dutch, for people).
        public let codes: [(code: String, decisions: Int, status: String)]
        /// How pattern and model combine, per code (chosen by cross-validation on the decisions).
        public let rules: CombinationRules
        /// Answers with at least one human decision.
        public let decidedAnswers: Int
        public let lastDecision: Int64
        /// Codes the models added where no pattern fired, and pattern suggestions they withdrew.
        public let added: Int
        public let withdrawn: Int
        /// Wall-clock seconds of each step of the run, in order: reading the decisions,
        /// training, choosing the rule by cross-validation, predicting every unit, storing.
        public let phases: [(phase: String, seconds: Double)]
    }

    /// Prepares learning for the project's latest codebook version; nil before the first `recode`.
    /// It learns the default codebook on the units it codes: answers to a question with a
    /// codebook of its own are neither learned from nor given learned suggestions.
    public init?(store: ProjectStore) throws {
        guard let version = try store.latestCodebook() else { return nil }
        self.store = store
        self.version = version
        self.compiled = try CompiledCodebook(CodebookLoader.parse(version.yaml, file: "codebook version \(version.id)"))
        let units = try store.units(codedBy: nil)
        self.unitIDs = units.map(\.id)
        self.features = try LearningParallel.features(units.map(\.text), codebook: compiled)
        self.position = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The decided answers as training examples, in the order of their first decision.
    private func examples() throws -> (examples: [TrainingExample], lastDecision: Int64) {
        let (labels, last) = try store.decidedLabels()
        let examples = labels.compactMap { l in
            position[l.unitID].map { TrainingExample(features: features[$0], positives: l.positives, negatives: l.negatives) }
        }
        return (examples, last)
    }

    private var codes: [String] { compiled.codebook.codes.map(\.id) }

    /// The combination rules are chosen by cross-validation on at most this many decided
    /// answers (a seeded sample): its five extra trainings on 10,000 decisions cost four times
    /// the training itself, and a few thousand decisions pin a threshold down as well
    /// (the bootstrap's standard error shrinks with the square root of the sample).
    public static let ruleChoiceSample = 2_000

    /// Trains on every decision so far and stores the learned suggestions. A code with too few
    /// decisions gets no model (and its reason); the models get a say only where
    /// cross-validation on the decisions shows they beat the patterns.
    /// `workers` threads train side by side (the results do not depend on it); the review
    /// server leaves a core free for its requests.
    @discardableResult
    public func learn(workers: Int = LearningParallel.defaultWorkers) throws -> Outcome {
        var options = TrainingOptions.standard
        options.workers = workers
        lock.lock()
        defer { lock.unlock() }
        var phases: [(phase: String, seconds: Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ phase: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            phases.append((phase, Double(now - clock) / 1e9))
            clock = now
        }
        let (examples, last) = try examples()
        lap("decisions")
        let models = try Learner.train(examples, codes: codes, options: options)
        lap("training")
        let rules = models.models.isEmpty || examples.count < 20
            ? CombinationRules.patternsOnly
            : try CrossValidation.outOfFold(CrossValidation.sample(examples, atMost: Self.ruleChoiceSample, seed: 1),
                                            codes: codes, k: 5, seed: 1, options: options).cautiousRules()
        lap("rule")
        var rows: [LearnedSuggestion] = []
        var margins: [(unitID: String, margin: Double)] = []
        var added = 0, withdrawn = 0
        if !models.models.isEmpty {
            let chunks = stride(from: 0, to: features.count, by: Self.chunk).map { $0..<min($0 + Self.chunk, features.count) }
            for part in try LearningParallel.map(chunks, workers: workers, { self.learned($0, models: models, rules: rules) }) {
                rows += part.rows
                margins += part.margins
                added += part.added
                withdrawn += part.withdrawn
            }
        }
        let perCode = codes.map { code -> (code: String, decisions: Int, status: String) in
            switch models.status(of: code) {
            case .trained(let m)?: (code, m.decisions, "model uit \(m.decisions) beslissingen (\(m.positives) met de code)")
            case .untrained(let reason)?: (code, 0, "geen model: \(reason)")
            case nil: (code, 0, "geen model")
            }
        }
        let summary = perCode.map { "\($0.code)\t\($0.decisions)\t\($0.status)" }.joined(separator: "\n") + "\nrules\t\(rules)"
        lap("suggestions")
        try store.storeLearned(rows, margins: margins, version: version.id, lastDecision: last, labels: examples.count, summary: summary)
        lap("store")
        return Outcome(codes: perCode, rules: rules, decidedAnswers: examples.count, lastDecision: last, added: added, withdrawn: withdrawn,
                       phases: phases)
    }

    /// Units per piece of work when the learned suggestions are computed on several threads.
    private static let chunk = 256

    /// The learned suggestions of the units at `range` (in unit order, then codebook order),
    /// each unit's margin (how close its least certain model is to 0.5), and how many codes the
    /// models added and pattern suggestions they withdrew.
    private func learned(_ range: Range<Int>, models: LearnedModels, rules: CombinationRules)
        -> (rows: [LearnedSuggestion], margins: [(unitID: String, margin: Double)], added: Int, withdrawn: Int) {
        var rows: [LearnedSuggestion] = []
        var margins: [(unitID: String, margin: Double)] = []
        var added = 0, withdrawn = 0
        for i in range {
            let answer = features[i]
            let assessment = models.assess(answer, rules: rules)
            if let margin = assessment.probabilities.map({ abs($0.probability - 0.5) }).min() { margins.append((unitIDs[i], margin)) }
            for (code, p) in assessment.probabilities {
                let suggestion = assessment.suggestions.first { $0.codeID == code }
                let evidence = suggestion?.learnedEvidence.map(\.utf16Range) ?? []
                switch suggestion?.source {
                case .learned?:
                    added += 1
                    rows.append(LearnedSuggestion(unitID: unitIDs[i], codeID: code, source: .learned, confidence: p, evidence: evidence))
                case .both?:
                    rows.append(LearnedSuggestion(unitID: unitIDs[i], codeID: code, source: .both, confidence: p, evidence: evidence))
                case nil where answer.patternFires(code):
                    withdrawn += 1
                    rows.append(LearnedSuggestion(unitID: unitIDs[i], codeID: code, source: .vetoed, confidence: p, evidence: []))
                default:
                    break
                }
            }
        }
        return (rows, margins, added, withdrawn)
    }

    /// Answers with at least one human decision (what `evaluation` is computed on).
    public func decidedAnswers() throws -> Int { try examples().examples.count }

    /// The fewest decided answers `evaluation(k:)` needs: two per fold.
    public static func minimumDecidedAnswers(folds k: Int = 5) -> Int { 2 * k }

    /// Honest quality on the decided answers: k-fold cross-validated precision, recall and F1
    /// of pattern-only, learned-only and combined suggestions per code, and a learning curve
    /// (the same figures for models trained on the first n decided answers); nil with fewer
    /// than `minimumDecidedAnswers(folds: k)` decided answers.
    public func evaluation(k: Int = 5, seed: UInt64 = 1) throws -> (report: EvaluationReport, curve: [LearningCurvePoint])? {
        let (examples, _) = try examples()
        guard examples.count >= Self.minimumDecidedAnswers(folds: k) else { return nil }
        let outOfFold = try CrossValidation.outOfFold(examples, codes: codes, k: k, seed: seed)
        let rules = outOfFold.cautiousRules()
        let shown = rules.usesModels ? rules : outOfFold.bestRules()
        let sizes = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400]
        let curve = try CrossValidation.learningCurve(examples, sizes: sizes, codes: codes, rule: .fixed(shown), k: k, seed: seed)
        return (outOfFold.report(shown), curve)
    }
}
