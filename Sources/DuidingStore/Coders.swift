import Foundation
import GRDB
import HummingbirdBcrypt

/// A coder's account on a team project: who may sign in to `duiding review`, and whether as a
/// lead (who sees the reconcile view and makes final decisions). Without accounts a project is
/// reviewed by one coder at a time, named on the command line.
public struct CoderAccount: Sendable, Hashable {
    public let name: String
    public let lead: Bool
    public let hasPassword: Bool
    /// When the unused one-time sign-in link runs out; nil: none is pending.
    public let linkExpires: Date?
    public let created: String
}

/// A random secret of 64 hex digits (256 bits) from the system's secure generator: session
/// tokens, CSRF tokens and one-time sign-in keys.
public enum Secret {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

extension ProjectStore {
    // Passwords and sign-in keys are kept as bcrypt hashes only; a sign-in key is used once.
    static func registerCoders(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10 coders") { db in
            try db.execute(sql: """
                CREATE TABLE coder (
                    name TEXT PRIMARY KEY,
                    lead INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
                    password TEXT,
                    link TEXT,
                    link_expires TEXT,
                    created TEXT NOT NULL
                );
                """)
        }
    }

    /// bcrypt's cost (2^cost rounds): about a quarter of a second per sign-in in a release build.
    static let bcryptCost: UInt8 = 12
    /// bcrypt reads at most 72 bytes of a password.
    public static let passwordBytes = 8...72

