import DuidingAnalysis
import DuidingProject
import DuidingStore
@testable import DuidingWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The explore panel's API, in process, on a project the command line made from the demo
/// answers: every figure must be the one `duiding explore PROJECT --format csv` prints.
@Suite("Explore panel (router)", .serialized)
struct ExploreWebTests {
    let dir: TemporaryDirectory
    let project: String

    /// Corpora/antwoorden.csv imported and coded with the default codebook (patterns only); R0001's
    /// only code rejected, so that it has no current code although a pattern fires.
    init() throws {
        dir = try TemporaryDirectory()
        project = dir.path("p.duiding")
        let answers = TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path
        for arguments in [["init", project], ["import", project, answers],
                          ["recode", project, "--codebook", TestSupport.defaultCodebookPath, "--no-learn"],
                          ["decide", project, "R0001", "-caution", "--coder", ReviewFixture.coder]] {
            let run = try DuidingBinary.run(arguments, in: dir.url)
            try #require(run.status == 0, "\(arguments.first ?? ""): \(run.stderr)")
        }
    }

    func app(_ store: ProjectStore) -> some ApplicationProtocol {
        buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, learnEvery: nil, onStarted: { _ in })
    }

    /// `duiding explore PROJECT … --format csv`, every row (a closure, for the router test's
    /// closures, which cannot capture the test).
    var cli: @Sendable ([String]) throws -> [[String]] {
        let project = project, folder = dir.url
        return { arguments in
            let run = try DuidingBinary.run(["explore", project] + arguments + ["--format", "csv", "--top", "0"], in: folder)
            try #require(run.status == 0, "explore \(arguments): \(run.stderr)")
            return Array(parseCSV(run.stdout).dropFirst())
        }
    }

    static func get<T: Decodable>(_ client: some TestClientProtocol, _ uri: String, as type: T.Type,
                                  status: HTTPResponse.Status = .ok) async throws -> T {
        let response = try await client.execute(uri: uri, method: .get, headers: ReviewWebTests.tokenHeader)
        #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
        return try ReviewWebTests.decode(T.self, response)
    }

    /// A CSV number and a JSON number are the same double.
    static func same(_ csv: String, _ json: Double) -> Bool { Double(csv) == json }

    @Test func frequencyAndCollocationsAreTheCommandLinesFigures() async throws {
        let store = try ProjectStore.open(at: project)
        let cli = cli
        try await app(store).test(.router) { client in
            for (query, arguments) in [("", [String]()), ("ngrams=2", ["--ngrams", "2"]), ("stems=1", ["--stems"]),
                                       ("uncoded=1", ["--uncoded"]), ("ngrams=3&stopwords=1&uncoded=1", ["--ngrams", "3", "--keep-stopwords", "--uncoded"])] {
                let expected = try cli(arguments)
                let got = try await Self.get(client, "/api/explore/frequency?top=2000&" + query, as: RowsJSON<FeatureFrequency>.self)
                #expect(got.total == expected.count, "\(query)")
                #expect(got.rows.count == min(2000, expected.count))
                #expect(got.rows.map { [$0.feature, String($0.frequency), String($0.rank), String($0.docfreq)] } == Array(expected.prefix(2000)),
                        "\(query)")
            }
            let uncoded = try await Self.get(client, "/api/explore/frequency?uncoded=1&top=5", as: RowsJSON<FeatureFrequency>.self)
            // The patterns leave 169 of the 502 answers without a code; the rejection adds R0001.
            #expect(uncoded.texts == 170 && uncoded.allTexts == 502 && uncoded.rows.count == 5)

            let expected = try cli(["--collocations", "--min-count", "3"])
            let got = try await Self.get(client, "/api/explore/collocations?min=3&top=2000", as: RowsJSON<Collocation>.self)
            #expect(got.total == expected.count && !expected.isEmpty)
            for (row, line) in zip(got.rows, expected) {
                #expect(row.collocation == line[0] && String(row.count) == line[1] && Self.same(line[2], row.lambda) && Self.same(line[3], row.z),
                        "\(row) against \(line)")
            }
        }
    }

    @Test func keynessIsTheCommandLinesFigures() async throws {
        let store = try ProjectStore.open(at: project)
        let cli = cli
        try await app(store).test(.router) { client in
            let info = try await Self.get(client, "/api/explore", as: ExploreInfoJSON.self)
            #expect(info.units == 502 && info.language == "nl")
            #expect(info.variables.map(\.name) == ["bestuurslaag", "functie", "geslacht", "ernst", "vraag"], "weight and handcodering are hidden from coders")
            #expect(info.variables.first { $0.name == "geslacht" }?.values.map(\.count).reduce(0, +) == 502)

            for (query, arguments) in [("by=geslacht%3Dvrouw", ["--keyness", "--by", "geslacht=vrouw"]),
                                       ("by=bestuurslaag%3Dgemeente&measure=lr&ngrams=2&uncoded=1",
                                        ["--keyness", "--by", "bestuurslaag=gemeente", "--measure", "lr", "--ngrams", "2", "--uncoded"])] {
                let expected = try cli(arguments)
                let got = try await Self.get(client, "/api/explore/keyness?top=2000&" + query, as: KeynessJSON.self)
                #expect(got.total == expected.count && !expected.isEmpty, "\(query)")
                for (row, line) in zip(got.rows, expected) {
                    #expect(row.feature == line[0] && Self.same(line[1], row.statistic) && Self.same(line[2], row.p)
                            && String(row.nTarget) == line[3] && String(row.nReference) == line[4], "\(query): \(row) against \(line)")
                }
            }
            let unknown = try await client.execute(uri: "/api/explore/keyness?by=kleur%3Drood", method: .get, headers: ReviewWebTests.tokenHeader)
            #expect(unknown.status == .badRequest)
            #expect(String(buffer: unknown.body).contains("there is no variable `kleur`; the variables are: `bestuurslaag`"))
        }
    }

    @Test func kwicIsTheCommandLinesRowsAndFollowsDecisions() async throws {
        let store = try ProjectStore.open(at: project)
        let cli = cli
        try await app(store).test(.router) { client in
            for (query, arguments) in [("pattern=aangifte*&window=3", ["--kwic", "aangifte*", "--window", "3"]),
                                       ("pattern=denk%20*%20keer%20na", ["--kwic", "denk * keer na"]),
                                       ("pattern=~voorzichtig&uncoded=1", ["--kwic", "~voorzichtig", "--uncoded"]),
                                       ("pattern=facebook*&uncoded=1", ["--kwic", "facebook*", "--uncoded"])] {
                let expected = try cli(arguments)
                let got = try await Self.get(client, "/api/explore/kwic?top=2000&" + query, as: KWICJSON.self)
                #expect(got.total == expected.count, "\(query)")
                #expect(got.rows.map { [$0.docname, String($0.from), String($0.to), $0.pre, $0.keyword, $0.post, $0.pattern] } == expected,
                        "\(query)")
                #expect(got.matchedTexts == Set(expected.map { $0[0] }).count)
            }
            // R0001 lost its only code by a decision: it is among the answers without a code.
            let before = try await Self.get(client, "/api/explore/kwic?pattern=facebookgroep*&uncoded=1", as: KWICJSON.self)
            #expect(before.rows.contains { $0.docname == "R0001" } && before.texts == 170)
            // A decision in the review page takes it out again, at once.
            _ = try await ReviewWebTests.post(client, ["action": "add", "unit": "R0001", "code": "caution"])
            let after = try await Self.get(client, "/api/explore/kwic?pattern=facebookgroep*&uncoded=1", as: KWICJSON.self)
            #expect(!after.rows.contains { $0.docname == "R0001" } && after.texts == 169)
            let frequency = try await Self.get(client, "/api/explore/frequency?uncoded=1", as: RowsJSON<FeatureFrequency>.self)
            #expect(frequency.texts == 169)
        }
    }

    @Test func aVariableWithTooManyValuesIsNoGroupToChoose() async throws {
        let store = try ProjectStore.inMemory()
        let answers = (0...ExploreRoutes.maxGroupValues).map { i in
            (id: "A\(i)", text: "Antwoord \(i).", geslacht: i % 2 == 0 ? "man" : "vrouw", functie: "functie \(i)")
        }
        try ReviewFixture.populate(store, answers: answers)
        try await app(store).test(.router) { client in
            let info = try await Self.get(client, "/api/explore", as: ExploreInfoJSON.self)
            #expect(info.units == answers.count && info.variables.map(\.name) == ["geslacht"])
            // Still a group for keyness when named.
            let keyness = try await Self.get(client, "/api/explore/keyness?by=functie%3Dfunctie%200", as: KeynessJSON.self)
            #expect(keyness.targetTexts == 1 && keyness.referenceTexts == answers.count - 1)
        }
    }

    @Test func aBadPatternGetsTheCommandLinesMessageWithItsColumn() async throws {
        let store = try ProjectStore.open(at: project)
        let run = try DuidingBinary.run(["explore", project, "--kwic", "denk * * na"], in: dir.url)
        #expect(run.status != 0)
        try await app(store).test(.router) { client in
            let bad = try await Self.get(client, "/api/explore/kwic?pattern=denk%20*%20*%20na", as: ErrorJSON.self, status: .badRequest)
            #expect(bad.error == "1:8: pattern `denk * * na`: has two gaps `* *` in a row; use `gap:` for longer gaps")
            #expect(bad.column == 8)
            #expect(run.stderr.contains("--kwic:" + bad.error), "\(run.stderr)")
            let short = try await Self.get(client, "/api/explore/kwic?pattern=vo*", as: ErrorJSON.self, status: .badRequest)
            #expect(short.error.hasPrefix("1:1: pattern `vo*`: prefix `vo*` is too short"), "\(short.error)")

            for uri in ["/api/explore/kwic", "/api/explore/kwic?pattern=x&window=-1", "/api/explore/frequency?ngrams=4",
                        "/api/explore/frequency?stems=ja", "/api/explore/frequency?top=0", "/api/explore/keyness",
                        "/api/explore/keyness?by=geslacht", "/api/explore/keyness?by=geslacht%3Dvrouw&measure=t",
                        "/api/explore/collocations?min=0"] {
                let response = try await client.execute(uri: uri, method: .get, headers: ReviewWebTests.tokenHeader)
                #expect(response.status == .badRequest, "\(uri): \(String(buffer: response.body))")
                #expect(try ReviewWebTests.decode(ErrorJSON.self, response).error.isEmpty == false)
            }
            for uri in ["/api/explore", "/api/explore/frequency", "/api/explore/kwic?pattern=aangifte", "/api/learning/curve"] {
                #expect(try await client.execute(uri: uri, method: .get).status == .forbidden, "\(uri) without the token")
            }
            let script = try await client.execute(uri: "/explore.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let page = String(buffer: try await client.execute(uri: "/?token=\(ReviewFixture.token)", method: .get).body)
            #expect(page.contains("src=\"/explore.js\"") && page.contains("id=\"explore-panel\""))
        }
    }
}

