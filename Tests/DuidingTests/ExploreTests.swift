import Foundation
import Testing
import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingText

/// Expected figures in Fixtures/explore.json come from Fixtures/make_explore_fixtures.py: an
/// explicit token list per answer, and scipy for the statistics — independent of our code.
struct ExploreFixture: Decodable {
    struct Text: Decodable {
        let id: String
        let functie: String
        let text: String
        let clauses: [[String]]
    }
    struct Frequency: Decodable, Equatable {
        let feature: String
        let frequency: Int
        let rank: Int
        let docfreq: Int
    }
    struct Frequencies: Decodable {
        let unigrams: [Frequency]
        let bigrams: [Frequency]
        let trigrams: [Frequency]
        let unigramsWithStopWords: [Frequency]
    }
    struct Collocation: Decodable {
        let collocation: String
        let count: Int
        let lambda: Double
        let z: Double
    }
    struct KeynessRow: Decodable {
        let feature: String
        let statistic: Double
        let p: Double
        let n_target: Int
        let n_reference: Int
    }
    struct Keyness: Decodable {
        let target: String
        let targetTotal: Int
        let referenceTotal: Int
        let rows: [KeynessRow]
    }
    struct Measures: Decodable {
        let chi2: Keyness
        let lr: Keyness
    }
    struct KWICRow: Decodable, Equatable {
        let docname: String
        let from: Int
        let to: Int
        let pre: String
        let keyword: String
        let post: String
        let pattern: String
    }
    struct KWIC: Decodable {
        let pattern: String
        let window: Int
        let rows: [KWICRow]
    }
    let stopWords: [String]
    let texts: [Text]
    let frequency: Frequencies
    let collocations: [Collocation]
    let keyness: Measures
    let kwic: [KWIC]

    static func load() throws -> ExploreFixture {
        try JSONDecoder().decode(ExploreFixture.self, from: Data(contentsOf: TestSupport.fixture("explore.json")))
    }

    var exploreTexts: [ExploreText] { texts.map { ExploreText(id: $0.id, text: $0.text, values: ["functie": $0.functie]) } }
}

@Suite("Explore: figures against scipy")
struct ExploreFixtureTests {
    let fixture: ExploreFixture
    let corpus: ExploreCorpus
    static let tolerance = 1e-9

    init() throws {
        fixture = try ExploreFixture.load()
        corpus = try ExploreCorpus(fixture.exploreTexts, language: .dutch, stopWords: StopWords.dutch)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= Self.tolerance * max(1, abs(b)) }

    @Test func segmentsIntoTheExplicitTokenLists() {
        #expect(fixture.stopWords == StopWords.dutch, "the fixture was made with the same stop word list")
        for (t, text) in fixture.texts.enumerated() {
            #expect(corpus.clauses(ofText: t) == text.clauses, "\(text.id): \(text.text)")
        }
    }

    func rows(_ result: [FeatureFrequency]) -> [ExploreFixture.Frequency] {
        result.map { ExploreFixture.Frequency(feature: $0.feature, frequency: $0.frequency, rank: $0.rank, docfreq: $0.docfreq) }
    }

    @Test func frequencyDocfreqAndRank() {
        #expect(rows(corpus.frequency(FeatureOptions())) == fixture.frequency.unigrams)
        #expect(rows(corpus.frequency(FeatureOptions(ngrams: 2))) == fixture.frequency.bigrams)
        #expect(rows(corpus.frequency(FeatureOptions(ngrams: 3))) == fixture.frequency.trigrams)
        #expect(rows(corpus.frequency(FeatureOptions(removeStopWords: false))) == fixture.frequency.unigramsWithStopWords)
        // --top keeps the ranks of the whole list.
        #expect(rows(corpus.frequency(FeatureOptions(), top: 3)) == Array(fixture.frequency.unigrams.prefix(3)))
    }

