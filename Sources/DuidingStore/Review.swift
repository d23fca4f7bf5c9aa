import Foundation
import GRDB

/// Which units a reviewer wants to see. Criteria combine (all must hold).
public struct ReviewFilter: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        /// Every unit.
        case all
        /// Units the coder has not made a (not undone) decision on.
        case unreviewed
        /// Units the latest codebook suggests no code for.
        case noSuggestion = "nosuggestion"
        /// Units where the coder's codes and another coder's codes differ (the other coder
        /// having decided something on the unit); before the coder decides, the coder's codes
        /// are the suggestions, so this also finds suggestions another coder contradicted.
        case conflict
    }

    public var status: Status
    /// Only units whose current codes (for the coder) include this code.
    public var code: String?
    /// Only units with this value of this group variable.
    public var group: (variable: String, value: String)?

    public init(status: Status = .all, code: String? = nil, group: (variable: String, value: String)? = nil) {
        self.status = status
        self.code = code
        self.group = group
    }

    public static func == (a: ReviewFilter, b: ReviewFilter) -> Bool {
        a.status == b.status && a.code == b.code && a.group?.variable == b.group?.variable && a.group?.value == b.group?.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(code)
        hasher.combine(group?.variable)
        hasher.combine(group?.value)
    }
}

/// The units that pass a filter, in import order, with the coder's progress over the whole
/// project.
public struct ReviewList: Sendable, Hashable {
    /// Unit ids that pass the filter.
    public let ids: [String]
    /// Per id: whether the coder has reviewed it.
    public let reviewed: [Bool]
    /// Units in the project.
    public let total: Int
    /// Units in the project the coder has reviewed.
    public let reviewedTotal: Int
}

/// A group variable with its values and how many units have each.
public struct GroupValues: Sendable, Hashable {
    public let variable: Variable
    public let values: [(value: String, count: Int)]
    /// True when the variable has more distinct values than were asked for (an id or free
    /// text column, not a group); `values` is then empty.
    public let tooMany: Bool

    public static func == (a: GroupValues, b: GroupValues) -> Bool {
        a.variable == b.variable && a.tooMany == b.tooMany && a.values.map(\.value) == b.values.map(\.value)
            && a.values.map(\.count) == b.values.map(\.count)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(variable) }
}

/// Everything the review page shows about one unit.
public struct ReviewUnit: Sendable {
    public let unit: StoredUnit
    /// Group values in variable order, with the variables' labels.
    public let groups: [(variable: Variable, value: String)]
    /// The latest codebook version, or nil before the first `recode`.
    public let codebook: CodebookVersion?
    /// Evidence of the latest version's suggestions, in text order.
    public let suggestions: [StoredSuggestion]
    /// The coder's state: only the coder's own decisions count.
    public let state: UnitState
    /// Other coders who decided something on the unit, with their states.
    public let others: [(coder: String, state: UnitState)]
    /// The unit's whole log, oldest first.
    public let log: [Decision]
}

extension ProjectStore {
    /// The units passing `filter` for `coder`, in import order, read in one snapshot.
    /// Scans the units, the latest suggestions and the decision log once.
    public func reviewList(coder: String, filter: ReviewFilter = ReviewFilter()) throws -> ReviewList {
        try writer.read { db in
            let version = try Self.latestCodebook(db)?.id
            let ids = try String.fetchAll(db, sql: "SELECT id FROM unit ORDER BY position")
            var suggested: [String: Set<String>] = [:]
            if let version {
                let rows = try Row.fetchCursor(db, sql: "SELECT DISTINCT unit_id, code_id FROM suggestion WHERE version_id = ?",
                                               arguments: [version])
                while let row = try rows.next() {
                    suggested[row[0] as String, default: []].insert(row[1])
                }
            }
            var logs: [String: [Decision]] = [:]
            for d in try Self.decisions(db, unit: nil) { logs[d.unitID, default: []].append(d) }
            let inGroup: Set<String>? = try filter.group.map { group in
                Set(try String.fetchAll(db, sql: "SELECT unit_id FROM unit_value WHERE variable = ? AND value = ?",
                                        arguments: [group.variable, group.value]))
            }

            var passing: [String] = []
            var reviewedFlags: [Bool] = []
            var reviewedTotal = 0
            for id in ids {
                let suggestions = suggested[id] ?? []
                var codes = suggestions
                var reviewed = false
                var conflict = false
                if let log = logs[id] {
                    let mine = UnitState(suggested: suggestions, log: log, coder: coder)
                    codes = mine.codes
                    reviewed = mine.reviewedBy.contains(coder)
                    if filter.status == .conflict {
                        for other in Set(log.map(\.coder)) where other != coder {
                            let theirs = UnitState(suggested: suggestions, log: log, coder: other)
                            if theirs.reviewedBy.contains(other) && theirs.codes != codes { conflict = true; break }
                        }
                    }
                }
                if reviewed { reviewedTotal += 1 }
                switch filter.status {
                case .all: break
                case .unreviewed: if reviewed { continue }
                case .noSuggestion: if !suggestions.isEmpty { continue }
                case .conflict: if !conflict { continue }
                }
                if let code = filter.code, !codes.contains(code) { continue }
                if let inGroup, !inGroup.contains(id) { continue }
                passing.append(id)
                reviewedFlags.append(reviewed)
            }
            return ReviewList(ids: passing, reviewed: reviewedFlags, total: ids.count, reviewedTotal: reviewedTotal)
        }
    }

