import DuidingStore
import Foundation

/// Retrains a project's models in the background as decisions come in, so the next answers'
/// suggestions improve while a coder works. It never runs on the caller's thread and never
/// holds a lock while training: recording a decision only bumps a counter, and the learned
/// suggestions are written in one short transaction at the end of a run.
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
        if start { queue.async { self.run() } }
    }

    /// Runs finished so far, and the problem of the last one that failed (a learning run that
    /// fails leaves the previous suggestions in place; decisions are never affected).
    public var status: (runs: Int, problem: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (completed, lastProblem)
    }

    /// Waits until no run is going (for tests and for a clean shutdown).
    public func waitUntilIdle() { idle.wait() }

    private func run() {
        while true {
            do {
                let latest = try store.latestCodebook()?.id
                if learner?.version.id != latest { learner = try ProjectLearner(store: store) }
                try learner?.learn()
                lock.lock(); lastProblem = nil; lock.unlock()
            } catch {
                lock.lock(); lastProblem = "\(error)"; lock.unlock()
            }
            lock.lock()
            completed += 1
            let again = pending >= every
            if again { pending = 0 } else { running = false }
            lock.unlock()
            if !again { idle.leave(); return }
        }
    }
}
