import GRDB

/// One row of `export --what codes`: a code that was suggested or decided for a unit.
public struct CodeRow: Sendable, Hashable {
    public let unitID: String
    public let codeID: String
    /// Suggested now (by a pattern, by learning, or both), whatever was decided.
    public let suggested: Bool
    /// `accepted`, `added`, `rejected`, or empty.
    public let decision: String
    public let coder: String
    /// The coded passage's text; else the matched text of a pattern, or the words that weighed
    /// most in a learned suggestion.
    public let evidence: String
    /// `pattern`, `learned` or `both`; empty for a code only a person gave.
    public let source: String
    /// The model's probability, when a model had one for this code; empty otherwise.
    public let confidence: Double?
    /// The coded passage (Unicode scalar offsets); nil for a code on the whole unit. A code
    /// coded in several passages has a row per passage.
    public var passage: Range<Int>? = nil
}

extension ProjectStore {
    /// Every suggested or decided code (a row per passage) per unit, in import order and code order, read in one
    /// snapshot.
    public func codeRows() throws -> [CodeRow] {
        var rows: [CodeRow] = []
        try forEachCodeRow { rows.append($0) }
        return rows
    }

    /// The rows of `codeRows()`, handed to `body` one unit at a time as they are read: only
    /// the decisions and the learned suggestions are held, never every unit's suggestions.
    public func forEachCodeRow(_ body: (CodeRow) throws -> Void) throws {
        try forEachCodedUnit { try Self.codeRows($0, body) }
    }

