import CLiblinear
import DuidingCodebook
import Foundation
import Testing
@testable import DuidingLearning

@Suite("Features")
struct FeatureTests {
    @Test func wordsStemsBigramsNgramsAndPatternsWithNames() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get(), recordsNames: true)
        let a = try featurizer.features(of: "Ik slaap slecht")
        let names = Set(a.featureIDs.compactMap { featurizer.name(of: $0) })
        for expected in ["w:slaap", "s:slap", "w:slecht", "b:slaap slecht", "b:ik slaap", "c:<sla", "c:aap>", "c:slec",
                         "p:sleep", "r:sleep:slaap*"] {
            #expect(names.contains(expected), "\(expected) missing from \(names.sorted())")
        }
        #expect(a.featureIDs == a.featureIDs.sorted())
        #expect(Set(a.featureIDs).count == a.featureIDs.count)
        let norm = a.featureValues.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-12)
        #expect(a.patternFires("sleep") && !a.patternFires("fear"))
    }

    @Test func wordsAreFoldedAndRangesPointIntoTheText() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let text = "😟 Geïrriteerd, m'n slaap is wég"
        let a = try featurizer.features(of: text)
        let units = Array(text.utf16)
        #expect(a.words.map(\.folded) == ["geirriteerd", "mijn", "slaap", "is", "weg"])
        #expect(a.words.map { String(decoding: units[$0.utf16Range], as: UTF16.self) } == ["Geïrriteerd", "m'n", "slaap", "is", "wég"])
    }

    @Test func negationScopeFollowsTheCodebookRule() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get(), recordsNames: true)
        let a = try featurizer.features(of: "Ik ben niet bang maar wel voorzichtig")
        #expect(a.words.filter(\.isNegated).map(\.folded) == ["bang"])
        let names = Set(a.featureIDs.compactMap { featurizer.name(of: $0) })
        #expect(names.contains("w¬:bang") && !names.contains("w:bang") && names.contains("w:voorzichtig"))
        let after = try featurizer.features(of: "ik vermijd niemand, ik ga gewoon")
        #expect(after.words.filter(\.isNegated).map(\.folded) == ["vermijd"])
        // A clause boundary ends the scope.
        let clause = try featurizer.features(of: "niet echt. bang wel")
        #expect(clause.words.filter(\.isNegated).map(\.folded) == ["echt"])
    }

    @Test func parallelFeaturesEqualSequentialOnes() throws {
        let compiled = try Fixtures.compiled.get()
        let texts = Fixtures.answers(60, seed: 3).map(\.text)
        let featurizer = try Featurizer(compiled)
        let sequential = try texts.map { try featurizer.features(of: $0) }
        #expect(try LearningParallel.features(texts, codebook: compiled, workers: 3) == sequential)
    }
}

@Suite("Training")
struct TrainingTests {
    func examples(_ count: Int = 120, seed: UInt64 = 7) throws -> [TrainingExample] {
        try Featurizer(Fixtures.compiled.get()).examples(Fixtures.answers(count, seed: seed))
    }

