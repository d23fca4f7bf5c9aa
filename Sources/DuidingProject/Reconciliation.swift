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
    /// suggestions overridden by that coder's own decisions, as for agreement.
    public init(_ store: ProjectStore, scope: Set<String>? = nil) throws {
        // Neither texts nor evidence: a page of the reconcile view reads those for its rows only.
        let snapshot = try store.snapshot([])
        guard let codebooks = snapshot.codebooks else { throw SelectionError("the project has no codebook yet; run `duiding recode`") }
        let units = snapshot.units.filter { scope?.contains($0.id) ?? true }
        let log = try store.decisions()
        var logs: [String: [Decision]] = [:]
        for d in log { logs[d.unitID, default: []].append(d) }
        let undone = Set(log.compactMap(\.undoes))
        let coders = Set(log.filter { $0.action != .memo && $0.action != .undo && !undone.contains($0.seq) && scope?.contains($0.unitID) ?? true }
            .map(\.coder)).sorted()
        var disagreements: [Disagreement] = []
        for unit in units {
            guard let unitLog = logs[unit.id], let state = snapshot.states[unit.id] else { continue }
            let settled = Set(unitLog.filter { $0.final && !undone.contains($0.seq) }.compactMap(\.codeID))
            let judgements = coders.map { coder -> Set<String>? in
                let own = UnitState(suggested: state.suggested, log: unitLog, coder: coder)
                return own.reviewedBy.contains(coder) ? own.codes : nil
            }
            guard judgements.count(where: { $0 != nil }) >= 2 else { continue }
            for code in codebooks.codebook(question: unit.question).codes.map(\.id) where !settled.contains(code) {
                let says = judgements.map { $0.map { $0.contains(code) } }
                if Set(says.compactMap { $0 }).count > 1 { disagreements.append(Disagreement(unitID: unit.id, code: code, judgements: says)) }
            }
        }
        self.coders = coders
        self.disagreements = disagreements
    }
}
