import DuidingCodebook
import DuidingStore
import Foundation
import Testing

/// The codebook panel in headless Chromium: a pattern typed, its count seen, saved as a new
/// codebook version, and undone.
@Suite("Codebook panel in a real browser", .serialized)
struct CodebookBrowserTests {
    static let backspace = "\u{E003}"

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func typeAPatternSeeTheCountSaveAndUndo() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R1'"))
            #expect(try await browser.string("document.getElementById('codebook-panel').hidden") == "true")

            // c opens the panel with the cursor in the pattern field and the codes to choose from.
            try await browser.press("c")
            #expect(try await browser.waitUntil("!document.getElementById('codebook-panel').hidden && window.duidingCodebook.info !== null"))
            #expect(try await browser.string("document.activeElement.id") == "cb-pattern")
            #expect(try await browser.string("document.getElementById('cb-code').options.length") == "7", "no code, 5 codes, a new one")
            _ = try await browser.run("""
                const s = document.getElementById('cb-code'); s.value = 'vigilance'; s.dispatchEvent(new Event('change'));
                document.getElementById('cb-pattern').focus();
                """)

            // A bad pattern: the codebook's message next to the field.
            try await browser.press("vo*")
            #expect(try await browser.waitUntil("document.getElementById('cb-error').textContent.startsWith('1:1: pattern `vo*`: prefix')"))
            #expect(try await browser.string("document.getElementById('cb-pattern').classList.contains('bad')") == "true")
            #expect(try await browser.string("document.getElementById('cb-save').disabled") == "true")

            // A good one: the count, the new ones, and the example with the match marked.
            try await browser.press(Self.backspace, Self.backspace, Self.backspace, "weer")
            #expect(try await browser.waitUntil("document.getElementById('cb-result').dataset.matched === '1' && document.getElementById('cb-result').dataset.new === '1'"))
            #expect(try await browser.string("document.getElementById('cb-error').textContent") == "")
            #expect(try await browser.string("document.getElementById('cb-result').textContent") == "1 antwoord, waarvan 1 nieuw (nog zonder Waakzaamheid)")
            #expect(try await browser.string("document.querySelector('#cb-examples li').dataset.unit") == "R2")
            #expect(try await browser.string("document.querySelector('#cb-examples mark').textContent") == "weer")

            if let path = ProcessInfo.processInfo.environment["DUIDING_PANEL_SCREENSHOT"],
               let png = try await browser.command("GET", "/screenshot") as? String, let data = Data(base64Encoded: png) {
                try data.write(to: URL(fileURLWithPath: path))
            }

            // Opslaan: a new codebook version; the page's answers get its suggestions.
            #expect(try await browser.waitUntil("!document.getElementById('cb-save').disabled"))
            _ = try await browser.run("document.getElementById('cb-save').click();")
            #expect(try await browser.waitUntil("document.getElementById('cb-status').textContent.includes('opgeslagen als codeboekversie 2')"))
            #expect(try await browser.waitUntil("!document.getElementById('cb-undo').hidden && window.duidingCodebook.pending === 0"))
            #expect(try await browser.waitUntil("document.getElementById('cb-result').dataset.new === '0'"), "R2 now has the code")

            // Escape closes the panel; on to R2, where `weer` is now highlighted as vigilance.
            try await browser.press(Browser.escape)
            #expect(try await browser.waitUntil("document.getElementById('codebook-panel').hidden"))
            try await browser.press("j")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R2'"))
            #expect(try await browser.waitUntil("document.querySelector('#text mark') !== null && document.querySelector('#text mark').dataset.codes === 'vigilance'"))
            #expect(try await browser.string("document.querySelector('#text mark').textContent") == "weer")
            #expect(try await browser.string("document.querySelector('.chip[data-code=vigilance]').classList.contains('suggested')") == "true")

            // Ongedaan maken: yet another version, with the old text; the suggestion is gone again.
            try await browser.press("c")
            #expect(try await browser.waitUntil("!document.getElementById('codebook-panel').hidden"))
            _ = try await browser.run("document.getElementById('cb-undo').click();")
            #expect(try await browser.waitUntil("document.getElementById('cb-status').textContent.includes('ongedaan gemaakt: codeboekversie 3 is gelijk aan versie 1')"))
            #expect(try await browser.waitUntil("document.querySelector('#text mark') === null"))
            #expect(try await browser.string("document.getElementById('cb-undo').hidden") == "true")
        }

        await server.child.stop()
        let store = try ProjectStore.open(at: project)
        #expect(try store.codebookVersions().map(\.id) == [1, 2, 3])
        #expect(try store.codebookYAML(version: 3) == (try store.codebookYAML(version: 1)))
        #expect(try store.suggestions(version: 2)["R2"]?.map(\.codeID) == ["vigilance"])
        #expect(try store.suggestions(version: 3)["R2"] == nil)
        let v2 = try CodebookLoader.parse(try #require(try store.codebookYAML(version: 2)), file: "v2")
        #expect(v2.codes.first { $0.id == "vigilance" }?.include.last?.source == "weer")
    }
}
