// Figures for the learning layer (DuidingLearning), printed, never asserted:
//
//   duiding-learning-bench evaluate [ROOT]     held-out simulation on Corpora/heldout/heldout.csv
//   duiding-learning-bench explore [ROOT]      cross-validation of feature/training variants on the demo corpus
//   duiding-learning-bench bench CORPUS.csv [N] training and prediction speed (scripts/bench-learning)
//   duiding-learning-bench halves SET.csv CODEBOOK.yml   rule choices compared: learn from every
//                                              second answer, score the others (per code and micro F1)
//   duiding-learning-bench project CORPUS.csv N PROJECT [K]   a project of N answers, every K-th decided (default all):
//                                                            what `duiding recode` does, step by step
//   duiding-learning-bench scale CORPUS.csv N             pattern coding against learned suggestions for N answers
//
// ROOT is the package root (default: the current directory).
import DuidingCodebook
import DuidingInput
import DuidingLearning
import DuidingProject
import DuidingStore
import Foundation

struct Failure: Error, CustomStringConvertible { let description: String }

func loadCodebook(_ root: String) throws -> CompiledCodebook {
    try CompiledCodebook(CodebookLoader.load(path: root + "/Codebooks/agressie-effecten.yml"))
}

/// Answers of a hand-coded CSV as decided answers: gold codes positive, the others negative.
func decided(_ path: String, codes: [String]) throws -> [DecidedAnswer] {
    try Corpus.load([path]).units.map { unit in
        let gold = Set(unit.values["handcodering", default: ""].split(separator: ";").map(String.init))
        return DecidedAnswer(text: unit.text, codes: gold, allCodes: codes)
    }
}

func f(_ x: Double) -> String { String(format: "%.3f", x) }
func pct(_ x: Double) -> String { String(format: "%.2f", x) }

func scoreRow(_ label: String, _ s: Score) -> String {
    "| \(label) | \(s.decisions) | \(s.truePositives + s.falseNegatives) | \(pct(s.precision)) | \(pct(s.recall)) | \(pct(s.f1)) |"
}

func printReport(_ report: EvaluationReport, title: String) {
    print("\n\(title) (rules: \(report.rules))\n")
    print("| code | decisions | positives | pattern P | R | F1 | combined P | R | F1 | learned F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    func line(_ name: String, _ d: Int, _ pos: Int, _ p: Score, _ c: Score, _ l: Score) {
        print("| \(name) | \(d) | \(pos) | \(pct(p.precision)) | \(pct(p.recall)) | \(pct(p.f1)) | \(pct(c.precision)) | \(pct(c.recall)) | \(pct(c.f1)) | \(pct(l.f1)) |")
    }
    for c in report.perCode { line(c.codeID, c.decisions, c.positives, c.pattern, c.combined, c.learned) }
    let p = report.microPattern
    line("**micro**", p.decisions, p.truePositives + p.falseNegatives, p, report.microCombined, report.microLearned)
}

func printCurve(_ points: [LearningCurvePoint], title: String) {
    print("\n\(title)\n")
    print("| decided answers | codes with a model | rule | pattern-only micro-F1 | combined micro-F1 | learned-only micro-F1 |")
    print("|---:|---:|---|---:|---:|---:|")
    for p in points {
        print("| \(p.decisions) | \(p.codesWithModel) | \(p.report.rules) | \(pct(p.report.microPattern.f1)) | \(pct(p.report.microCombined.f1)) | \(pct(p.report.microLearned.f1)) |")
    }
}

// MARK: - evaluate

