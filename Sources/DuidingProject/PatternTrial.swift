import DuidingCodebook
import DuidingStore
import DuidingText
import Foundation

/// Tries patterns on a project: how many units a pattern matches under the latest codebook
/// version, how many of them are new, and examples with the match. Also saves a pattern as a
/// new codebook version and undoes that (`save`, `undo`), and scores the codebook's patterns
/// against the decisions (`stats`).
///
/// The units are tokenised and indexed once (`TrialCorpus`, built on first use and again
/// when units are imported), and the current codes are kept until a decision, a codebook
/// version or a learning run changes them (`ProjectStamp`); then only the units decided since
/// are read again. A try costs the pattern's candidate units, not the project.
///
/// Thread-safe: calls are served one at a time.
public final class PatternTrial: @unchecked Sendable {
    public let store: ProjectStore
    /// Threads for building the index and coding candidates.
    public let workers: Int
    private let lock = NSLock()

    /// Runs `body` holding the trial's lock (for the other files of this type).
    func withLock<T>(_ body: () throws -> T) rethrows -> T { try lock.withLock(body) }
    private var prepared: Prepared?
    /// The current codes and what they were read for (set by a save or undo too).
    var current: Current?
    private var base: Base?

    struct Prepared {
        let units: Int64
        let locale: String
        /// The questions with a codebook of their own, whose units are not in the index.
        let ownCodebooks: [String]
        let ids: [String]
        let corpus: TrialCorpus
    }

    struct Current {
        var stamp: ProjectStamp
        var codes: [String: Set<String>]
    }

    struct Base {
        let version: Int64
        let yaml: String
        let codebook: Codebook
        /// The text read for edits (once per version).
        let source: CodebookEdit.Source
    }

    /// What a pattern matches.
    public struct Result: Sendable {
        public let pattern: String
        public let target: TrialCodebook.Target
        /// The codebook version tried against.
        public let version: Int64
        /// Ids of the matched units, in import order.
        public let matched: [String]
        /// How many matched units are new: the code is not among their current codes (without
        /// a code: they have no code at all).
        public let new: Int
        /// Examples, new ones first, each with the ranges the pattern covered.
        public let examples: [Example]
        /// The pattern as the codebook reads it (with its options).
        public let compiledPattern: Pattern
    }

    public struct Example: Sendable, Hashable {
        public let unitID: String
        public let text: String
        /// The evidence of the pattern in `text`, UTF-16 offsets, end exclusive, in text order.
        public let ranges: [Range<Int>]
        /// Whether the unit is new to the code (see `Result.new`).
        public let isNew: Bool
    }

    public init(store: ProjectStore, workers: Int = ParallelCoding.defaultWorkers) {
        self.store = store
        self.workers = workers
    }

    /// Builds the index and reads the current codes now, so that the first try is fast.
    public func warmUp() throws {
        try lock.withLock {
            let stamp = try store.stamp()
            guard stamp.version != nil else { return }
            let base = try latestBase(stamp)
            _ = try corpus(units: stamp.units, language: LanguageResources.forLanguage(base.codebook.language))
            _ = try currentCodes(stamp)
        }
    }

    /// Tries `pattern` for `target` against the latest codebook version. A bad pattern or
    /// code throws `TrialCodebook.Problem`.
    public func run(pattern: String, target: TrialCodebook.Target = .none, examples: Int = 5) throws -> Result {
        try lock.withLock { try tryLocked(pattern: pattern, target: target, examples: examples, readBack: false).result }
    }

