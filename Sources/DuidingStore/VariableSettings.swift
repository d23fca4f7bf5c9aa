import Foundation
import GRDB

extension Variable {
    /// Columns coders should not see unless asked: a weight, or a hand coding to compare with
    /// (the demo's `weight` and `handcodering`). Matched on the name, case-insensitively.
    public static func hiddenByDefault(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["weight", "gewicht", "weegfactor", "wgt"].contains { lower.contains($0) }
            || ["handcodering", "gold", "hand_code", "handcode"].contains { lower.contains($0) }
    }
}

/// A change of a variable's settings (`duiding variable`); nil leaves a setting as it is.
public struct VariableChange: Sendable, Hashable {
    public var label: String?
    /// The values in the order tables show them; [] for no order of its own (SPSS's, if any, is
    /// not restored).
    public var order: [String]?
    public var hidden: Bool?
    /// Labels of stored values (`1` → `man`), added to those there are; "" drops a value's label.
    public var valueLabels: [String: String]

    public init(label: String? = nil, order: [String]? = nil, hidden: Bool? = nil, valueLabels: [String: String] = [:]) {
        self.label = label
        self.order = order
        self.hidden = hidden
        self.valueLabels = valueLabels
    }
}

extension ProjectStore {
    static func registerVariableSettings(_ migrator: inout DatabaseMigrator) {
        // Tables order a variable's values as SPSS did or as the project says; coders do not
        // see hidden variables. Weights and hand codings of projects made before are hidden.
        migrator.registerMigration("v8 variable settings") { db in
            try db.execute(sql: """
                ALTER TABLE variable ADD COLUMN value_order TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE variable ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
                """)
            for name in try String.fetchAll(db, sql: "SELECT name FROM variable") where Variable.hiddenByDefault(name) {
                try db.execute(sql: "UPDATE variable SET hidden = 1 WHERE name = ?", arguments: [name])
            }
        }
    }

    static func registerValueLabels(_ migrator: inout DatabaseMigrator) {
        // A CSV's codes (1, 2, 3) read as man, vrouw, anders wherever a reader sees a group.
        migrator.registerMigration("v11 value labels") { db in
            try db.execute(sql: "ALTER TABLE variable ADD COLUMN value_labels TEXT NOT NULL DEFAULT '{}'")
        }
    }

    /// Changes a variable's settings in one transaction. An unknown variable, an order
    /// naming a value the variable does not have (or one twice), a label for a value it does
    /// not have, or two values that would show as the same label, is refused with what there
    /// is, and nothing changes. An order may name values by their labels. Returns the variable
    /// as stored now.
    @discardableResult
    public func changeVariable(_ name: String, _ change: VariableChange) throws -> Variable {
        try write { db in
            let stored = try variable(db, name)
            let values = try Self.values(db, of: name)
            func valueList() -> String { "its values are " + values.map { "`\($0)`" }.joined(separator: ", ") + "; nothing was changed" }
            var labels = stored.valueLabels
            if !change.valueLabels.isEmpty {
                let unknown = change.valueLabels.keys.filter { !values.contains($0) }.sorted()
                guard unknown.isEmpty else {
                    throw ProjectError("--value: `\(name)` has no value " + unknown.map { "`\($0)`" }.joined(separator: ", ") + "; " + valueList())
                }
                for (value, label) in change.valueLabels { labels[value] = label.isEmpty ? nil : label }
                let shown = Dictionary(grouping: values) { labels[$0] ?? $0 }.filter { $0.value.count > 1 }
                if let (label, same) = shown.min(by: { $0.key < $1.key }) {
                    throw ProjectError("--value: " + same.map { "`\($0)`" }.joined(separator: " and ")
                                       + " would both show as `\(label)` and merge in tables; give each its own label; nothing was changed")
                }
                try db.execute(sql: "UPDATE variable SET value_labels = ? WHERE name = ?", arguments: [jsonObject(labels), name])
            }
            if let given = change.order {
                let labelled = Variable(name: name, label: stored.label, valueLabels: labels)
                let order = given.map { labelled.value($0, among: Set(values)) }
                let unknown = order.filter { !values.contains($0) }
                var seen: Set<String> = []
                let twice = order.filter { !seen.insert($0).inserted }
                if !unknown.isEmpty || !twice.isEmpty {
                    let problem = !unknown.isEmpty
                        ? "`\(name)` has no value " + unknown.map { "`\($0)`" }.joined(separator: ", ")
                        : "--order names " + Set(twice).sorted().map { "`\($0)`" }.joined(separator: ", ") + " twice"
                    throw ProjectError("\(problem); " + valueList())
                }
                try db.execute(sql: "UPDATE variable SET value_order = ? WHERE name = ?", arguments: [jsonArray(order), name])
            }
            if let label = change.label { try db.execute(sql: "UPDATE variable SET label = ? WHERE name = ?", arguments: [label, name]) }
            if let hidden = change.hidden { try db.execute(sql: "UPDATE variable SET hidden = ? WHERE name = ?", arguments: [hidden, name]) }
            return try variable(db, name)
        }
    }

    /// The variable `name`, or an error naming the variables there are.
    public func variable(_ name: String) throws -> Variable {
        try read { db in try variable(db, name) }
    }

    private func variable(_ db: Database, _ name: String) throws -> Variable {
        if let found = try Variable.fetchOne(db, sql: "SELECT \(Variable.selection) FROM variable WHERE name = ?", arguments: [name]) {
            return found
        }
        let names = try String.fetchAll(db, sql: "SELECT name FROM variable ORDER BY position")
        throw ProjectError("\(path ?? "the project") has no variable `\(name)`; its variables are "
                           + (names.isEmpty ? "none" : names.map { "`\($0)`" }.joined(separator: ", ")))
    }

    /// The distinct values of a variable, in its table order (stored order first, then as
    /// `ValueOrder` sorts them).
    public func values(of variable: String) throws -> [String] {
        try read { db in try Self.values(db, of: variable) }
    }

    static func values(_ db: Database, of variable: String) throws -> [String] {
        let values = try String.fetchAll(db, sql: "SELECT DISTINCT value FROM unit_value WHERE variable = ? AND value <> ''", arguments: [variable])
        let order = try Variable.fetchOne(db, sql: "SELECT \(Variable.selection) FROM variable WHERE name = ?", arguments: [variable])?.valueOrder ?? []
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let ranks = ValueOrder.ranks(Set(values))
        return values.sorted { (rank[$0] ?? .max, ranks[$0] ?? .max, $0) < (rank[$1] ?? .max, ranks[$1] ?? .max, $1) }
    }
}

/// Value labels as stored: a JSON object, keys sorted.
func jsonObject(_ labels: [String: String]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(labels), as: UTF8.self)
}