/// The learning curve in the review page: computed in the background, from the decisions only.
@Suite("Learning curve in the review server", .serialized)
struct LearningCurveWebTests {
    static func curve(_ client: some TestClientProtocol, token: String = ReviewFixture.token) async throws -> LearningCurveJSON {
        let response = try await client.execute(uri: "/api/learning/curve", method: .get, headers: [.duidingToken: token])
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try ReviewWebTests.decode(LearningCurveJSON.self, response)
    }

    static func app(_ store: ProjectStore, learning: BackgroundLearning?) -> some ApplicationProtocol {
        let controller = ReviewController(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), learning: learning)
        return Application(router: buildRouter(controller: controller), configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func tooFewDecisionsSayWhyAndNoLearningSaysSo() async throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let learning = BackgroundLearning(store: store, every: 1_000)
        try await Self.app(store, learning: learning).test(.router) { client in
            _ = try await Self.curve(client)
            learning.waitUntilIdle()
            let none = try await Self.curve(client)
            #expect(none.state == "unavailable" && none.points.isEmpty && none.svg == nil && !none.computing)
            #expect(none.reason == "te weinig beoordeelde antwoorden voor een leercurve: 0 (minstens 10)")
            _ = try await ReviewWebTests.post(client, ["action": "accept", "unit": "R1", "code": "caution"])
            _ = try await Self.curve(client)
            learning.waitUntilIdle()
            let one = try await Self.curve(client)
            #expect(one.reason == "te weinig beoordeelde antwoorden voor een leercurve: 1 (minstens 10)" && one.decidedAnswers == 1)
            #expect(learning.status.runs == 0, "asking for the curve does not retrain")
        }
        try await Self.app(store, learning: nil).test(.router) { client in
            let off = try await Self.curve(client)
            #expect(off.state == "off" && off.reason?.contains("--learn-every 0") == true)
        }
    }