/// A coder decides every second answer of the held-out set (H001, H003, …); the models learn
/// from those and are scored on the other half (H002, H004, …). The rule is chosen by
/// cross-validation on the decided half only.
func evaluate(root: String) throws {
    let compiled = try loadCodebook(root)
    let codes = compiled.codebook.codes.map(\.id)
    let answers = try decided(root + "/Corpora/heldout/heldout.csv", codes: codes)
    let featurizer = try Featurizer(compiled)
    let examples = try featurizer.examples(answers)
    let training = examples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let test = examples.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    print("# Held-out simulation: train on the odd rows of Corpora/heldout/heldout.csv (\(training.count) answers), score on the even rows (\(test.count))")

    let oof = try CrossValidation.outOfFold(training, codes: codes, k: 5, seed: 1)
    let rule = oof.cautiousRules()
    printReport(oof.report(rule), title: "## 5-fold cross-validation on the decided half: the cautious rule chosen on it")
    let best = oof.bestRules()
    printReport(oof.report(best), title: "## same, the rule with the best cross-validated F1 (for comparison)")
    let (gain, error) = oof.gainOverPatterns(best, codes: Array(codes.indices))
    print("\ncross-validated gain of the best rule over patterns only: \(f(gain)) micro-F1, standard error \(f(error)) (paired bootstrap)")

    let models = try Learner.train(training, codes: codes)
    for code in codes {
        if case .untrained(let reason)? = models.status(of: code) { print("\nno model for \(code): \(reason)") }
    }
    printReport(CrossValidation.evaluate(models, on: test, rules: rule), title: "## Scored on the other half (never seen), cautious rule")
    printReport(CrossValidation.evaluate(models, on: test, rules: best), title: "## Scored on the other half (never seen), best-F1 rule")

    let curve = try CrossValidation.learningCurve(training: training, evaluation: test, sizes: [25, 50, 75, 100], codes: codes,
                                                  rule: .crossValidated(k: 5, seed: 1))
    printCurve(curve, title: "## Learning curve: first n decided answers of the decided half, rule chosen by CV on those n, scored on the other half")

    // The demo corpus as earlier decisions: 502 more decided answers before the held-out half.
    let demo = try featurizer.examples(try decided(root + "/Corpora/antwoorden.csv", codes: codes))
    let more = demo + training
    let oofMore = try CrossValidation.outOfFold(more, codes: codes, k: 5, seed: 1)
    let ruleMore = oofMore.cautiousRules()
    let modelsMore = try Learner.train(more, codes: codes)
    printReport(CrossValidation.evaluate(modelsMore, on: test, rules: ruleMore),
                title: "## With the demo corpus as earlier decisions (\(more.count) answers), scored on the same other half")
    let curveMore = try CrossValidation.learningCurve(training: more, evaluation: test, sizes: [25, 50, 100, 200, 400], codes: codes,
                                                      rule: .crossValidated(k: 5, seed: 1))
    printCurve(curveMore, title: "## Learning curve: demo corpus then the decided half, rule chosen by CV at each point, scored on the other half")

    // Examples of learned evidence on the test half, from the models that also learned from the demo corpus.
    print("\n## Suggestions with a model's evidence on the other half (demo corpus + decided half; first 10)\n")
    var shown = 0
    for e in test where shown < 10 {
        for s in modelsMore.suggestions(for: e.features, rules: ruleMore) where s.source != .pattern && shown < 10 {
            let verdict = e.label(s.codeID).map { $0 ? "right" : "wrong" } ?? "?"
            print("- \(s.codeID), \(s.source.rawValue), \(verdict): “\(e.features.text)” — \(s.explanation)")
            shown += 1
        }
    }
}

// MARK: - explore

/// The default codebook with every second include pattern of each code left out: patterns
/// that miss things, as a codebook does on answers it was not written from.
func ablated(_ compiled: CompiledCodebook) throws -> CompiledCodebook {
    var book = compiled.codebook
    for i in book.codes.indices {
        book.codes[i].include = book.codes[i].include.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    }
    return try CompiledCodebook(book)
}

