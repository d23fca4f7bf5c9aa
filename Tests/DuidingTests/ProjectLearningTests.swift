import DuidingCodebook
import DuidingProject
@testable import DuidingStore
import Foundation
import Testing

/// Learning on a project: trained on decisions only, deterministic, never changing a
/// decision, with evidence that points at the answer's words.
@Suite("Learning on a project", .serialized)
struct ProjectLearningTests {
    /// A project of the demo answers coded with the default codebook, with the gold coding of
    /// every second answer recorded as a coder's decisions.
    static func project(decideEvery step: Int = 2, limit: Int = .max) throws -> (store: ProjectStore, gold: [String: Set<String>], decided: Set<String>) {
        try project(in: ProjectStore.inMemory(), decideEvery: step, limit: limit)
    }

    /// The same project in `store` (a file, for a server process).
    static func project(in store: ProjectStore, decideEvery step: Int = 2,
                        limit: Int = .max) throws -> (store: ProjectStore, gold: [String: Set<String>], decided: Set<String>) {
        let csv = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv"), encoding: .utf8)
        let rows = parseCSV(csv)
        let header = try #require(rows.first)
        let id = try #require(header.firstIndex(of: "id")), text = try #require(header.firstIndex(of: "text"))
        let goldColumn = try #require(header.firstIndex(of: "handcodering"))
        let body = rows.dropFirst().filter { $0.count == header.count }
        try store.importUnits(body.enumerated().map { i, r in
            NewUnit(id: r[id], text: r[text], kind: .answer, values: [:], file: "antwoorden.csv", line: i + 2)
        }, file: "antwoorden.csv", variables: [])
        let compiled = try TestSupport.defaultCompiled.get()
        let coder = try Coder(compiled)
        var suggestions: [StoredSuggestion] = []
        for r in body {
            for s in try coder.code(r[text]) {
                for e in s.evidence { suggestions.append(StoredSuggestion(unitID: r[id], codeID: s.codeID, pattern: e.pattern, utf16Range: e.utf16Range)) }
            }
        }
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        try store.addCodebookVersion(name: compiled.codebook.name, source: "default", yaml: yaml,
                                     codes: compiled.codebook.codes.map { StoredCode(id: $0.id, label: $0.label) }, suggestions: suggestions, ifLatestIs: nil)
        var gold: [String: Set<String>] = [:]
        var decided: Set<String> = []
        var decisions: [NewDecision] = []
        for (i, r) in body.enumerated() {
            gold[r[id]] = Set(r[goldColumn].split(separator: ";").map(String.init))
            guard i % step == 0, decided.count < limit else { continue }
            decided.insert(r[id])
            for code in compiled.codebook.codes.map(\.id) {
                decisions.append(NewDecision(unitID: r[id], codeID: code, action: gold[r[id]]?.contains(code) == true ? .add : .reject, coder: "gold"))
            }
        }
        try store.record(decisions)
        return (store, gold, decided)
    }

    @Test func sameDecisionsGiveTheSameLearnedSuggestions() throws {
        let (store, _, _) = try Self.project()
        let learner = try #require(try ProjectLearner(store: store))
        let first = try learner.learn()
        let version = learner.version.id
        let stored = try store.learned(version: version)
        #expect(!stored.isEmpty, "a model trained on 250 decided answers should say something")
        #expect(first.codes.allSatisfy { $0.decisions > 0 }, "\(first.codes)")
        try #require(try ProjectLearner(store: store)).learn()
        #expect(try store.learned(version: version) == stored)
    }

    /// The learned suggestions of every unit are computed in pieces on several threads; the
    /// stored rows (sources, confidences, evidence) must not depend on how many.
    @Test func learnedSuggestionsDoNotDependOnThreads() throws {
        let (store, _, _) = try Self.project()
        let learner = try #require(try ProjectLearner(store: store))
        let version = learner.version.id
        let sequential = try learner.learn(workers: 1)
        let one = try store.learned(version: version)
        let parallel = try learner.learn(workers: 3)
        #expect(try store.learned(version: version) == one)
        #expect((parallel.added, parallel.withdrawn) == (sequential.added, sequential.withdrawn))
        // The 502 demo answers are two pieces of work and more: rows from each are stored.
        let units = try store.units().map(\.id)
        let learned = Set(one.keys)
        #expect(units.prefix(256).contains { learned.contains($0) } && units.dropFirst(256).contains { learned.contains($0) })
    }

    @Test func learningNeverChangesADecision() throws {
        let (store, _, decided) = try Self.project()
        let log = try store.decisions()
        let before = try store.states()
        try #require(try ProjectLearner(store: store)).learn()
        #expect(try store.decisions() == log)
        let after = try store.states()
        for id in decided {
            #expect(after[id]?.codes == before[id]?.codes, "\(id): a decided unit's codes changed")
            #expect(after[id]?.decided.mapValues(\.action) == before[id]?.decided.mapValues(\.action))
        }
    }

