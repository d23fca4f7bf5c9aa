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

    /// `suggested_code` of the version, computed here from its two tables: the view's
    /// DISTINCT and UNION sort every suggestion row in temporary b-trees, several times
    /// slower than reading the rows (a unit's codes are sets here anyway). As in the view: the
    /// patterns' codes, less those a model vetoed, and the codes a model found on its own.
    static func read(_ db: Database, units: UnitOrder, mark: Mark) throws -> KeptSuggestions {
        var codesOf = [Set<String>](repeating: [], count: units.ids.count)
        if let version = mark.version {
            let patterns = try Row.fetchCursor(db, sql: "SELECT unit_id, code_id FROM suggestion WHERE version_id = ?", arguments: [version])
            while let row = try patterns.next() {
                if let i = units.placeOfID[row[0]] { codesOf[Int(i)].insert(row[1]) }
            }
            let learned = try Row.fetchCursor(db, sql: """
                SELECT unit_id, code_id, source FROM learned_suggestion WHERE version_id = ? AND source IN ('learned', 'vetoed')
                """, arguments: [version])
            while let row = try learned.next() {
                guard let i = units.placeOfID[row[0]] else { continue }
                if (row[2] as String) == LearnedSuggestion.Source.learned.rawValue { codesOf[Int(i)].insert(row[1]) } else { codesOf[Int(i)].remove(row[1]) }
            }
        }
        var unitsWith: [String: [Int32]] = [:]
        for (i, codes) in codesOf.enumerated() {
            for code in codes { unitsWith[code, default: []].append(Int32(i)) }
        }
        return KeptSuggestions(mark: mark, codesOf: codesOf, unitsWith: unitsWith)
    }
}

/// The last `KeptSuggestions`, shared by the store's readers.
final class KeptSuggestionsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: KeptSuggestions?

    /// The suggestions as `db` sees them, in the order `units`: the kept ones while their mark
    /// holds. Read under the lock, so that concurrent requests read them once.
    func current(_ db: Database, units: UnitOrder) throws -> KeptSuggestions {
        let mark = try KeptSuggestions.Mark.read(db, units: units)
        return try lock.withLock {
            if let kept, kept.mark == mark { return kept }
            let fresh = try KeptSuggestions.read(db, units: units, mark: mark)
            kept = fresh
            return fresh
        }
    }
}
