import DuidingStore
import Foundation
import Testing

/// Headless Chromium driven over the WebDriver protocol (chromedriver on loopback).
enum Browser {
    static let chromium = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { chromium != nil && chromedriver != nil }

    /// WebDriver key codes.
    static let enter = "\u{E007}"
    static let escape = "\u{E00C}"
    static let arrowRight = "\u{E014}"

    /// One WebDriver session.
    struct Session {
        let port: Int
        let id: String

        func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
            let reply = try await LoopbackHTTP.exchange(port: port, method: method, path: "/session/\(id)\(path)",
                                                        json: body ?? (method == "POST" ? [String: Any]() : nil))
            let object = reply.json as? [String: Any]
            #expect(reply.status == 200, "WebDriver \(method) \(path): \(reply.text)")
            return object?["value"]
        }

        func open(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }

        /// Runs JavaScript in the page and returns its result.
        func run(_ script: String) async throws -> Any? {
            try await command("POST", "/execute/sync", ["script": script, "args": [] as [Any]])
        }

        func string(_ script: String) async throws -> String { (try await run("return String(\(script));") as? String) ?? "" }

        /// Presses and releases each key in turn, as a person typing.
        func press(_ keys: String...) async throws {
            var actions: [[String: Any]] = []
            for key in keys {
                for character in key {
                    actions.append(["type": "keyDown", "value": String(character)])
                    actions.append(["type": "keyUp", "value": String(character)])
                }
            }
            _ = try await command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        }

        /// Waits (bounded) until a JavaScript expression is true.
        func waitUntil(_ expression: String, within seconds: Double = 15) async throws -> Bool {
            try await eventually(within: seconds, every: 0.05) { (try await run("return !!(\(expression));") as? Bool) == true }
        }
    }

    /// Starts chromedriver on a free loopback port and a headless Chromium session, runs
    /// `body`, and always ends the session and chromedriver.
    static func withSession(_ body: (Session) async throws -> Void) async throws {
        let driverPath = try #require(chromedriver), browserPath = try #require(chromium)
        let port = try freeLoopbackPort()
        let driver = try ChildProcess(URL(fileURLWithPath: driverPath), ["--port=\(port)", "--allowed-ips=127.0.0.1"])
        var session: Session?
        do {
            let ready = await eventually(within: 20, every: 0.1) {
                let status = try? await LoopbackHTTP.exchange(port: port, method: "GET", path: "/status", timeout: 2)
                return ((status?.json as? [String: Any])?["value"] as? [String: Any])?["ready"] as? Bool == true
            }
            try #require(ready, "chromedriver did not start: \(driver.stdout) \(driver.stderr)")
            let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
                "browserName": "chrome",
                "goog:chromeOptions": [
                    "binary": browserPath,
                    "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                             "--no-first-run", "--disable-extensions", "--disable-background-networking"],
                ] as [String: Any],
            ] as [String: Any]]]
            let created = try await LoopbackHTTP.exchange(port: port, method: "POST", path: "/session", json: capabilities, timeout: 60)
            let value = (created.json as? [String: Any])?["value"] as? [String: Any]
            let id = try #require(value?["sessionId"] as? String, "no WebDriver session: \(created.text)")
            session = Session(port: port, id: id)
            try await body(Session(port: port, id: id))
        } catch {
            await end(session, driver)
            throw error
        }
        await end(session, driver)
    }

    private static func end(_ session: Session?, _ driver: ChildProcess) async {
        if let session { _ = try? await LoopbackHTTP.exchange(port: session.port, method: "DELETE", path: "/session/\(session.id)", timeout: 20) }
        await driver.stop()
    }
}

@Suite("Review page in a real browser", .serialized)
struct ReviewBrowserTests {
    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func keysDecideSaveUndoAndShowScriptAsText() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R1'"), "the page starts at the first unreviewed answer")
            #expect(try await browser.string("document.getElementById('progress-text').textContent") == "0 / 5 beoordeeld")
            #expect(try await browser.string("document.querySelector('#text mark').textContent") == "voorzichtiger")
            #expect(try await browser.string("document.querySelector('#text mark').dataset.codes") == "caution")
            #expect(try await browser.string("document.querySelectorAll('#chips .chip').length") == "5")

            // Enter: accept the suggestion, saved, and on to R2.
            try await browser.press(Browser.enter)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R2' && document.getElementById('save-status').dataset.state === 'saved'"))
            #expect(try await browser.string("document.getElementById('save-status').textContent").contains("opgeslagen"))
            #expect(try await browser.waitUntil("document.getElementById('progress-text').textContent === '1 / 5 beoordeeld'"))

            // 3: add vigilance (not suggested) to R2; u: undo it.
            try await browser.press("3")
            #expect(try await browser.waitUntil("document.querySelector('.chip[data-code=vigilance]').classList.contains('on') && window.duiding.pending === 0"))
            #expect(try await browser.string("document.querySelector('.chip[data-code=vigilance] .status').textContent") == "+ toegevoegd")
            try await browser.press("u")
            #expect(try await browser.waitUntil("!document.querySelector('.chip[data-code=vigilance]').classList.contains('on') && window.duiding.pending === 0"))
            #expect(try await browser.string("document.getElementById('save-status').dataset.state") == "saved")

