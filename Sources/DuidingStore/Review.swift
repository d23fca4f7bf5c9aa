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

/// The units that pass a filter as places in the unit order: what a review list is made of,
/// kept compact (4 bytes a unit) so that a page can be cut from a list of a million units
/// without naming them all.
public struct ReviewSelection: Sendable {
    /// The project's units in import order, which `places` index.
    let units: UnitOrder
    /// The passing units' places, in the list's order.
    let places: [Int32]
    /// Per passing unit: whether the coder had reviewed it when the list was made.
    public let reviewed: [Bool]
    /// Units in the project (within the filter's scope), and how many the coder has reviewed.
    public let total: Int
    public let reviewedTotal: Int

    /// How many units pass.
    public var count: Int { places.count }

    /// The ids of the passing units at `range` (clamped to the list).
    public func ids(_ range: Range<Int>) -> [String] {
        places[range.clamped(to: places.indices)].map { units.ids[Int($0)] }
    }

    /// Where the unit `id` is in the list, or nil when it does not pass.
    public func index(of id: String) -> Int? {
        guard let place = units.placeOfID[id] else { return nil }
        return places.firstIndex(of: place)
    }

    /// The whole list, ids and all.
    public var list: ReviewList {
        ReviewList(ids: ids(0..<count), reviewed: reviewed, total: total, reviewedTotal: reviewedTotal)
    }
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
    /// Built for 1,000,000 units: the units' order, the replayed decision log, the latest
    /// suggestions and the variables' values are kept between calls (`UnitOrder`,
    /// `DecisionReplay`, `KeptSuggestions`, `KeptValues`), each checked against the project on
    /// every call, so a list costs the decisions made since the previous one, not the log;
    /// other tables (search hits, learning's) are read only when the filter needs them, their
    /// rows placed by the kept id → place table (no join to `unit`) and kept in flat arrays
    /// indexed by the unit's place in the list.
    public func reviewList(coder: String, filter: ReviewFilter = ReviewFilter(), orderedBy variable: String? = nil) throws -> ReviewList {
        try reviewSelection(coder: coder, filter: filter, orderedBy: variable).list
    }

