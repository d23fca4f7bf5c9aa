import GRDB

/// Everything a count, a quote selection or an export reads from a project, read in one
/// transaction: a recode or a coder working at the same time cannot mix two versions into it.
public struct ProjectSnapshot: Sendable {
    /// Units in import order.
    public let units: [StoredUnit]
    /// Group variables in the order first imported.
    public let variables: [Variable]
    /// The survey's open questions in the order first imported.
    public let questions: [StoredQuestion]
    /// The latest version's codebooks; nil before the first `recode`.
    public let codebooks: VersionCodebooks?
    /// Per unit id: decisions where they exist, else the latest version's suggestions.
    public let states: [String: UnitState]
    /// Per unit id: the latest version's pattern evidence.
    public let evidence: [String: [StoredSuggestion]]
}

extension ProjectStore {
    /// Reads a snapshot of the project (see `ProjectSnapshot`).
    public func snapshot() throws -> ProjectSnapshot {
        try read { db in
            let codebooks = try Self.latestCodebooks(db)
            return ProjectSnapshot(units: try Self.units(db), variables: try Self.variables(db), questions: try Self.questions(db),
                                   codebooks: codebooks, states: try Self.states(db, coder: nil),
                                   evidence: try codebooks.map { try Self.suggestions(db, version: $0.version) } ?? [:])
        }
    }
}
