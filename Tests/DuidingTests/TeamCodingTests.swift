import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingProject
@testable import DuidingStore
@testable import DuidingWeb

/// Coding as a team: a lead's final decisions settle what coders disagree on; `reconcile`
/// lists the disagreements; blind review hides the other coders' work.
@Suite("Coding as a team")
struct TeamCodingTests {
    static func decision(_ seq: Int64, _ coder: String, _ action: DecisionAction, _ code: String, final: Bool = false) -> Decision {
        Decision(seq: seq, unitID: "U", codeID: code, action: action, coder: coder, at: "", memo: nil, undoes: nil, final: final)
    }

    @Test func aFinalDecisionHoldsAgainstLaterOrdinaryOnes() {
        let log = [Self.decision(1, "anna", .accept, "caution"), Self.decision(2, "lead", .reject, "caution", final: true),
                   Self.decision(3, "bob", .accept, "caution"), Self.decision(4, "bob", .add, "vigilance")]
        let project = UnitState(suggested: ["caution"], log: log)
        #expect(project.codes == ["vigilance"], "the lead's no holds; bob's later vigilance counts")
        #expect(UnitState(suggested: ["caution"], log: log, coder: "bob").codes == ["caution", "vigilance"], "a coder's own view is the coder's")
        let overruled = UnitState(suggested: ["caution"], log: log + [Self.decision(5, "lead", .accept, "caution", final: true)])
        #expect(overruled.codes == ["caution", "vigilance"], "a later final decision replaces the earlier one")
        let undone = log + [Decision(seq: 5, unitID: "U", codeID: "caution", action: .undo, coder: "lead", at: "", memo: nil, undoes: 2)]
        #expect(UnitState(suggested: ["caution"], log: undone).codes == ["caution", "vigilance"], "an undone final decision settles nothing")
    }

    /// A project of the review fixture where anna and bob disagree on R1 (caution) and R4
    /// (training_need), and agree on R3.
    func project(in dir: TemporaryDirectory) throws -> String {
        let path = try ReviewFixture.projectFile(in: dir)
        let store = try ProjectStore.open(at: path)
        try store.record([
            NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R1", codeID: "caution", action: .reject, coder: "bob"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R3", codeID: "caution", action: .accept, coder: "bob"),
            NewDecision(unitID: "R4", codeID: nil, action: .done, coder: "anna"),
            NewDecision(unitID: "R4", codeID: "training_need", action: .reject, coder: "bob"),
            NewDecision(unitID: "R5", codeID: "vigilance", action: .reject, coder: "anna"),
        ])
        return path
    }

    @Test func reconcileListsTheDisagreementsUntilALeadSettlesThem() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        var r = try DuidingBinary.run(["reconcile", project, "--format", "csv"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id,code,anna,bob\nR1,caution,+,-\nR4,training_need,+,-\n", "\(r.stdout)")
        // The project's codes follow the last decision until the lead settles R1.
        r = try DuidingBinary.run(["decide", project, "R1", "+caution", "--coder", "lead", "--final"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        r = try DuidingBinary.run(["decide", project, "R1", "-caution", "--coder", "bob"], in: dir.url)
        #expect(r.status == 0 && r.stdout.contains("R1: caution"), "a later ordinary decision does not undo the final one: \(r.stdout)")
        r = try DuidingBinary.run(["reconcile", project, "--format", "csv"], in: dir.url)
        #expect(r.stdout == "id,code,anna,bob,lead\nR4,training_need,+,-,\n", "\(r.stdout)")
        // The tables count the final decision.
        let export = try DuidingBinary.run(["export", project, "--what", "codes"], in: dir.url)
        #expect(parseCSV(export.stdout).contains { $0.count > 3 && $0[0] == "R1" && $0[1] == "caution" && $0[3] == "accepted" && $0[4] == "lead" },
                "\(export.stdout)")
        // --final needs a code.
        r = try DuidingBinary.run(["decide", project, "R4", "--coder", "lead", "--final"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("--final settles codes"), "\(r.stderr)")
    }

    @Test func agreementSaysWhenThereAreTooFewSharedUnits() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        let r = try DuidingBinary.run(["agreement", project], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("only 3 units were reviewed by two coders") && r.stderr.contains("below 30"), "\(r.stderr)")
    }

    @Test func blindReviewShowsNoOtherCodersWork() async throws {
        let dir = try TemporaryDirectory()
        let store = try ProjectStore.open(at: try project(in: dir))
        let app = buildApplication(store: store, access: .single(coder: "anna", token: ReviewFixture.token), port: 0, learnEvery: nil, blind: true,
                                   onStarted: { _ in })
        try await app.test(.router) { client in
            let headers: HTTPFields = [.duidingToken: ReviewFixture.token]
            let unit = try await client.execute(uri: "/api/unit?id=R1", method: .get, headers: headers)
            let json = try JSONDecoder().decode(UnitJSON.self, from: Data(unit.body.readableBytesView))
            #expect(json.others.isEmpty && json.state.codes == ["caution"])
            let meta = try JSONDecoder().decode(MetaJSON.self, from: Data(try await client.execute(uri: "/api/meta", method: .get, headers: headers).body.readableBytesView))
            #expect(meta.blind)
            let conflict = try await client.execute(uri: "/api/units?status=conflict", method: .get, headers: headers)
            #expect(conflict.status == .badRequest && String(buffer: conflict.body).contains("blind"))
        }
        // Not blind: bob's codes are there.
        let open = buildApplication(store: store, access: .single(coder: "anna", token: ReviewFixture.token), port: 0, learnEvery: nil, onStarted: { _ in })
        try await open.test(.router) { client in
            let unit = try await client.execute(uri: "/api/unit?id=R1", method: .get, headers: [.duidingToken: ReviewFixture.token])
            #expect(try JSONDecoder().decode(UnitJSON.self, from: Data(unit.body.readableBytesView)).others.map(\.coder) == ["bob"])
        }
    }
}
