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
        try map(items, coders: CoderPool(codebook, workers: max(1, min(workers, items.count))), progress: progress, transform)
    }

    /// As `map(_:codebook:workers:progress:_:)`, with the coders of `coders` (one thread each),
    /// which keep what they learn of the words for the next call.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], coders: CoderPool,
        progress: (@Sendable (_ done: Int) -> Void)? = nil,
        _ transform: @Sendable (Coder, Item) throws -> Result
    ) throws -> [Result] {
        let state = State<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(coders.count, items.count))) { thread in
            let coder = coders[thread]
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

    /// Runs `transform` over the items `next` gives, on several threads, each with its own
    /// `Coder`, and hands the results to `deliver` in item order. At most two items per
    /// thread are read and not yet delivered, so memory is bounded by the work, not by the
    /// number of items. `next` and `deliver` are called on one thread at a time; the first
    /// error thrown anywhere stops the work and is rethrown.
    public static func stream<Item, Result>(
        codebook: CompiledCodebook, workers: Int = defaultWorkers,
        next: () throws -> Item?,
        _ transform: (Coder, Item) throws -> Result,
        deliver: (Result) throws -> Void
    ) throws {
        try withoutActuallyEscaping(next) { next in
            try withoutActuallyEscaping(transform) { transform in
                try withoutActuallyEscaping(deliver) { deliver in
                    let pipeline = Pipeline(next: next, transform: transform, deliver: deliver, limit: 2 * max(1, workers))
                    DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in pipeline.work(codebook) }
                    try pipeline.finish()
                }
            }
        }
    }

    /// The shared state of `stream`: items are read under `reading`, results wait in `ready`
    /// until the ones before them are delivered (under `delivering`).
    private final class Pipeline<Item, Result>: @unchecked Sendable {
        let next: () throws -> Item?
        let transform: (Coder, Item) throws -> Result
        let deliver: (Result) throws -> Void
        let limit: Int
        private let reading = NSLock()
        private let delivering = NSLock()
        private let state = NSCondition()
        private var taken = 0
        private var delivered = 0
        private var exhausted = false
        private var ready: [Int: Result] = [:]
        private var error: Error?

        init(next: @escaping () throws -> Item?, transform: @escaping (Coder, Item) throws -> Result,
             deliver: @escaping (Result) throws -> Void, limit: Int) {
            self.next = next
            self.transform = transform
            self.deliver = deliver
            self.limit = limit
        }

        func work(_ codebook: CompiledCodebook) {
            let coder: Coder
            do { coder = try Coder(codebook) } catch { fail(error); return }
            while let (index, item) = take() {
                do {
                    let result = try transform(coder, item)
                    try hand(result, index)
                } catch {
                    fail(error)
                    return
                }
            }
        }

        /// The next item and its index, waiting while `limit` items are read and not delivered.
        private func take() -> (Int, Item)? {
            reading.lock()
            defer { reading.unlock() }
            state.lock()
            while error == nil, !exhausted, taken - delivered >= limit { state.wait() }
            let stop = error != nil || exhausted
            state.unlock()
            if stop { return nil }
            do {
                guard let item = try next() else {
                    state.withLock { exhausted = true }
                    return nil
                }
                let index = state.withLock { () -> Int in
                    defer { taken += 1 }
                    return taken
                }
                return (index, item)
            } catch {
                fail(error)
                return nil
            }
        }

        /// Delivers `result` and every result after it that is ready, in order.
        private func hand(_ result: Result, _ index: Int) throws {
            delivering.lock()
            defer { delivering.unlock() }
            state.withLock { ready[index] = result }
            while let result = state.withLock({ ready.removeValue(forKey: delivered) }) {
                try deliver(result)
                state.lock()
                delivered += 1
                state.broadcast()
                state.unlock()
            }
        }

        private func fail(_ error: Error) {
            state.lock()
            if self.error == nil { self.error = error }
            state.broadcast()
            state.unlock()
        }

        func finish() throws {
            if let error = state.withLock({ error }) { throw error }
        }
    }

    /// Codes texts on all cores, in batches of 500; suggestions in text order. `progress`
    /// gets the number of batches done.
    public static func code(_ texts: [String], with codebook: CompiledCodebook, workers: Int = defaultWorkers,
                            progress: (@Sendable (_ batchesDone: Int) -> Void)? = nil) throws -> [[Suggestion]] {
        try code(texts, with: CoderPool(codebook, workers: workers), progress: progress)
    }

    /// As `code(_:with:workers:progress:)`, with the coders of `coders`: for work that codes
    /// batch after batch (a project's units), so that no batch starts with cold coders.
    public static func code(_ texts: [String], with coders: CoderPool,
                            progress: (@Sendable (_ batchesDone: Int) -> Void)? = nil) throws -> [[Suggestion]] {
        let batches = stride(from: 0, to: texts.count, by: batchSize).map { Array(texts[$0..<min($0 + batchSize, texts.count)]) }
        return try map(batches, coders: coders, progress: progress) { coder, batch in
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

/// One coder per thread for `ParallelCoding.map(_:coders:…)`, kept from call to call: a coder
/// remembers what it worked out per word form, and a fresh one works it out again (over a
/// recode of 1,000,000 answers read 100,000 at a time, fresh coders per batch cost about
/// 2 CPU seconds). Only one `map` may use a pool at a time; each of its threads uses the coder
/// of its own index (hence `@unchecked Sendable`).
public final class CoderPool: @unchecked Sendable {
    private let coders: [Coder]

    /// Coders for `workers` threads (at least one).
    public init(_ codebook: CompiledCodebook, workers: Int = ParallelCoding.defaultWorkers) throws {
        coders = try (0..<max(1, workers)).map { _ in try Coder(codebook) }
    }

    public var count: Int { coders.count }

    subscript(thread: Int) -> Coder { coders[thread] }
}
