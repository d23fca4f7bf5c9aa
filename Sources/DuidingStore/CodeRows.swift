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
    /// The matched text of a pattern, or the words that weighed most in a learned suggestion.
    public let evidence: String
    /// `pattern`, `learned` or `both`; empty for a code only a person gave.
    public let source: String
    /// The model's probability, when a model had one for this code; empty otherwise.
    public let confidence: Double?
}

extension ProjectStore {
    /// Every suggested or decided code per unit, in import order and code order, read in one
    /// snapshot.
    public func codeRows() throws -> [CodeRow] {
        try read { db in
            guard let version = try Self.latestCodebook(db)?.id else { return [] }
            var evidence: [String: [String: Range<Int>]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id, start16, end16 FROM suggestion WHERE version_id = ? ORDER BY start16",
                                           arguments: [version])
            while let row = try rows.next() {
                let unit: String = row[0], code: String = row[1]
                if evidence[unit]?[code] == nil { evidence[unit, default: [:]][code] = (row[2] as Int)..<(row[3] as Int) }
            }
            let learned = try Self.learned(db, version: version, unit: nil)
            var suggested: [String: Set<String>] = [:]
            let codes = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id FROM suggested_code WHERE version_id = ?", arguments: [version])
            while let row = try codes.next() { suggested[row[0] as String, default: []].insert(row[1]) }
            var logs: [String: [Decision]] = [:]
            for d in try Self.decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
            var out: [CodeRow] = []
            let units = try Row.fetchCursor(db, sql: "SELECT id, text FROM unit ORDER BY position")
            while let row = try units.next() {
                let id: String = row[0], text: String = row[1]
                let state = UnitState(suggested: suggested[id] ?? [], log: logs[id] ?? [])
                let unitLearned = Dictionary((learned[id] ?? []).map { ($0.codeID, $0) }, uniquingKeysWith: { a, _ in a })
                let codes = state.suggested.union(state.decided.keys).sorted()
                guard !codes.isEmpty else { continue }
                let utf16 = Array(text.utf16)
                func slice(_ r: Range<Int>) -> String { String(decoding: utf16[r.clamped(to: 0..<utf16.count)], as: UTF16.self) }
                for code in codes {
                    let decision = state.decided[code]
                    let pattern = evidence[id]?[code]
                    let model = unitLearned[code]
                    let source: String
                    switch (pattern != nil && model?.source != .vetoed, model?.source) {
                    case (_, .learned?): source = "learned"
                    case (true, .both?): source = "both"
                    case (true, _): source = "pattern"
                    default: source = ""
                    }
                    let words = pattern.map(slice) ?? model.map { $0.evidence.map(slice).joined(separator: " … ") } ?? ""
                    out.append(CodeRow(unitID: id, codeID: code, suggested: state.suggested.contains(code),
                                       decision: decision.map { ["accept": "accepted", "add": "added", "reject": "rejected"][$0.action.rawValue] ?? "" } ?? "",
                                       coder: decision?.coder ?? "", evidence: words, source: source, confidence: model?.confidence))
                }
            }
            return out
        }
    }
}
