import ArgumentParser
import DuidingAnalysis
import DuidingExport

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, md
}

struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count themes per group: base n, count and (weighted) percentage, with a Totaal column.",
        discussion: "CSV columns: variable,group,code,base_n,count,percent,significance (significance is not computed yet and left empty)."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Group column to split by (repeatable), e.g. --by geslacht --by ernst.")
    var by: [String] = []

    @Option(help: "Column with the weight of each unit; percentages are then weighted.")
    var weight: String?

    @Option(help: "text, csv or md.")
    var format: TableFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        if by.isEmpty { throw ValidationError("name at least one group column with --by") }
    }

    func run() throws {
        let coded = try CodedCorpus(input)
        try coded.requireColumns(by, option: "--by")
        let units = try coded.codedUnits(weightColumn: weight)
        let table = ThemeTable(units: units, codeCount: coded.codebook.codes.count, variables: by)
        let writer = ThemeTableWriter(table: table, codebook: coded.codebook, title: coded.codebook.name, weightColumn: weight)
        switch format {
        case .text: try write(writer.text(), to: output)
        case .csv: try write(writer.csv(), to: output)
        case .md: try write(writer.markdown(), to: output)
        }
    }
}
