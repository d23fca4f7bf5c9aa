import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingProject
@testable import DuidingStore
@testable import DuidingWeb

/// One review server for a team: coder accounts, sign-in, sessions in cookies with a CSRF
/// token, each decision attributed to the signed-in coder, the team panel and reconcile view.
@Suite("One server, several coders")
struct TeamServerTests {
    static let passwords = ["anna": "anna-geheim", "bob": "bob-geheim", "cem": "cem-geheim", "lea": "lea-geheim"]

    /// The review fixture with accounts for anna, bob and cem, and lea as lead.
    static func teamStore() throws -> ProjectStore {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        for (name, password) in passwords.sorted(by: { $0.key < $1.key }) {
            try store.addCoder(name, lead: name == "lea", password: password, link: false)
        }
        return store
    }

    static func app(_ store: ProjectStore, blind: Bool = false, sessions: Sessions? = nil) -> some ApplicationProtocol {
        buildApplication(store: store, access: .team(sessions ?? Sessions(store: store)), port: 0, learnEvery: nil, blind: blind,
                         onStarted: { _ in })
    }

    /// A signed-in coder: the session cookie and the page's CSRF token.
    struct Coder {
        let cookie: String
        let token: String

        var headers: HTTPFields { [.cookie: cookie, .duidingToken: token, .contentType: "application/json"] }

        func post(_ client: some TestClientProtocol, _ path: String, _ json: [String: Any]) async throws -> TestResponse {
            try await client.execute(uri: path, method: .post, headers: headers, body: ReviewWebTests.body(json))
        }

        func get(_ client: some TestClientProtocol, _ path: String) async throws -> TestResponse {
            try await client.execute(uri: path, method: .get, headers: headers)
        }
    }

    static func signIn(_ client: some TestClientProtocol, _ json: [String: Any]) async throws -> Coder {
        let response = try await client.execute(uri: "/api/signin", method: .post, headers: [.contentType: "application/json"],
                                                body: ReviewWebTests.body(json))
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let setCookie = try #require(response.headers[.setCookie], "no session cookie")
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age="), "\(setCookie)")
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
        #expect(page.status == .ok)
        let html = String(buffer: page.body)
        let marker = #"<meta name="duiding-token" content=""#
        let start = try #require(html.range(of: marker)).upperBound
        let token = String(html[start...].prefix { $0 != "\"" })
        #expect(token.count == 64)
        return Coder(cookie: cookie, token: token)
    }

    static func signIn(_ client: some TestClientProtocol, _ name: String) async throws -> Coder {
        try await signIn(client, ["coder": name, "password": passwords[name] ?? ""])
    }

