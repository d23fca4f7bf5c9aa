import DuidingCodebook
import DuidingProject
import DuidingStore
@testable import DuidingWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The codebook panel's API, in process, on the review fixture (5 answers, default codebook).
@Suite("Codebook panel (router)")
struct CodebookWebTests {
    let store: ProjectStore

    init() throws {
        store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
    }

    var app: some ApplicationProtocol {
        buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, learnEvery: nil, onStarted: { _ in })
    }

    static func post(_ client: some TestClientProtocol, _ path: String, _ json: [String: Any],
                     status: HTTPResponse.Status = .ok) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .post, headers: ReviewWebTests.jsonHeaders, body: ReviewWebTests.body(json))
        #expect(response.status == status, "\(path): \(String(buffer: response.body))")
        return response
    }

    static func trial(_ client: some TestClientProtocol, _ json: [String: Any]) async throws -> TrialJSON {
        try ReviewWebTests.decode(TrialJSON.self, try await post(client, "/api/codebook/try", json))
    }

    @Test func tryCountsMatchesAndNewOnesWithTheMatchToHighlight() async throws {
        try await app.test(.router) { client in
            let info = try ReviewWebTests.decode(CodebookPanelJSON.self,
                                                 try await client.execute(uri: "/api/codebook", method: .get, headers: ReviewWebTests.tokenHeader))
            #expect(info.version.id == 1 && info.versions == 1)
            #expect(info.codes.map(\.id) == ReviewFixture.codeOrder)
            #expect(info.codes.first?.include.contains("voorzicht*") == true)

            let response = try await Self.post(client, "/api/codebook/try", ["pattern": "weer", "code": "vigilance"])
            #expect(response.headers[FieldName.serverTiming]?.hasPrefix("try;dur=") == true)
            let weather = try ReviewWebTests.decode(TrialJSON.self, response)
            #expect(weather.matched == 1 && weather.new == 1 && weather.code == "vigilance" && weather.version == 1)
            let example = try #require(weather.examples.first)
            #expect(example.unit == "R2" && example.new && !example.before && !example.after)
            let range = try #require(example.ranges.first)
            #expect(String(decoding: Array(example.text.utf16)[range], as: UTF16.self) == "weer")

            // R1 and R3 have caution already; after a rejection R1 is new to it again.
            var caution = try await Self.trial(client, ["pattern": "voorzicht*", "code": "caution"])
            #expect(caution.matched == 2 && caution.new == 0)
            _ = try await ReviewWebTests.post(client, ["action": "reject", "unit": "R1", "code": "caution"])
            caution = try await Self.trial(client, ["pattern": "voorzicht*", "code": "caution"])
            #expect(caution.matched == 2 && caution.new == 1 && caution.examples.first?.unit == "R1")
            // The emoji before the match in R3 counts two UTF-16 units per code point, as JavaScript slices.
            let r3 = try #require(caution.examples.first { $0.unit == "R3" })
            let r3Range = try #require(r3.ranges.first)
            #expect(String(decoding: Array(r3.text.utf16)[r3Range], as: UTF16.self) == "voorzichtiger")
            // Without a code, new means no code at all: R1 has none now.
            let none = try await Self.trial(client, ["pattern": "voorzicht*"])
            #expect(none.matched == 2 && none.new == 1 && none.code == nil)
            // A new code: every match is new.
            let fresh = try await Self.trial(client, ["pattern": "mooi|weer", "newCode": ["id": "weather", "label": "Het weer"]])
            #expect(fresh.matched == 1 && fresh.new == 1 && fresh.code == "weather" && fresh.examples.first?.ranges.count == 2)
            let counted = try await Self.trial(client, ["pattern": "behoefte", "newCode": ["id": "need", "label": ""], "examples": 0])
            #expect(counted.matched == 1 && counted.examples.isEmpty)
        }
    }

    @Test func aBadPatternIsRefusedWithItsColumn() async throws {
        try await app.test(.router) { client in
            let bad = try await Self.post(client, "/api/codebook/try", ["pattern": "denk * * na", "code": "caution"], status: .badRequest)
            let error = try ReviewWebTests.decode(ErrorJSON.self, bad)
            #expect(error.error == "1:8: pattern `denk * * na`: has two gaps `* *` in a row; use `gap:` for longer gaps")
            #expect(error.column == 8)
            let unknown = try ReviewWebTests.decode(ErrorJSON.self,
                                                    try await Self.post(client, "/api/codebook/try", ["pattern": "weer", "code": "nope"], status: .badRequest))
            #expect(unknown.column == nil && unknown.error.contains("no code `nope`"))
            let badID = try ReviewWebTests.decode(ErrorJSON.self, try await Self.post(
                client, "/api/codebook/try", ["pattern": "weer", "newCode": ["id": "Het weer", "label": "x"]], status: .badRequest))
            #expect(badID.error.contains("may only contain"))
            _ = try await Self.post(client, "/api/codebook/try", ["patroon": "weer"], status: .badRequest)
            _ = try await Self.post(client, "/api/codebook/save", ["pattern": "weer"], status: .badRequest)
            #expect(try store.codebookVersions().count == 1)
        }
    }

    @Test func theRoutesAreGuardedLikeTheRestOfTheAPI() async throws {
        try await app.test(.router) { client in
            let body = try ReviewWebTests.body(["pattern": "weer", "code": "vigilance"])
            for path in ["/api/codebook/try", "/api/codebook/save", "/api/codebook/undo"] {
                #expect(try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: body).status == .forbidden)
                var crossSite = ReviewWebTests.jsonHeaders
                crossSite[.origin] = "http://evil.example"
                #expect(try await client.execute(uri: path, method: .post, headers: crossSite, body: body).status == .forbidden)
                let form: HTTPFields = [.duidingToken: ReviewFixture.token, .contentType: "application/x-www-form-urlencoded"]
                #expect(try await client.execute(uri: path, method: .post, headers: form, body: body).status == .unsupportedMediaType)
            }
            #expect(try await client.execute(uri: "/api/codebook", method: .get).status == .forbidden)
            #expect(try store.codebookVersions().count == 1, "nothing may be stored by a refused request")
            let script = try await client.execute(uri: "/codebook.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let page = String(buffer: try await client.execute(uri: "/?token=\(ReviewFixture.token)", method: .get).body)
            #expect(page.contains("src=\"/codebook.js\"") && page.contains("id=\"codebook-panel\""))
        }
    }

    @Test func aSaveOrUndoRetrainsForTheNewVersion() async throws {
        let learning = BackgroundLearning(store: store, every: 1_000)
        let controller = ReviewController(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), learning: learning)
        let app = Application(router: buildRouter(controller: controller), configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in
            _ = try await ReviewWebTests.post(client, ["action": "reject", "unit": "R1", "code": "caution"])
            _ = try await Self.post(client, "/api/codebook/save", ["pattern": "weer", "code": "vigilance"])
            learning.waitUntilIdle()
            #expect(learning.status.runs == 1 && learning.status.problem == nil, "\(learning.status)")
            #expect(try store.learningRun(version: 2) != nil, "the new version was learned for at once, not after 1,000 decisions")
            _ = try await Self.post(client, "/api/codebook/undo", ["version": 2])
            learning.waitUntilIdle()
            #expect(try store.learningRun(version: 3) != nil)
        }
    }

    @Test func saveStoresANewVersionAndUndoYetAnother() async throws {
        let originalYAML = try #require(try store.codebookYAML(version: 1))
        try await app.test(.router) { client in
            _ = try await ReviewWebTests.post(client, ["action": "reject", "unit": "R3", "code": "caution"])
            let decisions = try store.decisions().count

            let saved = try ReviewWebTests.decode(RevisionJSON.self,
                                                  try await Self.post(client, "/api/codebook/save", ["pattern": "weer", "code": "vigilance"]))
            #expect(saved.version.id == 2 && saved.previous == 1 && saved.restored == nil && saved.matched == 1 && saved.new == 1)
            #expect(try store.codebookVersions().map(\.id) == [1, 2])
            #expect(try store.codebookVersions().last?.source == "review page (\(ReviewFixture.coder)): `weer` added to `vigilance`")
            let yaml = try #require(try store.codebookYAML(version: 2))
            #expect(yaml.components(separatedBy: "\n").count == originalYAML.components(separatedBy: "\n").count + 1)
            #expect(try CodebookLoader.parse(yaml, file: "v2").codes.first { $0.id == "vigilance" }?.include.last?.source == "weer")
            // Suggestions recomputed for the new version; decisions kept and still winning.
            #expect(try store.state(unit: "R2").suggested == ["vigilance"])
            #expect(try store.state(unit: "R1").suggested == ["caution"])
            let r3 = try store.state(unit: "R3")
            #expect(r3.suggested == ["caution"] && r3.codes.isEmpty && r3.decided["caution"]?.action == .reject)
            #expect(try store.decisions().count == decisions)
            let meta = try ReviewWebTests.decode(MetaJSON.self, try await client.execute(uri: "/api/meta", method: .get, headers: ReviewWebTests.tokenHeader))
            #expect(meta.codebook?.id == 2)
            // The next try sees the new version: `weer` is now among R2's codes.
            #expect(try await Self.trial(client, ["pattern": "weer", "code": "vigilance"]).new == 0)

            // Only the latest version can be undone.
            _ = try await Self.post(client, "/api/codebook/undo", ["version": 1], status: .conflict)
            let undone = try ReviewWebTests.decode(RevisionJSON.self, try await Self.post(client, "/api/codebook/undo", ["version": 2]))
            #expect(undone.version.id == 3 && undone.previous == 2 && undone.restored == 1 && undone.matched == nil)
            #expect(try store.codebookYAML(version: 3) == originalYAML)
            #expect(try store.state(unit: "R2").suggested.isEmpty)
            #expect(try store.codebookVersions().map(\.id) == [1, 2, 3], "versions are never deleted")

            // A new code with its first pattern.
            let fresh = try ReviewWebTests.decode(RevisionJSON.self, try await Self.post(
                client, "/api/codebook/save", ["pattern": "mooi", "newCode": ["id": "weather", "label": "Het weer"]]))
            #expect(fresh.version.id == 4 && fresh.codes.map(\.id) == ReviewFixture.codeOrder + ["weather"])
            #expect(fresh.codes.last?.label == "Het weer" && fresh.codes.last?.number == 6)
            #expect(try store.state(unit: "R2").suggested == ["weather"])
            let list = try await ReviewWebTests.ids(client, "code=weather")
            #expect(list == ["R2"])
            _ = try await ReviewWebTests.post(client, ["action": "accept", "unit": "R2", "code": "weather"])
        }
    }
}
