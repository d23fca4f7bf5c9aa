import DuidingStore
import Foundation
import Testing

extension Browser {
    static let arrowDown = "\u{E015}"
    static let arrowUp = "\u{E013}"
}

/// The list view in a real browser, on a project of a few thousand generated answers.
@Suite("List view in a real browser", .serialized)
struct ListViewBrowserTests {
    /// 3,000 answers: the fixture's five texts over and over (so every fifth has markup), with
    /// four functions.
    static let answers: [(id: String, text: String, geslacht: String, functie: String)] = (0..<3000).map { i in
        let base = ReviewFixture.answers[i % ReviewFixture.answers.count]
        return (String(format: "A%04d", i + 1), base.text, i % 2 == 0 ? "man" : "vrouw", ["raadslid", "wethouder", "burgemeester", "griffier"][i % 4])
    }

    static func rowCount(_ browser: Browser.Session) async throws -> Int {
        Int(try await browser.string("document.querySelectorAll('#list-canvas .list-row').length")) ?? -1
    }

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func keysDecideOnTheSelectedRowAndEnterOpensIt() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("list.duiding")
        let store = try ProjectStore.create(at: path)
        try ReviewFixture.populate(store, answers: Self.answers)
        let server = try await ReviewServerProcess.start(project: path, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A0001'"))
            try await browser.press("l")
            #expect(try await browser.waitUntil("document.body.classList.contains('listing') && document.querySelector('#list-canvas .list-row:not(.loading)')"))
            #expect(try await browser.string("document.getElementById('unit').offsetParent === null") == "true", "the one answer is hidden")
            #expect(try await browser.string("document.getElementById('list-count').textContent") == "3.000 antwoorden")
            #expect(try await browser.string("document.getElementById('list-canvas').style.height") == "\(3000 * 78)px")
            let first = "document.querySelector('.list-row[data-id=A0001]')"
            #expect(try await browser.string("\(first).classList.contains('selected')") == "true")
            #expect(try await browser.string("\(first).querySelector('.text').textContent") == Self.answers[0].text)
            #expect(try await browser.string("\(first).querySelector('.text mark').dataset.codes") == "caution")
            #expect(try await browser.string("\(first).querySelector('.list-chip').dataset.code") == "caution")
            #expect(try await browser.string("\(first).querySelector('.status').textContent") == "nog niet")
            // Chosen columns: the group variables by default, the value shown per row.
            #expect(try await browser.string("[...document.querySelectorAll('#list-head span')].map(e => e.textContent).join('|')")
                    == "id|Geslacht|Functie|tekst|codes|status")
            #expect(try await browser.string("\(first).querySelectorAll('.value')[1].textContent") == "raadslid")
            // Markup in an answer is text here too.
            let script = "document.querySelector('.list-row[data-id=A0005] .text')"
            #expect(try await browser.string("\(script).textContent") == ReviewFixture.scriptAnswer)
            #expect(try await browser.string("document.querySelectorAll('#list-canvas script, #list-canvas img').length") == "0")
            #expect(try await browser.string("typeof window.__pwned") == "undefined")
            let drawn = try await Self.rowCount(browser)
            #expect(drawn > 5 && drawn < 40, "only the visible rows are drawn (\(drawn) of 3,000)")

            // ↓ to A0002, 3 adds vigilance there; j to A0003, then ↑ back.
            try await browser.press(Browser.arrowDown)
            #expect(try await browser.waitUntil("document.body.dataset.selected === 'A0002'"))
            try await browser.press("3")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && document.querySelector('.list-row[data-id=A0002] .list-chip[data-code=vigilance]')"))
            #expect(try await browser.string("document.getElementById('save-status').dataset.state") == "saved")
            #expect(try await browser.string("document.querySelector('.list-row[data-id=A0002] .status').textContent") == "✓ beoordeeld")
            // u takes it back, as in the one-answer view; 3 again.
            try await browser.press("u")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && !document.querySelector('.list-row[data-id=A0002] .list-chip[data-code=vigilance]')"))
            try await browser.press("3")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && document.querySelector('.list-row[data-id=A0002] .list-chip[data-code=vigilance]')"))
            try await browser.press("j", Browser.arrowUp)
            #expect(try await browser.waitUntil("document.body.dataset.selected === 'A0002'"))

            // Far down: still a bounded number of rows, fetched for that place.
            _ = try await browser.run("document.getElementById('list-viewport').scrollTop = 2000 * 78; return null;")
            #expect(try await browser.waitUntil("document.querySelector('.list-row[data-id=A2001]:not(.loading)')"))
            let far = try await Self.rowCount(browser)
            #expect(far > 5 && far < 40, "\(far) rows drawn")
            _ = try await browser.run("document.getElementById('list-viewport').scrollTop = 0; return null;")

            // A search narrows the list; the list shows what the filter shows.
            try await browser.press("/", "training", Browser.enter)
            #expect(try await browser.waitUntil("document.getElementById('list-count').textContent === '600 antwoorden' && document.querySelector('.list-row[data-id=A0004]:not(.loading)')"))
            #expect(try await browser.string("[...document.querySelectorAll('.list-row .text')].every(e => e.textContent.includes('training'))") == "true")
            #expect(try await browser.string("document.body.dataset.selected") == "A0004")
            try await browser.press(Browser.arrowDown)
            #expect(try await browser.waitUntil("document.body.dataset.selected === 'A0009'"))

            // Enter opens the selected answer in the one-answer view.
            try await browser.press(Browser.enter)
            #expect(try await browser.waitUntil("!document.body.classList.contains('listing') && document.body.dataset.unit === 'A0009'"))
            #expect(try await browser.string("document.getElementById('unit').offsetParent !== null") == "true")
            #expect(try await browser.string("document.getElementById('text').textContent") == Self.answers[8].text)

            // Back to the list, ordered by a variable: burgemeesters first (of the search).
            try await browser.press("l")
            _ = try await browser.run("const o = document.getElementById('filter-sort'); o.value = 'functie'; o.dispatchEvent(new Event('change')); return null;")
            #expect(try await browser.waitUntil("document.querySelector('.list-row[data-index=\"0\"]:not(.loading)')?.dataset.id === 'A0019'"))
            #expect(try await browser.string("document.querySelector('.list-row[data-index=\"1\"]').dataset.id") == "A0039")

            // A column taken away stays away after a reload.
            _ = try await browser.run("document.querySelector('#list-columns-box input[value=geslacht]').click(); return null;")
            let head = "[...document.querySelectorAll('#list-head span')].map(e => e.textContent).join('|')"
            #expect(try await browser.string(head) == "id|Functie|tekst|codes|status")
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A0001'"))
            try await browser.press("l")
            #expect(try await browser.waitUntil("document.querySelector('#list-canvas .list-row:not(.loading)')"))
            #expect(try await browser.string(head) == "id|Functie|tekst|codes|status")
            #expect(try await browser.string("document.querySelector('.list-row[data-id=A0001] .value').textContent") == "raadslid")
            // Only the page's own address was loaded.
            #expect(try await browser.string("performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))") == "true")
        }

        await server.child.stop()
        let after = try ProjectStore.open(at: path)
        let a2 = try after.decisions(unit: "A0002")
        #expect(a2.map(\.action) == [.add, .undo, .add] && a2.allSatisfy { $0.coder == ReviewFixture.coder })
        #expect(a2.first?.codeID == "vigilance" && a2[1].undoes == a2[0].seq && a2[2].codeID == "vigilance")
        #expect(try after.decisions().count == 3)
    }
}