    @Test func sameDecisionsGiveIdenticalModelsAndPredictions() throws {
        let first = try Learner.train(examples(), codes: Fixtures.codes)
        let again = try Learner.train(examples(), codes: Fixtures.codes)
        var oneThread = TrainingOptions.standard
        oneThread.workers = 1
        let sequential = try Learner.train(examples(), codes: Fixtures.codes, options: oneThread)
        #expect(!first.models.isEmpty)
        for other in [again, sequential] {
            #expect(other.vocabulary == first.vocabulary)
            #expect(other.models == first.models)  // bit for bit: every weight and the intercept
            #expect(other.reasons == first.reasons)
        }
        let probe = try examples(30, seed: 99)
        for e in probe {
            #expect(first.predictions(for: e.features) == again.predictions(for: e.features))
            #expect(first.suggestions(for: e.features) == sequential.suggestions(for: e.features))
        }
        // A persisted model predicts the same.
        let decoded = try JSONDecoder().decode(LearnedModels.self, from: JSONEncoder().encode(first))
        #expect(decoded.models == first.models)
        for e in probe { #expect(decoded.probabilities(for: e.features) == first.probabilities(for: e.features)) }
    }

    /// Cross-validation trains all folds' and codes' models side by side; how many threads do
    /// it must not change a single probability.
    @Test func crossValidationDoesNotDependOnThreads() throws {
        var one = TrainingOptions.standard, three = TrainingOptions.standard
        one.workers = 1
        three.workers = 3
        let sequential = try CrossValidation.outOfFold(examples(), codes: Fixtures.codes, k: 4, seed: 3, options: one)
        let parallel = try CrossValidation.outOfFold(examples(), codes: Fixtures.codes, k: 4, seed: 3, options: three)
        #expect(sequential.probabilities.joined().contains { $0 != nil })
        #expect(parallel.probabilities == sequential.probabilities)
    }

    @Test func probabilitiesAreLiblinearsOwn() throws {
        let models = try Learner.train(examples(), codes: Fixtures.codes)
        let model = try #require(models.models["sleep"])
        for e in try examples(20, seed: 5) {
            let rows = models.rows(of: e.features)
            var pairs: [(Int32, Double)] = []
            for (i, r) in rows.enumerated() where r >= 0 { pairs.append((r + 1, e.features.featureValues[i])) }
            pairs.sort { $0.0 < $1.0 }
            let weights = model.weights + [model.intercept / models.options.bias]
            let theirs = duiding_linear_probability(weights, Int32(model.weights.count), models.options.bias, pairs.map(\.0),
                                                    pairs.map(\.1), Int32(pairs.count))
            let ours = try #require(models.probability(of: "sleep", for: e.features))
            #expect(abs(ours - theirs) < 1e-12, "\(ours) vs LIBLINEAR \(theirs)")
        }
    }

    @Test func tooFewPositivesOrOneClassGetNoModelAndAReason() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        var answers = Fixtures.answers(40, seed: 11)
        // `fear` positive on exactly three answers, negative on the rest.
        var fearPositives = 0
        for i in answers.indices {
            answers[i].positives.remove("fear")
            answers[i].negatives.insert("fear")
            if fearPositives < 3, i % 5 == 0 {
                answers[i].positives.insert("fear"); answers[i].negatives.remove("fear"); fearPositives += 1
            }
        }
        // `rare` is never positive; a fourth code is never decided; `sleep` has three negatives only.
        var sleepNegatives = 0
        for i in answers.indices {
            if answers[i].negatives.contains("sleep") {
                if sleepNegatives < 3 { sleepNegatives += 1 } else { answers[i].negatives.remove("sleep") }
            }
        }
        let models = try Learner.train(featurizer.examples(answers), codes: Fixtures.codes + ["undecided"])
        #expect(models.models.isEmpty)
        #expect(models.reasons["fear"] == .tooFewPositives(3))
        #expect(models.reasons["rare"] == .oneClassOnly)
        #expect(models.reasons["sleep"] == .tooFewNegatives(3))
        #expect(models.reasons["undecided"] == .noDecisions)
        #expect(models.status(of: "fear") == .untrained(.tooFewPositives(3)))
        #expect(models.status(of: "nope") == nil)
        // Without models, suggestions are the patterns' own.
        let e = try featurizer.features(of: "ik slaap slecht en ben bang")
        #expect(models.suggestions(for: e).map(\.source) == [.pattern, .pattern])
        #expect(models.suggestions(for: e).allSatisfy { $0.confidence == nil && $0.learned == nil })
    }

    @Test func contradictoryAndUnknownLabelsAreLeftOut() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let e = try featurizer.features(of: "ik slaap slecht")
        let example = TrainingExample(features: e, positives: ["sleep", "fear", "unknown"], negatives: ["fear"])
        #expect(example.label("sleep") == true)
        #expect(example.label("fear") == nil)
        #expect(example.label("rare") == nil)
    }
}

