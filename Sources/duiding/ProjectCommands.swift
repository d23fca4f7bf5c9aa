import ArgumentParser
import DuidingCodebook
import DuidingExchange
import DuidingExport
import DuidingInput
import DuidingProject
import DuidingStore
import DuidingText
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a project: one SQLite file that keeps answers, codebook versions, suggestions and decisions.")

    @Argument(help: "The project file to create, e.g. monitor.duiding.")
    var project: String

    func run() throws {
        _ = try ProjectStore.create(at: project)
        print("created \(project); next: duiding import \(project) ANSWERS.csv")
    }
}

struct Upgrade: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring a project made by an older Duiding up to date; commands that only read never change a project.")

    @Argument(help: "The project file.")
    var project: String

    func run() throws {
        try ProjectStore.upgrade(at: project)
        print("\(project) is up to date")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import answers (CSV/TSV, SPSS .sav) and interview notes (.txt/.md, Word .docx, OpenDocument .odt, subtitles .srt/.vtt) into a project.",
        discussion: """
        One transaction: either every unit is imported or none. Broken rows stop the import with \
        their file and line, unless --skip-bad-rows, which leaves them out and lists them. If the \
        project has a codebook, the new units get its suggestions at once. --dry-run reads and \
        checks everything, lists each interview's fields, speakers and turns per speaker with its \
        warnings, and stores nothing.
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "Files to import.")
    var files: [String]

    @Option(help: "Column with the respondent's id.")
    var idColumn = "id"

    @Option(name: .customLong("text-column"),
            help: "Column with the answers (default: text). Repeat it for each open question of a wide file: every non-empty answer becomes a unit of its question, with id ID/COLUMN.")
    var textColumns: [String] = []

    @Option(help: "Column naming each row's question, for a file with one row per answer.")
    var questionColumn: String?

    @Option(help: "The question the (one) text column answers, when it is not the column's name: e.g. a second wave's `tekst` adding to question `text`.")
    var question: String?

    @Flag(help: "Leave out broken rows (listed) instead of importing nothing.")
    var skipBadRows = false

    @OptionGroup var interview: InterviewFieldOptions

    @Flag(help: "Read and check the files, list the interviews' speakers and turns per speaker, and store nothing.")
    var dryRun = false

    func run() throws {
        let store = try ProjectStore.open(at: project, access: dryRun ? .read : .write)
        if files.contains(where: { $0.lowercased().hasSuffix(".qdpx") }) {
            guard files.count == 1 else { throw ValidationError("import a .qdpx on its own (one file per import)") }
            guard !dryRun else { throw ValidationError("--dry-run reads answer files and interview notes, not a .qdpx") }
            let summary = try QDPXProject.importProject(store, path: files[0])
            for warning in summary.warnings { printNote("warning: \(warning)") }
            print("imported \(summary.units) units, \(summary.codes) codes, \(summary.decisions) codings and \(summary.memos) memos into \(project)")
            print("next: duiding review \(project)")
            return
        }
        if question != nil, textColumns.count > 1 || questionColumn != nil {
            throw ValidationError("--question names the question of one text column; with several, each column is its own question")
        }
        let columns = Corpus.Columns(id: idColumn, texts: textColumns.isEmpty ? ["text"] : textColumns, question: questionColumn,
                                     questionName: question)
        if dryRun {
            let corpus = try Corpus.load(files, columns: columns, skipBadRows: skipBadRows, interviewFields: interview.fields)
            for note in ProjectImport.notesBesidesPreview(corpus) { printNote(note) }
            for line in ProjectImport.preview(corpus) { print(line) }
            print("nothing imported (--dry-run); without it, \(corpus.units.count) units would go into \(project)")
            return
        }
        var progress: Progress?
        let summary = try ProjectImport.importFiles(files, columns: columns, skipBadRows: skipBadRows, interviewFields: interview.fields,
                                                    into: store, notes: printNote, progress: { done, total in
            if progress == nil { progress = Progress(total: total, what: "importing \(files.joined(separator: ", "))") }
            progress?.update(done)
        })
        if summary.questions.count > 1 || textColumns.count > 1 || questionColumn != nil {
            print("questions: " + summary.questions.sorted { $0.name < $1.name }.map { "\($0.name) (\($0.units) answers)" }.joined(separator: ", "))
        }
        print("imported \(summary.units) units into \(project)")
        if !summary.skipped.isEmpty {
            print("left out \(summary.skipped.count) broken rows:")
            for problem in summary.skipped { print("  \(problem)") }
        }
        // With a codebook the new units have their suggestions already; without one, recode gives them.
        print(try store.latestCodebook() == nil ? "next: duiding recode \(project)" : "next: duiding review \(project)")
    }
}

struct Recode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a (new) codebook version to the units of a project; decisions stay and win.",
        discussion: """
        Prints what changed: new suggestions, withdrawn ones, and suggestions that now contradict a human decision. \
        With --question, the codebook becomes that question's own and codes only its answers; without, it is the \
        default for every question without a codebook of its own (and for interview turns).
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Option(help: codebookHelp)
    var codebook: String?

    @Option(help: "Give this question a codebook of its own (code only its answers).")
    var question: String?

    @Option(help: "List at most this many changes of each kind.")
    var show = 20

    @Flag(help: "Suggest from the patterns only: do not learn from the decisions so far.")
    var noLearn = false

    func run() throws {
        let store = try ProjectStore.open(at: project)
        let (yaml, path) = try readCodebook(codebook)
        let units = try question.map { q in try store.questions().first { $0.name == q }?.units ?? 0 } ?? store.unitCount()
        let batches = (units + ParallelCoding.batchSize - 1) / ParallelCoding.batchSize
        let progress = Progress(total: batches, what: "coding the units")
        let outcome = try ProjectRecode.recode(store, yaml: yaml, source: path, question: question, progress: { progress.update($0) })
        if !noLearn, try !store.decisions().isEmpty, let learner = try ProjectLearner(store: store) {
            let learned = try learner.learn()
            print("learned from \(learned.decidedAnswers) decided units; \(learned.added) codes added, \(learned.withdrawn) pattern suggestions withdrawn")
            for code in learned.codes { print("  \(code.code): \(code.status); \(learned.rules[code.code])") }
        }
        let scope = question.map { " for question `\($0)`" } ?? ""
        print("codebook version \(outcome.version) (\(try store.latestCodebook(question: question)?.name ?? "")) applied to \(outcome.units) units\(scope)")
        if outcome.hadPrevious {
            for (title, list) in [("new suggestions", outcome.added), ("withdrawn suggestions", outcome.withdrawn)] {
                print("\(list.count) \(title)")
                for line in list.prefix(show) { print("  \(line)") }
            }
        }
        print("\(outcome.contradicting.count) suggestions contradict a decision (the decision stays; worth a look at the codebook)")
        for line in outcome.contradicting.prefix(show) { print("  \(line)") }
        // A table of a project with several questions needs one of them.
        let questions = try store.questions()
        let question = questions.count > 1 ? " --question \(questions[0].name)" : ""
        let variable = try store.variables().first?.name ?? "VARIABLE"
        print("next: duiding review \(project) (or: duiding table \(project)\(question) --by \(variable))")
    }
}

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a coder's decision on one unit: +code applies, -code does not.",
        discussion: """
        duiding decide PROJECT ID +caution -vigilance --coder NAME [--memo TEXT] [--final] [--range START-END]. \
        Without codes the unit is only marked reviewed. With --range the +codes apply to that passage of the text \
        (Unicode characters from 0, end exclusive, as `duiding code` reports start and end); a unit coded in \
        several passages still counts once in tables. Every decision marks the unit as reviewed by that coder. With --final \
        (a lead reconciling coders), the decision settles the code: later ordinary decisions on it do not \
        change the project's codes (a later --final does).
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The unit id.")
    var id: String

    @Argument(parsing: .captureForPassthrough, help: "+code / -code …, then --coder NAME and optionally --memo TEXT, --final and --range START-END.")
    var changes: [String] = []

    func run() throws {
        var coder: String?
        var memo: String?
        var final = false
        var range: String?
        var codes: [(String, Bool)] = []
        var i = 0
        while i < changes.count {
            let word = changes[i]
            if word == "--final" {
                final = true
                i += 1
                continue
            }
            if word == "--coder" || word == "--memo" || word == "--range" {
                guard i + 1 < changes.count else { throw ValidationError("\(word) needs a value") }
                switch word {
                case "--coder": coder = changes[i + 1]
                case "--memo": memo = changes[i + 1]
                default: range = changes[i + 1]
                }
                i += 2
                continue
            }
            guard let sign = word.first, sign == "+" || sign == "-", word.count > 1 else {
                throw ValidationError("`\(word)`: write +code to apply a code or -code to reject it")
            }
            codes.append((String(word.dropFirst()), sign == "+"))
            i += 1
        }
        guard let coder, !coder.isEmpty else { throw ValidationError("say who decides: --coder NAME") }
        let store = try ProjectStore.open(at: project)
        let state = try store.state(unit: id)
        if final && codes.isEmpty { throw ValidationError("--final settles codes: give +code or -code") }
        let passage = try range.map { try Passage.parse($0) }
        if passage != nil && (codes.isEmpty || codes.contains { !$0.1 }) {
            throw ValidationError("--range codes a passage: give +code (a code is rejected for the whole unit)")
        }
        var decisions = codes.map { code, applies in
            NewDecision(unitID: id, codeID: code, action: state.action(code, applies: applies), coder: coder, final: final, passage: passage)
        }
        if decisions.isEmpty { decisions = [NewDecision(unitID: id, codeID: nil, action: .done, coder: coder)] }
        if let memo { decisions.append(NewDecision(unitID: id, codeID: nil, action: .memo, coder: coder, memo: memo)) }
        try store.record(decisions)
        let now = try store.state(unit: id)
        let shown = now.codes.sorted().map { code in
            now.passages[code].map { "\(code) (\($0.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")))" } ?? code
        }
        print("\(id): \(shown.isEmpty ? "no codes" : shown.joined(separator: ", "))")
    }
}

enum ExportWhat: String, ExpressibleByArgument, CaseIterable { case codes, report, qdpx, texts, audit }

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, md, html, docx }

extension QDATool: ExpressibleByArgument {}

/// `--what codes` as one row per unit and code (long) or per respondent with a 0/1 column per code and net (wide).
enum CodesLayout: String, ExpressibleByArgument, CaseIterable { case long, wide }

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a project's codes for a spreadsheet round trip, or the report's tables and quotes.",
        discussion: """
        --what codes (a project; CSV): id,code,suggested,decision,coder,evidence,source,confidence,start,end — one row per unit and code that was suggested (by a pattern, by learning, or both) or decided, and per passage of a code coded in passages (start,end in Unicode characters, evidence the passage's text; empty for a code on the whole unit); fields a spreadsheet would run as formulas start with an apostrophe; with --layout wide: id,CODE…,NET…, one row per respondent with 0/1 per code and net (a net is 1 when any of its codes applies). --what report (a project or answer files; --by …, --format xlsx|md|html|docx): the report chapter, a section per question (or the one --question names) with the question, its base, theme tables with significance, a chart per variable (HTML) and the quotes; for a project an appendix on the coding (calibration, agreement) follows. --what audit (a project; CSV): \
        seq,at,coder,id,code,action,final,undoes,batch,codebook_version,suggested,patterns,evidence,memo — every \
        decision of the log, oldest first, with the codebook version in force then and whether it suggested the code. \
        Codes, report, tables, quotes and qdpx follow the project's codes: a lead's final decision where there is one, \
        else the latest decision, else the suggestion; audit lists every decision as made.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @Option(help: "codes, report, qdpx (REFI-QDA project for other QDA tools), texts (the answers as CSV: id,question,text; with --redact, redacted) or audit (every decision: who, when, what it answered).")
    var what: ExportWhat = .codes

    @Option(help: "csv (codes); xlsx, md, html or docx (report).")
    var format: ExportFormat = .csv

    @Option(help: "For --what codes: long (a row per unit and code, with evidence) or wide (a row per respondent, 0/1 per code and net).")
    var layout: CodesLayout = .long

    @OptionGroup var grouping: TableOptions

    @OptionGroup var quoting: QuoteOptions

    @OptionGroup var privacy: QuotePrivacyOptions

    @Option(name: .shortAndLong, help: "Write here instead of to standard output (required for xlsx and docx).")
    var output: String?

    @Option(name: .customLong("for"), help: "With --what qdpx: standard (REFI-QDA as ATLAS.ti and MAXQDA read it) or qualcoder (LF line breaks, positions as QualCoder paints them, group values on each source).")
    var tool: QDATool = .standard

    func validate() throws {
        switch what {
        case .codes:
            if format != .csv { throw ValidationError("--what codes is written as csv") }
            if input.files.count != 1, layout == .long { throw ValidationError("--what codes exports one project (--layout wide also answer files)") }
        case .report:
            if format == .csv { throw ValidationError("a report is written as xlsx, md, html or docx (tables alone: duiding table --format csv)") }
            try grouping.validateForTable()
            if (format == .xlsx || format == .docx) && output == nil { throw ValidationError("--format \(format.rawValue) needs --output FILE") }
        case .qdpx:
            if input.files.count != 1 || output == nil { throw ValidationError("--what qdpx exports one project: duiding export PROJECT --what qdpx --output FILE.qdpx") }
        case .texts:
            if format != .csv { throw ValidationError("--what texts is written as csv") }
        case .audit:
            if format != .csv { throw ValidationError("--what audit is written as csv") }
            if input.files.count != 1 { throw ValidationError("--what audit exports one project") }
        }
        if tool != .standard && what != .qdpx { throw ValidationError("--for names the QDA tool a .qdpx is written for: add --what qdpx") }
        if layout != .long && what != .codes { throw ValidationError("--layout is for --what codes") }
        if privacy.redact && (what == .codes || what == .qdpx || what == .audit) {
            throw ValidationError("--redact is for --what report and --what texts (codes, qdpx and audit carry the texts as stored)")
        }
    }

    func run() throws {
        try withActivity("exporting \(what.rawValue)") { try make() }
    }

    /// What `run` does, under a line that says so on a terminal.
    private func make() throws {
        switch what {
        case .codes where layout == .wide:
            let coded = try CodedCorpus(input, selection, parts: [])
            try write(RespondentCodes.csv(try coded.codedUnits(weightColumn: nil), codebook: coded.codebook), to: output)
        case .codes: try writeCodesCSV()
        case .report: try writeReport()
        case .texts: try write(try textsCSV(), to: output)
        case .audit: try writeAuditCSV()
        case .qdpx:
            guard let output, ProjectStore.isProject(input.files[0]) else { throw ValidationError("\(input.files[0]) is not a project; --what qdpx exports a project") }
            for warning in try QDPXProject.export(try ProjectStore.open(at: input.files[0], access: .read), to: output, for: tool) { printNote("warning: \(warning)") }
            printNote("REFI-QDA project written to \(output)")
        }
    }

    /// The selected answers, redacted with --redact (`Screening.redactedTexts`).
    private func textsCSV() throws -> String {
        let units = try storedUnits(input, selection)
        let texts = privacy.redact ? Screening().redactedTexts(units) : units.map(\.text)
        var out = CSVWriter.row(["id", "question", "text"])
        for (unit, text) in zip(units, texts) { out += CSVWriter.spreadsheetRow([unit.id, unit.question ?? "", text]) }
        return out
    }

    /// The codes as CSV, written as they are read (a unit at a time), not built in memory.
    private func writeCodesCSV() throws {
        let project = input.files[0]
        guard ProjectStore.isProject(project) else { throw ValidationError("\(project) is not a project; --what codes exports a project") }
        let store = try ProjectStore.open(at: project, access: .read)
        // Without --question, --interviews or --where: every unit of every question.
        let scope = try selection.selection() == UnitSelection() ? nil : selection.scope(store)?.ids
        try writeStreaming(to: output) { out in
            try out.append(CSVWriter.row(["id", "code", "suggested", "decision", "coder", "evidence", "source", "confidence", "start", "end"]))
            try store.forEachCodeRow { row in
                guard scope?.contains(row.unitID) ?? true else { return }
                try out.append(CSVWriter.spreadsheetRow([row.unitID, row.codeID, row.suggested ? "yes" : "no", row.decision, row.coder,
                                                         row.evidence, row.source, row.confidence.map { String(fixed: $0, decimals: 3) } ?? "",
                                                         row.passage.map { String($0.lowerBound) } ?? "", row.passage.map { String($0.upperBound) } ?? ""]))
            }
        }
    }

    /// The decision log as CSV, written as it is read.
    private func writeAuditCSV() throws {
        let project = input.files[0]
        guard ProjectStore.isProject(project) else { throw ValidationError("\(project) is not a project; --what audit exports a project") }
        let store = try ProjectStore.open(at: project, access: .read)
        let scope = try selection.selection() == UnitSelection() ? nil : selection.scope(store)?.ids
        try writeStreaming(to: output) { out in
            try out.append(CSVWriter.row(["seq", "at", "coder", "id", "code", "action", "final", "undoes", "batch",
                                          "codebook_version", "suggested", "patterns", "evidence", "memo"]))
            try store.forEachAuditRow { row in
                let d = row.decision
                guard scope?.contains(d.unitID) ?? true else { return }
                try out.append(CSVWriter.spreadsheetRow([String(d.seq), d.at, d.coder, d.unitID, d.codeID ?? "", d.action.rawValue, d.final ? "yes" : "",
                                                         d.undoes.map(String.init) ?? "", d.batch.map(String.init) ?? "", row.version.map(String.init) ?? "",
                                                         d.codeID == nil ? "" : (row.suggested ? "yes" : "no"), row.patterns.joined(separator: " | "),
                                                         row.evidence, d.memo ?? ""]))
            }
        }
    }

    /// The chapter: a section per question (or the chosen one), then for a project the appendix.
    private func writeReport() throws {
        let chapter = try CodedCorpus.chapter(input, selection)
        let sections = try chapter.map { coded in
            let tables = try grouping.writer(coded)
            let quotes = try quoteWriter(coded, quoting, privacy: privacy)
            let name = coded.question?.name ?? "interviews"
            return ReportDocument.Section(name: name, heading: ReportDocument.Section.heading(name, alone: coded.questions.count <= 1 && !coded.selection.interviews,
                                                                                                codebook: coded.codebook.name),
                                          questionText: coded.question?.label ?? "",
                                          base: ReportDocument.Section.base(respondents: tables.table.columns.first?.baseN ?? 0, answers: coded.corpus.units.count,
                                                                            interviews: coded.selection.interviews,
                                                                            conditions: coded.selection.conditions.map(\.description)),
                                          tables: tables.reportTables(), quotes: quotes.reportSections())
        }
        var appendix: [ReportDocument.Summary] = []
        if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
            let store = try ProjectStore.open(at: input.files[0], access: .read)
            let scope = Set(chapter.flatMap { $0.corpus.units.map(\.id) })
            appendix = [calibrationSummary(try ProjectQuality.calibration(store, scope: scope), style: .report),
                        agreementSummary(try ProjectQuality.agreement(store, scope: scope), style: .report)]
                + (try learningSummaries(store, style: .report) ?? [])
        }
        let title = chapter.count == 1 ? chapter[0].title : (["Open vragen"] + selection.conditions).joined(separator: " — ")
        let report = ReportDocument(title: title, sections: sections, quoteNote: QuoteWriter.openAnswerNote, appendix: appendix)
        switch format {
        case .md: try write(ChapterMarkdown.render(report), to: output)
        case .html: try write(HTMLReport.render(report), to: output)
        case .xlsx: if let output { try XLSXReport.write(report, to: output) }
        case .docx: if let output { try WordReport.write(report, to: output) }
        case .csv: break
        }
        if let output { printNote("report written to \(output)") }
    }

}

