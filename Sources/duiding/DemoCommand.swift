import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingInput
import DuidingProject
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run everything on the bundled demo data and write the report parts to Reports/."
    )

    @Option(help: "Folder with antwoorden.csv and interviews/.")
    var corpora: String?

    @Option(help: codebookHelp)
    var codebook: String?

    @Option(help: "Where to write the reports.")
    var reports = "Reports"

    /// The demo file has one row per answer; `vraag` names the open question it answers.
    static let questionColumn = "vraag"

    func run() throws {
        let folder = try corpora ?? Self.repositoryCorpora()
        let answers = folder + "/antwoorden.csv"
        let interviewDir = folder + "/interviews"
        let interviews = (try? FileManager.default.contentsOfDirectory(atPath: interviewDir))?
            .filter(Corpus.isInterview).sorted().map { interviewDir + "/" + $0 } ?? []
        // The built-in codebook unless one is named; the commands run below get the same choice.
        let codebookArguments = codebook.map { ["--codebook", $0] } ?? []
        var options = try InputOptions.parse([answers] + interviews + codebookArguments)
        options.questionColumn = Self.questionColumn
        let (yaml, codebookPath) = try options.codebookText()
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)

        try Code.parse([answers] + interviews + codebookArguments + ["--output", reports + "/codes.csv"]).run()

        // One project in memory for the answers and the interviews; every question is counted
        // on its own base, the interviews apart.
        let store = try ProjectImport.inMemoryProject(options.files, columns: options.columns, codebookYAML: yaml,
                                                      codebookSource: codebookPath, notes: printNote)
        var written: [String] = []
        var tables: [String] = []
        for question in try store.questions() {
            let coded = try CodedCorpus(store: store, selection: UnitSelection(question: question.name))
            let variables = ["bestuurslaag", "functie", "geslacht", "ernst"].filter { coded.corpus.variableNames.contains($0) }
            let weight = coded.corpus.variableNames.contains("weight") ? "weight" : nil
            let table = try coded.themeTable(by: variables, weightColumn: weight)
            let writer = ThemeTableWriter(table: table, codebook: coded.codebook, title: coded.title, weightColumn: weight,
                                          significance: table.significance())
            try write(writer.markdown(), to: "\(reports)/themas-\(question.name).md")
            try write(writer.csv(), to: "\(reports)/themas-\(question.name).csv")
            let attributes = ["functie", "bestuurslaag"].filter { coded.corpus.variableNames.contains($0) }
            let quotes = try quoteWriter(coded, try QuoteOptions.parse(attributes.flatMap { ["--attribute", $0] }), privacy: try QuotePrivacyOptions.parse([]))
            try write(quotes.markdown(), to: "\(reports)/citaten-\(question.name).md")
            try write(quotes.csv(), to: "\(reports)/citaten-\(question.name).csv")
            let reportArguments = options.files + ["--what", "report"] + codebookArguments + ["--question-column", Self.questionColumn,
                                                   "--question", question.name]
                + variables.flatMap { ["--by", $0] } + (weight.map { ["--weight", $0] } ?? []) + attributes.flatMap { ["--attribute", $0] }
            for format in ["html", "xlsx"] {
                try Export.parse(reportArguments + ["--format", format, "--output", "\(reports)/rapport-\(question.name).\(format)"]).run()
            }
            tables.append(writer.text())
            written.append("""
              themas-\(question.name).md/.csv   theme table of question `\(question.name)` (its own base: \(table.columns.first?.baseN ?? 0) respondents) per \(variables.joined(separator: ", "))\(weight.map { ", weighted by \($0)" } ?? "")
              citaten-\(question.name).md/.csv  representative quotes per theme for that question
              rapport-\(question.name).html/.xlsx  its tables with significance colours, a chart per variable and the quotes
            """)
        }
        if !interviews.isEmpty {
            let coded = try CodedCorpus(store: store, selection: UnitSelection(interviews: true))
            try write(try quoteWriter(coded, try QuoteOptions.parse([]), privacy: try QuotePrivacyOptions.parse([])).markdown(), to: reports + "/citaten-interviews.md")
            written.append("  citaten-interviews.md  quotes from the interviews, attributed by organisation")
        }
        let answersOnly = try CodedCorpus.files([answers], columns: Corpus.Columns(), codebookYAML: yaml, codebookSource: codebookPath)
        if answersOnly.corpus.variableNames.contains("handcodering") {
            try write(GoldComparisonReport.markdown(try answersOnly.comparison(goldColumn: "handcodering")), to: reports + "/evaluatie.md")
            written.append("  evaluatie.md  the codebook scored against the hand coding in the demo data")
        }
        print(tables.joined(separator: "\n"))
        print("Written to \(reports)/:\n  codes.csv  suggested codes with evidence, per answer and interview turn\n" + written.joined(separator: "\n"))
    }

    /// The repository's `Corpora/`: in the working folder, else above the binary (as built in the
    /// repository, `.build/<triple>/debug/duiding`).
    static func repositoryCorpora() throws -> String {
        var candidates = ["Corpora"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Corpora").path)
            dir.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/antwoorden.csv") }) else {
            throw ValidationError("""
                the demo data (Corpora/antwoorden.csv) is not in this folder or above the duiding binary; \
                pass the folder with antwoorden.csv and interviews/: duiding demo --corpora PATH/Corpora
                """)
        }
        return found
    }
}
