/// A text and its tokens. The document owns the original text; tokens, sentences and
/// evidence are UTF-16 ranges into it, so any span can be shown, highlighted or quoted exactly.
public struct Document: Sendable {
    public let text: String
    public let utf16: [UInt16]
    public let tokens: [Token]

    public init(_ text: String, tokenizer: Tokenizer) throws {
        self.text = text
        self.utf16 = Array(text.utf16)
        var tokens: [Token] = []
        try utf16.withUnsafeBufferPointer { try tokenizer.tokenize($0, into: &tokens) }
        self.tokens = tokens
    }

    /// The original text of a UTF-16 range.
    public func text(_ utf16Range: Range<Int>) -> String {
        String(decoding: utf16[utf16Range], as: UTF16.self)
    }

    /// The original text of a token.
    public func text(of token: Token) -> String { text(token.utf16Range) }

    /// The Unicode scalar (code point) offset of a UTF-16 offset, as Python and REFI-QDA count.
    public func scalarOffset(utf16 offset: Int) -> Int {
        utf16.withUnsafeBufferPointer { DuidingText.scalarOffset(in: $0, utf16: offset) }
    }
}

/// The Unicode scalar offset of a UTF-16 offset in `units` (low surrogates are not counted).
public func scalarOffset(in units: UnsafeBufferPointer<UInt16>, utf16 offset: Int) -> Int {
    var trailing = 0
    for i in 0..<min(offset, units.count) where units[i] & 0xFC00 == 0xDC00 { trailing += 1 }
    return min(offset, units.count) - trailing
}

/// Sentence boundaries by ICU, with abbreviations such as `bv.` not ending a sentence.
/// Not thread-safe: one per thread.
public final class SentenceSegmenter {
    private let breaker: Breaker
    private let tokenizer: Tokenizer

    public init(language: LanguageResources) throws {
        self.breaker = try Breaker(locale: language.locale, sentences: true)
        self.tokenizer = try Tokenizer(language: language)
    }

    /// UTF-16 ranges of the sentences of `document`, trailing whitespace excluded.
    public func sentences(of document: Document) throws -> [Range<Int>] {
        var ends: [Int] = []
        try document.utf16.withUnsafeBufferPointer { text in
            try breaker.segments(of: text) { end, _ in ends.append(end) }
        }
        // ICU breaks after any period followed by a space and a capital; an abbreviation
        // token that spans such a break joins the two sentences again.
        let abbreviationEnds = Set(document.tokens.lazy.filter { document.utf16[$0.utf16Range.upperBound - 1] == 0x2E && $0.kind == .word }
            .map(\.utf16Range.upperBound))
        var result: [Range<Int>] = []
        var start = 0
        for end in ends {
            var trimmed = end
            while trimmed > start, isSpace(document.utf16[trimmed - 1]) { trimmed -= 1 }
            if abbreviationEnds.contains(trimmed), end != document.utf16.count { continue }
            if trimmed > start { result.append(start..<trimmed) }
            start = end
        }
        return result
    }
}
