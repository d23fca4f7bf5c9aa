import DuidingStore
import Foundation
import Testing

/// Coding a passage in the review page of a real browser: text selected in an interview turn
/// (after an emoji), a code key, and the decision stored with that range in code points.
@Suite("Passages in a real browser", .serialized)
struct PassageBrowserTests {
    static let interview = """
        organisatie: Grote gemeente
        interviewer: I

        I: Hoe gaat het sinds de verkiezingen?
        Griffier: Goed 😀👍🏽, maar raadsleden zijn voorzichtiger geworden. Ze mijden sommige straten.

        """
    static let turn = "Goed 😀👍🏽, maar raadsleden zijn voorzichtiger geworden. Ze mijden sommige straten."

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func selectedTextAndACodeKeyCodeThePassage() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("interview.txt", Self.interview)
        for arguments in [["init", "p.duiding"], ["import", "p.duiding", "interview.txt"],
                          ["recode", "p.duiding", "--codebook", TestSupport.defaultCodebookPath]] {
            let r = try DuidingBinary.run(arguments, in: dir.url)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        let project = dir.path("p.duiding")
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'interview.txt#2'"))
            // The interviewer's question stands before the turn.
            #expect(try await browser.string("document.getElementById('prompt').textContent") == "Interviewer: Hoe gaat het sinds de verkiezingen?")
            #expect(try await browser.string("document.getElementById('prompt').hidden") == "false")
            #expect(try await browser.string("document.getElementById('text').textContent") == Self.turn)

            // Select "sommige straten" as a person's drag would: a DOM range over the text nodes.
            _ = try await browser.run("""
                const root = document.getElementById('text');
                const whole = root.textContent, wanted = 'sommige straten';
                const from = whole.indexOf(wanted), to = from + wanted.length;
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                let seen = 0, node;
                while ((node = walker.nextNode())) {
                  const n = node.textContent.length;
                  if (from >= seen && from <= seen + n) range.setStart(node, from - seen);
                  if (to >= seen && to <= seen + n) { range.setEnd(node, to - seen); break; }
                  seen += n;
                }
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                return null;
                """)
            #expect(try await browser.waitUntil("!document.getElementById('passage-hint').hidden"))
            #expect(try await browser.string("document.getElementById('passage-hint').textContent").contains("65–80"))
            // 2 is avoidance (codebook order): it goes to the passage, not the whole turn.
            try await browser.press("2")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && (window.duiding.unit.state.passages.avoidance || []).length === 1"))
            #expect(try await browser.string("JSON.stringify(window.duiding.unit.state.passages.avoidance)") == "[[65,80]]")
            #expect(try await browser.string("document.querySelector('#text mark.passage').textContent") == "sommige straten")
            #expect(try await browser.string("window.getSelection().isCollapsed") == "true")
            // Without a selection the same key toggles the code on the whole turn again.
            try await browser.press("2")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && !window.duiding.unit.state.codes.includes('avoidance')"))
            #expect(try await browser.string("document.querySelectorAll('#text mark.passage').length") == "0")
            try await browser.press("u")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && (window.duiding.unit.state.passages.avoidance || []).length === 1"))
        }

        await server.child.stop()
        let store = try ProjectStore.open(at: project)
        let log = try store.decisions(unit: "interview.txt#2")
        #expect(log.count == 3 && [.accept, .add].contains(log[0].action) && log.dropFirst().map(\.action) == [.reject, .undo])
        let passage = try #require(log.first?.passage)
        // 65-80 in Unicode characters: 😀 is one, 👍🏽 two (hand and skin tone); in UTF-16 it would be 68-83.
        #expect(passage == 65..<80)
        #expect(Passage.text(passage, of: Self.turn) == "sommige straten")
        #expect(try store.state(unit: "interview.txt#2").passages == ["avoidance": [65..<80]])
    }
}
