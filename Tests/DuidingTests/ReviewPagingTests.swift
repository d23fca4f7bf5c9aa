import DuidingStore
@testable import DuidingWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The unit list in pages (`/api/units?limit=`, `/api/units/page`) and the page's group counts
/// kept between requests: the same answers as the whole list and a plain count.
@Suite("Review list paging and kept counts")
struct ReviewPagingTests {
    /// 47 answers (texts of the fixture's, so some have suggestions), values varied.
    static let answers = (1...47).map { i in
        let a = ReviewFixture.answers[i % ReviewFixture.answers.count]
        return (id: "A\(i)", text: a.text, geslacht: i % 3 == 0 ? "man" : "vrouw", functie: ["raadslid", "wethouder", "burgemeester", "10", "9"][i % 5])
    }

    let store: ProjectStore

    init() throws {
        store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store, answers: Self.answers)
        // Some answers reviewed, one code added and one taken away, so that filters differ.
        try store.record([3, 4, 5, 20, 31].map { NewDecision(unitID: "A\($0)", codeID: nil, action: .done, coder: ReviewFixture.coder) })
        try store.record([NewDecision(unitID: "A2", codeID: "caution", action: .add, coder: ReviewFixture.coder),
                          NewDecision(unitID: "A1", codeID: "caution", action: .reject, coder: ReviewFixture.coder)])
    }

    var app: some ApplicationProtocol {
        buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
    }

    /// A page of a list as the server sends it.
    struct Page: Decodable {
        let ids: [String]
        let reviewed: [Bool]
        let total: Int
        let reviewedTotal: Int
        let list: Int
        let count: Int
        let from: Int
        let start: Int
        let at: Int
    }

    static func get<T: Decodable>(_ type: T.Type, _ client: some TestClientProtocol, _ uri: String) async throws -> T {
        let response = try await client.execute(uri: uri, method: .get, headers: ReviewWebTests.tokenHeader)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        return try ReviewWebTests.decode(type, response)
    }

    static func status(_ client: some TestClientProtocol, _ uri: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: uri, method: .get, headers: ReviewWebTests.tokenHeader).status
    }

    @Test(arguments: ["", "status=unreviewed", "code=caution", "status=nosuggestion", "group=geslacht%3Dvrouw", "sort=functie",
                      "status=unreviewed&sort=geslacht"])
    func pagesOfAListPutTogetherAreTheWholeList(query: String) async throws {
        try await app.test(.router) { client in
            let whole = try await Self.get(UnitListJSON.self, client, "/api/units?" + query)
            #expect(!whole.ids.isEmpty)
            for limit in [1, 7, 47, 100] {
                let first = try await Self.get(Page.self, client, "/api/units?\(query)&limit=\(limit)")
                #expect(first.count == whole.ids.count && first.total == whole.total && first.reviewedTotal == whole.reviewedTotal)
                var ids: [String] = [], reviewed: [Bool] = []
                for from in stride(from: 0, to: first.count, by: limit) {
                    let page = try await Self.get(Page.self, client, "/api/units/page?list=\(first.list)&from=\(from)&limit=\(limit)")
                    #expect(page.from == from && page.ids.count == min(limit, first.count - from) && page.count == first.count)
                    ids += page.ids
                    reviewed += page.reviewed
                }
                #expect(ids == whole.ids, "limit \(limit)")
                #expect(reviewed == whole.reviewed, "limit \(limit)")
                // The first page is the one with the first answer not reviewed.
                let start = try #require(whole.reviewed.firstIndex(of: false))
                #expect(first.start == start && first.from == start / limit * limit && first.at == -1)
                #expect(first.ids == Array(whole.ids[first.from..<min(whole.ids.count, first.from + limit)]))
            }
        }
    }

    @Test func aKeptListStaysAsItWasMadeWhileDecisionsChangeTheFilter() async throws {
        try await app.test(.router) { client in
            let first = try await Self.get(Page.self, client, "/api/units?status=unreviewed&limit=10")
            let before = try await Self.get(UnitListJSON.self, client, "/api/units?status=unreviewed")
            // Reviewing the first ten answers takes them out of the filter, not out of the list being paged.
            try store.record(first.ids.map { NewDecision(unitID: $0, codeID: nil, action: .done, coder: ReviewFixture.coder) })
            let second = try await Self.get(Page.self, client, "/api/units/page?list=\(first.list)&from=10&limit=10")
            #expect(second.ids == Array(before.ids[10..<20]))
            let now = try await Self.get(UnitListJSON.self, client, "/api/units?status=unreviewed")
            #expect(now.ids == Array(before.ids.dropFirst(10)))
        }
    }

    @Test func theFirstPageIsTheOneWithTheAnswerAskedFor() async throws {
        try await app.test(.router) { client in
            let whole = try await Self.get(UnitListJSON.self, client, "/api/units?code=caution")
            let wanted = whole.ids[whole.ids.count - 2]
            let page = try await Self.get(Page.self, client, "/api/units?code=caution&limit=4&at=\(wanted)")
            #expect(page.at == whole.ids.count - 2 && page.start == page.at && page.from == page.at / 4 * 4)
            #expect(page.ids.contains(wanted))
            // An answer not in the list: the first not reviewed, and `at` says it is not there.
            let missing = try await Self.get(Page.self, client, "/api/units?code=caution&limit=4&at=nope")
            #expect(missing.at == -1 && missing.start == whole.reviewed.firstIndex(of: false))
            // A filter nothing passes: an empty first page.
            let none = try await Self.get(Page.self, client, "/api/units?q=onvindbaarwoord&limit=4")
            #expect(none.count == 0 && none.ids.isEmpty && none.start == 0 && none.from == 0)
        }
    }

    @Test func badPagesAreRefusedWithWhatToDo() async throws {
        try await app.test(.router) { client in
            for limit in ["0", "abc", "10001", "-3"] {
                let response = try await client.execute(uri: "/api/units?limit=\(limit)", method: .get, headers: ReviewWebTests.tokenHeader)
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("limit must be a number of ids from 1 to 10000"))
            }
            #expect(try await Self.status(client, "/api/units/page?from=0&limit=5") == .badRequest)
            #expect(try await Self.status(client, "/api/units/page?list=1&from=-1&limit=5") == .badRequest)
            let unknown = try await client.execute(uri: "/api/units/page?list=99&from=0&limit=5", method: .get, headers: ReviewWebTests.tokenHeader)
            #expect(unknown.status == .gone && String(buffer: unknown.body).contains("list 99 is no longer kept"))
            // Beyond the end, even far beyond: an empty page.
            let first = try await Self.get(Page.self, client, "/api/units?limit=5")
            for from in [47, 1000, Int.max] {
                let page = try await Self.get(Page.self, client, "/api/units/page?list=\(first.list)&from=\(from)&limit=5")
                #expect(page.ids.isEmpty && page.reviewed.isEmpty && page.count == 47)
            }
            // Only a coder's latest lists are kept.
            for _ in 0..<KeptLists.perCoder { _ = try await Self.get(Page.self, client, "/api/units?limit=5") }
            #expect(try await Self.status(client, "/api/units/page?list=\(first.list)&from=0&limit=5") == .gone)
        }
    }

    /// What `/api/meta` says of a variable's values: value → count.
    static func counts(_ client: some TestClientProtocol, _ variable: String) async throws -> [String: Int] {
        let meta = try await get(MetaJSON.self, client, "/api/meta")
        let group = try #require(meta.groups.first { $0.variable == variable })
        return Dictionary(uniqueKeysWithValues: group.values.map { ($0.value, $0.count) })
    }

    typealias Answer = (id: String, text: String, geslacht: String, functie: String)

    /// How many of `answers` have each `value`, counted here.
    static func recount(_ answers: [Answer], _ value: (Answer) -> String) -> [String: Int] {
        answers.reduce(into: [:]) { counts, a in counts[value(a), default: 0] += 1 }
    }

    @Test func groupCountsEqualARecountAfterEachImport() async throws {
        try await app.test(.router) { client in
            #expect(try await Self.counts(client, "functie") == Self.recount(Self.answers) { $0.functie })
            let meta = try await Self.get(MetaJSON.self, client, "/api/meta")
            // Numeric-aware order, as before the counts were kept.
            #expect(meta.groups.first { $0.variable == "functie" }?.values.map(\.value) == ["9", "10", "burgemeester", "raadslid", "wethouder"])

            // A second import: values already counted and a new one, counted on top.
            let more = (1...9).map { i in (id: "B\(i)", text: "Ik let beter op.", geslacht: "x", functie: i % 2 == 0 ? "raadslid" : "griffier") }
            try store.importUnits(more.enumerated().map { i, a in
                NewUnit(id: a.id, text: a.text, kind: .answer, values: ["geslacht": a.geslacht, "functie": a.functie], file: "meer.csv", line: i + 2)
            }, file: "meer.csv", variables: [Variable(name: "geslacht", label: "Geslacht"), Variable(name: "functie", label: "Functie")])
            #expect(try await Self.counts(client, "functie") == Self.recount(Self.answers + more) { $0.functie })
            #expect(try await Self.counts(client, "geslacht") == Self.recount(Self.answers + more) { $0.geslacht })
            // Decisions change no counts.
            try store.record([NewDecision(unitID: "B1", codeID: nil, action: .done, coder: ReviewFixture.coder)])
            #expect(try await Self.counts(client, "geslacht") == Self.recount(Self.answers + more) { $0.geslacht })
        }
    }
}

