import Foundation
import GRDB

/// A unit to import: an answer or an interview turn with its group values.
public struct NewUnit: Sendable {
    public var id: String
    public var text: String
    public var kind: UnitKind
    public var values: [String: String]
    public var file: String
    public var line: Int
    /// The question an answer belongs to (nil for an interview turn).
    public var question: String?
    /// The respondent (or interview) the unit comes from.
    public var respondent: String
    /// For an interview turn, the interviewer's question before it.
    public var prompt: String?

    /// An answer without a question belongs to `ProjectStore.defaultQuestion`; the respondent
    /// defaults to the unit's id.
    public init(id: String, text: String, kind: UnitKind, values: [String: String], file: String, line: Int,
                question: String? = nil, respondent: String? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.values = values
        self.file = file
        self.line = line
        self.question = kind == .answer ? question ?? ProjectStore.defaultQuestion : nil
        self.respondent = respondent ?? id
    }
}

public enum UnitKind: String, Sendable { case answer, interview }

/// A stored unit with its group values.
public struct StoredUnit: Sendable, Hashable {
    public let id: String
    public let position: Int
    public let text: String
    public let kind: UnitKind
    public let values: [String: String]
    public let file: String
    public let line: Int
    /// The question an answer belongs to; nil for an interview turn.
    public let question: String?
    /// The respondent (or interview) the unit comes from.
    public let respondent: String
    /// For an interview turn, the interviewer's question before it (read for the review page).
    public var prompt: String? = nil
}

/// A group variable: its label (from SPSS or `duiding variable --label`; "" for none), the
/// order of its values in tables (SPSS value order or `--order`), the labels of its values
/// (`--value 1=man`), and whether coders see it.
public struct Variable: Sendable, Hashable {
    public let name: String
    public let label: String
    /// Values in the order tables show them; values not listed follow.
    public let valueOrder: [String]
    /// Hidden from coders: not on the review page, not in its API.
    public let hidden: Bool
    /// What readers see for a stored value (`1` → `man`); values not listed show as stored.
    public let valueLabels: [String: String]

    public init(name: String, label: String, valueOrder: [String] = [], hidden: Bool = false, valueLabels: [String: String] = [:]) {
        self.name = name
        self.label = label
        self.valueOrder = valueOrder
        self.hidden = hidden
        self.valueLabels = valueLabels
    }

    /// The value as readers see it: its label, else the value itself.
    public func shown(_ value: String) -> String {
        valueLabels[value] ?? value
    }

    /// The stored value `text` names: itself when it is one of `values`, else the value it
    /// is the label of (`man` → `1`), else `text` unchanged.
    public func value(_ text: String, among values: Set<String>) -> String {
        values.contains(text) ? text : valueLabels.first { $0.value == text }?.key ?? text
    }
}

/// New units as a project stores them: checked, with positions, the variables they name and
/// their questions in order of first answer. An import writes exactly this; read-only work on
/// answer files (screening them) uses it without writing anything.
public struct UnitBatch: Sendable {
    public let units: [StoredUnit]
    /// The variables given, then any other that a unit has a value for (in the order met, a
    /// unit's names sorted); weight and gold columns are hidden from coders.
    public let variables: [Variable]
    /// Each question once, in order of its first answer, with its number of units here.
    public let questions: [StoredQuestion]

    /// The batch an import into an empty project stores. Throws for a text SQLite cannot
    /// keep (a NUL character), naming file and line.
    public init(_ units: [NewUnit], variables: [Variable], questionLabels: [String: String] = [:]) throws {
        try Self.check(units)
        self.init(checked: units, variables: variables, questionLabels: questionLabels, firstPosition: 0)
    }

