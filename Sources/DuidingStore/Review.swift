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
        /// Units the coder has not reviewed where learning teaches most: where a model and the
        /// patterns disagree, then where the models are least sure; most informative first.
        case informative
        /// Units where a model suggests a code that no pattern found (possibly missed by the
        /// codebook).
        case possiblyMissed = "missed"
    }

    public var status: Status
    /// Only units whose current codes (for the coder) include this code.
    public var code: String?
    /// Only units with this value of this group variable.
    public var group: (variable: String, value: String)?
    /// Only these units: the question and `--where` the review was started with (nil: all).
    /// Progress counts are over these units.
    public var scope: Set<String>?
    /// Only units whose text has these words (`updateSearchIndex` first).
    public var search: TextSearch?

    public init(status: Status = .all, code: String? = nil, group: (variable: String, value: String)? = nil,
                scope: Set<String>? = nil, search: TextSearch? = nil) {
        self.status = status
        self.code = code
        self.group = group
        self.scope = scope
        self.search = search
    }

    public static func == (a: ReviewFilter, b: ReviewFilter) -> Bool {
        a.status == b.status && a.code == b.code && a.group?.variable == b.group?.variable && a.group?.value == b.group?.value
            && a.scope == b.scope && a.search == b.search
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(code)
        hasher.combine(group?.variable)
        hasher.combine(group?.value)
        hasher.combine(scope)
        hasher.combine(search)
    }
}

/// The units that pass a filter, in import order, with the coder's progress over the whole
/// project.
public struct ReviewList: Sendable, Hashable {
    /// Unit ids that pass the filter.
    public let ids: [String]
    /// Per id: whether the coder has reviewed it.
    public let reviewed: [Bool]
    /// Units in the project (within the filter's scope).
    public let total: Int
    /// Units in the project (within the filter's scope) the coder has reviewed.
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

/// Everything the review page shows about one unit: what its list view row shows (`unit`,
/// `groups`, `codebook`, `suggestions`, `learned`, `learningRun`, `state`, read through to
/// `row`), and more.
@dynamicMemberLookup
public struct ReviewUnit: Sendable {
    public let row: ReviewRow
    /// Other coders who decided something on the unit, with their states.
    public let others: [(coder: String, state: UnitState)]
    /// The unit's whole log, oldest first.
    public let log: [Decision]
    /// Per code: the unit pinned as a quote, or banned from quotes.
    public let quoteChoices: [String: QuoteChoice]

