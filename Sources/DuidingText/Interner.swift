/// Gives each distinct UTF-16 sequence a dense id (0, 1, 2, …), without allocating per
/// lookup: keys live in one flat buffer, found through an open-addressing hash table.
/// Survey text repeats a small vocabulary, so work per distinct form is done once.
public struct UTF16Interner {
    private var storage: [UInt16] = []
    private var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of distinct sequences seen.
    public var count: Int { hashes.count }

    /// The stored sequence of an id.
    public func key(_ id: Int) -> ArraySlice<UInt16> { storage[Int(starts[id])..<Int(starts[id + 1])] }

    /// The id of `key`, and whether it was new.
    public mutating func intern(_ key: UnsafeBufferPointer<UInt16>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, equals(id, key) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        hashes.append(hash)
        storage.append(contentsOf: key)
        starts.append(Int32(storage.count))
        slots[slot] = Int32(id)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt16>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == key.count else { return false }
        return storage.withUnsafeBufferPointer { s in
            for i in 0..<key.count where s[start + i] != key[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over code units, finished with a multiply-xorshift so low bits spread well.
    @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in key { h = (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }
}
