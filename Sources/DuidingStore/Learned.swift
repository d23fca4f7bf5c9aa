import Foundation
import GRDB

/// A suggestion that learning changed or added: a code the model suggests where no pattern
/// fired (`learned`), a pattern suggestion the model confirms (`both`) or overrules
/// (`vetoed`), with the model's confidence and the words that weighed most.
public struct LearnedSuggestion: Sendable, Hashable {
    public enum Source: String, Sendable, CaseIterable { case learned, both, vetoed }

    public let unitID: String
    public let codeID: String
    public let source: Source
    /// The model's probability that the code applies.
    public let confidence: Double
    /// The words that weighed most, as UTF-16 ranges of the unit's text.
    public let evidence: [Range<Int>]

    public init(unitID: String, codeID: String, source: Source, confidence: Double, evidence: [Range<Int>]) {
        self.unitID = unitID
        self.codeID = codeID
        self.source = source
        self.confidence = confidence
        self.evidence = evidence
    }
}

/// What one learning run was trained on: the log up to `lastDecision`, for a codebook version.
public struct LearningRun: Sendable, Hashable {
    public let version: Int64
    /// The newest decision the models saw (its `seq`).
    public let lastDecision: Int64
    /// Decided (unit, code) labels the models were trained on.
    public let labels: Int
    public let at: String
    /// A plain-text summary per code (models trained, or why not).
    public let summary: String
}

/// A unit's human labels for training: decisions only, never suggestions.
public struct DecidedLabels: Sendable, Hashable {
    public let unitID: String
    public let text: String
    /// Codes a person accepted or added.
    public let positives: Set<String>
    /// Codes a person rejected, and codes that were neither suggested nor added on a unit a
    /// person reviewed (they saw the answer and did not add the code). A suggestion left
    /// undecided on a reviewed unit is in neither set.
    public let negatives: Set<String>
}

