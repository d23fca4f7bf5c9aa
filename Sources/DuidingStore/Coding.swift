import Foundation
import GRDB

/// A codebook of a stored version: its codes in order and its YAML. A version holds a default
/// codebook, for every unit of a question without its own (and for interview turns), and the
/// questions' own codebooks.
public struct CodebookVersion: Sendable, Hashable {
    /// The version's id (the same for its default and its questions' own codebooks).
    public let id: Int64
    public let name: String
    public let source: String
    public let codes: [StoredCode]
    public let yaml: String
    /// The question this is the own codebook of; nil for the version's default.
    public let question: String?
}

public struct StoredCode: Sendable, Hashable {
    public let id: String
    public let label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// One piece of evidence of a machine suggestion.
public struct StoredSuggestion: Sendable, Hashable {
    public let unitID: String
    public let codeID: String
    public let pattern: String
    public let utf16Range: Range<Int>

    public init(unitID: String, codeID: String, pattern: String, utf16Range: Range<Int>) {
        self.unitID = unitID
        self.codeID = codeID
        self.pattern = pattern
        self.utf16Range = utf16Range
    }
}

extension ProjectStore {
    static func insertCodebookVersion(_ db: Database, name: String, source: String, yaml: String, codes: [StoredCode]) throws -> Int64 {
        try db.execute(sql: "INSERT INTO codebook_version (name, source, yaml, at) VALUES (?, ?, ?, ?)",
                       arguments: [name, source, yaml, timestamp()])
        let version = db.lastInsertedRowID
        for (i, code) in codes.enumerated() {
            try db.execute(sql: "INSERT INTO code (version_id, code_id, label, position) VALUES (?, ?, ?, ?)",
                           arguments: [version, code.id, code.label, i])
        }
        return version
    }

    static func insertSuggestions(_ db: Database, _ suggestions: [StoredSuggestion], version: Int64) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO suggestion (version_id, unit_id, code_id, pattern, start16, end16) VALUES (?, ?, ?, ?, ?, ?)")
        // Six arguments that always fit the statement: set without GRDB's check per row (a
        // recode of 1,000,000 answers stores 1.2 million rows).
        for s in suggestions {
            insert.setUncheckedArguments([version, s.unitID, s.codeID, s.pattern, s.utf16Range.lowerBound, s.utf16Range.upperBound])
            try insert.execute()
        }
    }

    /// The newest version's codebook for `question`: the question's own if it has one, else
    /// the version's default (nil: the default). Nil before the first `recode`.
    public func latestCodebook(question: String? = nil) throws -> CodebookVersion? {
        try read { db in try Self.latestCodebook(db, question: question) }
    }

    /// The YAML text of a stored codebook version.
    public func codebookYAML(version: Int64) throws -> String? {
        try read { db in try Self.codebookYAML(db, version: version) }
    }

    static func codebookYAML(_ db: Database, version: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT yaml FROM codebook_version WHERE id = ?", arguments: [version])
    }

    static func latestCodebook(_ db: Database, question: String? = nil) throws -> CodebookVersion? {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM codebook_version")) else { return nil }
        return try codebook(db, version: id, question: question)
    }

    /// The codes of `latestCodebook(question:)` and its version: the same lookups without the
    /// codebook's text (tens of kilobytes, decoded on each read).
    static func latestCodes(_ db: Database, question: String?) throws -> (version: Int64, codes: [StoredCode])? {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM codebook_version")) else { return nil }
        let own = try question.flatMap { question in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM question_codebook qc JOIN question q ON q.name = qc.question WHERE qc.version_id = ? AND qc.question = ?
                """), arguments: [id, question]).map { _ in question }
        }
        return (id, try codes(db, version: id, ownOf: own))
    }

    /// The codes of a version's default codebook (nil) or of a question's own one, in codebook order.
    static func codes(_ db: Database, version: Int64, ownOf question: String?) throws -> [StoredCode] {
        let sql = question == nil
            ? "SELECT code_id, label FROM code WHERE version_id = ? ORDER BY position"
            : "SELECT code_id, label FROM question_code WHERE version_id = ? AND question = ? ORDER BY position"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: question.map { [version, $0] } ?? [version])
            .map { StoredCode(id: $0["code_id"], label: $0["label"]) }
    }

    /// A version's codebook for `question` (see `latestCodebook(question:)`).
    static func codebook(_ db: Database, version id: Int64, question: String?) throws -> CodebookVersion? {
        if let question, let own = try ownCodebooks(db, version: id, only: question).first { return own }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, source, yaml FROM codebook_version WHERE id = ?"), arguments: [id]) else { return nil }
        return CodebookVersion(id: id, name: row["name"], source: row["source"], codes: try codes(db, version: id, ownOf: nil), yaml: row["yaml"], question: nil)
    }

    /// Suggestions of a version, per unit.
    public func suggestions(version: Int64) throws -> [String: [StoredSuggestion]] {
        try read { db in try Self.suggestions(db, version: version) }
    }

    static func suggestions(_ db: Database, version: Int64) throws -> [String: [StoredSuggestion]] {
        var result: [String: [StoredSuggestion]] = [:]
        let rows = try StoredSuggestion.fetchCursor(db, sql: "SELECT \(StoredSuggestion.selection) FROM suggestion WHERE version_id = ? ORDER BY unit_id, start16",
                                                    arguments: [version])
        while let s = try rows.next() { result[s.unitID, default: []].append(s) }
        return result
    }

    /// The codes `new`'s patterns suggest for a unit and `old`'s did not, and the reverse, as
    /// `(unit, code)` in unit order, then by code: computed in SQLite, so a recode of a million
    /// answers does not hold two versions' suggestions in memory to compare them.
    public func suggestionChanges(from old: Int64, to new: Int64) throws -> (added: [(unit: String, code: String)], withdrawn: [(unit: String, code: String)]) {
        try read { db in
            func except(_ a: Int64, _ b: Int64) throws -> [(unit: String, code: String)] {
                try Row.fetchAll(db, sql: """
                    SELECT c.unit_id, c.code_id FROM (
                        SELECT unit_id, code_id FROM suggestion WHERE version_id = ?
                        EXCEPT SELECT unit_id, code_id FROM suggestion WHERE version_id = ?) c
                    JOIN unit u ON u.id = c.unit_id ORDER BY u.position, c.code_id
                    """, arguments: [a, b]).map { ($0[0], $0[1]) }
            }
            return (try except(new, old), try except(old, new))
        }
    }

    /// Suggestions of the latest version for one unit.
    public func suggestions(unit: String) throws -> [StoredSuggestion] {
        try read { db in
            guard let version = try Self.latestCodebook(db)?.id else { return [] }
            return try StoredSuggestion.fetchAll(db, sql: "SELECT \(StoredSuggestion.selection) FROM suggestion WHERE version_id = ? AND unit_id = ? ORDER BY start16",
                                                 arguments: [version, unit])
        }
    }
}

extension ProjectStore {
    /// Whether a file is to be opened as a project rather than read as answers: any SQLite
    /// file (judged by its header); `open` then refuses one that lacks the project's mark.
    public static func isProject(_ path: String) -> Bool { kind(of: path) != .notSQLite }
}