struct ImportDecisions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-decisions",
        abstract: "Record decisions from a spreadsheet (the `export --what codes` columns) as one coder's.",
        discussion: """
        Reads id, code and decision (accepted, added or rejected; empty rows are skipped), and start,end \
        where a row codes a passage (as `export --what codes` writes them). Every row is checked first; \
        any problem is reported with its line and nothing is recorded.
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "CSV with the columns id, code, decision.")
    var file: String

    @Option(help: "Who made these decisions.")
    var coder: String

    func run() throws {
        let store = try ProjectStore.open(at: project)
        let csv = try CSVFile.load(path: file)
        let idIndex = try csv.column("id", option: "a column `id`")
        let codeIndex = try csv.column("code", option: "a column `code`")
        let decisionIndex = try csv.column("decision", option: "a column `decision`")
        let startIndex = csv.header.firstIndex(of: "start"), endIndex = csv.header.firstIndex(of: "end")
        let units = Set(try store.units().map(\.id))
        let codes = Set(try store.latestCodebook()?.codes.map(\.id) ?? [])
        let states = try store.states()
        let (rows, problemsFromCSV) = csv.readAll()
        var problems = problemsFromCSV
        var decisions: [NewDecision] = []
        for row in rows {
            // `export --what codes` protects fields against spreadsheet formulas; undo that here.
            let id = SpreadsheetFormula.unprotect(row.values[idIndex].trimmingCharacters(in: .whitespaces))
            let code = SpreadsheetFormula.unprotect(row.values[codeIndex].trimmingCharacters(in: .whitespaces))
            let word = row.values[decisionIndex].trimmingCharacters(in: .whitespaces).lowercased()
            if word.isEmpty { continue }
            guard units.contains(id) else {
                problems.append(InputProblem(file: file, line: row.line, message: "no unit `\(id)` in the project")); continue
            }
            guard codes.contains(code) else {
                problems.append(InputProblem(file: file, line: row.line, message: "`\(code)` is not a code of the current codebook")); continue
            }
            let action: DecisionAction
            switch word {
            case "accepted", "accept", "added", "add", "yes", "ja", "+":
                action = states[id]?.action(code, applies: true) ?? .add
            case "rejected", "reject", "no", "nee", "-":
                action = .reject
            default:
                problems.append(InputProblem(file: file, line: row.line, message: "decision `\(word)` is not one of accepted, added, rejected")); continue
            }
            var passage: Range<Int>?
            let bounds = [startIndex, endIndex].map { $0.map { row.values[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            if bounds != ["", ""] {
                do {
                    guard action != .reject else { throw ProjectError("a passage (start,end) is coded with accepted or added, not rejected") }
                    passage = try Passage.parse(bounds.joined(separator: "-"))
                } catch let error as ProjectError {
                    problems.append(InputProblem(file: file, line: row.line, message: error.description)); continue
                }
            }
            decisions.append(NewDecision(unitID: id, codeID: code, action: action, coder: coder, passage: passage))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        try store.record(decisions)
        print("recorded \(decisions.count) decisions by \(coder)")
    }
}
