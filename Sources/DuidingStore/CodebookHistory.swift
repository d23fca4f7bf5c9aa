import Foundation
import GRDB

/// A stored codebook version without its codes: for history and undo.
public struct CodebookVersionInfo: Sendable, Hashable {
    public let id: Int64
    /// The name and source of the codebook the version set.
    public let name: String
    /// Where the version came from: a file path, or what the review page did.
    public let source: String
    public let at: String
    /// The question the version gave a codebook of its own; nil: it set the default.
    public let question: String?
}

/// What the current codes of the units depend on. Units are only ever added (so the largest
/// position tells the set), decisions only appended, and a new codebook version or learning
/// run changes the suggestions; equal stamps mean equal current codes.
public struct ProjectStamp: Sendable, Hashable {
    /// The largest unit position (-1 without units).
    public let units: Int64
    /// The latest codebook version.
    public let version: Int64?
    /// The newest decision's seq (0 without decisions).
    public let lastDecision: Int64
    /// The latest version's learning run ("last decision @ time"), if any.
    public let learning: String?
}

extension ProjectStore {
    /// Every codebook version, oldest first; with `question`, only the versions that changed
    /// that question's codebook (its own, or the default while it had none).
    public func codebookVersions(question: String? = nil) throws -> [CodebookVersionInfo] {
        try read { db in
            try CodebookVersionInfo.fetchAll(db, sql: """
                SELECT v.id, COALESCE(qc.name, v.name) AS name, COALESCE(qc.source, v.source) AS source, v.at, v.question FROM codebook_version v
                LEFT JOIN question_codebook qc ON qc.version_id = v.id AND qc.question = v.question
                WHERE ? IS NULL OR v.question = ?
                   OR (v.question IS NULL AND NOT EXISTS (SELECT 1 FROM question_codebook o WHERE o.version_id = v.id AND o.question = ?))
                ORDER BY v.id
                """, arguments: [question, question, question])
        }
    }

    /// The stamp of the current codes: four key lookups.
    public func stamp() throws -> ProjectStamp {
        try read { db in
            let units = try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM unit") ?? -1
            let version = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codebook_version")
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM decision") ?? 0
            let learning = try version.flatMap {
                try String.fetchOne(db, sql: "SELECT last_decision || ' @ ' || at FROM learning_run WHERE version_id = ?", arguments: [$0])
            }
            return ProjectStamp(units: units, version: version, lastDecision: last, learning: learning)
        }
    }

    /// Ids and texts of the units the latest version's default codebook codes (every unit
    /// whose question has no codebook of its own), in import order: the least to read.
    public func defaultCodedTexts() throws -> [(id: String, text: String)] {
        try read { db in
            var result: [(id: String, text: String)] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, text FROM unit WHERE question IS NULL OR question NOT IN (
                    SELECT question FROM question_codebook WHERE version_id = (SELECT MAX(id) FROM codebook_version))
                ORDER BY position
                """)
            while let row = try rows.next() { result.append((row[0], row[1])) }
            return result
        }
    }

    /// Units with a decision newer than `seq`.
    public func unitsDecided(after seq: Int64) throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT unit_id FROM decision WHERE seq > ?", arguments: [seq])) }
    }
}
