import DuidingStore
import Foundation
import Testing

/// The real `duiding review` binary on a project file: acknowledged decisions survive kill -9,
/// and the server answers only to its own host name.
@Suite("Review server (process)", .serialized)
struct ReviewDurabilityTests {
    @Test(.timeLimit(.minutes(2)))
    func everyAcknowledgedDecisionSurvivesKill9() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }

        var acknowledged: [(seq: Int64, unit: String, memo: String?)] = []
        let units = ReviewFixture.answers.map(\.id)
        for i in 0..<60 {
            let unit = units[i % units.count]
            let body: [String: Any] = i % 3 == 2
                ? ["action": "memo", "unit": unit, "memo": "memo \(i) — ‘nothing lost’"]
                : ["action": "toggle", "unit": unit, "code": ReviewFixture.codeOrder[i % ReviewFixture.codeOrder.count]]
            let reply = try await server.post(body)
            try #require(reply.status == 200, "decision \(i): \(reply.text)")
            let json = try #require(reply.json as? [String: Any])
            let recorded = try #require(json["recorded"] as? [Any]).compactMap { ($0 as? NSNumber)?.int64Value }
            #expect(recorded.count == 1)
            for seq in recorded { acknowledged.append((seq, unit, body["memo"] as? String)) }
        }
        // A few at once, as fast key presses send them.
        try await withThrowingTaskGroup(of: [Int64].self) { group in
            for unit in units {
                group.addTask {
                    let reply = try await server.post(["action": "acceptAll", "unit": unit])
                    let json = reply.json as? [String: Any]
                    return (json?["recorded"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.int64Value }
                }
            }
            for try await seqs in group { acknowledged += seqs.map { ($0, "", nil) } }
        }

        kill(server.child.process.processIdentifier, SIGKILL)
        #expect(await eventually(within: 10) { !server.child.process.isRunning })
        #expect(server.child.process.terminationReason == .uncaughtSignal)

        let store = try ProjectStore.open(at: project)
        let log = Dictionary(uniqueKeysWithValues: try store.decisions().map { ($0.seq, $0) })
        #expect(acknowledged.count >= 60)
        for ack in acknowledged {
            let entry = log[ack.seq]
            #expect(entry != nil, "acknowledged decision \(ack.seq) is missing")
            if !ack.unit.isEmpty { #expect(entry?.unitID == ack.unit) }
            if let memo = ack.memo { #expect(entry?.memo == memo && entry?.action == .memo) }
            #expect(entry?.coder == ReviewFixture.coder)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func answersOnlyToLoopbackHostNamesAndTheToken() async throws {
        let dir = try TemporaryDirectory()
        let project = try ReviewFixture.projectFile(in: dir)
        let server = try await ReviewServerProcess.start(project: project, in: dir.url)
        defer { kill(server.child.process.processIdentifier, SIGKILL) }
        let port = try #require(URLComponents(string: server.base)?.port)

        func status(host: String, path: String = "/api/meta", token: String? = server.token) async throws -> Int {
            try await LoopbackHTTP.exchange(port: port, method: "GET", path: path, host: host,
                                            headers: token.map { ["X-Duiding-Token": $0] } ?? [:]).status
        }
        #expect(try await status(host: "127.0.0.1:\(port)") == 200)
        #expect(try await status(host: "localhost:\(port)") == 200)
        #expect(try await status(host: "evil.example:\(port)") == 403, "a DNS-rebound name is refused")
        #expect(try await status(host: "127.0.0.1:\(port)", token: nil) == 403)
        #expect(try await status(host: "127.0.0.1:\(port)", path: "/", token: nil) == 403)
        #expect(try await status(host: "127.0.0.1:\(port)", path: "/?token=\(server.token)", token: nil) == 200)
        #expect(try await status(host: "127.0.0.1:\(port)", path: "/app.js", token: nil) == 200)

        let page = try await HTTP.send("GET", server.url)
        #expect(page.status == 200 && page.text.contains("<script src=\"/app.js\""))
        #expect(!page.text.contains("http://") && !page.text.contains("https://"), "the page loads nothing from elsewhere")
        let script = try await HTTP.send("GET", server.base + "/app.js")
        #expect(!script.text.contains("innerHTML") && !script.text.contains("http"), "respondent text goes in as text only")

        await server.child.stop(signal: SIGINT)
        #expect(server.child.process.terminationStatus == 0, "Ctrl-C stops the server cleanly; stderr: \(server.child.stderr)")
    }
}
