import DuidingCodebook
import DuidingText
import Foundation
import Testing
@testable import DuidingLearning

/// The learned suggestions as first written, one code at a time: each model's own dot product
/// over a dictionary of the vocabulary, the evidence from that model's weights (for the
/// suggestions a model speaks for: `.learned`, `.both`). The fast path
/// (`LearnedModels.assess`: one pass over the features for all models' dense weights, an
/// open-addressing table of rows, evidence only for suggested codes) must give the same
/// suggestions, confidences and evidence, bit for bit.
enum Straightforward {
    static func suggestions(_ models: LearnedModels, _ answer: AnswerFeatures, rules: CombinationRules) -> [CombinedSuggestion] {
        let index = Dictionary(uniqueKeysWithValues: models.vocabulary.enumerated().map { ($1, $0) })
        var result: [CombinedSuggestion] = []
        for (c, code) in models.codes.enumerated() {
            let patterns = answer.patternSuggestions.first { $0.codeID == code }
            let model = models.models[code]
            let p = model.map { probability($0, answer, index) }
            guard let source = rules[code].source(patternFires: patterns != nil, probability: p) else { continue }
            var learned: LearnedPrediction?
            if let model, let p {
                let words: [WordEvidence] = source == .pattern ? [] : evidence(model, answer, index)
                learned = LearnedPrediction(codeID: code, probability: p, evidence: words, decisions: model.decisions)
            }
            result.append(CombinedSuggestion(codeIndex: patterns?.codeIndex ?? c, codeID: code, source: source, confidence: p,
                                             patternEvidence: patterns?.evidence ?? [], learned: learned))
        }
        return result
    }

    static func probability(_ model: CodeModel, _ answer: AnswerFeatures, _ index: [FeatureID: Int]) -> Double {
        var z = 0.0
        for (i, feature) in answer.featureIDs.enumerated() {
            if let row = index[feature] { z += model.weights[row] * answer.featureValues[i] }
        }
        return 1 / (1 + exp(-(z + model.intercept)))
    }

    /// At most three words with the largest positive shares, at least a tenth of the top one's,
    /// typical of the code (or unseen in training).
    static func evidence(_ model: CodeModel, _ answer: AnswerFeatures, _ index: [FeatureID: Int]) -> [WordEvidence] {
        var perWord = [Double](repeating: 0, count: answer.words.count)
        for (k, f) in answer.occurrenceFeature.enumerated() {
            let words = answer.occurrenceWords[k]
            guard let row = index[answer.featureIDs[Int(f)]], !words.isEmpty else { continue }
            let occurrences = answer.occurrenceFeature.filter { $0 == f }.count
            let contribution = model.weights[row] * answer.featureValues[Int(f)] / Double(occurrences)
            for w in words { perWord[Int(w)] += contribution / Double(words.count) }
        }
        func typical(_ word: AnswerWord) -> Bool {
            guard let row = index[word.feature] else { return true }
            return (Double(model.positiveCounts[row]) + 1) / (Double(model.positives) + 2)
                >= 2 * (Double(model.negativeCounts[row]) + 1) / (Double(model.negatives) + 2)
        }
        let ranked = perWord.indices.filter { perWord[$0] > 0 && typical(answer.words[$0]) }
            .sorted { perWord[$0] != perWord[$1] ? perWord[$0] > perWord[$1] : $0 < $1 }
        let top = ranked.first.map { perWord[$0] } ?? 0
        let units = Array(answer.text.utf16)
        return ranked.prefix(3).filter { perWord[$0] >= 0.1 * top }.map { w in
            let range = answer.words[w].utf16Range
            return WordEvidence(utf16Range: range, word: String(decoding: units[range], as: UTF16.self), contribution: perWord[w])
        }
    }
}

@Suite("Fast path of learned suggestions")
struct FastPathTests {
    /// Rules that exercise every branch: the standard rule, one that suggests every code with a
    /// model (so evidence is computed for all), and one that vetoes most pattern suggestions.
    static let rules: [CombinationRules] = [.uniform(.standard), .uniform(CombinationRule(threshold: 0, veto: 0)),
                                            .uniform(CombinationRule(threshold: 0.9, veto: 0.9)),
                                            CombinationRules(["sleep": CombinationRule(threshold: 0.3, veto: 0.1)])]

