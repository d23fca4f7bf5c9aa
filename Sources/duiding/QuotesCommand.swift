import ArgumentParser
import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingProject
import DuidingInput
import DuidingStore
import DuidingText

enum QuoteFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv
}

struct Quotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pick the most representative quotes per theme, verbatim and attributed, screened for personal data.",
        discussion: """
        Interview quotes are attributed with the interview's `organisatie` unless --attribute says otherwise. \
        Quotes with possible personal data (see `duiding screen`) rank lower and are marked with a proposed \
        redaction; the text itself is never changed. An attribution shared by fewer than --min-group respondents \
        is flagged with a coarser proposal. --redact prints the proposals instead. \
        CSV columns: code,id,quote,why,personal_data,attribution,group_size,coarser_attribution.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Quotes per theme.")
    var perTheme = 5

    @Option(help: "Column(s) whose values attribute a quote, e.g. --attribute functie --attribute bestuurslaag.")
    var attribute: [String] = []

    @Option(help: "Pick quotes per theme for every group of this column separately (e.g. --per-group bestuurslaag).")
    var perGroup: String?

    @OptionGroup var privacy: QuotePrivacyOptions

    @Option(help: "md or csv.")
    var format: QuoteFormat = .md

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        if perTheme < 1 { throw ValidationError("--per-theme must be at least 1") }
    }

    func run() throws {
        try withActivity("picking quotes") { try make() }
    }

    /// What `run` does, under a line that says so on a terminal.
    private func make() throws {
        let coded = try CodedCorpus(input, selection)
        try coded.requireVariables(attribute, option: "--attribute")
        guard let perGroup else {
            return try write(try quotesReport(coded, perTheme: perTheme, attribution: attribute, privacy: privacy, format: format), to: output)
        }
        try coded.requireVariables([perGroup], option: "--per-group")
        let groups = Set(coded.corpus.units.map { $0.values[perGroup, default: ""] }).sorted()
        var out = format == .csv ? CSVWriter.row(["group"] + QuoteWriter.csvHeader) : ""
        for group in groups {
            let subset = coded.filtered { $0.values[perGroup, default: ""] == group }
            let writer = try quoteWriter(subset, perTheme: perTheme, attribution: attribute, privacy: privacy)
            let name = group.isEmpty ? ThemeTable.unknownGroup : group
            if format == .csv {
                for row in writer.csvRows() { out += CSVWriter.spreadsheetRow([name] + row) }
            } else {
                out += writer.markdown(title: "Citaten per thema — \(perGroup): \(name)") + "\n"
            }
        }
        try write(out, to: output)
    }
}

/// Quotes for a coded corpus, written as Markdown or CSV.
func quotesReport(_ coded: CodedCorpus, perTheme: Int, attribution: [String], privacy: QuotePrivacyOptions, format: QuoteFormat) throws -> String {
    let writer = try quoteWriter(coded, perTheme: perTheme, attribution: attribution, privacy: privacy)
    return format == .md ? writer.markdown() : writer.csv()
}

/// The quotes of a coded corpus, ready to write.
func quoteWriter(_ coded: CodedCorpus, perTheme: Int, attribution: [String], privacy: QuotePrivacyOptions) throws -> QuoteWriter {
    let selection = try coded.quotes(perTheme: perTheme, attribution: attribution, minGroup: privacy.minGroup, redact: privacy.redact)
    return QuoteWriter(quotes: selection.quotes, codebook: coded.codebook, unitsWithCode: selection.unitsWithCode, unitCount: selection.unitCount)
}

/// How quotes are screened for the attribution's risk, and whether they are printed redacted.
struct QuotePrivacyOptions: ParsableArguments {
    @Option(help: "Flag a quote whose attribution fewer respondents share than this, and propose a coarser one (a positive whole number).")
    var minGroup = 5

    @Flag(help: "Print quotes redacted: placeholders ([naam], [gemeente], …) for personal data, coarser attributions for small groups. What is stored is never changed.")
    var redact = false

    func validate() throws {
        if minGroup < 1 { throw ValidationError("--min-group must be a positive whole number (at least 1), not \(minGroup)") }
    }
}

struct QuoteChoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote-choice",
        abstract: "Pin a unit as a quote for a code (always quoted), ban it (never quoted), or clear the choice.",
        discussion: "Kept in the project; `duiding quotes PROJECT` and the report follow it."
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The unit id.")
    var id: String

    @Argument(help: "The code id.")
    var code: String

    @Argument(help: "pin, ban or clear.")
    var choice: QuoteChoiceArgument

    @Option(help: "Who chooses.")
    var coder: String

    func run() throws {
        try ProjectStore.open(at: project).setQuoteChoice(choice.value, unit: id, code: code, coder: coder)
        print("\(id) for \(code): \(choice.value.rawValue)")
    }
}

enum QuoteChoiceArgument: String, ExpressibleByArgument, CaseIterable {
    case pin, ban, clear
    var value: QuoteChoice { QuoteChoice(rawValue: rawValue) ?? .clear }
}
