import CDuidingNative

/// Splits text into tokens with ICU word segmentation, then applies the merges that
/// matching needs: hyphenated compounds (`burn-out`), leading clitics (`'t`), abbreviations
/// with their period (`bv.`, `n.a.v.`), and HTML tags marked as markup. Tokens cover the
/// text without gaps or overlaps, so tokens joined give back the text.
///
/// Not thread-safe (it reuses ICU iterators and buffers): one per thread.
public final class Tokenizer {
    public let language: LanguageResources
    private let breaker: Breaker
    private var segments: [Token] = []

    public init(language: LanguageResources) throws {
        self.language = language
        self.breaker = try Breaker(locale: language.locale, sentences: false)
    }

    /// Tokens of a string (offsets in UTF-16 code units of `text`).
    public func tokenize(_ text: String) throws -> [Token] {
        let units = Array(text.utf16)
        var tokens: [Token] = []
        try units.withUnsafeBufferPointer { try tokenize($0, into: &tokens) }
        return tokens
    }

    /// Tokens of UTF-16 text, written into `tokens` (its previous contents are replaced).
    public func tokenize(_ text: UnsafeBufferPointer<UInt16>, into tokens: inout [Token]) throws {
        tokens.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        var start = 0
        var hasAngle = false
        try breaker.segments(of: text) { end, kind in
            let range = start..<end
            let tokenKind: TokenKind
            switch kind {
            case UInt8(DUIDING_SEGMENT_WORD): tokenKind = .word
            case UInt8(DUIDING_SEGMENT_NUMBER): tokenKind = .number
            default:
                tokenKind = Self.classifyOther(text, range)
                if text[start] == 0x3C { hasAngle = true }
            }
            segments.append(Token(utf16Range: range, kind: tokenKind))
            start = end
        }
        merge(text, into: &tokens)
        if hasAngle { markTags(text, in: &tokens) }
    }

    private static func classifyOther(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> TokenKind {
        var allSpace = true
        for i in range where !isSpace(text[i]) { allSpace = false; break }
        if allSpace { return .whitespace }
        let first = text[range.lowerBound]
        if first < 0x80 { return isASCIIPunctuation(first) ? .punctuation : .symbol }
        guard range.count == 1, let scalar = Unicode.Scalar(first) else { return .symbol }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return .symbol
        }
    }

    private func merge(_ text: UnsafeBufferPointer<UInt16>, into tokens: inout [Token]) {
        let s = segments
        var i = 0
        while i < s.count {
            var token = s[i]
            // Leading clitic: ' + t/s/n/k/m/r at the start of a word ('t, 's avonds).
            if token.kind == .punctuation, token.utf16Range.count == 1, isApostrophe(text[token.utf16Range.lowerBound]),
               i + 1 < s.count, s[i + 1].kind == .word,
               tokens.last.map({ $0.kind != .word && $0.kind != .number }) ?? true,
               i + 2 >= s.count || !(s[i + 2].kind.isMatchable),
               language.leadingClitics.contains(lowercasedASCII(text, s[i + 1].utf16Range) ?? "") {
                token = Token(utf16Range: token.utf16Range.lowerBound..<s[i + 1].utf16Range.upperBound, kind: .word)
                i += 2
                tokens.append(token)
                continue
            }
            i += 1
            guard token.kind.isMatchable else { tokens.append(token); continue }
            // Hyphenated compound: word-word, word-2000, 2000-gebieden (not 06-1234).
            while i + 1 < s.count, s[i].kind == .punctuation, s[i].utf16Range.count == 1,
                  isHyphen(text[s[i].utf16Range.lowerBound]), s[i + 1].kind.isMatchable,
                  token.kind == .word || s[i + 1].kind == .word {
                token = Token(utf16Range: token.utf16Range.lowerBound..<s[i + 1].utf16Range.upperBound, kind: .word)
                i += 2
            }
            // Abbreviation: its final period belongs to it and ends no clause.
            if token.kind == .word, i < s.count, s[i].utf16Range.count == 1, text[s[i].utf16Range.lowerBound] == 0x2E,
               isAbbreviation(text, token.utf16Range) {
                token = Token(utf16Range: token.utf16Range.lowerBound..<s[i].utf16Range.upperBound, kind: .word)
                i += 1
            }
            tokens.append(token)
        }
    }

    private func isAbbreviation(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        guard range.count <= 8, let word = lowercasedASCII(text, range) else { return false }
        if language.abbreviations.contains(word) { return true }
        // Initialisms written with periods (m.b.v, o.i.d): parts of one or two letters.
        // (`utf8.contains`: String's `contains(_: String)` is Foundation's search: 5% of coding time.)
        guard word.utf8.contains(0x2E) else { return false }
        return word.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { (1...2).contains($0.count) }
    }

    /// Marks tokens inside `<tag …>` / `</tag>` as markup so that tags are never matched.
    private func markTags(_ text: UnsafeBufferPointer<UInt16>, in tokens: inout [Token]) {
        var tags: [Range<Int>] = []
        var i = 0
        while i < text.count {
            guard text[i] == 0x3C, i + 1 < text.count, isTagStart(text[i + 1]) else { i += 1; continue }
            var j = i + 1
            while j < text.count, j - i < 400, text[j] != 0x3E, text[j] != 0x3C { j += 1 }
            guard j < text.count, text[j] == 0x3E else { i += 1; continue }
            var end = j + 1
            // The content of <script> and <style> is code, not the respondent's words.
            if let name = lowercasedASCII(text, (i + 1)..<min(i + 7, j)), name.hasPrefix("script") || name.hasPrefix("style") {
                let close: [UInt16] = Array((name.hasPrefix("script") ? "</script>" : "</style>").utf16)
                var k = end
                while k + close.count <= text.count, !zip(close, text[k..<(k + close.count)]).allSatisfy({ $0 == $1 || $0 == $1 | 0x20 }) { k += 1 }
                end = min(text.count, k + close.count)
            }
            tags.append(i..<end)
            i = end
        }
        guard !tags.isEmpty else { return }
        var t = 0
        for k in tokens.indices {
            let r = tokens[k].utf16Range
            while t < tags.count, tags[t].upperBound <= r.lowerBound { t += 1 }
            if t < tags.count, tags[t].lowerBound <= r.lowerBound, r.upperBound <= tags[t].upperBound {
                tokens[k].kind = .markup
            }
        }
    }
}

// MARK: - Character classes (UTF-16 code units)

@inline(__always) func isSpace(_ u: UInt16) -> Bool {
    switch u {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F,
         0x205F, 0x3000, 0xFEFF:
        return true
    default: return false
    }
}

@inline(__always) func isASCIIPunctuation(_ u: UInt16) -> Bool {
    switch u {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
    default: return false
    }
}

@inline(__always) func isApostrophe(_ u: UInt16) -> Bool { u == 0x27 || u == 0x2019 || u == 0x2018 }
@inline(__always) func isHyphen(_ u: UInt16) -> Bool { u == 0x2D || u == 0x2010 || u == 0x2011 }

private func isTagStart(_ u: UInt16) -> Bool {
    u == 0x2F || u == 0x21 || (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u)
}

/// The range as a lower-case ASCII string, or nil if it holds anything but ASCII.
func lowercasedASCII(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(range.count)
    for i in range {
        let u = text[i]
        guard u < 0x80 else { return nil }
        bytes.append((0x41...0x5A).contains(u) ? UInt8(u) + 0x20 : UInt8(u))
    }
    return String(decoding: bytes, as: UTF8.self)
}