    @Test func sameSuggestionsAsTheStraightforwardComputation() throws {
        let featurizer = try Featurizer(Fixtures.compiled.get())
        let models = try Learner.train(featurizer.examples(Fixtures.answers(300, seed: 41)), codes: Fixtures.codes)
        #expect(models.models.count == 2, "sleep and fear have models, rare has none")
        var learned = 0
        for answer in try featurizer.examples(Fixtures.answers(200, seed: 42)).map(\.features) {
            for rules in Self.rules {
                let fast = models.assess(answer, rules: rules)
                let reference = Straightforward.suggestions(models, answer, rules: rules)
                #expect(fast.suggestions == reference, "\(answer.text) under \(rules)")
                learned += fast.suggestions.filter { !$0.learnedEvidence.isEmpty }.count
                let index = Dictionary(uniqueKeysWithValues: models.vocabulary.enumerated().map { ($1, $0) })
                #expect(fast.probabilities.map(\.codeID) == ["sleep", "fear"])
                for (code, p) in fast.probabilities {
                    #expect(p == Straightforward.probability(try #require(models.models[code]), answer, index))
                }
            }
        }
        #expect(learned > 200, "the comparison should cover many suggestions with evidence")
    }

    /// With the default codebook: pattern features of five codes, longer vocabularies, words the
    /// models never saw.
    @Test func sameSuggestionsWithTheDefaultCodebook() throws {
        let compiled = try CompiledCodebook(DefaultCodebook.codebook())
        let codes = compiled.codebook.codes.map(\.id)
        let featurizer = try Featurizer(compiled)
        var generator = SeededGenerator(seed: 5)
        let phrases = Fixtures.sleepPhrases + Fixtures.fearPhrases + Fixtures.otherPhrases
            + ["ik ben voorzichtiger geworden", "ik vermijd de markt", "ik let beter op mijn omgeving", "een training zou helpen",
               "ik heb een cursus weerbaarheid gevolgd", "ik zeg minder in de raad", "ik ben alerter", "geen behoefte aan training"]
        var examples: [TrainingExample] = []
        for i in 0..<400 {
            let text = (0..<(1 + generator.below(3))).map { _ in phrases[generator.below(phrases.count)] }.joined(separator: ", ")
            let answer = try featurizer.features(of: text)
            // Decisions: the patterns' codes with every seventh label flipped.
            var positives = Set(answer.patternSuggestions.map(\.codeID))
            let flipped = codes[i % codes.count]
            if i % 7 == 0 { if positives.contains(flipped) { positives.remove(flipped) } else { positives.insert(flipped) } }
            examples.append(TrainingExample(features: answer, positives: positives, negatives: Set(codes).subtracting(positives)))
        }
        let models = try Learner.train(Array(examples.prefix(300)), codes: codes)
        #expect(models.models.count >= 3)
        for e in examples.suffix(100) {
            for rules in Self.rules {
                #expect(models.assess(e.features, rules: rules).suggestions == Straightforward.suggestions(models, e.features, rules: rules))
            }
        }
    }
}

