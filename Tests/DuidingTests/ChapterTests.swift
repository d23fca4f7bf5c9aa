import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingProject
import Foundation
import Testing

/// The report chapter: a section per question, Word and spreadsheet output compared as
/// normalised XML with golden files (Fixtures/golden/chapter-*; after an intended change rerun
/// with DUIDING_UPDATE_GOLDEN=1 and review the diff), charts by the table's rules, quotes
/// attributed by a template and quoted under one theme, and the Dutch appendix.
@Suite("Report chapter", .serialized)
struct ChapterTests {
    /// 63 respondents: men say caution far more often than women, women training; `anders`
    /// (3) is below the minimum base of 10, `zuid` (13) below the small base of 20.
    static var answers: String {
        var rows = ["id,geslacht,regio,functie,text"]
        func add(_ n: Int, _ group: String, _ functie: String, _ text: String) {
            for _ in 0..<n {
                let i = rows.count
                rows.append("R\(i),\(group),\(i % 5 == 0 ? "zuid" : "noord"),\(functie),\(text)")
            }
        }
        add(20, "man", "raadslid", "Ik ben voorzichtiger geworden met wat ik zeg.")
        add(10, "man", "raadslid", "Ik heb behoefte aan een training over agressie.")
        add(3, "vrouw", "Wethouder", "Ik ben voorzichtiger geworden in wat ik zeg.")
        add(27, "vrouw", "Wethouder", "Ik heb behoefte aan een training over omgaan met agressie.")
        add(1, "anders", "raadslid", "Ik ben voorzichtiger geworden en zeker online.")
        add(2, "anders", "raadslid", "Geen effecten.")
        return rows.joined(separator: "\n") + "\n"
    }

    static let tableArguments = ["--what", "report", "--by", "geslacht", "--by", "regio", "--small-base", "20", "--min-base", "10",
                                 "--attribution", "{functie}, {regio}", "--per-theme", "2", "--codebook", TestSupport.defaultCodebookPath]

    func export(_ format: String, in dir: TemporaryDirectory) throws -> String {
        try dir.write("antwoorden.csv", Self.answers)
        let out = dir.path("hoofdstuk.\(format)")
        let r = try DuidingBinary.run(["export", "antwoorden.csv"] + Self.tableArguments + ["--format", format, "--output", out], in: dir.url)
        try #require(r.status == 0, "\(r.stderr)")
        return out
    }

    /// The XML of a part, pretty-printed by xmllint so a golden diff shows what changed.
    static func formatted(_ xml: Data, in dir: TemporaryDirectory) throws -> String {
        let path = try dir.write("part.xml", bytes: Array(xml))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--format", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "xmllint could not read the part")
        return String(decoding: data, as: UTF8.self)
    }

    static let tools = ["/usr/bin/pandoc", "/usr/bin/xmllint"].allSatisfy(FileManager.default.isExecutableFile(atPath:))

