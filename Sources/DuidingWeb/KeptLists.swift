import DuidingStore
import Synchronization

/// The unit lists the coders' pages are paging through, by number: a filter change makes a
/// list and sends its first page; the page asks for more by the list's number, so that the
/// pages of one list fit together even when decisions change what the filter would show now.
/// The last `perCoder` lists of each coder are kept (a list of 1,000,000 units takes 5 MB).
final class KeptLists: Sendable {
    static let perCoder = 4
    private let state = Mutex<(next: Int, lists: [String: [(number: Int, selection: ReviewSelection)]])>((1, [:]))

    /// Keeps `selection` for `coder`, forgetting their oldest list beyond `perCoder`; returns its number.
    func keep(_ selection: ReviewSelection, for coder: String) -> Int {
        state.withLock { state in
            let number = state.next
            state.next += 1
            var mine = state.lists[coder] ?? []
            mine.append((number, selection))
            state.lists[coder] = Array(mine.suffix(Self.perCoder))
            return number
        }
    }

    /// The list `number` of `coder`, or nil when it is not kept (any more).
    func list(_ number: Int, of coder: String) -> ReviewSelection? {
        state.withLock { $0.lists[coder]?.first { $0.number == number }?.selection }
    }
}
