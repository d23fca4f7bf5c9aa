import Foundation

/// A kind of personal data that can identify a respondent or someone they write about.
public enum PersonalDataKind: String, CaseIterable, Sendable, Comparable {
    case email, phone, postcode, bsn, iban, address, name, birthDate, licencePlate, account, residence, municipality, indirect

    /// What a report would print in its place.
    public var placeholder: String {
        switch self {
        case .email: "[e-mail]"
        case .phone: "[telefoon]"
        case .postcode: "[postcode]"
        case .bsn: "[bsn]"
        case .iban: "[iban]"
        case .address: "[adres]"
        case .name: "[naam]"
        case .birthDate: "[geboortedatum]"
        case .licencePlate: "[kenteken]"
        case .account: "[account]"
        case .residence: "[woonplaats]"
        case .municipality: "[gemeente]"
        case .indirect: "[functie]"
        }
    }

    /// Dutch name for notes to the researcher.
    public var label: String {
        switch self {
        case .email: "e-mail"
        case .phone: "telefoonnummer"
        case .postcode: "postcode"
        case .bsn: "BSN"
        case .iban: "IBAN"
        case .address: "adres"
        case .name: "naam"
        case .birthDate: "geboortedatum"
        case .licencePlate: "kenteken"
        case .account: "account of persoonlijke link"
        case .residence: "woonplaats"
        case .municipality: "gemeente"
        case .indirect: "indirect herleidbaar"
        }
    }

    /// A kind named in a setting: its raw value (`birthDate`) or a Dutch name (`geboortedatum`,
    /// `telefoon`, `naam`), case ignored. Nil for an unknown name.
    public init?(named text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        let dutch: [String: PersonalDataKind] = [
            "e-mail": .email, "telefoon": .phone, "telefoonnummer": .phone, "adres": .address, "naam": .name,
            "geboortedatum": .birthDate, "kenteken": .licencePlate, "woonplaats": .residence, "gemeente": .municipality,
        ]
        guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) ?? dutch[key] else { return nil }
        self = kind
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// How likely a finding is to identify someone, highest last (so `max()` is the worst).
public enum PersonalDataRisk: Int, Sendable, Comparable, CaseIterable {
    case low, medium, high

    public var label: String {
        switch self {
        case .low: "laag"
        case .medium: "middel"
        case .high: "hoog"
        }
    }