@Suite("Sorting feature ids")
struct SortingTests {
    /// Seeded arrays of every small length and some long ones, with many repeats (an answer's
    /// ids repeat) and without, and keys that differ only in their top byte: the same order as
    /// the standard library's sort.
    @Test func sortsLikeTheStandardLibrary() {
        var generator = SeededGenerator(seed: 11)
        for count in Array(0...40) + [100, 157, 333, 1_000] {
            for range in [UInt64(3), 50, .max] {
                var ids = (0..<count).map { _ in range == .max ? generator.next() : generator.next() % range }
                let expected = ids.sorted()
                var temp = [UInt64](repeating: 7, count: count + 3)
                temp.withUnsafeMutableBufferPointer { t in ids.withUnsafeMutableBufferPointer { sortAscending($0, using: t) } }
                #expect(ids == expected, "\(count) ids below \(range)")
            }
        }
        // Long arrays of well-mixed ids, past the most buckets the sort uses (2^16).
        for count in [5_000, 70_000, 200_000] {
            var ids = (0..<count).map { _ in generator.next() }
            let expected = ids.sorted()
            var temp = [UInt64](repeating: 0, count: count)
            temp.withUnsafeMutableBufferPointer { t in ids.withUnsafeMutableBufferPointer { sortAscending($0, using: t) } }
            #expect(ids == expected, "\(count) ids")
        }
        var descending = (UInt64(0)..<256).reversed().map { $0 << 56 }
        var temp = [UInt64](repeating: 0, count: 256)
        temp.withUnsafeMutableBufferPointer { t in descending.withUnsafeMutableBufferPointer { sortAscending($0, using: t) } }
        #expect(descending == (UInt64(0)..<256).map { $0 << 56 })
    }
}

@Suite("Feature table of an answer")
struct FeatureTableTests {
    /// The featuriser takes its words from the Coder and finds each answer's distinct features
    /// through a table before sorting only those. Against the plain computation: the words are
    /// the tokeniser's words and numbers; the features are distinct and ascending, each has an
    /// occurrence; a word's own feature covers that word; each value is its kind's weight over
    /// the Euclidean length of all of them (summed in ascending order), bit for bit.
    @Test func distinctSortedFeaturesWithTheirWeightsAsThePlainComputation() throws {
        let compiled = try CompiledCodebook(DefaultCodebook.codebook())
        let featurizer = try Featurizer(compiled, recordsNames: true)
        let tokenizer = try Tokenizer(language: compiled.language)
        let configuration = FeatureConfiguration.standard
        var generator = SeededGenerator(seed: 17)
        let phrases = Fixtures.sleepPhrases + Fixtures.fearPhrases + Fixtures.otherPhrases
            + ["ik ben voorzichtiger geworden, maar niet bang", "ik ben ik ben ik ben", "2 keer, 3 keer... 2 keer!", "😟 m'n slaap is wég",
               "een training zou helpen", "nee. nee. nee.", ""]
        var answers = 0, repeated = 0
        for _ in 0..<300 {
            let text = (0..<(1 + generator.below(4))).map { _ in phrases[generator.below(phrases.count)] }.joined(separator: " ")
            let a = try featurizer.features(of: text)
            let words = try tokenizer.tokenize(text).filter { $0.kind == .word || $0.kind == .number }
            #expect(a.words.map(\.utf16Range) == words.map(\.utf16Range), "words of \(text)")
            #expect(zip(a.featureIDs, a.featureIDs.dropFirst()).allSatisfy { $0 < $1 }, "distinct and ascending: \(text)")
            #expect(Set(a.occurrenceFeature) == Set(a.featureIDs.indices.map(Int32.init)), "every feature occurs: \(text)")
            #expect(a.occurrenceFeature.count == a.occurrenceWords.count)
            for (k, f) in a.occurrenceFeature.enumerated() where a.words.contains(where: { $0.feature == a.featureIDs[Int(f)] }) {
                let covered = a.occurrenceWords[k]
                #expect(covered.count == 1 && a.words[Int(covered.lowerBound)].feature == a.featureIDs[Int(f)], "\(text)")
            }
            let weights = try a.featureIDs.map { id -> Double in
                let name = try #require(featurizer.name(of: id))
                let prefix = String(name.prefix { $0 != ":" })
                return switch prefix {
                case "w", "w¬": configuration.wordWeight
                case "s", "s¬": configuration.stemWeight
                case "b": configuration.bigramWeight
                case "c": configuration.ngramWeight
                default: configuration.patternWeight
                }
            }
            let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(a.featureValues == weights.map { norm > 0 ? $0 / norm : $0 }, "values of \(text)")
            answers += a.featureIDs.isEmpty ? 0 : 1
            repeated += a.occurrenceFeature.count > a.featureIDs.count ? 1 : 0
        }
        #expect(answers > 250 && repeated > 100, "the answers should have features, many of them repeated")
    }
}
