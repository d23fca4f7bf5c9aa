import DuidingLearning
import DuidingStore
import Foundation

/// Retrains a project's models in the background as decisions come in, so the next answers'
/// suggestions improve while a coder works. It never runs on the caller's thread and never
/// holds a lock while training: recording a decision only bumps a counter, and the learned
/// suggestions are written in one short transaction at the end of a run.
///
/// It also keeps the project's learning curve (`ProjectLearner.evaluation`) for the review
/// page: computed on the same background queue, with the same learner, when the page asks
/// (`refreshCurve`) and, once it has asked, after every retraining.
public final class BackgroundLearning: @unchecked Sendable {
    public let store: ProjectStore
    /// Retrain after this many new decisions.
    public let every: Int
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "duiding.learning", qos: .utility)
    private let idle = DispatchGroup()
    private var pending = 0
    private var running = false
    private var learner: ProjectLearner?
    private var completed = 0
    private var lastProblem: String?
    private var curveWanted = false
    private var curveAsked = false
    private var computingCurve = false
    private var latestCurve: LearningCurveSnapshot?
    private var curveProblem: String?

    public init(store: ProjectStore, every: Int = 15) {
        precondition(every > 0, "retraining needs a positive interval")
        self.store = store
        self.every = every
    }

    /// Called after decisions were stored; starts a run once `every` have come in.
    public func recorded(_ decisions: Int) {
        lock.lock()
        pending += decisions
        let start = pending >= every && !running
        if start { running = true; pending = 0; idle.enter() }
        lock.unlock()
        if start { queue.async { self.run(learnFirst: true) } }
    }

    /// Runs finished so far, and the problem of the last one that failed (a learning run that
    /// fails leaves the previous suggestions in place; decisions are never affected).
    public var status: (runs: Int, problem: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (completed, lastProblem)
    }

    /// Asks for the learning curve of the decisions so far: starts computing it in the
    /// background unless the latest one is of the current decisions and codebook version.
    /// Returns at once; `curve` has the result when it is done.
    public func refreshCurve() {
        let stamp = try? store.stamp()
        lock.lock()
        curveAsked = true
        if let stamp, let latest = latestCurve, latest.isCurrent(stamp) { lock.unlock(); return }
        curveWanted = true
        let start = !running
        if start { running = true; idle.enter() }
        lock.unlock()
        if start { queue.async { self.run(learnFirst: false) } }
    }

    /// The latest learning curve (nil before the first is done), whether one is being
    /// computed, and the problem of the last attempt that failed.
    public var curve: (latest: LearningCurveSnapshot?, computing: Bool, problem: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (latestCurve, computingCurve || curveWanted, curveProblem)
    }

    /// Waits until no run is going (for tests and for a clean shutdown).
    public func waitUntilIdle() { idle.wait() }

    private func run(learnFirst: Bool) {
        var learn = learnFirst
        while true {
            if learn { retrain() }
            lock.lock()
            let evaluate = curveWanted || (learn && curveAsked)
            curveWanted = false
            computingCurve = evaluate
            lock.unlock()
            if evaluate { computeCurve() }
            lock.lock()
            computingCurve = false
            learn = pending >= every
            if learn { pending = 0 }
            let again = learn || curveWanted
            if !again { running = false }
            lock.unlock()
            if !again { idle.leave(); return }
        }
    }

    private func retrain() {
        do {
            // One core stays free for the server's requests (on two cores: training on one).
            try currentLearner()?.learn(workers: max(1, LearningParallel.defaultWorkers - 1))
            lock.lock(); lastProblem = nil; lock.unlock()
        } catch {
            lock.lock(); lastProblem = "\(error)"; lock.unlock()
        }
        lock.lock(); completed += 1; lock.unlock()
    }

    /// Computes the curve unless the latest is of the same decisions and codebook version.
    private func computeCurve() {
        do {
            let stamp = try store.stamp()
            lock.lock()
            let current = latestCurve?.isCurrent(stamp) ?? false
            lock.unlock()
            if current { return }
            let snapshot = try currentLearner().map { learner in
                try LearningCurveSnapshot(learner, lastDecision: stamp.lastDecision)
            } ?? LearningCurveSnapshot(noCodebookAt: stamp.lastDecision)
            lock.lock(); latestCurve = snapshot; curveProblem = nil; lock.unlock()
        } catch {
            lock.lock(); curveProblem = "\(error)"; lock.unlock()
        }
    }

    /// The learner of the latest codebook version (features computed once per version); nil
    /// before the first version.
    private func currentLearner() throws -> ProjectLearner? {
        let latest = try store.latestCodebook()?.id
        if learner?.version.id != latest { learner = try ProjectLearner(store: store) }
        return learner
    }
}

/// A project's learning curve at one moment: F1 of pattern-only, learned-only and combined
/// suggestions for models trained on the first n decided answers (cross-validated), or why
/// there is none yet.
public struct LearningCurveSnapshot: Sendable {
    /// The codebook version it is for (nil: the project had none) and the newest decision then.
    public let version: Int64?
    public let lastDecision: Int64
    /// Answers with a human decision.
    public let decidedAnswers: Int
    /// The points, fewest decisions first; empty when `reason` says why there are none.
    public let points: [LearningCurvePoint]
    /// Why there is no curve (Dutch, for people), nil when there is one.
    public let reason: String?

    /// Whether it is of the decisions and codebook version of `stamp`.
    func isCurrent(_ stamp: ProjectStamp) -> Bool { version == stamp.version && lastDecision == stamp.lastDecision }

    init(_ learner: ProjectLearner, lastDecision: Int64) throws {
        version = learner.version.id
        self.lastDecision = lastDecision
        decidedAnswers = try learner.decidedAnswers()
        let minimum = ProjectLearner.minimumDecidedAnswers()
        if let evaluation = try learner.evaluation() {
            points = evaluation.curve
            reason = nil
        } else {
            points = []
            reason = "te weinig beoordeelde antwoorden voor een leercurve: \(decidedAnswers) (minstens \(minimum))"
        }
    }

    init(noCodebookAt lastDecision: Int64) {
        version = nil
        self.lastDecision = lastDecision
        decidedAnswers = 0
        points = []
        reason = "het project heeft nog geen codeboekversie; draai eerst `duiding recode`"
    }
}
