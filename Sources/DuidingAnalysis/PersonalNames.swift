import Foundation

// MARK: - Names without a title

extension PersonalDataScreener {
    static let particles: Set<String> = ["van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "le", "la", "du", "da", "el"]
    /// Surnames by their number of words, lower-cased and folded, for particle names (`van den Berg`).
    private static let surnamesByWords: [Int: Set<String>] = Dictionary(
        grouping: DutchNames.surnames.map { fold($0).lowercased() }, by: { $0.split(separator: " ").count }
    ).mapValues(Set.init)
    static let firstNamesFolded: Set<String> = Set(DutchNames.firstNames.map(fold))
    static let ordinaryFolded: Set<String> = Set(DutchNames.ordinaryWords.map { fold($0).lowercased() })
    static var oneWordSurnames: Set<String> { surnamesByWords[1] ?? [] }
    /// Initials then a surname: J. Jansen, A.B. de Vries.
    private static let initialled = Pattern(#"(?<![\p{L}\p{N}.])(?:\p{Lu}\.\s?){1,4}((?:(?:van|de|der|den|ter|ten|van 't)\s){0,3}\p{Lu}\p{Ll}[\p{L}'’-]*)"#)

    /// Person names without a title, from `DutchNames`: a first name (and what follows it: a
    /// capitalised surname, particles), a surname after initials, a surname with its particle
    /// (`de Vries`), a surname on its own mid-sentence. A name that is also an ordinary word
    /// (`Roos`, `Bakker`) is not taken at the start of a sentence unless a surname follows.
    static func personNameRanges(_ text: TextWords) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let string = text.string
        // Initials: a single capital letter followed by a full stop.
        let hasInitial = text.spans.contains { $0.count == 1 && $0.upperBound < text.units.count && text.units[$0.upperBound] == 0x2E
            && (0x41...0x5A).contains(text.units[$0.lowerBound]) }
        for m in hasInitial ? initialled.regex.matches(in: string, range: NSRange(location: 0, length: text.units.count)) : [] {
            let surname = (string as NSString).substring(with: m.range(at: 1))
            if isSurname(fold(surname).lowercased()) || isSurname(fold(surname.split(separator: " ").last.map(String.init) ?? "").lowercased())
                || surnamesByWords[surname.split(separator: " ").count]?.contains(fold(surname).lowercased()) == true {
                result.append(m.range.location..<(m.range.location + m.range.length))
            }
        }
        var i = 0
        while i < text.count {
            if let end = nameEnd(text, from: i) {
                let r = text.spans[i].lowerBound..<text.spans[end].upperBound
                if !result.contains(where: { $0.overlaps(r) }) { result.append(r) }
                i = end + 1
            } else {
                i += 1
            }
        }
        return result
    }

    /// The last word of a name starting at word `i`, or nil.
    private static func nameEnd(_ text: TextWords, from i: Int) -> Int? {
        let classes = text.classes[i]
        // A particle name: de Vries, van den Berg (lower-case particle, or capitalised opening a sentence).
        if classes.contains(.particle), let end = particleSurnameEnd(text, from: i) {
            return end
        }
        guard text.isCapitalised(i) else { return nil }
        let word = text.folded[i]
        let atStart = text.startsSentence(i)
        if classes.contains(.firstName), firstNamesFolded.contains(word) {
            if isIdiom(text, at: i) { return nil }
            // Extend over a surname: a capitalised word, or particles and a capitalised word.
            if text.adjacent(i) {
                if text.classes[i + 1].contains(.particle), let end = particleSurnameEnd(text, from: i + 1, anyCapitalised: true) { return end }
                if i + 1 < text.count, text.isCapitalised(i + 1), !text.classes[i + 1].contains(.function) { return i + 1 }
            }
            if atStart && classes.contains(.ordinary) { return nil }
            return i
        }
        if !atStart, classes.contains(.surname) || isDoubleSurname(text.written[i]) {
            // "bij de Bakker", "naar De Visser": a shop or a café named like a trade, not a person.
            if classes.contains(.ordinary), i > 0, ["de", "het"].contains(text.lowered[i - 1]), text.adjacent(i - 1) { return nil }
            return i
        }
        return nil
    }

    /// Sayings with a first name: "Jan en alleman", "Jan Modaal", "Jan met de pet".
    private static func isIdiom(_ text: TextWords, at i: Int) -> Bool {
        let next = text.lowered[(i + 1)..<min(text.count, i + 4)].joined(separator: " ")
        return text.lowered[i] == "jan" && ["en alleman", "modaal", "met de pet", "publiek", "lul", "boerenlul"].contains { next.hasPrefix($0) }
    }

    /// A particle sequence from word `i` ending in a known surname (`de Vries`), or with
    /// `anyCapitalised` in any capitalised word (after a first name: Jan van Tilburg).
    private static func particleSurnameEnd(_ text: TextWords, from i: Int, anyCapitalised: Bool = false) -> Int? {
        var j = i
        while j < text.count, j - i < 3, text.classes[j].contains(.particle), text.adjacent(j) { j += 1 }
        guard j > i, j < text.count, text.isCapitalised(j) else { return nil }
        // The particles must be lower case, except the first opening a sentence (De Vries belde).
        for k in i..<j where text.written[k] != text.lowered[k] && !(k == i && text.startsSentence(k)) { return nil }
        let phrase = text.lowered[i...j].joined(separator: " ")
        if surnamesByWords[j - i + 1]?.contains(phrase) == true { return j }
        return anyCapitalised && !text.classes[j].contains(.function) ? j : nil
    }

    private static func isSurname(_ lowered: String) -> Bool { surnamesByWords[1]?.contains(lowered) == true }

    /// Bakker-Smit: capitalised parts, one of them a surname.
    private static func isDoubleSurname(_ word: String) -> Bool {
        let parts = word.split(separator: "-")
        return parts.count == 2 && parts.allSatisfy { $0.first?.isUppercase == true } && parts.contains { isSurname(fold(String($0)).lowercased()) }
    }
}