func explore(root: String) throws {
    let environment = ProcessInfo.processInfo.environment
    let full = try loadCodebook(root)
    let compiled = ProcessInfo.processInfo.environment["ABLATED"] == "1" ? try ablated(full) : full
    let codes = compiled.codebook.codes.map(\.id)
    let answers = try decided(root + "/Corpora/antwoorden.csv", codes: codes)
    let base = FeatureConfiguration.standard
    var variants: [(String, FeatureConfiguration, TrainingOptions)] = [("standard", base, .standard)]
    func v(_ name: String, _ change: (inout FeatureConfiguration, inout TrainingOptions) -> Void) {
        var c = base, o = TrainingOptions.standard
        change(&c, &o)
        variants.append((name, c, o))
    }
    let only = ProcessInfo.processInfo.environment["VARIANTS"].map { Set($0.split(separator: ",").map(String.init)) }
    v("C=0.3") { $1.cost = 0.3 }
    v("C=3") { $1.cost = 3 }
    v("C=10") { $1.cost = 10 }
    v("C=30") { $1.cost = 30 }
    v("C=100") { $1.cost = 100 }
    v("C=30 balanced") { $1.cost = 30; $1.balancesClasses = true }
    v("C=30 ngram 0.6") { $0.ngramWeight = 0.6; $1.cost = 30 }
    v("C=30 ngram 0.6 pattern 1") { $0.ngramWeight = 0.6; $0.patternWeight = 1; $1.cost = 30 }
    v("C=30 pattern 1") { $0.patternWeight = 1; $1.cost = 30 }
    v("ngram 3-4") { c, _ in c.ngramLengths = 3...4 }
    v("ngram 4-5") { c, _ in c.ngramLengths = 4...5 }
    v("ngram 4") { c, _ in c.ngramLengths = 4...4 }
    v("ngram words 5+") { c, _ in c.ngramMinimumWordLength = 5 }
    v("ngram words 7+") { c, _ in c.ngramMinimumWordLength = 7 }
    v("ngram 3-4 words 5+") { c, _ in c.ngramLengths = 3...4; c.ngramMinimumWordLength = 5 }
    v("ngram 4-5 words 5+") { c, _ in c.ngramLengths = 4...5; c.ngramMinimumWordLength = 5 }
    v("tolerance 0.1") { $1.tolerance = 0.1 }
    v("C=10 ngram 4-5 words 5+") { c, o in c.ngramLengths = 4...5; c.ngramMinimumWordLength = 5; o.cost = 10 }
    v("C=30 ngram 0.6 balanced") { $0.ngramWeight = 0.6; $1.cost = 30; $1.balancesClasses = true }
    v("C=100 ngram 0.6") { $0.ngramWeight = 0.6; $1.cost = 100 }
    v("C=30 ngram 1") { $0.ngramWeight = 1; $1.cost = 30 }
    v("C=30 ngram 0.6 pattern 3") { $0.ngramWeight = 0.6; $0.patternWeight = 3; $1.cost = 30 }
    v("C=30 ngram 0.6 no bigrams") { $0.ngramWeight = 0.6; $0.bigramWeight = 0; $1.cost = 30 }
    v("C=30 ngram 0.6 no negation marks") { $0.ngramWeight = 0.6; $0.marksNegation = false; $1.cost = 30 }
    v("C=30 no negation marks") { $0.marksNegation = false; $1.cost = 30 }
    v("C=30 no bigrams") { $0.bigramWeight = 0; $1.cost = 30 }
    v("C=10 no patterns") { $0.patternWeight = 0; $1.cost = 10 }
    v("C=10 balanced") { $1.cost = 10; $1.balancesClasses = true }
    v("C=10 no ngrams") { $0.ngramWeight = 0; $1.cost = 10 }
    v("C=10 ngram 0.6") { $0.ngramWeight = 0.6; $1.cost = 10 }
    v("C=10 pattern 1") { $0.patternWeight = 1; $1.cost = 10 }
    v("C=10 no negation marks") { $0.marksNegation = false; $1.cost = 10 }
    v("balanced") { $1.balancesClasses = true }
    v("no ngrams") { c, _ in c.ngramWeight = 0 }
    v("ngram 0.15") { c, _ in c.ngramWeight = 0.15 }
    v("ngram 0.6") { c, _ in c.ngramWeight = 0.6 }
    v("ngram 2-4") { c, _ in c.ngramLengths = 2...4 }
    v("ngram 4-6") { c, _ in c.ngramLengths = 4...6 }
    v("no bigrams") { c, _ in c.bigramWeight = 0 }
    v("bigram 1") { c, _ in c.bigramWeight = 1 }
    v("no stems") { c, _ in c.stemWeight = 0 }
    v("pattern 1") { c, _ in c.patternWeight = 1 }
    v("pattern 4") { c, _ in c.patternWeight = 4 }
    v("no patterns") { c, _ in c.patternWeight = 0 }
    v("no negation marks") { c, _ in c.marksNegation = false }
    v("not normalised") { c, _ in c.normalizes = false }
    print("| variant | CV micro-F1 pattern | learned (p ≥ 0.5) | combined@chosen | chosen rule | combined@standard | half→half pattern | half→half combined | 125→half combined |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    for (name, config, options) in variants where only?.contains(name) ?? true {
        let featurizer = try Featurizer(compiled, configuration: config)
        let examples = try featurizer.examples(answers)
        let oof = try CrossValidation.outOfFold(examples, codes: codes, k: 5, seed: 1, options: options)
        let margin = environment["MARGIN"].flatMap(Double.init) ?? 1
        let best = environment["BEST"] == "1" ? oof.bestRules() : oof.cautiousRules(margin: margin)
        // As the held-out simulation does it: learn from every second answer, rule by CV on those, score the rest.
        let train = examples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let test = examples.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        func halves(_ train: [TrainingExample]) throws -> EvaluationReport {
            let oof = try CrossValidation.outOfFold(train, codes: codes, k: 5, seed: 1, options: options)
            let rule = oof.cautiousRules(margin: margin)
            if environment["DEBUG"] == "1" {
                let b = oof.bestRules(), g = oof.gainOverPatterns(b, codes: Array(codes.indices))
                let models = try Learner.train(train, codes: codes, options: options)
                let t = CrossValidation.evaluate(models, on: test, rules: b)
                print("  \(train.count) decided: best \(b), CV gain \(f(g.gain)) ± \(f(g.standardError)); on the rest: pattern \(f(t.microPattern.f1)), best rule \(f(t.microCombined.f1))")
            }
            let models = try Learner.train(train, codes: codes, options: options)
            return CrossValidation.evaluate(models, on: test, rules: rule)
        }
        let half = try halves(train), small = try halves(Array(train.prefix(125)))
        let r = oof.report(best), s = oof.report(CombinationRule.standard)
        print("| \(name) | \(f(r.microPattern.f1)) | \(f(s.microLearned.f1)) | \(f(r.microCombined.f1)) | \(best) | \(f(s.microCombined.f1)) | \(f(half.microPattern.f1)) | \(f(half.microCombined.f1)) | \(f(small.microCombined.f1)) |")
    }
}

