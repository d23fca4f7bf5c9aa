import GRDB

/// A passage of a unit's text that a decision codes: Unicode scalar (code point) offsets,
/// end exclusive — the unit `duiding code` reports and REFI-QDA counts.
public enum Passage {
    /// `start..<end`, or an error that says what is wrong (negative, reversed or empty).
    public static func range(start: Int, end: Int) throws -> Range<Int> {
        guard start >= 0 else { throw ProjectError("passage \(start)-\(end): the start is negative; positions count characters from 0") }
        guard start < end else {
            throw ProjectError("passage \(start)-\(end) is \(start == end ? "empty" : "reversed"): write START-END with START before END (end exclusive)")
        }
        return start..<end
    }

    /// Reads `START-END` (as `duiding decide --range` takes it).
    public static func parse(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else {
            throw ProjectError("`\(text)` is not a passage: write START-END in characters, e.g. 10-42")
        }
        return try range(start: start, end: end)
    }

    /// The UTF-16 range of a passage (the unit of the tokeniser and the page), clamped to the text.
    public static func utf16Range(_ range: Range<Int>, in text: String) -> Range<Int> {
        var utf16 = 0, lower = 0, scalars = 0
        for scalar in text.unicodeScalars {
            if scalars == range.lowerBound { lower = utf16 }
            if scalars == range.upperBound { return lower..<utf16 }
            utf16 += scalar.utf16.count
            scalars += 1
        }
        if scalars <= range.lowerBound { lower = utf16 }
        return lower..<utf16
    }

    /// The passage's text: `range` in Unicode scalars of `text` (clamped to the text).
    public static func text(_ range: Range<Int>, of text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.dropFirst(max(0, range.lowerBound)).prefix(max(0, range.count)))
        return String(scalars)
    }
}

extension ProjectStore {
    static func registerPassages(_ migrator: inout DatabaseMigrator) {
        // A decision that codes a passage of its unit carries the passage (Unicode scalar
        // offsets, end exclusive); both are NULL for a decision on the whole unit. An interview
        // turn keeps the interviewer's question before it, for the review page (NULL for
        // answers and for turns imported before).
        migrator.registerMigration("v9 passages") { db in
            try db.execute(sql: """
                ALTER TABLE decision ADD COLUMN passage_start INTEGER;
                ALTER TABLE decision ADD COLUMN passage_end INTEGER;
                ALTER TABLE unit ADD COLUMN prompt TEXT;
                """)
        }
    }

    /// Checks that `passage` is a non-empty part of the unit's text and comes with a code
    /// that applies; throws a message naming the unit otherwise.
    static func checkPassage(_ passage: Range<Int>, of d: NewDecision, text: String) throws {
        guard d.codeID != nil, d.action == .accept || d.action == .add else {
            throw ProjectError("a passage of `\(d.unitID)` is coded with +code; nothing was recorded")
        }
        let length = text.unicodeScalars.count
        guard !passage.isEmpty, passage.lowerBound >= 0, passage.upperBound <= length else {
            throw ProjectError("passage \(passage.lowerBound)-\(passage.upperBound) is outside the text of `\(d.unitID)` (\(length) characters, 0-\(length)); nothing was recorded")
        }
    }
}
