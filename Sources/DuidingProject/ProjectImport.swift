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
            NewUnit(id: $0.id, text: $0.text, kind: $0.question == nil ? .interview : .answer, values: $0.attributes,
                    file: $0.file, line: $0.line, question: $0.question, respondent: $0.respondent)
        }
    }

    /// Imports a corpus in one transaction: its units, variables and questions, and, when the
    /// project has a codebook, the units' suggestions under its latest version (all or
    /// nothing). Returns the units as stored (an answer to a question its respondent had not
    /// answered yet may get the id `RESPONDENT/QUESTION`).
    @discardableResult
    public static func importCorpus(_ corpus: Corpus, into store: ProjectStore, source: String,
                                    progress: Progress? = nil) throws -> [NewUnit] {
        let units = newUnits(corpus)
        let variables = corpus.attributeNames.map { Variable(name: $0, label: corpus.attributeLabels[$0] ?? "") }
        let labels = Dictionary(corpus.questions.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
        let codebooks = try store.latestCodebooks()
        let suggestions = try codebooks.map { try ProjectCoding.code(units.map { ($0.id, $0.text, $0.question) }, with: $0, progress: progress) } ?? []
        return try store.importUnits(units, file: source, variables: variables, questionLabels: labels,
                                     skipped: corpus.skipped.count, suggestions: suggestions, codedWith: codebooks?.version)
    }

    /// Answer files (and interview notes) as a project in memory, coded with a codebook: what
    /// `init`, `import` and `recode` would make of them, without a file. Notes on the input
    /// (encoding guesses, warnings) go to `notes`.
    public static func inMemoryProject(_ paths: [String], columns: Corpus.Columns, codebookYAML: String, codebookSource: String,
                                       notes: (String) -> Void = { _ in }, progress: Progress? = nil) throws -> ProjectStore {
        let corpus = try Corpus.load(paths, columns: columns)
        corpus.notes.forEach(notes)
        let compiled = try CompiledCodebook(CodebookLoader.parse(codebookYAML, file: codebookSource))
        let store = try ProjectStore.inMemory()
        let units = try importCorpus(corpus, into: store, source: paths.joined(separator: ", "))
        let suggestions = try ParallelCoding.code(units.map(\.text), with: compiled, progress: progress)
        _ = try store.addCodebookVersion(name: compiled.codebook.name, source: codebookSource, yaml: codebookYAML,
                                         codes: ProjectCoding.storedCodes(compiled.codebook),
                                         suggestions: ProjectCoding.storedSuggestions(units.map(\.id), suggestions), ifLatestIs: nil)
        return store
    }
}
