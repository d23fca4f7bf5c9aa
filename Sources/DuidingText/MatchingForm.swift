/// The two decisions that matching and counting must make alike, in one place: under which form
/// a word is compared (so `duiding explore` counts exactly what a pattern can match), and where
/// a clause ends (so a phrase found by `explore` is a phrase a pattern can match).

extension LanguageResources {
    /// The form a word or number token is matched and counted as: folded (`foldForMatching`:
    /// case, diacritics, apostrophes, hyphens), a clitic written out (`m'n` → `mijn`), and an
    /// abbreviation's final period dropped (`bv.` → `bv`).
    public func matchingForm(_ raw: UnsafeBufferPointer<UInt16>) -> String {
        var word = String(decoding: foldForMatching(raw), as: UTF16.self)
        word = clitics[word] ?? word
        if word.count > 1, word.hasSuffix(".") { word.removeLast() }
        return word
    }

    /// `matchingForm` of a string.
    public func matchingForm(_ raw: String) -> String {
        let units = Array(raw.utf16)
        return units.withUnsafeBufferPointer { matchingForm($0) }
    }
}

/// Whether a token that is not a word ends a clause: `. , ; : ! ? ( ) [ ]`, a line break, `–`,
/// `—`, `…`, a hyphen standing alone, and any symbol (emoji, `€`). Quotes, `/`, `&` and markup
/// do not. Words never end a clause (an abbreviation keeps its period inside the word).
@inlinable
public func endsClause(_ token: Token, in text: UnsafeBufferPointer<UInt16>) -> Bool {
    switch token.kind {
    case .word, .number, .markup: return false
    case .symbol: return true
    case .punctuation, .whitespace: break
    }
    for i in token.utf16Range {
        switch text[i] {
        case 0x0A, 0x0D, 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x2013, 0x2014, 0x2026:
            return true
        case 0x2D where token.kind == .punctuation && (i == 0 || [0x20, 0x09, 0x0A].contains(text[i - 1])):
            return true  // a dash between spaces (" - "), not the hyphen of "voorlichtings- of trainingsbehoefte"
        default: continue
        }
    }
    return false
}