@Suite("Evidence and suggestions")
struct EvidenceTests {
    @Test func learnedEvidencePointsAtTheWords() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let models = try Learner.train(featurizer.examples(Fixtures.answers(200, seed: 21)), codes: Fixtures.codes)
        let text = "Geïrriteerd 😟, ik lig ’s nachts wakker en heb nachtmerries"
        let answer = try featurizer.features(of: text)
        let prediction = try #require(models.prediction(of: "sleep", for: answer))
        #expect(prediction.probability > 0.5)
        #expect(!prediction.evidence.isEmpty && prediction.evidence.count <= 3)
        let units = Array(text.utf16)
        for e in prediction.evidence {
            #expect(String(decoding: units[e.utf16Range], as: UTF16.self) == e.word)
            #expect(answer.words.contains { $0.utf16Range == e.utf16Range })
            #expect(e.contribution > 0)
        }
        #expect(prediction.evidence.map(\.contribution) == prediction.evidence.map(\.contribution).sorted(by: >))
        #expect(Set(prediction.evidence.map(\.word)).isSubset(of: ["nachtmerries", "wakker", "nachts", "’s", "lig", "heb"]),
                "\(prediction.evidence.map(\.word))")
        #expect(prediction.evidence.contains { $0.word == "nachtmerries" || $0.word == "wakker" })
        #expect(prediction.explanation.hasPrefix("geleerd uit 200 beslissingen: "))

        // No pattern fires here, so the combined suggestion is learned, with the same evidence.
        let combined = models.suggestions(for: answer, rules: .uniform(CombinationRule(threshold: 0.5, veto: 0.05)))
        let sleep = try #require(combined.first { $0.codeID == "sleep" })
        #expect(sleep.source == .learned && sleep.patternEvidence.isEmpty && sleep.learnedEvidence == prediction.evidence)
        #expect(sleep.explanation.contains("geleerd uit 200 beslissingen"))
    }

    @Test func theRuleCombinesPatternAndModel() {
        let rule = CombinationRule(threshold: 0.6, veto: 0.1)
        #expect(rule.source(patternFires: true, probability: nil) == .pattern)
        #expect(rule.source(patternFires: false, probability: nil) == nil)
        #expect(rule.source(patternFires: true, probability: 0.05) == nil)     // the model strongly disagrees
        #expect(rule.source(patternFires: true, probability: 0.1) == .pattern)
        #expect(rule.source(patternFires: true, probability: 0.6) == .both)
        #expect(rule.source(patternFires: false, probability: 0.59) == nil)
        #expect(rule.source(patternFires: false, probability: 0.6) == .learned)
        #expect(CombinationRule.patternsOnly.source(patternFires: false, probability: 1) == nil)
        #expect(CombinationRule.patternsOnly.source(patternFires: true, probability: 0) == .pattern)
    }

    @Test func learningBeatsPatternsOnHeldOutAnswers() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let training = try featurizer.examples(Fixtures.answers(100, seed: 31))
        let heldOut = try featurizer.examples(Fixtures.answers(60, seed: 32))
        let oof = try CrossValidation.outOfFold(training, codes: Fixtures.codes, k: 5, seed: 1)
        let rules = oof.cautiousRules()
        #expect(rules["sleep"] != .patternsOnly)  // the model has clearly earned its say here
        let models = try Learner.train(training, codes: Fixtures.codes)
        let report = CrossValidation.evaluate(models, on: heldOut, rules: rules)
        let sleep = try #require(report.perCode.first { $0.codeID == "sleep" })
        #expect(sleep.combined.f1 > sleep.pattern.f1 + 0.2, "sleep: pattern \(sleep.pattern.f1), combined \(sleep.combined.f1)")
        #expect(report.microCombined.f1 > report.microPattern.f1 + 0.1,
                "micro: pattern \(report.microPattern.f1), combined \(report.microCombined.f1)")
        // The model learned not to trust `slaap*` in `slaapzak`.
        let slaapzak = try featurizer.features(of: "De slaapzak ligt nog in de auto")
        #expect(slaapzak.patternFires("sleep"))
        #expect(!models.suggestions(for: slaapzak, rules: rules).contains { $0.codeID == "sleep" })
    }
}

