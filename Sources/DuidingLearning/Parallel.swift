import Foundation
import DuidingCodebook

/// Work spread over threads, results in item order.
public enum LearningParallel {
    /// One thread per core.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Features of many texts, one `Featurizer` per thread; same order as `texts`.
    public static func features(_ texts: [String], codebook: CompiledCodebook, configuration: FeatureConfiguration = .standard,
                                workers: Int = defaultWorkers) throws -> [AnswerFeatures] {
        try map(texts, workers: workers, makeContext: { try Featurizer(codebook, configuration: configuration) }) { featurizer, text in
            try featurizer.features(of: text)
        }
    }

    /// `transform` over `items` on up to `workers` threads, results in item order.
    public static func map<Item: Sendable, Result: Sendable>(_ items: [Item], workers: Int,
                                                      _ transform: @Sendable (Item) throws -> Result) throws -> [Result] {
        try map(items, workers: workers, makeContext: { () }) { _, item in try transform(item) }
    }

    /// `transform` over `items` with a per-thread context (a featuriser, a coder).
    static func map<Item: Sendable, Context, Result: Sendable>(
        _ items: [Item], workers: Int, makeContext: @Sendable () throws -> Context,
        _ transform: @Sendable (Context, Item) throws -> Result
    ) throws -> [Result] {
        if items.isEmpty { return [] }
        let threads = max(1, min(workers, items.count))
        if threads == 1 {
            let context = try makeContext()
            return try items.map { try transform(context, $0) }
        }
        let state = State<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let context: Context
            do { context = try makeContext() } catch { state.fail(error); return }
            while let index = state.next() {
                do { state.store(try transform(context, items[index]), at: index) } catch { state.fail(error); return }
            }
        }
        return try state.results()
    }

    private final class State<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result?]
        private var nextIndex = 0
        private var error: (any Error)?

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.withLock {
                guard error == nil, nextIndex < slots.count else { return nil }
                defer { nextIndex += 1 }
                return nextIndex
            }
        }

        func store(_ result: Result, at index: Int) { lock.withLock { slots[index] = result } }
        func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

        func results() throws -> [Result] {
            try lock.withLock {
                if let error { throw error }
                let filled = slots.compactMap { $0 }
                precondition(filled.count == slots.count, "a parallel map finished with empty slots")
                return filled
            }
        }
    }
}
