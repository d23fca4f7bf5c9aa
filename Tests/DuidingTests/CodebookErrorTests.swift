import Foundation
import Testing
@testable import DuidingCodebook

@Suite("Codebook problems")
struct CodebookErrorTests {
    /// The problems reported for a codebook text; records an issue if it loads.
    func problems(_ yaml: String, file: String = "boek.yml") -> [CodebookProblem] {
        do {
            _ = try CodebookLoader.parse(yaml, file: file)
            Issue.record("the codebook should have been refused")
            return []
        } catch let error as InvalidCodebook {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    /// The problem reported at `line:column`, if exactly one is there.
    func problem(at line: Int, _ column: Int, in list: [CodebookProblem]) -> CodebookProblem? {
        let here = list.filter { $0.location.line == line && $0.location.column == column }
        return here.count == 1 ? here[0] : nil
    }

    @Test func allProblemsAreReportedTogetherWithTheirPlace() throws {
        let yaml = """
        name: Test
        language: nl
        colour: blue
        codes:
          - id: caution
            label: Voorzichtigheid
            include: [voorzicht*]
          - id: caution
            include: ["*begin"]
          - id: Bad Id!
            labl: x
            include:
              - a* *
              - ab*
              - {pattern: bang, fuzzy: misschien}
              - voor* *
        """
        let list = problems(yaml)
        // Lines and columns are 1-based; every problem names the file.
        #expect(list.allSatisfy { $0.location.file == "boek.yml" })
        #expect(list.count == 9, "\(list.map(\.description).joined(separator: "\n"))")

        let unknown = try #require(problem(at: 3, 1, in: list), "unknown top-level key at 3:1")
        #expect(unknown.message.contains("colour"))

        let duplicate = try #require(problem(at: 8, 5, in: list), "duplicate id at the second code, 8:5")
        #expect(duplicate.message.contains("caution") && duplicate.message.contains("line 5"))

        let star = try #require(problem(at: 9, 15, in: list), "`*begin` at 9:15")
        #expect(star.message.contains("*begin"))

        let badID = try #require(problem(at: 10, 9, in: list), "bad id characters at 10:9")
        #expect(badID.message.contains("Bad Id!"))

        let unknownInCode = try #require(problem(at: 11, 5, in: list), "unknown key in a code at 11:5")
        #expect(unknownInCode.message.contains("labl"))

        let twoStars = try #require(problem(at: 13, 9, in: list), "`a* *` at 13:9")
        #expect(twoStars.message.contains("a* *"))

        let short = try #require(problem(at: 14, 9, in: list), "`ab*` at 14:9")
        #expect(short.message.contains("ab*") && short.message.contains("too short"))

        let fuzzy = try #require(problem(at: 15, 32, in: list), "non-boolean fuzzy at 15:32")
        #expect(fuzzy.message.contains("fuzzy") && fuzzy.message.contains("true or false"))

        // `voor* *` ends with a gap.
        let gap = try #require(problem(at: 16, 9, in: list), "`voor* *` at 16:9")
        #expect(gap.message.contains("gap"))

        // The error text is one `file:line:column: message` per problem.
        let error = InvalidCodebook(problems: list)
        #expect(error.description.split(separator: "\n").contains("boek.yml:3:1: \(unknown.message)"))
    }

    @Test(arguments: [
        ("*begin", "`*` may only end a word"),
        ("voor*zicht", "`*` may only end a word"),
        ("~", "no letters"),
        ("a||b", "no letters"),
        ("* bang", "starts with a gap"),
        ("bang *", "ends with a gap"),
        ("bang * * angst", "two gaps"),
        ("ab*", "too short"),
        ("voor~zicht", "`~` only start"),
    ])
    func badPatterns(pattern: String, expected: String) {
        let yaml = "codes:\n  - id: c\n    include:\n      - \"\(pattern)\"\n"
        let list = problems(yaml)
        #expect(list.count == 1)
        #expect(list.first?.location == SourceLocation(file: "boek.yml", line: 4, column: 9))
        #expect(list.first?.message.contains(expected) == true, "\(list.first?.message ?? "")")
    }

    @Test func invalidYAMLSyntaxHasItsLocation() {
        let yaml = """
        name: x
        codes:
          - id: a
             label: b
        """
        let list = problems(yaml)
        #expect(list.count == 1)
        #expect(list.first?.location == SourceLocation(file: "boek.yml", line: 4, column: 11))
        #expect(list.first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func duplicateYAMLKeyIsReportedAtTheKey() {
        // Two `include:` lists in one code is an easy mistake; it must be shown where it is,
        // not at the top of the file.
        let yaml = """
        name: x
        codes:
          - id: a
            include: [bang]
            include: [angst]
        """
        let list = problems(yaml)
        #expect(list.count == 1)
        let location = list.first?.location
        #expect(location?.line == 4 || location?.line == 5, "reported at \(location.map(\.description) ?? "nowhere")")
        #expect(location?.column == 5)
        #expect(list.first?.message.contains("include") == true)
    }

    @Test func emptyCodes() {
        let list = problems("name: x\ncodes: []\n")
        #expect(list.count == 1)
        #expect(list.first?.location == SourceLocation(file: "boek.yml", line: 2, column: 8))
        #expect(list.first?.message.contains("empty") == true)
    }

    @Test func emptyOrMissingCodebook() {
        #expect(problems("").first?.message.contains("empty") == true)
        #expect(problems("name: x\n").first?.message.contains("codes") == true)
        #expect(problems("- a\n- b\n").first?.message.contains("mapping") == true)
    }

    @Test func badNegationAndDefaults() {
        let yaml = """
        negation:
          cues: [niet, "twee woorden"]
          window: 99
        defaults:
          gap: nul
        codes:
          - id: c
            include: [bang]
        """
        let list = problems(yaml)
        #expect(list.count == 3, "\(list.map(\.description))")
        #expect(problem(at: 2, 16, in: list)?.message.contains("one word") == true)
        #expect(problem(at: 3, 11, in: list)?.message.contains("0 to 10") == true)
        #expect(problem(at: 5, 8, in: list)?.message.contains("gap") == true)
    }

    @Test func loadReportsAMissingFile() {
        #expect(throws: InvalidCodebook.self) { try CodebookLoader.load(path: "/nonexistent/boek.yml") }
    }

    @Test func validCodebookLoadsWithItsSettings() throws {
        let yaml = """
        name: Klein
        language: nl
        negation:
          cues: [Niet, GEEN]
          window: 2
          after: {cues: [niets], window: 1}
          scope_breakers: [maar]
        defaults:
          fuzzy: true
          gap: 2
        codes:
          - id: c
            label: Code
            include:
              - voorzicht*
              - {pattern: denk * na, negatable: false, fuzzy: false}
            exclude: [politie * voorzicht*]
        """
        let book = try CodebookLoader.parse(yaml, file: "klein.yml")
        #expect(book.name == "Klein" && book.language == "nl")
        #expect(book.negation == NegationRule(cues: ["niet", "geen"], window: 2, afterCues: ["niets"], afterWindow: 1,
                                              scopeBreakers: ["maar"]))
        let code = try #require(book.codes.first)
        #expect(code.id == "c" && code.label == "Code")
        #expect(code.include.map(\.source) == ["voorzicht*", "denk * na"])
        #expect(code.include[0].fuzzy && code.include[0].negatable)
        #expect(!code.include[1].fuzzy && !code.include[1].negatable)
        #expect(code.include[1].elements == [.word("denk"), .gap(max: 2), .word("na")])
        #expect(code.exclude.first?.elements == [.word("politie"), .gap(max: 2), .prefix("voorzicht")])
        #expect(code.include[0].location == SourceLocation(file: "klein.yml", line: 15, column: 9))
    }

    @Test func defaultCodebookLoadsWithoutProblems() throws {
        let book = try CodebookLoader.load(path: TestSupport.defaultCodebookPath)
        #expect(Set(book.codes.map(\.id)) == ["caution", "avoidance", "vigilance", "psych_impact", "training_need"])
        #expect(book.codes.allSatisfy { !$0.include.isEmpty })
        #expect(!book.negation.cues.isEmpty)
        _ = try CompiledCodebook(book)
    }
}
