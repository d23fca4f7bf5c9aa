/// A feature's identity: a 64-bit hash of its name (`w:slapen`, `p:psych_impact`). Stable
/// across runs, processes and machines (FNV-1a over UTF-8 with a fixed finaliser; never
/// Swift's per-process seeded `Hasher`), so features computed today match a model trained
/// yesterday. At 64 bits, collisions among the few hundred thousand names of a project are
/// not a practical concern.
public typealias FeatureID = UInt64

enum FeatureHash {
    /// FNV-1a over the UTF-8 bytes of `family` and `name`, finished with a multiply-xorshift.
    static func of(_ family: Family, _ name: String) -> FeatureID {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(family.rawValue)) &* 0x0000_0100_0000_01B3
        h = (h ^ 0x3A) &* 0x0000_0100_0000_01B3
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return finish(h)
    }

    /// A feature made of two others in order (word bigrams, negation-marked words).
    static func combine(_ family: Family, _ a: FeatureID, _ b: FeatureID) -> FeatureID {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        h ^= b &+ 0x632B_E59B_D9B4_E019 &+ (h << 6) &+ (h >> 2)
        h ^= UInt64(family.rawValue) &* 0xD6E8_FEB8_6659_FD93
        return finish(h)
    }

    @inline(__always) static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 30
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27
        h = h &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small seedable generator, so folds and shuffles
/// are the same on every run and platform for the same seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method is overkill here:
    /// rejection keeps it obviously exact).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let x = next()
            if x < limit { return Int(x % b) }
        }
    }

    /// Fisher–Yates shuffle with this generator (Swift's `shuffle(using:)` does not promise
    /// the same order across standard library versions).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}

/// The vocabulary row of each feature: an open-addressing table (linear probing) that uses
/// the feature id's own low bits as its slot, since ids are already well-mixed hashes. A
/// `[FeatureID: Int32]` hashes every key again with SipHash; perf showed those lookups, one
/// per distinct feature of every answer predicted, among the largest costs of learned
/// suggestions.
struct FeatureRows: Sendable {
    private let keys: [FeatureID]
    /// The row of the feature in the same slot; −1: empty slot.
    private let rows: [Int32]
    private let mask: Int

    /// Rows 0, 1, 2, … of `vocabulary`, which holds each feature once.
    init(_ vocabulary: [FeatureID]) {
        var size = 16
        while size < vocabulary.count * 2 { size <<= 1 }
        var keys = [FeatureID](repeating: 0, count: size)
        var rows = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (row, feature) in vocabulary.enumerated() {
            var slot = Int(truncatingIfNeeded: feature) & mask
            while rows[slot] >= 0 {
                precondition(keys[slot] != feature, "a vocabulary holds each feature once")
                slot = (slot + 1) & mask
            }
            keys[slot] = feature
            rows[slot] = Int32(row)
        }
        self.keys = keys
        self.rows = rows
        self.mask = mask
    }

    /// The row of `feature`, or −1 when the vocabulary does not have it.
    @inline(__always) func row(of feature: FeatureID) -> Int32 {
        var slot = Int(truncatingIfNeeded: feature) & mask
        while true {
            let row = rows[slot]
            if row < 0 || keys[slot] == feature { return row }
            slot = (slot + 1) & mask
        }
    }
}