    /// A risk named in a setting: `laag`, `middel`, `hoog` or `low`, `medium`, `high`.
    public init?(named text: String) {
        switch text.lowercased() {
        case "laag", "low": self = .low
        case "middel", "medium": self = .medium
        case "hoog", "high": self = .high
        default: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Personal data found in a text: its kind and where it is (UTF-16 offsets into the text),
/// how risky it is and why.
public struct PersonalDataFinding: Sendable, Hashable {
    public let kind: PersonalDataKind
    public let utf16Range: Range<Int>
    public let risk: PersonalDataRisk
    /// Why, in a few Dutch words: "direct herleidbaar", "functie + gemeente".
    public let reason: String

    public init(kind: PersonalDataKind, utf16Range: Range<Int>, risk: PersonalDataRisk? = nil, reason: String? = nil) {
        self.kind = kind
        self.utf16Range = utf16Range
        self.risk = risk ?? (kind == .municipality ? .low : kind == .residence ? .medium : .high)
        self.reason = reason ?? (kind == .municipality ? "plaatsnaam" : kind == .residence ? "woonplaats in context" : "direct herleidbaar")
    }
}

/// Finds personal data in Dutch text: e-mail addresses, Dutch phone numbers, postcodes, BSNs
/// (only those passing the elfproef), IBANs (only those passing the mod-97 check), street
/// addresses with a house number, names after a title or salutation, and municipality names.
/// It proposes; it never changes the text. Where findings overlap, the more specific kind wins
/// (an IBAN's digits are not also a phone number).
public struct PersonalDataScreener: Sendable {
    /// Screens with the Dutch municipality list.
    public static let dutch = PersonalDataScreener(
        municipalities: DutchMunicipalities.names + DutchMunicipalities.aliases,
        ordinaryWordNames: DutchMunicipalities.ordinaryWords)

    private struct Place: Sendable {
        var words: [String]
        var lowercased: [String]
        var ordinaryWord: Bool
    }

    /// Places by the lowercased, folded first word; longest names first.
    private let places: [String: [Place]]
    /// The word lists, the places' first words among them.
    private let lexicon: Lexicon

    /// `municipalities` are matched as whole words, diacritics ignored (`Sudwest-Fryslan`
    /// counts), in their own capitalisation or all lower case; `ordinaryWordNames` (names that
    /// are also ordinary words) only capitalised and not at the start of a sentence.
    public init(municipalities: [String], ordinaryWordNames: Set<String>) {
        var places: [String: [Place]] = [:]
        for name in Set(municipalities) {
            let words = Self.words(in: name).map { Self.fold(name.utf16Substring($0)) }
            guard let first = words.first else { continue }
            places[first.lowercased(), default: []].append(
                Place(words: words, lowercased: words.map { $0.lowercased() }, ordinaryWord: ordinaryWordNames.contains(name)))
        }
        self.places = places.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        lexicon = Lexicon(placeFirstWords: places.keys)
    }

    /// Texts longer than this (UTF-16 units) are screened in pieces of this size that overlap
    /// by `pieceOverlap`, so a pasted transcript costs time in proportion to its length.
    public static let pieceLength = 65_536
    static let pieceOverlap = 512

    /// All findings in `text`, in text order. Direct findings (e-mail, name, place, …) do not
    /// overlap each other; an `.indirect` finding (a function with a place or a word of
    /// uniqueness) may span direct ones. Only `kinds` are reported.
    /// A `memo` kept by the caller's thread across texts makes repeated word forms cheap.
    public func findings(in text: String, kinds: Set<PersonalDataKind> = Set(PersonalDataKind.allCases),
                         memo: WordMemo = WordMemo(capacity: 0)) -> [PersonalDataFinding] {
        let length = text.utf16.count
        guard length > Self.pieceLength else { return findingsInPiece(text, kinds: kinds, memo: memo) }
        let units = Array(text.utf16)
        var result: [PersonalDataFinding] = []
        var start = 0
        while start < length {
            var end = min(length, start + Self.pieceLength)
            // Cut at a space, and never inside a surrogate pair.
            while end < length, end > start + Self.pieceLength / 2, units[end - 1] != 0x20 { end -= 1 }
            if end < length, UTF16.isLeadSurrogate(units[end - 1]) { end -= 1 }
            let piece = String(decoding: units[start..<end], as: UTF16.self)
            for f in findingsInPiece(piece, kinds: kinds, memo: memo) {
                let r = (f.utf16Range.lowerBound + start)..<(f.utf16Range.upperBound + start)
                if !result.contains(where: { $0.kind == f.kind && $0.utf16Range.overlaps(r) }) {
                    result.append(PersonalDataFinding(kind: f.kind, utf16Range: r, risk: f.risk, reason: f.reason))
                }
            }
            guard end < length else { break }
            start = max(start + 1, end - Self.pieceOverlap)
            while start < end, UTF16.isTrailSurrogate(units[start]) { start += 1 }
        }
        return result
    }

    private func findingsInPiece(_ text: String, kinds: Set<PersonalDataKind>, memo: WordMemo) -> [PersonalDataFinding] {
        let ns = text as NSString
        var accepted: [PersonalDataFinding] = []
        func add(_ kind: PersonalDataKind, _ range: Range<Int>, risk: PersonalDataRisk? = nil, reason: String? = nil) {
            if !range.isEmpty, !accepted.contains(where: { $0.utf16Range.overlaps(range) }) {
                accepted.append(PersonalDataFinding(kind: kind, utf16Range: range, risk: risk, reason: reason))
            }
        }
        let all = NSRange(location: 0, length: ns.length)
        func matches(_ pattern: Pattern) -> [NSTextCheckingResult] { pattern.regex.matches(in: text, range: all) }
        func range(_ r: NSRange) -> Range<Int> { r.location..<(r.location + r.length) }
        // Each pattern runs only when the text has what it needs (enough digits, an @, a link's
        // dot, a cue word): most answers have none of it, and a pattern costs far more than the test.
        let words = TextWords(text, lexicon: lexicon, memo: memo)
        var digits = 0, run = 0, longestRun = 0, hasAt = false, hasLink = false, dashNearDigit = false
        var previous: UInt16 = 0x20
        var lastDash = Int.min / 2, lastDigit = Int.min / 2
        for (index, unit) in words.units.enumerated() {
            switch unit {
            case 0x30...0x39:
                digits += 1
                run += 1
                longestRun = max(longestRun, run)
                lastDigit = index
                // A plate's dashes lie between its groups, so one of them is at most three
                // units from a digit (AB-CD12, 12AB-CD).
                if index - lastDash <= 3 { dashNearDigit = true }
            case 0x40: hasAt = true
            case 0x2D:
                lastDash = index
                if index - lastDigit <= 3 { dashNearDigit = true }
            case 0x2E, 0x2F:
                // A dot or slash between letters or digits and before a letter: a link, not a full stop.
                let next = index + 1 < words.units.count ? words.units[index + 1] : 0x20
                if Self.isASCIIAlphanumeric(previous), Self.isASCIILetter(next) { hasLink = true }
            default: break
            }
            if !(0x30...0x39).contains(unit) { run = 0 }
            previous = unit
        }

        if hasAt {
            for m in matches(Self.email) {
                let address = ns.substring(with: m.range)
                // An organisation's mailbox (integriteit@gemeente.nl) names no one; its domain is no handle either.
                if Self.isFunctionalMailbox(address) { add(.email, range(m.range), risk: .low, reason: "postbus van een organisatie") } else { add(.email, range(m.range)) }
            }
        }
        if hasLink || hasAt { for r in Self.accountRanges(in: text, ns) { add(.account, r) } }
        if digits >= 8 { for m in matches(Self.iban) where Self.isValidIBAN(ns.substring(with: m.range)) { add(.iban, range(m.range)) } }
        // A plate without a dash needs a cue before it (`licencePlateRanges`), so a word with one.
        if digits >= 1, dashNearDigit || words.hasAny(.plateCue) {
            for r in Self.licencePlateRanges(in: text, ns) { add(.licencePlate, r) }
        }
        if digits >= 3 || (digits >= 1 && words.hasAny(.month)) {
            for (r, reason) in Self.birthDateRanges(in: text, ns, words: words) { add(.birthDate, r, reason: reason) }
        }
        if digits >= 9 {
            for m in matches(Self.phone) where !Self.looksLikeDate(ns.substring(with: m.range)) { add(.phone, range(m.range)) }
            for m in matches(Self.bsn) where Self.isValidBSN(ns.substring(with: m.range)) { add(.bsn, range(m.range)) }
        }
        if longestRun >= 4 { for m in matches(Self.postcode) where Self.isPostcode(ns.substring(with: m.range)) { add(.postcode, range(m.range)) } }
        if digits >= 1, words.lowered.contains(where: { w in Self.streetSuffixes.contains { w.hasSuffix($0) } }) {
            for m in matches(Self.address) where Self.isStreet(ns.substring(with: m.range(at: 1))) { add(.address, range(m.range)) }
            for m in matches(Self.namedStreet) { add(.address, range(m.range)) }
        }
        for m in words.hasAny(.title, beforeName: ()) ? matches(Self.titledName) : [] {
            // "wethouder van Financiën", "burgemeester van Utrecht": an office, not a surname.
            let office = Self.offices.contains(ns.substring(with: m.range(at: 1)).lowercased())
            if office, ns.substring(with: m.range(at: 2)).hasPrefix("van ") { continue }
            add(.name, range(m.range(at: 2)), reason: "naam na titel")
        }
        let places = municipalityRanges(words)
        for r in Self.residenceRanges(in: text, ns, places: places, postcodes: accepted.filter { $0.kind == .postcode }.map(\.utf16Range),
                                      words: words) {
            add(.residence, r)
        }
        if let home = Self.placeReferredToAsHome(in: text, ns, places: places, words: words) { add(.residence, home) }
        for r in places { add(.municipality, r) }
        for r in Self.personNameRanges(words) { add(.name, r, reason: "voornaam of achternaam") }
        var result = accepted.filter { kinds.contains($0.kind) }
        if kinds.contains(.indirect) { result += Self.indirectFindings(words, places: places + accepted.filter { $0.kind == .residence }.map(\.utf16Range)) }
        return result.sorted { ($0.utf16Range.lowerBound, $0.kind) < ($1.utf16Range.lowerBound, $1.kind) }
    }

    /// The text with findings replaced by their placeholders (a proposal for the researcher):
    /// direct findings first; an indirect one only where it overlaps none of them (in
    /// "burgemeester van Utrecht" the place is replaced, and that is enough).
    public static func redacted(_ text: String, findings: [PersonalDataFinding]) -> String {
        let units = Array(text.utf16)
        var chosen: [PersonalDataFinding] = []
        for finding in findings.filter({ $0.kind != .indirect }) + findings.filter({ $0.kind == .indirect })
        where finding.utf16Range.upperBound <= units.count && !chosen.contains(where: { $0.utf16Range.overlaps(finding.utf16Range) }) {
            chosen.append(finding)
        }
        var out: [UInt16] = []
        var position = 0
        for finding in chosen.sorted(by: { $0.utf16Range.lowerBound < $1.utf16Range.lowerBound }) {
            out += units[position..<finding.utf16Range.lowerBound]
            out += finding.kind.placeholder.utf16
            position = finding.utf16Range.upperBound
        }
        out += units[position...]
        return String(decoding: out, as: UTF16.self)
    }

    /// The elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not 0). Separators
    /// (spaces, dots) are ignored; anything but nine digits fails.
    public static func isValidBSN(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 9, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " " || $0 == ".") }) else { return false }
        let sum = (0..<8).reduce(0) { $0 + (9 - $1) * digits[$1] } - digits[8]
        return sum != 0 && sum % 11 == 0
    }