    @Test func learnedEvidencePointsAtWordsOfTheAnswer() throws {
        let (store, _, _) = try Self.project()
        let learner = try #require(try ProjectLearner(store: store))
        try learner.learn()
        let texts = Dictionary(try store.units().map { ($0.id, Array($0.text.utf16)) }, uniquingKeysWith: { a, _ in a })
        let learned = try store.learned(version: learner.version.id).values.joined().filter { $0.source == .learned }
        #expect(!learned.isEmpty)
        for s in learned {
            let text = try #require(texts[s.unitID])
            #expect(!s.evidence.isEmpty, "\(s.unitID) \(s.codeID) has no evidence")
            for range in s.evidence {
                #expect(range.lowerBound >= 0 && range.upperBound <= text.count)
                let word = String(decoding: text[range], as: UTF16.self)
                #expect(word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-'’".unicodeScalars.contains($0) } && !word.isEmpty,
                        "`\(word)` in \(s.unitID) is not a word")
                if range.lowerBound > 0 {
                    let before = String(decoding: text[(range.lowerBound - 1)..<range.lowerBound], as: UTF16.self)
                    #expect(!before.unicodeScalars.allSatisfy(CharacterSet.letters.contains), "`\(word)` starts inside a word in \(s.unitID)")
                }
            }
            #expect(s.confidence >= 0 && s.confidence <= 1)
        }
    }

    @Test func tooFewDecisionsGiveNoModelAndSaySo() throws {
        let (store, _, _) = try Self.project(decideEvery: 50, limit: 3)
        let outcome = try #require(try ProjectLearner(store: store)).learn()
        #expect(outcome.codes.allSatisfy { $0.status.hasPrefix("geen model") }, "\(outcome.codes)")
        #expect(outcome.added == 0 && outcome.withdrawn == 0)
        #expect(try store.learned(version: store.latestCodebook()?.id ?? 0).isEmpty)
    }

    @Test func learningFiltersListWhatTheModelFound() throws {
        let (store, _, decided) = try Self.project()
        try #require(try ProjectLearner(store: store)).learn()
        let version = try #require(try store.latestCodebook()).id
        let learned = try store.learned(version: version)
        let missed = try store.reviewList(coder: "anna", filter: ReviewFilter(status: .possiblyMissed)).ids
        #expect(Set(missed) == Set(learned.filter { $0.value.contains { $0.source == .learned } }.keys))
        let informative = try store.reviewList(coder: "gold", filter: ReviewFilter(status: .informative)).ids
        #expect(!informative.isEmpty && informative.allSatisfy { !decided.contains($0) }, "the coder's own reviewed units are not listed")
        // Disagreements first.
        let disagreeing = Set(learned.filter { $0.value.contains { $0.source != .both } }.keys)
        if let firstAgreeing = informative.firstIndex(where: { !disagreeing.contains($0) }) {
            #expect(informative[firstAgreeing...].allSatisfy { !disagreeing.contains($0) })
        }
    }

    @Test func crossValidationReportsAllThreeSources() throws {
        let (store, _, decided) = try Self.project()
        let learner = try #require(try ProjectLearner(store: store))
        let (report, curve) = try #require(try learner.evaluation())
        #expect(report.perCode.count == 5)
        #expect(report.perCode.allSatisfy { $0.decisions == decided.count }, "every decided unit has a label for every code")
        #expect(report.microPattern.decisions == 5 * decided.count)
        #expect(curve.map(\.decisions) == curve.map(\.decisions).sorted() && (curve.last?.decisions ?? 0) > 100)
    }
}

@testable import DuidingWeb
import Hummingbird
import HummingbirdTesting

/// The review server retrains while a coder works: every decision is stored and answered,
/// and the learned suggestions catch up with the log.
@Suite("Learning in the review server", .serialized)
struct ReviewLearningTests {
    @Test func retrainingInTheServerLosesNoDecision() async throws {
        let (store, gold, decided) = try ProjectLearningTests.project()
        let controller = ReviewController(store: store, access: .single(coder: "anna", token: "t"), learning: BackgroundLearning(store: store, every: 20))
        let router = buildRouter(controller: controller, host: "127.0.0.1")
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        let undecided = try store.units().map(\.id).filter { !decided.contains($0) }.prefix(40)
        let before = try store.decisions().count
        try await app.test(.router) { client in
            for id in undecided {
                let code = gold[id]?.first ?? "caution"
                let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["action": gold[id]?.isEmpty == false ? "add" : "reject",
                                                                                         "unit": id, "code": code]))
                let response = try await client.execute(uri: "/api/decision", method: .post,
                                                        headers: [.duidingToken: "t", .contentType: "application/json"], body: body)
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
        let learning = try #require(controller.learning)
        learning.waitUntilIdle()
        #expect(try store.decisions().count == before + undecided.count)
        let status = learning.status
        #expect(status.runs >= 1 && status.problem == nil, "\(status)")
        // The latest run saw the log up to a decision made during this session.
        let version = try #require(try store.latestCodebook()).id
        let run = try #require(try store.learningRun(version: version))
        #expect(run.lastDecision > Int64(before))
        for id in undecided {
            let state = try store.state(unit: id)
            let code = gold[id]?.first ?? "caution"
            #expect(state.decided[code] != nil, "\(id): the decision on \(code) is missing")
        }
    }
}

@testable import DuidingExport

@Suite("Learning curve chart")
struct LearningCurveChartTests {
    @Test func theChartDrawsOneLinePerSeriesThroughEveryPoint() {
        let curve = ReportDocument.Curve(x: [25, 50, 100], lines: [("patronen", [0.5, 0.5, 0.5]), ("samen", [0.4, 0.6, 1.0])])
        let svg = HTMLReport.svg(curve)
        let lines = svg.components(separatedBy: "<polyline points=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.split(separator: " ").count == 3 })
        // Equal values lie on one height; F1 1.0 is the top of the plot.
        let flat = Set(lines[0].split(separator: " ").map { $0.split(separator: ",")[1] })
        #expect(flat.count == 1)
        #expect(lines[1].split(separator: " ").last?.split(separator: ",").last == "10")
        #expect(svg.contains(">samen</text>") && svg.contains(">100</text>"))
    }
}
