import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingInput
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run everything on the bundled demo data and write the report parts to Reports/."
    )

    @Option(help: "Folder with antwoorden.csv and interviews/.")
    var corpora: String?

    @Option(help: "Codebook (YAML). Default: Codebooks/agressie-effecten.yml.")
    var codebook: String?

    @Option(help: "Where to write the reports.")
    var reports = "Reports"

    func run() throws {
        let folder = try corpora ?? DefaultPaths.locate("Corpora")
        let answers = folder + "/antwoorden.csv"
        let interviewDir = folder + "/interviews"
        let interviews = (try? FileManager.default.contentsOfDirectory(atPath: interviewDir))?
            .filter { $0.hasSuffix(".txt") }.sorted().map { interviewDir + "/" + $0 } ?? []
        var options = try InputOptions.parse([answers] + interviews)
        options.codebook = try codebook ?? DefaultPaths.codebook()
        let compiled = try options.loadCodebook()
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)

        try Code.parse([answers] + interviews + ["--codebook", options.codebook ?? "", "--output", reports + "/codes.csv"]).run()

        let answersOnly = try CodedCorpus(files: [answers], columns: options.columns, compiled: compiled)
        let variables = ["vraag", "bestuurslaag", "functie", "geslacht", "ernst"].filter { answersOnly.corpus.attributeNames.contains($0) }
        let weight = answersOnly.corpus.attributeNames.contains("weight") ? "weight" : nil
        let table = ThemeTable(units: try answersOnly.codedUnits(weightColumn: weight), codeCount: compiled.codebook.codes.count,
                               variables: variables)
        let tableWriter = ThemeTableWriter(table: table, codebook: compiled.codebook, title: compiled.codebook.name, weightColumn: weight,
                                           significance: table.significance())
        try write(tableWriter.markdown(), to: reports + "/themas.md")
        try write(tableWriter.csv(), to: reports + "/themas.csv")

        let all = try CodedCorpus(files: [answers] + interviews, columns: options.columns, compiled: compiled)
        let attributes = ["functie", "bestuurslaag"].filter { all.corpus.attributeNames.contains($0) }
        try write(try quotesReport(all, perTheme: 5, attributes: attributes, format: .md), to: reports + "/citaten.md")
        try write(try quotesReport(all, perTheme: 5, attributes: attributes, format: .csv), to: reports + "/citaten.csv")

        let reportArguments = [answers] + interviews + ["--what", "report", "--codebook", options.codebook ?? ""]
            + variables.flatMap { ["--by", $0] } + (weight.map { ["--weight", $0] } ?? []) + attributes.flatMap { ["--attribute", $0] }
        for format in ["html", "xlsx"] {
            try Export.parse(reportArguments + ["--format", format, "--output", reports + "/rapport." + format]).run()
        }

        if answersOnly.corpus.attributeNames.contains("handcodering") {
            try write(try evaluationReport(answersOnly, goldColumn: "handcodering", showErrors: 0), to: reports + "/evaluatie.md")
        }
        print(tableWriter.text())
        print("""
        Written to \(reports)/:
          codes.csv      suggested codes with evidence, per answer and interview turn
          themas.md/.csv theme table per \(variables.joined(separator: ", "))\(weight.map { " (weighted by \($0))" } ?? "")
          citaten.md/.csv representative quotes per theme
          rapport.html   tables with significance colours, a chart per theme and the quotes (open in a browser)
          rapport.xlsx   the same tables and quotes as a spreadsheet
          evaluatie.md   the codebook scored against the hand coding in the demo data
        """)
    }
}
