import Foundation
import Testing
@testable import DuidingCodebook

/// One open answer quoted in the *Monitor Integriteit en Veiligheid 2024, Deel 2 – Agressie en
/// intimidatie* (Ipsos I&O for the Ministry of the Interior, BZK, report 2024/221, October 2024),
/// with the theme(s) under which the report printed it. Reused with reference to that source;
/// the fixture is Fixtures/dev-examples.tsv, copied unchanged (header included).
struct DevExample: Sendable, CustomTestStringConvertible {
    let id: String
    let section: String
    let themes: Set<String>
    let text: String

    var testDescription: String { id }

    static func load() throws -> [DevExample] {
        let url = try TestSupport.fixture("dev-examples.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard header == ["id", "section", "report_theme", "text"] else { throw CocoaError(.fileReadCorruptFile) }
        return lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let themes = Set(f[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            return DevExample(id: f[0], section: f[1], themes: themes, text: f[3...].joined(separator: "\t"))
        }
    }

    /// Loaded when the tests are discovered; an unreadable fixture gives no cases, which
    /// `fixtureIsComplete` reports.
    static let all: [DevExample] = (try? load()) ?? []
}

@Suite("Dev examples from the report")
struct DevExampleTests {
    @Test func fixtureIsComplete() throws {
        let examples = try DevExample.load()
        #expect(examples.count == 26)
        #expect(Set(examples.map(\.id)).count == examples.count)
        let known: Set<String> = ["caution", "avoidance", "vigilance", "psych_impact", "training_need"]
        #expect(examples.allSatisfy { $0.themes.isSubset(of: known) && !$0.text.isEmpty })
        #expect(examples.contains { $0.themes.isEmpty })
    }

    @Test(arguments: DevExample.all)
    func defaultCodebookSuggestsTheReportThemes(_ example: DevExample) throws {
        let coder = try Coder(TestSupport.defaultCompiled.get())
        let suggestions = try coder.code(example.text)
        let suggested = Set(suggestions.map(\.codeID))
        let evidence = suggestions.map { s in
            "\(s.codeID): " + s.evidence.map { "\($0.pattern) ← “\(String(decoding: Array(example.text.utf16)[$0.utf16Range], as: UTF16.self))”" }
                .joined(separator: "; ")
        }
        #expect(suggested == example.themes, """
            \(example.id): expected [\(example.themes.sorted().joined(separator: ","))], \
            got [\(suggested.sorted().joined(separator: ","))] for “\(example.text)”; \
            missing: \(example.themes.subtracting(suggested).sorted()), extra: \(suggested.subtracting(example.themes).sorted()); \
            evidence: \(evidence.joined(separator: " | "))
            """)
    }
}
