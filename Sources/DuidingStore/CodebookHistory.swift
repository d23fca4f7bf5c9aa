import Foundation
import GRDB

/// A stored codebook version without its codes: for history and undo.
public struct CodebookVersionInfo: Sendable, Hashable {
    public let id: Int64
    public let name: String
    /// Where the version came from: a file path, or what the review page did.
    public let source: String
    public let at: String
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
    /// Every codebook version, oldest first.
    public func codebookVersions() throws -> [CodebookVersionInfo] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, source, at FROM codebook_version ORDER BY id").map {
                CodebookVersionInfo(id: $0[0], name: $0[1], source: $0[2], at: $0[3])
            }
        }
    }

    /// Stores a codebook version with its suggestions, in one transaction, only if the latest
    /// version is still `expected`: a version made from the latest one never overtakes another
    /// that was stored meanwhile.
    @discardableResult
    public func addCodebookVersion(name: String, source: String, yaml: String, codes: [StoredCode],
                                   suggestions: [StoredSuggestion], ifLatestIs expected: Int64) throws -> Int64 {
        try write { db in
            let latest = try Self.latestCodebook(db)?.id
            guard latest == expected else {
                throw ProjectError("the codebook changed meanwhile (version \(latest.map(String.init) ?? "none") is now the latest, not \(expected)); nothing was stored")
            }
            let version = try Self.insertCodebookVersion(db, name: name, source: source, yaml: yaml, codes: codes)
            try Self.insertSuggestions(db, suggestions, version: version)
            return version
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

    /// Ids and texts of all units in import order (nothing else: the least to read).
    public func unitTexts() throws -> [(id: String, text: String)] {
        try read { db in
            var result: [(id: String, text: String)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM unit ORDER BY position")
            while let row = try rows.next() { result.append((row[0], row[1])) }
            return result
        }
    }

    /// Units with a decision newer than `seq`.
    public func unitsDecided(after seq: Int64) throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT unit_id FROM decision WHERE seq > ?", arguments: [seq])) }
    }
}