@Suite("Cross-validation")
struct CrossValidationTests {
    @Test func aSampleIsSeededOrderedAndWithoutRepeats() {
        let items = Array(0..<1000)
        let a = CrossValidation.sample(items, atMost: 100, seed: 7)
        #expect(a.count == 100 && Set(a).count == 100)
        #expect(a == a.sorted())
        #expect(a == CrossValidation.sample(items, atMost: 100, seed: 7))
        #expect(a != CrossValidation.sample(items, atMost: 100, seed: 8))
        #expect(CrossValidation.sample(items, atMost: 1000, seed: 7) == items)
    }

    @Test func foldsAreSeededAndBalanced() {
        let a = CrossValidation.folds(count: 23, k: 5, seed: 42)
        #expect(a == CrossValidation.folds(count: 23, k: 5, seed: 42))
        #expect(a != CrossValidation.folds(count: 23, k: 5, seed: 43))
        let sizes = (0..<5).map { f in a.filter { $0 == f }.count }
        #expect(sizes.sorted() == [4, 5, 5, 5, 4].sorted())
    }

    /// Figures for fixed out-of-fold predictions, computed by hand.
    @Test func scoresMatchAHandComputation() {
        // Six answers, one code. Decisions: + + + − − (undecided).
        // pattern fires on 1, 4, 6;  probabilities 0.9, 0.3, 0.7, 0.04, 0.6, 0.95.
        let oof = OutOfFoldPredictions(
            codes: ["c"], fold: [0, 1, 0, 1, 0, 1], folds: 2,
            labels: [[true], [true], [true], [false], [false], [nil]],
            patternFires: [[true], [false], [false], [true], [false], [true]],
            probabilities: [[0.9], [0.3], [0.7], [0.04], [0.6], [0.95]])
        let report = oof.report(CombinationRule(threshold: 0.65, veto: 0.05))
        let c = report.perCode[0]
        #expect(c.decisions == 5 && c.positives == 3)
        // pattern-only: suggests 1 (+, TP) and 4 (−, FP); misses 2 and 3 → P 1/2, R 1/3, F1 2/5.
        #expect(c.pattern == Score(truePositives: 1, falsePositives: 1, falseNegatives: 2, trueNegatives: 1))
        #expect(abs(c.pattern.precision - 0.5) < 1e-12 && abs(c.pattern.recall - 1.0 / 3) < 1e-12 && abs(c.pattern.f1 - 0.4) < 1e-12)
        // learned-only, at the model's own boundary 0.5: suggests 1, 3 (+) and 5 (−) → TP 2,
        // FP 1, FN 1 (answer 2), TN 1 → P 2/3, R 2/3, F1 2/3.
        #expect(c.learned == Score(truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        #expect(abs(c.learned.f1 - 2.0 / 3) < 1e-12)
        // combined: 1 (pattern, 0.9 ≥ veto), 3 (learned); 4 vetoed (0.04 < 0.05) → same as learned.
        #expect(c.combined == Score(truePositives: 2, falsePositives: 0, falseNegatives: 1, trueNegatives: 2))
        #expect(report.microCombined == c.combined)
        // With a threshold of 0.25 the model also takes 2 (+) and 5 (−): TP 3, FP 1 → F1 6/7.
        let low = oof.report(CombinationRule(threshold: 0.25, veto: 0.05)).perCode[0].combined
        #expect(low == Score(truePositives: 3, falsePositives: 1, falseNegatives: 0, trueNegatives: 1))
        #expect(abs(low.f1 - 6.0 / 7) < 1e-12)
        // The best rule: taking answer 2 (0.3) needs a threshold ≤ 0.3, which also takes 5 (0.6):
        // F1 6/7, better than 4/5 for (0.6, 0.7] and 4/6 for (0.3, 0.6]; answer 4 must be vetoed
        // (veto > 0.04). Of the grid's thresholds 0.2–0.3 with vetoes 0.05–0.3, the nearest to
        // the preferred (0.5, 0.05) is (0.3, 0.05).
        #expect(oof.report(CombinationRule(threshold: 0.3, veto: 0.05)).microCombined.f1 == 6.0 / 7)
        #expect(oof.bestRules(preferred: CombinationRule(threshold: 0.5, veto: 0.05))["c"] == CombinationRule(threshold: 0.3, veto: 0.05))
    }