    @Test(.enabled(if: tools, "needs pandoc and xmllint (scripts/setup installs them)"))
    func wordDocumentMatchesTheGoldenXML() throws {
        let dir = try TemporaryDirectory()
        let parts = try ExchangeSupport.unzip(try export("docx", in: dir))
        let document = try Self.formatted(try #require(parts["word/document.xml"]), in: dir)
        let styles = String(decoding: try #require(parts["word/styles.xml"]), as: UTF8.self)
        #expect(styles.contains("w:val=\"nl-NL\""), "the document's language is Dutch")
        #expect(!styles.contains("w:val=\"en-US\""))

        // Headings start at level 1 and never skip a level.
        let levels = document.matches(of: /w:pStyle w:val="Heading(\d)"/).compactMap { Int($0.1) }
        #expect(levels.first == 1)
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "\(levels)")
        #expect(levels.count >= 5)

        // Significant cells are shaded in the legend's colours, with the mark in the text.
        let cells = document.components(separatedBy: "<w:tc>").dropFirst().map { $0.components(separatedBy: "</w:tc>")[0] }
        let red = cells.filter { $0.contains("w:fill=\"C00000\"") }, blue = cells.filter { $0.contains("w:fill=\"0070C0\"") }
        #expect(red.count >= 2 && blue.count >= 2)
        #expect(red.allSatisfy { $0.contains("▲") } && blue.allSatisfy { $0.contains("▼") })
        #expect(cells.filter { $0.contains("▲") || $0.contains("▼") }.count == red.count + blue.count)
        #expect(document.contains("Rood/▲: significant hoger"))
        #expect(!document.contains("eenheden"))
        try ReportExportTests().compare(document, golden: "chapter-document.xml")
    }

    @Test(.enabled(if: tools, "needs xmllint (scripts/setup installs it)"))
    func spreadsheetMatchesTheGoldenXML() throws {
        let dir = try TemporaryDirectory()
        let parts = try ExchangeSupport.unzip(try export("xlsx", in: dir))
        let styles = try Self.formatted(try #require(parts["xl/styles.xml"]), in: dir)
        let sheet = try Self.formatted(try #require(parts["xl/worksheets/sheet1.xml"]), in: dir)
        let strings = try Self.formatted(try #require(parts["xl/sharedStrings.xml"]), in: dir)
        // The marks are part of the number formats, so they print without colour.
        #expect(styles.contains("formatCode=\"0%&quot;▲&quot;\""), "\(styles)")
        #expect(styles.contains("formatCode=\"0%&quot;▼&quot;\""))
        #expect(styles.contains("formatCode=\"0%&quot;*&quot;\""))
        #expect(styles.contains("formatCode=\"0&quot; (aantal)&quot;\""))
        #expect(strings.contains("Bij minder dan 10 waarnemingen staat het ongewogen aantal"))
        #expect(!strings.contains("eenheden"))
        try ReportExportTests().compare(styles, golden: "chapter-styles.xml")
        try ReportExportTests().compare(sheet, golden: "chapter-sheet1.xml")
        try ReportExportTests().compare(strings, golden: "chapter-sharedStrings.xml")
    }

    /// The table of the chapter data in process, as the report builds it.
    static func reportTables() throws -> [ReportDocument.Table] {
        let compiled = try TestSupport.defaultCompiled.get()
        let coder = try Coder(compiled)
        let rows = parseCSV(answers).dropFirst()
        let units = try rows.map { row in
            CodedUnit(id: row[0], values: ["geslacht": row[1], "regio": row[2]], codes: Set(try coder.code(row[4]).map(\.codeIndex)))
        }
        let table = ThemeTable(units: units, codeCount: compiled.codebook.codes.count, variables: ["geslacht", "regio"])
        return ThemeTableWriter(table: table, codebook: compiled.codebook, significance: table.significance(), smallBase: 20, minBase: 10)
            .reportTables()
    }

    @Test func htmlChartsFollowTheTablesRules() throws {
        let tables = try Self.reportTables()
        let section = ReportDocument.Section(name: "", heading: "Effecten", questionText: "", base: "Basis: 63 respondenten.", tables: tables, quotes: [])
        let html = HTMLReport.render(ReportDocument(title: "Hoofdstuk", sections: [section], quoteNote: ""))
        let charts = html.components(separatedBy: "<svg").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
        #expect(charts.count == 2, "one chart per variable")
        let byGender = charts[0], byRegion = charts[1]
        #expect(!byGender.contains(">zuid<") && !byRegion.contains(">man<"))
        // A line per group and theme: `anders` (n=3) gets its count, no bar and no percentage.
        let lines = byGender.split(separator: "\n")
        let anders = lines.filter { $0.contains(">anders</text>") }
        #expect(anders.count == tables[0].rows.count)
        #expect(anders.allSatisfy { !$0.contains("<rect") && !$0.contains("%") && $0.contains(" van 3</text>") }, "\(anders)")
        let caution = try #require(tables[0].rows.firstIndex { $0.label == "Voorzichtigheid" })
        #expect(anders[caution].contains(">1 van 3</text>"))
        // `zuid` (n=13) is indicative: its percentages carry `*`; `noord` (n=50) does not.
        let zuid = byRegion.split(separator: "\n").filter { $0.contains(">zuid</text>") }
        #expect(!zuid.isEmpty && zuid.allSatisfy { $0.contains("<rect") && $0.contains("*</text>") }, "\(zuid)")
        #expect(byRegion.split(separator: "\n").filter { $0.contains(">noord</text>") }.allSatisfy { !$0.contains("*") })
        // The chart shows the table's cells: the same marks, and red/blue bars where they are.
        let man = lines.filter { $0.contains(">man</text>") }
        #expect(man[caution].contains("fill=\"#c00000\"") && man[caution].contains("▲"), "\(man[caution])")
    }

    @Test func theBaseCountsRespondentsOrInterviews() {
        #expect(ReportDocument.Section.base(respondents: 1082, answers: 1082, interviews: false, conditions: [])
                == "Basis: 1.082 respondenten met een antwoord op deze vraag.")
        #expect(ReportDocument.Section.base(respondents: 16, answers: 120, interviews: true, conditions: ["organisatie=Provincie"])
                == "Basis: 16 interviews (120 antwoorden), met organisatie=Provincie.")
        #expect(ReportDocument.Section.heading("effecten", alone: false, codebook: "Boek") == "Effecten")
        #expect(ReportDocument.Section.heading("text", alone: true, codebook: "Boek") == "Boek")
    }

    @Test func sheetNamesFitExcelAndStayUnique() {
        let long = "Suggesties tegen beslissingen (120 beoordeelde antwoorden)"
        let first = XLSXWorkbook.sheetName(long, taken: [])
        #expect(first.utf16.count <= 31 && first.hasSuffix("…") && first.hasPrefix("Suggesties tegen beslissingen"), "\(first)")
        let second = XLSXWorkbook.sheetName(long, taken: [first])
        #expect(second != first && second.utf16.count <= 31 && second.hasSuffix("… (2)"), "\(second)")
        #expect(XLSXWorkbook.sheetName("thema's", taken: ["Thema's"]) == "thema's (2)", "Excel ignores case")
        #expect(XLSXWorkbook.sheetName("a/b: [c]?*", taken: []) == "a-b- -c---")
        #expect(XLSXWorkbook.sheetName("'", taken: []) == "Blad")
    }

    @Test func attributionFollowsTheTemplate() throws {
        let template = try QuoteAttribution(template: "{functie}, {bestuurslaag}")
        #expect(template.variables == ["functie", "bestuurslaag"])
        #expect(template.text(["functie": "raadslid", "bestuurslaag": "Gemeente"], interview: false) == "Raadslid, gemeente")
        #expect(template.text(["functie": "CdK", "bestuurslaag": "Provincie"], interview: false) == "CdK, provincie")
        #expect(template.text(["functie": "", "bestuurslaag": "gemeente"], interview: false) == "Gemeente")
        #expect(template.text(["functie": "raadslid"], interview: false) == "Raadslid")
        let bracketed = try QuoteAttribution(template: "{functie} ({bestuurslaag})")
        #expect(bracketed.text(["functie": "raadslid"], interview: false) == "Raadslid")
        #expect(bracketed.text(["functie": "raadslid", "bestuurslaag": "Den Haag"], interview: false) == "Raadslid (Den Haag)")
        // An interview turn always carries its organisation type.
        let organisation = ["functie": "Griffier", "organisatie": "Middelgrote gemeente"]
        #expect(QuoteAttribution(columns: []).text(organisation, interview: true) == "Middelgrote gemeente")
        #expect(try QuoteAttribution(template: "{functie}").text(organisation, interview: true) == "Griffier, middelgrote gemeente")
        #expect(try QuoteAttribution(template: "{functie}").text(organisation, interview: false) == "Griffier")
        #expect(throws: SelectionError.self) { try QuoteAttribution(template: "{functie, {x}") }
        #expect(throws: SelectionError.self) { try QuoteAttribution(template: "functie}") }
    }

    @Test func anUnknownVariableInTheTemplateNamesTheVariables() throws {
        let dir = try TemporaryDirectory()
        try dir.write("antwoorden.csv", Self.answers)
        let r = try DuidingBinary.run(["quotes", "antwoorden.csv", "--attribution", "{functie}, {bestuurslaag}",
                                       "--codebook", TestSupport.defaultCodebookPath], in: dir.url)
        #expect(r.status != 0)
        #expect(r.stderr.contains("`bestuurslaag`") && r.stderr.contains("--attribution"), "\(r.stderr)")
        #expect(r.stderr.contains("geslacht, regio, functie"), "names the variables there are: \(r.stderr)")
    }

    @Test func anAnswerIsQuotedUnderOneThemeUnlessAsked() throws {
        let dir = try TemporaryDirectory()
        // Both answers have caution and training; only one answer is quotable under each.
        try dir.write("antwoorden.csv", """
            id,text
            A1,Ik ben voorzichtiger geworden met uitspraken op sociale media. Ik heb behoefte aan een training.
            A2,"Behoefte aan een training over agressie, want sinds de bedreiging ben ik voorzichtiger op straat."

            """)
        func quoted(_ extra: [String]) throws -> [(code: String, id: String)] {
            let r = try DuidingBinary.run(["quotes", "antwoorden.csv", "--format", "csv", "--codebook", TestSupport.defaultCodebookPath] + extra,
                                          in: dir.url)
            try #require(r.status == 0, "\(r.stderr)")
            return parseCSV(r.stdout).dropFirst().map { ($0[0], $0[1]) }
        }
        let once = try quoted([])
        #expect(Set(once.map(\.code)) == ["caution", "training_need"], "\(once)")
        #expect(Set(once.map(\.id)).count == once.count, "an answer under one theme only: \(once)")
        let repeated = try quoted(["--repeat-quotes"])
        #expect(repeated.count == 4, "\(repeated)")
    }

    @Test func everyQuestionIsASectionWithItsTextAndBase() throws {
        let dir = try TemporaryDirectory()
        try dir.write("boek.yml", QuestionsTests.codebook)
        let project = dir.path("p.duiding")
        let sav = try TestSupport.fixture("questions.sav").path
        for arguments in [["init", project], ["import", project, sav, "--text-column", "q_effect", "--text-column", "q_steun", "--text-column", "q_anders"],
                          ["recode", project, "--codebook", "boek.yml"]] {
            let r = try DuidingBinary.run(arguments, in: dir.url)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        let r = try DuidingBinary.run(["export", project, "--what", "report", "--by", "geslacht", "--format", "md"], in: dir.url)
        try #require(r.status == 0, "\(r.stderr)")
        let md = r.stdout
        let parts = md.components(separatedBy: "\n# \(ReportDocument.appendixTitle)\n")
        try #require(parts.count == 2, "the appendix follows the chapter: \(md)")
        let sections = parts[0].components(separatedBy: "\n## ").dropFirst()
        #expect(sections.count == 3, "\(md)")
        for (section, (text, base)) in zip(sections, [("Wat deed de agressie met u?", 3), ("Welke steun heeft u nodig?", 2), ("Wilt u nog iets kwijt?", 1)]) {
            #expect(section.contains("Vraag: “\(text)”"), "\(section)")
            #expect(section.contains("Basis: \(base) \(base == 1 ? "respondent" : "respondenten") met een antwoord op deze vraag."), "\(section)")
            #expect(section.contains("(n=\(base))"))
            #expect(section.contains("### Naar Geslacht\n"), "the variable's label heads its table")
        }
        #expect(!md.contains("eenheden"))
        // The appendix comes after the chapter, in Dutch, with two decimals.
        let appendix = parts[1]
        #expect(!parts[0].contains("precisie"))
        #expect(appendix.contains("| code | precisie | recall | F1 | terecht voorgesteld | onterecht voorgesteld | gemist |"), "\(appendix)")
        #expect(appendix.contains("Overeenstemming tussen codeurs"))
        #expect(appendix.contains(/\| [01],\d\d \|/), "two decimals with a decimal comma: \(appendix)")
        #expect(!appendix.contains(/\d\.\d\d\d/))
        #expect(!appendix.contains("precision"))
    }
}