/// The page on a list of several pages of ids (the page fetches 1,000 at a time).
@Suite("Review list paging in a real browser", .serialized)
struct ReviewPagingBrowserTests {
    @Test(.enabled(if: Browser.available, "needs Debian's chromium and chromium-driver (scripts/setup installs them)"),
          .timeLimit(.minutes(3)))
    func jAndEndGoOnIntoPagesNotFetchedYet() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("pages.duiding")
        let store = try ProjectStore.create(at: path)
        try ReviewFixture.populate(store, answers: ListViewBrowserTests.answers)
        let server = try await ReviewServerProcess.start(project: path, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        try await Browser.withSession { browser in
            // The answer in the address: its page first, the next one fetched ahead.
            try await browser.open(server.url + "#A0999")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A0999'"))
            #expect(try await browser.string("document.getElementById('position').textContent") == "999 van 3.000")
            try await browser.press("j", "j")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A1001'"))
            #expect(try await browser.string("document.getElementById('position').textContent") == "1.001 van 3.000")
            try await browser.press("3")
            #expect(try await browser.waitUntil("window.duiding.pending === 0 && window.duiding.reviewed[1000] === 1"))
            // The list view's End: the last page of ids, then its rows.
            try await browser.press("l", "\u{E010}")   // End
            #expect(try await browser.waitUntil("document.querySelector('.list-row[data-id=A3000]:not(.loading)')"))
            #expect(try await browser.string("document.body.dataset.selected") == "A3000")
            try await browser.press(Browser.enter)
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A3000'"))
            try await browser.press("k")
            #expect(try await browser.waitUntil("document.body.dataset.unit === 'A2999'"))
        }
        await server.child.stop()
        let after = try ProjectStore.open(at: path)
        #expect(try after.decisions().map(\.unitID) == ["A1001"])
    }
}
