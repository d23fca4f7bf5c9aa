import DuidingCodebook
import DuidingInput
import DuidingStore

/// Answer files and interview notes into a project, one way for every caller: `duiding
/// import`, and answer files opened as a project in memory (`CodedCorpus.files`).
public enum ProjectImport {
    /// Gets the number of coding batches done.
    public typealias Progress = @Sendable (_ batchesDone: Int) -> Void

    /// The store's units for a corpus: answers with their question and respondent, and
    /// interview turns (units without a question).
    public static func newUnits(_ corpus: Corpus) -> [NewUnit] {
        corpus.units.map {
            var unit = NewUnit(id: $0.id, text: $0.text, kind: $0.question == nil ? .interview : .answer, values: $0.values,
                               file: $0.file, line: $0.line, question: $0.question, respondent: $0.respondent)
            unit.prompt = $0.prompt
            return unit
        }
    }

    /// Imports a corpus in one transaction: its units, variables and questions, and, when the
    /// project has a codebook, the units' suggestions under its latest version (all or
    /// nothing). Returns the units as stored (an answer to a question its respondent had not
    /// answered yet may get the id `RESPONDENT/QUESTION`).
    @discardableResult
    public static func importCorpus(_ corpus: Corpus, into store: ProjectStore, source: String,
                                    progress: Progress? = nil) throws -> [StoredUnit] {
        let units = newUnits(corpus)
        let codebooks = try store.latestCodebooks()
        let suggestions = try codebooks.map { try ProjectCoding.code(units.map { ($0.id, $0.text, $0.question) }, with: $0, progress: progress) } ?? []
        return try store.importUnits(units, file: source, variables: variables(corpus), questionLabels: questionLabels(corpus),
                                     skipped: corpus.skipped.count, suggestions: suggestions, codedWith: codebooks?.version)
    }

    /// What an import of `corpus` into an empty project stores, without writing it anywhere:
    /// for read-only work on answer files (screening them). It refuses what the import refuses.
    public static func batch(_ corpus: Corpus) throws -> UnitBatch {
        try UnitBatch(newUnits(corpus), variables: variables(corpus), questionLabels: questionLabels(corpus))
    }

    private static func variables(_ corpus: Corpus) -> [Variable] {
        corpus.variableNames.map { Variable(name: $0, label: corpus.variableLabels[$0] ?? "", valueOrder: corpus.valueOrders[$0] ?? []) }
    }

    private static func questionLabels(_ corpus: Corpus) -> [String: String] {
        Dictionary(corpus.questions.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
    }

    /// Answer files (and interview notes) as a project in memory, coded with a codebook: what
    /// `init`, `import` and `recode` would make of them, without a file. Notes on the input
    /// (encoding guesses, warnings) go to `notes`.
    public static func inMemoryProject(_ paths: [String], columns: Corpus.Columns, interviewFields: [InterviewNotes.Field] = [],
                                       codebookYAML: String, codebookSource: String,
                                       notes: (String) -> Void = { _ in }, progress: Progress? = nil) throws -> ProjectStore {
        let corpus = try Corpus.load(paths, columns: columns, interviewFields: interviewFields)
        corpus.notes.forEach(notes)
        let compiled = try CompiledCodebook(CodebookLoader.parse(codebookYAML, file: codebookSource))
        let store = try ProjectStore.inMemory()
        try importCorpus(corpus, into: store, source: paths.joined(separator: ", "))
        try store.addCodebookVersion(name: compiled.codebook.name, source: codebookSource, yaml: codebookYAML,
                                     codes: ProjectCoding.storedCodes(compiled.codebook), ifLatestIs: nil,
                                     batchSize: ProjectCoding.unitsPerRead, coding: ProjectCoding.batches(with: compiled, progress: progress))
        return store
    }

    /// What an import of `corpus` would store, for `import --dry-run`: per file its units;
    /// per interview its header fields, its speakers with their turns, and its warnings (lines
    /// that look like a speaker label but are not taken as one, …).
    public static func preview(_ corpus: Corpus) -> [String] {
        var lines: [String] = []
        var files: [String] = []
        for unit in corpus.units where files.last != unit.file && !files.contains(unit.file) { files.append(unit.file) }
        for notes in corpus.interviews where !files.contains(notes.path) { files.append(notes.path) }
        for file in files {
            guard let notes = corpus.interviews.first(where: { $0.path == file }) else {
                let units = corpus.units.filter { $0.file == file }
                let questions = Set(units.compactMap(\.question)).sorted()
                lines.append("\(file): \(units.count) answers" + (questions.isEmpty ? "" : " (\(questions.joined(separator: ", ")))"))
                continue
            }
            lines.append("\(file): \(notes.turns.count) turns, \(notes.respondentTurns.count) of them respondent turns (units)")
            lines.append("  fields: " + (notes.fields.isEmpty ? "none" : notes.fields.map { "\($0.key) = \($0.value)" }.joined(separator: "; ")))
            var speakers: [(String, Int)] = []
            for turn in notes.turns {
                if let i = speakers.firstIndex(where: { $0.0 == turn.speaker }) { speakers[i].1 += 1 } else { speakers.append((turn.speaker, 1)) }
            }
            for (speaker, count) in speakers {
                let role = notes.interviewers.contains(speaker.lowercased()) ? " (interviewer)" : ""
                lines.append("  \(speaker)\(role): \(count) \(count == 1 ? "turn" : "turns")")
            }
            for warning in notes.warnings { lines.append("  warning: \(warning)") }
        }
        return lines
    }

    /// The corpus's notes that `preview` does not show already (its interviews' warnings).
    public static func notesBesidesPreview(_ corpus: Corpus) -> [String] {
        let shown = Set(corpus.interviews.flatMap { $0.warnings.map { "warning: \($0)" } })
        return corpus.notes.filter { !shown.contains($0) }
    }
}
