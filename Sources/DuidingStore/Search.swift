import GRDB

/// Words to find in the units' texts: every word must occur (a word also finds the words it
/// begins: `politie` finds `politieagent`), and a "quoted phrase" as written. Case and
/// diacritics do not count (`geinformeerd` finds `Geïnformeerd`), as in the tokeniser's folding.
public struct TextSearch: Sendable, Hashable, CustomStringConvertible {
    /// The words and phrases, as typed.
    public let terms: [String]

    /// Nil when `text` has no word to search for.
    public init?(_ text: String) {
        var terms: [String] = []
        for (k, part) in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            if k % 2 == 1 {
                let phrase = Self.words(part).joined(separator: " ")
                if !phrase.isEmpty { terms.append(phrase) }
            } else {
                terms += Self.words(part)
            }
        }
        guard !terms.isEmpty else { return nil }
        self.terms = terms
    }

    public var description: String { terms.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ") }

    /// Letters and digits only: nothing of FTS5's own syntax gets through.
    private static func words(_ text: Substring) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The FTS5 query: each word as a prefix, each phrase exact, all of them required.
    var match: String {
        terms.map { $0.contains(" ") ? "\"\($0)\"" : "\"\($0)\"*" }.joined(separator: " ")
    }
}

extension ProjectStore {
    static func registerSearch(_ migrator: inout DatabaseMigrator) {
        // A full-text index over the units' texts (kept by `updateSearchIndex`, not at import:
        // a project that is never searched pays nothing); a batch number for decisions a bulk
        // action recorded together, so one undo takes them all; and the mark of a lead's final
        // decision, which ordinary decisions made later do not override.
        migrator.registerMigration("v7 search, decision batches, final decisions") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE unit_search USING fts5(
                    text, content='unit', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO project (key, value) VALUES ('search_indexed_rowid', '0');
                ALTER TABLE decision ADD COLUMN batch INTEGER;
                ALTER TABLE decision ADD COLUMN final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1));
                CREATE INDEX decision_by_batch ON decision (batch) WHERE batch IS NOT NULL;
                """)
        }
    }

    /// Adds the units imported since the last call to the search index; cheap when there are
    /// none. It writes `chunk` units per transaction, so decisions recorded meanwhile wait for
    /// one chunk at most.
    public func updateSearchIndex(chunk: Int64 = 20_000) throws {
        while try read({ db in try Self.unindexedUnits(db) }) {
            try write { db in
                let indexed = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM project WHERE key = 'search_indexed_rowid'") ?? 0
                let upTo = indexed + chunk
                try db.execute(sql: "INSERT INTO unit_search (rowid, text) SELECT rowid, text FROM unit WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
                               arguments: [indexed, upTo])
                try db.execute(sql: "UPDATE project SET value = MIN(?, (SELECT COALESCE(MAX(rowid), 0) FROM unit)) WHERE key = 'search_indexed_rowid'",
                               arguments: [upTo])
            }
        }
    }

    static func unindexedUnits(_ db: Database) throws -> Bool {
        let indexed = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM project WHERE key = 'search_indexed_rowid'") ?? 0
        return (try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM unit") ?? 0) > indexed
    }

    /// The rowids of the units whose text matches `search`; the index must be up to date
    /// (`updateSearchIndex`), else this fails rather than miss units.
    static func unitsMatching(_ db: Database, _ search: TextSearch) throws -> FastDatabaseValueCursor<Int64> {
        guard try !unindexedUnits(db) else {
            throw ProjectError("the search index is behind the units; bring it up to date (updateSearchIndex) before a search")
        }
        return try Int64.fetchCursor(db, sql: "SELECT rowid FROM unit_search WHERE unit_search MATCH ?", arguments: [search.match])
    }
}
