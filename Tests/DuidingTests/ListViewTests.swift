import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingStore
@testable import DuidingWeb

/// The review page's list view (issue 12, item 1): its rows from the store, the order of the
/// list by a variable, and `/api/rows`.
@Suite("List view: rows, order, /api/rows")
struct ListViewTests {
    let store: ProjectStore
    let coder = ReviewFixture.coder

    init() throws {
        store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        try store.record([
            NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: coder),
            NewDecision(unitID: "R2", codeID: "vigilance", action: .add, coder: coder),
            NewDecision(unitID: "R3", codeID: "caution", action: .reject, coder: "iemand"),
            NewDecision(unitID: "R4", codeID: nil, action: .memo, coder: coder, memo: "later"),
        ])
    }

    @Test func rowsShowWhatTheOneAnswerViewShows() throws {
        let asked = ["R3", "R1", "bestaat-niet", "R5", "R2", "R4"]
        let rows = try store.reviewRows(ids: asked, coder: coder)
        #expect(rows.map(\.unit.id) == ["R3", "R1", "R5", "R2", "R4"], "in the order asked; unknown ids left out")
        for row in rows {
            let unit = try #require(try store.reviewUnit(id: row.unit.id, coder: coder))
            #expect(row.unit == unit.unit)
            #expect(row.groups.map { "\($0.variable.name)=\($0.value)" } == unit.groups.map { "\($0.variable.name)=\($0.value)" })
            #expect(row.codebook?.id == unit.codebook?.id && row.codebook?.codes == unit.codebook?.codes)
            #expect(row.suggestions == unit.suggestions)
            #expect(row.learned == unit.learned && row.learningRun == unit.learningRun)
            #expect(row.state == unit.state)
        }
        // And what the rest of the store says, by other paths.
        let states = try store.states(coder: coder)
        let version = try #require(try store.latestCodebook()).id
        let evidence = try store.suggestions(version: version)
        for row in rows {
            #expect(row.state.codes == states[row.unit.id]?.codes && row.state.reviewedBy == states[row.unit.id]?.reviewedBy)
            #expect(Set(row.suggestions) == Set(evidence[row.unit.id] ?? []))
            #expect(row.suggestions.map(\.utf16Range.lowerBound) == row.suggestions.map(\.utf16Range.lowerBound).sorted(), "in text order")
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.unit.id, $0) })
        #expect(byID["R1"]?.state.reviewedBy.contains(coder) == true)
        #expect(byID["R2"]?.state.codes.contains("vigilance") == true)
        #expect(byID["R3"]?.state.codes.contains("caution") == true, "another coder's rejection is not this coder's")
        #expect(byID["R4"]?.state.reviewedBy.isEmpty == true, "a memo alone does not mark it reviewed")
        #expect(try store.reviewRows(ids: [], coder: coder).isEmpty)
    }

    /// Every query behind a page of rows is a search through an index, never a table scan.
    @Test func rowsAreReadThroughIndexesOnly() throws {
        let plans = try store.read { db -> [String] in
            var statements: [String] = []
            db.trace { event in if case let .statement(statement) = event { statements.append(statement.expandedSQL) } }
            _ = try ProjectStore.reviewRows(db, ids: ["R1", "R3", "R4"], coder: coder)
            db.trace(options: [], nil)
            return try statements.flatMap { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { "\($0["detail"] as String) ← \(sql)" }
            }
        }
        #expect(plans.count >= 6)
        #expect(!plans.contains { $0.hasPrefix("SCAN") }, "\(plans.joined(separator: "\n"))")
    }

    @Test func theListIsOrderedByAVariableNumbersAsNumbers() throws {
        let units: [(id: String, leeftijd: String?, vraag: String?)] = [("A", "10", "vraag 10"), ("B", "9", "vraag 2"), ("C", "2,5", "Vraag 1"), ("D", nil, "vraag 02"), ("E", "9", nil)]
        let project = try ProjectStore.inMemory()
        try project.importUnits(units.enumerated().map { i, u in
            NewUnit(id: u.id, text: "tekst \(i)", kind: .answer, values: ["leeftijd": u.leeftijd, "vraag": u.vraag].compactMapValues { $0 },
                    file: "a.csv", line: i + 2)
        }, file: "a.csv", variables: [Variable(name: "leeftijd", label: "Leeftijd"), Variable(name: "vraag", label: "Vraag")])
        #expect(try project.reviewList(coder: coder).ids == ["A", "B", "C", "D", "E"])
        #expect(try project.reviewList(coder: coder, orderedBy: "leeftijd").ids == ["C", "B", "E", "A", "D"],
                "numbers by value (a decimal comma too), ties in import order, no value last")
        #expect(try project.reviewList(coder: coder, orderedBy: "vraag").ids == ["C", "B", "D", "A", "E"],
                "runs of digits as numbers: vraag 2 before vraag 10")
        #expect(try project.reviewList(coder: coder, filter: ReviewFilter(group: ("leeftijd", "9")), orderedBy: "vraag").ids == ["B", "E"])
        #expect(throws: ProjectError.self) { try project.reviewList(coder: coder, orderedBy: "bestaat-niet") }
    }

    @Test func valueOrderRanksDistinctValues() {
        #expect(ValueOrder.ranks(["-3", "-10", "2", "1,5"]) == ["-10": 0, "-3": 1, "1,5": 2, "2": 3])
        #expect(ValueOrder.ranks(["9", "9,0", "10"]) == ["9": 0, "9,0": 0, "10": 1])
        #expect(ValueOrder.ranks(["nan", "1"]) == ["1": 0, "nan": 1], "not a number: text")
        #expect(ValueOrder.ranks(["b2", "b10", "a", "b02x"]).sorted { $0.value < $1.value }.map(\.key) == ["a", "b2", "b02x", "b10"])
    }

    var app: some ApplicationProtocol {
        buildApplication(store: store, access: .single(coder: coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
    }

    @Test func rowsRouteAnswersAPageAndRefusesTooMany() async throws {
        try await app.test(.router) { client in
            let asked = try ReviewWebTests.body(["ids": ["R3", "R2"]])
            let response = try await client.execute(uri: "/api/rows", method: .post, headers: ReviewWebTests.jsonHeaders, body: asked)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let rows = try ReviewWebTests.decode(ListRowsJSON.self, response).rows
            #expect(rows.map(\.id) == ["R3", "R2"])
            let r3 = try #require(rows.first)
            #expect(r3.text == ReviewFixture.answers[2].text && r3.values == ["geslacht": "vrouw", "functie": "raadslid"])
            let evidence = try #require(r3.suggestions.first { $0.code == "caution" }?.evidence.first)
            let utf16 = Array(r3.text.utf16)
            #expect(String(decoding: utf16[evidence.start..<evidence.end], as: UTF16.self) == "voorzichtiger")
            #expect(r3.state.codes == ["caution"] && r3.state.suggested == ["caution"] && !r3.state.reviewed)
            #expect(rows[1].state.codes == ["vigilance"] && rows[1].state.decided == ["vigilance": "add"] && rows[1].state.reviewed)

            let many = try ReviewWebTests.body(["ids": (0...ProjectStore.maxReviewRows).map { "R\($0)" }])
            let refused = try await client.execute(uri: "/api/rows", method: .post, headers: ReviewWebTests.jsonHeaders, body: many)
            #expect(refused.status == .badRequest && String(buffer: refused.body).contains("at most 200"))
            let noToken = try await client.execute(uri: "/api/rows", method: .post, headers: [.contentType: "application/json"], body: asked)
            #expect(noToken.status == .forbidden)

            #expect(try await ReviewWebTests.ids(client, "sort=functie") == ["R4", "R1", "R3", "R5", "R2"])
            let unknown = try await client.execute(uri: "/api/units?sort=nope", method: .get, headers: ReviewWebTests.tokenHeader)
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("no variable `nope`"))
            let meta = try await client.execute(uri: "/api/meta", method: .get, headers: ReviewWebTests.tokenHeader)
            #expect(try ReviewWebTests.decode(MetaJSON.self, meta).variables.map(\.name) == ["geslacht", "functie"])
        }
    }
}
