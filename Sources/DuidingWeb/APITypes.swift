import DuidingStore

// The JSON the review page and the API exchange. Offsets are UTF-16 code units, so a
// JavaScript string can be sliced with them directly.

/// A code of the latest codebook; `number` (1-based, codebook order) is its key on the page.
struct CodeJSON: Codable, Sendable, Hashable {
    let id: String
    let label: String
    let number: Int
}

struct CodebookJSON: Codable, Sendable, Hashable {
    let id: Int64
    let name: String
}

struct GroupValueJSON: Codable, Sendable, Hashable {
    let variable: String
    let label: String
    let value: String
    /// The value as coders see it: its label (`duiding variable --value`), else the value.
    let valueLabel: String
}

struct EvidenceJSON: Codable, Sendable, Hashable {
    let pattern: String
    /// UTF-16 offsets into the unit's text, end exclusive.
    let start: Int
    let end: Int
}

struct SuggestionJSON: Codable, Sendable, Hashable {
    let code: String
    let evidence: [EvidenceJSON]
}

/// What learning says about a code of the unit: `learned` (a model suggests it, no pattern
/// fired), `both` (a model confirms a pattern) or `vetoed` (a model overrules a pattern).
struct LearnedJSON: Codable, Sendable, Hashable {
    let code: String
    let source: String
    let confidence: Double
    /// The words that weighed most (UTF-16 offsets, end exclusive).
    let words: [Range<Int>]
    /// For the tooltip: "geleerd uit 37 beslissingen: slapen, onrustig (zeker 82%)".
    let explanation: String
}

/// The coder's state of a unit.
struct StateJSON: Codable, Sendable, Hashable {
    /// Codes that apply now (codebook order; codes no longer in the codebook last).
    let codes: [String]
    /// Codes the latest codebook suggests.
    let suggested: [String]
    /// The coder's effective decision per code: accept, add or reject.
    let decided: [String: String]
    let memo: String?
    /// Whether the coder made any (not undone) decision on the unit.
    let reviewed: Bool
    /// Per code coded in passages: its passages as [start, end] in Unicode characters (code points).
    let passages: [String: [[Int]]]
}

struct OtherCoderJSON: Codable, Sendable, Hashable {
    let coder: String
    let codes: [String]
    let memo: String?
}

struct UnitJSON: Codable, Sendable {
    let id: String
    let position: Int
    let kind: String
    let file: String
    let line: Int
    let text: String
    /// For an interview turn: the interviewer's question before it.
    let prompt: String?
    let groups: [GroupValueJSON]
    let codebook: CodebookJSON?
    let codes: [CodeJSON]
    let suggestions: [SuggestionJSON]
    let learned: [LearnedJSON]
    let state: StateJSON
    let others: [OtherCoderJSON]
    /// Per code: `pin` (always quoted) or `ban` (never quoted).
    let quotes: [String: String]
}

struct UnitListJSON: Codable, Sendable {
    /// Unit ids that pass the filter, in import order.
    let ids: [String]
    /// Per id: reviewed by this coder.
    let reviewed: [Bool]
    /// Units in the project, and how many of them this coder reviewed.
    let total: Int
    let reviewedTotal: Int
}

struct GroupJSON: Codable, Sendable {
    struct Value: Codable, Sendable {
        /// The stored value, what a filter names.
        let value: String
        /// The value as coders see it: its label, else the value.
        let label: String
        let count: Int
    }
    let variable: String
    let label: String
    let values: [Value]
}

struct VariableJSON: Codable, Sendable, Hashable {
    let name: String
    let label: String
}

struct MetaJSON: Codable, Sendable {
    let project: String
    let coder: String
    /// The coder leads: the team panel shows agreement and the reconcile view.
    let lead: Bool
    /// A team server (coders signed in with accounts): the page offers to sign out.
    let team: Bool
    let codebook: CodebookJSON?
    let codes: [CodeJSON]
    let groups: [GroupJSON]
    /// Every group variable (also those with too many values to filter by), for the list
    /// view's columns and the order of the list.
    let variables: [VariableJSON]
    /// The question and filters the review was started with, for the page's header.
    let selection: String?
    /// Blind double coding: the page shows no other coder's work.
    let blind: Bool
}

/// A decision posted by the page.
struct DecisionRequest: Codable, Sendable {
    /// acceptAll, toggle, accept, add, reject, done, memo, undo, or final (a lead's).
    let action: String
    let unit: String
    let code: String?
    let memo: String?
    /// For undo: how many of the coder's latest decisions on the unit to undo (default 1).
    let count: Int?
    /// For accept and add: the passage the code applies to, in Unicode characters (code
    /// points, end exclusive); both absent for the whole unit.
    var start: Int? = nil
    var end: Int? = nil
    /// For final: whether the code applies.
    var applies: Bool? = nil
    /// Whose decision this is, if the page says: it must be the signed-in coder.
    var coder: String? = nil
}

