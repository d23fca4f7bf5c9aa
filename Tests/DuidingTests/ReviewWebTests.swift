import DuidingStore
@testable import DuidingWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The review server's routes, in process (`app.test(.router)`), on an in-memory project.
@Suite("Review server (router)")
struct ReviewWebTests {
    let store: ProjectStore

    init() throws {
        store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
    }

    var app: some ApplicationProtocol {
        buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
    }

    static var tokenHeader: HTTPFields { [.duidingToken: ReviewFixture.token] }
    static var jsonHeaders: HTTPFields { [.duidingToken: ReviewFixture.token, .contentType: "application/json"] }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(type, from: Data(response.body.readableBytesView))
    }

    static func body(_ json: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
    }

    /// Posts a decision and returns the server's answer.
    static func post(_ client: some TestClientProtocol, _ json: [String: Any]) async throws -> DecisionResponse {
        let response = try await client.execute(uri: "/api/decision", method: .post, headers: jsonHeaders, body: body(json))
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try decode(DecisionResponse.self, response)
    }

    static func ids(_ client: some TestClientProtocol, _ query: String) async throws -> [String] {
        let response = try await client.execute(uri: "/api/units?" + query, method: .get, headers: tokenHeader)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try decode(UnitListJSON.self, response).ids
    }

    @Test func unitJSONHasTextGroupsEvidenceStateAndCodes() async throws {
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/unit?id=R3", method: .get, headers: Self.tokenHeader)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let unit = try Self.decode(UnitJSON.self, response)
            #expect(unit.id == "R3")
            #expect(unit.text == ReviewFixture.answers[2].text)
            #expect(unit.groups.map(\.variable) == ["geslacht", "functie"])
            #expect(unit.groups.first?.label == "Geslacht" && unit.groups.first?.value == "vrouw")
            #expect(unit.codes.map(\.id) == ReviewFixture.codeOrder)
            #expect(unit.codes.map(\.number) == [1, 2, 3, 4, 5])
            #expect(unit.codes.first?.label == "Voorzichtigheid")
            let caution = try #require(unit.suggestions.first { $0.code == "caution" })
            // UTF-16 offsets: after the emoji (4 code units) the slice is the matched word.
            let evidence = try #require(caution.evidence.first)
            let utf16 = Array(unit.text.utf16)
            #expect(String(decoding: utf16[evidence.start..<evidence.end], as: UTF16.self) == "voorzichtiger")
            #expect(evidence.start == 29)
            #expect(unit.state.codes == ["caution"] && unit.state.suggested == ["caution"])
            #expect(unit.state.decided.isEmpty && !unit.state.reviewed && unit.state.memo == nil)
            #expect(unit.others.isEmpty)

            let missing = try await client.execute(uri: "/api/unit?id=nope", method: .get, headers: Self.tokenHeader)
            #expect(missing.status == .notFound)
            // Ids with any characters travel percent-encoded.
            let encoded = try await client.execute(uri: "/api/unit?id=R%33", method: .get, headers: Self.tokenHeader)
            #expect(try Self.decode(UnitJSON.self, encoded).id == "R3")
        }
    }

    @Test func requestsWithoutTheTokenOrFromAnotherSiteAreRefused() async throws {
        try await app.test(.router) { client in
            let decision = try Self.body(["action": "toggle", "unit": "R1", "code": "caution"])
            let noToken = try await client.execute(uri: "/api/decision", method: .post, headers: [.contentType: "application/json"], body: decision)
            #expect(noToken.status == .forbidden)
            let wrong: HTTPFields = [.duidingToken: String(ReviewFixture.token.reversed()), .contentType: "application/json"]
            #expect(try await client.execute(uri: "/api/decision", method: .post, headers: wrong, body: decision).status == .forbidden)
            var crossSite = Self.jsonHeaders
            crossSite[.origin] = "http://evil.example"
            #expect(try await client.execute(uri: "/api/decision", method: .post, headers: crossSite, body: decision).status == .forbidden)
            var fetchSite = Self.jsonHeaders
            fetchSite[.fetchSite] = "cross-site"
            #expect(try await client.execute(uri: "/api/decision", method: .post, headers: fetchSite, body: decision).status == .forbidden)
            // A form post (no JSON) is refused even with the token.
            let form: HTTPFields = [.duidingToken: ReviewFixture.token, .contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.execute(uri: "/api/decision", method: .post, headers: form, body: decision).status == .unsupportedMediaType)
            #expect(try store.decisions().isEmpty, "nothing may be recorded by a refused request")

            // Reading needs the token too: the answers are personal data.
            #expect(try await client.execute(uri: "/api/unit?id=R1", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/api/units", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/", method: .get).status == .forbidden)
            let page = try await client.execute(uri: "/?token=\(ReviewFixture.token)", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("content=\"\(ReviewFixture.token)\""))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // Same-origin requests from the page pass.
            var sameOrigin = Self.jsonHeaders
            sameOrigin[.origin] = "http://localhost"
            sameOrigin[.fetchSite] = "same-origin"
            #expect(try await client.execute(uri: "/api/decision", method: .post, headers: sameOrigin, body: decision).status == .ok)
        }
    }

    /// Bad requests are answered `{"error": …}` with the status that fits, and, like every
    /// answer, with the guard's headers; nothing is recorded.
    @Test func badRequestsGetAnErrorInWordsAndTheSafetyHeaders() async throws {
        try await app.test(.router) { client in
            let cases: [(uri: String, method: HTTPRequest.Method, body: ByteBuffer?, status: HTTPResponse.Status, says: String)] = [
                ("/api/decision", .post, ByteBuffer(string: "{\"unit\": \"R1\""), .badRequest, "the body is not a decision"),
                ("/api/decision", .post, try Self.body(["unit": "R1"]), .badRequest, "the body is not a decision"),
                ("/api/decision", .post, try Self.body(["action": "toggle", "unit": "R1", "code": "nope"]), .badRequest, "`nope` is not a code"),
                ("/api/decision", .post, try Self.body(["action": "memo", "unit": "R1", "memo": String(repeating: "x", count: 70_000)]),
                 .contentTooLarge, "larger than 64 KB"),
                ("/api/unit?id=nope", .get, nil, .notFound, "no unit `nope`"),
                ("/api/units?status=bogus", .get, nil, .badRequest, "unknown status `bogus`"),
            ]
            for c in cases {
                let response = try await client.execute(uri: c.uri, method: c.method, headers: Self.jsonHeaders, body: c.body)
                #expect(response.status == c.status, "\(c.uri): \(String(buffer: response.body))")
                let error = try Self.decode(ErrorJSON.self, response)
                #expect(error.error.contains(c.says), "\(c.uri): \(error.error)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(c.uri)")
                #expect(response.headers[.cacheControl] == "no-store", "\(c.uri)")
            }
            let refused = try await client.execute(uri: "/api/units", method: .get)
            #expect(refused.status == .forbidden && refused.headers[.xContentTypeOptions] == "nosniff")
            #expect(try Self.decode(ErrorJSON.self, refused).error.contains("session token"))
            #expect(try store.decisions().isEmpty)
        }
    }

    @Test func decisionsLandInTheStoreBeforeTheResponse() async throws {
        try await app.test(.router) { client in
            // Toggling a suggested code rejects it.
            let rejected = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "caution"])
            #expect(rejected.recorded.count == 1 && !rejected.wasReviewed)
            #expect(rejected.state.codes.isEmpty && rejected.state.decided == ["caution": "reject"] && rejected.state.reviewed)
            var log = try store.decisions(unit: "R1")
            #expect(log.map(\.action) == [.reject] && log.first?.codeID == "caution" && log.first?.coder == ReviewFixture.coder)
            #expect(log.first?.seq == rejected.recorded.first)
            // Toggling it again accepts it.
            let accepted = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "caution"])
            #expect(accepted.state.codes == ["caution"] && accepted.state.decided == ["caution": "accept"])
            // Toggling a code that was not suggested adds it.
            let added = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "vigilance"])
            #expect(added.state.codes == ["caution", "vigilance"] && added.state.decided["vigilance"] == "add")
            log = try store.decisions(unit: "R1")
            #expect(log.map(\.action) == [.reject, .accept, .add])

            // Accept all: the open suggestions are accepted; a unit without any is marked done.
            let all = try await Self.post(client, ["action": "acceptAll", "unit": "R4"])
            #expect(all.state.decided == ["training_need": "accept"] && all.recorded.count == 1)
            let none = try await Self.post(client, ["action": "acceptAll", "unit": "R2"])
            #expect(none.recorded.count == 1 && none.state.reviewed && none.state.codes.isEmpty)
            #expect(try store.decisions(unit: "R2").map(\.action) == [.done])
            let again = try await Self.post(client, ["action": "acceptAll", "unit": "R2"])
            #expect(again.recorded.isEmpty, "an already reviewed unit needs nothing new")
            // Accept all keeps a rejection.
            _ = try await Self.post(client, ["action": "reject", "unit": "R3", "code": "caution"])
            let kept = try await Self.post(client, ["action": "acceptAll", "unit": "R3"])
            #expect(kept.recorded.isEmpty && kept.state.codes.isEmpty)

            // Add by code, and the memo.
            let viaAdd = try await Self.post(client, ["action": "add", "unit": "R2", "code": "psych_impact"])
            #expect(viaAdd.state.codes == ["psych_impact"] && viaAdd.state.decided["psych_impact"] == "add")
            let memo = try await Self.post(client, ["action": "memo", "unit": "R2", "memo": "twijfel: \"weer\" <b>"])
            #expect(memo.state.memo == "twijfel: \"weer\" <b>")
            #expect(try store.state(unit: "R2").memo == "twijfel: \"weer\" <b>")

            // Bad requests are refused with a reason and record nothing.
            let before = try store.decisions().count
            let unknown = try await client.execute(uri: "/api/decision", method: .post, headers: Self.jsonHeaders,
                                                   body: Self.body(["action": "toggle", "unit": "R1", "code": "nonsense"]))
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("nonsense"))
            let noUnit = try await client.execute(uri: "/api/decision", method: .post, headers: Self.jsonHeaders,
                                                  body: Self.body(["action": "toggle", "unit": "R9", "code": "caution"]))
            #expect(noUnit.status == .notFound)
            let garbage = try await client.execute(uri: "/api/decision", method: .post, headers: Self.jsonHeaders,
                                                   body: ByteBuffer(string: "{not json"))
            #expect(garbage.status == .badRequest)
            // A memo with a NUL would be cut where it is stored: refused, with the reason.
            let nul = try await client.execute(uri: "/api/decision", method: .post, headers: Self.jsonHeaders,
                                               body: Self.body(["action": "memo", "unit": "R2", "memo": "voor\u{0}na"]))
            #expect(nul.status == .badRequest && String(buffer: nul.body).contains("NUL"))
            #expect(try store.decisions().count == before)
        }
    }

    @Test func undoCancelsTheLatestDecisions() async throws {
        try await app.test(.router) { client in
            _ = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "caution"])
            _ = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "training_need"])
            let one = try await Self.post(client, ["action": "undo", "unit": "R1"])
            #expect(one.undone == 1 && one.recorded.isEmpty)
            #expect(one.state.codes.isEmpty && one.state.decided == ["caution": "reject"])
            let rest = try await Self.post(client, ["action": "undo", "unit": "R1", "count": 5])
            #expect(rest.undone == 1, "only one decision was left to undo")
            #expect(rest.state.codes == ["caution"] && rest.state.decided.isEmpty && !rest.state.reviewed && rest.wasReviewed)
            #expect(try store.state(unit: "R1").codes == ["caution"])
            #expect(try store.decisions(unit: "R1").map(\.action) == [.reject, .add, .undo, .undo])
            let nothing = try await Self.post(client, ["action": "undo", "unit": "R1"])
            #expect(nothing.undone == 0)
        }
    }

    @Test func filtersSelectUnits() async throws {
        try await app.test(.router) { client in
            #expect(try await Self.ids(client, "") == ["R1", "R2", "R3", "R4", "R5"])
            #expect(try await Self.ids(client, "code=caution") == ["R1", "R3"])
            #expect(try await Self.ids(client, "status=nosuggestion") == ["R2"])
            #expect(try await Self.ids(client, "group=geslacht%3Dman") == ["R1", "R4"])
            #expect(try await Self.ids(client, "group=functie%3Draadslid&code=caution") == ["R1", "R3"])

            _ = try await Self.post(client, ["action": "toggle", "unit": "R1", "code": "caution"])
            #expect(try await Self.ids(client, "status=unreviewed") == ["R2", "R3", "R4", "R5"])
            #expect(try await Self.ids(client, "code=caution") == ["R3"], "the code filter uses the current codes")
            let list = try await client.execute(uri: "/api/units", method: .get, headers: Self.tokenHeader)
            let all = try Self.decode(UnitListJSON.self, list)
            #expect(all.total == 5 && all.reviewedTotal == 1 && all.reviewed == [true, false, false, false, false])

            // Another coder rejects R3's suggestion: it contradicts this coder's (suggested) codes.
            #expect(try await Self.ids(client, "status=conflict").isEmpty)
            try store.record([NewDecision(unitID: "R3", codeID: "caution", action: .reject, coder: "anna"),
                              NewDecision(unitID: "R1", codeID: "caution", action: .reject, coder: "anna")])
            #expect(try await Self.ids(client, "status=conflict") == ["R3"], "R1: anna and tester agree")
            let r3 = try Self.decode(UnitJSON.self, try await client.execute(uri: "/api/unit?id=R3", method: .get, headers: Self.tokenHeader))
            #expect(r3.others.map(\.coder) == ["anna"] && r3.others.first?.codes == [])
            _ = try await Self.post(client, ["action": "toggle", "unit": "R3", "code": "caution"])
            #expect(try await Self.ids(client, "status=conflict").isEmpty)

            let bad = try await client.execute(uri: "/api/units?status=whatever", method: .get, headers: Self.tokenHeader)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func scriptInAnAnswerIsJustAJSONString() async throws {
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/unit?id=R5", method: .get, headers: Self.tokenHeader)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            let unit = try Self.decode(UnitJSON.self, response)
            #expect(unit.text == ReviewFixture.scriptAnswer, "the text comes back verbatim")
            #expect(unit.suggestions.map(\.code) == ["vigilance"])
        }
    }

    @Test func metaListsCodesAndGroups() async throws {
        try await app.test(.router) { client in
            let meta = try Self.decode(MetaJSON.self, try await client.execute(uri: "/api/meta", method: .get, headers: Self.tokenHeader))
            #expect(meta.coder == ReviewFixture.coder)
            #expect(meta.codes.map(\.id) == ReviewFixture.codeOrder)
            #expect(meta.groups.map(\.variable) == ["geslacht", "functie"])
            #expect(meta.groups.first?.values.map(\.value) == ["man", "vrouw"])
            #expect(meta.groups.first?.values.map(\.count) == [2, 3])
        }
    }

    @Test func handWrittenListJSONDecodes() throws {
        let ids = ["R1", "a\"b", "c\\d", "tab\there", "nl\n", "\u{01}", "ë👍🏽", "gesprek.txt#2", "</script>", "\u{2028}"]
        let list = UnitListJSON(ids: ids, reviewed: ids.indices.map { $0 % 2 == 0 }, total: 12, reviewedTotal: 5)
        let decoded = try JSONDecoder().decode(UnitListJSON.self, from: Data(list.encoded()))
        #expect(decoded.ids == ids && decoded.reviewed == list.reviewed && decoded.total == 12 && decoded.reviewedTotal == 5)
        let empty = UnitListJSON(ids: [], reviewed: [], total: 0, reviewedTotal: 0)
        #expect(String(decoding: empty.encoded(), as: UTF8.self) == #"{"ids":[],"reviewed":[],"total":0,"reviewedTotal":0}"#)
    }

    @Test func hostNamesAndTokens() {
        #expect(ReviewGuard.hostName("127.0.0.1:8080") == "127.0.0.1")
        #expect(ReviewGuard.hostName("LOCALHOST") == "localhost")
        #expect(ReviewGuard.hostName("[::1]:80") == "[::1]")
        #expect(ReviewServer.sameToken("abc", "abc") && !ReviewServer.sameToken("abc", "abd") && !ReviewServer.sameToken("abc", "abcd"))
        #expect(ReviewServer.isLoopback("127.0.0.1") && ReviewServer.isLoopback("::1") && !ReviewServer.isLoopback("0.0.0.0"))
        #expect(ReviewServer.allowedHosts(boundTo: "127.0.0.1") == ["localhost", "127.0.0.1", "[::1]"])
        let token = ReviewServer.makeToken()
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit) && token != ReviewServer.makeToken())
    }
}

