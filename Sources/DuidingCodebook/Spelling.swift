/// Tolerance for common misspellings, used by fuzzy patterns.
enum Spelling {
    /// A key under which Dutch sound-alike spellings coincide: `ch`→`g` (voorzigtig),
    /// `ij`/`y`→`ei`, `ou`→`au`, `dt`→`t`, final `d`→`t`, `c`→`k`/`s`, `ph`→`f`, and
    /// doubled consonants single (allert, onveillig).
    static func soundKey(_ word: String) -> String {
        let s = Array(word.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i], next = at(i + 1)
            switch (c, next) {
            case ("c", "h"): out.append("g"); i += 2; continue
            case ("i", "j"): out.append("e"); out.append("i"); i += 2; continue
            case ("o", "u"): out.append("a"); out.append("u"); i += 2; continue
            case ("d", "t"): out.append("t"); i += 2; continue
            case ("p", "h"): out.append("f"); i += 2; continue
            case ("y", _): out.append("e"); out.append("i"); i += 1; continue
            case ("c", "e"), ("c", "i"): out.append("s"); i += 1; continue
            case ("c", _): out.append("k"); i += 1; continue
            case ("d", nil): out.append("t"); i += 1; continue
            default: break
            }
            if let last = out.last, last == c, !"aeiou".unicodeScalars.contains(c) { i += 1; continue }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Whether two words are at most one edit apart: one letter left out or added, or two
    /// neighbours swapped. Substitutions are not counted: they turn one real word into another
    /// too often (voorlicht/voorzicht).
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > 1 { return false }
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        if i == x.count || i == y.count { return abs(x.count - y.count) <= 1 }
        if x.count == y.count {
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }
}
