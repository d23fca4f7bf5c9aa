import Foundation
import GRDB

/// The project's units in import order with their rowids: what every unit list starts from.
/// Units are only ever added (an import appends, nothing deletes or reorders them), so the
/// order read once holds until a unit with a higher rowid appears.
struct UnitOrder: Sendable {
    /// Unit ids in import order.
    let ids: [String]
    /// Unit rowid → index in `ids`.
    let place: UnitPlaces
    /// Unit id → index in `ids`: a table's `unit_id` placed without a join to `unit` (an
    /// index search per row, several times slower on 100,000 rows).
    let placeOfID: [String: Int32]
    /// The highest rowid when read: the mark that tells whether the order is still current.
    let lastRowid: Int64

    static func read(_ db: Database, lastRowid: Int64) throws -> UnitOrder {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0
        var ids: [String] = []
        ids.reserveCapacity(count)
        var placeOfID: [String: Int32] = [:]
        placeOfID.reserveCapacity(count)
        var place = [Int32](repeating: -1, count: Int(max(0, lastRowid)) + 1)
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, id FROM unit ORDER BY position")
        while let row = try rows.next() {
            let id: String = row[1]
            place[Int(row[0] as Int64)] = Int32(ids.count)
            placeOfID[id] = Int32(ids.count)
            ids.append(id)
        }
        return UnitOrder(ids: ids, place: UnitPlaces(byRowid: place), placeOfID: placeOfID, lastRowid: lastRowid)
    }
}

/// Each unit's index in import order by its rowid: an array, not a dictionary, as rowids
/// run from 1 with no gaps (no unit is ever deleted); a lookup is an index, not a hash.
struct UnitPlaces: Sendable {
    let byRowid: [Int32]

    /// The index of the unit with `rowid`, or nil when there is none.
    subscript(rowid: Int64) -> Int32? {
        guard rowid >= 0, rowid < byRowid.count, byRowid[Int(rowid)] >= 0 else { return nil }
        return byRowid[Int(rowid)]
    }
}

/// The last `UnitOrder` read, shared by the store's readers: a list of 100,000 units then
/// costs no reading and no hashing of every unit per request.
final class UnitOrderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var order: UnitOrder?

    /// The units' order as `db` sees them: the kept one while no unit was added since. Read
    /// under the lock: a request that comes while the order is read (at 1,000,000 units, a
    /// second) waits for it rather than reading it again.
    func current(_ db: Database) throws -> UnitOrder {
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM unit") ?? 0
        return try lock.withLock {
            if let order, order.lastRowid == last { return order }
            let fresh = try UnitOrder.read(db, lastRowid: last)
            order = fresh
            return fresh
        }
    }
}