// MARK: - halves

/// How the ways of choosing the combination compare when a coder decided every second answer
/// of a hand-coded set: patterns alone, the standard rule for all codes, and a rule per code
/// (optimistic "best" and cautious at several margins, over all candidates or only those that
/// never withdraw a pattern's suggestion), all chosen by cross-validation on the decided half
/// and scored on the other half; then the same with the halves swapped. For tuning, run it on a
/// set you will not report. `HALVES_NGRAM_WORD`, `HALVES_NGRAM_WEIGHT`, `HALVES_BIGRAM_WEIGHT`,
/// `HALVES_C` change the features and training for a comparison.
func halves(set: String, codebook: String) throws {
    let environment = ProcessInfo.processInfo.environment
    var config = FeatureConfiguration.standard
    var options = TrainingOptions.standard
    if let w = environment["HALVES_NGRAM_WORD"].flatMap(Int.init) { config.ngramMinimumWordLength = w }
    if let w = environment["HALVES_NGRAM_WEIGHT"].flatMap(Double.init) { config.ngramWeight = w }
    if let w = environment["HALVES_BIGRAM_WEIGHT"].flatMap(Double.init) { config.bigramWeight = w }
    if let c = environment["HALVES_C"].flatMap(Double.init) { options.cost = c }
    let compiled = try CompiledCodebook(CodebookLoader.load(path: codebook))
    let codes = compiled.codebook.codes.map(\.id)
    let examples = try Featurizer(compiled, configuration: config).examples(try decided(set, codes: codes))
    let even = examples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let odd = examples.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    print("# \(set): codebook \(codebook); features \(config), C \(options.cost)\n")
    var totals: [String: [Double]] = [:]
    var order: [String] = []
    for (split, (train, test)) in [("even decided, odd scored", (even, odd)), ("odd decided, even scored", (odd, even))] {
        let oof = try CrossValidation.outOfFold(train, codes: codes, k: 5, seed: 1, options: options)
        let models = try Learner.train(train, codes: codes, options: options)
        let addOnly = CombinationRule.candidates.filter { $0.veto == 0 }
        var choices: [(String, CombinationRules)] = [("patterns only", .patternsOnly), ("standard rule for all", .uniform(.standard))]
        for margin in [1.0, 0.5, 0] {
            choices.append(("per code, cautious (margin \(margin))", oof.cautiousRules(margin: margin)))
            choices.append(("per code, cautious, adding only (margin \(margin))", oof.cautiousRules(among: addOnly, margin: margin)))
        }
        choices.append(("per code, best", oof.bestRules()))
        choices.append(("per code, best, adding only", oof.bestRules(among: addOnly)))
        print("## \(split): decided \(train.count), scored \(test.count)\n")
        print("| choice | " + codes.joined(separator: " | ") + " | micro P | micro R | micro F1 |")
        print("|---|" + String(repeating: "---:|", count: codes.count + 3))
        for (name, rules) in choices {
            let r = CrossValidation.evaluate(models, on: test, rules: rules)
            if totals[name] == nil { order.append(name) }
            totals[name, default: []].append(r.microCombined.f1)
            print("| \(name) | " + r.perCode.map { pct($0.combined.f1) }.joined(separator: " | ")
                  + " | \(pct(r.microCombined.precision)) | \(pct(r.microCombined.recall)) | \(pct(r.microCombined.f1)) |")
        }
        print("\ncautious (margin 1): \(oof.cautiousRules())\n")
    }
    print("| choice | micro F1, both splits | mean |")
    print("|---|---|---:|")
    for name in order {
        let values = totals[name] ?? []
        print("| \(name) | \(values.map(pct).joined(separator: ", ")) | \(f(values.reduce(0, +) / Double(max(1, values.count)))) |")
    }
}