    /// ISO 13616: 15–34 letters and digits (spaces ignored), country code and check digits
    /// first; moved to the end with letters as 10–35, the number is 1 modulo 97.
    public static func isValidIBAN(_ text: String) -> Bool {
        let chars = Array(text.uppercased().filter { $0 != " " })
        guard (15...34).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[0].isLetter, chars[1].isLetter, chars[2].isNumber, chars[3].isNumber else { return false }
        var remainder = 0
        for c in chars[4...] + chars[..<4] {
            if let digit = c.wholeNumberValue {
                remainder = (remainder * 10 + digit) % 97
            } else if let ascii = c.asciiValue {
                remainder = (remainder * 100 + Int(ascii) - 55) % 97
            }
        }
        return remainder == 1
    }

    // MARK: - Patterns (ICU regular expressions, matched over UTF-16)

    struct Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable and documented as safe to share between threads.
        let regex: NSRegularExpression
        init(_ pattern: String) {
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                preconditionFailure("invalid built-in pattern \(pattern): \(error)")
            }
        }
    }

    private static let email = Pattern(#"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}"#)
    /// Country code, check digits, then groups of four (optionally separated by a space).
    private static let iban = Pattern(#"(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![\p{L}\p{N}])"#)
    /// 10 digits from 0 (06-12345678, 06 12 34 56 78, 010-1234567, (0570) 123456) or
    /// +31 / 0031 and 9 digits (+31 6 12345678, +31 (0)10 1234567).
    private static let phone: Pattern = {
        let sep = #"(?:\s?[-.]\s?|\s)?"#
        let digit = "\(sep)\\d"
        return Pattern(#"(?<![\p{L}\p{N}+])(?:"#
            + "0[1-9](?:\(digit)){8}"
            + #"|\(0\d\)\s?\d(?:"# + digit + "){7}"
            + #"|\(0\d{2}\)\s?\d(?:"# + digit + "){6}"
            + #"|\(0\d{3}\)\s?\d(?:"# + digit + "){5}"
            + #"|(?:\+|00)31\s?(?:\(0\)\s?)?[1-9](?:"# + digit + "){8}"
            + #")(?![\d:])"#)
    }()
    /// Nine digits, or grouped 1234.56.782 or 123 456 782.
    private static let bsn = Pattern(#"(?<![\p{L}\p{N}.,+-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\p{N}]|[.,]\d)"#)
    /// 1234 AB, 1234AB, 1234ab (lower case only without a space: `2023 en` is no postcode).
    private static let postcode = Pattern(#"(?<![\p{L}\p{N}])[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\p{L}\p{N}-])"#)
    /// A street word and a house number (12, 12a, 12 A, 12-3, 12/2).
    private static let address = Pattern(
        #"(?<![\p{L}\p{N}])(\p{L}[\p{L}'’-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|plantsoen|boulevard|hof|pad|markt|wal|haven|park))"#
            + #"\s(?:nr\.?\s?)?\d{1,4}(?:\s?-?\s?[a-zA-Z](?!\p{L}))?(?:[-/]\d{1,4})?(?![\p{N}]|[.,]\d|\s?%)"#)
    /// Two-word streets: Grote Markt 1, Nieuwe Gracht 12.
    private static let namedStreet = Pattern(
        #"(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+\s(?:Straat|Laan|Weg|Plein|Gracht|Kade|Singel|Dijk|Markt|Haven|Wal)\s\d{1,4}(?:\s?[a-zA-Z](?!\p{L}))?(?![\p{N}]|[.,]\d)"#)
    static let streetSuffixes = ["straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "steeg", "dreef", "plantsoen",
                                 "boulevard", "hof", "pad", "markt", "wal", "haven", "park"]
    static let monthWords: Set<String> = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                                          "oktober", "november", "december", "jan", "feb", "febr", "mrt", "apr", "jun", "jul", "aug",
                                          "sep", "sept", "okt", "nov", "dec"]

    static func isASCIILetter(_ u: UInt16) -> Bool { (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) }
    static func isASCIIAlphanumeric(_ u: UInt16) -> Bool { isASCIILetter(u) || (0x30...0x39).contains(u) }

    /// The first words of `titledName`'s titles, lower case: without one, the pattern is not run.
    static let titleWords: Set<String> = Set(["mevrouw", "meneer", "mevr", "mw", "mvr", "dhr", "heer", "collega", "buurman", "buurvrouw"])
        .union(offices)
    /// Titles of an office; with lower-case `van` after them follows a place or a portfolio.
    private static let offices: Set<String> = [
        "wethouder", "burgemeester", "raadslid", "gedeputeerde", "griffier", "dijkgraaf", "statenlid", "commissaris",
    ]
    /// A title or salutation (group 1), then a capitalised name (group 2), possibly with
    /// initials and particles: wethouder Jansen, mevr. A.B. de Vries, meneer Van den Berg.
    private static let titledName = Pattern(
        #"(?<!\p{L})((?i:mevrouw|meneer|mevr\.|mw\.|mvr\.|dhr\.|de heer|collega|buurman|buurvrouw|"#
            + offices.sorted().joined(separator: "|") + "))"
            + #"\s+((?:\p{Lu}\.\s?){0,4}(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Hh]et|'t|’t|[Ii]n (?:'t|’t|de|het))\s+){0,3}\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{Lu}\p{Ll}+)*)"#)

    private static func looksLikeDate(_ text: String) -> Bool {
        text.range(of: #"^\d{1,2}([-./])\d{1,2}\1\d{2,4}"#, options: .regularExpression) != nil
    }

    /// SA, SD and SS are not used in Dutch postcodes; lower-case units (`3500kg`) are no postcode.
    private static func isPostcode(_ text: String) -> Bool {
        let letters = String(text.suffix(2))
        return !["SA", "SD", "SS"].contains(letters.uppercased())
            && !["km", "kg", "cm", "mm", "ml", "cl", "dl", "kb", "mb", "gb", "kw", "pk"].contains(letters)
    }

    /// A street word has a name before its suffix, and is capitalised unless the suffix is an
    /// unambiguous street word (`kerkstraat 12`, but not `onderweg 2 keer`).
    private static func isStreet(_ word: String) -> Bool {
        let lower = word.lowercased()
        guard let suffix = ["straat", "laan", "plein", "gracht", "kade", "singel", "steeg", "dreef", "plantsoen", "boulevard",
                            "weg", "dijk", "hof", "pad", "markt", "wal", "haven", "park"].first(where: { lower.hasSuffix($0) }),
              lower.count >= suffix.count + 2 else { return false }
        return word.first?.isUppercase == true
            || ["straat", "laan", "plein", "gracht", "kade", "singel", "steeg", "dreef", "plantsoen", "boulevard"].contains(suffix)
    }

    // MARK: - Municipalities

    private func municipalityRanges(_ text: TextWords) -> [Range<Int>] {
        let units = text.units, spans = text.spans, words = text.folded, lowered = text.lowered
        var result: [Range<Int>] = []
        var i = 0
        while i < words.count {
            let candidates = text.classes[i].contains(.place) ? places[lowered[i]] ?? [] : []
            let match = candidates.first { place in
                guard i + place.words.count <= words.count else { return false }
                let found = words[i..<(i + place.words.count)]
                if place.ordinaryWord {
                    return Array(found) == place.words && !Self.startsSentence(units, at: spans[i].lowerBound)
                }
                return Array(found) == place.words
                    || (Array(lowered[i..<(i + place.words.count)]) == place.lowercased && found.allSatisfy { $0 == $0.lowercased() })
            }
            if let match {
                result.append(spans[i].lowerBound..<spans[i + match.words.count - 1].upperBound)
                i += match.words.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// Words as UTF-16 ranges: letters (with their marks), inner hyphens and apostrophes, and a
    /// leading `'s-` (`'s-Hertogenbosch`).
    /// Alphabetic, with a fast path for ASCII (Unicode property lookups are slow).
    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        return scalar.properties.isAlphabetic
    }

    static func words(in text: String) -> [Range<Int>] { words(in: Array(text.utf16)) }

    static func words(in units: [UInt16]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        let count = units.count
        func isApostrophe(_ u: UInt16) -> Bool { u == 0x27 || u == 0x2019 }
        /// The scalar at UTF-16 offset `i` and its length in UTF-16 units.
        func scalar(at i: Int) -> (scalar: Unicode.Scalar, width: Int) {
            let u = units[i]
            if UTF16.isLeadSurrogate(u), i + 1 < count, UTF16.isTrailSurrogate(units[i + 1]),
               let s = Unicode.Scalar(0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)) {
                return (s, 2)
            }
            return (Unicode.Scalar(u) ?? "\u{FFFD}", 1)
        }
        func isLetter(at i: Int) -> Bool {
            let u = units[i]
            if u < 0x80 { return (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) }
            return Self.isLetter(scalar(at: i).scalar)
        }
        func close(_ end: Int) {
            guard let begin = start else { return }
            // Trailing hyphens and apostrophes are not part of the word.
            var upper = end
            while upper > 0, units[upper - 1] == 0x2D || isApostrophe(units[upper - 1]) { upper -= 1 }
            if upper > begin { result.append(begin..<upper) }
            start = nil
        }
        var i = 0
        while i < count {
            let u = units[i]
            let width: Int
            let letter: Bool
            if u < 0x80 {
                width = 1
                letter = (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u)
            } else {
                let (s, w) = scalar(at: i)
                width = w
                letter = Self.isLetter(s) || s.properties.generalCategory == .nonspacingMark
            }
            if letter {
                if start == nil { start = i }
            } else if u == 0x2D || isApostrophe(u) {
                let next = i + 1 < count ? i + 1 : nil
                if start == nil {
                    // A leading 's- opens a word ('s-Hertogenbosch).
                    if isApostrophe(u), let next, units[next] == 0x73, next + 1 < count, units[next + 1] == 0x2D { start = i }
                } else if !(next.map { isLetter(at: $0) || units[$0] == 0x2D || isApostrophe(units[$0]) } ?? false) {
                    close(i)
                }
            } else {
                close(i)
            }
            i += width
        }
        close(count)
        return result
    }

    /// Without diacritics and with a plain apostrophe.
    static func fold(_ word: String) -> String {
        // Most words are plain ASCII: nothing to fold (Foundation's folding is slow).
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        return word.folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(of: "’", with: "'")
    }

    /// Whether the word at `offset` opens the text or a sentence (after `.`, `!`, `?` or `:`,
    /// skipping spaces, quotes and brackets).
    static func startsSentence(_ units: [UInt16], at offset: Int) -> Bool {
        var i = offset - 1
        let skipped: Set<UInt16> = [0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x22, 0x27, 0x28, 0x201C, 0x201D, 0x2018, 0x2019, 0x201E]
        while i >= 0, skipped.contains(units[i]) { i -= 1 }
        return i < 0 || [0x2E, 0x21, 0x3F, 0x3A].contains(units[i])
    }
}

/// A text with personal data (an answer, a turn): its findings in text order and the proposed redaction.
public struct ScreenedText: Sendable {
    public let unitID: String
    public let file: String
    public let line: Int
    public let text: String
    public let findings: [PersonalDataFinding]

    public init(unitID: String, file: String, line: Int, text: String, findings: [PersonalDataFinding]) {
        self.unitID = unitID
        self.file = file
        self.line = line
        self.text = text
        self.findings = findings
    }

    /// The text with placeholders for the findings.
    public var redacted: String { PersonalDataScreener.redacted(text, findings: findings) }
    /// The text of one finding.
    public func text(of finding: PersonalDataFinding) -> String { text.utf16Substring(finding.utf16Range) }
}

extension String {
    /// The text of a UTF-16 range of this string.
    public func utf16Substring(_ range: Range<Int>) -> String {
        String(decoding: Array(utf16)[range], as: UTF16.self)
    }
}
