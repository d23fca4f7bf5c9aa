import Foundation
import DuidingStore
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport

/// Nets: parent themes in the codebook, counted once per respondent when any of their codes
/// applies. Counts are checked against hand computations from the tests' own rows.
@Suite("Nets")
struct NetTests {
    static let yaml = """
        name: Netten
        language: nl
        codes:
          - id: angst
            label: Angst
            include: [bang]
          - id: slaap
            label: Slecht slapen
            include: [slaap*]
          - id: mijden
            label: Vermijden
            include: [mijd*]
        nets:
          - id: psychisch
            label: Psychische gevolgen
            codes: [angst, slaap]
          - id: alles
            label: Enig gevolg
            codes: [psychisch, mijden]

        """

    static let codebook: Codebook = {
        do { return try CodebookLoader.parse(yaml, file: "netten.yml") } catch { preconditionFailure("\(error)") }
    }()

    /// By hand (angst = 0, slaap = 1, mijden = 2; net psychisch = {angst, slaap}):
    ///
    /// | respondent | geslacht | weight | codes        | psychisch |
    /// |------------|----------|--------|--------------|-----------|
    /// | r1         | man      | 2      | angst, slaap | yes, once |
    /// | r2         | man      | 1      | angst        | yes       |
    /// | r3         | vrouw    | 1      | mijden       | no        |
    /// | r4         | vrouw    | 3      | slaap        | yes       |
    /// | r5         | vrouw    | 0.5    | –            | no        |
    ///
    /// psychisch: Totaal 3 respondents (angst 2 + slaap 2 would be 4), weight 2+1+3 = 6 of 7.5
    /// = 80%; man 2, weight 3 of 3 = 100%; vrouw 1, weight 3 of 4.5 = 66.7%.
    /// alles (psychisch or mijden): 4 respondents, weight 7 of 7.5.
    static let units = [
        CodedUnit(id: "r1", values: ["geslacht": "man"], weight: 2, codes: [0, 1]),
        CodedUnit(id: "r2", values: ["geslacht": "man"], weight: 1, codes: [0]),
        CodedUnit(id: "r3", values: ["geslacht": "vrouw"], weight: 1, codes: [2]),
        CodedUnit(id: "r4", values: ["geslacht": "vrouw"], weight: 3, codes: [1]),
        CodedUnit(id: "r5", values: ["geslacht": "vrouw"], weight: 0.5, codes: []),
    ]

    let table = ThemeTable(units: NetTests.units, codeCount: 3, variables: ["geslacht"], tree: NetTests.codebook.tree)

    func row(net id: String) throws -> ThemeTable.Row {
        let n = try #require(Self.codebook.nets.firstIndex { $0.id == id })
        return try #require(table.rows.first { $0.net == n })
    }

    @Test func theCodebookReadsNetsAndTheirTree() {
        #expect(Self.codebook.nets.map(\.id) == ["psychisch", "alles"])
        #expect(Self.codebook.nets.map(\.label) == ["Psychische gevolgen", "Enig gevolg"])
        let tree = Self.codebook.tree
        #expect(tree.codeParent == [0, 0, 1])
        #expect(tree.netParent == [1, nil])
        #expect(tree.netCodes == [[0, 1], [0, 1, 2]])
    }

    @Test func aNetCountsARespondentOnceUnweightedAndWeighted() throws {
        #expect(table.columns.map(\.group) == ["Totaal", "man", "vrouw"])
        let psychisch = try row(net: "psychisch")
        #expect(psychisch.counts == [3, 2, 1])
        #expect(psychisch.weightedCounts == [6, 3, 3])
        #expect(abs(psychisch.percents[0] - 80) < 1e-9)
        #expect(abs(psychisch.percents[1] - 100) < 1e-9)
        #expect(abs(psychisch.percents[2] - 100 * 3 / 4.5) < 1e-9)
        // Not the sum of its codes: r1 has both.
        let angst = try #require(table.rows.first { $0.code == 0 }), slaap = try #require(table.rows.first { $0.code == 1 })
        #expect(angst.counts[0] + slaap.counts[0] == 4)
        let alles = try row(net: "alles")
        #expect(alles.counts == [4, 2, 2])
        #expect(alles.weightedCounts == [7, 3, 4])
    }

