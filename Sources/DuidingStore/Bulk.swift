import GRDB

/// What a bulk decision did.
public struct BulkOutcome: Sendable, Hashable {
    /// The batch its decisions share (nil when nothing needed recording).
    public let batch: Int64?
    /// Decisions recorded: one per unit whose codes it changed or confirmed.
    public let recorded: Int
    /// Units where the coder had already decided so.
    public let unchanged: Int
}

extension ProjectStore {
    /// Says for `coder` that `code` applies (or not) to every one of `units`, in one
    /// transaction and one batch: a suggested code is accepted, another one added, or the code
    /// rejected; a unit where the coder already decided so is left alone. All or nothing: an
    /// unknown unit, or a code that is not one of a unit's question, records nothing.
    public func bulkDecide(units: [String], code: String, applies: Bool, coder: String) throws -> BulkOutcome {
        guard !units.isEmpty else { throw ProjectError("no units to decide on: the selection is empty; nothing was recorded") }
        return try write { db in
            // The suggestions and the coder's standing decisions as the review list sees them
            // (kept between calls), not two scans of the project.
            let order = try unitOrder.current(db)
            let suggested = try keptSuggestions.current(db, units: order)
            let standing = try decisionReplay.withCurrent(db, units: order) { $0.views[coder] ?? [:] }
            var decisions: [NewDecision] = []
            for unit in units {
                let place = order.placeOfID[unit]
                let decided = place.flatMap { standing[$0]?.decided[code] }
                if decided == applies { continue }
                let action: DecisionAction = !applies ? .reject : place.map { suggested.codesOf[Int($0)].contains(code) } == true ? .accept : .add
                decisions.append(NewDecision(unitID: unit, codeID: code, action: action, coder: coder))
            }
            guard !decisions.isEmpty else { return BulkOutcome(batch: nil, recorded: 0, unchanged: units.count) }
            let batch = (try Int64.fetchOne(db, sql: "SELECT MAX(batch) FROM decision") ?? 0) + 1
            let seqs = try Self.insertDecisions(db, decisions, batch: batch)
            return BulkOutcome(batch: batch, recorded: seqs.count, unchanged: units.count - seqs.count)
        }
    }

    /// Undoes the coder's decisions of `batch` that are not undone yet, in one transaction;
    /// returns how many were undone.
    @discardableResult
    public func undoBatch(_ batch: Int64, coder: String) throws -> Int {
        try write { db in
            let undone = Set(try Int64.fetchAll(db, sql: "SELECT undoes FROM decision WHERE undoes IS NOT NULL"))
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, unit_id, code_id FROM decision WHERE batch = ? AND coder = ? AND action != 'undo'
                """, arguments: [batch, coder]).filter { !undone.contains($0[0]) }
            let at = timestamp()
            let insert = try db.makeStatement(sql: "INSERT INTO decision (unit_id, code_id, action, coder, at, undoes) VALUES (?, ?, 'undo', ?, ?, ?)")
            for row in rows {
                try insert.execute(arguments: [row[1] as String, row[2] as String?, coder, at, row[0] as Int64])
            }
            return rows.count
        }
    }
}