    @Test func collocationsLambdaAndZ() {
        let result = corpus.collocations()
        #expect(result.count == fixture.collocations.count)
        for expected in fixture.collocations {
            guard let got = result.first(where: { $0.collocation == expected.collocation }) else {
                Issue.record("missing collocation \(expected.collocation)"); continue
            }
            #expect(got.count == expected.count)
            #expect(close(got.lambda, expected.lambda), "\(expected.collocation) lambda \(got.lambda) vs \(expected.lambda)")
            #expect(close(got.z, expected.z), "\(expected.collocation) z \(got.z) vs \(expected.z)")
        }
        #expect(zip(result, result.dropFirst()).allSatisfy { $0.z >= $1.z }, "sorted by z, highest first")
        #expect(corpus.collocations(minCount: 1).count > result.count)
    }

    @Test(arguments: [KeynessMeasure.chi2, .lr])
    func keynessAgainstTheRest(measure: KeynessMeasure) throws {
        let expected = measure == .chi2 ? fixture.keyness.chi2 : fixture.keyness.lr
        let result = try corpus.keyness(GroupSelection(parsing: expected.target), measure: measure)
        #expect(result.targetTotal == expected.targetTotal)
        #expect(result.referenceTotal == expected.referenceTotal)
        #expect(result.targetTexts == 4 && result.referenceTexts == 6 && result.textsWithoutValue == 0)
        #expect(result.rows.count == expected.rows.count)
        for row in expected.rows {
            guard let got = result.rows.first(where: { $0.feature == row.feature }) else {
                Issue.record("missing feature \(row.feature)"); continue
            }
            #expect(close(got.statistic, row.statistic), "\(row.feature): \(got.statistic) vs \(row.statistic)")
            #expect(close(got.p, row.p), "\(row.feature): p \(got.p) vs \(row.p)")
            #expect(got.nTarget == row.n_target && got.nReference == row.n_reference, "\(row.feature)")
        }
        #expect(zip(result.rows, result.rows.dropFirst()).allSatisfy { $0.statistic >= $1.statistic })
    }

    @Test func keywordsInContextRows() throws {
        for expected in fixture.kwic {
            let pattern = try Pattern.standalone(expected.pattern, language: "nl", origin: "--kwic")
            let rows = try ExploreMatching.keywordsInContext(pattern, in: fixture.exploreTexts, language: "nl", window: expected.window)
            #expect(rows.map { ExploreFixture.KWICRow(docname: $0.docname, from: $0.from, to: $0.to, pre: $0.pre,
                                                      keyword: $0.keyword, post: $0.post, pattern: $0.pattern) } == expected.rows,
                    "pattern \(expected.pattern)")
        }
    }
}

@Suite("Explore")
struct ExploreTests {
    func corpus(_ texts: [String], attributes: [[String: String]]? = nil, stopWords: [String] = StopWords.dutch) throws -> ExploreCorpus {
        let items = texts.enumerated().map { i, text in
            ExploreText(id: "T\(i + 1)", text: text, values: attributes?[i] ?? [:])
        }
        return try ExploreCorpus(items, language: .dutch, stopWords: stopWords)
    }

    @Test func ranksTiesAtTheLowestRankAsQuanteda() throws {
        // quanteda's own example (issue #1634): a, b and d tie at 3, c has 2.
        let c = try corpus(["a a b c d d", "a b b c d"], stopWords: [])
        let rows = c.frequency(FeatureOptions())
        #expect(rows.map(\.feature) == ["a", "b", "d", "c"])
        #expect(rows.map(\.rank) == [1, 1, 1, 4])
        #expect(rows.map(\.docfreq) == [2, 2, 2, 2])
    }