    init(checked units: [NewUnit], variables: [Variable], questionLabels: [String: String], firstPosition: Int) {
        var stored: [StoredUnit] = []
        stored.reserveCapacity(units.count)
        var all = variables
        var named = Set(variables.map(\.name))
        var questionOrder: [String] = []
        var answers: [String: Int] = [:]
        for (offset, unit) in units.enumerated() {
            stored.append(StoredUnit(id: unit.id, position: firstPosition + offset, text: unit.text, kind: unit.kind, values: unit.values,
                                     file: unit.file, line: unit.line, question: unit.question, respondent: unit.respondent,
                                     prompt: unit.prompt))
            for name in unit.values.keys.sorted() where named.insert(name).inserted {
                all.append(Variable(name: name, label: ""))
            }
            if let question = unit.question {
                if answers[question] == nil { questionOrder.append(question) }
                answers[question, default: 0] += 1
            }
        }
        self.units = stored
        self.variables = all.map {
            Variable(name: $0.name, label: $0.label, valueOrder: $0.valueOrder, hidden: $0.hidden || Variable.hiddenByDefault($0.name),
                     valueLabels: $0.valueLabels)
        }
        self.questions = questionOrder.map { StoredQuestion(name: $0, label: questionLabels[$0] ?? "", units: answers[$0] ?? 0) }
    }

    /// SQLite text cannot carry U+0000 through the C API (it would be cut there), so a text
    /// with one is refused rather than stored shortened.
    static func check(_ units: [NewUnit]) throws {
        func check(_ text: String, _ what: @autoclosure () -> String, at unit: NewUnit) throws {
            if text.utf8.contains(0) {
                throw ProjectError("\(unit.file):\(unit.line): \(what()) contains a NUL character (U+0000), which cannot be stored; nothing was imported")
            }
        }
        for unit in units {
            try check(unit.id, "the id", at: unit)
            try check(unit.text, "the text of `\(unit.id)`", at: unit)
            for (name, value) in unit.values {
                try check(name, "a variable name", at: unit)
                try check(value, "the value of `\(name)` of `\(unit.id)`", at: unit)
            }
        }
    }
}

extension ProjectStore {
    /// Adds units in one transaction: all or nothing. Ids must be new to the project, except
    /// that answers of respondents already there to a question they had not answered are added
    /// as `RESPONDENT/QUESTION` (the same file imported again with another text column adds
    /// that question). With `codedWith`, the units' suggestions under that codebook version are
    /// stored in the same transaction, so an interrupted import leaves neither units nor
    /// suggestions behind. Returns the units as stored (with their final ids and positions).
    @discardableResult
    public func importUnits(_ units: [NewUnit], file: String, variables: [Variable], questionLabels: [String: String] = [:],
                            skipped: Int = 0, suggestions: [StoredSuggestion] = [], codedWith version: Int64? = nil) throws -> [StoredUnit] {
        try importUnits(file: file) { importing in
            if let version {
                guard importing.codebooks?.version == version else {
                    throw ProjectError("the codebook of \(path ?? "the project") changed during the import; nothing was imported, run the import again")
                }
            }
            let stored = try importing.add(units, variables: variables, questionLabels: questionLabels)
            try importing.throwIfRepeated()
            importing.skipped = skipped
            if version != nil {
                let renamed = Dictionary(zip(units, stored).filter { $0.id != $1.id }.map { ($0.id, $1.id) }, uniquingKeysWith: { a, _ in a })
                try importing.addSuggestions(renamed.isEmpty ? suggestions : suggestions.map {
                    StoredSuggestion(unitID: renamed[$0.unitID] ?? $0.unitID, codeID: $0.codeID, pattern: $0.pattern, utf16Range: $0.utf16Range)
                })
            }
            return stored
        }
    }

    /// An import of `file` in one transaction, batch by batch: `body` adds the units (and their
    /// suggestions) through the `UnitImport` it gets; when it throws, nothing is imported.
    public func importUnits<T>(file: String, _ body: (inout UnitImport) throws -> T) throws -> T {
        try write { db in try Self.importUnits(db, file: file, body) }
    }

    static func importUnits<T>(_ db: Database, file: String, _ body: (inout UnitImport) throws -> T) throws -> T {
        var importing = try UnitImport(db, file: file)
        let result = try body(&importing)
        try importing.finish()
        return result
    }