/// What the server saved, and the unit's state afterwards.
struct DecisionResponse: Codable, Sendable {
    let unit: String
    /// Sequence numbers of the log entries written (empty when nothing needed saving).
    let recorded: [Int64]
    /// How many decisions an undo cancelled.
    let undone: Int
    /// Whether the coder had reviewed the unit before, and has now.
    let wasReviewed: Bool
    let state: StateJSON
}

/// A decision on every unit the page's filter shows (`status`, `code`, `group`, `q` as for
/// `/api/units`): `target` applies or not; `expected` is the number of units the coder confirmed.
struct BulkRequest: Codable, Sendable {
    let status: String?
    let code: String?
    let group: String?
    let q: String?
    let target: String
    let applies: Bool
    let expected: Int
    /// Whose decision this is, if the page says: it must be the signed-in coder.
    var coder: String? = nil
}

/// The list view asks for the rows of these units (a page of the filter's list, at most
/// `ProjectStore.maxReviewRows`).
struct RowsRequest: Codable, Sendable {
    let ids: [String]
}

/// One row of the list view: what it shows of a unit, for the coder.
struct ListRowJSON: Codable, Sendable {
    let id: String
    let text: String
    /// Group values by variable name, as coders see them (labels where there are).
    let values: [String: String]
    let suggestions: [SuggestionJSON]
    let learned: [LearnedJSON]
    let state: StateJSON
}

/// The rows asked for, in the order asked; ids of no unit are left out.
struct ListRowsJSON: Codable, Sendable {
    let rows: [ListRowJSON]
}

/// A quote choice from the page: `choice` is pin, ban or clear.
struct QuoteChoiceRequest: Codable, Sendable {
    let unit: String
    let code: String
    let choice: String
}

struct QuoteChoiceResponse: Codable, Sendable {
    let unit: String
    let quotes: [String: String]
}

struct BulkUndoRequest: Codable, Sendable {
    let batch: Int64
}

/// A bulk decision's batch (for its undo), and how many decisions it recorded or undid.
struct BulkResponse: Codable, Sendable {
    let batch: Int64?
    let recorded: Int
    let unchanged: Int
    var undone = 0
}

struct ErrorJSON: Codable, Sendable {
    let error: String
    /// Where a pattern is wrong (from 1), for the codebook and explore panels.
    var column: Int?
}

extension CodeJSON {
    static func list(_ codebook: CodebookVersion?) -> [CodeJSON] {
        (codebook?.codes ?? []).enumerated().map { CodeJSON(id: $1.id, label: $1.label, number: $0 + 1) }
    }
}