    @Test func aNetIsTestedLikeAnyRow() throws {
        let significance = table.significance()
        let r = try #require(table.rows.firstIndex { $0.net == 0 })
        // man: p = 3/3 on Kish n 3²/5; the rest (vrouw): p = 3/4.5 on 4.5²/10.25.
        let expected = try #require(Significance.twoProportionZTest(p1: 1, n1: 9.0 / 5, p2: 3 / 4.5, n2: 4.5 * 4.5 / 10.25))
        let cell = try #require(significance.cells[r][1])
        #expect(abs(cell.z - expected.z) < 1e-12 && abs(cell.p - expected.p) < 1e-12)
        #expect(significance.cells[r][0] == nil, "the Totaal column is not tested")
    }

    @Test func netsComeWithTheirCodesIndentedUnderThem() {
        // Top level by weighted total: alles (93%); in it psychisch (80%), then mijden (13%);
        // in psychisch slaap (5/7.5) before angst (3/7.5).
        let shape = table.rows.map { row -> String in
            let id = row.code.map { Self.codebook.codes[$0].id } ?? row.net.map { Self.codebook.nets[$0].id } ?? "geen"
            return String(repeating: ">", count: row.depth) + id
        }
        #expect(shape == ["alles", ">psychisch", ">>slaap", ">>angst", ">mijden", "geen"])
    }

    @Test func markdownTextAndCSVShowTheNets() throws {
        let writer = ThemeTableWriter(table: table, codebook: Self.codebook, smallBase: 0, minBase: 0)
        let md = writer.markdown()
        let indent = "\u{00A0}\u{00A0}\u{00A0}\u{00A0}"
        #expect(md.contains("| **Enig gevolg** | 93% | 100% | 89% |"), "\(md)")
        #expect(md.contains("| \(indent)**Psychische gevolgen** | 80% | 100% | 67% |"), "\(md)")
        #expect(md.contains("| \(indent)\(indent)Angst | 40% | 100% | 0% |"), "\(md)")
        let text = writer.text()
        #expect(text.contains("\n    Angst "), "\(text)")
        #expect(text.contains("\n  Psychische gevolgen "), "\(text)")
        let csv = parseCSV(writer.csv())
        #expect(csv.first == ["variable", "group", "code", "base_n", "count", "percent", "significance", "kind", "net"])
        #expect(csv.contains(["", "Totaal", "psychisch", "5", "3", "80.0", "", "net", "alles"]))
        #expect(csv.contains(["geslacht", "vrouw", "angst", "3", "0", "0.0", "", "code", "psychisch"]))
        #expect(csv.contains(["", "Totaal", "alles", "5", "4", "93.3", "", "net", ""]))
        #expect(csv.contains(["", "Totaal", "geen", "5", "1", "6.7", "", "none", ""]))
    }