    @Test func segmentingInParallelRunsGivesWhatOneRunGives() throws {
        // 9,000 texts are segmented in several runs on several threads; every text must come out
        // as it does alone, and no phrase may join the last words of one run to the next.
        var generator = SeededGenerator(seed: 20261201)
        let vocabulary = ["Bang", "voorzichtig", "training", "m'n", "Géén", "burn-out", "sociale", "media", "post", "minder"]
        let separators = [" ", " ", ", ", ". ", "\n"]
        let texts = (0..<9000).map { i in
            ExploreText(id: "T\(i)", text: (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
            }.joined())
        }
        let whole = try ExploreCorpus(texts, language: .dutch, stopWords: [], workers: 3)
        var bigrams: [String: Int] = [:]
        for t in stride(from: 0, to: texts.count, by: 1) {
            let clauses = whole.clauses(ofText: t)
            if t % 300 == 0 {
                #expect(clauses == (try ExploreCorpus([texts[t]], language: .dutch)).clauses(ofText: 0), "\(texts[t].text)")
            }
            for clause in clauses { for (a, b) in zip(clause, clause.dropFirst()) { bigrams["\(a) \(b)", default: 0] += 1 } }
        }
        let counted = Dictionary(uniqueKeysWithValues: whole.frequency(FeatureOptions(ngrams: 2, removeStopWords: false)).map { ($0.feature, $0.frequency) })
        #expect(counted == bigrams)
    }

    @Test func foldsAsTheMatcherFolds() throws {
        let c = try corpus(["Géén BURN-OUT, m'n Geïnformeerd bv. 's avonds"], stopWords: [])
        #expect(c.clauses(ofText: 0) == [["geen", "burnout"], ["mijn", "geinformeerd", "bv", "des", "avonds"]])
        // A codebook pattern of the counted form matches the original word.
        let coder = try TestSupport.coder("""
            codes:
              - id: x
                include: [geinformeerd, burnout, bv]
            """)
        #expect(try coder.code("Geïnformeerd").count == 1)
        #expect(try coder.code("BURN-OUT").count == 1)
        #expect(try coder.code("bv.").count == 1)
    }

    @Test func phrasesStayInsideAClause() throws {
        let c = try corpus(["training gehad. training gehad, training; gehad"], stopWords: [])
        let bigrams = c.frequency(FeatureOptions(ngrams: 2))
        #expect(bigrams == [FeatureFrequency(feature: "training gehad", frequency: 2, rank: 1, docfreq: 1)])
        #expect(try corpus(["een", "twee"], stopWords: []).frequency(FeatureOptions(ngrams: 2)).isEmpty, "not across answers")
    }

    @Test func stopWordsAtTheEdgeOfAPhraseDropIt() throws {
        let c = try corpus(["ik ben bang in het donker"])
        #expect(c.frequency(FeatureOptions()).map(\.feature) == ["bang", "donker"])
        #expect(c.frequency(FeatureOptions(ngrams: 3)).map(\.feature).isEmpty)
        let phrases = try corpus(["bang in het donker"]).frequency(FeatureOptions(ngrams: 3))
        #expect(phrases.isEmpty, "bang in het: ends with a stop word; in het donker: starts with one")
        #expect(try corpus(["veel te bang"]).frequency(FeatureOptions(ngrams: 2)).isEmpty)
        #expect(try corpus(["zeer voorzichtig geworden"]).frequency(FeatureOptions(ngrams: 3)).map(\.feature) == ["zeer voorzichtig geworden"])
    }

    @Test func stemsAreSnowballStemsOfTheFoldedWords() throws {
        let c = try corpus(["trainingen training Trainingen"])
        let stemmer = try #require(Stemmer(algorithm: "dutch"))
        let rows = c.frequency(FeatureOptions(stems: true))
        #expect(rows.count == 1)
        #expect(rows.first?.feature == stemmer.stem("trainingen") && rows.first?.frequency == 3)
        #expect(stemmer.stem("training") == stemmer.stem("trainingen"))
    }

