import GRDB

/// One row of `export --what audit`: a decision of the log, with what it answered.
public struct AuditRow: Sendable, Hashable {
    public let decision: Decision
    /// The codebook version in force when the decision was made (the latest made before it).
    public let version: Int64?
    /// Whether that version suggested the decision's code for the unit (patterns, less what a
    /// model overruled, and the model's own); false for a decision without a code.
    public let suggested: Bool
    /// That version's patterns that matched the code in the unit, and the first text they matched.
    public let patterns: [String]
    public let evidence: String
}

extension ProjectStore {
    /// Every decision of the log, oldest first, with the suggestion it answered; handed to
    /// `body` as it is read, in one snapshot.
    public func forEachAuditRow(_ body: (AuditRow) throws -> Void) throws {
        try read { db in
            let versions = try Row.fetchAll(db, sql: "SELECT id, at FROM codebook_version ORDER BY id").map { (id: $0[0] as Int64, at: $0[1] as String) }
            let evidence = try db.cachedStatement(sql: """
                SELECT s.pattern, s.start16, s.end16, u.text FROM suggestion s JOIN unit u ON u.id = s.unit_id
                WHERE s.version_id = ? AND s.unit_id = ? AND s.code_id = ? ORDER BY s.start16, s.rowid
                """)
            let log = try Decision.fetchCursor(db, sql: "SELECT \(Decision.selection) FROM decision ORDER BY seq")
            while let d = try log.next() {
                // Timestamps are ISO 8601 in UTC, so they sort as text.
                let version = versions.last { $0.at <= d.at }?.id
                guard let version, let code = d.codeID else {
                    try body(AuditRow(decision: d, version: version, suggested: false, patterns: [], evidence: ""))
                    continue
                }
                let matches = try Row.fetchAll(evidence, arguments: [version, d.unitID, code])
                var patterns: [String] = []
                for m in matches where !patterns.contains(m[0]) { patterns.append(m[0]) }
                let words = matches.first.map { m -> String in
                    let utf16 = Array((m[3] as String).utf16)
                    return String(decoding: utf16[((m[1] as Int)..<(m[2] as Int)).clamped(to: 0..<utf16.count)], as: UTF16.self)
                } ?? ""
                try body(AuditRow(decision: d, version: version, suggested: try Self.suggestedCodes(db, version: version, unit: d.unitID).contains(code),
                                  patterns: patterns, evidence: words))
            }
        }
    }
}
