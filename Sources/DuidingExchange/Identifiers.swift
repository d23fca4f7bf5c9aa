import Foundation

/// Code ids for codes that come from tools without ids: derived from the name (lower case,
/// diacritics folded to ASCII, spaces to `_`, only `a–z 0–9 _ -`), unique within one codebook.
public struct CodeIDAllocator: Sendable {
    private var used: Set<String> = []

    public init() {}

    /// The id for a name, with `_2`, `_3`, … added when the id is taken; `prefix` (a parent's id)
    /// is joined with `_` for nested codes.
    public mutating func allocate(name: String, prefix: String? = nil) -> String {
        var base = Self.slug(name)
        if let prefix, !prefix.isEmpty { base = prefix + "_" + base }
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)_\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }

    /// Marks an id as taken (an id that came with the code).
    public mutating func reserve(_ id: String) -> Bool { used.insert(id).inserted }

    /// `Één Thema!` → `een_thema`; `ß` → `ss`, `æ` → `ae`, `ø` → `o`. Never empty (`code`).
    public static func slug(_ name: String) -> String {
        let special: [Unicode.Scalar: String] = ["ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
                                                 "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i"]
        var out = ""
        var pendingSeparator = false
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let piece: String
            if let s = special[scalar] { piece = s }
            else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { piece = String(scalar).lowercased() }
            else if scalar == "-" { piece = "-" }
            else { pendingSeparator = true; continue }
            if pendingSeparator && !out.isEmpty && !out.hasSuffix("_") && !out.hasSuffix("-") && piece != "-" { out += "_" }
            pendingSeparator = false
            out += piece
        }
        while out.hasSuffix("_") || out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "code" : out
    }

    /// Whether a text is a valid Duiding code id.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

/// Deterministic GUIDs (8-4-4-4-12, upper case) from a key, so that exporting the same project
/// twice gives the same file.
enum GUID {
    static func make(_ key: String) -> String {
        let a = fnv(key, seed: 0xcbf2_9ce4_8422_2325)
        let b = fnv(key, seed: 0x8422_2325_cbf2_9ce4 ^ 0x9E37_79B9_7F4A_7C15)
        var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5 layout (name-based)
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let hex = bytes.map { String(format: "%02X", $0) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    private static func fnv(_ key: String, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        // final avalanche (SplitMix64) so similar keys differ in every byte
        var z = hash &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Offsets between the store's UTF-16 ranges and REFI-QDA's positions, which count Unicode
/// code points (characters in the standard's sense: an emoji is one, CR LF is two).
public enum TextOffsets {
    /// The code-point offset of a UTF-16 offset (clamped to the text).
    public static func scalarOffset(ofUTF16 offset: Int, in text: String) -> Int {
        var utf16 = 0
        var scalars = 0
        for scalar in text.unicodeScalars {
            if utf16 >= offset { break }
            utf16 += scalar.utf16.count
            scalars += 1
        }
        return scalars
    }
}
