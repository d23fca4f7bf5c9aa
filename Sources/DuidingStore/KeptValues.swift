import Foundation
import GRDB

/// Each unit's value of each variable, placed by the unit order: the review page's group
/// counts, its group filter and its order by a variable, without reading a million values
/// per request. A unit's values are written with the unit and never changed (`insertUnits`),
/// so they are read once and kept until a unit is added.
struct KeptValues: Sendable {
    /// One variable's values.
    struct Column: Sendable {
        /// The distinct values, in the order first read.
        fileprivate(set) var values: [String] = []
        fileprivate var indexOf: [String: Int32] = [:]
        /// Per unit place: its value's index in `values` (-1: none).
        fileprivate(set) var valueOf: [Int32]
        /// Per value index: how many units have it.
        fileprivate(set) var counts: [Int] = []

        /// The index of `value` in `values`, or nil when no unit has it.
        func index(of value: String) -> Int32? { indexOf[value] }
    }

    /// The unit order the values are placed by (`UnitOrder.lastRowid`).
    let unitsMark: Int64
    /// Variable name → its values.
    let columns: [String: Column]

    static func read(_ db: Database, units: UnitOrder) throws -> KeptValues {
        var columns: [Column] = [], columnOf: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, variable, value FROM unit_value")
        while let row = try rows.next() {
            guard let place = units.placeOfID[row[0]] else { continue }
            let variable: String = row[1], value: String = row[2]
            let c: Int
            if let known = columnOf[variable] {
                c = known
            } else {
                c = columns.count
                columnOf[variable] = c
                columns.append(Column(valueOf: [Int32](repeating: -1, count: units.ids.count)))
            }
            let v: Int32
            if let known = columns[c].indexOf[value] {
                v = known
            } else {
                v = Int32(columns[c].values.count)
                columns[c].indexOf[value] = v
                columns[c].values.append(value)
                columns[c].counts.append(0)
            }
            columns[c].valueOf[Int(place)] = v
            columns[c].counts[Int(v)] += 1
        }
        return KeptValues(unitsMark: units.lastRowid, columns: columnOf.mapValues { columns[$0] })
    }
}

/// The last `KeptValues`, shared by the store's readers.
final class KeptValuesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: KeptValues?

    /// The values as `db` sees them, in the order `units`: the kept ones while no unit was added.
    /// Read under the lock, so that concurrent requests read them once.
    func current(_ db: Database, units: UnitOrder) throws -> KeptValues {
        try lock.withLock {
            if let kept, kept.unitsMark == units.lastRowid { return kept }
            let fresh = try KeptValues.read(db, units: units)
            kept = fresh
            return fresh
        }
    }
}
