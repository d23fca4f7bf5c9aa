import Foundation
import Testing
@testable import DuidingInput
@testable import DuidingStore

/// The project commands end to end through the built binary: init, import (CSV, SPSS,
/// interview notes), recode, decide, export and import-decisions.
@Suite("Project commands", .serialized)
struct ProjectCLITests {
    static let answers = """
        id,geslacht,text
        R1,man,Ik ben voorzichtiger geworden met uitspraken.
        R2,vrouw,Het weer was mooi.
        R3,vrouw,Ik mijd bepaalde straten.

        """

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    /// A project in `dir` with `answers` imported and coded with the default codebook.
    func coded(in dir: TemporaryDirectory) throws -> String {
        try dir.write("answers.csv", Self.answers)
        return try TestSupport.codedProject(importing: ["answers.csv"], in: dir)
    }

    @Test func spssValueLabelsBecomeGroupNames() throws {
        let corpus = try Corpus.load([TestSupport.fixture("answers.sav").path], columns: Corpus.Columns(id: "id", text: "tekst"))
        #expect(corpus.units.map(\.id) == ["S1", "S2", "S3"])
        #expect(corpus.units.map { $0.values["geslacht"] } == ["man", "vrouw", "man"])
        #expect(corpus.units[1].values["gewicht"] == "1.25")
        #expect(corpus.variableLabels["geslacht"] == "Geslacht van de respondent")
        #expect(corpus.units[0].text == "Ik ben voorzichtiger geworden met wat ik zeg.")
    }

