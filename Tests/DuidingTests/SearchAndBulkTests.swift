import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingStore
@testable import DuidingWeb

/// Search in the texts and one decision for all answers a filter shows (issue: review for
/// real projects), on the review fixture: R1 and R3 say "voorzichtiger", R3 starts with an emoji.
@Suite("Search, bulk decisions and quote choices")
struct SearchAndBulkTests {
    func store() throws -> ProjectStore {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        try store.updateSearchIndex()
        return store
    }

    func ids(_ store: ProjectStore, _ query: String, coder: String = ReviewFixture.coder) throws -> [String] {
        try store.reviewList(coder: coder, filter: ReviewFilter(search: TextSearch(query))).ids
    }

    @Test func wordsAreFoundFoldedAndAsPrefixes() throws {
        let store = try store()
        #expect(try ids(store, "voorzichtiger") == ["R1", "R3"])
        #expect(try ids(store, "VOORZICHTIG") == ["R1", "R3"], "case does not count; a word finds the words it begins")
        #expect(try ids(store, "voorzichtiger vorig") == ["R3"], "every word must occur")
        #expect(try ids(store, "\"vorig jaar\"") == ["R3"])
        #expect(try ids(store, "\"jaar vorig\"").isEmpty, "a phrase is exact")
        #expect(try ids(store, "agressie training") == ["R4"])
        #expect(try ids(store, "zichtiger").isEmpty, "only beginnings of words")
        // FTS5 syntax in what a coder types is just words.
        #expect(try ids(store, "voorzichtiger OR NOT") .isEmpty, "OR and NOT are words to find, not operators")
        #expect(try ids(store, "voorzichtiger) OR (weer*") .isEmpty)
        #expect(TextSearch("  \"\" *** ") == nil)
        #expect(TextSearch("NEAR(a b)")?.terms == ["NEAR", "a", "b"])
    }

    @Test func diacriticsDoNotCountAndNewUnitsAreFoundAfterAnUpdate() throws {
        let store = try store()
        try store.importUnits([NewUnit(id: "R6", text: "Ik ben niet goed geïnformeerd door de gemeente.", kind: .answer, values: [:],
                                       file: "b.csv", line: 2)], file: "b.csv", variables: [])
        #expect(throws: ProjectError.self, "a search never silently misses units the index lacks") { try ids(store, "geinformeerd") }
        try store.updateSearchIndex(chunk: 2)
        #expect(try ids(store, "geinformeerd") == ["R6"])
        #expect(try ids(store, "GEÏNFORMEERD") == ["R6"])
    }