    static func insertUnits(_ db: Database, _ units: [NewUnit], file: String, variables: [Variable], skipped: Int) throws -> [StoredUnit] {
        try importUnits(db, file: file) { importing in
            let stored = try importing.add(units, variables: variables, questionLabels: [:])
            try importing.throwIfRepeated()
            importing.skipped = skipped
            return stored
        }
    }
}

/// An import under way, inside its one transaction (`ProjectStore.importUnits(file:_:)`):
/// units go in batch by batch through prepared statements, so memory holds one batch
/// however many units there are. An id this import has used already is found by the
/// project's unique key, not by a set of every id: such a unit is left out and listed in
/// `repeated`, and the caller refuses the whole import.
public struct UnitImport {
    /// A unit whose id this import had already given to another one.
    public struct RepeatedID: Sendable, Hashable {
        public let file: String
        public let line: Int
        /// What is wrong, naming where the id was first used.
        public let message: String
    }

    /// The project's latest codebooks, read inside the import's transaction (nil before the
    /// first `recode`): the units' suggestions belong to this version.
    public let codebooks: VersionCodebooks?
    /// Units added so far.
    public private(set) var count = 0
    /// The units left out because their id was used before in this import, in input order.
    public private(set) var repeated: [RepeatedID] = []
    /// Broken rows left out (`--skip-bad-rows`), for the import's record.
    public var skipped = 0

    private let db: Database
    private let importID: Int64
    /// Whether the project had units before: else no id can clash with an earlier import's.
    private let projectHadUnits: Bool
    private var nextPosition: Int
    private var variablePosition: Int
    private var variablesWritten: Set<String> = []
    private var questionsWritten: Set<String> = []
    private var questionOrder: [String] = []
    private var answers: [String: Int] = [:]
    private let insertUnit: Statement
    private let insertValue: Statement
    private let firstUse: Statement

    init(_ db: Database, file: String) throws {
        self.db = db
        codebooks = try ProjectStore.latestCodebooks(db)
        projectHadUnits = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM unit)") == true
        try db.execute(sql: "INSERT INTO import (file, at, units, skipped) VALUES (?, ?, 0, 0)", arguments: [file, timestamp()])
        importID = db.lastInsertedRowID
        nextPosition = (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM unit") ?? -1) + 1
        variablePosition = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM variable") ?? -1
        insertUnit = try db.makeStatement(sql: """
            INSERT INTO unit (id, position, text, kind, file, line, import_id, question, respondent, prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """)
        insertValue = try db.makeStatement(sql: "INSERT INTO unit_value (unit_id, variable, value) VALUES (?, ?, ?)")
        firstUse = try db.makeStatement(sql: "SELECT file, line FROM unit WHERE id = ?")
    }

    /// The questions of the units added so far, in order of first answer, with their answers here.
    public var questions: [StoredQuestion] {
        questionOrder.map { StoredQuestion(name: $0, label: "", units: answers[$0] ?? 0) }
    }

