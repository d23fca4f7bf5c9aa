import Foundation
import GRDB

/// What the review page's list view shows of one unit for one coder: less than a
/// `ReviewUnit` (no other coders, no log, no quote choices), so a page of rows is cheap.
public struct ReviewRow: Sendable {
    public let unit: StoredUnit
    /// Group values in variable order, with the variables' labels.
    public let groups: [(variable: Variable, value: String)]
    /// The latest codebook version for the unit's question, or nil before the first `recode`.
    public let codebook: CodebookVersion?
    /// Evidence of the latest version's pattern suggestions, in text order.
    public let suggestions: [StoredSuggestion]
    /// What learning added, confirmed or overruled.
    public let learned: [LearnedSuggestion]
    /// What the models behind `learned` were trained on.
    public let learningRun: LearningRun?
    /// The coder's state: only the coder's own decisions count.
    public let state: UnitState
}

/// The latest codebook per question and the learning run per version, each read once for
/// all the units of one read.
struct CodebookLookup {
    private var codebooks: [String?: CodebookVersion?] = [:]
    private var runs: [Int64: LearningRun?] = [:]

    mutating func codebook(_ db: Database, question: String?) throws -> CodebookVersion? {
        if let known = codebooks[question] { return known }
        let codebook = try ProjectStore.latestCodebook(db, question: question)
        codebooks[question] = .some(codebook)
        return codebook
    }

    mutating func learningRun(_ db: Database, version: Int64) throws -> LearningRun? {
        if let known = runs[version] { return known }
        let run = try ProjectStore.learningRun(db, version: version)
        runs[version] = .some(run)
        return run
    }
}

extension ProjectStore {
    /// Most ids `reviewRows` takes at once: a page of the list view is far fewer.
    public static let maxReviewRows = 200

    /// The list view's rows for `ids` (a page of a filter's list), in the order given, read in
    /// one snapshot; ids of no unit are left out. Every query is a lookup by key or index.
    public func reviewRows(ids: [String], coder: String) throws -> [ReviewRow] {
        precondition(ids.count <= Self.maxReviewRows, "reviewRows takes at most \(Self.maxReviewRows) ids")
        return try read { db in
            var lookup = CodebookLookup()
            return try ids.compactMap { try Self.reviewRow(db, id: $0, coder: coder, lookup: &lookup)?.row }
        }
    }

    /// One unit's row, with the unit's whole log and suggested codes (which `reviewUnit` also
    /// needs); nil when there is no such unit.
    static func reviewRow(_ db: Database, id: String, coder: String, lookup: inout CodebookLookup)
        throws -> (row: ReviewRow, log: [Decision], suggested: Set<String>)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, position, text, kind, file, line, question, respondent FROM unit WHERE id = ?",
                                         arguments: [id]) else { return nil }
        let groups = try Row.fetchAll(db, sql: """
            SELECT v.name, v.label, uv.value FROM unit_value uv JOIN variable v ON v.name = uv.variable
            WHERE uv.unit_id = ? ORDER BY v.position
            """, arguments: [id]).map { (variable: Variable(name: $0[0], label: $0[1]), value: $0[2] as String) }
        let unit = StoredUnit(id: id, position: row["position"], text: row["text"],
                              kind: UnitKind(rawValue: row["kind"]) ?? .answer,
                              values: Dictionary(groups.map { ($0.variable.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                              file: row["file"], line: row["line"], question: row["question"], respondent: row["respondent"])
        let codebook = try lookup.codebook(db, question: unit.question)
        var suggestions: [StoredSuggestion] = []
        var suggested = Set<String>()
        var learned: [LearnedSuggestion] = []
        var run: LearningRun?
        if let version = codebook?.id {
            suggestions = try Row.fetchAll(db, sql: """
                SELECT code_id, pattern, start16, end16 FROM suggestion WHERE version_id = ? AND unit_id = ?
                ORDER BY start16, end16
                """, arguments: [version, id]).map {
                StoredSuggestion(unitID: id, codeID: $0[0], pattern: $0[1], utf16Range: ($0[2] as Int)..<($0[3] as Int))
            }
            suggested = try suggestedCodes(db, version: version, unit: id)
            learned = try Self.learned(db, version: version, unit: id)[id] ?? []
            run = try lookup.learningRun(db, version: version)
        }
        let log = try decisions(db, unit: id)
        let review = ReviewRow(unit: unit, groups: groups, codebook: codebook, suggestions: suggestions, learned: learned,
                               learningRun: run, state: UnitState(suggested: suggested, log: log, coder: coder))
        return (review, log, suggested)
    }
}

/// Orders group values as a person expects: when every value is a number (a decimal comma
/// allowed), by their numbers; else text with its runs of digits compared as numbers
/// ("vraag 2" before "vraag 10").
enum ValueOrder {
    /// The distinct `values`, each with its place in that order (0 first); values that are
    /// equal in that order ("9" and "9,0", "vraag 2" and "vraag 02") share a place.
    static func ranks(_ values: Set<String>) -> [String: Int32] {
        let numbers = values.compactMap { v in Double(v.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? (v, $0) : nil } }
        if numbers.count == values.count {
            return ranked(numbers.sorted { $0.1 < $1.1 }) { $0 == $1 }
        }
        return ranked(values.map { ($0, key($0)) }.sorted { less($0.1, $1.1) }) { !less($0, $1) && !less($1, $0) }
    }

    /// Places for values already in order: a new place where a value differs from the one before.
    private static func ranked<Key>(_ sorted: [(String, Key)], same: (Key, Key) -> Bool) -> [String: Int32] {
        var ranks: [String: Int32] = [:]
        var rank: Int32 = -1
        for (i, item) in sorted.enumerated() {
            if i == 0 || !same(sorted[i - 1].1, item.1) { rank += 1 }
            ranks[item.0] = rank
        }
        return ranks
    }

    /// A value cut into runs: digits (leading zeros dropped) and everything else.
    private static func key(_ value: String) -> [(digits: Bool, text: Substring)] {
        var parts: [(digits: Bool, text: Substring)] = []
        var start = value.startIndex
        while start < value.endIndex {
            let digits = value[start].isASCII && value[start].isNumber
            let end = value[start...].firstIndex { ($0.isASCII && $0.isNumber) != digits } ?? value.endIndex
            var run = value[start..<end]
            if digits { run = run.drop { $0 == "0" } }
            parts.append((digits, run))
            start = end
        }
        return parts
    }

    /// Digit runs before text runs at the same place; digit runs by length, then digits.
    private static func less(_ a: [(digits: Bool, text: Substring)], _ b: [(digits: Bool, text: Substring)]) -> Bool {
        for (x, y) in zip(a, b) {
            if x.digits != y.digits { return x.digits }
            if x.digits, x.text.count != y.text.count { return x.text.count < y.text.count }
            if x.text != y.text { return x.text < y.text }
        }
        return a.count < b.count
    }
}
