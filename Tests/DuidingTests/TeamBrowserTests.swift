import DuidingStore
import Foundation
import Testing

/// A team server in a real browser: a coder signs in with a password and codes blind; the
/// lead signs in with a one-time link and settles a disagreement in the reconcile view.
@Suite("Team review in a real browser", .serialized)
struct TeamBrowserTests {
    /// The review fixture where anna and bob disagree on R1 (caution) and R4 (training_need),
    /// with accounts: anna (password), lea (lead, sign-in link).
    static func project(in dir: TemporaryDirectory) throws -> (path: String, leaKey: String) {
        let path = try ReviewFixture.projectFile(in: dir)
        let store = try ProjectStore.open(at: path)
        try store.record([
            NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R1", codeID: "caution", action: .reject, coder: "bob"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "bob"),
            NewDecision(unitID: "R4", codeID: nil, action: .done, coder: "anna"),
            NewDecision(unitID: "R4", codeID: "training_need", action: .reject, coder: "bob"),
        ])
        try store.addCoder("anna", password: "anna-geheim", link: false)
        let key = try #require(try store.addCoder("lea", lead: true))
        return (path, key)
    }

    /// `duiding review PROJECT` (a team: it prints the sign-in page) on a free port.
    static func serve(_ project: String, blind: Bool, in dir: URL) async throws -> (child: ChildProcess, base: String) {
        let binary = try #require(DuidingBinary.url)
        let child = try ChildProcess(binary, ["review", project, "--port", "0", "--learn-every", "0"] + (blind ? ["--blind"] : []), in: dir)
        let line = try #require(await child.line(containing: "http://", within: 30), "\(child.stderr)")
        let url = try #require(line.split(separator: " ").last.map(String.init))
        #expect(url.hasSuffix("/signin"))
        return (child, String(url.dropLast("/signin".count)))
    }

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func aCoderSignsInAndCodesBlindSeeingOnlyCounts() async throws {
        let dir = try TemporaryDirectory()
        let (project, _) = try Self.project(in: dir)
        let (server, base) = try await Self.serve(project, blind: true, in: dir.url)
        defer { kill(server.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            // The page without a session sends you to sign in; a wrong password says so.
            try await browser.open(base + "/")
            #expect(try await browser.waitUntil("location.pathname === '/signin' && !!document.getElementById('signin-form')"))
            _ = try await browser.run("""
                document.getElementById('signin-coder').value = 'anna';
                document.getElementById('signin-password').value = 'fout-wachtwoord';
                document.getElementById('signin-submit').click();
                """)
            #expect(try await browser.waitUntil("document.getElementById('signin-message').textContent.includes('wrong coder name or password')"))
            _ = try await browser.run("""
                document.getElementById('signin-password').value = 'anna-geheim';
                document.getElementById('signin-submit').click();
                """)
            #expect(try await browser.waitUntil("location.pathname === '/' && window.duiding && window.duiding.unit !== null"), "signed in, the page loads")
            // The session is an HttpOnly cookie: the page's script cannot read it.
            #expect(try await browser.string("document.cookie") == "")
            #expect(try await browser.string("document.getElementById('project').textContent").contains("codeur anna"))
            #expect(try await browser.string("document.getElementById('project').textContent").contains("blind"))
            #expect(try await browser.string("!!document.querySelector('#filter-status option[value=conflict]')") == "false")
            // Bob's "no" on R1 is not shown; anna's own "yes" is.
            _ = try await browser.run("window.duidingPage.showUnit('R1');")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R1'"))
            #expect(try await browser.string("window.duiding.unit.others.length") == "0")
            #expect(try await browser.string("document.getElementById('others').textContent").contains("bob") == false)
            // The team panel: counts of every coder, no agreement, no reconcile view.
            try await browser.press("t")
            #expect(try await browser.waitUntil("!document.getElementById('team-panel').hidden && document.querySelectorAll('#tm-progress tr').length === 4"))
            let progress = try await browser.string("[...document.querySelectorAll('#tm-progress tr')].slice(1).map(r => r.textContent).join('|')")
            #expect(progress == "anna — jij35|bob35|lea (leider)05", "\(progress)")
            #expect(try await browser.string("document.getElementById('tm-lead').hidden") == "true")
            // A decision from the page is anna's.
            try await browser.press(Browser.escape, "j")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'R2'"))
            try await browser.press("3")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && document.querySelector('.chip[data-code=vigilance]').classList.contains('on')"))
        }

        await server.stop()
        let last = try #require(try ProjectStore.open(at: project, access: .read).decisions().last)
        #expect(last.coder == "anna" && last.unitID == "R2" && last.codeID == "vigilance")
    }

    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func theLeadSettlesADisagreementInTheReconcileView() async throws {
        let dir = try TemporaryDirectory()
        let (project, key) = try Self.project(in: dir)
        let (server, base) = try await Self.serve(project, blind: true, in: dir.url)
        defer { kill(server.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            // The one-time link signs lea in, and its key leaves the address bar.
            try await browser.open(base + "/signin?coder=lea&key=" + key)
            #expect(try await browser.waitUntil("location.pathname === '/' && window.duiding && window.duiding.unit !== null"))
            try await browser.press("t")
            #expect(try await browser.waitUntil("document.querySelectorAll('#tm-reconcile tr').length === 3"), "a header and two disagreements")
            let head = try await browser.string("[...document.querySelectorAll('#tm-reconcile th')].map(c => c.textContent).join(',')")
            #expect(head == "antwoord,code,anna,bob,beslissing")
            let rows = try await browser.string("[...document.querySelectorAll('#tm-reconcile tr')].slice(1).map(r => r.dataset.unit + ' ' + r.dataset.code + ' ' + [...r.querySelectorAll('td.yes, td.no, td.none')].map(c => c.textContent).join('')).join('|')")
            #expect(rows == "R1 caution +−|R4 training_need +−", "\(rows)")
            #expect(try await browser.string("document.querySelector('#tm-reconcile tr[data-unit=R1] td.text').textContent").contains(ReviewFixture.answers[0].text))
            #expect(try await browser.string("document.getElementById('tm-queue').textContent") == "2 verschillen te beslechten")
            #expect(try await browser.string("document.querySelectorAll('#tm-agreement tr').length") == "6", "a header and the five codes")
            // The lead sees what the coders did, blind mode or not.
            #expect(try await browser.string("window.duiding.unit.others.length") != "0")
            // Settle R1: caution applies.
            _ = try await browser.run("document.querySelector('#tm-reconcile tr[data-unit=R1] button.final-yes').click();")
            #expect(try await browser.waitUntil("document.querySelectorAll('#tm-reconcile tr').length === 2 && document.getElementById('tm-queue').textContent === '1 verschil te beslechten'"))
            #expect(try await browser.string("location.search") == "")
        }

        await server.stop()
        let log = try ProjectStore.open(at: project, access: .read).decisions()
        let final = try #require(log.last)
        #expect(final.final && final.coder == "lea" && final.unitID == "R1" && final.codeID == "caution" && final.action == .accept)
    }
}
