/// What a token is, after ICU segmentation and Duiding's merges.
public enum TokenKind: UInt8, Sendable {
    case word, number, punctuation, whitespace, symbol
    /// Part of an HTML/XML tag such as `<b>`; kept in the text, never matched.
    case markup

    /// Words and numbers take part in matching.
    public var isMatchable: Bool { self == .word || self == .number }
}

/// A view into a text: a range of UTF-16 code units and what it holds.
public struct Token: Sendable, Hashable {
    public var utf16Range: Range<Int>
    public var kind: TokenKind

    public init(utf16Range: Range<Int>, kind: TokenKind) {
        self.utf16Range = utf16Range
        self.kind = kind
    }
}