    public subscript<T>(dynamicMember path: KeyPath<ReviewRow, T>) -> T { row[keyPath: path] }
}

extension ProjectStore {
    /// The units passing `filter` for `coder`, in import order (or by their values of the
    /// variable `orderedBy`, see `ValueOrder`, units without one last, then import order), read
    /// in one snapshot.
    ///
    /// Built for 100,000 units and more: the units' order is kept between calls (`UnitOrder`);
    /// a table is read only when the filter needs it, its rows placed by the kept id → place
    /// table (no join to `unit`) and kept in flat arrays indexed by the unit's place in the
    /// list. Only the conflict filter replays whole code sets, and only for units another
    /// coder decided.
    public func reviewList(coder: String, filter: ReviewFilter = ReviewFilter(), orderedBy variable: String? = nil) throws -> ReviewList {
        try read { db in
            let units = try unitOrder.current(db)
            let ids = units.ids, place = units.placeOfID   // place: unit id → index in `ids`
            let n = ids.count

            // The log, compact: coders and codes as small numbers; the coder is 0. Without the
            // conflict filter only the coder's own entries matter (an undo entry always undoes
            // an entry of the same coder).
            var coders: [String: Int32] = [coder: 0]
            var codes: [String: Int32] = [:]
            func number(_ name: String?, in table: inout [String: Int32]) -> Int32 {
                guard let name else { return -1 }
                if let k = table[name] { return k }
                let k = Int32(table.count)
                table[name] = k
                return k
            }
            let filterCode = filter.code.map { number($0, in: &codes) } ?? -2
            struct Entry { var unit: Int32; var seq: Int64; var code: Int32; var action: DecisionAction; var coder: Int32 }
            var log: [Entry] = []
            var undone: Set<Int64> = []
            let everyone = filter.status == .conflict
            let decisionRows = try Row.fetchCursor(db, sql: """
                SELECT unit_id, seq, code_id, action, coder, undoes
                FROM decision \(everyone ? "" : "WHERE coder = ?") ORDER BY seq
                """, arguments: everyone ? [] : [coder])
            while let row = try decisionRows.next() {
                let undoes: Int64? = row[5]
                if let undoes { undone.insert(undoes) }
                guard let i = place[row[0]], let action = DecisionAction(rawValue: row[3]), action != .undo else { continue }
                log.append(Entry(unit: i, seq: row[1], code: number(row[2], in: &codes), action: action,
                                 coder: number(row[4], in: &coders)))
            }
            if !undone.isEmpty { log.removeAll { undone.contains($0.seq) } }

            // Units another coder decided on: the only ones that can conflict.
            var contested: [Int32: [Int32]] = [:]   // unit → indices into `log`
            if everyone {
                let units = Set(log.lazy.filter { $0.coder != 0 }.map(\.unit))
                for (k, e) in log.enumerated() where units.contains(e.unit) { contested[e.unit, default: []].append(Int32(k)) }
            }

            var hasSuggestion = [Bool](repeating: false, count: n)
            var hasCode = [Bool](repeating: false, count: n)
            var suggested: [Int32: Set<Int32>] = [:]
            if filter.status == .noSuggestion || filter.status == .conflict || filter.code != nil,
               let version = try Self.latestCodebook(db)?.id {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT unit_id, code_id FROM suggested_code WHERE version_id = ?
                    """, arguments: [version])
                while let row = try rows.next() {
                    guard let i = place[row[0]] else { continue }
                    hasSuggestion[Int(i)] = true
                    let code = number(row[1], in: &codes)
                    if code == filterCode { hasCode[Int(i)] = true }
                    if everyone, contested[i] != nil { suggested[i, default: []].insert(code) }
                }
            }

            var reviewed = [Bool](repeating: false, count: n)
            for e in log where e.coder == 0 {
                if e.action != .memo { reviewed[Int(e.unit)] = true }   // a memo alone is a note, not a review
                if e.code == filterCode {
                    switch e.action {
                    case .accept, .add: hasCode[Int(e.unit)] = true
                    case .reject: hasCode[Int(e.unit)] = false
                    case .done, .memo, .undo: break
                    }
                }
            }
            var conflict = [Bool](repeating: false, count: everyone ? n : 0)
            for (unit, entries) in contested {
                var state: [Int32: Set<Int32>] = [:]   // coder → codes
                var decided: Set<Int32> = []           // coders who reviewed it (more than a memo)
                let base = suggested[unit] ?? []
                for k in entries {
                    let e = log[Int(k)]
                    if e.action != .memo { decided.insert(e.coder) }
                    guard e.code >= 0 else { continue }
                    switch e.action {
                    case .accept, .add: state[e.coder, default: base].insert(e.code)
                    case .reject: state[e.coder, default: base].remove(e.code)
                    case .done, .memo, .undo: break
                    }
                }
                let mine = state[0] ?? base
                conflict[Int(unit)] = decided.contains { $0 != 0 && (state[$0] ?? base) != mine }
            }

            var inGroup: [Bool]?
            if let group = filter.group {
                var flags = [Bool](repeating: false, count: n)
                let rows = try String.fetchCursor(db, sql: "SELECT unit_id FROM unit_value WHERE variable = ? AND value = ?",
                                                  arguments: [group.variable, group.value])
                while let id = try rows.next() { if let i = place[id] { flags[Int(i)] = true } }
                inGroup = flags
            }

            // Learning's view of each unit: the order of the informative filter, and the units a
            // model found something in that no pattern did.
            var informativeOrder: [Int32] = []
            var missed = [Bool](repeating: false, count: filter.status == .possiblyMissed ? n : 0)
            if filter.status == .informative || filter.status == .possiblyMissed, let version = try Self.latestCodebook(db)?.id {
                if filter.status == .informative {
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT u.id FROM learned_unit l JOIN unit u ON u.id = l.unit_id WHERE l.version_id = ?
                        ORDER BY l.disagrees DESC, l.margin, u.position
                        """, arguments: [version])
                    while let row = try rows.next() { if let i = place[row[0]] { informativeOrder.append(i) } }
                } else {
                    let rows = try String.fetchCursor(db, sql: "SELECT unit_id FROM learned_suggestion WHERE version_id = ? AND source = 'learned'",
                                                      arguments: [version])
                    while let id = try rows.next() { if let i = place[id] { missed[Int(i)] = true } }
                }
            }