extension StateJSON {
    /// `codes`: the codebook's, whose order the lists follow.
    init(_ state: UnitState, coder: String, codes: [StoredCode]) {
        let order = Dictionary(codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = { (codes: Set<String>) in
            codes.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
        }
        self.codes = sorted(state.codes)
        self.suggested = sorted(state.suggested)
        self.decided = state.decided.mapValues(\.action.rawValue)
        self.memo = state.memo
        self.reviewed = state.reviewedBy.contains(coder)
        self.passages = state.passages.mapValues { $0.map { [$0.lowerBound, $0.upperBound] } }
    }
}

extension UnitJSON {
    /// `blind`: without the other coders' codes and memos.
    init(_ review: ReviewUnit, coder: String, blind: Bool = false) {
        let unit = review.unit
        id = unit.id
        position = unit.position
        kind = unit.kind.rawValue
        file = unit.file
        line = unit.line
        text = unit.text
        prompt = unit.prompt
        groups = review.groups.map { GroupValueJSON(variable: $0.variable.name, label: $0.variable.label, value: $0.value,
                                                      valueLabel: $0.variable.shown($0.value)) }
        codebook = review.codebook.map { CodebookJSON(id: $0.id, name: $0.name) }
        codes = CodeJSON.list(review.codebook)
        suggestions = SuggestionJSON.list(review.suggestions, codebook: review.codebook)
        learned = LearnedJSON.list(review.learned, text: unit.text, run: review.learningRun)
        state = StateJSON(review.state, coder: coder, codes: review.codebook?.codes ?? [])
        others = blind ? [] : review.others.map {
            OtherCoderJSON(coder: $0.coder, codes: StateJSON($0.state, coder: $0.coder, codes: review.codebook?.codes ?? []).codes, memo: $0.state.memo)
        }
        quotes = review.quoteChoices.mapValues(\.rawValue)
    }
}

extension SuggestionJSON {
    /// The evidence grouped per code, in codebook order (codes no longer in it last).
    static func list(_ suggestions: [StoredSuggestion], codebook: CodebookVersion?) -> [SuggestionJSON] {
        var byCode: [String: [EvidenceJSON]] = [:]
        for s in suggestions {
            byCode[s.codeID, default: []].append(EvidenceJSON(pattern: s.pattern, start: s.utf16Range.lowerBound, end: s.utf16Range.upperBound))
        }
        let order = codebook?.codes.map(\.id) ?? []
        return (order.filter { byCode[$0] != nil } + byCode.keys.filter { !order.contains($0) }.sorted())
            .map { SuggestionJSON(code: $0, evidence: byCode[$0] ?? []) }
    }
}

extension LearnedJSON {
    /// What learning says about the codes of a unit with `text`, explained with the decisions
    /// of the learning `run` and the words that weighed most.
    static func list(_ learned: [LearnedSuggestion], text: String, run: LearningRun?) -> [LearnedJSON] {
        guard !learned.isEmpty else { return [] }
        let utf16 = Array(text.utf16)
        let decisions = LearningSummary(run?.summary ?? "")
        return learned.map { l in
            let words = l.evidence.map { String(decoding: utf16[$0.clamped(to: 0..<utf16.count)], as: UTF16.self) }
            let basis = decisions.decisions[l.codeID].map { "geleerd uit \($0) beslissingen" } ?? "geleerd"
            let verdict = l.source == .vetoed ? "waarschijnlijk niet" : "zeker \(Int((l.confidence * 100).rounded()))%"
            return LearnedJSON(code: l.codeID, source: l.source.rawValue, confidence: l.confidence, words: l.evidence,
                               explanation: basis + (words.isEmpty ? "" : ": " + words.joined(separator: ", ")) + " (\(verdict))")
        }
    }
}

extension ListRowJSON {
    init(_ row: ReviewRow, coder: String) {
        id = row.unit.id
        text = row.unit.text
        values = Dictionary(row.groups.map { ($0.variable.name, $0.variable.shown($0.value)) }, uniquingKeysWith: { a, _ in a })
        suggestions = SuggestionJSON.list(row.suggestions, codebook: row.codebook)
        learned = LearnedJSON.list(row.learned, text: row.unit.text, run: row.learningRun)
        state = StateJSON(row.state, coder: coder, codes: row.codebook?.codes ?? [])
    }
}

/// Where a page of a kept list (`KeptLists`) is: the list's number, how many units it has,
/// the index of the page's first unit, the unit the page is to show first (`start`: the one
/// asked for, else the first the coder has not reviewed) and where the one asked for is
/// (`at`; -1: not in the list).
struct ListPageJSON: Codable, Sendable {
    let list: Int
    let count: Int
    let from: Int
    let start: Int
    let at: Int
}

extension UnitListJSON {
    /// The whole list.
    init(_ list: ReviewList) {
        self.init(ids: list.ids, reviewed: list.reviewed, total: list.total, reviewedTotal: list.reviewedTotal)
    }

    /// The `limit` units of `selection` from `page.from`.
    init(_ selection: ReviewSelection, page: ListPageJSON, limit: Int) {
        let first = min(page.from, selection.count), range = first..<min(selection.count, first + limit)
        self.init(ids: selection.ids(range), reviewed: Array(selection.reviewed[range]),
                  total: selection.total, reviewedTotal: selection.reviewedTotal)
    }

    /// The same JSON as JSONEncoder writes, by hand: for 100,000 ids JSONEncoder takes
    /// several times longer than the query behind the list. With `page`, the ids are a page
    /// of a kept list, and its fields follow.
    func encoded(page: ListPageJSON? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + ids.reduce(0) { $0 + $1.utf8.count + 9 })
        out += Array(#"{"ids":["#.utf8)
        for (i, id) in ids.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            Self.appendString(id, to: &out)
        }
        out += Array(#"],"reviewed":["#.utf8)
        let yes = Array("true".utf8), no = Array("false".utf8)
        for (i, flag) in reviewed.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += flag ? yes : no
        }
        out += Array(#"],"total":\#(total),"reviewedTotal":\#(reviewedTotal)"#.utf8)
        if let page {
            out += Array(#","list":\#(page.list),"count":\#(page.count),"from":\#(page.from),"start":\#(page.start),"at":\#(page.at)"#.utf8)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += string.utf8   // most ids: nothing to escape, copied whole
        } else {
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case 0..<0x20: out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// The per-code decision counts of a learning run's summary (lines `code<TAB>decisions<TAB>…`).
struct LearningSummary {
    var decisions: [String: Int] = [:]

    init(_ summary: String) {
        for line in summary.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 2, let n = Int(fields[1]) { decisions[String(fields[0])] = n }
        }
    }
}
