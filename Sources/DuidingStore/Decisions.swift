import Foundation

import GRDB

/// What a coder did. `accept`/`add` say a code applies, `reject` that it does not (whether
/// or not it was suggested), `done` marks a unit reviewed without changing a code, `memo`
/// keeps a note, and `undo` cancels an earlier entry. Every entry marks the unit as reviewed
/// by its coder.
public enum DecisionAction: String, Sendable, CaseIterable {
    case accept, reject, add, done, memo, undo
}

/// An entry of the append-only decision log.
public struct Decision: Sendable, Hashable {
    public let seq: Int64
    public let unitID: String
    public let codeID: String?
    public let action: DecisionAction
    public let coder: String
    public let at: String
    public let memo: String?
    public let undoes: Int64?
    /// A lead's final decision (reconciliation): later ordinary decisions on the code do not
    /// override it in the project's codes.
    public var final: Bool = false
    /// The passage a decision codes (Unicode scalar offsets); nil: the whole unit.
    public var passage: Range<Int>? = nil
    /// The bulk decision the entry was part of (undone together), if any.
    public var batch: Int64? = nil
}

/// A decision to record.
public struct NewDecision: Sendable {
    public var unitID: String
    public var codeID: String?
    public var action: DecisionAction
    public var coder: String
    public var memo: String?
    /// A lead's final decision (see `Decision.final`); only for accept, add and reject.
    public var final: Bool
    /// The passage the code applies to (Unicode scalar offsets, see `Passage`); nil: the
    /// whole unit. Only for accept and add.
    public var passage: Range<Int>?

    public init(unitID: String, codeID: String?, action: DecisionAction, coder: String, memo: String? = nil, final: Bool = false,
                passage: Range<Int>? = nil) {
        self.unitID = unitID
        self.codeID = codeID
        self.action = action
        self.coder = coder
        self.memo = memo
        self.final = final
        self.passage = passage
    }
}

extension ProjectStore {
    /// Appends decisions in one transaction and returns their sequence numbers. Fails,
    /// recording nothing, if a unit or code is unknown.
    @discardableResult
    public func record(_ decisions: [NewDecision]) throws -> [Int64] {
        try write { db in try Self.insertDecisions(db, decisions) }
    }

    static func insertDecisions(_ db: Database, _ decisions: [NewDecision], batch: Int64? = nil) throws -> [Int64] {
        var codesOf: [String?: Set<String>] = [:]   // per question: the codes of its codebook
        var seqs: [Int64] = []
        // One time and two prepared statements for the whole batch (a bulk decision records thousands).
        let at = timestamp()
        let findUnit = try db.cachedStatement(sql: "SELECT question FROM unit WHERE id = ?")
        let unitText = try db.cachedStatement(sql: "SELECT text FROM unit WHERE id = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO decision (unit_id, code_id, action, coder, at, memo, batch, final, passage_start, passage_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for d in decisions {
            for (what, text) in [("the unit id", d.unitID), ("the coder name", d.coder), ("the memo", d.memo ?? "")] where text.utf8.contains(0) {
                throw ProjectError("\(what) contains a NUL character (U+0000), which cannot be stored; nothing was recorded")
            }
            guard let unit = try Row.fetchOne(findUnit, arguments: [d.unitID]) else {
                throw ProjectError("no unit `\(d.unitID)` in the project")
            }
            let question: String? = unit[0]
            if d.codeID != nil, codesOf[question] == nil {
                codesOf[question] = Set(try Self.latestCodes(db, question: question)?.codes.map(\.id) ?? [])
            }
            if let code = d.codeID, let codes = codesOf[question], !codes.contains(code) {
                throw ProjectError("`\(code)` is not a code of the current codebook (\(codes.sorted().joined(separator: ", ")))")
            }
            if d.coder.trimmingCharacters(in: .whitespaces).isEmpty { throw ProjectError("a decision needs a coder name") }
            if d.final && (d.codeID == nil || ![.accept, .add, .reject].contains(d.action)) {
                throw ProjectError("a final decision says whether a code applies (+code or -code); nothing was recorded")
            }
            if let passage = d.passage {
                try checkPassage(passage, of: d, text: try String.fetchOne(unitText, arguments: [d.unitID]) ?? "")
            }
            try insert.execute(arguments: [d.unitID, d.codeID, d.action.rawValue, d.coder, at, d.memo, batch, d.final,
                                           d.passage?.lowerBound, d.passage?.upperBound])
            seqs.append(db.lastInsertedRowID)
        }
        return seqs
    }

    /// Imports a whole project from another tool in one transaction: its units, its codebook
    /// as a new version (without suggestions), and its codings and memos as decisions.
    public func importProject(units: [NewUnit], file: String, variables: [Variable],
                              codebook: (name: String, yaml: String, codes: [StoredCode])?, decisions: [NewDecision]) throws {
        try write { db in
            _ = try Self.insertUnits(db, units, file: file, variables: variables, skipped: 0)
            if let codebook {
                _ = try Self.insertCodebookVersion(db, name: codebook.name, source: file, yaml: codebook.yaml, codes: codebook.codes)
            }
            _ = try Self.insertDecisions(db, decisions)
        }
    }

    /// Undoes the coder's latest decision on a unit that is not undone yet, by appending an
    /// `undo` entry. Returns the undone decision, or nil when there is nothing to undo.
    @discardableResult
    public func undoLast(unit: String, coder: String) throws -> Decision? {
        try write { db in
            let log = try Self.decisions(db, unit: unit)
            let undone = Set(log.compactMap(\.undoes))
            guard let target = log.last(where: { $0.coder == coder && $0.action != .undo && !undone.contains($0.seq) }) else { return nil }
            try db.execute(sql: "INSERT INTO decision (unit_id, code_id, action, coder, at, undoes) VALUES (?, ?, 'undo', ?, ?, ?)",
                           arguments: [unit, target.codeID, coder, timestamp(), target.seq])
            return target
        }
    }

    /// The log, oldest first; for one unit or all.
    public func decisions(unit: String? = nil) throws -> [Decision] {
        try read { db in try Self.decisions(db, unit: unit) }
    }

    static func decisions(_ db: Database, unit: String?) throws -> [Decision] {
        try decisions(db, units: unit.map { [$0] })
    }

    /// The log of `units` (nil: of every unit), oldest first; an index search per unit.
    static func decisions(_ db: Database, units: [String]?) throws -> [Decision] {
        let sql = "SELECT \(Decision.selection) FROM decision"
            + (units.map { " WHERE unit_id IN (\(databaseQuestionMarks(count: $0.count)))" } ?? "") + " ORDER BY seq"
        return try Decision.fetchAll(statement(db, sql, keys: units?.count ?? 0), arguments: StatementArguments(units ?? []))
    }
}
