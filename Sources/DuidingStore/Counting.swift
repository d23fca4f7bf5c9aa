import GRDB

/// A unit as a count reads it: who gave it, where it comes from, the values asked for and its
/// current codes; no text, no evidence.
public struct CountedUnit: Sendable {
    public let id: String
    public let respondent: String
    public let file: String
    public let line: Int
    /// The stored values of the variables asked for, where the unit has them.
    public let values: [String: String]
    /// Codes that apply now: decisions where they exist, else the latest version's suggestions
    /// (as `UnitState.codes`).
    public let codes: Set<String>
}

/// One read snapshot of a project for a count that streams its units instead of holding them
/// (see `ProjectStore.counting`): what `ProjectSnapshot` holds, asked for piece by piece.
public struct CountingSnapshot {
    let db: Database

    /// The latest version's codebooks; nil before the first `recode`.
    public func codebooks() throws -> VersionCodebooks? { try ProjectStore.latestCodebooks(db) }

    /// Group variables in the order first imported.
    public func variables() throws -> [Variable] { try ProjectStore.variables(db) }

    /// The survey's open questions in the order first imported.
    public func questions() throws -> [StoredQuestion] { try ProjectStore.questions(db) }

    /// The number of interview turns.
    public func interviewTurns() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit WHERE kind = 'interview'") ?? 0
    }

    /// The stored values `variable` takes among the units of `question` (nil: the interview turns).
    public func values(of variable: String, question: String?) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT v.value FROM unit u JOIN unit_value v ON v.unit_id = u.id AND v.variable = :variable
            WHERE \(Self.units(of: question))
            """, arguments: ["variable": variable, "question": question]))
    }

    /// Calls `body` with each unit of `question` (nil: the interview turns) in import order,
    /// with its stored values of `variables` and its current codes. One unit at a time is in
    /// memory (and the decision log of the units with decisions).
    public func forEachUnit(question: String?, variables: [String], _ body: (CountedUnit) throws -> Void) throws {
        guard let version = try ProjectStore.latestCodebook(db)?.id else { return }
        var logs: [String: [Decision]] = [:]
        for d in try ProjectStore.decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
        // The `suggested_code` view, unit by unit along the question's index: pattern
        // suggestions not vetoed, here (one row per piece of evidence) …
        let valueColumns = variables.indices.map { ", (SELECT value FROM unit_value WHERE unit_id = u.id AND variable = :v\($0))" }.joined()
        var arguments: StatementArguments = ["version": version, "question": question]
        for (i, name) in variables.enumerated() { arguments += [("v\(i)"): name] }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT u.position, u.id, u.respondent, u.file, u.line, s.code_id\(valueColumns)
            FROM unit u LEFT JOIN suggestion s ON s.version_id = :version AND s.unit_id = u.id
                AND NOT EXISTS (SELECT 1 FROM learned_suggestion l WHERE l.version_id = :version AND l.unit_id = u.id
                                AND l.code_id = s.code_id AND l.source = 'vetoed')
            WHERE \(Self.units(of: question)) ORDER BY u.position
            """, arguments: arguments)
        // … and learned ones, in the same order.
        let learned = try Row.fetchCursor(db, sql: """
            SELECT u.position, l.code_id FROM unit u JOIN learned_suggestion l ON l.version_id = :version AND l.unit_id = u.id
            WHERE \(Self.units(of: question)) AND l.source = 'learned' ORDER BY u.position
            """, arguments: ["version": version, "question": question])
        var nextLearned = try learned.next().map { (position: $0[0] as Int, code: $0[1] as String) }
        var current: (position: Int, id: String, respondent: String, file: String, line: Int, values: [String: String], codes: Set<String>)?
        func finish() throws {
            guard var unit = current else { return }
            while let l = nextLearned, l.position <= unit.position {
                if l.position == unit.position { unit.codes.insert(l.code) }
                nextLearned = try learned.next().map { ($0[0], $0[1]) }
            }
            let codes = logs[unit.id].map { UnitState(suggested: unit.codes, log: $0).codes } ?? unit.codes
            try body(CountedUnit(id: unit.id, respondent: unit.respondent, file: unit.file, line: unit.line, values: unit.values, codes: codes))
        }
        while let row = try rows.next() {
            let position: Int = row[0]
            if current?.position != position {
                try finish()
                var values: [String: String] = [:]
                for (i, name) in variables.enumerated() { if let value: String = row[6 + i] { values[name] = value } }
                current = (position, row[1], row[2], row[3], row[4], values, [])
            }
            if let code: String = row[5] { current?.codes.insert(code) }
        }
        try finish()
    }

    /// The SQL condition on `unit u` for the units of `question` (`:question`; nil: the interview turns).
    private static func units(of question: String?) -> String {
        question == nil ? "u.kind = 'interview'" : "u.question = :question"
    }
}

extension ProjectStore {
    /// Runs `body` on one read snapshot of the project, for counts that stream its units.
    public func counting<T>(_ body: (CountingSnapshot) throws -> T) throws -> T {
        try read { db in try body(CountingSnapshot(db: db)) }
    }
}