    /// Under the lock: the result, and the prepared codebook (for saving).
    func tryLocked(pattern: String, target: TrialCodebook.Target, examples: Int, readBack: Bool) throws
        -> (result: Result, trial: TrialCodebook, stamp: ProjectStamp, prepared: Prepared) {
        let stamp = try store.stamp()
        let base = try latestBase(stamp)
        let trial = try TrialCodebook(pattern: pattern, target: target, source: base.source, readBack: readBack)
        let prepared = try corpus(units: stamp.units, language: trial.compiled.language)
        let hits = try prepared.corpus.hits(code: 0, of: trial.compiled, workers: workers)
        let codes = try currentCodes(stamp)
        var matched: [String] = []
        var isNew: [Bool] = []
        matched.reserveCapacity(hits.count)
        for hit in hits {
            let id = prepared.ids[hit.index]
            let now = codes[id] ?? []
            matched.append(id)
            switch target {
            case .none: isNew.append(now.isEmpty)
            case .code(let code), .newCode(let code, _): isNew.append(!now.contains(code))
            }
        }
        let order = Array((hits.indices.filter { isNew[$0] } + hits.indices.filter { !isNew[$0] }).prefix(max(0, examples)))
        // Certain matches come without evidence; code those shown.
        let uncoded = order.filter { hits[$0].suggestion == nil }
        let coded = Dictionary(uniqueKeysWithValues: zip(uncoded, try prepared.corpus.suggestions(at: uncoded.map { hits[$0].index }, with: trial.compiled)))
        let shown = order.map { k in
            let suggestion = hits[k].suggestion ?? coded[k]?.first { $0.codeIndex == 0 }
            return Example(unitID: matched[k], text: prepared.corpus.text(hits[k].index),
                           ranges: suggestion?.evidence.map(\.utf16Range) ?? [], isNew: isNew[k])
        }
        let result = Result(pattern: pattern, target: target, version: base.version, matched: matched,
                            new: isNew.count { $0 }, examples: shown, compiledPattern: trial.compiledPattern)
        return (result, trial, stamp, prepared)
    }

    // MARK: - Caches (under the lock)

    func latestBase(_ stamp: ProjectStamp) throws -> Base {
        guard let version = stamp.version else {
            throw ProjectError("the project has no codebook version yet; run `duiding recode` first")
        }
        if let base, base.version == version { return base }
        guard let yaml = try store.latestCodebook()?.yaml else { throw ProjectError("codebook version \(version) is missing") }
        let source: CodebookEdit.Source
        do { source = try CodebookEdit.Source(yaml, file: "codebook version \(version)") } catch let error as InvalidCodebook {
            throw ProjectError("the latest codebook version (\(version)) cannot be read: \(error.description)")
        } catch let failure as CodebookEdit.Failure {
            throw ProjectError("the latest codebook version (\(version)) cannot be edited: \(failure.description)")
        }
        let fresh = Base(version: version, yaml: yaml, codebook: source.codebook, source: source)
        base = fresh
        return fresh
    }

    /// The units the default codebook codes, indexed (a question's own codebook is not tried here).
    func corpus(units: Int64, language: LanguageResources) throws -> Prepared {
        let own = try store.latestCodebooks()?.own.keys.sorted() ?? []
        if let prepared, prepared.units == units, prepared.locale == language.locale, prepared.ownCodebooks == own { return prepared }
        prepared = nil
        let rows = try store.defaultCodedTexts()
        let corpus = try TrialCorpus(texts: rows.map(\.text), language: language, workers: workers)
        let fresh = Prepared(units: units, locale: language.locale, ownCodebooks: own, ids: rows.map(\.id), corpus: corpus)
        prepared = fresh
        return fresh
    }

    /// Current codes per unit id. After new decisions only the units decided since are read.
    func currentCodes(_ stamp: ProjectStamp) throws -> [String: Set<String>] {
        if var current {
            if current.stamp == stamp { return current.codes }
            if current.stamp.version == stamp.version, current.stamp.units == stamp.units, current.stamp.learning == stamp.learning,
               current.stamp.lastDecision < stamp.lastDecision {
                let changed = try store.unitsDecided(after: current.stamp.lastDecision)
                if changed.count <= 2_000 {
                    for id in changed { current.codes[id] = try store.state(unit: id).codes }
                    current.stamp = stamp
                    self.current = current
                    return current.codes
                }
            }
        }
        let codes = try store.states().mapValues(\.codes)
        current = Current(stamp: stamp, codes: codes)
        return codes
    }
}
