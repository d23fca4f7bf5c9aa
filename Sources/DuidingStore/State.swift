import GRDB

/// The state of one unit derived from suggestions and the decision log.
public struct UnitState: Sendable, Hashable {
    /// Codes that apply now: decisions where they exist, else the suggestions.
    public let codes: Set<String>
    /// Codes the latest codebook suggests.
    public let suggested: Set<String>
    /// Per code, the effective human decision (accept, add or reject) and who made it.
    public let decided: [String: (action: DecisionAction, coder: String)]
    /// Coders who made a (not undone) decision on the unit other than a memo.
    public let reviewedBy: Set<String>
    /// The latest memo, if any.
    public let memo: String?
    /// Per code that applies to passages only, its passages (Unicode scalar offsets) in the
    /// order coded; a code without an entry applies to the whole unit. A unit counts once
    /// for a code however many passages it has.
    public let passages: [String: [Range<Int>]]

    public static func == (a: UnitState, b: UnitState) -> Bool {
        a.codes == b.codes && a.suggested == b.suggested && a.reviewedBy == b.reviewedBy && a.memo == b.memo && a.passages == b.passages
            && a.decided.mapValues { "\($0.action.rawValue) \($0.coder)" } == b.decided.mapValues { "\($0.action.rawValue) \($0.coder)" }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(codes) }

    /// The decision that says `code` applies (or not): applying a suggested code accepts it,
    /// applying any other adds it; not applying rejects it, suggested or not.
    public func action(_ code: String, applies: Bool) -> DecisionAction {
        applies ? (suggested.contains(code) ? .accept : .add) : .reject
    }

    /// Replays the log (oldest first) over the suggestions. A decision with a passage adds the
    /// passage to the code's; one on the whole unit (or a rejection) ends them. A final decision (a lead's
    /// reconciliation) on a code holds against later ordinary decisions on it; a later final
    /// one replaces it. With `coder`, only that coder's decisions count, all alike (for
    /// agreement between coders, and a coder's own view).
    public init(suggested: Set<String>, log: [Decision], coder: String? = nil) {
        let undone = Set(log.compactMap(\.undoes))
        var codes = suggested
        var decided: [String: (action: DecisionAction, coder: String)] = [:]
        var reviewedBy: Set<String> = []
        var memo: String?
        var passages: [String: [Range<Int>]] = [:]
        var settled: Set<String> = []   // codes with a final decision
        for d in log where d.action != .undo && !undone.contains(d.seq) && (coder == nil || d.coder == coder) {
            if d.action != .memo { reviewedBy.insert(d.coder) }   // a memo alone is a note, not a review
            if coder == nil, let c = d.codeID {
                if d.final { settled.insert(c) } else if settled.contains(c) { continue }
            }
            switch d.action {
            case .accept, .add:
                if let c = d.codeID {
                    codes.insert(c)
                    decided[c] = (d.action, d.coder)
                    if let p = d.passage {
                        if passages[c]?.contains(p) != true { passages[c, default: []].append(p) }
                    } else {
                        passages[c] = nil
                    }
                }
            case .reject:
                if let c = d.codeID { codes.remove(c); decided[c] = (d.action, d.coder); passages[c] = nil }
            case .memo:
                memo = d.memo
            case .done, .undo:
                break
            }
            if let m = d.memo, d.action != .memo { memo = m }
        }
        self.codes = codes
        self.suggested = suggested
        self.decided = decided
        self.reviewedBy = reviewedBy
        self.memo = memo
        self.passages = passages
    }
}

extension ProjectStore {
    /// The state of every unit under the latest codebook version, by unit id.
    public func states(coder: String? = nil) throws -> [String: UnitState] {
        try read { db in try Self.states(db, coder: coder) }
    }

    static func states(_ db: Database, coder: String?) throws -> [String: UnitState] {
        let version = try latestCodebook(db)?.id
        var suggested: [String: Set<String>] = [:]
        if let version {
            let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id FROM suggested_code WHERE version_id = ?", arguments: [version])
            while let row = try rows.next() { suggested[row[0] as String, default: []].insert(row[1]) }
        }
        var logs: [String: [Decision]] = [:]
        for d in try decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
        var result: [String: UnitState] = [:]
        for id in try String.fetchAll(db, sql: "SELECT id FROM unit") {
            result[id] = UnitState(suggested: suggested[id] ?? [], log: logs[id, default: []], coder: coder)
        }
        return result
    }

    /// Per unit with decisions, the effective human decision on each code (as
    /// `UnitState.decided`): what a recode checks its new suggestions against, without the
    /// state of every undecided unit.
    public func decidedCodes() throws -> [String: [String: (action: DecisionAction, coder: String)]] {
        var logs: [String: [Decision]] = [:]
        for d in try decisions() { logs[d.unitID, default: []].append(d) }
        return logs.mapValues { UnitState(suggested: [], log: $0).decided }.filter { !$0.value.isEmpty }
    }

    /// What a decision on a unit starts from: the codes of its question's latest codebook (nil
    /// before the first `recode`) and `coder`'s state of it (their own decisions only, as the
    /// review page shows it); nil when there is no such unit. Lookups by key only, in one
    /// snapshot, without the codebook's text: the server makes this read twice per decision.
    public func decisionState(unit: String, coder: String) throws -> (codes: [StoredCode]?, state: UnitState)? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT question FROM unit WHERE id = ?"), arguments: [unit]) else { return nil }
            let codebook = try Self.latestCodes(db, question: row[0])
            let suggested = try codebook.map { try Self.suggestedCodes(db, version: $0.version, unit: unit) } ?? []
            return (codebook?.codes, UnitState(suggested: suggested, log: try Self.decisions(db, unit: unit), coder: coder))
        }
    }

    /// The state of one unit.
    public func state(unit: String) throws -> UnitState {
        try read { db in
            let suggested = try Self.latestCodebook(db).map { try Self.suggestedCodes(db, version: $0.id, unit: unit) } ?? []
            return UnitState(suggested: suggested, log: try Self.decisions(db, unit: unit))
        }
    }
}