extension ProjectStore {
    static func registerLearning(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4 learned suggestions") { db in
            try db.execute(sql: """
                CREATE TABLE learned_suggestion (
                    version_id INTEGER NOT NULL REFERENCES codebook_version(id),
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    code_id TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('learned', 'both', 'vetoed')),
                    confidence REAL NOT NULL,
                    evidence TEXT NOT NULL,
                    PRIMARY KEY (version_id, unit_id, code_id)
                ) WITHOUT ROWID;
                -- Per unit, how unsure the models are: the smallest |p - 0.5| over the codes that
                -- have a model, and whether a model and the patterns disagree on the unit.
                CREATE TABLE learned_unit (
                    version_id INTEGER NOT NULL REFERENCES codebook_version(id),
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    margin REAL NOT NULL,
                    disagrees INTEGER NOT NULL,
                    PRIMARY KEY (version_id, unit_id)
                ) WITHOUT ROWID;
                CREATE TABLE learning_run (
                    version_id INTEGER PRIMARY KEY REFERENCES codebook_version(id),
                    last_decision INTEGER NOT NULL,
                    labels INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    summary TEXT NOT NULL
                );
                -- The codes suggested per unit: the patterns' (less those the model overrules)
                -- and the model's own.
                CREATE VIEW suggested_code AS
                    SELECT DISTINCT s.version_id, s.unit_id, s.code_id FROM suggestion s
                    WHERE NOT EXISTS (SELECT 1 FROM learned_suggestion l WHERE l.version_id = s.version_id
                                      AND l.unit_id = s.unit_id AND l.code_id = s.code_id AND l.source = 'vetoed')
                    UNION
                    SELECT version_id, unit_id, code_id FROM learned_suggestion WHERE source = 'learned';
                """)
        }
    }

    /// The `project` key counting changes of learned suggestions (`storeLearned`,
    /// `clearLearned`): what tells the kept suggestions (`KeptSuggestions`) they are stale.
    static let learnedChangesKey = "learned_changes"

    private static func countLearnedChange(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO project (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                       arguments: [learnedChangesKey])
    }

    /// Replaces the learned suggestions of a version in one transaction. They are a cache of
    /// the models, which can always be rebuilt from the decisions; the run records the newest
    /// decision the models saw.
    public func storeLearned(_ suggestions: [LearnedSuggestion], margins: [(unitID: String, margin: Double)],
                             version: Int64, lastDecision: Int64, labels: Int, summary: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM learned_suggestion WHERE version_id = ?", arguments: [version])
            try db.execute(sql: "DELETE FROM learned_unit WHERE version_id = ?", arguments: [version])
            try Self.countLearnedChange(db)
            let disagreeing = Set(suggestions.filter { $0.source != .both }.map(\.unitID))
            let insertUnit = try db.makeStatement(sql: "INSERT INTO learned_unit (version_id, unit_id, margin, disagrees) VALUES (?, ?, ?, ?)")
            for m in margins { try insertUnit.execute(arguments: [version, m.unitID, m.margin, disagreeing.contains(m.unitID)]) }
            let insert = try db.makeStatement(sql: """
                INSERT INTO learned_suggestion (version_id, unit_id, code_id, source, confidence, evidence) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for s in suggestions {
                try insert.execute(arguments: [version, s.unitID, s.codeID, s.source.rawValue, s.confidence,
                                               s.evidence.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: " ")])
            }
            try db.execute(sql: """
                INSERT INTO learning_run (version_id, last_decision, labels, at, summary) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(version_id) DO UPDATE SET last_decision = excluded.last_decision, labels = excluded.labels,
                    at = excluded.at, summary = excluded.summary
                """, arguments: [version, lastDecision, labels, timestamp(), summary])
        }
    }

    /// Removes what learning added to a version (`recode --no-learn`).
    public func clearLearned(version: Int64) throws {
        try write { db in
            for table in ["learned_suggestion", "learned_unit", "learning_run"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE version_id = ?", arguments: [version])
            }
            try Self.countLearnedChange(db)
        }
    }

    /// The latest learning run of a version, if any.
    public func learningRun(version: Int64) throws -> LearningRun? {
        try read { db in try Self.learningRun(db, version: version) }
    }

    static func learningRun(_ db: Database, version: Int64) throws -> LearningRun? {
        try LearningRun.fetchOne(db, sql: "SELECT \(LearningRun.selection) FROM learning_run WHERE version_id = ?", arguments: [version])
    }

    /// Learned suggestions of a version per unit; or of one unit.
    public func learned(version: Int64, unit: String? = nil) throws -> [String: [LearnedSuggestion]] {
        try read { db in try Self.learned(db, version: version, unit: unit) }
    }

    static func learned(_ db: Database, version: Int64, unit: String?) throws -> [String: [LearnedSuggestion]] {
        try learned(db, version: version, units: unit.map { [$0] })
    }

    /// Learned suggestions of a version for `units` (nil: every unit), per unit.
    static func learned(_ db: Database, version: Int64, units: [String]?) throws -> [String: [LearnedSuggestion]] {
        var result: [String: [LearnedSuggestion]] = [:]
        let sql = "SELECT \(LearnedSuggestion.selection) FROM learned_suggestion WHERE version_id = ?"
            + (units.map { " AND unit_id IN (\(databaseQuestionMarks(count: $0.count)))" } ?? "")
        let rows = try LearnedSuggestion.fetchCursor(db, sql: sql, arguments: StatementArguments([version]) + StatementArguments(units ?? []))
        while let s = try rows.next() { result[s.unitID, default: []].append(s) }
        return result
    }

    /// The codes suggested per unit under a version: patterns' and learned, less those the model
    /// overrules.
    public func suggestedCodes(version: Int64) throws -> [String: Set<String>] {
        try read { db in
            var result: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id FROM suggested_code WHERE version_id = ?", arguments: [version])
            while let row = try rows.next() { result[row[0] as String, default: []].insert(row[1]) }
            return result
        }
    }

    static func suggestedCodes(_ db: Database, version: Int64, unit: String) throws -> Set<String> {
        try suggestedCodes(db, version: version, units: [unit])[unit] ?? []
    }

    /// `suggested_code` for a few units, written out: SQLite does not push a unit filter into
    /// the view (DISTINCT and UNION make it a co-routine), so the view scanned every suggestion
    /// of the version for each unit — 45 ms per lookup at 20,000 units, twice per decision in
    /// the review server. Both parts here are index searches per unit.
    static func suggestedCodes(_ db: Database, version: Int64, units: [String]) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let some = StatementArguments([version]) + StatementArguments(units)
        let rows = try Row.fetchCursor(statement(db, suggestedCodesSQL(units: units.count), keys: units.count), arguments: some + some)
        while let row = try rows.next() { result[row[0] as String, default: []].insert(row[1]) }
        return result
    }

    /// The query of `suggestedCodes(_:version:units:)`: arguments version, the units, version,
    /// the units again.
    static func suggestedCodesSQL(units count: Int) -> String {
        let marks = databaseQuestionMarks(count: count)
        return """
            SELECT s.unit_id, s.code_id FROM suggestion s WHERE s.version_id = ? AND s.unit_id IN (\(marks))
                AND NOT EXISTS (SELECT 1 FROM learned_suggestion l WHERE l.version_id = s.version_id
                                AND l.unit_id = s.unit_id AND l.code_id = s.code_id AND l.source = 'vetoed')
            UNION
            SELECT unit_id, code_id FROM learned_suggestion WHERE version_id = ? AND unit_id IN (\(marks)) AND source = 'learned'
            """
    }

    /// The human labels of every unit someone decided on, read in one snapshot, with the seq
    /// of the newest decision: the training data for learning and nothing else.
    public func decidedLabels() throws -> (labels: [DecidedLabels], lastDecision: Int64) {
        try read { db in
            guard let version = try Self.latestCodebook(db) else { return ([], 0) }
            let codes = version.codes.map(\.id)
            var logs: [String: [Decision]] = [:]
            var order: [String] = []
            var last: Int64 = 0
            for d in try Self.decisions(db, unit: nil) {
                if logs[d.unitID] == nil { order.append(d.unitID) }
                logs[d.unitID, default: []].append(d)
                last = max(last, d.seq)
            }
            var patternCodes: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT DISTINCT unit_id, code_id FROM suggestion WHERE version_id = ?", arguments: [version.id])
            while let row = try rows.next() { patternCodes[row[0] as String, default: []].insert(row[1]) }
            var texts: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, text FROM unit WHERE id IN (SELECT DISTINCT unit_id FROM decision)") {
                texts[row[0]] = row[1]
            }
            var labels: [DecidedLabels] = []
            for id in order {
                guard let text = texts[id], let log = logs[id] else { continue }
                let suggested = patternCodes[id] ?? []
                let state = UnitState(suggested: suggested, log: log)
                let reviewed = !state.reviewedBy.isEmpty && log.contains { $0.action != .memo && $0.action != .undo }
                var positives = Set<String>(), negatives = Set<String>()
                for code in codes {
                    switch state.decided[code]?.action {
                    case .accept?, .add?: positives.insert(code)
                    case .reject?: negatives.insert(code)
                    default: if reviewed && !suggested.contains(code) { negatives.insert(code) }
                    }
                }
                if !positives.isEmpty || !negatives.isEmpty {
                    labels.append(DecidedLabels(unitID: id, text: text, positives: positives, negatives: negatives))
                }
            }
            return (labels, last)
        }
    }
}