            // m: a memo, Escape leaves the field and saves it.
            try await browser.press("m", "twijfelgeval", Browser.escape)
            #expect(try await browser.waitUntil("document.activeElement !== document.getElementById('memo') && window.duiding.pending === 0 && window.duiding.unit.state.memo === 'twijfelgeval'"))

            // a: add a code by typing part of its label.
            try await browser.press("a", "psychi", Browser.enter)
            #expect(try await browser.waitUntil("document.querySelector('.chip[data-code=psych_impact]').classList.contains('on') && window.duiding.pending === 0"))

            // → three times to the answer with markup: it shows as text and runs nothing.
            try await browser.press(Browser.arrowRight, "j", "j")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R5'"))
            let shown = try await browser.string("document.getElementById('text').textContent")
            #expect(shown == ReviewFixture.scriptAnswer)
            #expect(try await browser.string("document.querySelectorAll('#text script, #text img').length") == "0")
            #expect(try await browser.string("typeof window.__pwned") == "undefined")
            #expect(try await browser.string("document.title") == "Duiding — beoordelen")
            #expect(try await browser.string("document.querySelector('#text mark').textContent") == "alerter")
            // Only the page's own address was loaded.
            #expect(try await browser.string("performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))") == "true")
            #expect(try await browser.string("Number(document.body.dataset.loadMs) < 1000") == "true")
            let loadMs = try await browser.string("document.body.dataset.loadMs")
            print("review page: next answer fetched and drawn in \(loadMs) ms")
        }

        await server.child.stop()
        let store = try ProjectStore.open(at: project)
        let r1 = try store.decisions(unit: "R1")
        #expect(r1.map(\.action) == [.accept] && r1.first?.codeID == "caution" && r1.first?.coder == ReviewFixture.coder)
        let r2 = try store.decisions(unit: "R2")
        #expect(r2.map(\.action) == [.add, .undo, .memo, .add])
        #expect(r2.first?.codeID == "vigilance" && r2[1].undoes == r2[0].seq)
        #expect(r2[2].memo == "twijfelgeval" && r2[3].codeID == "psych_impact")
        let state = try store.state(unit: "R2")
        #expect(state.codes == ["psych_impact"] && state.memo == "twijfelgeval")
        #expect(try store.decisions(unit: "R5").isEmpty)
    }

    /// A group value with a space filters the list: the page's query must not send the space
    /// as `+` (form encoding), which the server reads as a literal plus.
    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func aGroupValueWithASpaceFilters() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("spaces.duiding")
        let store = try ProjectStore.create(at: path)
        var answers = ReviewFixture.answers
        answers[0].functie = "lid van de raad"
        answers[2].functie = "lid van de raad"
        try ReviewFixture.populate(store, answers: answers)
        let server = try await ReviewServerProcess.start(project: path, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }
        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R1'"))
            _ = try await browser.run("""
                const g = document.getElementById('filter-group');
                g.value = 'functie=lid van de raad';
                g.dispatchEvent(new Event('change'));
                return null;
                """)
            let filtered = try await browser.waitUntil("document.getElementById('position').textContent === '1 van 2'")
            let position = try await browser.string("document.getElementById('position').textContent")
            #expect(filtered, "\(position)")
        }
    }

    /// Search, then give a code to every answer found after confirming the number, and take
    /// it all back with one `u`.
    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func searchThenBulkThenOneUndo() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }
        try await Browser.withSession { browser in
            try await browser.open(server.url)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R1'"))
            #expect(try await browser.string("document.getElementById('bulk').hidden") == "true", "no bulk bar over the whole project")
            try await browser.press("/", "VOORZICHTIG", Browser.enter)
            #expect(try await browser.waitUntil("document.getElementById('position').textContent === '1 van 2'"))
            #expect(try await browser.string("document.getElementById('bulk-count').textContent").contains("Alle 2 antwoorden"))
            _ = try await browser.run("document.getElementById('bulk-code').value = 'vigilance'; document.getElementById('bulk-apply').click(); return null;")
            #expect(try await browser.string("document.getElementById('bulk-question').textContent").contains("aan 2 antwoorden"))
            _ = try await browser.run("document.getElementById('bulk-yes').click(); return null;")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && document.getElementById('message').textContent.startsWith('2 beslissingen')"))
            #expect(try await browser.waitUntil("document.querySelector('.chip[data-code=vigilance]').classList.contains('on')"))
            try await browser.press("u")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && document.getElementById('message').textContent.startsWith('2 beslissingen ongedaan')"))
            #expect(try await browser.waitUntil("!document.querySelector('.chip[data-code=vigilance]').classList.contains('on')"))
        }
        await server.child.stop()
        let store = try ProjectStore.open(at: project)
        #expect(try store.decisions(unit: "R1").map(\.action) == [.add, .undo])
        #expect(try store.decisions(unit: "R3").map(\.action) == [.add, .undo])
        #expect(try store.decisions(unit: "R2").isEmpty)
    }
}
