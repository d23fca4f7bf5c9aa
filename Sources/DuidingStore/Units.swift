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

    public init(id: String, text: String, kind: UnitKind, values: [String: String], file: String, line: Int) {
        self.id = id
        self.text = text
        self.kind = kind
        self.values = values
        self.file = file
        self.line = line
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
}

/// A group variable and its label (from SPSS, or the column name).
public struct Variable: Sendable, Hashable {
    public let name: String
    public let label: String

    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }
}

extension ProjectStore {
    /// Adds units in one transaction: all or nothing. Ids must be new to the project. With
    /// `codedWith`, the units' suggestions under that codebook version are stored in the same
    /// transaction, so an interrupted import leaves neither units nor suggestions behind.
    @discardableResult
    public func importUnits(_ units: [NewUnit], file: String, variables: [Variable], skipped: Int = 0,
                            suggestions: [StoredSuggestion] = [], codedWith version: Int64? = nil) throws -> Int {
        try write { db in
            try Self.insertUnits(db, units, file: file, variables: variables, skipped: skipped)
            if let version {
                guard try Self.latestCodebook(db)?.id == version else {
                    throw ProjectError("the codebook of \(path ?? "the project") changed during the import; nothing was imported, run the import again")
                }
                try Self.insertSuggestions(db, suggestions, version: version)
            }
            return units.count
        }
    }

    static func insertUnits(_ db: Database, _ units: [NewUnit], file: String, variables: [Variable], skipped: Int) throws {
        for unit in units {
            try checkStorable(unit.id, "the id", at: unit)
            try checkStorable(unit.text, "the text of `\(unit.id)`", at: unit)
            for (name, value) in unit.values {
                try checkStorable(name, "a variable name", at: unit)
                try checkStorable(value, "the value of `\(name)` of `\(unit.id)`", at: unit)
            }
        }
        let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM unit WHERE id IN (SELECT value FROM json_each(?))",
                                               arguments: [jsonArray(units.map(\.id))]))
        if let clash = units.first(where: { existing.contains($0.id) }) {
            throw ProjectError("\(clash.file):\(clash.line): id `\(clash.id)` is already in the project; nothing was imported")
        }
        try db.execute(sql: "INSERT INTO import (file, at, units, skipped) VALUES (?, ?, ?, ?)",
                       arguments: [file, timestamp(), units.count, skipped])
        let importID = db.lastInsertedRowID
        var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM unit") ?? -1
        var variablePosition = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) FROM variable") ?? -1
        var allVariables = variables
        var named = Set(variables.map(\.name))
        for unit in units {
            for name in unit.values.keys.sorted() where named.insert(name).inserted {
                allVariables.append(Variable(name: name, label: ""))
            }
        }
        for v in allVariables {
            variablePosition += 1
            try db.execute(sql: "INSERT INTO variable (name, label, position) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING",
                           arguments: [v.name, v.label, variablePosition])
        }
        let insertUnit = try db.makeStatement(sql: "INSERT INTO unit (id, position, text, kind, file, line, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertValue = try db.makeStatement(sql: "INSERT INTO unit_value (unit_id, variable, value) VALUES (?, ?, ?)")
        for unit in units {
            position += 1
            try insertUnit.execute(arguments: [unit.id, position, unit.text, unit.kind.rawValue, unit.file, unit.line, importID])
            for (name, value) in unit.values {
                try insertValue.execute(arguments: [unit.id, name, value])
            }
        }
    }

    /// SQLite text cannot carry U+0000 through the C API (it would be cut there), so a text
    /// with one is refused rather than stored shortened.
    private static func checkStorable(_ text: String, _ what: String, at unit: NewUnit) throws {
        if text.utf8.contains(0) {
            throw ProjectError("\(unit.file):\(unit.line): \(what) contains a NUL character (U+0000), which cannot be stored; nothing was imported")
        }
    }

    /// All units in import order.
    public func units() throws -> [StoredUnit] {
        try read { db in
            var values: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT unit_id, variable, value FROM unit_value") {
                values[row["unit_id"], default: [:]][row["variable"]] = row["value"]
            }
            return try Row.fetchAll(db, sql: "SELECT id, position, text, kind, file, line FROM unit ORDER BY position").map { row in
                let id: String = row["id"]
                return StoredUnit(id: id, position: row["position"], text: row["text"],
                                  kind: UnitKind(rawValue: row["kind"]) ?? .answer, values: values[id] ?? [:],
                                  file: row["file"], line: row["line"])
            }
        }
    }

    /// Group variables in the order they were first imported.
    public func variables() throws -> [Variable] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, label FROM variable ORDER BY position").map {
                Variable(name: $0["name"], label: $0["label"])
            }
        }
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
