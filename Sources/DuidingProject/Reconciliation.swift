import DuidingStore

/// Where coders differ: per unit and code, each coder's judgement, for a lead to settle with a
/// final decision (`NewDecision.final`). What `duiding reconcile` lists.
public struct Reconciliation: Sendable {
    /// One unit and code on which the coders who reviewed the unit do not agree.
    public struct Disagreement: Sendable, Hashable {
        public let unitID: String
        public let code: String
        /// Per coder (in `coders` order): whether the code applies in that coder's judgement;
        /// nil when the coder did not review the unit.
        public let judgements: [Bool?]
    }

    /// Coders with a review decision on a unit in scope, sorted.
    public let coders: [String]
    /// In import order, then codebook order; settled codes (a final decision) left out.
    public let disagreements: [Disagreement]

    /// The disagreements over the units in `scope` (nil: all). A coder's judgement is the
    /// suggestions overridden by that coder's own decisions, as for agreement. Reads only the
    /// log and the units two coders or more reviewed.
    public init(_ store: ProjectStore, scope: Set<String>? = nil) throws {
        let shared = try store.sharedUnits(scope: scope)
        guard let codebooks = shared.codebooks else { throw SelectionError("the project has no codebook yet; run `duiding recode`") }
        var disagreements: [Disagreement] = []
        for unit in shared.units {
            let undone = Set(unit.log.compactMap(\.undoes))
            let settled = Set(unit.log.filter { $0.final && !undone.contains($0.seq) }.compactMap(\.codeID))
            let judgements = shared.coders.map { coder -> Set<String>? in
                let own = UnitState(suggested: unit.suggested, log: unit.log, coder: coder)
                return own.reviewedBy.contains(coder) ? own.codes : nil
            }
            for code in codebooks.codebook(question: unit.question).codes.map(\.id) where !settled.contains(code) {
                let says = judgements.map { $0.map { $0.contains(code) } }
                if Set(says.compactMap { $0 }).count > 1 { disagreements.append(Disagreement(unitID: unit.id, code: code, judgements: says)) }
            }
        }
        self.coders = shared.coders
        self.disagreements = disagreements
    }
}