    @Test func keynessNamesWhatThereIs() throws {
        let c = try corpus(["bang", "voorzichtig", "alert"], attributes: [["geslacht": "man"], ["geslacht": "vrouw"], ["geslacht": "vrouw"]])
        #expect(throws: ExploreError("there is no variable `functie`; the variables are: `geslacht`")) {
            try c.keyness(GroupSelection(parsing: "functie=raadslid"))
        }
        #expect(throws: ExploreError("`geslacht` has no value `vrouwen`; its values are: `vrouw` (2), `man` (1)")) {
            try c.keyness(GroupSelection(parsing: "geslacht=vrouwen"))
        }
        #expect(throws: ExploreError("`geslacht` is not VARIABLE=VALUE (such as geslacht=vrouw)")) {
            try GroupSelection(parsing: "geslacht")
        }
        #expect(try GroupSelection(parsing: "vraag=a=b") == GroupSelection(variable: "vraag", value: "a=b"))
        let one = try corpus(["bang"], attributes: [["geslacht": "man"]])
        #expect(throws: ExploreError.self) { try one.keyness(GroupSelection(parsing: "geslacht=man")) }
    }

    @Test func aRestrictedCorpusCountsAsOneBuiltFromThoseTexts() throws {
        let texts = ["Ik ben voorzichtiger geworden op sociale media.", "Het weer was mooi, echt mooi weer.",
                     "Op sociale media ben ik stiller, sociale media mijd ik.", "Voorzichtiger? Ja, veel voorzichtiger.",
                     "Geen effect."]
        let attributes: [[String: String]] = [["g": "man"], ["g": "vrouw"], ["g": "vrouw"], ["g": "man"], [:]]
        let kept = [0, 2, 3, 4]
        let restricted = try corpus(texts, attributes: attributes).restricted(to: [4, 0, 3, 2])
        let items = kept.map { ExploreText(id: "T\($0 + 1)", text: texts[$0], values: attributes[$0]) }
        let built = try ExploreCorpus(items, language: .dutch, stopWords: StopWords.dutch)
        #expect(restricted.selectedTexts == kept)
        for options in [FeatureOptions(), FeatureOptions(ngrams: 2, removeStopWords: false), FeatureOptions(stems: true)] {
            #expect(restricted.frequency(options) == built.frequency(options), "\(options)")
        }
        #expect(restricted.frequency(FeatureOptions()).first { $0.feature == "mooi" } == nil, "the left-out text is not counted")
        #expect(restricted.collocations(minCount: 1) == built.collocations(minCount: 1))
        let group = GroupSelection(variable: "g", value: "man")
        let (a, b) = (try restricted.keyness(group, measure: .lr), try built.keyness(group, measure: .lr))
        #expect(a.rows == b.rows && a.targetTexts == 2 && a.referenceTexts == 1 && a.textsWithoutValue == 1 && b.textsWithoutValue == 1)
        #expect(restricted.values(of: "g").map(\.texts) == [2, 1])
    }

    @Test func keynessLeavesTextsWithoutTheVariableOut() throws {
        let c = try corpus(["bang bang", "voorzichtig", "bang"], attributes: [["geslacht": "man"], ["geslacht": "vrouw"], [:]])
        let result = try c.keyness(GroupSelection(variable: "geslacht", value: "man"))
        #expect(result.targetTexts == 1 && result.referenceTexts == 1 && result.textsWithoutValue == 1)
        let bang = try #require(result.rows.first { $0.feature == "bang" })
        #expect(bang.nTarget == 2 && bang.nReference == 0, "the third text's bang is in neither group")
    }

    @Test func aBadKwicPatternGetsTheCodebooksMessageAtItsColumn() throws {
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        for bad in ["vo*", "denk * * na", "* alert", "politie||gemeente", "~alert~", ""] {
            var fromCodebook = ""
            do {
                _ = try CodebookLoader.parse("codes:\n  - id: x\n    include:\n      - \"\(bad)\"\n", file: "c.yml")
            } catch let error as InvalidCodebook { fromCodebook = error.problems.first?.message ?? "" }
            // The codebook panel's message for the same typed pattern: `1:COLUMN: message`.
            var fromPanel = ""
            do { _ = try TrialCodebook(pattern: bad, target: .none, yaml: yaml) } catch let problem as TrialCodebook.Problem {
                fromPanel = problem.description
            }
            do {
                _ = try Pattern.standalone(bad, language: "nl", origin: "--kwic")
                Issue.record("`\(bad)` was accepted")
            } catch let error as InvalidCodebook {
                #expect(error.problems.first?.message == fromCodebook, "`\(bad)`")
                #expect(error.description == "--kwic:\(fromPanel)", "`\(bad)`")
                #expect(!fromCodebook.isEmpty && fromPanel.hasPrefix("1:"))
            }
        }
        #expect(throws: InvalidCodebook.self) { try Pattern.standalone("denk * * na", language: "nl", origin: "--kwic") }
        do { _ = try Pattern.standalone("denk * * na", language: "nl", origin: "--kwic") } catch let error as InvalidCodebook {
            #expect(error.description.hasPrefix("--kwic:1:8: pattern `denk * * na`: has two gaps"), "the column of the second gap")
        }
    }

    @Test func aStandalonePatternParsesAsInACodebook() throws {
        for source in ["~Voorzichtig", "M'n|mijn coach", "training+", "denk * keer na", "Geïnformeerd*"] {
            let codebook = try CodebookLoader.parse("codes:\n  - id: x\n    include:\n      - \"\(source)\"\n", file: "c.yml")
            let standalone = try Pattern.standalone(source, language: "nl", origin: "--kwic")
            #expect(standalone.elements == codebook.codes[0].include[0].elements, "`\(source)`")
        }
    }

    @Test func kwicPositionsCountWordsAndKeepTheTextVerbatim() throws {
        let texts = [ExploreText(id: "a", text: "😀 Ik ben, eerlijk gezegd, véél VOORZICHTIGER geworden!\nEcht.")]
        let rows = try ExploreMatching.keywordsInContext(Pattern.standalone("voorzicht*", language: "nl", origin: "--kwic"),
                                                         in: texts, language: "nl", window: 3)
        #expect(rows == [KWICRow(docname: "a", from: 6, to: 6, pre: "eerlijk gezegd, véél", keyword: "VOORZICHTIGER",
                                 post: "geworden!\nEcht", pattern: "voorzicht*")])
        let none = try ExploreMatching.keywordsInContext(Pattern.standalone("alert*", language: "nl", origin: "--kwic"),
                                                         in: texts, language: "nl", window: 0)
        #expect(none.isEmpty)
    }

    @Test func uncodedAnswersAreThoseWithoutASuggestion() throws {
        let compiled = try CompiledCodebook(CodebookLoader.parse("""
            negation: {cues: [niet], window: 3}
            codes:
              - id: caution
                include: [voorzicht*]
            """, file: "c.yml"))
        let texts = [ExploreText(id: "1", text: "Ik ben voorzichtiger."), ExploreText(id: "2", text: "Ik ben niet voorzichtiger."),
                     ExploreText(id: "3", text: "Geen effect.")]
        #expect(try ExploreMatching.uncodedIDs(texts, codebook: compiled, workers: 2) == ["2", "3"])
    }

    @Test func writersUseQuantedasColumnsAndAlignText() throws {
        let c = try corpus(["sociale media, sociale media", "media"])
        let rows = c.frequency(FeatureOptions())
        #expect(ExploreWriter.frequencyCSV(rows) == "feature,frequency,rank,docfreq\nmedia,3,1,2\nsociale,2,2,1\n")
        #expect(ExploreWriter.frequencyText(rows, note: "(note)") == """
            feature  frequency  rank  docfreq
            media            3     1        2
            sociale          2     2        1
            (note)

            """)
        let kwic = [KWICRow(docname: "a", from: 1, to: 1, pre: "", keyword: "x", post: "y,\nz", pattern: "x")]
        #expect(ExploreWriter.kwicCSV(kwic) == "docname,from,to,pre,keyword,post,pattern\na,1,1,,x,\"y,\nz\",x\n")
        #expect(!ExploreWriter.kwicText(kwic, note: "").dropLast().contains("\n\n"), "a line break in a cell stays on its line")
    }
}
