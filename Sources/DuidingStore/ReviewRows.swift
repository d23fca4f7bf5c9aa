import Foundation
import GRDB

/// What the review page's list view shows of one unit for one coder: the part of a
/// `ReviewUnit` without other coders, the log and quote choices, so a page of rows is cheap.
public struct ReviewRow: Sendable {
    public let unit: StoredUnit
    /// Group values in variable order, with the variables' labels; hidden variables left out.
    public let groups: [(variable: Variable, value: String)]
    /// The latest codebook version for the unit's question, or nil before the first `recode`.
    public let codebook: CodebookVersion?
    /// Evidence of the latest version's pattern suggestions, in text order.
    public let suggestions: [StoredSuggestion]
    /// What learning added, confirmed or overruled, with the words that weighed most.
    public let learned: [LearnedSuggestion]
    /// What the models behind `learned` were trained on.
    public let learningRun: LearningRun?
    /// The coder's state: only the coder's own decisions count.
    public let state: UnitState
}

extension ProjectStore {
    /// Most ids `reviewRows` takes at once: a page of the list view is far fewer.
    public static let maxReviewRows = 200

    /// The list view's rows for `ids` (a page of a filter's list), in the order given, read in
    /// one snapshot; ids of no unit are left out.
    public func reviewRows(ids: [String], coder: String) throws -> [ReviewRow] {
        precondition(ids.count <= Self.maxReviewRows, "reviewRows takes at most \(Self.maxReviewRows) ids")
        return try read { db in try Self.reviewRows(db, ids: ids, coder: coder).map(\.row) }
    }

    /// The rows of `ids` with each unit's whole log and suggested codes (which `reviewUnit`
    /// also needs): one query per table for all the units, each an index search per unit.
    static func reviewRows(_ db: Database, ids: [String], coder: String) throws -> [(row: ReviewRow, log: [Decision], suggested: Set<String>)] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [] }
        let units = try storedUnits(db, wanted)
        var suggestions: [String: [StoredSuggestion]] = [:]
        var learned: [String: [LearnedSuggestion]] = [:]
        var suggested: [String: Set<String>] = [:]
        var run: LearningRun?
        if let version = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codebook_version") {
            let rows = try StoredSuggestion.fetchCursor(db, sql: """
                SELECT \(StoredSuggestion.selection) FROM suggestion
                WHERE version_id = ? AND unit_id IN (\(databaseQuestionMarks(count: wanted.count))) ORDER BY start16, end16
                """, arguments: StatementArguments([version]) + StatementArguments(wanted))
            while let s = try rows.next() { suggestions[s.unitID, default: []].append(s) }
            learned = try Self.learned(db, version: version, units: wanted)
            suggested = try suggestedCodes(db, version: version, units: wanted)
            run = try learningRun(db, version: version)
        }
        var logs: [String: [Decision]] = [:]
        for d in try decisions(db, units: wanted) { logs[d.unitID, default: []].append(d) }
        var codebooks: [String?: CodebookVersion?] = [:]   // per question, read once
        var result: [(row: ReviewRow, log: [Decision], suggested: Set<String>)] = []
        for id in ids {
            guard let found = units[id] else { continue }
            let (unit, groups) = found
            if codebooks[unit.question] == nil { codebooks[unit.question] = .some(try latestCodebook(db, question: unit.question)) }
            let codebook = codebooks[unit.question] ?? nil
            let coded = codebook != nil
            let log = logs[id] ?? [], codes = coded ? suggested[id] ?? [] : []
            let row = ReviewRow(unit: unit, groups: groups, codebook: codebook, suggestions: coded ? suggestions[id] ?? [] : [],
                                learned: coded ? learned[id] ?? [] : [], learningRun: coded ? run : nil,
                                state: UnitState(suggested: codes, log: log, coder: coder))
            result.append((row, log, codes))
        }
        return result
    }

    /// The units of `ids` with the group values coders see (in variable order, with the labels).
    private static func storedUnits(_ db: Database, _ ids: [String]) throws -> [String: (StoredUnit, [(variable: Variable, value: String)])] {
        let marks = databaseQuestionMarks(count: ids.count)
        var groups: [String: [(variable: Variable, value: String)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT uv.unit_id, v.name, v.label, v.value_order, v.hidden, v.value_labels, uv.value FROM unit_value uv JOIN variable v ON v.name = uv.variable
            WHERE uv.unit_id IN (\(marks)) AND v.hidden = 0 ORDER BY v.position
            """, arguments: StatementArguments(ids)) {
            groups[row["unit_id"] as String, default: []].append((try Variable(row: row), row["value"]))
        }
        var units: [String: (StoredUnit, [(variable: Variable, value: String)])] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, position, text, kind, file, line, question, respondent, prompt FROM unit WHERE id IN (\(marks))",
                                       arguments: StatementArguments(ids))
        while let row = try rows.next() {
            let id: String = row["id"]
            let values = groups[id] ?? []
            let unit = StoredUnit(id: id, position: row["position"], text: row["text"], kind: UnitKind(rawValue: row["kind"]) ?? .answer,
                                  values: Dictionary(values.map { ($0.variable.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                  file: row["file"], line: row["line"], question: row["question"], respondent: row["respondent"],
                                  prompt: row["prompt"])
            units[id] = (unit, values)
        }
        return units
    }
}

/// Orders group values as a person expects: when every value is a number (a decimal comma
/// allowed), by their numbers; else text with its runs of digits compared as numbers
/// ("vraag 2" before "vraag 10", a run of digits before other text at the same place).
enum ValueOrder {
    /// The distinct `values`, each with its place in that order (0 first); values that are
    /// equal in that order ("9" and "9,0", "vraag 2" and "vraag 02") share a place.
    static func ranks(_ values: Set<String>) -> [String: Int32] {
        let numbers = values.compactMap { v in number(v).map { (v, $0) } }
        if numbers.count == values.count {
            return ranked(numbers.sorted { $0.1 < $1.1 })
        }
        return ranked(values.map { ($0, key($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) })
    }

    private static func number(_ value: String) -> Double? {
        let parsed = Double(value) ?? (value.contains(",") ? Double(String(value.map { $0 == "," ? "." : $0 })) : nil)
        return parsed.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Places for values already in order: a new place where a key differs from the one before.
    private static func ranked<Key: Equatable>(_ sorted: [(String, Key)]) -> [String: Int32] {
        var ranks: [String: Int32] = [:]
        ranks.reserveCapacity(sorted.count)
        var rank: Int32 = -1
        for (i, item) in sorted.enumerated() {
            if i == 0 || sorted[i - 1].1 != item.1 { rank += 1 }
            ranks[item.0] = rank
        }
        return ranks
    }

    /// A key whose byte order is that order: a run of digits as 0x01, its length (two bytes)
    /// and its digits without leading zeros; other text as its UTF-8 bytes (code point order).
    static func key(_ value: String) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(value.utf8.count + 3)
        var run: [UInt8] = []
        var inRun = false
        func endRun() {
            guard inRun else { return }
            let n = min(run.count, 0xFFFF)
            key += [1, UInt8(n >> 8), UInt8(n & 0xFF)]
            key += run.prefix(n)
            run.removeAll(keepingCapacity: true)
            inRun = false
        }
        for byte in value.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                inRun = true
                if !(run.isEmpty && byte == 0x30) { run.append(byte) }
            } else {
                endRun()
                key.append(byte)
            }
        }
        endRun()
        return key
    }
}
