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
    /// The units' import order, read once for every review list while no unit is added.
    let unitOrder = UnitOrderCache()
    /// The decision log replayed per unit and coder, brought up to date by each review list.
    let decisionReplay = DecisionReplayCache()
    /// The latest version's suggested codes, read once per version (and learning run).
    let keptSuggestions = KeptSuggestionsCache()
    /// Each unit's value of each variable, read once per unit order.
    let keptValues = KeptValuesCache()

    /// How a command uses a project: a read never writes to the file (no schema upgrade, no
    /// journal switch), so it works on read-only files and leaves foreign files untouched.
    public enum Access: Sendable { case read, write }

    /// The project's mark in the SQLite header (`PRAGMA application_id`): "DUID".
    public static let applicationID: Int32 = 0x4455_4944

    private init(writer: any DatabaseWriter, path: String?, access: Access) throws {
        self.writer = writer
        self.path = path
        switch access {
        case .write:
            let wasCurrent = try writer.read { try Self.migrator.hasCompletedMigrations($0) }
            try Self.migrator.migrate(writer)
            // The mark lives in the file's header: copy it out of the WAL now, so that the
            // file is recognised from its first bytes.
            if !wasCurrent, path != nil { try writer.writeWithoutTransaction { _ = try $0.checkpoint(.passive) } }
        case .read:
            let name = path ?? "the project"
            try writer.read { db in
                if try Self.migrator.hasBeenSuperseded(db) {
                    throw ProjectError("\(name) was written by a newer version of Duiding; update Duiding to read it")
                }
                if try !Self.migrator.hasCompletedMigrations(db) {
                    throw ProjectError("\(name) was written by an older version of Duiding; `duiding upgrade \(name)` brings it up to date")
                }
            }
        }
    }

    /// Creates a new project file; fails if the file exists.
    public static func create(at path: String) throws -> ProjectStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ProjectError("\(path) already exists; open it, or choose another name")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ProjectError("\(path): the folder \(folder) does not exist; create it first")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ProjectError("\(path): the folder \(folder) is read-only; choose a folder you can write to")
        }
        do {
            return try ProjectStore(writer: DatabasePool(path: path, configuration: configuration(readonly: false)), path: path, access: .write)
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: path)
            throw ProjectError("\(path): cannot create the project (\(describe(error)))")
        }
    }

    /// Opens an existing project file. Only files with the project's mark are opened; `.write`
    /// brings the schema up to date, `.read` never writes.
    public static func open(at path: String, access: Access = .write) throws -> ProjectStore {
        try checkMark(path)
        if access == .write {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: path), FileManager.default.isWritableFile(atPath: folder) else {
                throw ProjectError("\(path) is read-only (the file or its folder); this command records changes, so it needs a project it can write to")
            }
        }
        do {
            let writer: any DatabaseWriter = access == .write
                ? try DatabasePool(path: path, configuration: configuration(readonly: false))
                : try readOnlyConnection(path)
            return try ProjectStore(writer: writer, path: path, access: access)
        } catch let error as DatabaseError {
            throw ProjectError("\(path): cannot open the project (\(describe(error)))")
        }
    }

    /// A read-only connection. A project in WAL mode on a read-only file system cannot get its
    /// shared-memory file; then the file is read as immutable, which is safe because nothing
    /// can write to it there either.
    private static func readOnlyConnection(_ path: String) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard !FileManager.default.isWritableFile(atPath: folder) else { throw error }
            var uri = URLComponents()
            uri.scheme = "file"
            uri.path = URL(fileURLWithPath: path).path
            uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            return try DatabaseQueue(path: uri.string ?? path, configuration: configuration(readonly: true))
        }
    }

    /// Brings a project made by an older Duiding up to date (and marks it); reads leave such a
    /// project as it is and ask for this.
    public static func upgrade(at path: String) throws {
        _ = try open(at: path, access: .write)
    }

    /// A project in memory, for tests and for answer files opened as a project.
    public static func inMemory() throws -> ProjectStore {
        try ProjectStore(writer: DatabaseQueue(configuration: configuration(readonly: false)), path: nil, access: .write)
    }

    private static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.readonly = readonly
        return config
    }

    /// What a file is, judged from its header alone (nothing is opened through SQLite).
    public enum FileKind: Sendable { case project, otherSQLite, notSQLite }

    /// Reads the first 100 bytes: the SQLite magic, and the application id at offset 68.
    /// Projects made before the mark existed are recognised by their `project` table.
    public static func kind(of path: String) -> FileKind {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .notSQLite }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else { return .notSQLite }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: id) == applicationID { return .project }
        return id == 0 && isUnmarkedProject(path) ? .project : .otherSQLite
    }

    /// A project from before the mark: its `project` table says `duiding-project-1`.
    private static func isUnmarkedProject(_ path: String) -> Bool {
        guard let queue = try? readOnlyConnection(path) else { return false }
        return (try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM project WHERE key = 'format'")
        }) == "duiding-project-1"
    }

    private static func checkMark(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ProjectError("\(path): no such project; create it with `duiding init \(path)`")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ProjectError("\(path): cannot read the file (permission denied)")
        }
        switch kind(of: path) {
        case .project: return
        case .otherSQLite:
            throw ProjectError("\(path) is an SQLite database but not a Duiding project (it lacks the project mark); Duiding leaves it untouched")
        case .notSQLite:
            throw ProjectError("\(path) is not a Duiding project (not an SQLite file); create one with `duiding init`")
        }
    }

    /// Runs a write transaction; a database error becomes a message that names the file and
    /// says that nothing of the change was stored.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do { return try writer.write(updates) } catch let error as DatabaseError {
            throw ProjectError("\(path ?? "the project"): \(Self.describe(error)); nothing of this change was stored")
        }
    }

    /// Reads in one snapshot; a database error becomes a message that names the file.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do { return try writer.read(value) } catch let error as DatabaseError {
            throw ProjectError("\(path ?? "the project"): \(Self.describe(error))")
        }
    }

    /// A database error in words, without SQLite's codes.
    static func describe(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_READONLY: return "the file is read-only"
        case .SQLITE_CANTOPEN: return "the file cannot be opened; check that the folder exists and that you may write there"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the file is damaged or not a database"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "another program holds the project; try again when it is done"
        case .SQLITE_PERM, .SQLITE_AUTH: return "permission denied"
        case .SQLITE_IOERR: return "the disk could not be read or written"
        case .SQLITE_TOOBIG: return "a text is too large to store"
        default: return error.message ?? "database error \(error.resultCode.rawValue)"
        }
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
        migrator.registerMigration("v3 project mark") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        registerLearning(&migrator)
        registerQuestions(&migrator)
        registerQuestionCodebooks(&migrator)
        registerSearch(&migrator)
        registerVariableSettings(&migrator)
        registerPassages(&migrator)
        registerCoders(&migrator)
        registerValueLabels(&migrator)
        return migrator
    }
}

extension ProjectStore {
    /// A prepared statement for `sql`, kept by the connection when the query looks up one key or
    /// none (one shape, asked on every decision: preparing it costs more than running it);
    /// queries with a list of keys are prepared each time, so that the cache stays small.
    static func statement(_ db: Database, _ sql: String, keys: Int) throws -> Statement {
        keys <= 1 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }
}

/// A problem with a project a user can act on.
public struct ProjectError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The time now as the log keeps it (`2026-12-01T21:30:00Z`). A format style, not a new
/// `ISO8601DateFormatter` per call (making one, an ICU formatter, was 6% of the review
/// server's time under `scripts/bench-team`).
func timestamp() -> String {
    Date().ISO8601Format()
}