    @Test func theCautiousRuleTrustsTheModelOnlyWhenItClearlyGains() {
        let labels: [[Bool?]] = (0..<40).map { [$0 % 3 == 0] }
        func oof(fires: [Bool], probabilities: [Double]) -> OutOfFoldPredictions {
            OutOfFoldPredictions(codes: ["c"], fold: Array(repeating: 0, count: 40), folds: 1, labels: labels,
                                 patternFires: fires.map { [$0] }, probabilities: probabilities.map { [$0] })
        }
        let truth = labels.map { $0[0] == true }
        // Patterns already perfect: nothing to gain.
        let perfect = oof(fires: truth, probabilities: Array(repeating: 0.5, count: 40))
        #expect(perfect.cautiousRules()["c"] == .patternsOnly)
        // Patterns find half, the model separates perfectly: a gain far beyond chance.
        var seen = 0
        let half = truth.map { t -> Bool in if t { seen += 1; return seen % 2 == 0 } else { return false } }
        let clear = oof(fires: half, probabilities: truth.map { $0 ? 0.8 : 0.1 })
        let (gain, error) = clear.gainOverPatterns(clear.bestRules(), codes: [0])
        #expect(gain > 0.3 && error < gain)
        #expect(clear.cautiousRules() == clear.bestRules())
        #expect(clear.report(clear.cautiousRules()).microCombined.f1 == 1)
        // Patterns find half; the model finds one more positive and adds one false one: no
        // better than chance, so the patterns keep the last word.
        var probabilities = truth.map { _ in 0.1 }
        if let extra = truth.indices.first(where: { truth[$0] && !half[$0] }) { probabilities[extra] = 0.9 }
        if let wrong = truth.indices.first(where: { !truth[$0] }) { probabilities[wrong] = 0.9 }
        let noise = oof(fires: half, probabilities: probabilities)
        #expect(noise.cautiousRules()["c"] == .patternsOnly)
    }

    /// Each code earns its own say: where the model clearly adds to one code's patterns and
    /// only adds noise to another's, the first gets the model and the second keeps its
    /// patterns alone, so the second code's figures are exactly the patterns'.
    @Test func eachCodeGetsTheRuleItsOwnDecisionsSupport() {
        let n = 60
        let truth = (0..<n).map { $0 % 3 == 0 }
        var seen = 0
        let half = truth.map { t -> Bool in if t { seen += 1; return seen % 2 == 0 } else { return false } }
        // "helped": patterns find half, the model separates perfectly. "hurt": patterns find
        // half, the model is confident on every negative and on no positive.
        let oof = OutOfFoldPredictions(
            codes: ["helped", "hurt"], fold: Array(repeating: 0, count: n), folds: 1,
            labels: truth.map { [$0, $0] }, patternFires: half.map { [$0, $0] },
            probabilities: truth.map { [$0 ? 0.8 : 0.1, $0 ? 0.1 : 0.9] })
        let rules = oof.cautiousRules()
        #expect(rules["helped"] != .patternsOnly)
        #expect(rules["hurt"] == .patternsOnly)
        let report = oof.report(rules)
        #expect(report.perCode[0].combined.f1 == 1)
        #expect(report.perCode[1].combined == report.perCode[1].pattern)
        // One rule for both could not do as well: the best single rule is worse on one of them.
        let uniform = oof.report(rules["helped"])
        #expect(uniform.microCombined.f1 < report.microCombined.f1)
    }

