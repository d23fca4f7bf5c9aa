import ArgumentParser
import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingInput
import DuidingProject
import DuidingStore
import DuidingText

enum ExploreFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv
}

extension KeynessMeasure: ExpressibleByArgument {}

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find themes without a codebook, and what a codebook misses: frequent words and phrases, keywords in context, collocations, keyness per group.",
        discussion: """
        Words are counted as the codebook matches them (folded: case, diacritics, hyphens; clitics written out); \
        phrases never span a clause end, so whatever turns up can be written as a pattern.

        CSV columns — --frequency (the default): feature,frequency,rank,docfreq (rank 1 = most frequent, ties \
        share the lowest rank). --kwic PATTERN: docname,from,to,pre,keyword,post,pattern (from/to: word \
        positions from 1). --collocations: collocation,count,lambda,z (as quanteda's textstat_collocations). \
        --keyness --by VAR=VALUE: feature,statistic,p,n_target,n_reference (signed chi2 with Yates, or G2).

        --uncoded restricts any of these to the answers the codebook gives no code (in a project: the answers \
        without a current code).
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @Flag(help: "Words or phrases by frequency (the default).")
    var frequency = false

    @Option(help: ArgumentHelp("Keyword in context: every match of a pattern in the codebook's syntax (~stam, prefix*, deel+, a|b, denk * keer na).", valueName: "pattern"))
    var kwic: String?

    @Flag(help: "Adjacent word pairs that occur together more often than chance, by z.")
    var collocations = false

    @Flag(help: "Words that set a group apart from the other answers (needs --by VAR=VALUE).")
    var keyness = false

    @Flag(help: "Only the answers for which the codebook finds no code.")
    var uncoded = false

    @Option(help: ArgumentHelp("Target group for --keyness, e.g. --by geslacht=vrouw; the reference is every answer with another value.", valueName: "var=value"))
    var by: String?

    @Option(help: "chi2 (Pearson's chi-squared with Yates's correction) or lr (likelihood ratio G2), for --keyness.")
    var measure: KeynessMeasure = .chi2

    @Option(help: "Words per feature for --frequency and --keyness: 1, 2 or 3.")
    var ngrams = 1

    @Flag(help: "Count Snowball stems instead of words (write ~word in a pattern to match a stem).")
    var stems = false

    @Flag(help: "Keep stop words (Snowball's Dutch list); by default they are left out, with phrases that start or end with one.")
    var keepStopwords = false

    @Option(help: "Rows to show (default: 40 in text, all in CSV; 0 = all).")
    var top: Int?

    @Option(help: "Words before and after a --kwic match.")
    var window = 5

    @Flag(help: "Let the --kwic pattern tolerate misspellings, as `fuzzy: true` in a codebook.")
    var fuzzy = false

    @Option(help: "Fewest occurrences of a pair for --collocations.")
    var minCount = 2

    @Option(help: "text (aligned columns) or csv.")
    var format: ExploreFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        let modes = [frequency, kwic != nil, collocations, keyness].filter { $0 }.count
        if modes > 1 { throw ValidationError("choose one of --frequency, --kwic, --collocations and --keyness") }
        if keyness, by == nil { throw ValidationError("--keyness needs a target group, e.g. --by geslacht=vrouw") }
        if by != nil, !keyness { throw ValidationError("--by names the target group of --keyness; add --keyness") }
        if !(1...3).contains(ngrams) { throw ValidationError("--ngrams must be 1, 2 or 3") }
        if ngrams != 1, collocations || kwic != nil { throw ValidationError("--ngrams is for --frequency and --keyness") }
        if kwic != nil, stems || keepStopwords { throw ValidationError("--kwic matches its pattern as written; use ~word in the pattern for stems") }
        if window < 0 { throw ValidationError("--window must be 0 or more") }
        if let top, top < 0 { throw ValidationError("--top must be 0 (all) or more") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
    }

    func run() throws {
        var answers = try ExploreInput.load(input, selection, needCodes: uncoded)
        if let uncoded = answers.uncoded {
            let before = answers.texts.count
            answers.texts = answers.texts.filter { uncoded.contains($0.id) }
            printNote("\(answers.texts.count) of \(before) answers have no code from \(answers.codebookName)")
        }
        let options = FeatureOptions(ngrams: ngrams, stems: stems, removeStopWords: !keepStopwords)
        let stopWords = StopWords.forLanguage(answers.language) ?? []
        if stopWords.isEmpty, !keepStopwords, kwic == nil {
            printNote("note: no stop word list for language `\(answers.language)`; every word is counted")
        }
        let limit = top.map { $0 == 0 ? nil : $0 } ?? (format == .text ? 40 : nil)
        let scope = uncoded ? "antwoorden zonder code" : "antwoorden"
        let counted = "\(stems ? "stammen" : "woorden")\(keepStopwords ? "" : ", zonder stopwoorden")"

        if let kwic {
            let pattern = try Pattern.standalone(kwic, language: answers.language, origin: "--kwic", fuzzy: fuzzy)
            let all = try ExploreMatching.keywordsInContext(pattern, in: answers.texts, language: answers.language, window: window)
            let rows = limit.map { Array(all.prefix($0)) } ?? all
            switch format {
            case .csv: try write(ExploreWriter.kwicCSV(rows), to: output)
            case .text:
                let texts = Set(all.map(\.docname)).count
                try write(ExploreWriter.kwicText(rows, note: "\n`\(kwic)`: \(all.count) keer in \(texts) van \(answers.texts.count) \(scope)"
                    + (rows.count < all.count ? "; de eerste \(rows.count) staan hier (--top 0 voor alle)" : "") + "."), to: output)
            }
            return
        }

        let corpus = try ExploreCorpus(answers.texts, language: LanguageResources.forLanguage(answers.language),
                                       stopWords: stopWords, variables: answers.variables)
        if collocations {
            let all = corpus.collocations(stems: stems, removeStopWords: !keepStopwords, minCount: minCount)
            let rows = limit.map { Array(all.prefix($0)) } ?? all
            switch format {
            case .csv: try write(ExploreWriter.collocationCSV(rows), to: output)
            case .text:
                try write(ExploreWriter.collocationText(rows, note: "\n\(shown(rows.count, all.count, "woordparen")) die minstens \(minCount) keer naast elkaar staan "
                    + "in \(answers.texts.count) \(scope) (\(counted)). lambda: log-oddsratio van het paar, z = lambda / standaardfout "
                    + "(als quanteda's textstat_collocations)."), to: output)
            }
        } else if keyness, let by {
            let result = try corpus.keyness(try GroupSelection(parsing: by), measure: measure, options: options)
            var shownResult = result
            if let limit { shownResult.rows = Array(result.rows.prefix(limit)) }
            let rows = shownResult.rows
            if result.textsWithoutValue > 0 {
                printNote("note: \(result.textsWithoutValue) answers have no `\(result.variable)` and are in neither group")
            }
            switch format {
            case .csv: try write(ExploreWriter.keynessCSV(shownResult), to: output)
            case .text:
                let statistic = measure == .chi2 ? "chi² met Yates-correctie" : "G² (likelihood ratio)"
                try write(ExploreWriter.keynessText(shownResult, note: "\nDoelgroep \(result.variable) = \(result.value): \(result.targetTexts) \(scope), "
                    + "\(result.targetTotal) \(ngramWord); referentie (andere waarden): \(result.referenceTexts) \(scope), \(result.referenceTotal) \(ngramWord). "
                    + "statistic: \(statistic), negatief = minder dan verwacht in de doelgroep; p: chi² met 1 vrijheidsgraad. "
                    + shown(rows.count, result.rows.count, "kenmerken") + "."), to: output)
            }
        } else {
            let all = corpus.frequency(options)
            let rows = limit.map { Array(all.prefix($0)) } ?? all
            switch format {
            case .csv: try write(ExploreWriter.frequencyCSV(rows), to: output)
            case .text:
                try write(ExploreWriter.frequencyText(rows, note: "\n\(shown(rows.count, all.count, ngramWord)) in \(answers.texts.count) \(scope) "
                    + "(\(counted)); docfreq: aantal antwoorden met het kenmerk."), to: output)
            }
        }
    }

    private var ngramWord: String { ngrams == 1 ? (stems ? "stammen" : "woorden") : "\(ngrams)-grammen" }

    private func shown(_ shown: Int, _ all: Int, _ what: String) -> String {
        shown < all ? "De eerste \(shown) van \(all) \(what) (--top 0 voor alle)" : "\(all) \(what)"
    }
}

/// The answers `explore` looks at, read the way the other commands read them.
struct ExploreInput {
    var texts: [ExploreText]
    var variables: [String]
    /// With `needCodes`: ids of the answers without a code.
    var uncoded: Set<String>?
    /// Language of the codebook if one was read (named, or needed; a project's latest version), else Dutch.
    var language: String
    var codebookName: String

    static func load(_ input: InputOptions, _ selection: SelectionOptions, needCodes: Bool) throws -> ExploreInput {
        var result: ExploreInput
        if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
            if input.codebook != nil { printNote("note: a project uses its own latest codebook version; --codebook is ignored") }
            let narrowed = try selection.selection() != UnitSelection()
            if needCodes || narrowed {
                // The selected units with their current codes: decisions where they exist, else suggestions.
                let coded = try CodedCorpus(input, selection)
                result = ExploreInput(texts: coded.corpus.units.map { ExploreText(id: $0.id, text: $0.text, values: $0.values) },
                                      variables: coded.corpus.variableNames,
                                      uncoded: needCodes ? Set(zip(coded.corpus.units, coded.suggestions).filter { $0.1.isEmpty }.map(\.0.id)) : nil,
                                      language: coded.codebook.language, codebookName: "the project's codebook")
            } else {
                let store = try ProjectStore.open(at: input.files[0], access: .read)
                let project = try ProjectExploreInput(store)
                result = ExploreInput(texts: project.texts, variables: project.variables, uncoded: nil,
                                      language: project.language, codebookName: "the project's codebook")
            }
        } else {
            let corpus = try input.loadCorpus()
            for note in corpus.notes { printNote(note) }
            result = ExploreInput(texts: corpus.units.map { ExploreText(id: $0.id, text: $0.text, values: $0.values) },
                                  variables: corpus.variableNames, uncoded: nil, language: "nl", codebookName: "")
            if needCodes || input.codebook != nil {
                let compiled = try input.loadCodebook()
                result.language = compiled.codebook.language
                result.codebookName = input.codebook ?? DefaultCodebook.name
                if needCodes { result.uncoded = try ExploreMatching.uncodedIDs(result.texts, codebook: compiled) }
            }
        }
        guard !result.texts.isEmpty else {
            throw ExploreError("\(input.files.joined(separator: ", ")): there are no answers to explore (only a header, or no respondent turns)")
        }
        return result
    }
}
