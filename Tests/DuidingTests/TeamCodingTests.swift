import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingExchange
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

    /// R1: anna says caution, the lead settles it as not applying, bob says caution after that.
    /// R3: caution suggested, nobody decided. Under "the last decision wins" R1 would count.
    func settledProject(in dir: TemporaryDirectory) throws -> String {
        let path = try ReviewFixture.projectFile(in: dir)
        let store = try ProjectStore.open(at: path)
        try store.record([NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna")])
        try store.record([NewDecision(unitID: "R1", codeID: "caution", action: .reject, coder: "lea", final: true)])
        try store.record([NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "bob", memo: "toch wel")])
        return path
    }

    /// The rule the README states per export: tables, quotes, the report, the codes and the
    /// REFI-QDA project follow the project's codes (a lead's final decision where there is one,
    /// else the latest decision, else the suggestion); the audit lists every decision as made.
    @Test func eachExportFollowsTheRuleTheReadmeStates() throws {
        let dir = try TemporaryDirectory()
        let project = try settledProject(in: dir)
        let r1 = ReviewFixture.answers[0].text, r3 = ReviewFixture.answers[2].text
        // table: caution in one unit (R3), a man's answer (R1) not among them.
        let table = try DuidingBinary.run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir.url)
        #expect(table.status == 0, "\(table.stderr)")
        let rows = parseCSV(table.stdout)
        #expect(rows.contains(["", "Totaal", "caution", "5", "1", "20.0", "", "code", ""]), "\(table.stdout)")
        #expect(rows.contains(["geslacht", "man", "caution", "2", "0", "0.0", "", "code", ""]), "the final no holds for R1 (a man's): \(table.stdout)")
        // quotes: R3 quoted for caution, R1 not.
        let quotes = try DuidingBinary.run(["quotes", project], in: dir.url)
        #expect(quotes.status == 0 && quotes.stdout.contains(r3) && !quotes.stdout.contains(r1), "\(quotes.stdout)")
        // report: the same tables and quotes.
        let report = try DuidingBinary.run(["export", project, "--what", "report", "--by", "geslacht", "--format", "md"], in: dir.url)
        #expect(report.status == 0 && report.stdout.contains(r3) && !report.stdout.contains(r1), "\(report.stderr)")
        // codes: R1 caution rejected, by the lead.
        let codes = parseCSV(try DuidingBinary.run(["export", project, "--what", "codes"], in: dir.url).stdout)
        #expect(codes.contains { $0.starts(with: ["R1", "caution", "yes", "rejected", "lea"]) }, "\(codes)")
        // qdpx: no R1 caution coding.
        let qdpx = dir.path("p.qdpx")
        #expect(try DuidingBinary.run(["export", project, "--what", "qdpx", "--output", qdpx], in: dir.url).status == 0)
        let codings = try QDPXProject.read(path: qdpx).codings.map { "\($0.unitID) \($0.codeID)" }
        #expect(!codings.contains("R1 caution") && codings.contains("R3 caution"), "\(codings)")
        // audit: all three decisions on R1, as made, the overridden one included.
        let audit = try DuidingBinary.run(["export", project, "--what", "audit"], in: dir.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        let log = parseCSV(audit.stdout)
        #expect(log.first == ["seq", "at", "coder", "id", "code", "action", "final", "undoes", "batch",
                              "codebook_version", "suggested", "patterns", "evidence", "memo"])
        #expect(log.dropFirst().map { [$0[2], $0[3], $0[4], $0[5], $0[6], $0[9], $0[10], $0[13]] } == [
            ["anna", "R1", "caution", "accept", "", "1", "yes", ""],
            ["lea", "R1", "caution", "reject", "yes", "1", "yes", ""],
            ["bob", "R1", "caution", "accept", "", "1", "yes", "toch wel"],
        ], "\(audit.stdout)")
        #expect(log.dropFirst().allSatisfy { !$0[11].isEmpty && $0[12].lowercased().contains("voorzichtig") && $0[1].hasSuffix("Z") }, "\(audit.stdout)")
    }
}