    /// One unit as the review page shows it to `coder`, or nil when there is no such unit.
    /// Every query is a lookup by key or index.
    public func reviewUnit(id: String, coder: String) throws -> ReviewUnit? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, position, text, kind, file, line FROM unit WHERE id = ?",
                                             arguments: [id]) else { return nil }
            let groups = try Row.fetchAll(db, sql: """
                SELECT v.name, v.label, uv.value FROM unit_value uv JOIN variable v ON v.name = uv.variable
                WHERE uv.unit_id = ? ORDER BY v.position
                """, arguments: [id]).map { (variable: Variable(name: $0[0], label: $0[1]), value: $0[2] as String) }
            let unit = StoredUnit(id: id, position: row["position"], text: row["text"],
                                  kind: UnitKind(rawValue: row["kind"]) ?? .answer,
                                  values: Dictionary(groups.map { ($0.variable.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                  file: row["file"], line: row["line"])
            let codebook = try Self.latestCodebook(db)
            var suggestions: [StoredSuggestion] = []
            if let version = codebook?.id {
                suggestions = try Row.fetchAll(db, sql: """
                    SELECT code_id, pattern, start16, end16 FROM suggestion WHERE version_id = ? AND unit_id = ?
                    ORDER BY start16, end16
                    """, arguments: [version, id]).map {
                    StoredSuggestion(unitID: id, codeID: $0[0], pattern: $0[1], utf16Range: ($0[2] as Int)..<($0[3] as Int))
                }
            }
            let log = try Self.decisions(db, unit: id)
            let suggested = Set(suggestions.map(\.codeID))
            var others: [(coder: String, state: UnitState)] = []
            var seen: Set<String> = [coder]
            for d in log where seen.insert(d.coder).inserted {
                let state = UnitState(suggested: suggested, log: log, coder: d.coder)
                if state.reviewedBy.contains(d.coder) { others.append((d.coder, state)) }
            }
            return ReviewUnit(unit: unit, groups: groups, codebook: codebook, suggestions: suggestions,
                              state: UnitState(suggested: suggested, log: log, coder: coder), others: others, log: log)
        }
    }

    /// Group variables with their distinct values (in numeric-aware order), for filters. A
    /// variable with more than `maxValues` distinct values is returned without values.
    public func groupValues(maxValues: Int = 100) throws -> [GroupValues] {
        try writer.read { db in
            var counts: [String: [(value: String, count: Int)]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT variable, value, COUNT(*) FROM unit_value GROUP BY variable, value")
            while let row = try rows.next() {
                counts[row[0] as String, default: []].append((row[1], row[2]))
            }
            return try Row.fetchAll(db, sql: "SELECT name, label FROM variable ORDER BY position").map { row in
                let variable = Variable(name: row[0], label: row[1])
                let values = counts[variable.name] ?? []
                guard values.count <= maxValues else { return GroupValues(variable: variable, values: [], tooMany: true) }
                return GroupValues(variable: variable,
                                   values: values.sorted { $0.value.compare($1.value, options: .numeric) == .orderedAscending },
                                   tooMany: false)
            }
        }
    }
}
