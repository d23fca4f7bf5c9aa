import Foundation

/// Folds items into a state on a thread of its own, in the order they are given, while the
/// caller goes on producing them: a stream read from the project on one core is processed on
/// the other. Items travel in batches and at most two batches wait, so the memory is that of
/// a few batches, not of the stream.
final class InOrderConsumer<Item: Sendable, State>: @unchecked Sendable {
    private let fold: (inout State, Item) -> Void
    private let batchSize: Int
    private let queue = DispatchQueue(label: "duiding.in-order-consumer")
    private let slots = DispatchSemaphore(value: 2)
    /// Touched only on `queue` until `finish` has waited for it.
    private var state: State
    private var batch: [Item] = []

    init(_ initial: State, batchSize: Int = 4_096, fold: @escaping (inout State, Item) -> Void) {
        precondition(batchSize > 0, "a batch holds at least one item")
        state = initial
        self.batchSize = batchSize
        self.fold = fold
    }

    /// Queues `item`; a full batch goes to the folding thread (waiting while two are queued there).
    func add(_ item: Item) {
        batch.append(item)
        if batch.count == batchSize { send() }
    }

    /// Waits until every item is folded; the state.
    func finish() -> State {
        send()
        queue.sync {}
        return state
    }

    private func send() {
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        batch.reserveCapacity(batchSize)
        slots.wait()
        queue.async { [self] in
            apply(items, to: &state)
            slots.signal()
        }
    }

    /// One access to `state` per batch, not per item (each is checked for exclusivity).
    private func apply(_ items: [Item], to state: inout State) {
        for item in items { fold(&state, item) }
    }
}
