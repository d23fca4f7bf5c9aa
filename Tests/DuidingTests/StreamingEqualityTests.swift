import DuidingStore
import Foundation
import Testing

/// Tables, the codes export and quotes, read the fast way, give exactly what they gave before
/// (issue 10): the outputs on the demo data (a project with decisions and quote choices) and on
/// 2,000 generated answers are compared with golden files written by the version before the
/// change (Fixtures/golden/streaming). After an intended change of the output, rerun with
/// DUIDING_UPDATE_GOLDEN=1 to rewrite them, and review their diff.
@Suite("Streaming paths give the results of before", .serialized)
struct StreamingEqualityTests {
    static let goldenFolder = TestSupport.packageRoot.appendingPathComponent("Tests/DuidingTests/Fixtures/golden/streaming")
    static let update = ProcessInfo.processInfo.environment["DUIDING_UPDATE_GOLDEN"] == "1"
    static let corpora = TestSupport.packageRoot.appendingPathComponent("Corpora").path

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> String {
        let r = try DuidingBinary.run(arguments, in: dir.url)
        try #require(r.status == 0, "duiding \(arguments.joined(separator: " ")): \(r.stderr)")
        return r.stdout
    }

    func compare(_ actual: String, golden name: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if Self.update {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; if intended, rerun with DUIDING_UPDATE_GOLDEN=1")
    }

    /// The demo answers and interviews as a project, recoded, with decisions (accepted,
    /// rejected, added, undone) and quote choices (pinned, banned).
    func demoProject(in dir: TemporaryDirectory) throws -> String {
        let interviews = try FileManager.default.contentsOfDirectory(atPath: Self.corpora + "/interviews")
            .filter { $0.hasSuffix(".txt") }.sorted().map { Self.corpora + "/interviews/" + $0 }
        _ = try run(["init", "demo.duiding"], in: dir)
        _ = try run(["import", "demo.duiding", Self.corpora + "/antwoorden.csv"] + interviews + ["--question-column", "vraag"], in: dir)
        _ = try run(["recode", "demo.duiding", "--codebook", TestSupport.defaultCodebookPath], in: dir)
        for (unit, changes) in [("R0001", ["+caution"]), ("R0002", ["-caution", "+vigilance"]), ("R0003", ["+training_need"]),
                                ("R0004", []), ("R0005", ["-psych_impact"]), ("R0006", ["+avoidance", "--memo", "let op"])] {
            _ = try run(["decide", "demo.duiding", unit] + changes + ["--coder", "anna"], in: dir)
        }
        _ = try run(["decide", "demo.duiding", "R0001", "-caution", "--coder", "bram"], in: dir)
        _ = try run(["quote-choice", "demo.duiding", "R0002", "vigilance", "pin", "--coder", "anna"], in: dir)
        _ = try run(["quote-choice", "demo.duiding", "R0001", "caution", "ban", "--coder", "anna"], in: dir)
        return "demo.duiding"
    }

    @Test func demoProjectTablesExportAndQuotes() throws {
        let dir = try TemporaryDirectory()
        let project = try demoProject(in: dir)
        for question in ["effecten", "ondersteuning"] {
            try compare(try run(["table", project, "--question", question, "--by", "bestuurslaag", "--by", "functie",
                                 "--weight", "weight", "--format", "csv"], in: dir), golden: "table-\(question).csv")
            try compare(try run(["quotes", project, "--question", question, "--attribute", "functie", "--attribute", "bestuurslaag",
                                 "--format", "csv"], in: dir), golden: "quotes-\(question).csv")
        }
        try compare(try run(["table", project, "--question", "effecten", "--by", "geslacht", "--where", "bestuurslaag=gemeente",
                             "--format", "md"], in: dir), golden: "table-effecten-gemeente.md")
        try compare(try run(["table", project, "--question", "effecten", "--cooccurrence", "--format", "csv"], in: dir),
                    golden: "cooccurrence-effecten.csv")
        try compare(try run(["quotes", project, "--question", "effecten", "--per-theme", "3", "--format", "md"], in: dir),
                    golden: "quotes-effecten.md")
        try compare(try run(["quotes", project, "--question", "effecten", "--per-group", "bestuurslaag", "--format", "csv"], in: dir),
                    golden: "quotes-effecten-per-group.csv")
        try compare(try run(["quotes", project, "--interviews", "--format", "csv"], in: dir), golden: "quotes-interviews.csv")
        // The golden export holds every unit; a project with two questions now exports one
        // question (or the interviews) at a time, each the golden rows of its units, in order.
        let golden = parseCSV(try String(contentsOf: Self.goldenFolder.appendingPathComponent("codes-demo.csv"), encoding: .utf8))
        var covered: Set<String> = []
        for part in [["--question", "effecten"], ["--question", "ondersteuning"], ["--interviews"]] {
            let rows = parseCSV(try run(["export", project, "--what", "codes"] + part, in: dir))
            #expect(rows.first == golden.first)
            let ids = Set(rows.dropFirst().map { $0[0] })
            #expect(Array(rows.dropFirst()) == golden.dropFirst().filter { ids.contains($0[0]) }, "\(part)")
            covered.formUnion(ids)
        }
        #expect(covered == Set(golden.dropFirst().map { $0[0] }))
    }

    /// Decisions of every kind the tables replay (accepted, rejected, added, a passage, final
    /// decisions that later ordinary ones do not change), a second recode over them, value
    /// labels and a group order: tables per question, weighted, with `--where`, and of the
    /// interviews (respondents with several turns counted once) as they were before the
    /// tables were counted from the project as it streams its units (goldens of the
    /// version before, made by the same commands).
    @Test func decisionsFinalDecisionsAndLabelsTables() throws {
        let dir = try TemporaryDirectory()
        let interviews = try FileManager.default.contentsOfDirectory(atPath: Self.corpora + "/interviews")
            .filter { $0.hasSuffix(".txt") }.sorted().map { Self.corpora + "/interviews/" + $0 }
        let codebook = ["--codebook", TestSupport.defaultCodebookPath]
        _ = try run(["init", "d.duiding"], in: dir)
        _ = try run(["import", "d.duiding", Self.corpora + "/antwoorden.csv"] + interviews + ["--question-column", "vraag"], in: dir)
        _ = try run(["recode", "d.duiding"] + codebook, in: dir)
        for decision in [["R0001", "+caution", "--coder", "anna"], ["R0001", "-caution", "--coder", "bram"],
                         ["R0001", "+caution", "--coder", "lead", "--final"], ["R0001", "-caution", "--coder", "anna"],
                         ["R0002", "-caution", "+vigilance", "--coder", "anna"], ["R0003", "+training_need", "--range", "0-10", "--coder", "anna"],
                         ["R0004", "-psych_impact", "-caution", "--coder", "anna", "--final"], ["interview-01.txt#2", "+avoidance", "--coder", "anna"]] {
            _ = try run(["decide", "d.duiding"] + decision, in: dir)
        }
        _ = try run(["recode", "d.duiding"] + codebook, in: dir)
        _ = try run(["variable", "d.duiding", "geslacht", "--value", "man=M", "--value", "vrouw=V", "--label", "Geslacht"], in: dir)
        _ = try run(["variable", "d.duiding", "functie", "--order", "raadslid,wethouder"], in: dir)
        try compare(try run(["table", "d.duiding", "--question", "effecten", "--by", "bestuurslaag", "--by", "functie", "--weight", "weight",
                             "--format", "csv"], in: dir), golden: "table-decisions-effecten.csv")
        try compare(try run(["table", "d.duiding", "--question", "ondersteuning", "--by", "geslacht", "--where", "functie!=wethouder",
                             "--weight", "weight", "--format", "csv"], in: dir), golden: "table-decisions-ondersteuning.csv")
        try compare(try run(["table", "d.duiding", "--interviews", "--by", "functie", "--format", "csv"], in: dir),
                    golden: "table-decisions-interviews.csv")
        try compare(try run(["table", "d.duiding", "--question", "effecten", "--by", "ernst", "--where", "bestuurslaag=gemeente,provincie",
                             "--format", "md"], in: dir), golden: "table-decisions-effecten-where.md")
    }

    @Test func generatedAnswersTablesExportAndQuotes() throws {
        let dir = try TemporaryDirectory()
        let answers = try TestSupport.fixture("generated-2000.csv").path
        let codebook = ["--codebook", TestSupport.defaultCodebookPath]
        try compare(try run(["table", answers, "--by", "group", "--format", "csv"] + codebook, in: dir), golden: "table-generated.csv")
        try compare(try run(["quotes", answers, "--per-theme", "5", "--format", "csv"] + codebook, in: dir), golden: "quotes-generated.csv")
        try compare(try run(["quotes", answers, "--per-theme", "5", "--attribute", "group", "--format", "csv"] + codebook, in: dir),
                    golden: "quotes-generated-by-group.csv")
        _ = try run(["init", "gen.duiding"], in: dir)
        _ = try run(["import", "gen.duiding", answers], in: dir)
        _ = try run(["recode", "gen.duiding"] + codebook, in: dir)
        let codes = try run(["export", "gen.duiding", "--what", "codes"], in: dir)
        try compare(codes, golden: "codes-generated.csv")
        // Written to a file, the streamed export replaces what was there, and leaves nothing else behind.
        for _ in 0..<2 { _ = try run(["export", "gen.duiding", "--what", "codes", "--output", "codes.csv"], in: dir) }
        #expect(try String(contentsOfFile: dir.path("codes.csv"), encoding: .utf8) == codes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasSuffix(".partial") }.isEmpty)
        try compare(try run(["table", "gen.duiding", "--by", "group", "--format", "csv"], in: dir), golden: "table-generated-project.csv")
    }

    /// A long answer (about 300 KB, emoji and decomposed diacritics before the evidence)
    /// through the project: the stored evidence, the codes export and a quote point at the
    /// words that matched.
    @Test func aLongAnswersEvidenceOffsetsAreRightInTheProject() throws {
        let dir = try TemporaryDirectory()
        var text = ""
        var expected: [Int] = []
        for i in 0..<6_000 {
            if i % 11 == 5 { expected.append(text.utf16.count + 3); text += "Nu voorzichtiger met alles. " } else { text += "De markt 😀 was vol, cafe\u{301}. " }
        }
        text = text.trimmingCharacters(in: .whitespaces)
        let csv = "id,text\nR1,Ik ben voorzichtiger geworden.\nLANG,\"\(text)\"\nR3,Ik ben bang.\n"
        try dir.write("answers.csv", csv)
        _ = try run(["init", "p.duiding"], in: dir)
        _ = try run(["import", "p.duiding", "answers.csv"], in: dir)
        _ = try run(["recode", "p.duiding", "--codebook", TestSupport.defaultCodebookPath], in: dir)
        _ = try run(["quote-choice", "p.duiding", "LANG", "caution", "pin", "--coder", "anna"], in: dir)

        let store = try ProjectStore.open(at: dir.path("p.duiding"), access: .read)
        let stored = try #require(try store.units().first { $0.id == "LANG" })
        #expect(stored.text == text)
        let evidence = try store.suggestions(unit: "LANG").filter { $0.codeID == "caution" }
        #expect(evidence.map(\.utf16Range.lowerBound) == expected)
        let units = Array(text.utf16)
        #expect(evidence.allSatisfy { String(decoding: units[$0.utf16Range], as: UTF16.self) == "voorzichtiger" })

        let rows = parseCSV(try run(["export", "p.duiding", "--what", "codes"], in: dir))
        let row = try #require(rows.first { $0.first == "LANG" && $0.dropFirst().first == "caution" })
        #expect(row[5] == "voorzichtiger")

        let quotes = parseCSV(try run(["quotes", "p.duiding", "--format", "csv"], in: dir))
        let quote = try #require(quotes.first { $0.first == "caution" && $0.dropFirst().first == "LANG" })
        #expect(quote[2].hasPrefix("[...] ") && quote[2].hasSuffix(" [...]") && quote[2].contains("voorzichtiger"))
        let inner = quote[2].dropFirst(6).dropLast(6)
        #expect(text.contains(inner), "the quote is a verbatim part of the answer")
    }
}
