import Foundation
import GRDB

/// The decision log replayed per unit and coder, as the review list needs it: whether each
/// coder reviewed a unit and each coder's standing decision per code. The log is append-only
/// (an undo is an entry too, on the same unit as the entry it undoes), so the replay kept
/// between requests is brought up to date by reading only the entries made since
/// (`seq` above the last one read) and replaying again only the units they are on.
struct DecisionReplay: Sendable {
    /// A live entry (neither an undo nor undone) of a unit's log.
    struct Entry: Sendable {
        let seq: Int64
        let coder: String
        let code: String?
        let action: DecisionAction
    }

    /// One coder's decisions on one unit, replayed (as `UnitState` with that coder).
    struct View: Sendable {
        /// The coder made a (not undone) decision other than a memo.
        var reviewed = false
        /// Per code the coder's latest decision: applies (accept, add) or not (reject).
        var decided: [String: Bool] = [:]

        /// The coder's codes on a unit with `suggested` codes.
        func codes(suggested: Set<String>) -> Set<String> {
            var codes = suggested
            for (code, applies) in decided {
                if applies { codes.insert(code) } else { codes.remove(code) }
            }
            return codes
        }
    }

    /// The unit order the units are placed by (`UnitOrder.lastRowid`).
    let unitsMark: Int64
    /// The highest `seq` read.
    private(set) var lastSeq: Int64 = 0
    /// Per unit (its place in the unit order), its live entries, oldest first.
    private var entries: [Int32: [Entry]] = [:]
    /// Coder → unit place → the coder's view of the unit, for units the coder has a live entry on.
    private(set) var views: [String: [Int32: View]] = [:]

    init(units: UnitOrder) { unitsMark = units.lastRowid }

    /// Reads the entries after `lastSeq` (all of them the first time) and replays the units
    /// they are on; `units` must be the order the replay was made with.
    mutating func update(_ db: Database, units: UnitOrder) throws {
        precondition(units.lastRowid == unitsMark, "a decision replay is placed by the unit order it was made with")
        var touched: Set<Int32> = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT unit_id, seq, code_id, action, coder, undoes FROM decision WHERE seq > ? ORDER BY seq
            """, arguments: [lastSeq])
        while let row = try rows.next() {
            lastSeq = row[1]
            guard let unit = units.placeOfID[row[0]], let action = DecisionAction(rawValue: row[3]) else { continue }
            if let undone: Int64 = row[5] {
                entries[unit]?.removeAll { $0.seq == undone }
            } else if action != .undo {
                entries[unit, default: []].append(Entry(seq: lastSeq, coder: row[4], code: row[2], action: action))
            }
            touched.insert(unit)
        }
        for unit in touched { replay(unit) }
    }

    /// Replaces the views of `unit` by a replay of its entries.
    private mutating func replay(_ unit: Int32) {
        var fresh: [String: View] = [:]
        for e in entries[unit] ?? [] {
            var view = fresh[e.coder] ?? View()
            if e.action != .memo { view.reviewed = true }   // a memo alone is a note, not a review
            if let code = e.code {
                switch e.action {
                case .accept, .add: view.decided[code] = true
                case .reject: view.decided[code] = false
                case .done, .memo, .undo: break
                }
            }
            fresh[e.coder] = view
        }
        for coder in Array(views.keys) where fresh[coder] == nil { views[coder]?[unit] = nil }   // keys copied: the views stay unshared
        for (coder, view) in fresh { views[coder, default: [:]][unit] = view }
        if entries[unit]?.isEmpty == true { entries[unit] = nil }
    }
}

/// The last `DecisionReplay`, shared by the store's readers and brought up to date on use: a
/// review list then replays only the decisions made since the previous one, not the log.
final class DecisionReplayCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: DecisionReplay?

    /// Runs `body` with the replay of the log as `db` sees it, in the order `units`.
    func withCurrent<T>(_ db: Database, units: UnitOrder, _ body: (DecisionReplay) throws -> T) throws -> T {
        try lock.withLock {
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM decision") ?? 0
            // A reader of an older snapshot than the kept replay's, or of another unit order,
            // starts afresh: the log can only be replayed forward.
            if kept.map({ $0.lastSeq > last || $0.unitsMark != units.lastRowid }) ?? true {
                kept = DecisionReplay(units: units)
            }
            try kept?.update(db, units: units)
            guard let replay = kept else { preconditionFailure("the replay was just made") }
            return try body(replay)
        }
    }
}