    @Test func threeCodersSignedInAtOnceDecideOnTheSameUnitsAndEachIsAttributed() async throws {
        let store = try Self.teamStore()
        let units = ReviewFixture.answers.map(\.id)
        // anna says caution applies everywhere, bob that it applies nowhere, cem that vigilance applies.
        let plans: [(name: String, action: String, code: String)] = [("anna", "accept", "caution"), ("bob", "reject", "caution"), ("cem", "add", "vigilance")]
        try await Self.app(store).test(.router) { client in
            var coders: [String: Coder] = [:]
            for plan in plans { coders[plan.name] = try await Self.signIn(client, plan.name) }
            let signedIn = coders
            try await withThrowingTaskGroup(of: Void.self) { group in
                for plan in plans {
                    let coder = try #require(signedIn[plan.name])
                    group.addTask {
                        for unit in units {
                            let response = try await coder.post(client, "/api/decision", ["unit": unit, "action": plan.action, "code": plan.code])
                            #expect(response.status == .ok, "\(plan.name) \(unit): \(String(buffer: response.body))")
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Progress of each, seen by anna: counts.
            let team = try ReviewWebTests.decode(TeamJSON.self, try await signedIn["anna"]!.get(client, "/api/team"))
            #expect(Dictionary(uniqueKeysWithValues: team.coders.map { ($0.name, $0.reviewed) }) == ["anna": 5, "bob": 5, "cem": 5, "lea": 0])
            #expect(team.agreement == nil && team.reconcile == nil, "agreement and the queue are the lead's")
        }
        let log = try store.decisions()
        #expect(log.count == 15, "every decision is there: \(log.count)")
        for plan in plans {
            let own = log.filter { $0.coder == plan.name }
            #expect(Set(own.map(\.unitID)) == Set(units) && own.allSatisfy { $0.codeID == plan.code }, "\(plan.name): \(own)")
            let expected: Set<DecisionAction> = plan.action == "reject" ? [.reject] : [.accept, .add]   // accept if suggested, else add
            #expect(own.allSatisfy { expected.contains($0.action) }, "\(plan.name): \(own.map(\.action))")
        }
        // anna and bob differ on caution on every unit.
        #expect(try Reconciliation(store).disagreements.filter { $0.code == "caution" }.count == 5)
    }

    @Test func badInputGetsAClearMessageAndChangesNothing() async throws {
        let store = try Self.teamStore()
        try await Self.app(store).test(.router) { client in
            // A wrong password: no cookie.
            let wrong = try await client.execute(uri: "/api/signin", method: .post, headers: [.contentType: "application/json"],
                                                 body: ReviewWebTests.body(["coder": "anna", "password": "raden"]))
            #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("wrong coder name or password"))
            #expect(wrong.headers[.setCookie] == nil)
            let unknown = try await client.execute(uri: "/api/signin", method: .post, headers: [.contentType: "application/json"],
                                                   body: ReviewWebTests.body(["coder": "nobody", "password": "raden-raden"]))
            #expect(unknown.status == .unauthorized && String(buffer: unknown.body).contains("wrong coder name or password"))
            // Without signing in: the page sends you to sign in, the API refuses.
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .seeOther && page.headers[.location] == "/signin")
            let anonymous = try await client.execute(uri: "/api/decision", method: .post, headers: [.contentType: "application/json"],
                                                     body: ReviewWebTests.body(["unit": "R1", "action": "accept", "code": "caution"]))
            #expect(anonymous.status == .unauthorized && String(buffer: anonymous.body).contains("sign in"))
            let anna = try await Self.signIn(client, "anna")
            // The cookie without the page's CSRF token.
            let forged = try await client.execute(uri: "/api/decision", method: .post, headers: [.cookie: anna.cookie, .contentType: "application/json"],
                                                  body: ReviewWebTests.body(["unit": "R1", "action": "accept", "code": "caution"]))
            #expect(forged.status == .forbidden && String(buffer: forged.body).contains("token"))
            // A decision sent for another coder.
            let forBob = try await anna.post(client, "/api/decision", ["unit": "R1", "action": "accept", "code": "caution", "coder": "bob"])
            #expect(forBob.status == .forbidden && String(buffer: forBob.body).contains("signed in as anna; a decision for bob is refused"))
            let bulkForBob = try await anna.post(client, "/api/bulk", ["target": "caution", "applies": true, "expected": 5, "coder": "bob"])
            #expect(bulkForBob.status == .forbidden)
            // A coder who does not lead: no final decisions, no reconcile view.
            let final = try await anna.post(client, "/api/decision", ["unit": "R1", "action": "final", "code": "caution", "applies": true])
            #expect(final.status == .forbidden && String(buffer: final.body).contains("only a lead"))
            let reconcile = try await anna.get(client, "/api/reconcile")
            #expect(reconcile.status == .forbidden && String(buffer: reconcile.body).contains("for a lead"))
            // Removed: signed out at once.
            try store.removeCoder("anna")
            let removed = try await anna.post(client, "/api/decision", ["unit": "R1", "action": "accept", "code": "caution"])
            #expect(removed.status == .unauthorized)
        }
        #expect(try store.decisions().isEmpty, "nothing was recorded")
        // A name that exists.
        #expect(throws: ProjectError.self) { try store.addCoder("bob", password: "nog-een-wachtwoord", link: false) }
        #expect(throws: ProjectError.self) { try store.addCoder("b o b", password: "nog-een-wachtwoord", link: false) }
        #expect(throws: ProjectError.self) { try store.addCoder("dirk", password: "kort", link: false) }
        #expect(try store.coders().map(\.name) == ["bob", "cem", "lea"])
    }

    @Test func anExpiredSessionIsRefused() async throws {
        let store = try Self.teamStore()
        let later = Mutex<TimeInterval>(0)
        let sessions = Sessions(store: store, lifetime: 3600, clock: { Date().addingTimeInterval(later.withLock { $0 }) })
        try await Self.app(store, sessions: sessions).test(.router) { client in
            let bob = try await Self.signIn(client, "bob")
            #expect(try await bob.post(client, "/api/decision", ["unit": "R2", "action": "done"]).status == .ok)
            later.withLock { $0 = 3601 }
            let late = try await bob.post(client, "/api/decision", ["unit": "R3", "action": "done"])
            #expect(late.status == .unauthorized && String(buffer: late.body).contains("run out"), "\(String(buffer: late.body))")
        }
        #expect(try store.decisions().map(\.unitID) == ["R2"])
    }

    static func attempt(_ client: some TestClientProtocol, _ coder: String, _ password: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/signin", method: .post, headers: [.contentType: "application/json"],
                                 body: ReviewWebTests.body(["coder": coder, "password": password]))
    }

    @Test func afterFiveWrongPasswordsACoderNameWaits() async throws {
        let store = try Self.teamStore()
        // A clock that moves only when the test moves it: bcrypt's time (seconds in a debug build on a busy machine) does not count.
        let start = Date(), later = Mutex<TimeInterval>(0)
        let sessions = Sessions(store: store, clock: { start.addingTimeInterval(later.withLock { $0 }) })
        try await Self.app(store, sessions: sessions).test(.router) { client in
            for _ in 1...PasswordGuesses.allowed {
                #expect(try await Self.attempt(client, "anna", "geraden").status == .unauthorized)
            }
            // Now even the right password waits; another name does not.
            let refused = try await Self.attempt(client, "anna", "anna-geheim")
            #expect(refused.status == .tooManyRequests && String(buffer: refused.body).contains("try again in 60 seconds"),
                    "\(String(buffer: refused.body))")
            #expect(try await Self.attempt(client, "bob", "bob-geheim").status == .ok)
            later.withLock { $0 = 30 }
            #expect(try await Self.attempt(client, "anna", "anna-geheim").status == .tooManyRequests, "half the pause is not the pause")
            later.withLock { $0 = 61 }
            // One more wrong guess starts the pause again; after it, the right password gets in and clears the count.
            #expect(try await Self.attempt(client, "anna", "geraden").status == .unauthorized)
            #expect(try await Self.attempt(client, "anna", "anna-geheim").status == .tooManyRequests)
            later.withLock { $0 = 122 }
            #expect(try await Self.attempt(client, "anna", "anna-geheim").status == .ok)
            #expect(try await Self.attempt(client, "anna", "geraden").status == .unauthorized)
            #expect(try await Self.attempt(client, "anna", "anna-geheim").status == .ok, "a right password cleared the count")
        }
    }

    @Test func aSignInLinkWorksOnce() async throws {
        let store = try Self.teamStore()
        let key = try #require(try store.addCoder("dirk"))
        try await Self.app(store).test(.router) { client in
            let dirk = try await Self.signIn(client, ["coder": "dirk", "key": key])
            #expect(try await dirk.post(client, "/api/decision", ["unit": "R1", "action": "done"]).status == .ok)
            let again = try await client.execute(uri: "/api/signin", method: .post, headers: [.contentType: "application/json"],
                                                 body: ReviewWebTests.body(["coder": "dirk", "key": key]))
            #expect(again.status == .unauthorized && String(buffer: again.body).contains("not valid"))
        }
        #expect(try store.decisions().map(\.coder) == ["dirk"])
        #expect(try store.coder(named: "dirk")?.linkExpires == nil, "the link is used up")
    }

    @Test func theLeadSeesAgreementAndTheQueueAndSettlesInTheReconcileView() async throws {
        let store = try Self.teamStore()
        try store.record([
            NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R1", codeID: "caution", action: .reject, coder: "bob"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "bob"),
        ])
        try await Self.app(store, blind: true).test(.router) { client in
            let lea = try await Self.signIn(client, "lea")
            var team = try ReviewWebTests.decode(TeamJSON.self, try await lea.get(client, "/api/team"))
            #expect(team.lead && team.reconcile == 1 && team.sharedUnits == 2)
            let caution = try #require(team.agreement?.first { $0.code == "caution" })
            #expect(caution.label != "caution" && !caution.label.isEmpty, "the codebook's label")
            let view = try ReviewWebTests.decode(ReconcileJSON.self, try await lea.get(client, "/api/reconcile"))
            #expect(view.coders == ["anna", "bob"] && view.total == 1)
            #expect(view.rows.map { "\($0.unit) \($0.code) \($0.judgements)" } == ["R1 caution [Optional(true), Optional(false)]"])
            #expect(view.rows.first?.text == ReviewFixture.answers[0].text)
            // Blind: a coder sees no other coder's codes, the lead does.
            let anna = try await Self.signIn(client, "anna")
            #expect(try ReviewWebTests.decode(UnitJSON.self, try await anna.get(client, "/api/unit?id=R1")).others.isEmpty)
            #expect(try ReviewWebTests.decode(UnitJSON.self, try await lea.get(client, "/api/unit?id=R1")).others.map(\.coder) == ["anna", "bob"])
            // The lead settles R1; an ordinary decision after it does not override it.
            let settled = try await lea.post(client, "/api/decision", ["unit": "R1", "action": "final", "code": "caution", "applies": false])
            #expect(settled.status == .ok, "\(String(buffer: settled.body))")
            #expect(try await anna.post(client, "/api/decision", ["unit": "R1", "action": "accept", "code": "caution"]).status == .ok)
            team = try ReviewWebTests.decode(TeamJSON.self, try await lea.get(client, "/api/team"))
            #expect(team.reconcile == 0)
        }
        #expect(try store.states()["R1"]?.codes.contains("caution") == false, "the lead's final no holds")
        #expect(try store.decisions().filter(\.final).map(\.coder) == ["lea"])
    }

    @Test func coderCommandsAddListAndRemoveAndReviewServesTheTeam() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        var r = try DuidingBinary.run(["coder", "add", project, "anna", "--password"], in: dir.url, input: "anna-geheim\n")
        #expect(r.status == 0 && r.stdout.contains("coder anna added with a password") && !r.stdout.contains("key="), "\(r.stdout) \(r.stderr)")
        r = try DuidingBinary.run(["coder", "add", project, "lea", "--lead", "--url", "https://duiding.example.org"], in: dir.url)
        #expect(r.status == 0 && r.stdout.contains("https://duiding.example.org/signin?coder=lea&key="), "\(r.stdout) \(r.stderr)")
        r = try DuidingBinary.run(["coder", "add", project, "anna", "--password"], in: dir.url, input: "ander-wachtwoord\n")
        #expect(r.status != 0 && r.stderr.contains("a coder `anna` exists already"), "\(r.stderr)")
        r = try DuidingBinary.run(["coder", "add", project, "bob", "--password"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("no password given"), "\(r.stderr)")
        r = try DuidingBinary.run(["coder", "list", project], in: dir.url)
        #expect(r.status == 0 && r.stdout.contains("anna\tcoder\tpassword") && r.stdout.contains("lea\tlead\tsign-in link until"), "\(r.stdout)")
        #expect(!r.stdout.contains("bob"))
        r = try DuidingBinary.run(["review", project, "--coder", "anna", "--port", "0"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("has coder accounts"), "\(r.stderr)")
        // `duiding review` serves the team: it prints the sign-in page, and a password gets in.
        let binary = try #require(DuidingBinary.url)
        let child = try ChildProcess(binary, ["review", project, "--port", "0", "--learn-every", "0"], in: dir.url)
        let line = try #require(await child.line(containing: "http://", within: 30), "\(child.stderr)")
        let url = try #require(line.split(separator: " ").last.map(String.init))
        #expect(url.hasSuffix("/signin"))
        let base = String(url.dropLast("/signin".count))
        let signIn = try await HTTP.send("POST", base + "/api/signin", json: ["coder": "anna", "password": "anna-geheim"])
        #expect(signIn.status == 200 && signIn.text.contains(#""coder":"anna""#), "\(signIn.text)")
        await child.stop()
        r = try DuidingBinary.run(["coder", "remove", project, "anna"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        r = try DuidingBinary.run(["coder", "remove", project, "anna"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("no coder `anna`; the accounts are: lea"), "\(r.stderr)")
    }
}
