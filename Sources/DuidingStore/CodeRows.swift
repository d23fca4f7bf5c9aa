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
        try read { db in
            guard let version = try Self.latestCodebook(db)?.id else { return }
            let learned = try Self.learned(db, version: version, unit: nil)
            var logs: [String: [Decision]] = [:]
            for d in try Self.decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
            // Each unit (in import order) with its suggestions' evidence, earliest first.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT u.id, u.text, s.code_id, s.start16, s.end16 FROM unit u
                LEFT JOIN suggestion s ON s.version_id = ? AND s.unit_id = u.id
                ORDER BY u.position, s.start16, s.rowid
                """, arguments: [version])
            var unit: (id: String, text: String)?
            var evidence: [String: Range<Int>] = [:]
            func finish() throws {
                guard let (id, text) = unit else { return }
                try Self.codeRows(id: id, text: text, evidence: evidence, learned: learned[id] ?? [], log: logs[id] ?? [], body)
            }
            while let row = try rows.next() {
                let id: String = row[0]
                if unit?.id != id {
                    try finish()
                    unit = (id, row[1])
                    evidence = [:]
                }
                if let code: String = row[2], evidence[code] == nil { evidence[code] = (row[3] as Int)..<(row[4] as Int) }
            }
            try finish()
        }
    }

    /// One unit's rows: `evidence` is the first pattern evidence per code; the codes suggested
    /// are those of `suggested_code` (the patterns' less those a model overrules, and the
    /// model's own).
    private static func codeRows(id: String, text: String, evidence: [String: Range<Int>], learned: [LearnedSuggestion],
                                 log: [Decision], _ body: (CodeRow) throws -> Void) throws {
        let unitLearned = Dictionary(learned.map { ($0.codeID, $0) }, uniquingKeysWith: { a, _ in a })
        var suggested = Set(evidence.keys.filter { unitLearned[$0]?.source != .vetoed })
        for l in learned where l.source == .learned { suggested.insert(l.codeID) }
        let state = UnitState(suggested: suggested, log: log)
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