/// `reviewList` (flat arrays, partial reads) against a plain replay with UnitState, on
/// seeded random logs of three coders with undos.
@Suite("Review list")
struct ReviewListTests {
    @Test(arguments: [UInt64(1), 2, 3, 20_240_501])
    func matchesAReplayWithUnitState(seed: UInt64) throws {
        print("reviewList random test, seed \(seed)")
        var random = SeededGenerator(seed: seed)
        let store = try ProjectStore.inMemory()
        let texts = ReviewFixture.answers.map(\.text)
        let answers = (0..<40).map { i in
            (id: "U\(i)", text: texts[Int.random(in: 0..<texts.count, using: &random)],
             geslacht: ["man", "vrouw"][Int.random(in: 0..<2, using: &random)], functie: ["raadslid", "wethouder"][i % 2])
        }
        try ReviewFixture.populate(store, answers: answers)
        let coders = [ReviewFixture.coder, "anna", "bob"]
        let actions: [DecisionAction] = [.accept, .reject, .add, .done, .memo]
        for _ in 0..<150 {
            let unit = answers[Int.random(in: 0..<answers.count, using: &random)].id
            let coder = coders[Int.random(in: 0..<coders.count, using: &random)]
            if Int.random(in: 0..<6, using: &random) == 0 {
                try store.undoLast(unit: unit, coder: coder)
                continue
            }
            let action = actions[Int.random(in: 0..<actions.count, using: &random)]
            let code = [.accept, .reject, .add].contains(action) ? ReviewFixture.codeOrder[Int.random(in: 0..<5, using: &random)] : nil
            try store.record([NewDecision(unitID: unit, codeID: code, action: action, coder: coder, memo: action == .memo ? "m" : nil)])
        }

        let version = try #require(try store.latestCodebook()?.id)
        let suggestions = try store.suggestions(version: version)
        let log = try store.decisions()
        let me = ReviewFixture.coder
        struct Expected { var id: String; var reviewed: Bool; var codes: Set<String>; var suggested: Bool; var conflict: Bool; var geslacht: String }
        let expected = try store.units().map { unit -> Expected in
            let suggested = Set(suggestions[unit.id, default: []].map(\.codeID))
            let unitLog = log.filter { $0.unitID == unit.id }
            let mine = UnitState(suggested: suggested, log: unitLog, coder: me)
            let conflict = Set(unitLog.map(\.coder)).subtracting([me]).contains { other in
                let theirs = UnitState(suggested: suggested, log: unitLog, coder: other)
                return theirs.reviewedBy.contains(other) && theirs.codes != mine.codes
            }
            return Expected(id: unit.id, reviewed: mine.reviewedBy.contains(me), codes: mine.codes,
                            suggested: !suggested.isEmpty, conflict: conflict, geslacht: unit.values["geslacht"] ?? "")
        }
        for status in ReviewFilter.Status.allCases {
            for code in [nil] + ReviewFixture.codeOrder.map(Optional.some) {
                for group in [nil, "vrouw"] {
                    let filter = ReviewFilter(status: status, code: code, group: group.map { ("geslacht", $0) })
                    let list = try store.reviewList(coder: me, filter: filter)
                    let want = expected.filter { e in
                        switch status {
                        case .all: true
                        case .unreviewed: !e.reviewed
                        case .noSuggestion: !e.suggested
                        case .conflict: e.conflict
                        case .informative, .possiblyMissed: false  // nothing learned in this project
                        }
                    }.filter { code == nil || $0.codes.contains(code ?? "") }.filter { group == nil || $0.geslacht == group }
                    #expect(list.ids == want.map(\.id), "seed \(seed), \(filter)")
                    #expect(list.reviewed == want.map(\.reviewed), "seed \(seed), \(filter)")
                    #expect(list.total == 40 && list.reviewedTotal == expected.count { $0.reviewed })
                }
            }
        }
        #expect(expected.contains { $0.conflict } && expected.contains { $0.reviewed } && expected.contains { !$0.reviewed },
                "the random log should exercise every filter")
    }

    /// What is kept between lists (the unit order, the replayed log, the suggestions) and the
    /// search against a plain computation: every status × code × search × scope, with and
    /// without `orderedBy`, for two coders whose views are their own decisions only (blind), and
    /// a lead's final decisions in the log. Then again after each change the kept state must
    /// follow, the lists asked for before it: decisions, undos and a bulk decision with its undo
    /// by several coders; a recode that changes the suggestions; learned suggestions (a veto
    /// and a model's own code); an import that adds units.
    @Test(arguments: [UInt64(7), 20_261_201])
    func keptStateAndSearchMatchAPlainComputation(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let store = try ProjectStore.inMemory()
        let texts = ReviewFixture.answers.map(\.text)
        func answers(_ range: Range<Int>) -> [(id: String, text: String, geslacht: String, functie: String)] {
            range.map { i in
                (id: "U\(i)", text: texts[Int.random(in: 0..<texts.count, using: &random)],
                 geslacht: ["man", "vrouw"][Int.random(in: 0..<2, using: &random)], functie: "raadslid")
            }
        }
        var all = answers(0..<30)
        try ReviewFixture.populate(store, answers: all)
        let me = ReviewFixture.coder, coders = [me, "anna", "lead"]
        func decideAtRandom(_ count: Int) throws {
            for _ in 0..<count {
                let unit = all[Int.random(in: 0..<all.count, using: &random)].id
                let coder = coders[Int.random(in: 0..<coders.count, using: &random)]
                if Int.random(in: 0..<8, using: &random) == 0 {
                    try store.undoLast(unit: unit, coder: coder)
                    continue
                }
                let action = [DecisionAction.accept, .reject, .add, .done, .memo][Int.random(in: 0..<5, using: &random)]
                let code = [.accept, .reject, .add].contains(action) ? ReviewFixture.codeOrder[Int.random(in: 0..<5, using: &random)] : nil
                try store.record([NewDecision(unitID: unit, codeID: code, action: action, coder: coder, memo: action == .memo ? "m" : nil,
                                              final: coder == "lead" && code != nil)])
            }
        }
        try decideAtRandom(80)
        let searches = [nil, "ik", "voorzicht", "\"op straat\"", "ik training", "bestaatniet"]

        func check(_ stage: String) throws {
            try store.updateSearchIndex()
            let version = try #require(try store.latestCodebook()?.id)
            let suggested = try store.suggestedCodes(version: version)
            let log = try store.decisions()
            struct Plain { var id: String; var text: String; var geslacht: String; var state: [String: UnitState]; var conflict: [String: Bool] }
            let plain = all.map { a in
                let unitLog = log.filter { $0.unitID == a.id }
                let state = Dictionary(uniqueKeysWithValues: coders.map { ($0, UnitState(suggested: suggested[a.id] ?? [], log: unitLog, coder: $0)) })
                let conflict = Dictionary(uniqueKeysWithValues: coders.map { coder in
                    (coder, coders.contains { $0 != coder && state[$0]?.reviewedBy.contains($0) == true && state[$0]?.codes != state[coder]?.codes })
                })
                return Plain(id: a.id, text: a.text, geslacht: a.geslacht, state: state, conflict: conflict)
            }
            func words(_ text: String) -> [String] {
                text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .split { !($0.isLetter || $0.isNumber) }.map(String.init)
            }
            func found(_ text: String, _ query: String) -> Bool {
                let have = words(text)
                for (k, part) in query.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
                    let want = words(String(part))
                    if k % 2 == 1 {
                        guard (0...max(0, have.count - want.count)).contains(where: { Array(have.dropFirst($0).prefix(want.count)) == want }) else { return false }
                    } else if !want.allSatisfy({ w in have.contains { $0.hasPrefix(w) } }) {
                        return false
                    }
                }
                return true
            }
            let scopes: [Set<String>?] = [nil, Set(all.prefix(12).map(\.id))]
            for coder in [me, "anna"] {
                for status in [ReviewFilter.Status.all, .unreviewed, .noSuggestion, .conflict] {
                    for code in [nil, "caution", "training_need"] {
                        for query in searches {
                            for scope in scopes {
                                let filter = ReviewFilter(status: status, code: code, scope: scope, search: query.flatMap(TextSearch.init))
                                func reviewed(_ p: Plain) -> Bool { p.state[coder]?.reviewedBy.contains(coder) == true }
                                let want = plain.filter { p in
                                    switch status {
                                    case .unreviewed: !reviewed(p)
                                    case .noSuggestion: p.state[coder]?.suggested.isEmpty == true
                                    case .conflict: p.conflict[coder] == true
                                    default: true
                                    }
                                }.filter { code == nil || $0.state[coder]?.codes.contains(code ?? "") == true }
                                 .filter { query == nil || found($0.text, query ?? "") }
                                 .filter { scope?.contains($0.id) ?? true }
                                let list = try store.reviewList(coder: coder, filter: filter)
                                #expect(list.ids == want.map(\.id), "\(stage), seed \(seed), \(coder), \(filter)")
                                #expect(list.reviewed == want.map(reviewed), "\(stage), seed \(seed), \(coder), \(filter)")
                                let inScope = plain.filter { scope?.contains($0.id) ?? true }
                                #expect(list.total == inScope.count && list.reviewedTotal == inScope.count(where: reviewed))
                                let byGroup = want.enumerated().sorted { ($0.element.geslacht, $0.offset) < ($1.element.geslacht, $1.offset) }
                                #expect(try store.reviewList(coder: coder, filter: filter, orderedBy: "geslacht").ids == byGroup.map(\.element.id),
                                        "\(stage), seed \(seed), \(coder), \(filter), by geslacht")
                            }
                        }
                    }
                }
            }
            #expect(plain.contains { found($0.text, "ik") } && plain.contains { !found($0.text, "ik") }, "the searches should split the units")
            #expect(plain.contains { $0.conflict[me] == true } && plain.contains { $0.state[me]?.reviewedBy.contains(me) == false },
                    "\(stage): the log should exercise the filters")
        }
        try check("first")

        try decideAtRandom(40)
        let caution = try store.reviewList(coder: "anna", filter: ReviewFilter(code: "caution")).ids
        let bulk = try store.bulkDecide(units: Array(all.map(\.id).prefix(20)), code: "caution", applies: false, coder: "anna")
        try check("after decisions and a bulk decision")
        try store.undoBatch(try #require(bulk.batch), coder: "anna")
        #expect(try store.reviewList(coder: "anna", filter: ReviewFilter(code: "caution")).ids == caution, "the bulk undo restores the list")
        try store.record([NewDecision(unitID: all[0].id, codeID: "vigilance", action: .add, coder: "lead", final: true)])
        try check("after the bulk undo and a final decision")

        // A recode whose patterns find other codes: each unit gets one code of its own.
        let previous = try #require(try store.latestCodebook())
        let recoded = try store.addCodebookVersion(
            name: previous.name, source: previous.source, yaml: previous.yaml, codes: previous.codes,
            suggestions: all.enumerated().compactMap { k, a in
                k % 3 == 0 ? nil : StoredSuggestion(unitID: a.id, codeID: ReviewFixture.codeOrder[k % 5], pattern: "p", utf16Range: 0..<1)
            }, ifLatestIs: previous.id)
        try check("after a recode")
        try store.storeLearned([LearnedSuggestion(unitID: all[1].id, codeID: ReviewFixture.codeOrder[1], source: .vetoed, confidence: 0.1, evidence: []),
                                LearnedSuggestion(unitID: all[3].id, codeID: "psych_impact", source: .learned, confidence: 0.9, evidence: [])],
                               margins: [], version: recoded, lastDecision: 0, labels: 0, summary: "")
        try check("after learning")
        try store.clearLearned(version: recoded)
        try check("after learning is cleared")

        let added = answers(30..<36)
        try store.importUnits(added.map { NewUnit(id: $0.id, text: $0.text, kind: .answer, values: ["geslacht": $0.geslacht, "functie": $0.functie],
                                                  file: "meer.csv", line: 2) },
                              file: "meer.csv", variables: [Variable(name: "geslacht", label: "Geslacht"), Variable(name: "functie", label: "Functie")])
        all += added
        try decideAtRandom(20)
        try check("after adding units")
    }
}