    @Test func theCurveIsTheCalibrationsAndFollowsRetraining() async throws {
        let (store, gold, decided) = try ProjectLearningTests.project()
        let learner = try #require(try ProjectLearner(store: store))
        let expected = try #require(try learner.evaluation()).curve
        let learning = BackgroundLearning(store: store, every: 5)
        try await Self.app(store, learning: learning).test(.router) { client in
            let first = try await Self.curve(client)
            #expect(first.state == "computing" && first.computing, "computed in the background, not in the request")
            learning.waitUntilIdle()
            let ready = try await Self.curve(client)
            #expect(ready.state == "ready" && !ready.computing && ready.decidedAnswers == decided.count)
            #expect(ready.points.map(\.decisions) == expected.map(\.decisions) && ready.points.count >= 3)
            #expect(ready.points.map(\.pattern) == expected.map(\.report.microPattern.f1))
            #expect(ready.points.map(\.combined) == expected.map(\.report.microCombined.f1))
            let svg = try #require(ready.svg)
            #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "<polyline").count == 3, "patterns and combined")
            #expect(svg.contains(">patronen</text>") && svg.contains(">samen</text>") && svg.contains(">\(expected.last?.decisions ?? 0)</text>"))
            #expect(learning.status.runs == 0)

            // Five more decisions: a retraining, and (the page having asked) a new curve after it.
            let undecided = try store.units().map(\.id).filter { !decided.contains($0) }.prefix(5)
            for id in undecided {
                _ = try await ReviewWebTests.post(client, ["action": gold[id]?.contains("caution") == true ? "add" : "reject",
                                                           "unit": id, "code": "caution"])
            }
            learning.waitUntilIdle()
            #expect(learning.status.runs == 1 && learning.status.problem == nil, "\(learning.status)")
            let (latest, computing, _) = learning.curve
            let lastDecision = try store.stamp().lastDecision
            #expect(!computing && latest?.decidedAnswers == decided.count + 5 && latest?.lastDecision == lastDecision)
        }
    }
}