    /// Every unit of `source` (nil: of the project) in import order with what the latest
    /// codebook version and the decisions say of it, and its stored values of `variables`,
    /// handed to `body` as it is read, in one snapshot: only the decisions and the learned
    /// suggestions are held, never every unit's text or suggestions. Nothing is handed out
    /// before the first `recode`.
    public func forEachCodedUnit(in source: UnitSource? = nil, variables: [String] = [], _ body: (UnitCoding) throws -> Void) throws {
        try read { db in
            guard let version = try Self.latestCodebook(db)?.id else { return }
            let learned = try Self.learned(db, version: version, unit: nil)
            var logs: [String: [Decision]] = [:]
            for d in try Self.decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
            let valueColumns = variables.map { _ in ", (SELECT value FROM unit_value WHERE unit_id = u.id AND variable = ?)" }.joined()
            var arguments = StatementArguments(variables)
            arguments += [version]
            let filter: String
            switch source {
            case nil: filter = ""
            case .question(let name)?: filter = "WHERE u.question = ?"; arguments += [name]
            case .interviews?: filter = "WHERE u.kind = 'interview'"
            }
            // Each unit in import order with its suggestions' evidence, put in text order here (by
            // start, then as stored): sorting a unit's few rows in SQL took a temporary b-tree per unit.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT u.position, u.id, u.text, u.respondent, s.code_id, s.start16, s.end16, s.pattern, s.rowid\(valueColumns)
                FROM unit u LEFT JOIN suggestion s ON s.version_id = ? AND s.unit_id = u.id \(filter)
                ORDER BY u.position
                """, arguments: arguments)
            var unit: (position: Int, id: String, text: String, respondent: String, values: [String: String])?
            var evidence: [StoredSuggestion] = [], rowids: [Int64] = []
            func finish() throws {
                guard let unit else { return }
                let order = { (i: Int, j: Int) in (evidence[i].utf16Range.lowerBound, rowids[i]) < (evidence[j].utf16Range.lowerBound, rowids[j]) }
                if !evidence.indices.dropFirst().allSatisfy({ !order($0, $0 - 1) }) {
                    evidence = evidence.indices.sorted(by: order).map { evidence[$0] }
                }
                try body(UnitCoding(id: unit.id, text: unit.text, evidence: evidence, learned: learned.isEmpty ? [] : learned[unit.id] ?? [],
                                    log: logs.isEmpty ? [] : logs[unit.id] ?? [], respondent: unit.respondent, values: unit.values))
            }
            while let row = try rows.next() {
                let position: Int = row[0]
                if unit?.position != position {
                    try finish()
                    let id: String = row[1]
                    // A unit without evidence, decisions or learned codes has no codes: its text is not read.
                    let coded = !row.hasNull(atIndex: 4) || (!logs.isEmpty && logs[id] != nil) || (!learned.isEmpty && learned[id] != nil)
                    var values: [String: String] = [:]
                    for (i, name) in variables.enumerated() { if let value: String = row[9 + i] { values[name] = value } }
                    unit = (position, id, coded ? row[2] : "", row[3], values)
                    evidence = []
                    rowids = []
                }
                if let unit, let code: String = row[4] {
                    evidence.append(StoredSuggestion(unitID: unit.id, codeID: code, pattern: row[7], utf16Range: (row[5] as Int)..<(row[6] as Int)))
                    rowids.append(row[8])
                }
            }
            try finish()
        }
    }

    /// One unit's rows: the first pattern evidence per code; the codes suggested are those of
    /// `suggested_code` (the patterns' less those a model overrules, and the model's own).
    private static func codeRows(_ unit: UnitCoding, _ body: (CodeRow) throws -> Void) throws {
        let id = unit.id, text = unit.text, state = unit.state
        var evidence: [String: Range<Int>] = [:]
        for e in unit.evidence where evidence[e.codeID] == nil { evidence[e.codeID] = e.utf16Range }
        let unitLearned = Dictionary(unit.learned.map { ($0.codeID, $0) }, uniquingKeysWith: { a, _ in a })
        let codes = state.suggested.union(state.decided.keys).sorted()
        guard !codes.isEmpty else { return }
        let utf16 = Array(text.utf16)
        func slice(_ r: Range<Int>) -> String { String(decoding: utf16[r.clamped(to: 0..<utf16.count)], as: UTF16.self) }
        for code in codes {
            let decision = state.decided[code]
            let pattern = evidence[code]
            let model = unitLearned[code]
            let source: String
            switch (pattern != nil && model?.source != .vetoed, model?.source) {
            case (_, .learned?): source = "learned"
            case (true, .both?): source = "both"
            case (true, _): source = "pattern"
            default: source = ""
            }
            let words = pattern.map(slice) ?? model.map { $0.evidence.map(slice).joined(separator: " … ") } ?? ""
            for passage in state.passages[code]?.map(Optional.some) ?? [nil] {
                try body(CodeRow(unitID: id, codeID: code, suggested: state.suggested.contains(code),
                                 decision: decision.map { ["accept": "accepted", "add": "added", "reject": "rejected"][$0.action.rawValue] ?? "" } ?? "",
                                 coder: decision?.coder ?? "", evidence: passage.map { Passage.text($0, of: text) } ?? words, source: source,
                                 confidence: model?.confidence, passage: passage))
            }
        }
    }
}

/// Which units a stream reads: the answers to one question, or the interview turns.
public enum UnitSource: Sendable, Hashable {
    case question(String)
    case interviews

    /// The question; nil for the interview turns.
    public var question: String? {
        if case .question(let name) = self { return name }
        return nil
    }
}

/// One unit as the latest codebook version and the decisions code it (see `forEachCodedUnit`).
public struct UnitCoding: Sendable {
    public let id: String
    /// The text; empty for a unit without evidence, decisions or learned codes (it has no codes).
    public let text: String
    /// The latest version's pattern evidence, earliest first.
    public let evidence: [StoredSuggestion]
    public let learned: [LearnedSuggestion]
    /// The unit's decisions, oldest first.
    public let log: [Decision]
    public let respondent: String
    /// The stored values of the variables the stream was asked for, where the unit has them.
    public let values: [String: String]

    /// The codes suggested: the patterns' less those a model overrules, and the model's own
    /// (as `suggested_code`).
    public var suggested: Set<String> {
        var codes = Set(evidence.map(\.codeID))
        for l in learned {
            switch l.source {
            case .vetoed: codes.remove(l.codeID)
            case .learned: codes.insert(l.codeID)
            case .both: break
            }
        }
        return codes
    }

    /// Decisions where they exist, else the suggestions.
    public var state: UnitState { UnitState(suggested: suggested, log: log) }
}
