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

    /// What screening answer files found: the selected units with personal data, in unit
    /// order, and how many units were selected.
    public struct FileScreening: Sendable {
        public let results: [ScreenedText]
        public let screened: Int
    }

    /// Screens answer files as an import into an empty project would store them (ids,
    /// questions, variables), reading them part by part (`Corpus.Reader`): memory holds a part
    /// and what was found, not every answer. The selection is checked against all the files
    /// once they are read, as `units(files:…)` checks it; repeated ids are refused as an import
    /// refuses them. `notes` gets what was noticed about the files and each very long answer.
    public func screen(files paths: [String], columns: Corpus.Columns, interviewFields: [InterviewNotes.Field] = [],
                       selection: UnitSelection = .all, partBytes: Int = 1 << 20, notes: (String) -> Void = { _ in }) throws -> FileScreening {
        let reader = Corpus.Reader(paths, columns: columns, interviewFields: interviewFields, partBytes: partBytes)
        let tally = SelectionTally(selection)
        var problems: [InputProblem] = []
        var repeated: [InputProblem] = []
        var ids = UniqueIDs()
        var found: [(unit: StoredUnit, result: ScreenedText)] = []
        var read = Corpus(units: [], variableNames: [], notes: [])
        // Only units the selection can take are screened; its conditions are applied at the end.
        // They are screened in batches large enough for the screeners' word memos to pay.
        var pending: [StoredUnit] = []
        func screenPending() {
            let byID = Dictionary(pending.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            found += screen(pending).compactMap { result in byID[result.unitID].map { ($0, result) } }
            pending.removeAll(keepingCapacity: true)
        }
        while let part = try reader.next() {
            problems += part.problems
            for unit in part.corpus.units {
                if let problem = ids.add(unit.id, file: unit.file, line: unit.line) { repeated.append(problem) }
            }
            let batch = try ProjectImport.batch(part.corpus)
            tally.count(batch)
            let units = batch.units.filter(tally.mayTake)
            units.compactMap(Self.longAnswerNote).forEach(notes)
            pending += units
            if pending.count >= ProjectCoding.unitsPerRead { screenPending() }
            read = part.corpus
        }
        screenPending()
        problems += repeated
        if !problems.isEmpty { throw InvalidInput(problems) }
        read.notes.forEach(notes)
        let takes = try tally.resolve(variables: try ProjectImport.batch(read).variables)
        return FileScreening(results: found.filter { takes($0.unit.question, $0.unit.values) }.map(\.result), screened: tally.selected(by: takes))
    }

    /// A note for an answer long enough to be screened in pieces; nil for others.
    public static func longAnswerNote(_ unit: StoredUnit) -> String? {
        guard unit.text.utf16.count > PersonalDataScreener.pieceLength * 16 else { return nil }
        return "note: \(unit.file):\(unit.line): answer \(unit.id) is \(unit.text.utf8.count / 1_000_000) MB; screened in pieces of \(PersonalDataScreener.pieceLength / 1024) K characters"
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

/// What a selection needs to know of units read part by part: how many there are per
/// question (nil: interview turns) and per value of each variable its conditions name, so
/// that it is checked and applied, once every part is read, as `UnitSelection.resolve` does
/// on all units at once.
private final class SelectionTally {
    private let selection: UnitSelection
    private let variables: [String]
    private var questions: [StoredQuestion] = []
    private var groups: [Group: Int] = [:]

    private struct Group: Hashable {
        let question: String?
        let values: [String?]
    }

    init(_ selection: UnitSelection) {
        self.selection = selection
        variables = Set(selection.conditions.map(\.variable)).sorted()
    }

    private func group(_ unit: StoredUnit) -> Group {
        Group(question: unit.question, values: variables.map { unit.values[$0] })
    }

    /// Counts a part's units and adds its questions.
    func count(_ batch: UnitBatch) {
        for question in batch.questions {
            if let i = questions.firstIndex(where: { $0.name == question.name }) {
                questions[i] = StoredQuestion(name: question.name, label: questions[i].label, units: questions[i].units + question.units)
            } else {
                questions.append(question)
            }
        }
        for unit in batch.units { groups[group(unit), default: 0] += 1 }
    }

    /// Whether the selection may take the unit, judged by its question alone.
    func mayTake(_ unit: StoredUnit) -> Bool {
        if selection.interviews { return unit.kind == .interview }
        return selection.question.map { unit.question == $0 } ?? true
    }

    /// Checks the selection against every unit counted and returns which units it takes, by
    /// their question and values.
    func resolve(variables stored: [Variable]) throws -> (_ question: String?, _ values: [String: String]) -> Bool {
        let source = try selection.source(questions: questions, hasInterviews: groups.keys.contains { $0.question == nil })
        let inSource: (String?) -> Bool = { question in
            switch source {
            case .interviews: return question == nil
            case .question(let name): return question == name
            }
        }
        let conditions = try selection.storedConditions(variables: stored) { name in
            guard let i = variables.firstIndex(of: name) else { return [] }
            return Set(groups.keys.filter { inSource($0.question) }.compactMap { $0.values[i] })
        }
        return { question, values in inSource(question) && conditions.allSatisfy { $0.admits(values) } }
    }

    /// How many units counted `takes` takes.
    func selected(by takes: (_ question: String?, _ values: [String: String]) -> Bool) -> Int {
        groups.reduce(0) { total, entry in
            let values = Dictionary(zip(variables, entry.key.values).compactMap { name, value in value.map { (name, $0) } },
                                    uniquingKeysWith: { a, _ in a })
            return total + (takes(entry.key.question, values) ? entry.value : 0)
        }
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