    /// Adds a batch of units after the ones before, with the variables they name (a variable
    /// already there keeps its settings; a label or value order fills an empty one) and their
    /// questions. Throws for a text SQLite cannot keep (NUL) and for an id already in the
    /// project; returns the units as stored, without those in `repeated`.
    public mutating func add(_ units: [NewUnit], variables: [Variable], questionLabels: [String: String]) throws -> [StoredUnit] {
        try UnitBatch.check(units)
        var units = units
        if projectHadUnits { try ProjectStore.resolveClashes(db, &units, before: importID) }
        let batch = UnitBatch(checked: units, variables: variables, questionLabels: questionLabels, firstPosition: nextPosition)
        nextPosition += units.count
        for v in batch.variables where variablesWritten.insert(v.name).inserted {
            variablePosition += 1
            try db.execute(sql: """
                INSERT INTO variable (name, label, position, value_order, hidden) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET
                    label = CASE WHEN variable.label = '' THEN excluded.label ELSE variable.label END,
                    value_order = CASE WHEN variable.value_order = '[]' THEN excluded.value_order ELSE variable.value_order END
                """, arguments: [v.name, v.label, variablePosition, jsonArray(v.valueOrder), v.hidden])
        }
        try ProjectStore.insertQuestions(db, batch.questions.filter { questionsWritten.insert($0.name).inserted })
        var stored: [StoredUnit] = []
        stored.reserveCapacity(batch.units.count)
        for unit in batch.units {
            try insertUnit.execute(arguments: [unit.id, unit.position, unit.text, unit.kind.rawValue, unit.file, unit.line, importID,
                                               unit.question, unit.respondent, unit.prompt])
            guard db.changesCount == 1 else {
                let first = try Row.fetchOne(firstUse, arguments: [unit.id])
                let place = first.map { "\($0[0] as String):\($0[1] as Int)" } ?? "an earlier line"
                repeated.append(RepeatedID(file: unit.file, line: unit.line, message: "id `\(unit.id)` was already used at \(place); ids must be unique"))
                continue
            }
            for (name, value) in unit.values {
                try insertValue.execute(arguments: [unit.id, name, value])
            }
            if let question = unit.question {
                if answers[question] == nil { questionOrder.append(question) }
                answers[question, default: 0] += 1
            }
            stored.append(unit)
        }
        count += stored.count
        return stored
    }

    /// Stores suggestions of units added, under the latest codebook version.
    public func addSuggestions(_ suggestions: [StoredSuggestion]) throws {
        guard let version = codebooks?.version else {
            precondition(suggestions.isEmpty, "suggestions without a codebook version")
            return
        }
        try ProjectStore.insertSuggestions(db, suggestions, version: version)
    }

    /// Throws, naming each unit, when some id was used twice.
    func throwIfRepeated() throws {
        guard !repeated.isEmpty else { return }
        throw ProjectError(repeated.map { "\($0.file):\($0.line): \($0.message)" }.joined(separator: "\n") + "\nnothing was imported")
    }

    fileprivate func finish() throws {
        try db.execute(sql: "UPDATE import SET units = ?, skipped = ? WHERE id = ?", arguments: [count, skipped, importID])
    }
}