    @Test func fullRoundTrip() throws {
        let dir = try TemporaryDirectory()
        try dir.write("answers.csv", Self.answers)
        try dir.write("interview.txt", "organisatie: Grote gemeente\ninterviewer: I\n\nI: Hoe gaat het?\nGriffier: Raadsleden zijn alerter geworden.\n")
        let project = dir.path("p.duiding")
        #expect(try run(["init", project], in: dir).status == 0)
        let sav = try TestSupport.fixture("answers.sav").path
        var r = try run(["import", project, "answers.csv", "interview.txt"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // The SPSS file's `tekst` answers the same question as the CSV's `text`.
        r = try run(["import", project, sav, "--text-column", "tekst", "--question", "text"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(["recode", project, "--codebook", TestSupport.defaultCodebookPath], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let store = try ProjectStore.open(at: project)
        #expect(try store.unitCount() == 7)
        #expect(try store.state(unit: "R1").suggested == ["caution"])
        #expect(try store.state(unit: "S3").suggested == ["avoidance", "psych_impact"])
        #expect(try store.units().first { $0.id == "interview.txt#2" }?.values["organisatie"] == "Grote gemeente")

        // decide: -code rejects a suggestion, +code adds one; the unit is reviewed by that coder.
        r = try run(["decide", project, "R1", "-caution", "+vigilance", "--coder", "anna"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try store.state(unit: "R1").codes == ["vigilance"])
        r = try run(["decide", project, "R2", "--coder", "anna"], in: dir)
        #expect(try store.state(unit: "R2").reviewedBy == ["anna"])
        r = try run(["decide", project, "R2", "+nonsense", "--coder", "anna"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("nonsense"))

        // export: one row per suggested or decided code.
        r = try run(["export", project, "--what", "codes", "--output", "codes.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let exported = parseCSV(try String(contentsOfFile: dir.path("codes.csv"), encoding: .utf8))
        #expect(exported.first == ["id", "code", "suggested", "decision", "coder", "evidence", "source", "confidence", "start", "end"])
        #expect(exported.contains(["R1", "caution", "yes", "rejected", "anna", "voorzichtiger", "pattern", "", "", ""]))
        #expect(exported.contains(["R1", "vigilance", "no", "added", "anna", "", "", "", "", ""]))
        #expect(exported.contains(["R3", "avoidance", "yes", "", "", "mijd", "pattern", "", "", ""]))

        // import-decisions: a spreadsheet edited by another coder comes back; a bad row stops it all.
        try dir.write("bad.csv", "id,code,decision\nR3,avoidance,rejected\nR9,caution,accepted\nR2,caution,maybe\n")
        r = try run(["import-decisions", project, "bad.csv", "--coder", "bob"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.csv:3:"))
        #expect(r.stderr.contains("bad.csv:4:"))
        #expect(try store.decisions().allSatisfy { $0.coder == "anna" })
        try dir.write("good.csv", "id,code,decision\nR3,avoidance,rejected\nR2,caution,accepted\nR1,caution,\n")
        r = try run(["import-decisions", project, "good.csv", "--coder", "bob"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try store.state(unit: "R3").codes == [])
        #expect(try store.state(unit: "R3").decided["avoidance"]?.coder == "bob")
        #expect(try store.state(unit: "R2").decided["caution"]?.action == .add)

        // table reads the project: decisions over suggestions.
        r = try run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = parseCSV(r.stdout)
        let caution = rows.first { $0.count > 4 && $0[1] == "Totaal" && $0[2] == "caution" }
        #expect(caution?[4] == "2")  // R2 (bob) and S1; R1 was rejected by anna
    }

    @Test func recodeReportsContradictionsAndKeepsDecisions() throws {
        let dir = try TemporaryDirectory()
        let project = try coded(in: dir)
        _ = try run(["decide", project, "R1", "-caution", "--coder", "anna"], in: dir)
        let r = try run(["recode", project, "--codebook", TestSupport.defaultCodebookPath], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("R1 caution: suggested, but rejected by anna"))
        #expect(try ProjectStore.open(at: project).state(unit: "R1").codes == [])
    }

    @Test func brokenImportLeavesTheProjectAsItWas() throws {
        let dir = try TemporaryDirectory()
        try dir.write("answers.csv", Self.answers)
        // Many good rows, then a broken one at the end: nothing may be imported.
        var broken = "id,text\n"
        for i in 0..<2000 { broken += "B\(i),antwoord \(i)\n" }
        broken += "B-last,\"nooit gesloten\n"
        try dir.write("broken.csv", broken)
        let project = dir.path("p.duiding")
        _ = try run(["init", project], in: dir)
        _ = try run(["import", project, "answers.csv"], in: dir)
        var r = try run(["import", project, "broken.csv"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("broken.csv:2002:"))
        #expect(try ProjectStore.open(at: project).unitCount() == 3)
        // With --skip-bad-rows the good rows land and the bad one is listed.
        r = try run(["import", project, "broken.csv", "--skip-bad-rows"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("broken.csv:2002:"))
        #expect(try ProjectStore.open(at: project).unitCount() == 2003)
        // Importing the same ids again is refused as a whole.
        r = try run(["import", project, "answers.csv"], in: dir)
        #expect(r.status != 0)
        #expect(try ProjectStore.open(at: project).unitCount() == 2003)
    }

    @Test func agreementAndCalibrationKeepTheirCSVContracts() throws {
        let dir = try TemporaryDirectory()
        let project = try coded(in: dir)
        // anna and bob agree on R1 and R3 for caution, disagree on R2.
        _ = try run(["decide", project, "R1", "--coder", "anna"], in: dir)
        _ = try run(["decide", project, "R2", "+caution", "--coder", "anna"], in: dir)
        _ = try run(["decide", project, "R3", "--coder", "anna"], in: dir)
        _ = try run(["decide", project, "R1", "--coder", "bob"], in: dir)
        _ = try run(["decide", project, "R2", "--coder", "bob"], in: dir)
        _ = try run(["decide", project, "R3", "--coder", "bob"], in: dir)
        var r = try run(["agreement", project, "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        var rows = parseCSV(r.stdout)
        #expect(rows.first == ["code", "coders", "n", "kappa", "alpha"])
        let caution = try #require(rows.first { $0.first == "caution" })
        // anna: R1 yes, R2 yes, R3 no; bob: R1 yes, R2 no, R3 no → kappa = (2/3 - 4/9) / (1 - 4/9) = 0.4
        #expect(caution[1] == "2" && caution[2] == "3")
        #expect(caution[3] == "0.4000")
        let avoidance = try #require(rows.first { $0.first == "avoidance" })
        #expect(avoidance[3] == "1.0000")
        r = try run(["calibration", project, "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        rows = parseCSV(r.stdout)
        #expect(rows.first == ["code", "precision", "recall", "f1", "tp", "fp", "fn"])
        // Current state: R1 caution (suggested), R2 caution (added: a miss), R3 avoidance (suggested).
        #expect(rows.first { $0.first == "caution" } == ["caution", "1.0000", "0.5000", "0.6667", "1", "0", "1"])
    }

    @Test func pinnedAndBannedQuotesAreKeptInTheProject() throws {
        let dir = try TemporaryDirectory()
        let project = try coded(in: dir)
        func quotes() throws -> [[String]] {
            let r = try run(["quotes", project, "--format", "csv"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            return parseCSV(r.stdout)
        }
        #expect(try quotes().contains { $0.first == "caution" && $0[1] == "R1" })
        var r = try run(["quote-choice", project, "R1", "caution", "ban", "--coder", "anna"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try !quotes().contains { $0.first == "caution" && $0[1] == "R1" })
        r = try run(["quote-choice", project, "R1", "caution", "clear", "--coder", "anna"], in: dir)
        #expect(try quotes().contains { $0.first == "caution" && $0[1] == "R1" })
        r = try run(["quote-choice", project, "R3", "avoidance", "pin", "--coder", "anna"], in: dir)
        let pinned = try #require(try quotes().first { $0.first == "avoidance" && $0[1] == "R3" })
        #expect(pinned[3].hasPrefix("vastgezet door de onderzoeker"))
        r = try run(["quote-choice", project, "R9", "avoidance", "pin", "--coder", "anna"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("R9"))
    }

    @Test func quotesPerGroupComeFromThatGroup() throws {
        let dir = try TemporaryDirectory()
        try dir.write("answers.csv", """
            id,geslacht,text
            M1,man,Ik ben voorzichtiger geworden met wat ik zeg.
            M2,man,"Ik ben voorzichtiger geworden.
            Ook op straat."
            V1,vrouw,Sindsdien ben ik veel voorzichtiger met uitspraken in de raad.
            V2,vrouw,Het weer was mooi.

            """)
        let r = try run(["quotes", "answers.csv", "--per-group", "geslacht", "--format", "csv",
                         "--codebook", TestSupport.defaultCodebookPath], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = parseCSV(r.stdout)
        #expect(rows.first == ["group", "code", "id", "quote", "why", "personal_data", "attribution", "group_size", "coarser_attribution"])
        let body = rows.dropFirst().filter { $0.count == 9 }
        #expect(body.count == rows.count - 1)  // the multi-line quote stays one row
        #expect(Set(body.filter { $0[0] == "man" }.map { $0[2] }) == ["M1", "M2"])
        #expect(Set(body.filter { $0[0] == "vrouw" }.map { $0[2] }) == ["V1"])
        #expect(body.contains { $0[3] == "Ik ben voorzichtiger geworden.\nOok op straat." })
    }

    @Test func codeReadsSPSSFiles() throws {
        let dir = try TemporaryDirectory()
        let r = try run(["code", TestSupport.fixture("answers.sav").path, "--text-column", "tekst",
                         "--codebook", TestSupport.defaultCodebookPath], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = parseCSV(r.stdout)
        #expect(rows.first == ["id", "code", "evidence", "pattern", "start", "end"])
        #expect(rows.contains { $0.count >= 3 && $0[0] == "S1" && $0[1] == "caution" && $0[2] == "voorzichtiger" })
        #expect(!rows.contains { $0.first == "S2" })
    }
}