    @Test func theReportModelCarriesNetsForEveryRenderer() throws {
        let writer = ThemeTableWriter(table: table, codebook: Self.codebook, smallBase: 0, minBase: 0)
        let report = try #require(writer.reportTables().first)
        #expect(report.rows.map(\.label) == ["Enig gevolg", "Psychische gevolgen", "Slecht slapen", "Angst", "Vermijden", ThemeTableWriter.noneLabel])
        #expect(report.heading == "Naar geslacht")
        #expect(report.rows.map(\.level) == [0, 1, 2, 2, 1, 0])
        #expect(report.rows.map(\.isNet) == [true, true, false, false, false, false])
        #expect(report.rows[2].indentedLabel == String(repeating: "\u{00A0}", count: 8) + "Slecht slapen")
        // The variable's chart is drawn from the table's rows: nets and codes alike.
        let chart = HTMLReport.svg(report)
        for label in ["Enig gevolg", "Psychische gevolgen", "Slecht slapen", "Angst", "Vermijden"] { #expect(chart.contains(">\(label)</text>"), "\(label)") }
    }

    @Test func wideCodesGiveZeroOrOnePerRespondentWithNets() {
        let csv = parseCSV(RespondentCodes.csv(Self.units, codebook: Self.codebook))
        #expect(csv.first == ["id", "angst", "slaap", "mijden", "psychisch", "alles"])
        #expect(Array(csv.dropFirst()) == [
            ["r1", "1", "1", "0", "1", "1"],
            ["r2", "1", "0", "0", "1", "1"],
            ["r3", "0", "0", "1", "0", "1"],
            ["r4", "0", "1", "0", "1", "1"],
            ["r5", "0", "0", "0", "0", "0"],
        ])
    }

    @Test func aCodebookWithoutNetsHasAFlatTree() throws {
        let plain = try CodebookLoader.parse("codes:\n  - id: a\n    include: [x]\n", file: "plain.yml")
        #expect(plain.nets.isEmpty)
        #expect(plain.tree == CodeTree.flat(codeCount: 1))
    }

    static func problems(_ nets: String) -> [String] {
        let yaml = "codes:\n  - id: angst\n    include: [bang]\n  - id: slaap\n    include: [slaap]\nnets:\n" + nets
        do {
            _ = try CodebookLoader.parse(yaml, file: "boek.yml")
            return []
        } catch let error as InvalidCodebook {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aNetOverAnUnknownCodeNamesTheCodesThereAre() {
        let problems = Self.problems("  - id: psychisch\n    codes: [angst, slap]\n")
        #expect(problems == ["boek.yml:8:20: net `psychisch` names `slap`, which is no code or net; the codes are angst, slaap"])
    }

    @Test func aCycleOfNetsIsRefused() {
        let problems = Self.problems("  - id: a\n    codes: [b, angst]\n  - id: b\n    codes: [a]\n")
        #expect(problems.contains("boek.yml:7:5: net `a` contains itself: a ⊂ b ⊂ a; nets must not form a cycle"), "\(problems)")
        #expect(problems.contains("boek.yml:9:5: net `b` contains itself: b ⊂ a ⊂ b; nets must not form a cycle"), "\(problems)")
    }

    @Test func aCodeInTwoNetsAndAnIDTakenAreRefused() {
        let problems = Self.problems("  - id: a\n    codes: [angst]\n  - id: b\n    codes: [angst, slaap]\n  - id: slaap\n    codes: [angst]\n  - id: leeg\n    codes: []\n")
        #expect(problems.contains { $0.hasPrefix("boek.yml:10:13: `angst` is in net `a` and in net `b`") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("boek.yml:11:9: net id `slaap` is also a code id") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("boek.yml:14:12: net `leeg` needs `codes:`") }, "\(problems)")
    }
}

/// Nets through the command line: per question codebook, an interview counted once as a
/// respondent over its turns, the 0/1 export, and a bad net that leaves the project as it was.
/// Counts by hand from `QuestionsTests.rows` and its interview.
@Suite("Nets in projects", .serialized)
struct ProjectNetTests {
    /// `Vragen` (fear, training) with a net over both.
    static let codebook = QuestionsTests.codebook + """
        nets:
          - id: gevolg
            label: Angst of training
            codes: [fear, training]

        """

    let questions = QuestionsTests()

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    /// The questions project (with its interview) recoded with the nets codebook.
    func project(in dir: TemporaryDirectory) throws -> String {
        let project = try questions.project(in: dir, interviews: true)
        try dir.write("netten.yml", Self.codebook)
        let r = try run(["recode", project, "--codebook", "netten.yml"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        return project
    }

    @Test func anInterviewIsOneRespondentOfItsNetOverItsTurns() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        // Turn 1 "Ik ben bang." (fear), turn 2 training and fear: one respondent with both codes.
        let table = try questions.table([project, "--interviews", "--by", "organisatie"], in: dir)
        #expect(table["Totaal:fear"].map { "\($0.base) \($0.count)" } == "1 1")
        #expect(table["Totaal:training"].map { "\($0.base) \($0.count)" } == "1 1")
        #expect(table["Totaal:gevolg"].map { "\($0.base) \($0.count) \($0.percent)" } == "1 1 100.0")
        let wide = parseCSV(try run(["export", project, "--what", "codes", "--layout", "wide", "--interviews"], in: dir).stdout)
        #expect(wide == [["id", "fear", "training", "gevolg"], ["interview.txt", "1", "1", "1"]], "the interview file is the respondent")
    }

    @Test func aSurveyQuestionsNetIsWeightedLikeItsCodes() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        // q3: R2 "bang en een training" (both, weight 1.5), R3 "niets" (neither, weight 2).
        let q3 = try questions.table([project, "--question", "q3", "--by", "geslacht", "--weight", "gewicht"], in: dir)
        #expect(q3["Totaal:gevolg"].map { "\($0.base) \($0.count) \($0.percent)" } == "2 1 42.9")
        #expect(q3["Totaal:fear"].map(\.count) == 1 && q3["Totaal:training"].map(\.count) == 1)
        let wide = parseCSV(try run(["export", project, "--what", "codes", "--layout", "wide", "--question", "q3"], in: dir).stdout)
        #expect(wide == [["id", "fear", "training", "gevolg"], ["R2", "1", "1", "1"], ["R3", "0", "0", "0"]])
    }

    @Test func eachQuestionsCodebookHasItsOwnNets() throws {
        let dir = try TemporaryDirectory()
        let project = try questions.project(in: dir)
        try dir.write("steun.yml", QuestionCodebooksTests.supportCodebook + "nets:\n  - id: hulp\n    label: Hulp\n    codes: [support, training]\n")
        let r = try run(["recode", project, "--question", "q2", "--codebook", "steun.yml"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        // q2: R1 training, R3 training, R4 support: all three under `hulp`, each once.
        let q2 = try questions.table([project, "--question", "q2", "--by", "geslacht"], in: dir)
        #expect(q2["Totaal:hulp"].map { "\($0.base) \($0.count)" } == "3 3")
        #expect(q2["man:hulp"].map { "\($0.base) \($0.count)" } == "2 2")
        let q1 = try questions.table([project, "--question", "q1", "--by", "geslacht"], in: dir)
        #expect(q1["Totaal:hulp"] == nil && q1["Totaal:fear"] != nil, "\(q1.keys.sorted())")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "needs pandoc and unzip (scripts/setup installs them)"))
    func everyReportFormatHasTheNetRow() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        var written: [String: String] = [:]
        for format in ["md", "html", "xlsx", "docx"] {
            let out = dir.path("rapport.\(format)")
            let r = try run(["export", project, "--what", "report", "--question", "q1", "--by", "geslacht", "--format", format, "--output", out], in: dir)
            try #require(r.status == 0, "\(format): \(r.stderr)")
            written[format] = format == "xlsx" ? try ReportExportTests.unzip(out, "xl/sharedStrings.xml")
                : format == "docx" ? try ReportExportTests.unzip(out, "word/document.xml") : try String(contentsOfFile: out, encoding: .utf8)
        }
        for (format, text) in written { #expect(text.contains("Angst of training"), "\(format)") }
        // Markdown (and so Word) shows the net in bold with its codes indented under it.
        #expect(written["md"]?.contains("| **Angst of training** |") == true)
        #expect(written["md"]?.contains("| \u{00A0}\u{00A0}\u{00A0}\u{00A0}Angst |") == true)
    }

    @Test func aNetOverAnUnknownCodeChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let project = try questions.project(in: dir)
        let before = try ProjectStore.open(at: project, access: .read).latestCodebook()?.id
        try dir.write("fout.yml", QuestionsTests.codebook + "nets:\n  - id: gevolg\n    codes: [fear, trainng]\n")
        let r = try run(["recode", project, "--codebook", "fout.yml"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("fout.yml:12:19: net `gevolg` names `trainng`, which is no code or net; the codes are fear, training"), "\(r.stderr)")
        #expect(try ProjectStore.open(at: project, access: .read).latestCodebook()?.id == before)
    }
}
