import Foundation
import GRDB

// The store's types as GRDB records: each reads its row by column name (`Columns`), so a
// query names what it selects and the type says how it is read, in one place.

extension Decision: FetchableRecord {
    enum Columns {
        static let seq = Column("seq"), unitID = Column("unit_id"), codeID = Column("code_id"), action = Column("action")
        static let coder = Column("coder"), at = Column("at"), memo = Column("memo"), undoes = Column("undoes"), final = Column("final")
        static let passageStart = Column("passage_start"), passageEnd = Column("passage_end"), batch = Column("batch")
    }
    static let selection = "seq, unit_id, code_id, action, coder, at, memo, undoes, final, passage_start, passage_end, batch"

    public init(row: Row) throws {
        self.init(seq: row[Columns.seq], unitID: row[Columns.unitID], codeID: row[Columns.codeID],
                  action: DecisionAction(rawValue: row[Columns.action]) ?? .done, coder: row[Columns.coder], at: row[Columns.at],
                  memo: row[Columns.memo], undoes: row[Columns.undoes], final: row[Columns.final], batch: row[Columns.batch])
        if let start: Int = row[Columns.passageStart], let end: Int = row[Columns.passageEnd], start < end { passage = start..<end }
    }
}

extension StoredSuggestion: FetchableRecord {
    enum Columns {
        static let unitID = Column("unit_id"), codeID = Column("code_id"), pattern = Column("pattern")
        static let start16 = Column("start16"), end16 = Column("end16")
    }
    static let selection = "unit_id, code_id, pattern, start16, end16"

    public init(row: Row) throws {
        let start: Int = row[Columns.start16], end: Int = row[Columns.end16]
        self.init(unitID: row[Columns.unitID], codeID: row[Columns.codeID], pattern: row[Columns.pattern], utf16Range: start..<max(start, end))
    }
}

extension LearnedSuggestion: FetchableRecord {
    enum Columns {
        static let unitID = Column("unit_id"), codeID = Column("code_id"), source = Column("source")
        static let confidence = Column("confidence"), evidence = Column("evidence")
    }
    static let selection = "unit_id, code_id, source, confidence, evidence"

    /// `evidence` is stored as `start-end start-end …` (UTF-16 offsets).
    public init(row: Row) throws {
        let evidence = (row[Columns.evidence] as String).split(separator: " ").compactMap { part -> Range<Int>? in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]..<bounds[1] : nil
        }
        self.init(unitID: row[Columns.unitID], codeID: row[Columns.codeID], source: Source(rawValue: row[Columns.source]) ?? .learned,
                  confidence: row[Columns.confidence], evidence: evidence)
    }
}

extension LearningRun: FetchableRecord {
    enum Columns {
        static let version = Column("version_id"), lastDecision = Column("last_decision"), labels = Column("labels")
        static let at = Column("at"), summary = Column("summary")
    }
    static let selection = "version_id, last_decision, labels, at, summary"

    public init(row: Row) throws {
        self.init(version: row[Columns.version], lastDecision: row[Columns.lastDecision], labels: row[Columns.labels],
                  at: row[Columns.at], summary: row[Columns.summary])
    }
}

extension Variable: FetchableRecord {
    enum Columns {
        static let name = Column("name"), label = Column("label"), valueOrder = Column("value_order"), hidden = Column("hidden"),
                   valueLabels = Column("value_labels")
    }
    static let selection = "name, label, value_order, hidden, value_labels"

    /// `value_order` is stored as a JSON array of strings, `value_labels` as a JSON object.
    public init(row: Row) throws {
        let order = try JSONDecoder().decode([String].self, from: Data((row[Columns.valueOrder] as String).utf8))
        let labels = try JSONDecoder().decode([String: String].self, from: Data((row[Columns.valueLabels] as String).utf8))
        self.init(name: row[Columns.name], label: row[Columns.label], valueOrder: order, hidden: row[Columns.hidden], valueLabels: labels)
    }
}

extension CodebookVersionInfo: FetchableRecord {
    enum Columns {
        static let id = Column("id"), name = Column("name"), source = Column("source"), at = Column("at"), question = Column("question")
    }

    public init(row: Row) throws {
        self.init(id: row[Columns.id], name: row[Columns.name], source: row[Columns.source], at: row[Columns.at], question: row[Columns.question])
    }
}