extension ProjectStore {
    /// Ids that units of imports before `importID` have: an answer to a question its
    /// respondent has not answered yet becomes `RESPONDENT/QUESTION`; any other clash is an
    /// error naming the unit.
    fileprivate static func resolveClashes(_ db: Database, _ units: inout [NewUnit], before importID: Int64) throws {
        func existing(_ ids: [String]) throws -> [String: (question: String?, respondent: String)] {
            var result: [String: (question: String?, respondent: String)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, question, respondent FROM unit WHERE id IN (SELECT value FROM json_each(?)) AND import_id < ?
                """, arguments: [jsonArray(ids), importID]) {
                result[row["id"]] = (row["question"], row["respondent"])
            }
            return result
        }
        let clashes = try existing(units.map(\.id))
        guard !clashes.isEmpty else { return }
        // The questions the clashing units' respondents have answered already.
        var answered: Set<String> = []
        for row in try Row.fetchAll(db, sql: """
            SELECT respondent, question FROM unit
            WHERE question IS NOT NULL AND respondent IN (SELECT value FROM json_each(?)) AND import_id < ?
            """, arguments: [jsonArray(Set(clashes.values.map(\.respondent)).sorted()), importID]) {
            answered.insert((row["respondent"] as String) + "\u{0}" + (row["question"] as String))
        }
        var renamed: [Int] = []
        for i in units.indices {
            guard let old = clashes[units[i].id] else { continue }
            let unit = units[i]
            guard let question = unit.question, old.question != question, old.respondent == unit.respondent,
                  !answered.contains(unit.respondent + "\u{0}" + question) else {
                let what = old.question.map { " (an answer to `\($0)`)" } ?? ""
                throw ProjectError("\(unit.file):\(unit.line): id `\(unit.id)` is already in the project\(what); nothing was imported")
            }
            units[i].id = unit.respondent + "/" + question
            renamed.append(i)
        }
        // A new id may itself be taken, in the project or by another unit of this batch (a
        // unit of another batch of this import shows in `UnitImport.repeated`).
        let taken = try existing(renamed.map { units[$0].id })
        let wasRenamed = Set(renamed)
        var ids = Set(units.indices.filter { !wasRenamed.contains($0) }.map { units[$0].id })
        for i in renamed where taken[units[i].id] != nil || !ids.insert(units[i].id).inserted {
            throw ProjectError("\(units[i].file):\(units[i].line): id `\(units[i].id)` is already in the project; nothing was imported")
        }
    }
}

extension ProjectStore {
    /// All units in import order; without `texts`, every text is empty.
    public func units(texts: Bool = true) throws -> [StoredUnit] {
        try read { db in try Self.units(db, texts: texts) }
    }

    /// The units of `ids` that exist, in import order.
    public func units(ids: [String]) throws -> [StoredUnit] {
        try read { db in
            let wanted = jsonArray(ids)
            var values: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT unit_id, variable, value FROM unit_value WHERE unit_id IN (SELECT value FROM json_each(?))",
                                        arguments: [wanted]) {
                values[row[0] as String, default: [:]][row[1]] = row[2]
            }
            return try Row.fetchAll(db, sql: """
                SELECT id, position, text, kind, file, line, question, respondent, prompt FROM unit WHERE id IN (SELECT value FROM json_each(?)) ORDER BY position
                """, arguments: [wanted]).map { row in
                StoredUnit(id: row[0], position: row[1], text: row[2], kind: UnitKind(rawValue: row[3]) ?? .answer,
                           values: values[row[0]] ?? [:], file: row[4], line: row[5], question: row[6], respondent: row[7], prompt: row[8])
            }
        }
    }

    /// How many interview turns the project has.
    public func interviewTurnCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit WHERE kind = 'interview'") ?? 0 }
    }

    /// Units in import order; without `texts`, every text is empty (a count needs none).
    static func units(_ db: Database, texts: Bool = true) throws -> [StoredUnit] {
        // Values come in unit order (the key of unit_value), so each unit's are gathered in one run.
        var values: [String: [String: String]] = [:]
        var current: (id: String, values: [String: String])?
        let valueRows = try Row.fetchCursor(db, sql: "SELECT unit_id, variable, value FROM unit_value ORDER BY unit_id")
        while let row = try valueRows.next() {
            let id: String = row[0]
            if current?.id != id {
                if let done = current { values[done.id] = done.values }
                current = (id, [:])
            }
            current?.values[row[1]] = row[2]
        }
        if let done = current { values[done.id] = done.values }
        var units: [StoredUnit] = []
        // Every unit of an import names the same file: one string for all of them.
        var files: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, position, \(texts ? "text" : "''"), kind, file, line, question, respondent, prompt FROM unit ORDER BY position")
        while let row = try rows.next() {
            let id: String = row[0], file: String = row[4]
            let shared = files[file] ?? file
            if files.count < 1_000, files[file] == nil { files[file] = file }
            units.append(StoredUnit(id: id, position: row[1], text: row[2], kind: UnitKind(rawValue: row[3]) ?? .answer,
                                    values: values.removeValue(forKey: id) ?? [:], file: shared, line: row[5],
                                    question: row[6], respondent: row[7], prompt: row[8]))
        }
        return units
    }

    /// Group variables in the order they were first imported.
    public func variables() throws -> [Variable] {
        try read { db in try Self.variables(db) }
    }

    static func variables(_ db: Database) throws -> [Variable] {
        try Variable.fetchAll(db, sql: "SELECT \(Variable.selection) FROM variable ORDER BY position")
    }

    public func unitCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0 }
    }
}

func jsonArray(_ strings: [String]) -> String {
    var out = "["
    for (i, s) in strings.enumerated() {
        if i > 0 { out += "," }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
    return out + "]"
}
