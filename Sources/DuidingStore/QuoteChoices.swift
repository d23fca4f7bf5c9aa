import GRDB

/// A researcher's choice about a unit as a quote for a code: pin it (always quote it), ban it
/// (never quote it), or clear an earlier choice. Kept as a log; the latest choice counts.
public enum QuoteChoice: String, Sendable, CaseIterable {
    case pin, ban, clear
}

extension ProjectStore {
    /// Records a choice. The unit must exist and the code must be one of the latest codebook of its question.
    public func setQuoteChoice(_ choice: QuoteChoice, unit: String, code: String, coder: String) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT question FROM unit WHERE id = ?", arguments: [unit]) else {
                throw ProjectError("no unit `\(unit)` in the project")
            }
            let codes = try Self.latestCodebook(db, question: row[0])?.codes.map(\.id) ?? []
            guard codes.contains(code) else { throw ProjectError("`\(code)` is not a code of the current codebook (\(codes.joined(separator: ", ")))") }
            try db.execute(sql: "INSERT INTO quote_choice (unit_id, code_id, choice, coder, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [unit, code, choice.rawValue, coder, timestamp()])
        }
    }

    /// One unit's current choices, per code id (cleared ones left out).
    public func quoteChoices(unit: String) throws -> [String: QuoteChoice] {
        try read { db in try Self.quoteChoices(db, unit: unit) }
    }

    static func quoteChoices(_ db: Database, unit: String) throws -> [String: QuoteChoice] {
        var latest: [String: QuoteChoice] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code_id, choice FROM quote_choice WHERE unit_id = ? ORDER BY seq", arguments: [unit]) {
            latest[row[0]] = QuoteChoice(rawValue: row[1]) ?? .clear
        }
        return latest.filter { $0.value != .clear }
    }

    /// The current choices: per code id, the pinned and the banned unit ids.
    public func quoteChoices() throws -> (pinned: [String: Set<String>], banned: [String: Set<String>]) {
        try read { db in
            var latest: [String: [String: QuoteChoice]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT unit_id, code_id, choice FROM quote_choice ORDER BY seq") {
                latest[row["code_id"], default: [:]][row["unit_id"]] = QuoteChoice(rawValue: row["choice"]) ?? .clear
            }
            var pinned: [String: Set<String>] = [:], banned: [String: Set<String>] = [:]
            for (code, units) in latest {
                for (unit, choice) in units {
                    switch choice {
                    case .pin: pinned[code, default: []].insert(unit)
                    case .ban: banned[code, default: []].insert(unit)
                    case .clear: break
                    }
                }
            }
            return (pinned, banned)
        }
    }
}