    @Test func bulkDecidesOnceAndUndoesAsOne() throws {
        let store = try store()
        // R1 was accepted by hand already; the bulk confirms caution on R1 and R3 (suggested).
        try store.record([NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: ReviewFixture.coder)])
        let outcome = try store.bulkDecide(units: ["R1", "R3"], code: "caution", applies: true, coder: ReviewFixture.coder)
        #expect(outcome.recorded == 1 && outcome.unchanged == 1 && outcome.batch != nil)
        #expect(try store.decisions(unit: "R3").map(\.action) == [.accept])
        // Adding a code nobody suggested to two answers, then rejecting it on one of them again.
        let add = try store.bulkDecide(units: ["R2", "R4"], code: "vigilance", applies: true, coder: ReviewFixture.coder)
        #expect(try store.decisions(unit: "R2").map(\.action) == [.add])
        let remove = try store.bulkDecide(units: ["R2", "R5"], code: "vigilance", applies: false, coder: ReviewFixture.coder)
        #expect(remove.recorded == 2, "R2 had it (reject), R5 did not (an explicit no)")
        #expect(try store.states()["R2"]?.codes.contains("vigilance") == false)
        // One undo takes back the whole batch, and only it.
        #expect(try store.undoBatch(try #require(add.batch), coder: ReviewFixture.coder) == 2)
        #expect(try store.states()["R4"]?.codes.contains("vigilance") == false)
        #expect(try store.states()["R3"]?.codes.contains("caution") == true)
        #expect(try store.undoBatch(try #require(add.batch), coder: ReviewFixture.coder) == 0, "undoing twice undoes nothing more")
        // Another coder cannot undo this coder's batch.
        #expect(try store.undoBatch(try #require(outcome.batch), coder: "iemand") == 0)
        // All or nothing.
        let before = try store.decisions().count
        #expect(throws: ProjectError.self) { try store.bulkDecide(units: ["R1", "nope"], code: "caution", applies: true, coder: "x") }
        #expect(throws: ProjectError.self) { try store.bulkDecide(units: ["R1"], code: "bestaat-niet", applies: true, coder: "x") }
        #expect(throws: ProjectError.self) { try store.bulkDecide(units: [], code: "caution", applies: true, coder: "x") }
        #expect(try store.decisions().count == before)
    }

    @Test func aMemoAloneDoesNotMarkAnAnswerReviewed() throws {
        let store = try store()
        try store.record([NewDecision(unitID: "R2", codeID: nil, action: .memo, coder: ReviewFixture.coder, memo: "later")])
        #expect(try store.state(unit: "R2").reviewedBy.isEmpty)
        #expect(try store.reviewList(coder: ReviewFixture.coder, filter: ReviewFilter(status: .unreviewed)).ids.contains("R2"))
        try store.record([NewDecision(unitID: "R2", codeID: nil, action: .done, coder: ReviewFixture.coder)])
        #expect(try store.state(unit: "R2").reviewedBy == [ReviewFixture.coder])
    }

    /// The API: the filter's units are recomputed by the server and must be the number the
    /// coder confirmed; the search index is brought up to date by the first search.
    @Test func theBulkRouteChecksTheConfirmedCount() async throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let app = buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, learnEvery: nil,
                                   onStarted: { _ in })
        try await app.test(.router) { client in
            let headers: HTTPFields = [.duidingToken: ReviewFixture.token, .contentType: "application/json"]
            let list = try await client.execute(uri: "/api/units?q=voorzichtiger", method: .get, headers: headers)
            #expect(try JSONDecoder().decode(UnitListJSON.self, from: Data(list.body.readableBytesView)).ids == ["R1", "R3"])
            func post(_ uri: String, _ json: [String: Any]) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: headers,
                                         body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
            }
            let stale = try await post("/api/bulk", ["q": "voorzichtiger", "target": "vigilance", "applies": true, "expected": 3])
            #expect(stale.status == .conflict && String(buffer: stale.body).contains("now shows 2 answers"))
            #expect(try store.decisions().isEmpty)
            let done = try await post("/api/bulk", ["q": "voorzichtiger", "target": "vigilance", "applies": true, "expected": 2])
            #expect(done.status == .ok, "\(String(buffer: done.body))")
            let result = try JSONDecoder().decode(BulkResponse.self, from: Data(done.body.readableBytesView))
            #expect(result.recorded == 2 && result.batch != nil)
            let undone = try await post("/api/bulk/undo", ["batch": try #require(result.batch)])
            #expect(try JSONDecoder().decode(BulkResponse.self, from: Data(undone.body.readableBytesView)).undone == 2)
            let states = try store.states()
            #expect(states["R1"]?.codes.contains("vigilance") == false && states["R3"]?.codes.contains("vigilance") == false)
        }
    }

    /// Pin and ban from the page: kept in the project, as `duiding quote-choice` keeps them.
    @Test func quoteChoicesFromThePage() async throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let app = buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, learnEvery: nil,
                                   onStarted: { _ in })
        try await app.test(.router) { client in
            let headers: HTTPFields = [.duidingToken: ReviewFixture.token, .contentType: "application/json"]
            func post(_ json: [String: Any]) async throws -> TestResponse {
                try await client.execute(uri: "/api/quote", method: .post, headers: headers,
                                         body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
            }
            let pinned = try await post(["unit": "R1", "code": "caution", "choice": "pin"])
            #expect(try JSONDecoder().decode(QuoteChoiceResponse.self, from: Data(pinned.body.readableBytesView)).quotes == ["caution": "pin"])
            _ = try await post(["unit": "R3", "code": "caution", "choice": "ban"])
            #expect(try store.quoteChoices().pinned["caution"] == ["R1"] && store.quoteChoices().banned["caution"] == ["R3"])
            let unit = try await client.execute(uri: "/api/unit?id=R3", method: .get, headers: headers)
            #expect(try JSONDecoder().decode(UnitJSON.self, from: Data(unit.body.readableBytesView)).quotes == ["caution": "ban"])
            _ = try await post(["unit": "R3", "code": "caution", "choice": "clear"])
            #expect(try store.quoteChoices(unit: "R3").isEmpty)
            let bad = try await post(["unit": "R1", "code": "caution", "choice": "maybe"])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("pin, ban or clear"))
            let unknown = try await post(["unit": "R1", "code": "nope", "choice": "pin"])
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("not a code"))
        }
    }
}
