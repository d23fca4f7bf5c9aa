import Foundation
import Testing
@testable import DuidingCodebook
import DuidingText

/// A codebook with one code `c` per list of include patterns (YAML flow items, as written in a file).
func inlineCodebook(_ codes: [(id: String, include: [String], exclude: [String])], negation: String = "") -> String {
    var yaml = "name: test\nlanguage: nl\n"
    if !negation.isEmpty { yaml += negation + "\n" }
    yaml += "codes:\n"
    for code in codes {
        yaml += "  - id: \(code.id)\n    label: \(code.id)\n    include:\n"
        for p in code.include { yaml += "      - \(p)\n" }
        if !code.exclude.isEmpty {
            yaml += "    exclude:\n"
            for p in code.exclude { yaml += "      - \(p)\n" }
        }
    }
    return yaml
}

/// UTF-16 range of the first occurrence of `needle` in `text`.
func utf16Range(of needle: String, in text: String, after: String? = nil) throws -> Range<Int> {
    var searchStart = text.startIndex
    if let after { searchStart = try #require(text.range(of: after)).upperBound }
    let r = try #require(text.range(of: needle, range: searchStart..<text.endIndex), "`\(needle)` not in text")
    return r.lowerBound.utf16Offset(in: text)..<r.upperBound.utf16Offset(in: text)
}

@Suite("Pattern kinds through the coder")
struct PatternTests {
    /// The evidence for the single code `c` of a codebook with `pattern`, or [] when it is not suggested.
    func evidence(_ pattern: String, _ text: String) throws -> [Evidence] {
        let coder = try TestSupport.coder(inlineCodebook([("c", [pattern], [])]))
        let suggestions = try coder.code(text)
        #expect(suggestions.count <= 1)
        return suggestions.first?.evidence ?? []
    }

    /// The matched texts for `pattern` in `text`.
    func matched(_ pattern: String, _ text: String) throws -> [String] {
        let units = Array(text.utf16)
        return try evidence(pattern, text).map { String(decoding: units[$0.utf16Range], as: UTF16.self) }
    }

    @Test func exactWord() throws {
        #expect(try matched("voorzichtig", "Ik ben voorzichtig.") == ["voorzichtig"])
        #expect(try matched("voorzichtig", "Ik ben Voorzichtig") == ["Voorzichtig"])
        #expect(try matched("voorzichtig", "Ik ben voorzichtiger.").isEmpty)
        #expect(try matched("voorzichtig", "Ik ben onvoorzichtig.").isEmpty)
    }

    @Test func prefix() throws {
        #expect(try matched("voorzicht*", "Ik ben voorzichtiger geworden") == ["voorzichtiger"])
        #expect(try matched("voorzicht*", "Voorzichtigheid troef") == ["Voorzichtigheid"])
        #expect(try matched("voorzicht*", "dat was onvoorzichtig").isEmpty)
    }

    @Test func snowballStem() throws {
        #expect(try matched("~voorzichtig", "een voorzichtige houding") == ["voorzichtige"])
        #expect(try matched("~voorzichtig", "uit voorzichtigheid") == ["voorzichtigheid"])
        #expect(try matched("~voorzichtig", "ik ben voorzichtig") == ["voorzichtig"])
        #expect(try matched("~voorzichtig", "daarin is voorzien").isEmpty)
    }

    @Test func compound() throws {
        #expect(try matched("training+", "een training graag") == ["training"])
        #expect(try matched("training+", "een weerbaarheidstraining graag") == ["weerbaarheidstraining"])
        #expect(try matched("training+", "de trainingsbehoefte is groot") == ["trainingsbehoefte"])
        // The rest must be a real part: `trainingen` is a plural, not a compound.
        #expect(try matched("training+", "twee trainingen").isEmpty)
        #expect(try matched("training+", "de trainer").isEmpty)
    }

    @Test func phrase() throws {
        #expect(try matched("op de vlakte", "Ik hou me op de vlakte tegenwoordig.") == ["op de vlakte"])
        #expect(try matched("op de vlakte", "Ik blijf op de grote vlakte.").isEmpty)
        #expect(try matched("op de vlakte", "de vlakte op").isEmpty)
    }

    @Test func phraseWithGap() throws {
        #expect(try matched("denk * keer na", "Ik denk wel drie keer na.") == ["denk wel drie keer na"])
        #expect(try matched("denk * keer na", "ik denk keer na") == ["denk keer na"])
        #expect(try matched("denk * keer na", "ik denk er nu toch wel drie keer na") == [])
        #expect(try matched("{pattern: denk * keer na, gap: 5}", "ik denk er nu toch wel drie keer na")
            == ["denk er nu toch wel drie keer na"])
        #expect(try matched("{pattern: denk * keer na, gap: 1}", "ik denk wel twee keer na").isEmpty)
    }

    @Test func alternatives() throws {
        #expect(try matched("politie|gemeente", "de gemeente belde") == ["gemeente"])
        #expect(try matched("politie|gemeente", "de Politie belde") == ["Politie"])
        #expect(try matched("politie|gemeente", "de provincie belde").isEmpty)
        #expect(try matched("angst*|bang", "ik ben bang en angstig") == ["bang", "angstig"])
        #expect(try matched("minder snel|vaak", "ik reageer minder vaak") == ["minder vaak"])
        #expect(try matched("minder snel|vaak", "ik reageer minder fel").isEmpty)
    }

    @Test(arguments: [
        ("{pattern: voorzicht*, fuzzy: true}", "voorzigtiger", "voorzicht*"),
        ("{pattern: alert*, fuzzy: true}", "allert", "alert*"),
        ("{pattern: onveilig*, fuzzy: true}", "onveillig", "onveilig*"),
        ("{pattern: training*, fuzzy: true}", "traning", "training*"),
    ])
    func fuzzyToleratesMisspellings(fuzzy: String, misspelled: String, strict: String) throws {
        let text = "Ik ben \(misspelled) geworden"
        #expect(try matched(fuzzy, text) == [misspelled])
        #expect(try matched(strict, text).isEmpty, "without fuzzy, `\(misspelled)` must not match `\(strict)`")
        // Evidence names the pattern as written, not the YAML mapping.
        #expect(try evidence(fuzzy, text).map(\.pattern) == [strict])
    }

    @Test(arguments: [
        ("{pattern: voorzicht*, fuzzy: true}", "voorlichting"),
        ("{pattern: voorzicht*, fuzzy: true}", "voorzitter"),
        ("{pattern: training*, fuzzy: true}", "trainer"),
        ("{pattern: alert*, fuzzy: true}", "alarm"),
    ])
    func fuzzyDoesNotMatchOtherRealWords(fuzzy: String, word: String) throws {
        #expect(try matched(fuzzy, "Er was \(word) over") == [], "`\(word)` is a different word")
    }

    @Test func diacriticsAndCase() throws {
        #expect(try matched("geinformeerd", "Ik wil Geïnformeerd worden") == ["Geïnformeerd"])
        #expect(try matched("geïnformeerd", "ik wil GEINFORMEERD worden") == ["GEINFORMEERD"])
        #expect(try matched("geinformeerd", "ik wil ge\u{0069}\u{0308}nformeerd worden") == ["ge\u{0069}\u{0308}nformeerd"])
        #expect(try matched("officiele", "een Officiële brief") == ["Officiële"])
        #expect(try matched("burnout", "een burn-out gehad") == ["burn-out"])
    }

    @Test func clitics() throws {
        #expect(try matched("op mijn hoede", "Ik ben op m'n hoede.") == ["op m'n hoede"])
        #expect(try matched("op mijn hoede", "Ik ben op m’n hoede.") == ["op m’n hoede"])
        #expect(try matched("op zijn hoede", "Hij is op z'n hoede.") == ["op z'n hoede"])
        // A clitic in the pattern means the full word too.
        #expect(try matched("op m'n hoede", "Ik ben op mijn hoede.") == ["op mijn hoede"])
        #expect(try matched("het is", "'t is eng") == ["'t is"])
    }

    @Test func phrasesDoNotCrossClauseBoundaries() throws {
        #expect(try matched("minder snel", "ik reageer minder  snel") == ["minder  snel"])
        for text in ["ik reageer minder. Snel ben ik niet", "ik reageer minder, snel ben ik niet",
                     "ik reageer minder\nsnel ben ik niet", "ik reageer minder; snel", "minder? Snel", "minder - snel",
                     "minder 👍🏽 snel"] {
            #expect(try matched("minder snel", text).isEmpty, "no match across the boundary in \(text.debugDescription)")
        }
        #expect(try matched("denk * keer na", "ik denk. twee keer na").isEmpty)
    }

    @Test func markupIsNeverMatched() throws {
        #expect(try matched("script", "<b>script</b> <script>alert(1)</script>") == ["script"])
        #expect(try matched("{pattern: alert*, fuzzy: true}", "<script>alert(1)</script>").isEmpty,
                "the content of a script element is not an answer")
        #expect(try matched("voorzichtig", "<b>voorzichtig</b> ben ik") == ["voorzichtig"])
    }

    @Test func numbersAreMatchable() throws {
        #expect(try matched("112 gebeld", "ik heb 112 gebeld") == ["112 gebeld"])
    }

    @Test func evidenceHasExactRangeAndSource() throws {
        let text = "👍🏽 voorzichtiger, en 'ik hou me op de vlakte' 👨‍👩‍👧‍👦 voorzichtig"
        let coder = try TestSupport.coder(inlineCodebook([("c", ["{pattern: voorzicht*, fuzzy: true}", "op de vlakte"], [])]))
        let suggestion = try #require(try coder.code(text).first)
        #expect(suggestion.codeID == "c" && suggestion.codeIndex == 0)
        #expect(suggestion.evidence == [
            Evidence(pattern: "voorzicht*", utf16Range: 5..<18),
            Evidence(pattern: "op de vlakte", utf16Range: try utf16Range(of: "op de vlakte", in: text)),
            Evidence(pattern: "voorzicht*", utf16Range: try utf16Range(of: "voorzichtig", in: text, after: "vlakte")),
        ])
        let units = Array(text.utf16)
        #expect(suggestion.evidence.map { String(decoding: units[$0.utf16Range], as: UTF16.self) }
            == ["voorzichtiger", "op de vlakte", "voorzichtig"])
    }

    @Test func suggestionsComeInCodebookOrder() throws {
        let coder = try TestSupport.coder(inlineCodebook([
            ("eerste", ["bang"], []), ("tweede", ["voorzicht*"], []), ("derde", ["training"], []),
        ]))
        let suggestions = try coder.code("Een training? Ik ben voorzichtiger en bang.")
        #expect(suggestions.map(\.codeID) == ["eerste", "tweede", "derde"])
        #expect(suggestions.map(\.codeIndex) == [0, 1, 2])
        #expect(try coder.code("Niets aan de hand.").isEmpty)
        #expect(try coder.code("").isEmpty)
    }

    @Test func coderGivesTheSameAnswerTwice() throws {
        // Per-form caches must not leak state from one text to the next.
        let coder = try TestSupport.coder(inlineCodebook([("c", ["op de vlakte", "voorzicht*"], [])]))
        let text = "ik blijf op de vlakte en voorzichtig"
        let first = try coder.code(text)
        _ = try coder.code("de vlakte is groot, op de markt")
        #expect(try coder.code(text) == first)
        #expect(first.first?.evidence.count == 2)
    }

    @Test func parallelCodingKeepsOrder() throws {
        let compiled = try CompiledCodebook(CodebookLoader.parse(inlineCodebook([("c", ["voorzicht*"], [])]), file: "x.yml"))
        let texts = (0..<300).map { $0 % 3 == 0 ? "tekst \($0) voorzichtig" : "tekst \($0)" }
        let results = try ParallelCoding.map(texts, codebook: compiled, workers: 4) { coder, text in
            try coder.code(text).map(\.codeID)
        }
        #expect(results.count == texts.count)
        for (i, r) in results.enumerated() { #expect(r == (i % 3 == 0 ? ["c"] : []), "item \(i)") }
    }
}
