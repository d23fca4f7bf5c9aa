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

    /// What an import stored.
    public struct Summary: Sendable {
        /// Units stored.
        public let units: Int
        /// The questions of the units stored, in order of first answer, with their answers.
        public let questions: [StoredQuestion]
        /// Broken rows left out (with `skipBadRows`).
        public let skipped: [InputProblem]
    }

    /// Imports answer files and interview notes in one transaction, reading them part by part
    /// (`Corpus.Reader`) and storing each batch as it is read, so memory stays bounded however
    /// large the files are: the units, their variables and questions, and, when the project has
    /// a codebook, the units' suggestions under its latest version. All or nothing: every
    /// problem of the input (broken rows, empty or repeated ids) is found in one pass and
    /// thrown together as `InvalidInput`, and then nothing is imported. An answer to a
    /// question its respondent had not answered yet may get the id `RESPONDENT/QUESTION`.
    /// `notes` gets what was noticed about the files (encodings, interview warnings) once they
    /// are read; `progress` the parts read and about how many there are.
    @discardableResult
    public static func importFiles(_ paths: [String], columns: Corpus.Columns, skipBadRows: Bool = false,
                                   interviewFields: [InterviewNotes.Field] = [], into store: ProjectStore, partBytes: Int = 1 << 20,
                                   notes: (String) -> Void = { _ in },
                                   progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Summary {
        let reader = Corpus.Reader(paths, columns: columns, skipBadRows: skipBadRows, interviewFields: interviewFields, partBytes: partBytes)
        let parts = reader.expectedParts
        return try store.importUnits(file: paths.joined(separator: ", ")) { importing in
            let codebooks = try importing.codebooks.map(ProjectCoding.CompiledVersion.init)
            // Coding takes batches large enough for its coders to learn the words (see `unitsPerRead`).
            let unitsPerBatch = codebooks == nil ? 1 : ProjectCoding.unitsPerRead
            var problems: [InputProblem] = []
            var pending: [NewUnit] = []
            var read = Corpus(units: [], variableNames: [], notes: [])
            func store() throws {
                let stored = try importing.add(pending, variables: variables(read), questionLabels: questionLabels(read))
                if let codebooks { try importing.addSuggestions(ProjectCoding.code(stored, with: codebooks)) }
                pending.removeAll(keepingCapacity: true)
            }
            var done = 0
            while let part = try reader.next() {
                problems += part.problems
                pending += newUnits(part.corpus)
                read = part.corpus
                if pending.count >= unitsPerBatch { try store() }
                done += 1
                progress(min(done, parts), parts)
            }
            // The last part has no units but every variable, also of files without answers.
            try store()
            read.notes.forEach(notes)
            problems += importing.repeated.map { InputProblem(file: $0.file, line: $0.line, message: $0.message) }
            if !problems.isEmpty { throw InvalidInput(problems) }
            importing.skipped = read.skipped.count
            return Summary(units: importing.count, questions: importing.questions, skipped: read.skipped)
        }
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
        let compiled = try CompiledCodebook(CodebookLoader.parse(codebookYAML, file: codebookSource))
        let store = try ProjectStore.inMemory()
        try importFiles(paths, columns: columns, interviewFields: interviewFields, into: store, notes: notes)
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
