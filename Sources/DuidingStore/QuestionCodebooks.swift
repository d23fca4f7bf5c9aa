import Foundation
import GRDB

/// The codebooks of one version: its default and the questions' own.
public struct VersionCodebooks: Sendable {
    /// The default codebook: for every question without its own, and for interview turns.
    public let standard: CodebookVersion
    /// Per question name, the question's own codebook.
    public let own: [String: CodebookVersion]

    public var version: Int64 { standard.id }

    /// The codebook that codes the units of `question` (nil: interview turns).
    public func codebook(question: String?) -> CodebookVersion {
        question.flatMap { own[$0] } ?? standard
    }

    /// The codes of the codebooks that code `units`, each once, in codebook order (the
    /// default's first): what counts over those units can show.
    public func codes(of units: [StoredUnit]) -> [StoredCode] {
        codes(ofQuestions: Set(units.map(\.question)))
    }

    /// The codes of the codebooks that code the units of `questions` (nil: interview turns),
    /// as `codes(of:)`.
    public func codes(ofQuestions questions: Set<String?>) -> [StoredCode] {
        var seen: Set<String> = [], result: [StoredCode] = []
        let used = Set(questions.map { codebook(question: $0).question })
        for key in used.sorted(by: { ($0 ?? "") < ($1 ?? "") }) {
            for code in codebook(question: key).codes where seen.insert(code.id).inserted { result.append(code) }
        }
        return result
    }
}

extension ProjectStore {
    static func registerQuestionCodebooks(_ migrator: inout DatabaseMigrator) {
        // A version may give a question a codebook of its own; every other unit keeps the
        // version's default (codebook_version.yaml and its `code` rows). codebook_version.question
        // names the question whose own codebook the version set (NULL: it set the default).
        migrator.registerMigration("v6 codebooks per question") { db in
            try db.execute(sql: """
                ALTER TABLE codebook_version ADD COLUMN question TEXT REFERENCES question(name);
                CREATE TABLE question_codebook (
                    version_id INTEGER NOT NULL REFERENCES codebook_version(id),
                    question TEXT NOT NULL REFERENCES question(name),
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    yaml TEXT NOT NULL,
                    PRIMARY KEY (version_id, question)
                ) WITHOUT ROWID;
                CREATE TABLE question_code (
                    version_id INTEGER NOT NULL,
                    question TEXT NOT NULL,
                    code_id TEXT NOT NULL,
                    label TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (version_id, question, code_id),
                    FOREIGN KEY (version_id, question) REFERENCES question_codebook(version_id, question)
                ) WITHOUT ROWID;
                """)
        }
    }

    /// The latest version's default and own codebooks; nil before the first `recode`.
    public func latestCodebooks() throws -> VersionCodebooks? {
        try read { db in try Self.latestCodebooks(db) }
    }

    static func latestCodebooks(_ db: Database) throws -> VersionCodebooks? {
        guard let standard = try latestCodebook(db) else { return nil }
        let own = try ownCodebooks(db, version: standard.id, only: nil)
        return VersionCodebooks(standard: standard, own: Dictionary(own.compactMap { c in c.question.map { ($0, c) } },
                                                                    uniquingKeysWith: { a, _ in a }))
    }