    /// The units of `reviewList` as places, for paging: the same units in the same order.
    public func reviewSelection(coder: String, filter: ReviewFilter = ReviewFilter(), orderedBy variable: String? = nil) throws -> ReviewSelection {
        try read { db in
            let units = try unitOrder.current(db)
            let ids = units.ids, place = units.placeOfID   // place: unit id → index in `ids`
            let n = ids.count

            // Whether the coder reviewed each unit and has the filter's code on it: the
            // suggestions, then the coder's own standing decisions (both kept between calls).
            // Only the conflict filter compares code sets, and only on units another coder reviewed.
            var reviewed = [Bool](repeating: false, count: n)
            var hasCode = [Bool](repeating: false, count: filter.code == nil ? 0 : n)
            var conflict = [Bool](repeating: false, count: filter.status == .conflict ? n : 0)
            let suggestions = filter.status == .noSuggestion || filter.status == .conflict || filter.code != nil
                ? try keptSuggestions.current(db, units: units) : nil
            if let code = filter.code, let suggestions {
                for i in suggestions.unitsWith[code] ?? [] { hasCode[Int(i)] = true }
            }
            try decisionReplay.withCurrent(db, units: units) { replay in
                let mine = replay.views[coder] ?? [:]
                for (i, view) in mine {
                    if view.reviewed { reviewed[Int(i)] = true }
                    if let code = filter.code, let applies = view.decided[code] { hasCode[Int(i)] = applies }
                }
                guard filter.status == .conflict, let suggestions else { return }
                for (other, views) in replay.views where other != coder {
                    for (i, theirs) in views where theirs.reviewed && !conflict[Int(i)] {
                        let suggested = suggestions.codesOf[Int(i)]
                        conflict[Int(i)] = theirs.codes(suggested: suggested) != (mine[i]?.codes(suggested: suggested) ?? suggested)
                    }
                }
            }

            // The group's units: those whose kept value of the variable is the group's (-2: no unit has it).
            var inGroup: (valueOf: [Int32], value: Int32)?
            if let group = filter.group {
                let column = try keptValues.current(db, units: units).columns[group.variable]
                inGroup = (column?.valueOf ?? [Int32](repeating: -1, count: n), column?.index(of: group.value) ?? -2)
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
                case .noSuggestion: if suggestions?.codesOf[i].isEmpty == false { continue }
                case .conflict: if !conflict[i] { continue }
                case .possiblyMissed: if !missed[i] { continue }
                }
                if filter.code != nil && !hasCode[i] { continue }
                if let inGroup, inGroup.valueOf[i] != inGroup.value { continue }
                if let found, !found[i] { continue }
                if let inScope, !inScope[i] { continue }
                chosen.append(i)
            }
            if let variable { chosen = try Self.ordered(db, chosen, by: variable, values: keptValues.current(db, units: units)) }
            let places = chosen.map { Int32($0) }, passingReviewed = chosen.map { reviewed[$0] }
            guard let inScope else {
                return ReviewSelection(units: units, places: places, reviewed: passingReviewed, total: n, reviewedTotal: reviewed.count(where: { $0 }))
            }
            return ReviewSelection(units: units, places: places, reviewed: passingReviewed, total: inScope.count(where: { $0 }),
                                   reviewedTotal: zip(reviewed, inScope).count(where: { $0 && $1 }))
        }
    }

    /// Reads what review lists and the page's group counts keep between calls (the unit order,
    /// the latest suggestions, the replayed decision log, the variables' values), so that the first
    /// requests find them ready rather than each waiting seconds at 1,000,000 units.
    public func prepareReview() throws {
        try read { db in
            let units = try unitOrder.current(db)
            _ = try keptSuggestions.current(db, units: units)
            try decisionReplay.withCurrent(db, units: units) { _ in }
            _ = try keptValues.current(db, units: units)
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
    /// `variable`, units without one last, then by import order. Only the distinct values of
    /// `indices` are compared (`ValueOrder.ranks`); the units are sorted as (rank, place) keys.
    static func ordered(_ db: Database, _ indices: [Int], by variable: String, values: KeptValues) throws -> [Int] {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM variable WHERE name = ? AND hidden = 0)", arguments: [variable]) == true else {
            throw ProjectError("there is no variable `\(variable)` to order by")
        }
        guard let column = values.columns[variable] else { return indices.sorted() }
        var present = [Bool](repeating: false, count: column.values.count)
        for i in indices where column.valueOf[i] >= 0 { present[Int(column.valueOf[i])] = true }
        let ranks = ValueOrder.ranks(Set(column.values.indices.filter { present[$0] }.map { column.values[$0] }))
        let rankOf = column.values.map { ranks[$0] ?? .max }
        // A place is below 2^31, so (rank, place) packs into one key whose order is theirs.
        let keys = indices.map { i in
            let v = column.valueOf[i]
            return Int64(v < 0 ? .max : rankOf[Int(v)]) << 32 | Int64(i)
        }
        return keys.sorted().map { Int($0 & 0xFFFF_FFFF) }
    }

    /// Values in numeric-aware order; values that order alike (`01`, `1`) by their bytes, as
    /// SQLite's GROUP BY gives them.
    private static func numericOrder(_ a: (value: String, count: Int), _ b: (value: String, count: Int)) -> Bool {
        switch a.value.compare(b.value, options: .numeric) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }
    }

    /// Group variables coders see (not hidden) with their distinct values (in numeric-aware
    /// order), for filters. A variable with more than `maxValues` distinct values is returned
    /// without values. The values are kept between calls (`KeptValues`).
    public func groupValues(maxValues: Int = 100) throws -> [GroupValues] {
        try read { db in
            let kept = try keptValues.current(db, units: unitOrder.current(db))
            return try Row.fetchAll(db, sql: "SELECT \(Variable.selection) FROM variable WHERE hidden = 0 ORDER BY position").map { row in
                let variable = try Variable(row: row)
                let values = kept.columns[variable.name].map { c in zip(c.values, c.counts).map { (value: $0, count: $1) } } ?? []
                guard values.count <= maxValues else { return GroupValues(variable: variable, values: [], tooMany: true) }
                return GroupValues(variable: variable,
                                   values: values.sorted(by: Self.numericOrder),
                                   tooMany: false)
            }
        }
    }
}
