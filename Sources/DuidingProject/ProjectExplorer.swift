import DuidingAnalysis
import DuidingCodebook
import DuidingStore
import DuidingText
import Foundation

/// A project's units as `duiding explore` reads them: every unit with its group values, the
/// language of the latest codebook version (Dutch before there is one), and which units have
/// no current code. The command line and the review server both read a project through this.
public struct ProjectExploreInput: Sendable {
    public let texts: [ExploreText]
    /// The project's variables, in import order.
    public let variables: [String]
    /// ISO 639-1 code of the latest codebook version, or `nl`.
    public let language: String

    /// Reads the units and variables of `store`.
    public init(_ store: ProjectStore) throws {
        texts = try store.units().map { ExploreText(id: $0.id, text: $0.text, values: $0.values) }
        variables = try store.variables().map(\.name)
        language = try Self.language(of: store)
    }

    /// The language of the latest codebook version, `nl` without one.
    static func language(of store: ProjectStore) throws -> String {
        guard let version = try store.latestCodebook() else { return "nl" }
        return try CodebookLoader.parse(version.yaml, file: "codebook version \(version.id)").language
    }

    /// Whether a unit with `current` codes has none of the codebook's `codes` (a code an older
    /// version had does not count).
    static func isUncoded(_ current: Set<String>?, codes: Set<String>) -> Bool {
        current?.isDisjoint(with: codes) ?? true
    }
}

/// The analyses of `duiding explore PROJECT` for a server that answers many of them: the units
/// are segmented once (`ExploreCorpus`, again only after an import or a codebook of another
/// language), keyword-in-context searches use the pattern trial's index of the units, and
/// "uncoded" restricts to the units without a current code at the time of the request
/// (the trial's cached codes, brought up to date after new decisions).
///
/// Thread-safe; building the corpus happens under a lock, so concurrent first requests wait
/// for one build.
public final class ProjectExplorer: @unchecked Sendable {
    /// The trial whose index and current codes the explorer uses (shared with the codebook panel).
    public let trial: PatternTrial
    private let lock = NSLock()
    private var built: Built?

    private struct Built {
        let units: Int64
        /// The codebook version whose language `language` is.
        var version: Int64?
        let language: String
        let input: ProjectExploreInput
        let corpus: ExploreCorpus
    }

    /// What the analyses of one request look at.
    public struct Scope: Sendable {
        /// The corpus, restricted to the units without a code when that was asked.
        public let corpus: ExploreCorpus
        /// Units in scope, and in the project.
        public let texts: Int
        public let allTexts: Int
        public let language: String
        public let variables: [String]
    }

    public init(trial: PatternTrial) {
        self.trial = trial
    }

    /// The corpus for an analysis: every unit, or (`uncoded`) those without a current code.
    public func scope(uncoded: Bool) throws -> Scope {
        let stamp = try trial.store.stamp()
        let built = try corpus(stamp)
        guard uncoded else {
            return Scope(corpus: built.corpus, texts: built.input.texts.count, allTexts: built.input.texts.count,
                         language: built.language, variables: built.input.variables)
        }
        let uncodedIDs = try self.uncodedIDs(stamp, among: built.input.texts.map(\.id))
        let indices = built.input.texts.indices.filter { uncodedIDs.contains(built.input.texts[$0].id) }
        return Scope(corpus: built.corpus.restricted(to: indices), texts: indices.count, allTexts: built.input.texts.count,
                     language: built.language, variables: built.input.variables)
    }

    /// Keyword in context for a pattern typed in the codebook's syntax (as `--kwic`; `fuzzy`
    /// as `--fuzzy`). A bad pattern throws `InvalidCodebook` located at `origin:1:COLUMN`.
    public func keywordsInContext(_ source: String, window: Int, fuzzy: Bool = false, uncoded: Bool = false,
                                  origin: String = "--kwic") throws -> (rows: [KWICRow], texts: Int) {
        let stamp = try trial.store.stamp()
        let built = try corpus(stamp)
        let language = built.language
        let pattern = try Pattern.standalone(source, language: language, origin: origin, fuzzy: fuzzy)
        let only = uncoded ? try uncodedIDs(stamp, among: built.input.texts.map(\.id)) : nil
        return try trial.withLock {
            let prepared = try trial.corpus(units: stamp.units, language: LanguageResources.forLanguage(language))
            let indices = only.map { ids in Set(prepared.ids.indices.filter { ids.contains(prepared.ids[$0]) }) }
            let rows = try ExploreMatching.keywordsInContext(pattern, in: prepared.corpus, ids: prepared.ids, only: indices,
                                                             window: window, workers: trial.workers)
            return (rows, indices?.count ?? prepared.ids.count)
        }
    }

    /// The corpus of the units `stamp` counts; segmented again only after an import, or when
    /// a new codebook version has another language.
    private func corpus(_ stamp: ProjectStamp) throws -> Built {
        try lock.withLock {
            if var built, built.units == stamp.units {
                if built.version == stamp.version { return built }
                if try ProjectExploreInput.language(of: trial.store) == built.language {
                    built.version = stamp.version
                    self.built = built
                    return built
                }
            }
            self.built = nil
            let language = try ProjectExploreInput.language(of: trial.store)
            let input = try ProjectExploreInput(trial.store)
            let corpus = try ExploreCorpus(input.texts, language: LanguageResources.forLanguage(language),
                                           stopWords: StopWords.forLanguage(language) ?? [], variables: input.variables,
                                           workers: trial.workers)
            let fresh = Built(units: stamp.units, version: stamp.version, language: language, input: input, corpus: corpus)
            built = fresh
            return fresh
        }
    }

    /// Which of `ids` have no current code of the latest version, from the trial's cached codes.
    private func uncodedIDs(_ stamp: ProjectStamp, among ids: [String]) throws -> Set<String> {
        try trial.withLock {
            let codes = Set(try trial.latestBase(stamp).codebook.codes.map(\.id))
            let current = try trial.currentCodes(stamp)
            return Set(ids.filter { ProjectExploreInput.isUncoded(current[$0], codes: codes) })
        }
    }
}