            var found: [Bool]?
            if let search = filter.search {
                var flags = [Bool](repeating: false, count: n)
                let rowids = try Self.unitsMatching(db, search)
                while let rowid = try rowids.next() { if let i = units.place[rowid] { flags[Int(i)] = true } }
                found = flags
            }
            let inScope = filter.scope.map { scope in ids.map { scope.contains($0) } }
            var chosen: [Int] = []
            let order = filter.status == .informative ? informativeOrder.map(Int.init) : Array(0..<n)
            for i in order {
                switch filter.status {
                case .all: break
                case .unreviewed, .informative: if reviewed[i] { continue }
                case .noSuggestion: if hasSuggestion[i] { continue }
                case .conflict: if !conflict[i] { continue }
                case .possiblyMissed: if !missed[i] { continue }
                }
                if filter.code != nil && !hasCode[i] { continue }
                if let inGroup, !inGroup[i] { continue }
                if let found, !found[i] { continue }
                if let inScope, !inScope[i] { continue }
                chosen.append(i)
            }
            if let variable { chosen = try Self.ordered(db, chosen, by: variable, units: units) }
            let passing = chosen.map { ids[$0] }, passingReviewed = chosen.map { reviewed[$0] }
            guard let inScope else {
                return ReviewList(ids: passing, reviewed: passingReviewed, total: n, reviewedTotal: reviewed.count(where: { $0 }))
            }
            return ReviewList(ids: passing, reviewed: passingReviewed, total: inScope.count(where: { $0 }),
                              reviewedTotal: zip(reviewed, inScope).count(where: { $0 && $1 }))
        }
    }

    /// One unit as the review page shows it to `coder`, or nil when there is no such unit.
    /// Every query is a lookup by key or index.
    public func reviewUnit(id: String, coder: String) throws -> ReviewUnit? {
        try read { db in
            guard let found = try Self.reviewRows(db, ids: [id], coder: coder).first else { return nil }
            let (row, log, suggested) = found
            var others: [(coder: String, state: UnitState)] = []
            var seen: Set<String> = [coder]
            for d in log where seen.insert(d.coder).inserted {
                let state = UnitState(suggested: suggested, log: log, coder: d.coder)
                if state.reviewedBy.contains(d.coder) { others.append((d.coder, state)) }
            }
            return ReviewUnit(row: row, others: others, log: log, quoteChoices: try Self.quoteChoices(db, unit: id))
        }
    }

    /// `indices` (places in the import order of `reviewList`) ordered by their units' values of
    /// `variable`, units without one last, then by import order. One pass over the variable's
    /// values; only distinct values are compared.
    static func ordered(_ db: Database, _ indices: [Int], by variable: String, units: UnitOrder) throws -> [Int] {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM variable WHERE name = ? AND hidden = 0)", arguments: [variable]) == true else {
            throw ProjectError("there is no variable `\(variable)` to order by")
        }
        var value = [String?](repeating: nil, count: units.ids.count)
        let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, value FROM unit_value WHERE variable = ?", arguments: [variable])
        while let row = try rows.next() { if let i = units.placeOfID[row[0]] { value[Int(i)] = row[1] } }
        let ranks = ValueOrder.ranks(Set(indices.compactMap { value[$0] }))
        return indices.map { (value[$0].flatMap { ranks[$0] } ?? .max, $0) }.sorted { $0 < $1 }.map(\.1)
    }

    /// Group variables coders see (not hidden) with their distinct values (in numeric-aware
    /// order), for filters. A variable with more than `maxValues` distinct values is returned
    /// without values.
    public func groupValues(maxValues: Int = 100) throws -> [GroupValues] {
        try read { db in
            var counts: [String: [(value: String, count: Int)]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT variable, value, COUNT(*) FROM unit_value GROUP BY variable, value")
            while let row = try rows.next() {
                counts[row[0] as String, default: []].append((row[1], row[2]))
            }
            return try Row.fetchAll(db, sql: "SELECT \(Variable.selection) FROM variable WHERE hidden = 0 ORDER BY position").map { row in
                let variable = try Variable(row: row)
                let values = counts[variable.name] ?? []
                guard values.count <= maxValues else { return GroupValues(variable: variable, values: [], tooMany: true) }
                return GroupValues(variable: variable,
                                   values: values.sorted { $0.value.compare($1.value, options: .numeric) == .orderedAscending },
                                   tooMany: false)
            }
        }
    }
}
