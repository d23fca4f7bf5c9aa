import DuidingAnalysis
import DuidingStore
import Foundation
import Synchronization

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
        guard let reconciliation = try TeamComparison(store, scope: scope).figures().reconciliation else { throw TeamComparison.noCodebook }
        self = reconciliation
    }

    init(coders: [String], disagreements: [Disagreement]) {
        self.coders = coders
        self.disagreements = disagreements
    }
}

/// How the coders of a project compare, kept between calls (the review server keeps one): each
/// call reads only the log's entries after the last one it saw and compares again only the
/// units those entries are on, so a lead's panel costs what changed, not the project. It starts
/// over when what judgements rest on besides the log changes (`JudgementBasis`: a recode, a
/// learning run, new units). The figures are those of a comparison made afresh.
public final class TeamComparison: Sendable {
    /// What the lead's panel shows.
    public struct Figures: Sendable {
        /// Nil before the project's first `recode` (`noCodebook` says so).
        public let reconciliation: Reconciliation?
        public let agreement: ProjectQuality.CoderAgreement?
        /// Per coder with a review decision in the scope: the units of the scope they reviewed.
        public let reviewed: [String: Int]
        /// Every coder with an entry in the log, in the scope or not.
        public let coders: Set<String>
    }

    /// One unit as the comparison keeps it.
    struct Compared: Sendable {
        let id: String
        let position: Int64
        let reviewers: Set<String>
        /// Per reviewer, the codes that apply in their judgement; empty unless two coders reviewed the unit.
        let judgements: [String: Set<String>]
        /// Codes (codebook order) on which the reviewers differ and no final decision settled.
        let disagreements: [String]
    }

    /// What the comparison has seen: empty until the first call, and again after a change of basis.
    struct Kept: Sendable {
        var basis: JudgementBasis?
        var questions: Set<String?> = []
        var last: Int64 = 0
        var coders: Set<String> = []
        var units: [String: Compared] = [:]
        /// The figures as of `last`, once asked for.
        var figures: Figures?
    }

    public let store: ProjectStore
    /// The units compared (nil: all).
    public let scope: Set<String>?
    private let kept = Mutex(Kept())

    public init(_ store: ProjectStore, scope: Set<String>? = nil) {
        self.store = store
        self.scope = scope
    }

    /// Why there is no reconciliation or agreement yet.
    public static let noCodebook = SelectionError("the project has no codebook yet; run `duiding recode`")

    /// Starts building the comparison on a thread of its own, as a server starts: the first
    /// `figures()` waits only for what is left of the build, then reads the entries made since.
    /// (An error is met again, and answered, by that first call.)
    public func prepare() {
        Thread.detachNewThread { _ = try? self.figures() }
    }

    /// The figures as of the log's newest entry.
    public func figures() throws -> Figures {
        try kept.withLock { kept in
            var changes = try store.logChanges(since: kept.last, scope: scope)
            if kept.basis != changes.basis {
                // Before the first call, or after a recode, a learning run or an import: start over.
                if kept.basis != nil { changes = try store.logChanges(since: 0, scope: scope) }
                kept = Kept(basis: changes.basis, questions: try store.questions(of: scope))
            }
            for unit in changes.units { kept.units[unit.id] = Self.compare(unit, changes.codebooks) }
            kept.coders.formUnion(changes.coders)
            if let figures = kept.figures, changes.last == kept.last { return figures }
            kept.last = changes.last
            let figures = Self.figures(kept, changes.codebooks)
            kept.figures = figures
            return figures
        }
    }

    /// A unit's reviewers, their judgements and where they differ (without codebooks: only its reviewers).
    static func compare(_ unit: LogChanges.Unit, _ codebooks: VersionCodebooks?) -> Compared {
        guard unit.reviewers.count >= 2, let codebooks else {
            return Compared(id: unit.id, position: unit.position, reviewers: unit.reviewers, judgements: [:], disagreements: [])
        }
        let undone = Set(unit.log.compactMap(\.undoes))
        let settled = Set(unit.log.filter { $0.final && !undone.contains($0.seq) }.compactMap(\.codeID))
        let judgements = Dictionary(uniqueKeysWithValues: unit.reviewers.map { coder in
            (coder, UnitState(suggested: unit.suggested, log: unit.log, coder: coder).codes)
        })
        let differ = codebooks.codebook(question: unit.question).codes.map(\.id).filter { code in
            !settled.contains(code) && Set(judgements.values.map { $0.contains(code) }).count > 1
        }
        return Compared(id: unit.id, position: unit.position, reviewers: unit.reviewers, judgements: judgements, disagreements: differ)
    }

    /// The figures over the kept units: the queue in import order, agreement per code over the
    /// units two coders or more reviewed (as `ProjectQuality.agreement` says).
    static func figures(_ kept: Kept, _ codebooks: VersionCodebooks?) -> Figures {
        let units = kept.units.values.sorted { $0.position < $1.position }
        var reviewed: [String: Int] = [:]
        for unit in units { for coder in unit.reviewers { reviewed[coder, default: 0] += 1 } }
        guard let codebooks else { return Figures(reconciliation: nil, agreement: nil, reviewed: reviewed, coders: kept.coders) }
        let reviewers = reviewed.keys.sorted()
        var disagreements: [Reconciliation.Disagreement] = []
        for unit in units {
            for code in unit.disagreements {
                disagreements.append(Reconciliation.Disagreement(unitID: unit.id, code: code,
                                                                 judgements: reviewers.map { unit.judgements[$0].map { $0.contains(code) } }))
            }
        }
        let coders = kept.coders.sorted()
        let shared = units.filter { $0.reviewers.count >= 2 }
        let perCode = codebooks.codes(ofQuestions: kept.questions).map { code -> (code: String, kappa: Double?, alpha: Double?) in
            let matrix: [[Int?]] = shared.map { unit in coders.map { unit.judgements[$0].map { $0.contains(code.id) ? 1 : 0 } } }
            var kappa: Double?
            if coders.count == 2 {
                kappa = Agreement.cohensKappa(matrix.compactMap { row in
                    guard let a = row[0], let b = row[1] else { return nil }
                    return (a == 1, b == 1)
                })
            }
            return (code.id, kappa, Agreement.krippendorffAlpha(matrix))
        }
        return Figures(reconciliation: Reconciliation(coders: reviewers, disagreements: disagreements),
                       agreement: ProjectQuality.CoderAgreement(coders: coders, sharedUnits: shared.count, perCode: perCode),
                       reviewed: reviewed, coders: kept.coders)
    }
}
