import DuidingCodebook
@testable import DuidingWeb
import HummingbirdTesting
import DuidingStore
import Foundation
import GRDB
import Testing

/// Passages: decisions with a range in Unicode characters (code points), on the command line,
/// in the state, tables, quotes and the codes export.
@Suite("Passages", .serialized)
struct PassageTests {
    static let answers = """
        id,geslacht,text
        R1,man,"Ik ben 😀 voorzichtiger geworden, en ik mijd de markt."
        R2,vrouw,Het weer was mooi.
        R3,man,Ik mijd bepaalde straten.

        """

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    func coded(in dir: TemporaryDirectory) throws -> String {
        try dir.write("answers.csv", Self.answers)
        return try TestSupport.codedProject(importing: ["answers.csv"], in: dir)
    }

    @Test func passagesAccumulateAndAWholeUnitDecisionEndsThem() throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        try store.record([NewDecision(unitID: "R4", codeID: "vigilance", action: .add, coder: "anna", passage: 0..<2),
                          NewDecision(unitID: "R4", codeID: "vigilance", action: .add, coder: "anna", passage: 7..<15),
                          NewDecision(unitID: "R4", codeID: "vigilance", action: .add, coder: "anna", passage: 0..<2)])
        var state = try store.state(unit: "R4")
        #expect(state.codes.contains("vigilance"))
        #expect(state.passages == ["vigilance": [0..<2, 7..<15]])
        #expect(try store.decisions(unit: "R4").map(\.passage) == [0..<2, 7..<15, 0..<2])
        try store.undoLast(unit: "R4", coder: "anna")
        try store.undoLast(unit: "R4", coder: "anna")
        #expect(try store.state(unit: "R4").passages == ["vigilance": [0..<2]])
        try store.record([NewDecision(unitID: "R4", codeID: "vigilance", action: .add, coder: "anna")])
        state = try store.state(unit: "R4")
        #expect(state.codes.contains("vigilance") && state.passages.isEmpty)
        try store.record([NewDecision(unitID: "R4", codeID: "vigilance", action: .add, coder: "bob", passage: 3..<6),
                          NewDecision(unitID: "R4", codeID: "vigilance", action: .reject, coder: "bob")])
        state = try store.state(unit: "R4")
        #expect(!state.codes.contains("vigilance") && state.passages.isEmpty)
    }

    @Test func aPassageOutsideTheTextIsRefusedAndNothingIsStored() throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let before = try store.decisions().count
        // R3 is "👍🏽 Sinds vorig jaar …": 50 Unicode characters (the emoji counts two), 52 UTF-16 units.
        let length = ReviewFixture.answers[2].text.unicodeScalars.count
        #expect(length == 50)
        #expect(throws: ProjectError.self) {
            try store.record([NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna"),
                              NewDecision(unitID: "R3", codeID: "caution", action: .add, coder: "anna", passage: 40..<51)])
        }
        #expect {
            try store.record([NewDecision(unitID: "R3", codeID: "caution", action: .add, coder: "anna", passage: 40..<51)])
        } throws: { "\($0)" == "passage 40-51 is outside the text of `R3` (50 characters, 0-50); nothing was recorded" }
        #expect(throws: ProjectError.self) {
            try store.record([NewDecision(unitID: "R3", codeID: "caution", action: .add, coder: "anna", passage: 5..<5)])
        }
        #expect(throws: ProjectError.self) {
            try store.record([NewDecision(unitID: "R3", codeID: "caution", action: .reject, coder: "anna", passage: 1..<5)])
        }
        #expect(try store.decisions().count == before)
        try store.record([NewDecision(unitID: "R3", codeID: "caution", action: .add, coder: "anna", passage: 40..<50)])
        #expect(try store.state(unit: "R3").passages["caution"] == [40..<50])
        #expect(try Passage.parse("10-42") == 10..<42)
        #expect { try Passage.parse("42-10") } throws: { "\($0)".contains("42-10 is reversed") }
        #expect { try Passage.parse("7-7") } throws: { "\($0)".contains("7-7 is empty") }
        #expect { try Passage.parse("tien-42") } throws: { "\($0)".contains("not a passage") }
    }

    @Test func theMigrationIsNamedAndTurnsKeepTheInterviewersQuestion() throws {
        let dir = try TemporaryDirectory()
        try dir.write("interview.txt", PassageBrowserTests.interview)
        for arguments in [["init", "p.duiding"], ["import", "p.duiding", "interview.txt"]] {
            #expect(try run(arguments, in: dir).status == 0)
        }
        let store = try ProjectStore.open(at: dir.path("p.duiding"))
        let migrations = try DatabaseQueue(path: dir.path("p.duiding")).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.contains("v9 passages"))
        #expect(migrations.firstIndex(of: "v9 passages") == (migrations.firstIndex(of: "v8 variable settings") ?? -2) + 1)
        let row = try #require(try store.reviewRows(ids: ["interview.txt#2"], coder: "anna").first)
        #expect(row.unit.prompt == "Hoe gaat het sinds de verkiezingen?")
        #expect(row.unit.text == PassageBrowserTests.turn)
    }

    @Test func decideRangeThenTablesCountTheUnitOnceAndQuotesAndExportUseThePassage() throws {
        let dir = try TemporaryDirectory()
        let project = try coded(in: dir)
        let text = "Ik ben 😀 voorzichtiger geworden, en ik mijd de markt."
        let markt = text.distance(from: text.startIndex, to: try #require(text.range(of: "ik mijd de markt")).lowerBound)
        #expect(markt == 36)  // 😀 is one character
        // Two passages of vigilance in R1 (not suggested there) and one of avoidance.
        var r = try run(["decide", project, "R1", "+vigilance", "--range", "9-31", "--coder", "anna"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(["decide", project, "R1", "+vigilance", "+avoidance", "--range", "36-52", "--coder", "anna"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("avoidance (36-52)") && r.stdout.contains("vigilance (9-31, 36-52)"))

        // Bad passages: a clear message, nothing recorded.
        let before = try ProjectStore.open(at: project).decisions().count
        for (range, message) in [("42-10", "passage 42-10 is reversed"), ("50-99", "passage 50-99 is outside the text of `R1` (53 characters, 0-53)"),
                                 ("3-3", "passage 3-3 is empty"), ("x", "`x` is not a passage")] {
            r = try run(["decide", project, "R1", "+vigilance", "--range", range, "--coder", "anna"], in: dir)
            #expect(r.status != 0 && r.stderr.contains(message), "\(range): \(r.stderr)")
        }
        r = try run(["decide", project, "R1", "-vigilance", "--range", "1-4", "--coder", "anna"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("--range codes a passage: give +code"))
        #expect(try ProjectStore.open(at: project).decisions().count == before)

        // table: R1 counts once for vigilance, however many passages.
        r = try run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = parseCSV(r.stdout)
        let vigilance = try #require(rows.first { $0.count > 4 && $0[1] == "Totaal" && $0[2] == "vigilance" })
        #expect(vigilance[4] == "1", "\(vigilance)")
        let avoidance = try #require(rows.first { $0.count > 4 && $0[1] == "Totaal" && $0[2] == "avoidance" })
        #expect(avoidance[4] == "2", "\(avoidance)")  // R1 (a passage) and R3 (suggested)

        // export --what codes: a row per passage with start,end; whole-unit codes leave them empty.
        r = try run(["export", project, "--what", "codes"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let codes = parseCSV(r.stdout)
        #expect(codes.first?.suffix(2) == ["start", "end"])
        let r1Vigilance = codes.filter { $0.first == "R1" && $0[1] == "vigilance" }.map { $0.suffix(2).joined(separator: "-") }
        #expect(r1Vigilance == ["9-31", "36-52"])
        #expect(codes.filter { $0.first == "R1" && $0[1] == "vigilance" }.map { $0[5] } == ["voorzichtiger geworden", "ik mijd de markt"])
        #expect(codes.first { $0.first == "R3" && $0[1] == "avoidance" }?.suffix(2) == ["", ""])

        // import-decisions reads start,end back: the spreadsheet round trip keeps passages.
        try dir.write("codes.csv", r.stdout)
        r = try run(["import-decisions", project, "codes.csv", "--coder", "bob"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let bob = try ProjectStore.open(at: project).decisions().filter { $0.coder == "bob" && $0.unitID == "R1" && $0.codeID == "vigilance" }
        #expect(bob.map(\.passage) == [9..<31, 36..<52])
        try dir.write("bad.csv", "id,code,decision,start,end\nR1,vigilance,added,50,99\nR1,avoidance,rejected,1,4\nR3,vigilance,added,,\n")
        let count = try ProjectStore.open(at: project).decisions().count
        r = try run(["import-decisions", project, "bad.csv", "--coder", "carla"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("bad.csv:3:") && r.stderr.contains("not rejected"), "\(r.stderr)")
        #expect(try ProjectStore.open(at: project).decisions().count == count)

        // quotes: the passage is the quote, verbatim (R1 may be quoted under every theme it has).
        r = try run(["quotes", project, "--format", "csv", "--repeat-quotes"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let quotes = parseCSV(r.stdout)
        let quote = try #require(quotes.first { $0.first == "vigilance" && $0[1] == "R1" }, "\(quotes)")
        #expect(quote[2] == "voorzichtiger geworden", "\(quote)")
    }
}

/// The page's passage decisions through the server, in process: a passage is stored with its
/// range; a bad one gets a 400 that says why, and nothing is recorded.
@Suite("Passages (router)")
struct PassageWebTests {
    @Test func aPassageDecisionAndBadOnes() async throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let app = buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
        try await app.test(.router) { client in
            // R3 "👍🏽 Sinds vorig jaar …": "vorig jaar" is 9-19 in code points.
            let result = try await ReviewWebTests.post(client, ["action": "add", "unit": "R3", "code": "vigilance", "start": 9, "end": 19])
            #expect(result.state.passages == ["vigilance": [[9, 19]]] && result.state.codes.contains("vigilance"))
            let before = try store.decisions().count
            for (body, message) in [(["start": 19, "end": 9], "passage 19-9 is reversed"),
                                    (["start": 40, "end": 60], "passage 40-60 is outside the text of `R3` (50 characters, 0-50)"),
                                    (["start": 3], "a passage needs both start and end")] {
                let json = (["action": "add", "unit": "R3", "code": "vigilance"] as [String: Any]).merging(body) { a, _ in a }
                let response = try await client.execute(uri: "/api/decision", method: .post, headers: ReviewWebTests.jsonHeaders,
                                                        body: ReviewWebTests.body(json))
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
            }
            #expect(try store.decisions().count == before)
            #expect(Passage.text(9..<19, of: ReviewFixture.answers[2].text) == "vorig jaar")
        }
    }
}
