/// Counts of one kind of suggestion against human decisions.
public struct Score: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Decisions scored (answers with a decision on the code).
    public var decisions: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// TP / (TP + FP); 0 when nothing was suggested.
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// TP / (TP + FN); 0 when no decision was positive.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// 2·TP / (2·TP + FP + FN); 0 when there is nothing to find and nothing was suggested.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    mutating func add(suggested: Bool, actual: Bool) {
        switch (suggested, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    static func + (a: Score, b: Score) -> Score {
        Score(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
              falseNegatives: a.falseNegatives + b.falseNegatives, trueNegatives: a.trueNegatives + b.trueNegatives)
    }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

/// Pattern-only, learned-only and combined suggestions of one code against the decisions.
public struct CodeEvaluation: Sendable, Hashable {
    public let codeID: String
    /// Answers with a decision on the code, and how many of them were positive.
    public let decisions: Int
    public let positives: Int
    /// The codebook's patterns alone.
    public let pattern: Score
    /// The model alone, at its own decision boundary (probability ≥ 0.5, whatever the rule); a code
    /// without a model suggests nothing.
    public let learned: Score
    /// Patterns and model by the rule.
    public let combined: Score
}

/// Scores per code and pooled over codes (micro: every (answer, code) decision counts once).
public struct EvaluationReport: Sendable, Hashable {
    /// The rules the combined suggestions followed.
    public let rules: CombinationRules
    /// In the order of the codes evaluated.
    public let perCode: [CodeEvaluation]
    /// Pooled over codes.
    public var microPattern: Score { perCode.reduce(Score()) { $0 + $1.pattern } }
    public var microLearned: Score { perCode.reduce(Score()) { $0 + $1.learned } }
    public var microCombined: Score { perCode.reduce(Score()) { $0 + $1.combined } }
}

/// For each example, what the patterns and a model that never saw it say, per code: the raw
/// material of cross-validation. Any `CombinationRule` can be scored on it without training
/// again, which is how `cautiousRules()` and `bestRules()` choose them.
public struct OutOfFoldPredictions: Sendable {
    /// The codes evaluated, in order (the second index of the arrays below).
    public let codes: [String]
    /// The fold of each example (0..<folds).
    public let fold: [Int]
    /// Number of folds (k).
    public let folds: Int
    /// Per example and code: the decision (nil: undecided).
    public let labels: [[Bool?]]
    /// Per example and code: whether a pattern fired.
    public let patternFires: [[Bool]]
    /// Per example and code: the probability from the model trained without the example's
    /// fold (nil: that model could not be trained, e.g. too few positives).
    public let probabilities: [[Double?]]

    /// Scores of `rules` over all examples.
    public func report(_ rules: CombinationRules) -> EvaluationReport {
        Self.report(rules, codes: codes, labels: labels, patternFires: patternFires, probabilities: probabilities)
    }

    /// Scores of one rule for every code.
    public func report(_ rule: CombinationRule) -> EvaluationReport { report(.uniform(rule)) }

    /// Per code, the candidate with the best F1 on that code's decisions; ties go to the
    /// candidate closest to `preferred` (|Δthreshold| + |Δveto|), then to the higher threshold.
    /// Optimistic: with few decisions it chases chance differences; `cautiousRules()` is the
    /// one to deploy.
    public func bestRules(among candidates: [CombinationRule] = CombinationRule.candidates,
                          preferred: CombinationRule = .standard) -> CombinationRules {
        var perCode: [String: CombinationRule] = [:]
        for (c, code) in codes.enumerated() {
            perCode[code] = Self.best(among: candidates, preferred: preferred) { rule in
                Self.score(rule, code: c, labels: labels, patternFires: patternFires, probabilities: probabilities).combined.f1
            }
        }
        return CombinationRules(perCode)
    }

    /// Per code, the rule to deploy: that code's best rule, but only if it beats the code's
    /// patterns alone by more than `margin` standard errors of the difference in that code's
    /// F1 (a seeded paired bootstrap over answers); otherwise patterns only for that code. So a
    /// model has its say for each code where it has earned it, and nowhere else.
    public func cautiousRules(among candidates: [CombinationRule] = CombinationRule.candidates,
                              preferred: CombinationRule = .standard, margin: Double = 1,
                              resamples: Int = 500, seed: UInt64 = 1) -> CombinationRules {
        let best = bestRules(among: candidates, preferred: preferred)
        var perCode: [String: CombinationRule] = [:]
        for (c, code) in codes.enumerated() {
            let (gain, error) = gainOverPatterns(best, codes: [c], resamples: resamples, seed: seed)
            perCode[code] = gain > margin * error && gain > 0 ? best[code] : .patternsOnly
        }
        return CombinationRules(perCode)
    }

    /// How much better the combined micro-F1 of `rules` over the codes at `codeIndices` is
    /// than the patterns' alone, and the standard error of that difference: answers drawn with
    /// replacement `resamples` times (seeded), both scored on the same draws. Draws where F1 is
    /// undefined are left out.
    public func gainOverPatterns(_ rules: CombinationRules, codes codeIndices: [Int], resamples: Int = 500,
                                 seed: UInt64 = 1) -> (gain: Double, standardError: Double) {
        // Per answer: (TP, FP, FN) of the rules and of the patterns.
        var counts: [(Score, Score)] = []
        counts.reserveCapacity(labels.count)
        for i in labels.indices {
            var ours = Score(), patterns = Score()
            for c in codeIndices {
                guard let actual = labels[i][c] else { continue }
                ours.add(suggested: rules[codes[c]].source(patternFires: patternFires[i][c], probability: probabilities[i][c]) != nil,
                         actual: actual)
                patterns.add(suggested: patternFires[i][c], actual: actual)
            }
            counts.append((ours, patterns))
        }
        let total = counts.reduce((Score(), Score())) { ($0.0 + $1.0, $0.1 + $1.1) }
        let gain = total.0.f1 - total.1.f1
        guard resamples > 1, !counts.isEmpty else { return (gain, 0) }
        var generator = SeededGenerator(seed: seed)
        var sum = 0.0, sumOfSquares = 0.0, drawn = 0
        for _ in 0..<resamples {
            var ours = Score(), patterns = Score()
            for _ in counts.indices {
                let c = counts[generator.below(counts.count)]
                ours = ours + c.0
                patterns = patterns + c.1
            }
            guard ours.truePositives + ours.falsePositives + ours.falseNegatives > 0,
                  patterns.truePositives + patterns.falsePositives + patterns.falseNegatives > 0 else { continue }
            let d = ours.f1 - patterns.f1
            sum += d
            sumOfSquares += d * d
            drawn += 1
        }
        guard drawn > 1 else { return (gain, 0) }
        let n = Double(drawn), mean = sum / n
        return (gain, max(0, (sumOfSquares - n * mean * mean) / (n - 1)).squareRoot())
    }

    /// The candidate with the highest `f1`; ties go to the candidate closest to `preferred`
    /// (|Δthreshold| + |Δveto|), then to the higher threshold.
    static func best(among candidates: [CombinationRule], preferred: CombinationRule, f1 of: (CombinationRule) -> Double) -> CombinationRule {
        var best: (rule: CombinationRule, f1: Double, distance: Double)?
        for rule in candidates {
            let f1 = of(rule)
            let distance = abs(rule.threshold - preferred.threshold) + abs(rule.veto - preferred.veto)
            if let b = best {
                let better = f1 > b.f1 + 1e-12
                    || (abs(f1 - b.f1) <= 1e-12 && (distance < b.distance - 1e-12
                        || (abs(distance - b.distance) <= 1e-12 && rule.threshold > b.rule.threshold)))
                if !better { continue }
            }
            best = (rule, f1, distance)
        }
        return best?.rule ?? preferred
    }

    /// Pattern-only, learned-only and combined scores of the code at index `c`.
    static func score(_ rule: CombinationRule, code c: Int, labels: [[Bool?]], patternFires: [[Bool]],
                      probabilities: [[Double?]]) -> (pattern: Score, learned: Score, combined: Score, positives: Int) {
        var pattern = Score(), learned = Score(), combined = Score()
        var positives = 0
        for i in labels.indices {
            guard let actual = labels[i][c] else { continue }
            if actual { positives += 1 }
            let p = probabilities[i][c]
            pattern.add(suggested: patternFires[i][c], actual: actual)
            learned.add(suggested: p.map { $0 >= 0.5 } ?? false, actual: actual)
            combined.add(suggested: rule.source(patternFires: patternFires[i][c], probability: p) != nil, actual: actual)
        }
        return (pattern, learned, combined, positives)
    }

    static func report(_ rules: CombinationRules, codes: [String], labels: [[Bool?]], patternFires: [[Bool]],
                       probabilities: [[Double?]]) -> EvaluationReport {
        let perCode = codes.enumerated().map { c, code in
            let s = score(rules[code], code: c, labels: labels, patternFires: patternFires, probabilities: probabilities)
            return CodeEvaluation(codeID: code, decisions: s.pattern.decisions, positives: s.positives, pattern: s.pattern,
                                  learned: s.learned, combined: s.combined)
        }
        return EvaluationReport(rules: rules, perCode: perCode)
    }
}

/// Which combination rule a learning curve scores at each point.
public enum RuleSelection: Sendable, Hashable {
    /// The same rules everywhere.
    case fixed(CombinationRules)
    /// At each point, `OutOfFoldPredictions.cautiousRules()` by k-fold cross-validation on the
    /// decisions used at that point, as a deployed system would choose it.
    case crossValidated(k: Int, seed: UInt64)
}

/// One point of a learning curve.
public struct LearningCurvePoint: Sendable, Hashable {
    /// Decided answers the models were trained on (the first ones, in decision order).
    public let decisions: Int
    /// Codes that had a model at this point (in every fold).
    public let codesWithModel: Int
    /// Scores at this point; `report.rule` is the rule used.
    public let report: EvaluationReport
}

/// k-fold cross-validation and learning curves over decided answers.
public enum CrossValidation {
    /// At most `limit` of `items`, drawn without replacement by a seeded shuffle and kept in
    /// their original order; all of them when there are no more than `limit`.
    public static func sample<Item>(_ items: [Item], atMost limit: Int, seed: UInt64) -> [Item] {
        guard items.count > limit else { return items }
        var order = Array(items.indices)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        return order.prefix(limit).sorted().map { items[$0] }
    }

    /// The fold (0..<k) of each of `count` examples: a seeded shuffle dealt round-robin, so
    /// fold sizes differ by at most one. Same count, k and seed → same folds.
    public static func folds(count: Int, k: Int, seed: UInt64) -> [Int] {
        precondition(k >= 1, "cross-validation needs at least one fold")
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        var fold = [Int](repeating: 0, count: count)
        for (position, example) in order.enumerated() { fold[example] = position % k }
        return fold
    }

    /// Trains on all folds but one and predicts that one, for each fold. `k` is capped at the
    /// number of examples. The k × codes models train side by side on `options.workers` threads.
    ///
    /// Each fold's solver starts from zero. (Starting it from the models of all examples saves
    /// Newton steps but leaks: LIBLINEAR stops within its tolerance of the fold's optimum, on
    /// the side of the start, which knew the held-out answers. On 10,000 decided answers that
    /// moved out-of-fold probabilities 0.003 towards the held-out labels and raised combined
    /// micro-F1 from 0.711 to 0.722; a tenfold tighter tolerance removed the leak and most of
    /// the saving.)
    public static func outOfFold(_ examples: [TrainingExample], codes: [String], k: Int = 5, seed: UInt64 = 1,
                                 options: TrainingOptions = .standard) throws -> OutOfFoldPredictions {
        let k = max(1, min(k, examples.count))
        let fold = folds(count: examples.count, k: k, seed: seed)
        let matrix = FeatureMatrix(examples.map(\.features))
        var probabilities = [[Double?]](repeating: [Double?](repeating: nil, count: codes.count), count: examples.count)
        let parts = (0..<k).map { f in examples.indices.filter { fold[$0] != f } }
        let models = try Learner.train(matrix, labels: { examples[$0].label($1) }, parts: parts, codes: codes, options: options)
        for i in examples.indices {
            let all = models[fold[i]].probabilities(for: examples[i].features)
            for (c, code) in codes.enumerated() { probabilities[i][c] = all[code] }
        }
        return OutOfFoldPredictions(codes: codes, fold: fold, folds: k, labels: labels(examples, codes),
                                    patternFires: patternFires(examples, codes), probabilities: probabilities)
    }

    /// Scores trained models on answers they did not learn from (a held-out set).
    public static func evaluate(_ models: LearnedModels, on examples: [TrainingExample], rules: CombinationRules) -> EvaluationReport {
        let probabilities = examples.map { e -> [Double?] in
            let all = models.probabilities(for: e.features)
            return models.codes.map { all[$0] }
        }
        return OutOfFoldPredictions.report(rules, codes: models.codes, labels: labels(examples, models.codes),
                                           patternFires: patternFires(examples, models.codes), probabilities: probabilities)
    }

    /// A learning curve on a fixed evaluation set: for each size n, models trained on the
    /// first n of `training` (in decision order) and scored on `evaluation`. Sizes beyond the
    /// training set are dropped; the whole training set is always the last point.
    public static func learningCurve(training: [TrainingExample], evaluation: [TrainingExample], sizes: [Int], codes: [String],
                                     rule selection: RuleSelection, options: TrainingOptions = .standard) throws -> [LearningCurvePoint] {
        try curveSizes(sizes, available: training.count).map { n in
            let used = Array(training.prefix(n))
            let rules = try choose(selection, used, codes: codes, options: options)
            let models = try Learner.train(used, codes: codes, options: options)
            return LearningCurvePoint(decisions: n, codesWithModel: models.models.count,
                                      report: evaluate(models, on: evaluation, rules: rules))
        }
    }

    /// A cross-validated learning curve: per fold, models trained on the first n of the
    /// other folds' examples (in decision order) predict the fold; scores are pooled over folds,
    /// so every point is scored on all examples. Sizes beyond the smallest training part are
    /// dropped; that part's size is the last point.
    /// `rule` must be `.fixed` here (choosing a rule per fold would need a cross-validation
    /// inside each fold); a `.crossValidated` selection is chosen once on all examples.
    public static func learningCurve(_ examples: [TrainingExample], sizes: [Int], codes: [String], rule selection: RuleSelection,
                                     k: Int = 5, seed: UInt64 = 1, options: TrainingOptions = .standard) throws -> [LearningCurvePoint] {
        let rules = try choose(selection, examples, codes: codes, options: options)
        let k = max(2, min(k, examples.count))
        let fold = folds(count: examples.count, k: k, seed: seed)
        let matrix = FeatureMatrix(examples.map(\.features))
        let smallest = (0..<k).map { f in fold.lazy.filter { $0 != f }.count }.min() ?? 0
        let labels = labels(examples, codes), fires = patternFires(examples, codes)
        return try curveSizes(sizes, available: smallest).map { n in
            var probabilities = [[Double?]](repeating: [Double?](repeating: nil, count: codes.count), count: examples.count)
            var withModel = Set(codes)
            let parts = (0..<k).map { f in Array(examples.indices.filter { fold[$0] != f }.prefix(n)) }
            let models = try Learner.train(matrix, labels: { examples[$0].label($1) }, parts: parts, codes: codes, options: options)
            for m in models { withModel.formIntersection(m.models.keys) }
            for i in examples.indices {
                let all = models[fold[i]].probabilities(for: examples[i].features)
                for (c, code) in codes.enumerated() { probabilities[i][c] = all[code] }
            }
            return LearningCurvePoint(decisions: n, codesWithModel: withModel.count,
                                      report: OutOfFoldPredictions.report(rules, codes: codes, labels: labels, patternFires: fires,
                                                                          probabilities: probabilities))
        }
    }

    static func choose(_ selection: RuleSelection, _ examples: [TrainingExample], codes: [String], options: TrainingOptions) throws -> CombinationRules {
        switch selection {
        case .fixed(let rules): return rules
        case .crossValidated(let k, let seed):
            return try outOfFold(examples, codes: codes, k: k, seed: seed, options: options).cautiousRules(seed: seed)
        }
    }

    /// Sizes up to (not including) `available`, ascending and distinct, then `available`.
    static func curveSizes(_ sizes: [Int], available: Int) -> [Int] {
        Array(Set(sizes.filter { $0 > 0 && $0 < available })).sorted() + (available > 0 ? [available] : [])
    }

    static func labels(_ examples: [TrainingExample], _ codes: [String]) -> [[Bool?]] {
        examples.map { e in codes.map { e.label($0) } }
    }

    static func patternFires(_ examples: [TrainingExample], _ codes: [String]) -> [[Bool]] {
        examples.map { e in codes.map { e.features.patternFires($0) } }
    }
}
