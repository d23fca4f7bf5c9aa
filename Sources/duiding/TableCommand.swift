import ArgumentParser
import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingProject

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, md
}

struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count themes per group: base n, count and (weighted) percentage, with a Totaal column and significance marks.",
        discussion: """
        CSV columns: variable,group,code,base_n,count,percent,significance,kind,net (kind: code, net or none; \
        net: the net the row sits in; a net counts a respondent once when any of its codes applies). Groups come \
        in the variable's order (SPSS, or `duiding variable --order`) under its label. Each group is tested against the other \
        groups of its variable combined (pooled two-proportion z-test; weighted: Kish's effective sample size); \
        significance is higher, lower or empty. With --cooccurrence: how often codes occur together \
        (CSV: code_a,code_b,count,percent_of_units,percent_of_code_a).
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var grouping: TableOptions

    @Flag(help: "Print how often codes occur together (over all units, unweighted) instead of the theme table.")
    var cooccurrence = false

    @Option(help: "text, csv or md.")
    var format: TableFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        if cooccurrence {
            if !grouping.by.isEmpty || grouping.weight != nil { throw ValidationError("--cooccurrence counts over all units, unweighted; leave out --by and --weight") }
        } else {
            try grouping.validateForTable()
        }
    }

    func run() throws {
        try withActivity("counting themes") { try make() }
    }

    /// What `run` does, under a line that says so on a terminal.
    private func make() throws {
        guard cooccurrence else {
            // Counted as the project streams its units: no unit is held, no text read.
            let counted = try ProjectTable(store: try CodedCorpus.store(input), selection: try selection.selection(),
                                           by: grouping.by, weightColumn: grouping.weight)
            noteInterviewsLeftOut(counted.interviewTurnsLeftOut, units: counted.units)
            let writer = grouping.writer(counted.table, codebook: counted.codebook, title: counted.title)
            switch format {
            case .text: try write(writer.text(), to: output)
            case .csv: try write(writer.csv(), to: output)
            case .md: try write(writer.markdown(), to: output)
            }
            return
        }
        // Co-occurrence needs the units' values and codes, not their texts or evidence.
        let coded = try CodedCorpus(input, selection, parts: [])
        let matrix = CoOccurrence(units: try coded.codedUnits(weightColumn: nil), codeCount: coded.codebook.codes.count)
        let writer = CoOccurrenceWriter(matrix: matrix, codebook: coded.codebook)
        switch format {
        case .text: try write(writer.text(), to: output)
        case .csv: try write(writer.csv(), to: output)
        case .md: try write(writer.markdown(), to: output)
        }
    }
}

/// How theme tables are split, weighted and tested; shared by `table` and `export --what report`.
struct TableOptions: ParsableArguments {
    @Option(help: "Group column to split by (repeatable), e.g. --by geslacht --by ernst.")
    var by: [String] = []

    @Option(help: "Column with the weight of each unit; percentages are then weighted.")
    var weight: String?

    @Option(help: "Significance level of the tests.")
    var alpha = 0.05

    @Flag(help: "Adjust the p-values with Holm's method over all tests of the table.")
    var holm = false

    @Option(help: "Below this base n (unweighted) a result is marked * (indicative).")
    var smallBase = 50

    @Option(help: "Below this base n the count is printed instead of a percentage.")
    var minBase = 10

    func validateForTable() throws {
        if by.isEmpty { throw ValidationError("name at least one group column with --by") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie between 0 and 1") }
        if smallBase < 0 || minBase < 0 { throw ValidationError("--small-base and --min-base must be 0 or more") }
    }

    /// The theme table of a coded corpus with its significance marks.
    func writer(_ coded: CodedCorpus) throws -> ThemeTableWriter {
        writer(try coded.themeTable(by: by, weightColumn: weight), codebook: coded.codebook, title: coded.title)
    }

    /// A theme table with its significance marks.
    func writer(_ table: ThemeTable, codebook: Codebook, title: String) -> ThemeTableWriter {
        ThemeTableWriter(table: table, codebook: codebook, title: title, weightColumn: weight,
                         significance: table.significance(alpha: alpha, holm: holm), smallBase: smallBase, minBase: minBase)
    }
}
