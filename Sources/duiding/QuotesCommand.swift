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
        Quotes are attributed by --attribution (e.g. "{functie}, {bestuurslaag}"), starting with a capital; \
        interview quotes always carry the interview's `organisatie`. Each answer is quoted under one theme \
        only unless --repeat-quotes. \
        Quotes with possible personal data (see `duiding screen`) rank lower and are marked with a proposed \
        redaction; the text itself is never changed. An attribution shared by fewer than --min-group respondents \
        is flagged with a coarser proposal. --redact prints the proposals instead. \
        CSV columns: code,id,quote,why,personal_data,attribution,group_size,coarser_attribution.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var quoting: QuoteOptions

    @Option(help: "Pick quotes per theme for every group of this column separately (e.g. --per-group bestuurslaag).")
    var perGroup: String?

    @OptionGroup var privacy: QuotePrivacyOptions

    @Option(help: "md or csv.")
    var format: QuoteFormat = .md

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        try withActivity("picking quotes") { try make() }
    }

    /// What `run` does, under a line that says so on a terminal. The quotes are read from the
    /// project as a stream, without its texts (`QuoteSelection`), per group in one read.
    private func make() throws {
        let store = try CodedCorpus.store(input), rules = try quoting.rules(privacy)
        guard let perGroup else {
            let quotes = try QuoteSelection(store: store, selection: try selection.selection(), rules: rules)
            noteInterviewsLeftOut(quotes.interviewTurnsLeftOut, units: quotes.unitCount)
            let writer = QuoteWriter(quotes)
            return try write(format == .md ? writer.markdown() : writer.csv(), to: output)
        }
        let groups = try QuoteSelection.perGroup(store: store, selection: try selection.selection(), column: perGroup, rules: rules)
        noteInterviewsLeftOut(groups.first?.quotes.interviewTurnsLeftOut ?? 0, units: groups.reduce(0) { $0 + $1.quotes.unitCount })
        var out = format == .csv ? CSVWriter.row(["group"] + QuoteWriter.csvHeader) : ""
        for (group, quotes) in groups {
            let writer = QuoteWriter(quotes)
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

/// The quotes of a coded corpus, ready to write.
func quoteWriter(_ coded: CodedCorpus, _ quoting: QuoteOptions, privacy: QuotePrivacyOptions) throws -> QuoteWriter {
    QuoteWriter(try coded.quotes(try quoting.rules(privacy)))
}

extension QuoteWriter {
    init(_ selection: QuoteSelection) {
        self.init(quotes: selection.quotes, codebook: selection.codebook, unitsWithCode: selection.unitsWithCode, unitCount: selection.unitCount)
    }
}

/// How many quotes per theme, how they are attributed, and whether an answer may be quoted
/// under more than one theme (`quotes` and the report).
struct QuoteOptions: ParsableArguments {
    @Option(help: "Quotes per theme.")
    var perTheme = 5

    @Option(help: ArgumentHelp("How a quote is attributed: variables in braces, e.g. --attribution \"{functie}, {bestuurslaag}\" → (Raadslid, gemeente).",
                               valueName: "template"))
    var attribution: String?

    @Option(help: "Column(s) whose values attribute a quote, separated by commas (--attribute functie --attribute bestuurslaag is --attribution \"{functie}, {bestuurslaag}\").")
    var attribute: [String] = []

    @Flag(help: "Quote an answer under every theme it has; without it an answer is quoted under one theme only.")
    var repeatQuotes = false

    func validate() throws {
        if perTheme < 1 { throw ValidationError("--per-theme must be at least 1") }
        if attribution != nil && !attribute.isEmpty { throw ValidationError("give --attribution or --attribute, not both") }
    }

    func template() throws -> QuoteAttribution {
        try attribution.map(QuoteAttribution.init(template:)) ?? QuoteAttribution(columns: attribute)
    }

    /// These options with the privacy options, as the quote selection takes them.
    func rules(_ privacy: QuotePrivacyOptions) throws -> QuoteRules {
        QuoteRules(perTheme: perTheme, attribution: try template(), minGroup: privacy.minGroup, redact: privacy.redact, repeatsUnits: repeatQuotes)
    }
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