    /// Adds a coder account with a password and/or a one-time sign-in link valid for
    /// `linkValidity`; returns the link's key (nil without a link). A name that exists, a name
    /// that is not a plain word, or a password out of bounds changes nothing.
    @discardableResult
    public func addCoder(_ name: String, lead: Bool = false, password: String? = nil, link: Bool = true,
                         linkValidity: TimeInterval = 72 * 3600) throws -> String? {
        try Self.checkCoderName(name)
        precondition(password != nil || link, "an account needs a password or a sign-in link")
        if let password { try Self.checkPassword(password) }
        let hash = password.map { Bcrypt.hash($0, cost: Self.bcryptCost) }
        let key = link ? Secret.make() : nil
        let keyHash = key.map { Bcrypt.hash($0, cost: Self.bcryptCost) }
        try write { db in
            if try Self.account(db, name) != nil {
                throw ProjectError("a coder `\(name)` exists already; `duiding coder list` shows the accounts, `duiding coder link` makes a new sign-in link")
            }
            try db.execute(sql: "INSERT INTO coder (name, lead, password, link, link_expires, created) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [name, lead, hash, keyHash, key.map { _ in Self.iso(Date().addingTimeInterval(linkValidity)) }, timestamp()])
        }
        return key
    }

    /// A new one-time sign-in link for an existing coder (the previous one stops working).
    public func newSignInLink(for name: String, validity: TimeInterval = 72 * 3600) throws -> String {
        let key = Secret.make()
        let keyHash = Bcrypt.hash(key, cost: Self.bcryptCost)
        try write { db in
            guard try Self.account(db, name) != nil else { throw try Self.noCoder(db, name) }
            try db.execute(sql: "UPDATE coder SET link = ?, link_expires = ? WHERE name = ?",
                           arguments: [keyHash, Self.iso(Date().addingTimeInterval(validity)), name])
        }
        return key
    }

    /// Removes an account; the coder's decisions stay in the log under the name.
    public func removeCoder(_ name: String) throws {
        try write { db in
            guard try Self.account(db, name) != nil else { throw try Self.noCoder(db, name) }
            try db.execute(sql: "DELETE FROM coder WHERE name = ?", arguments: [name])
        }
    }

    /// The accounts, by name.
    public func coders() throws -> [CoderAccount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.accountColumns) FROM coder ORDER BY name").map(Self.account(row:))
        }
    }

    /// Whether the project has coder accounts (then `duiding review` serves a team).
    public func hasCoders() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coder)") ?? false }
    }

    /// The account of `name`, if there is one.
    public func coder(named name: String) throws -> CoderAccount? {
        try read { db in try Self.account(db, name) }
    }

    /// The account whose password this is; a wrong name or password is one message, so that a
    /// guess does not learn which names exist.
    public func signIn(coder name: String, password: String) throws -> CoderAccount {
        let stored = try read { db in try String.fetchOne(db, sql: "SELECT password FROM coder WHERE name = ?", arguments: [name]) }
        // Without an account, still spend a bcrypt's time, so the answer's delay tells nothing.
        let matches = Bcrypt.verify(password, hash: stored ?? Self.unmatchable)
        guard matches, stored != nil, let account = try coder(named: name) else {
            throw ProjectError("wrong coder name or password; nothing changed")
        }
        return account
    }

    /// The account whose one-time sign-in key this is; the key is used up, and an expired or
    /// used one refused.
    public func signIn(coder name: String, key: String) throws -> CoderAccount {
        let link = try read { db in
            try Row.fetchOne(db, sql: "SELECT link, link_expires FROM coder WHERE name = ? AND link IS NOT NULL", arguments: [name])
        }
        let hash: String? = link?["link"]
        guard Bcrypt.verify(key, hash: hash ?? Self.unmatchable), let hash else {
            throw ProjectError("this sign-in link is not valid (used already, replaced, or mistyped); ask for a new one (`duiding coder link`)")
        }
        if let expires = (link?["link_expires"] as String?).flatMap(Self.date), expires < Date() {
            throw ProjectError("this sign-in link ran out; ask for a new one (`duiding coder link`)")
        }
        return try write { db in
            // Used once: only the sign-in that clears this very key gets in.
            try db.execute(sql: "UPDATE coder SET link = NULL, link_expires = NULL WHERE name = ? AND link = ?", arguments: [name, hash])
            guard db.changesCount == 1, let account = try Self.account(db, name) else {
                throw ProjectError("this sign-in link was used just now; ask for a new one (`duiding coder link`)")
            }
            return account
        }
    }

    /// The hash of a random secret nobody knows: checked against when there is no account or
    /// link, so that such a refusal takes as long as a wrong password.
    private static let unmatchable = Bcrypt.hash(Secret.make(), cost: bcryptCost)

    static func checkCoderName(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw ProjectError("`\(name)` cannot be a coder name: use 1 to 64 letters, digits, `.`, `_` or `-` (it names the coder in the decision log)")
        }
    }

    static func checkPassword(_ password: String) throws {
        guard passwordBytes.contains(password.utf8.count), !password.utf8.contains(0) else {
            throw ProjectError("a password needs \(passwordBytes.lowerBound) to \(passwordBytes.upperBound) bytes (bcrypt reads no more) and no NUL; nothing changed")
        }
    }

    private static func account(_ db: Database, _ name: String) throws -> CoderAccount? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(accountColumns) FROM coder WHERE name = ?"), arguments: [name]).map(account(row:))
    }

    /// What `account(row:)` reads: never the hashes.
    private static let accountColumns = "name, lead, password IS NOT NULL AS has_password, link_expires, created"

    private static func account(row: Row) -> CoderAccount {
        CoderAccount(name: row["name"], lead: row["lead"], hasPassword: row["has_password"],
                     linkExpires: (row["link_expires"] as String?).flatMap(date), created: row["created"])
    }

    private static func noCoder(_ db: Database, _ name: String) throws -> ProjectError {
        let names = try String.fetchAll(db, sql: "SELECT name FROM coder ORDER BY name")
        return ProjectError("no coder `\(name)`; the accounts are: \(names.isEmpty ? "none yet (`duiding coder add`)" : names.joined(separator: ", "))")
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
    private static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
}

/// What coders' judgements rest on besides the log: the latest codebook version (its codebooks
/// and pattern suggestions), the learning run that changed its suggestions, and the newest unit.
/// A comparison kept between requests (`TeamComparison`) starts over when it changes.
public struct JudgementBasis: Sendable, Hashable {
    let version: Int64?
    let learning: String?
    let newestUnit: Int64?
}