    /// A real tiny cross-validation: the pattern figures by hand, and the learned figures from
    /// the out-of-fold probabilities by hand.
    @Test func tinyCrossValidationByHand() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let texts: [(String, Bool)] = [
            ("ik slaap slecht", true), ("ik lig wakker", true), ("nachtmerries", true), ("ik slaap weer goed", false),
            ("ik ben voorzichtiger", false), ("de slaapzak is nat", false), ("ik slaap onrustig", true), ("niks aan de hand", false),
        ]
        let examples = try texts.map { text, sleep in
            TrainingExample(features: try featurizer.features(of: text), positives: sleep ? ["sleep"] : [],
                            negatives: sleep ? [] : ["sleep"])
        }
        var options = TrainingOptions.standard
        options.minimumPositives = 1
        options.minimumNegatives = 1
        let oof = try CrossValidation.outOfFold(examples, codes: ["sleep"], k: 2, seed: 9, options: options)
        #expect(oof.fold == CrossValidation.folds(count: 8, k: 2, seed: 9))
        let rule = CombinationRule(threshold: 0.5, veto: 0.05)
        let c = oof.report(rule).perCode[0]
        // `slaap*` fires on answers 1, 4, 6, 7: TP 1 and 7, FP 4 and 6, FN 2 and 3, TN 5 and 8.
        #expect(c.pattern == Score(truePositives: 2, falsePositives: 2, falseNegatives: 2, trueNegatives: 2))
        #expect(c.decisions == 8 && c.positives == 4)
        // Learned-only and combined by hand from the probabilities of the model that did not see
        // each answer (nil: that fold's training part had one class only, so no model).
        #expect(oof.probabilities.contains { $0[0] != nil })
        var learned = Score(), combined = Score()
        func count(_ score: inout Score, _ suggested: Bool, _ actual: Bool) {
            switch (suggested, actual) {
            case (true, true): score.truePositives += 1
            case (true, false): score.falsePositives += 1
            case (false, true): score.falseNegatives += 1
            case (false, false): score.trueNegatives += 1
            }
        }
        for (i, (_, sleep)) in texts.enumerated() {
            let p = oof.probabilities[i][0]
            let fires = [0, 3, 5, 6].contains(i)
            count(&learned, (p ?? 0) >= 0.5, sleep)
            count(&combined, fires && (p ?? 1) >= 0.05 || (p ?? 0) >= 0.5, sleep)
        }
        #expect(c.learned == learned)
        #expect(c.combined == combined)
    }

    @Test func learningCurvePoints() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let training = try featurizer.examples(Fixtures.answers(100, seed: 41))
        let evaluation = try featurizer.examples(Fixtures.answers(50, seed: 42))
        let curve = try CrossValidation.learningCurve(training: training, evaluation: evaluation, sizes: [5, 25, 50, 200],
                                                      codes: Fixtures.codes, rule: .fixed(.uniform(.standard)))
        #expect(curve.map(\.decisions) == [5, 25, 50, 100])
        #expect(curve[0].codesWithModel == 0)  // five answers cannot hold five positives and five negatives of a code
        #expect(Set(curve.map(\.report.microPattern)).count == 1)  // the patterns do not learn
        #expect(curve.last.map { $0.report.microCombined.f1 > $0.report.microPattern.f1 } == true)
        let cv = try CrossValidation.learningCurve(training, sizes: [20, 40, 1000], codes: Fixtures.codes, rule: .fixed(.uniform(.standard)), k: 4, seed: 2)
        #expect(cv.map(\.decisions) == [20, 40, 75])
        #expect(cv.allSatisfy { $0.report.perCode[0].decisions == 100 })
        // Choosing the rule by cross-validation at each point: with five answers there is no
        // model, so nothing to trust but the patterns.
        let chosen = try CrossValidation.learningCurve(training: training, evaluation: evaluation, sizes: [5, 50], codes: Fixtures.codes,
                                                       rule: .crossValidated(k: 5, seed: 1))
        #expect(!chosen[0].report.rules.usesModels)
        #expect(chosen[0].report.microCombined == chosen[0].report.microPattern)
    }
}
