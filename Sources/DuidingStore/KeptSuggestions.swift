import Foundation
import GRDB

/// The codes the latest codebook version suggests (`suggested_code`), per unit and per code,
/// placed by the unit order. What they depend on changes seldom: a version's pattern
/// suggestions are written with it (or with the units an import adds), its learned ones by a
/// learning run; so they are read once and kept while that `Mark` holds.
struct KeptSuggestions: Sendable {
    /// What the suggestions were read under.
    struct Mark: Sendable, Equatable {
        let version: Int64?
        let unitsMark: Int64
        /// `ProjectStore.learnedChangesKey`: bumped by every change of learned suggestions.
        let learnedChanges: String?

        static func read(_ db: Database, units: UnitOrder) throws -> Mark {
            Mark(version: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codebook_version"), unitsMark: units.lastRowid,
                 learnedChanges: try String.fetchOne(db, sql: "SELECT value FROM project WHERE key = ?", arguments: [ProjectStore.learnedChangesKey]))
        }
    }

    let mark: Mark
    /// Per unit place, its suggested codes.
    let codesOf: [Set<String>]
    /// Per code, the places of the units it is suggested for.
    let unitsWith: [String: [Int32]]

    static func read(_ db: Database, units: UnitOrder, mark: Mark) throws -> KeptSuggestions {
        var codesOf = [Set<String>](repeating: [], count: units.ids.count)
        var unitsWith: [String: [Int32]] = [:]
        if let version = mark.version {
            let rows = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id FROM suggested_code WHERE version_id = ?", arguments: [version])
            while let row = try rows.next() {
                guard let i = units.placeOfID[row[0]] else { continue }
                let code: String = row[1]
                codesOf[Int(i)].insert(code)
                unitsWith[code, default: []].append(i)
            }
        }
        return KeptSuggestions(mark: mark, codesOf: codesOf, unitsWith: unitsWith)
    }
}

/// The last `KeptSuggestions`, shared by the store's readers.
final class KeptSuggestionsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: KeptSuggestions?

    /// The suggestions as `db` sees them, in the order `units`: the kept ones while their mark holds.
    func current(_ db: Database, units: UnitOrder) throws -> KeptSuggestions {
        let mark = try KeptSuggestions.Mark.read(db, units: units)
        if let kept = lock.withLock({ kept }), kept.mark == mark { return kept }
        let fresh = try KeptSuggestions.read(db, units: units, mark: mark)
        lock.withLock { kept = fresh }
        return fresh
    }
}
