import Foundation

/// Runs work over items on several threads, each thread with its own `Coder` (coders keep
/// per-thread caches and ICU iterators). Results come back in item order.
public enum ParallelCoding {
    /// Threads to use: one per core.
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], codebook: CompiledCodebook, workers: Int = defaultWorkers,
        progress: (@Sendable (_ done: Int) -> Void)? = nil,
        _ transform: @Sendable (Coder, Item) throws -> Result
    ) throws -> [Result] {
        let state = State<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            let coder: Coder
            do { coder = try Coder(codebook) } catch { state.fail(error); return }
            while let index = state.next() {
                do {
                    let result = try transform(coder, items[index])
                    let done = state.store(result, at: index)
                    progress?(done)
                } catch {
                    state.fail(error)
                    return
                }
            }
        }
        return try state.results()
    }

    /// Codes texts on all cores, in batches of 500; suggestions in text order. `progress`
    /// gets the number of batches done.
    public static func code(_ texts: [String], with codebook: CompiledCodebook, workers: Int = defaultWorkers,
                            progress: (@Sendable (_ batchesDone: Int) -> Void)? = nil) throws -> [[Suggestion]] {
        let batches = stride(from: 0, to: texts.count, by: batchSize).map { Array(texts[$0..<min($0 + batchSize, texts.count)]) }
        return try map(batches, codebook: codebook, workers: workers, progress: progress) { coder, batch in
            try batch.map { try coder.code($0) }
        }.flatMap { $0 }
    }

    /// Texts per batch in `code(_:with:)`.
    public static let batchSize = 500

    private final class State<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result?]
        private var nextIndex = 0
        private var done = 0
        private var error: Error?

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.withLock {
                guard error == nil, nextIndex < slots.count else { return nil }
                defer { nextIndex += 1 }
                return nextIndex
            }
        }

        func store(_ result: Result, at index: Int) -> Int {
            lock.withLock {
                slots[index] = result
                done += 1
                return done
            }
        }

        func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }

        func results() throws -> [Result] {
            try lock.withLock {
                if let error { throw error }
                return slots.compactMap { $0 }
            }
        }
    }
}