// MARK: - bench

/// Decisions for a generated corpus (which has no hand coding): the pattern suggestions,
/// with a seeded 10% of the (answer, code) labels flipped so the models have something to
/// learn beyond the patterns.
func syntheticDecisions(_ texts: [String], _ features: [AnswerFeatures], codes: [String], noisePercent: UInt64) -> [TrainingExample] {
    var state: UInt64 = 20_261_201
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    return features.map { a in
        var positives: Set<String> = [], negatives: Set<String> = []
        for code in codes {
            var applies = a.patternFires(code)
            if next() % 100 < noisePercent { applies.toggle() }
            if applies { positives.insert(code) } else { negatives.insert(code) }
        }
        return TrainingExample(features: a, positives: positives, negatives: negatives)
    }
}

/// Wall-clock seconds of `body`; `cpu` gets the process's CPU seconds (user + system) spent
/// meanwhile, which on a machine shared with other builds is the steadier figure.
func seconds(cpu: UnsafeMutablePointer<Double>? = nil, _ body: () throws -> Void) rethrows -> Double {
    func cpuNow() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let start = DispatchTime.now().uptimeNanoseconds, startCPU = cpuNow()
    try body()
    cpu?.pointee = cpuNow() - startCPU
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func bench(root: String, corpus: String, n: Int) throws {
    let compiled = try loadCodebook(root)
    let codes = compiled.codebook.codes.map(\.id)
    let environment = ProcessInfo.processInfo.environment
    var config = FeatureConfiguration.standard
    var options = TrainingOptions.standard
    if let c = environment["BENCH_C"].flatMap(Double.init) { options.cost = c }
    if let e = environment["BENCH_EPS"].flatMap(Double.init) { options.tolerance = e }
    if let g = environment["BENCH_NGRAM_MAX"].flatMap(Int.init) { config.ngramLengths = config.ngramLengths.lowerBound...g }
    if let g = environment["BENCH_NGRAM_MIN"].flatMap(Int.init) { config.ngramLengths = g...config.ngramLengths.upperBound }
    if let w = environment["BENCH_NGRAM_WORD"].flatMap(Int.init) { config.ngramMinimumWordLength = w }
    let noise = environment["BENCH_NOISE"].flatMap(UInt64.init) ?? 10
    let texts = Array(try Corpus.load([corpus]).units.map(\.text).prefix(n))
    guard texts.count == n else { throw Failure(description: "\(corpus) has \(texts.count) answers, fewer than \(n)") }
    print("# Learning benchmark: \(n) generated answers, \(codes.count) codes, \(ProcessInfo.processInfo.activeProcessorCount) cores, \(noise)% of labels flipped")
    print("(C \(options.cost), tolerance \(options.tolerance), n-grams \(config.ngramLengths))")
    print("| step | wall s | CPU s | rate |")
    print("|---|---:|---:|---:|")
    var cpu = 0.0
    var features: [AnswerFeatures] = []
    let single = try seconds(cpu: &cpu) {
        let featurizer = try Featurizer(compiled, configuration: config)
        features = try texts.map { try featurizer.features(of: $0) }
    }
    let nnz = features.reduce(0) { $0 + $1.featureIDs.count }
    print("| featurise, 1 thread | \(f(single)) | \(f(cpu)) | \(Int(Double(n) / single)) answers/s, \(nnz / n) features/answer |")
    var parallel: [AnswerFeatures] = []
    let multi = try seconds(cpu: &cpu) { parallel = try LearningParallel.features(texts, codebook: compiled, configuration: config) }
    precondition(parallel == features, "parallel featurisation differs")
    print("| featurise, all cores | \(f(multi)) | \(f(cpu)) | \(Int(Double(n) / multi)) answers/s |")
    let examples = syntheticDecisions(texts, features, codes: codes, noisePercent: noise)
    var models: LearnedModels?
    for run in 1...3 {
        let wall = try seconds(cpu: &cpu) { models = try Learner.train(examples, codes: codes, options: options) }
        print("| train \(codes.count) codes, all cores (run \(run)) | \(f(wall)) | \(f(cpu)) | vocabulary \(models?.vocabulary.count ?? 0) |")
    }
    let overhead = try seconds(cpu: &cpu) { _ = try Learner.train(examples, codes: [], options: options) }
    print("| of which numbering features, building the matrix | \(f(overhead)) | \(f(cpu)) | |")
    var oneThread = options
    oneThread.workers = 1
    let trainSingle = try seconds(cpu: &cpu) { _ = try Learner.train(examples, codes: codes, options: oneThread) }
    print("| train \(codes.count) codes, 1 thread | \(f(trainSingle)) | \(f(cpu)) | |")
    guard let models else { return }
    var sink = 0.0
    let probabilities = seconds(cpu: &cpu) { for a in features { sink += models.probabilities(for: a).values.reduce(0, +) } }
    print("| probabilities, all codes | \(f(probabilities)) | \(f(cpu)) | \(Int(Double(n) / probabilities)) answers/s |")
    var suggestions = 0
    let suggest = seconds(cpu: &cpu) { for a in features { suggestions += models.suggestions(for: a).count } }
    print("| suggestions with evidence | \(f(suggest)) | \(f(cpu)) | \(Int(Double(n) / suggest)) answers/s |")
    // Agreement with the (noisy) labels, to show the models are not trivial.
    let report = CrossValidation.evaluate(models, on: examples, rules: .uniform(.standard))
    print("\ntraining-set micro-F1 against the flipped labels: patterns \(f(report.microPattern.f1)), combined \(f(report.microCombined.f1)); \(suggestions) suggestions")
    if sink.isNaN { print("") }
}

// MARK: - project

/// A project of `n` generated answers, every `decideEvery`-th one decided (the pattern suggestions with a seeded
/// 10% of labels flipped, as `bench` does: accepted, rejected or added, then marked done), and
/// what `duiding recode PROJECT` does on it, step by step: pattern coding and storing the
/// version (all that `recode --no-learn` does; the baseline), features, then the learning run's
/// phases; then a second run, as the review server's retraining does it.
func projectBench(root: String, corpus: String, n: Int, path: String, decideEvery: Int) throws {
    let compiled = try loadCodebook(root)
    let codes = compiled.codebook.codes.map(\.id)
    let units = Array(try Corpus.load([corpus]).units.prefix(n))
    guard units.count == n else { throw Failure(description: "\(corpus) has \(units.count) answers, fewer than \(n)") }
    try? FileManager.default.removeItem(atPath: path)
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try ProjectStore.create(at: path)
    let file = (corpus as NSString).lastPathComponent
    try store.importUnits(units.enumerated().map { i, u in NewUnit(id: u.id, text: u.text, kind: .answer, values: [:], file: file, line: i + 2) },
                          file: file, variables: [])
    let yaml = try String(contentsOfFile: root + "/Codebooks/agressie-effecten.yml", encoding: .utf8)
    let ids = units.map(\.id), texts = units.map(\.text)
    func addVersion() throws -> [[Suggestion]] {
        let suggestions = try ParallelCoding.code(texts, with: compiled)
        try store.addCodebookVersion(name: compiled.codebook.name, source: "Codebooks/agressie-effecten.yml", yaml: yaml,
                                     codes: ProjectCoding.storedCodes(compiled.codebook),
                                     suggestions: ProjectCoding.storedSuggestions(ids, suggestions), ifLatestIs: try store.latestCodebook()?.id)
        return suggestions
    }
    let suggestions = try addVersion()
    var state: UInt64 = 20_261_201
    var decisions: [NewDecision] = []
    for (index, (id, list)) in zip(ids, suggestions).enumerated() where index % decideEvery == 0 {
        let fired = Set(list.map(\.codeID))
        for code in codes {
            state &+= 0x9E37_79B9_7F4A_7C15
            let flip = (state >> 33) % 100 < 10
            switch (fired.contains(code), flip) {
            case (true, false): decisions.append(NewDecision(unitID: id, codeID: code, action: .accept, coder: "bench"))
            case (true, true): decisions.append(NewDecision(unitID: id, codeID: code, action: .reject, coder: "bench"))
            case (false, true): decisions.append(NewDecision(unitID: id, codeID: code, action: .add, coder: "bench"))
            case (false, false): break
            }
        }
        decisions.append(NewDecision(unitID: id, codeID: nil, action: .done, coder: "bench"))
    }
    try store.record(decisions)
    print("# `duiding recode` on a project of \(n) answers, \(decideEvery == 1 ? "all" : "every \(decideEvery)th") decided (\(decisions.count) decisions), \(codes.count) codes, \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("| step | wall s | CPU s |")
    print("|---|---:|---:|")
    var cpu = 0.0
    let patterns = try seconds(cpu: &cpu) { _ = try addVersion() }
    print("| pattern coding, storing the version (`recode --no-learn`; baseline) | \(f(patterns)) | \(f(cpu)) |")
    var learner: ProjectLearner?
    let prepare = try seconds(cpu: &cpu) { learner = try ProjectLearner(store: store) }
    print("| reading units, features of every unit | \(f(prepare)) | \(f(cpu)) |")
    guard let learner else { throw Failure(description: "the project has no codebook version") }
    var outcome: ProjectLearner.Outcome?
    let learning = try seconds(cpu: &cpu) { outcome = try learner.learn() }
    for p in outcome?.phases ?? [] { print("| learning: \(p.phase) | \(f(p.seconds)) | |") }
    print("| learning run in all (\(outcome?.decidedAnswers ?? 0) decided answers; \(outcome?.rules.description ?? "")) | \(f(learning)) | \(f(cpu)) |")
    let total = patterns + prepare + learning
    print("| **recode with learning** | \(f(total)) | |")
    print("\nrecode with learning / without: \(f(total / patterns))×; features + learning run: \(f(prepare + learning)) s (target: under 2 s)")

    let again = try seconds(cpu: &cpu) { outcome = try learner.learn() }
    print("\nsecond learning run (as the review server retrains; features kept): \(f(again)) s wall, \(f(cpu)) s CPU")
}

// MARK: - scale

/// Learned suggestions against pattern coding for the same `n` answers, both on all cores and
/// in the same run: pattern coding as `duiding code` does it (`ParallelCoding.code`, without
/// writing CSV), learned as features plus every model's prediction with evidence, combined
/// with the patterns (`LearnedModels.suggestions`), in batches so that no answer's features
/// outlive its batch. The models are trained on the first 10,000 answers. A digest of every
/// learned suggestion (`Digest`) lets two builds' outputs be compared bit for bit.
func scaleBench(root: String, corpus: String, n: Int) throws {
    let compiled = try loadCodebook(root)
    let codes = compiled.codebook.codes.map(\.id)
    var texts: [String] = []
    let load = try seconds { texts = Array(try Corpus.load([corpus]).units.map(\.text).prefix(n)) }
    guard texts.count == n else { throw Failure(description: "\(corpus) has \(texts.count) answers, fewer than \(n)") }
    let all = texts
    let trainingTexts = Array(texts.prefix(10_000))
    let trainingFeatures = try LearningParallel.features(trainingTexts, codebook: compiled)
    let models = try Learner.train(syntheticDecisions(trainingTexts, trainingFeatures, codes: codes, noisePercent: 10), codes: codes)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    print("# Pattern coding against learned suggestions: \(n) generated answers (read in \(f(load)) s), \(codes.count) codes, models from 10,000 decided answers, \(workers) cores")
    print("| round | step | wall s | CPU s | answers/s | suggestions |")
    print("|---:|---|---:|---:|---:|---:|")
    let batch = 2_000
    let batches = stride(from: 0, to: texts.count, by: batch).map { $0..<min($0 + batch, texts.count) }
    var ratios: [Double] = [], cpuRatios: [Double] = []
    var digests: Set<UInt64> = []
    for round in 1...3 {
        var cpu = 0.0
        var patternCount = 0
        let pattern = try seconds(cpu: &cpu) { patternCount = try ParallelCoding.code(texts, with: compiled).reduce(0) { $0 + $1.count } }
        let patternCPU = cpu
        print("| \(round) | pattern coding (`duiding code`'s path) | \(f(pattern)) | \(f(cpu)) | \(Int(Double(n) / pattern)) | \(patternCount) |")
        let counts = Counts(batches.count)
        let learned = try seconds(cpu: &cpu) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                do {
                    let featurizer = try Featurizer(compiled)
                    while let b = counts.take() {
                        var count = 0
                        var digest = Digest()
                        for i in batches[b] {
                            let suggestions = models.suggestions(for: try featurizer.features(of: all[i]), rules: .uniform(.standard))
                            count += suggestions.count
                            digest.add(i, suggestions)
                        }
                        counts.set(b, count, digest: digest.value)
                    }
                } catch { counts.fail(error) }
            }
            if let error = counts.error { throw error }
        }
        print("| \(round) | features + learned suggestions with evidence | \(f(learned)) | \(f(cpu)) | \(Int(Double(n) / learned)) | \(counts.sum) |")
        digests.insert(counts.digest)
        ratios.append(learned / pattern)
        cpuRatios.append(cpu / patternCPU)
    }
    print("\nlearned / pattern coding, per round: wall \(ratios.map(f).joined(separator: ", ")); CPU \(cpuRatios.map(f).joined(separator: ", ")) (target: under 2)")
    print("digest of the learned suggestions (codes, sources, confidences, evidence offsets, words and contributions, bit for bit): "
          + digests.map { String(format: "%016llx", $0) }.sorted().joined(separator: ", "))
}

