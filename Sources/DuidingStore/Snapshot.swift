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

extension ProjectSnapshot {
    /// What a snapshot reads besides the units' ids, values and current codes: a count needs
    /// neither the texts nor the evidence, which are most of a project's bytes.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The units' texts (else every `StoredUnit.text` is empty).
        public static let texts = Parts(rawValue: 1)
        /// The pattern evidence (else `evidence` is empty).
        public static let evidence = Parts(rawValue: 2)
        public static let all: Parts = [.texts, .evidence]
    }
}

extension ProjectStore {
    /// Reads a snapshot of the project (see `ProjectSnapshot`), with the `parts` asked for.
    public func snapshot(_ parts: ProjectSnapshot.Parts = .all) throws -> ProjectSnapshot {
        try read { db in
            let codebooks = try Self.latestCodebooks(db)
            return ProjectSnapshot(units: try Self.units(db, texts: parts.contains(.texts)), variables: try Self.variables(db),
                                   questions: try Self.questions(db), codebooks: codebooks, states: try Self.states(db, coder: nil),
                                   evidence: try codebooks.map { parts.contains(.evidence) ? try Self.suggestions(db, version: $0.version) : [:] } ?? [:])
        }
    }
}