/// The units whose log grew after a given entry, for comparing coders (reconciliation,
/// agreement): each with its place, question and whole log, and, if two coders or more
/// reviewed it, the latest version's suggested codes.
public struct LogChanges: Sendable {
    public struct Unit: Sendable {
        public let id: String
        public let position: Int64
        public let question: String?
        public let log: [Decision]
        /// Coders with a review decision (not a memo, not undone) on the unit.
        public let reviewers: Set<String>
        /// Empty unless two coders or more reviewed the unit.
        public internal(set) var suggested: Set<String>
    }

    public let basis: JudgementBasis
    /// The latest version's codebooks; nil before the first `recode`.
    public let codebooks: VersionCodebooks?
    /// The newest entry of the log (its `seq`; 0: the log is empty).
    public let last: Int64
    /// Coders of the entries after the given one, in the scope or not.
    public let coders: Set<String>
    /// The units of the scope with entries after the given one.
    public let units: [Unit]
}

extension ProjectStore {
    /// The basis the judgements of coders rest on now (see `JudgementBasis`): three lookups by key.
    static func judgementBasis(_ db: Database) throws -> JudgementBasis {
        let version = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codebook_version")
        let learning = try version.flatMap { try String.fetchOne(db, sql: "SELECT last_decision || ' ' || at FROM learning_run WHERE version_id = ?", arguments: [$0]) }
        return JudgementBasis(version: version, learning: learning, newestUnit: try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM unit"))
    }

    /// The units of `scope` (nil: all) whose log has entries after `seq` (0: every unit with a
    /// log), read in one snapshot: the coders and newest entry of what is new, then those units'
    /// logs in one statement ordered by unit (each unit an index search), and, where two coders
    /// reviewed a unit, its suggestions.
    public func logChanges(since seq: Int64, scope: Set<String>? = nil) throws -> LogChanges {
        try read { db in
            let coders = Set(try String.fetchAll(db, sql: "SELECT DISTINCT coder FROM decision WHERE seq > ?", arguments: [seq]))
            let last = max(seq, try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM decision") ?? 0)
            var units: [LogChanges.Unit] = []
            var shared: [String] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Decision.selection), question, position FROM decision JOIN unit ON unit.id = decision.unit_id
                WHERE unit_id IN (SELECT unit_id FROM decision WHERE seq > ?) ORDER BY unit_id, seq
                """, arguments: [seq])
            var log: [Decision] = [], question: String?, position: Int64 = 0
            func close() {
                guard let id = log.first?.unitID else { return }
                defer { log = [] }
                guard scope?.contains(id) ?? true else { return }
                let undone = Set(log.compactMap(\.undoes))
                let reviewers = Set(log.filter { $0.action != .memo && $0.action != .undo && !undone.contains($0.seq) }.map(\.coder))
                if reviewers.count >= 2 { shared.append(id) }
                units.append(LogChanges.Unit(id: id, position: position, question: question, log: log, reviewers: reviewers, suggested: []))
            }
            while let row = try rows.next() {
                let decision = try Decision(row: row)
                if decision.unitID != log.first?.unitID { close() }
                log.append(decision)
                question = row["question"]
                position = row["position"]
            }
            close()
            let codebooks = try Self.latestCodebooks(db)
            if let codebooks, !shared.isEmpty {
                var suggested: [String: Set<String>] = [:]
                // In chunks, within SQLite's limit on bound values.
                for start in stride(from: 0, to: shared.count, by: 5_000) {
                    suggested.merge(try Self.suggestedCodes(db, version: codebooks.version, units: Array(shared[start..<min(shared.count, start + 5_000)])),
                                    uniquingKeysWith: { a, _ in a })
                }
                for i in units.indices { units[i].suggested = suggested[units[i].id] ?? [] }
            }
            return LogChanges(basis: try Self.judgementBasis(db), codebooks: codebooks, last: last, coders: coders, units: units)
        }
    }

    /// The questions of the units of `scope` (nil: all); nil stands for interview turns.
    public func questions(of scope: Set<String>?) throws -> Set<String?> {
        try read { db in
            var questions: Set<String?> = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, question FROM unit")
            while let row = try rows.next() {
                if scope?.contains(row[0]) ?? true { questions.insert(row[1]) }
            }
            return questions
        }
    }
}