/// A 64-bit digest of suggestions, to compare two builds' output bit for bit without keeping it
/// (FNV-1a over every field, doubles by their bit pattern).
struct Digest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix(_ x: UInt64) { value = (value ^ x) &* 0x0000_0100_0000_01B3 }
    mutating func mix(_ range: Range<Int>) { mix(UInt64(range.lowerBound)); mix(UInt64(range.upperBound)) }

    mutating func add(_ answer: Int, _ suggestions: [CombinedSuggestion]) {
        mix(UInt64(answer))
        for s in suggestions {
            mix(UInt64(s.codeIndex)); for byte in s.source.rawValue.utf8 { mix(UInt64(byte)) }
            mix(s.confidence?.bitPattern ?? 1)
            for e in s.patternEvidence { mix(e.utf16Range); for byte in e.pattern.utf8 { mix(UInt64(byte)) } }
            for w in s.learnedEvidence { mix(w.utf16Range); mix(w.contribution.bitPattern); for byte in w.word.utf8 { mix(UInt64(byte)) } }
        }
    }
}

/// Per-batch counts and digests filled from several threads, the batches handed out, and the first error.
final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int]
    private var digests: [UInt64]
    private var handed = 0
    private var failure: (any Error)?

    init(_ count: Int) { values = Array(repeating: 0, count: count); digests = Array(repeating: 0, count: count) }

    func set(_ index: Int, _ value: Int, digest: UInt64) { lock.withLock { values[index] = value; digests[index] = digest } }
    var sum: Int { lock.withLock { values.reduce(0, +) } }
    /// The batches' digests combined in batch order (the same whichever thread did which batch).
    var digest: UInt64 { lock.withLock { digests.reduce(0) { ($0 ^ $1) &* 0x0000_0100_0000_01B3 } } }
    func fail(_ error: any Error) { lock.withLock { if failure == nil { failure = error } } }
    var error: (any Error)? { lock.withLock { failure } }

    /// The next batch, or nil when all were handed out or one failed.
    func take() -> Int? {
        lock.withLock {
            guard failure == nil, handed < values.count else { return nil }
            defer { handed += 1 }
            return handed
        }
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "evaluate": try evaluate(root: arguments.count > 1 ? arguments[1] : ".")
    case "explore": try explore(root: arguments.count > 1 ? arguments[1] : ".")
    case "bench":
        guard arguments.count >= 2 else { throw Failure(description: "usage: duiding-learning-bench bench CORPUS.csv [N]") }
        try bench(root: ".", corpus: arguments[1], n: arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000)
    case "halves":
        guard arguments.count == 3 else { throw Failure(description: "usage: duiding-learning-bench halves SET.csv CODEBOOK.yml") }
        try halves(set: arguments[1], codebook: arguments[2])
    case "project":
        guard (4...5).contains(arguments.count), let n = Int(arguments[2]), let every = Int(arguments.count == 5 ? arguments[4] : "1"), every > 0 else {
            throw Failure(description: "usage: duiding-learning-bench project CORPUS.csv N PROJECT [DECIDE_EVERY]")
        }
        try projectBench(root: ".", corpus: arguments[1], n: n, path: arguments[3], decideEvery: every)
    case "scale":
        guard arguments.count == 3, let n = Int(arguments[2]) else { throw Failure(description: "usage: duiding-learning-bench scale CORPUS.csv N") }
        try scaleBench(root: ".", corpus: arguments[1], n: n)
    default:
        throw Failure(description: "usage: duiding-learning-bench evaluate|explore [ROOT] | bench CORPUS.csv [N] | halves SET.csv CODEBOOK.yml | project CORPUS.csv N PROJECT [K] | scale CORPUS.csv N")
    }
} catch {
    FileHandle.standardError.write(Data("duiding-learning-bench: \(error)\n".utf8))
    exit(1)
}
