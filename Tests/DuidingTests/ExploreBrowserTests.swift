import DuidingAnalysis
import DuidingCodebook
import DuidingStore
import Foundation
import Testing

/// The explore panel in headless Chromium: `v` opens it on the frequent words, a pattern
/// typed in context shows its matches highlighted, a bad one its message, a row opens its
/// answer, and the learning curve is drawn once the server has computed it.
@Suite("Explore panel in a real browser", .serialized)
struct ExploreBrowserTests {
    static let backspace = "\u{E003}"

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(4)))
    func kwicHighlightsMatchesOpensAnswersAndTheCurveIsDrawn() async throws {
        let dir = try TemporaryDirectory()
        let project = dir.path("project.duiding")
        let store = try ProjectStore.create(at: project)
        let decided = try ProjectLearningTests.project(in: store).decided
        // The rows the command line's way of matching gives (every text coded, not the index).
        let texts = try store.units().map { ExploreText(id: $0.id, text: $0.text) }
        let expected = try ExploreMatching.keywordsInContext(Pattern.standalone("aangifte*", language: "nl", origin: "--kwic"),
                                                             in: texts, language: "nl", window: 5)
        try #require(expected.count > 3)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit !== undefined && document.body.dataset.unit !== ''"))
            #expect(try await browser.string("document.getElementById('explore-panel').hidden") == "true")

            // v: the panel, on the most frequent words.
            try await browser.press("v")
            #expect(try await browser.waitUntil("!document.getElementById('explore-panel').hidden && window.duidingExplore.info !== null"))
            #expect(try await browser.waitUntil("document.querySelectorAll('#ex-table tbody tr').length > 10", within: 30))
            #expect(try await browser.string("document.querySelector('#ex-table th').textContent") == "kenmerk")

            // In context: type a pattern; every match, highlighted.
            _ = try await browser.run("document.querySelector('#explore-panel [data-mode=kwic]').click();")
            #expect(try await browser.waitUntil("document.activeElement.id === 'ex-pattern'"))
            try await browser.press("aangifte*")
            #expect(try await browser.waitUntil("document.getElementById('ex-table').dataset.total === '\(expected.count)'", within: 30))
            #expect(try await browser.string("document.querySelectorAll('#ex-table tbody mark').length") == String(min(200, expected.count)))
            #expect(try await browser.string("document.querySelector('#ex-table tbody mark').textContent") == expected[0].keyword)
            #expect(try await browser.string("document.querySelector('#ex-table tbody tr').dataset.unit") == expected[0].docname)
            #expect(try await browser.string("document.getElementById('ex-summary').textContent").hasPrefix("`aangifte*`: \(expected.count) keer"))

            if let path = ProcessInfo.processInfo.environment["DUIDING_EXPLORE_SCREENSHOT"],
               let png = try await browser.command("GET", "/screenshot") as? String, let data = Data(base64Encoded: png) {
                try data.write(to: URL(fileURLWithPath: path))
            }

            // A bad pattern: the command line's message, next to the field.
            try await browser.press(String(repeating: Self.backspace, count: 9), "vo*")
            #expect(try await browser.waitUntil("document.getElementById('ex-error').textContent.startsWith('1:1: pattern `vo*`: prefix')"))
            #expect(try await browser.string("document.getElementById('ex-pattern').classList.contains('bad')") == "true")
            #expect(try await browser.string("document.querySelectorAll('#ex-table tbody tr').length") == "0")

            // Back to a good one; a row opens its answer.
            try await browser.press(String(repeating: Self.backspace, count: 3), "aangifte*")
            #expect(try await browser.waitUntil("document.getElementById('ex-table').dataset.total === '\(expected.count)'"))
            let third = expected[2].docname
            _ = try await browser.run("document.querySelectorAll('#ex-table tbody tr')[2].click();")
            #expect(try await browser.waitUntil("document.body.dataset.unit === '\(third)'"))
            #expect(try await browser.string("document.getElementById('explore-panel').hidden") == "true")

            // The learning curve: computed in the background, then drawn with the report's chart.
            try await browser.press("v")
            #expect(try await browser.waitUntil("!document.getElementById('explore-panel').hidden"))
            _ = try await browser.run("document.querySelector('#explore-panel [data-mode=curve]').click();")
            #expect(try await browser.waitUntil("document.querySelectorAll('#ex-curve-chart svg polyline').length === 2", within: 120))
            #expect(try await browser.string("document.getElementById('ex-curve').dataset.state") == "ready")
            #expect(try await browser.string("[...document.querySelectorAll('#ex-curve-chart svg text')].map(t => t.textContent).includes('samen')") == "true")
            #expect(try await browser.string("document.querySelectorAll('#ex-curve-points tr').length > 2") == "true")
            #expect(try await browser.string("document.getElementById('ex-curve-note').textContent").contains("\(decided.count) beoordeelde antwoorden"))
            if let path = ProcessInfo.processInfo.environment["DUIDING_CURVE_SCREENSHOT"],
               let png = try await browser.command("GET", "/screenshot") as? String, let data = Data(base64Encoded: png) {
                try data.write(to: URL(fileURLWithPath: path))
            }
            #expect(try await browser.string("performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))") == "true")
        }
        await server.child.stop()
    }
}
