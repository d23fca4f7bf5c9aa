import CDuidingNative

/// Failure of an ICU or Snowball call; `code` is ICU's UErrorCode.
public struct NativeTextError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "\(operation) failed (ICU error \(code))" }
}

/// A reusable ICU break iterator (words or sentences). Not thread-safe: one per thread.
final class Breaker {
    private let handle: OpaquePointer
    private var ends: [Int32] = Array(repeating: 0, count: 256)
    private var kinds: [UInt8] = Array(repeating: 0, count: 256)

    init(locale: String, sentences: Bool) throws {
        var error: Int32 = 0
        guard let handle = duiding_breaker_open(locale, sentences ? 1 : 0, &error), error <= 0 else {
            throw NativeTextError(operation: "ubrk_open(\(locale))", code: error)
        }
        self.handle = handle
    }

    deinit { duiding_breaker_close(handle) }

    /// Calls `body(end, kind)` for every segment of `text`, in order.
    func segments(of text: UnsafeBufferPointer<UInt16>, _ body: (Int, UInt8) -> Void) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        var error: Int32 = 0
        var count = 0
        while true {
            let capacity = ends.count
            count = ends.withUnsafeMutableBufferPointer { e in
                kinds.withUnsafeMutableBufferPointer { k in
                    Int(duiding_break(handle, base, Int32(text.count), e.baseAddress, k.baseAddress,
                                      Int32(capacity), &error))
                }
            }
            if error > 0 { throw NativeTextError(operation: "ubrk_setText", code: error) }
            if count <= capacity { break }
            ends = Array(repeating: 0, count: count)
            kinds = Array(repeating: 0, count: count)
        }
        for i in 0..<count { body(Int(ends[i]), kinds[i]) }
    }
}

/// Text folded for matching: case-folded, diacritics removed, typographic apostrophes made
/// plain, hyphens dropped. `geïnformeerd` and `Geinformeerd` fold alike.
public func foldForMatching(_ text: UnsafeBufferPointer<UInt16>) -> [UInt16] {
    guard let base = text.baseAddress, !text.isEmpty else { return [] }
    var capacity = text.count + 8
    while true {
        var error: Int32 = 0
        var out = [UInt16](repeating: 0, count: capacity)
        let n = out.withUnsafeMutableBufferPointer {
            Int(duiding_fold(base, Int32(text.count), $0.baseAddress, Int32(capacity), &error))
        }
        // Folding never fails on valid input; on a failure match the text unfolded.
        if error > 0 { return Array(text) }
        if n <= capacity { out.removeLast(capacity - n); return out }
        capacity = n
    }
}

/// Folds a Swift string for matching (see `foldForMatching(_:)`).
public func foldForMatching(_ text: String) -> String {
    let units = Array(text.utf16)
    let folded = units.withUnsafeBufferPointer { foldForMatching($0) }
    return String(decoding: folded, as: UTF16.self)
}

/// Where UTF-8 input is not valid.
public struct InvalidUTF8: Error {
    /// Byte offset of the first invalid byte.
    public let byteOffset: Int
}

/// Converts UTF-8 bytes to UTF-16 into `output` (replacing its contents) with ICU.
public func decodeUTF8(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt16]) throws(InvalidUTF8) {
    output.removeAll(keepingCapacity: true)
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return }
    // UTF-16 never needs more code units than UTF-8 has bytes.
    output.append(contentsOf: repeatElement(0, count: bytes.count))
    var error: Int32 = 0
    var invalid: Int32 = -1
    let written = output.withUnsafeMutableBufferPointer {
        Int(duiding_utf8_to_utf16(base, Int32(bytes.count), $0.baseAddress, Int32(bytes.count), &invalid, &error))
    }
    guard error <= 0 else {
        output.removeAll(keepingCapacity: true)
        throw InvalidUTF8(byteOffset: Int(max(invalid, 0)))
    }
    output.removeLast(bytes.count - written)
}

/// A Snowball stemmer (Debian's libstemmer). Not thread-safe: one per thread.
public final class Stemmer {
    private let handle: OpaquePointer

    /// `algorithm` is a Snowball name such as "dutch"; nil when libstemmer lacks it.
    public init?(algorithm: String) {
        guard let handle = duiding_stemmer_open(algorithm) else { return nil }
        self.handle = handle
    }

    deinit { duiding_stemmer_close(handle) }

    /// The stem of a folded (lower-case) word.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress else { return "" }
            var length: Int32 = 0
            guard let out = duiding_stem(handle, base, Int32(bytes.count), &length) else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
        }
    }
}
