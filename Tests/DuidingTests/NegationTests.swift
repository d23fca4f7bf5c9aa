import Foundation
import Testing
@testable import DuidingCodebook

@Suite("Negation and exclusion")
struct NegationTests {
    static let negation = """
    negation:
      cues: [niet, geen, nooit, nauwelijks]
      window: 3
      after:
        cues: [niets, niemand]
        window: 1
      scope_breakers: [maar, omdat, wel]
    """

    let coder: Coder

    init() throws {
        coder = try TestSupport.coder(inlineCodebook([
            ("psych", ["bang*", "angst*"], []),
            ("caution", ["voorzicht*", "{pattern: zeg * niet meer alles, negatable: false}"], ["politie|gemeente * voorzicht*"]),
            ("avoidance", ["vermijd*", "{pattern: niet meer alleen, negatable: false}"], []),
            ("training", ["training+"], ["{pattern: geen * behoefte, negatable: false}"]),
        ], negation: Self.negation))
    }

    @Test(arguments: ["Ik ben niet bang.", "Ik ben geen bang type", "Ik was nooit bang", "Ik ben nauwelijks bang",
                      "Niet bang", "Geen angst", "ik ben er niet echt bang"])
    func cueBeforeTheMatchNegates(_ text: String) throws {
        #expect(try coder.codeIDs(text) == [], "\(text)")
    }

    @Test func cueBeyondTheWindowDoesNotNegate() throws {
        // `niet` is four words before `bang`, the window is three.
        #expect(try coder.codeIDs("niet dat ik erg bang ben") == ["psych"])
        #expect(try coder.codeIDs("niet dat ik bang ben") == [])
    }

    @Test func cueAfterTheMatchIsNotABeforeCue() throws {
        #expect(try coder.codeIDs("ik ben bang, niet boos") == ["psych"])
        #expect(try coder.codeIDs("bang ben ik niet") == ["psych"])
    }

    @Test func afterCues() throws {
        #expect(try coder.codeIDs("ik vermijd niets") == [])
        #expect(try coder.codeIDs("ik vermijd niemand") == [])
        // Beyond the after-window of one word.
        #expect(try coder.codeIDs("ik vermijd echt niets") == ["avoidance"])
        #expect(try coder.codeIDs("ik vermijd de markt. niets aan te doen") == ["avoidance"])
    }

    @Test func commaStopsTheScope() throws {
        #expect(try coder.codeIDs("niet bang, voorzichtig") == ["caution"])
        #expect(try coder.codeIDs("niet bang, maar wel voorzichtig") == ["caution"])
        #expect(try coder.codeIDs("niet, bang") == ["psych"])
        #expect(try coder.codeIDs("ik vermijd, niets") == ["avoidance"])
    }

    @Test func scopeBreakerStopsTheScope() throws {
        #expect(try coder.codeIDs("niet bang maar wel voorzichtig") == ["caution"])
        #expect(try coder.codeIDs("niet bang maar voorzichtig") == ["caution"])
        #expect(try coder.codeIDs("niet omdat ik bang ben") == ["psych"])
        // A cue after the breaker still negates within the new scope.
        #expect(try coder.codeIDs("ik weet het, maar niet bang") == [])
    }

    @Test func withoutScopeBreakersTheCueReachesFurther() throws {
        let plain = try TestSupport.coder(inlineCodebook([("caution", ["voorzicht*"], [])], negation: """
        negation:
          cues: [niet]
          window: 3
        """))
        #expect(try plain.codeIDs("niet bang maar voorzichtig") == [])
        #expect(try plain.codeIDs("niet bang, voorzichtig") == ["caution"])
    }

    @Test func clauseBoundaryStopsTheScope() throws {
        #expect(try coder.codeIDs("Dat niet. Bang ben ik wel") == ["psych"])
    }

    @Test func nonNegatablePatterns() throws {
        #expect(try coder.codeIDs("ik ga niet meer alleen naar huis") == ["avoidance"])
        #expect(try coder.codeIDs("ik zeg gewoon niet meer alles") == ["caution"])
        // A negatable pattern of the same code in the same text is still negated.
        #expect(try coder.code("ik vermijd niets").isEmpty)
    }

    @Test func negatableFalseOnASingleWord() throws {
        let coder = try TestSupport.coder(inlineCodebook([("c", ["{pattern: alleen, negatable: false}"], [])],
                                                         negation: Self.negation))
        #expect(try coder.codeIDs("niet alleen") == ["c"])
    }

    @Test func codeLevelNegatableDefault() throws {
        let yaml = """
        \(Self.negation)
        codes:
          - id: c
            negatable: false
            include: [bang]
          - id: d
            include: [bang]
        """
        let coder = try TestSupport.coder(yaml)
        #expect(try coder.codeIDs("niet bang") == ["c"])
    }

    @Test func negationOnlyHidesTheNegatedMatch() throws {
        let suggestions = try coder.code("niet bang, wel angstig")
        #expect(suggestions.map(\.codeID) == ["psych"])
        #expect(suggestions.first?.evidence.count == 1)
        let text = "niet bang, wel angstig"
        #expect(suggestions.first?.evidence.first?.utf16Range == (try utf16Range(of: "angstig", in: text)))
    }

    @Test func truncatedCompoundHyphenDoesNotEndTheScope() throws {
        // "voorlichtings- of trainingsbehoefte": the hyphen stands for a shared part of two
        // compounds, it does not end a clause; `geen` negates both.
        #expect(try coder.codeIDs("Ik heb geen voorlichtings- of trainingsbehoefte.") == [])
        #expect(try coder.codeIDs("Ik heb voorlichtings- en trainingsbehoefte.") == ["training"])
    }

    @Test func exclusionInTheSameClauseCancels() throws {
        #expect(try coder.codeIDs("De politie is erg voorzichtig.") == [])
        #expect(try coder.codeIDs("De gemeente was voorzichtig met informatie") == [])
        // The exclusion only cancels its own code.
        #expect(try coder.codeIDs("De politie is voorzichtig en ik ben bang") == ["psych"])
    }

    @Test func exclusionInAnotherClauseDoesNot() throws {
        #expect(try coder.codeIDs("De politie is traag. Ik ben voorzichtiger geworden.") == ["caution"])
        let text = "De politie is voorzichtig, ik ben het ook: voorzichtiger"
        let suggestions = try coder.code(text)
        #expect(suggestions.map(\.codeID) == ["caution"])
        #expect(suggestions.first?.evidence.map(\.utf16Range) == [try utf16Range(of: "voorzichtiger", in: text)])
    }

    @Test func nonNegatableExclusion() throws {
        #expect(try coder.codeIDs("Ik heb geen behoefte aan een training") == [])
        #expect(try coder.codeIDs("Een training. Geen behoefte aan koffie") == ["training"])
        #expect(try coder.codeIDs("Een weerbaarheidstraining lijkt me goed") == ["training"])
    }
}
