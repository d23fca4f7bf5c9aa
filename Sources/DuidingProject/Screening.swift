import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingStore
import Foundation

/// Screens a project's units (or answer files opened as a project in memory) for personal
/// data. It only reads: the stored text is never changed; redaction is a proposal.
public struct Screening: Sendable {
    public var screener = PersonalDataScreener.dutch
    /// The kinds to report.
    public var kinds: Set<PersonalDataKind>
    /// Findings below this risk are left out (a place name on its own is `.low`).
    public var minRisk: PersonalDataRisk

    public init(kinds: Set<PersonalDataKind> = Set(PersonalDataKind.allCases), minRisk: PersonalDataRisk = .low) {
        self.kinds = kinds
        self.minRisk = minRisk
    }

    /// Kinds from a setting such as `naam,email,kenteken` (raw values or Dutch names);
    /// an unknown name is an error naming the known ones.
    public static func kinds(parsing names: [String]) throws -> Set<PersonalDataKind> {
        var kinds: Set<PersonalDataKind> = []
        for name in names.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let kind = PersonalDataKind(named: name) else {
                throw SelectionError("unknown kind of personal data `\(name)`; the kinds are "
                    + PersonalDataKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            kinds.insert(kind)
        }
        return kinds
    }

    /// The selected units of a project, as stored.
    public static func units(_ store: ProjectStore, selection: UnitSelection = .all) throws -> [StoredUnit] {
        try selection.resolve(try store.units(), questions: try store.questions(), variables: try store.variables())
    }

    /// The selected units of answer files as an import into an empty project stores them
    /// (ids, positions, questions, variables), without writing them anywhere: screening only
    /// reads, and a project in memory would cost as much as the screening itself.
    public static func units(files paths: [String], columns: Corpus.Columns, interviewFields: [InterviewNotes.Field] = [],
                             selection: UnitSelection = .all, notes: (String) -> Void = { _ in }) throws -> [StoredUnit] {
        let corpus = try Corpus.load(paths, columns: columns, interviewFields: interviewFields)
        corpus.notes.forEach(notes)
        let batch = try ProjectImport.batch(corpus)
        return try selection.resolve(batch.units, questions: batch.questions, variables: batch.variables)
    }

    /// The units with personal data, in unit order, screened on all cores.
    public func screen(_ units: [StoredUnit], workers: Int = ParallelCoding.defaultWorkers) -> [ScreenedText] {
        let state = ScreenState(count: units.count)
        let screener = screener, kinds = kinds, minRisk = minRisk
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, units.count))) { _ in
            let memo = WordMemo()
            while let range = state.nextBatch() {
                for index in range {
                    let unit = units[index]
                    let findings = screener.findings(in: unit.text, kinds: kinds, memo: memo).filter { $0.risk >= minRisk }
                    if !findings.isEmpty {
                        state.store(ScreenedText(unitID: unit.id, file: unit.file, line: unit.line, text: unit.text, findings: findings), at: index)
                    }
                }
            }
        }
        return state.results()
    }
}

/// Hands out batches of indices to threads and collects their results.
private final class ScreenState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var found: [Int: ScreenedText] = [:]
    private static let batch = 256

    init(count: Int) { self.count = count }

    func nextBatch() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        let r = nextIndex..<min(count, nextIndex + Self.batch)
        nextIndex = r.upperBound
        return r
    }

    func store(_ result: ScreenedText, at index: Int) {
        lock.lock()
        found[index] = result
        lock.unlock()
    }

    func results() -> [ScreenedText] { found.keys.sorted().compactMap { found[$0] } }
}

extension Screening {
    /// Every unit's text with its findings replaced by placeholders (unchanged where there are none).
    public func redactedTexts(_ units: [StoredUnit]) -> [String] {
        let found = Dictionary(screen(units).map { ($0.unitID, $0.redacted) }, uniquingKeysWith: { a, _ in a })
        return units.map { found[$0.id] ?? $0.text }
    }
}
