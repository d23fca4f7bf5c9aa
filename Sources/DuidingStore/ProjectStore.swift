import Foundation
import GRDB

/// A Duiding project: one SQLite file (WAL) with the units and their group variables, the
/// codebook versions, the machine suggestions per version, and the human decisions as an
/// append-only log. The current state is derived: decisions where they exist, else the
/// suggestions of the latest codebook version.
public final class ProjectStore: Sendable {
    let writer: any DatabaseWriter
    /// The project file, or nil in memory.
    public let path: String?

    private init(writer: any DatabaseWriter, path: String?) throws {
        self.writer = writer
        self.path = path
        try Self.migrator.migrate(writer)
    }

    /// Creates a new project file; fails if the file exists.
    public static func create(at path: String) throws -> ProjectStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ProjectError("\(path) already exists; open it, or choose another name")
        }
        return try ProjectStore(writer: DatabasePool(path: path, configuration: configuration), path: path)
    }

    /// Opens an existing project file (and brings its schema up to date).
    public static func open(at path: String) throws -> ProjectStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProjectError("\(path): no such project; create it with `duiding init \(path)`")
        }
        do {
            return try ProjectStore(writer: DatabasePool(path: path, configuration: configuration), path: path)
        } catch let error as DatabaseError {
            throw ProjectError("\(path) is not a Duiding project (\(error.message ?? "unreadable"))")
        }
    }

    /// A project in memory, for tests.
    public static func inMemory() throws -> ProjectStore {
        try ProjectStore(writer: DatabaseQueue(configuration: configuration), path: nil)
    }

    private static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        return config
    }

    /// Schema migrations. Shipped migrations are never edited; changes get a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file TEXT NOT NULL,
                    at TEXT NOT NULL,
                    units INTEGER NOT NULL,
                    skipped INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE unit (
                    id TEXT PRIMARY KEY,
                    position INTEGER NOT NULL UNIQUE,
                    text TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('answer', 'interview')),
                    file TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES import(id)
                );
                CREATE TABLE variable (
                    name TEXT PRIMARY KEY,
                    label TEXT NOT NULL DEFAULT '',
                    position INTEGER NOT NULL
                );
                CREATE TABLE unit_value (
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    variable TEXT NOT NULL REFERENCES variable(name),
                    value TEXT NOT NULL,
                    PRIMARY KEY (unit_id, variable)
                ) WITHOUT ROWID;
                CREATE TABLE codebook_version (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    yaml TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE TABLE code (
                    version_id INTEGER NOT NULL REFERENCES codebook_version(id),
                    code_id TEXT NOT NULL,
                    label TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (version_id, code_id)
                ) WITHOUT ROWID;
                CREATE TABLE suggestion (
                    version_id INTEGER NOT NULL REFERENCES codebook_version(id),
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    code_id TEXT NOT NULL,
                    pattern TEXT NOT NULL,
                    start16 INTEGER NOT NULL,
                    end16 INTEGER NOT NULL
                );
                CREATE INDEX suggestion_by_unit ON suggestion (version_id, unit_id);
                CREATE TABLE decision (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    code_id TEXT,
                    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'add', 'done', 'memo', 'undo')),
                    coder TEXT NOT NULL,
                    at TEXT NOT NULL,
                    memo TEXT,
                    undoes INTEGER REFERENCES decision(seq)
                );
                CREATE INDEX decision_by_unit ON decision (unit_id, seq);
                CREATE TRIGGER decision_append_only_update BEFORE UPDATE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER decision_append_only_delete BEFORE DELETE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                INSERT INTO project (key, value) VALUES ('format', 'duiding-project-1');
                """)
        }
        migrator.registerMigration("v2 quote choices") { db in
            try db.execute(sql: """
                CREATE TABLE quote_choice (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    code_id TEXT NOT NULL,
                    choice TEXT NOT NULL CHECK (choice IN ('pin', 'ban', 'clear')),
                    coder TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}

/// A problem with a project a user can act on.
public struct ProjectError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

func timestamp() -> String {
    ISO8601DateFormatter().string(from: Date())
}
