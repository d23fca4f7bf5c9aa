import GRDB

/// An open question of the project's survey: its name (the column its answers came from, or
/// the value of the question column) and its label (an SPSS variable label, or "").
public struct StoredQuestion: Sendable, Hashable {
    public let name: String
    public let label: String
    /// Units (non-empty answers) of the question; each respondent gives at most one.
    public let units: Int

    public init(name: String, label: String, units: Int) {
        self.name = name
        self.label = label
        self.units = units
    }
}

extension ProjectStore {
    /// The question of answers imported without one: the default text column's name.
    public static let defaultQuestion = "text"

    static func registerQuestions(_ migrator: inout DatabaseMigrator) {
        // Units answer a question and come from a respondent; projects made before hold one
        // question (`text`), and an interview's respondent is its file (the id before `#`).
        migrator.registerMigration("v5 questions and respondents") { db in
            try db.execute(sql: """
                CREATE TABLE question (
                    name TEXT PRIMARY KEY,
                    label TEXT NOT NULL DEFAULT '',
                    position INTEGER NOT NULL
                );
                ALTER TABLE unit ADD COLUMN question TEXT REFERENCES question(name);
                ALTER TABLE unit ADD COLUMN respondent TEXT NOT NULL DEFAULT '';
                INSERT INTO question (name, label, position)
                    SELECT '\(defaultQuestion)', '', 0 WHERE EXISTS (SELECT 1 FROM unit WHERE kind = 'answer');
                UPDATE unit SET question = '\(defaultQuestion)' WHERE kind = 'answer';
                UPDATE unit SET respondent = CASE
                    WHEN kind = 'interview' AND instr(id, '#') > 0 THEN substr(id, 1, instr(id, '#') - 1)
                    ELSE id END;
                CREATE INDEX unit_by_question ON unit (question, position);
                """)
        }
    }

    /// The survey's open questions in the order first imported, with their number of units.
    public func questions() throws -> [StoredQuestion] {
        try read { db in try Self.questions(db) }
    }

    /// The names of the survey's open questions in the order first imported, without counting
    /// their units (a count reads a whole index: 60 ms at a million answers).
    public func questionNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM question ORDER BY position") }
    }

    static func questions(_ db: Database) throws -> [StoredQuestion] {
        try Row.fetchAll(db, sql: """
            SELECT q.name, q.label, (SELECT COUNT(*) FROM unit u WHERE u.question = q.name) AS units
            FROM question q ORDER BY q.position
            """).map { StoredQuestion(name: $0["name"], label: $0["label"], units: $0["units"]) }
    }

    /// Records the questions of new units (a label fills an empty one, never replaces one).
    static func insertQuestions(_ db: Database, _ questions: [StoredQuestion]) throws {
        var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM question") ?? -1
        for question in questions {
            position += 1
            try db.execute(sql: """
                INSERT INTO question (name, label, position) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET label = excluded.label WHERE question.label = ''
                """, arguments: [question.name, question.label, position])
        }
    }
}