    /// The own codebooks of a version (all, or only that of `question`), by question order.
    static func ownCodebooks(_ db: Database, version: Int64, only question: String?) throws -> [CodebookVersion] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT qc.question, qc.name, qc.source, qc.yaml FROM question_codebook qc JOIN question q ON q.name = qc.question
            WHERE qc.version_id = ? AND (? IS NULL OR qc.question = ?) ORDER BY q.position
            """), arguments: [version, question, question])
        return try rows.map { row in
            let name: String = row["question"]
            return CodebookVersion(id: version, name: row["name"], source: row["source"], codes: try codes(db, version: version, ownOf: name),
                                   yaml: row["yaml"], question: name)
        }
    }

    /// The units a new codebook for `question` codes: that question's answers; for the default
    /// (nil), every unit whose question has no codebook of its own in the latest version
    /// (interview turns included). In import order.
    public func units(codedBy question: String?) throws -> [StoredUnit] {
        let units = try self.units()
        if let question { return units.filter { $0.question == question } }
        let own = try read { db in try Self.latestCodebooks(db) }?.own ?? [:]
        return own.isEmpty ? units : units.filter { $0.question.map { own[$0] == nil } ?? true }
    }

    /// Stores a new version in one transaction, only if the latest version is still `expected`
    /// (nil: there is none yet), so a version made from the latest never overtakes one stored
    /// meanwhile. The version gives `question` (nil: the default) the codebook `yaml` with
    /// `suggestions` for the units it codes (`units(codedBy:)`); every other codebook and the
    /// suggestions of every other unit carry over from the previous version unchanged.
    @discardableResult
    public func addCodebookVersion(name: String, source: String, yaml: String, codes: [StoredCode], question: String? = nil,
                                   suggestions: [StoredSuggestion], ifLatestIs expected: Int64?) throws -> Int64 {
        try write { db in
            let version = try Self.insertVersion(db, name: name, source: source, yaml: yaml, codes: codes, question: question, ifLatestIs: expected)
            try Self.insertSuggestions(db, suggestions, version: version)
            return version
        }
    }

    /// Codes a batch of units, given as (id, text) in import order, into their suggestions.
    public typealias BatchCoding = (_ units: [(id: String, text: String)]) throws -> [StoredSuggestion]

    /// As `addCodebookVersion(…suggestions:…)`, with the suggestions that `coding` makes of the
    /// units the version codes (`units(codedBy:)`), read from the project `batchSize` at a time
    /// inside the one transaction: a million units take the memory of one batch, and an
    /// interruption stores nothing. Returns the version and the number of units coded.
    @discardableResult
    public func addCodebookVersion(name: String, source: String, yaml: String, codes: [StoredCode], question: String? = nil,
                                   ifLatestIs expected: Int64?, batchSize: Int = 10_000,
                                   coding: @escaping BatchCoding) throws -> (version: Int64, units: Int) {
        precondition(batchSize > 0, "a batch holds at least one unit")
        return try write { db in
            let version = try Self.insertVersion(db, name: name, source: source, yaml: yaml, codes: codes, question: question, ifLatestIs: expected)
            // The default codes every unit whose question has no codebook of its own (the
            // previous version's, carried over).
            let which = question == nil
                ? "(question IS NULL OR question NOT IN (SELECT question FROM question_codebook WHERE version_id = :version))"
                : "question = :question"
            let batch = try db.makeStatement(sql: "SELECT id, text, position FROM unit WHERE position > :after AND \(which) ORDER BY position LIMIT :limit")
            // A batch is coded (on all cores, off this thread) while the one before is stored.
            let pipeline = CodingPipeline(coding)
            defer { pipeline.waitUntilIdle() }
            var after = -1, coded = 0
            while true {
                batch.arguments = question == nil ? ["version": version, "after": after, "limit": batchSize]
                                                  : ["question": question, "after": after, "limit": batchSize]
                // Read straight into (id, text), without a copied row per unit.
                var units: [(id: String, text: String)] = []
                units.reserveCapacity(batchSize)
                let rows = try Row.fetchCursor(batch)
                while let row = try rows.next() {
                    units.append((row[0], row[1]))
                    after = row[2]
                }
                guard !units.isEmpty else { break }
                coded += units.count
                let previous = try pipeline.result()
                pipeline.start(units)
                if let previous { try Self.insertSuggestions(db, previous, version: version) }
            }
            if let last = try pipeline.result() { try Self.insertSuggestions(db, last, version: version) }
            return (version, coded)
        }
    }

    /// The version row of `addCodebookVersion`, its codes and the codebooks it carries over.
    private static func insertVersion(_ db: Database, name: String, source: String, yaml: String, codes: [StoredCode],
                                      question: String?, ifLatestIs expected: Int64?) throws -> Int64 {
        let previous = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codebook_version")
        guard previous == expected else {
            throw ProjectError("the codebook changed meanwhile (version \(previous.map(String.init) ?? "none") is now the latest, not \(expected.map(String.init) ?? "none")); nothing was stored")
        }
        let version: Int64
        if let question {
            guard let previous else {
                throw ProjectError("question `\(question)` can get a codebook of its own once the project has one: run `duiding recode` without --question first")
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM question WHERE name = ?)", arguments: [question]) == true else {
                let names = try String.fetchAll(db, sql: "SELECT name FROM question ORDER BY position")
                throw ProjectError("no question `\(question)`; the questions are \(names.map { "`\($0)`" }.joined(separator: ", "))")
            }
            try db.execute(sql: "INSERT INTO codebook_version (name, source, yaml, at, question) SELECT name, source, yaml, ?, ? FROM codebook_version WHERE id = ?",
                           arguments: [timestamp(), question, previous])
            version = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO code SELECT ?, code_id, label, position FROM code WHERE version_id = ?", arguments: [version, previous])
            try Self.copyOwnCodebooks(db, from: previous, to: version, except: question)
            try db.execute(sql: "INSERT INTO question_codebook (version_id, question, name, source, yaml) VALUES (?, ?, ?, ?, ?)",
                           arguments: [version, question, name, source, yaml])
            for (i, code) in codes.enumerated() {
                try db.execute(sql: "INSERT INTO question_code (version_id, question, code_id, label, position) VALUES (?, ?, ?, ?, ?)",
                               arguments: [version, question, code.id, code.label, i])
            }
            try db.execute(sql: """
                INSERT INTO suggestion (version_id, unit_id, code_id, pattern, start16, end16)
                SELECT ?, s.unit_id, s.code_id, s.pattern, s.start16, s.end16 FROM suggestion s JOIN unit u ON u.id = s.unit_id
                WHERE s.version_id = ? AND u.question IS NOT ?
                """, arguments: [version, previous, question])
        } else {
            version = try Self.insertCodebookVersion(db, name: name, source: source, yaml: yaml, codes: codes)
            if let previous {
                try Self.copyOwnCodebooks(db, from: previous, to: version, except: nil)
                try db.execute(sql: """
                    INSERT INTO suggestion (version_id, unit_id, code_id, pattern, start16, end16)
                    SELECT ?, s.unit_id, s.code_id, s.pattern, s.start16, s.end16 FROM suggestion s JOIN unit u ON u.id = s.unit_id
                    WHERE s.version_id = ? AND u.question IN (SELECT question FROM question_codebook WHERE version_id = ?)
                    """, arguments: [version, previous, version])
            }
        }
        return version
    }

    private static func copyOwnCodebooks(_ db: Database, from previous: Int64, to version: Int64, except question: String?) throws {
        try db.execute(sql: """
            INSERT INTO question_codebook (version_id, question, name, source, yaml)
            SELECT ?, question, name, source, yaml FROM question_codebook WHERE version_id = ? AND question IS NOT ?
            """, arguments: [version, previous, question])
        try db.execute(sql: """
            INSERT INTO question_code (version_id, question, code_id, label, position)
            SELECT ?, question, code_id, label, position FROM question_code WHERE version_id = ? AND question IS NOT ?
            """, arguments: [version, previous, question])
    }
}

/// Codes batches on another thread, one at a time, so that the database thread can store
/// one batch's suggestions while the next is coded. The batch coding runs on one thread at a
/// time and hands its result over through the semaphore (hence `@unchecked Sendable`).
private final class CodingPipeline: @unchecked Sendable {
    private let coding: ProjectStore.BatchCoding
    private let done = DispatchSemaphore(value: 0)
    private var running = false
    private var outcome: Result<[StoredSuggestion], any Error>?

    init(_ coding: @escaping ProjectStore.BatchCoding) { self.coding = coding }

    /// Starts coding `units`; the batch before must have been collected with `result()`.
    func start(_ units: [(id: String, text: String)]) {
        precondition(!running, "one batch at a time")
        running = true
        DispatchQueue.global().async {
            self.outcome = Result { try self.coding(units) }
            self.done.signal()
        }
    }

    /// The suggestions of the batch started last (nil if none is running), once it is coded.
    func result() throws -> [StoredSuggestion]? {
        guard running else { return nil }
        done.wait()
        running = false
        defer { outcome = nil }
        return try outcome?.get()
    }

    /// Waits for a batch still being coded (after an error elsewhere), dropping its result.
    func waitUntilIdle() { _ = try? result() }
}
