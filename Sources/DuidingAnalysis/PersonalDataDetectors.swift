import Foundation

/// What the screener knows of a word (lower case, folded): the word lists it is on.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32
    static let month = WordClass(rawValue: 1 << 0)
    /// The first word of a title or salutation (`titledName`).
    static let title = WordClass(rawValue: 1 << 1)
    /// A word `residence` needs.
    static let residenceAnchor = WordClass(rawValue: 1 << 2)
    /// `woon`, `wonen`: "ik woon daar".
    static let home = WordClass(rawValue: 1 << 3)
    /// A word before a year of birth.
    static let yearCue = WordClass(rawValue: 1 << 4)
    /// The first word of a public function.
    static let function = WordClass(rawValue: 1 << 5)
    /// A word of uniqueness (enige, eerste, …).
    static let uniqueness = WordClass(rawValue: 1 << 6)
    /// A kind of body before its name (waterschap, provincie, gemeente).
    static let body = WordClass(rawValue: 1 << 7)
    /// A surname particle (van, de, ter, …).
    static let particle = WordClass(rawValue: 1 << 8)
    /// A first name in lower case (the name itself is then matched as written).
    static let firstName = WordClass(rawValue: 1 << 9)
    /// A one-word surname.
    static let surname = WordClass(rawValue: 1 << 10)
    /// A name that is also an ordinary word.
    static let ordinary = WordClass(rawValue: 1 << 11)
    /// The first word of a municipality.
    static let place = WordClass(rawValue: 1 << 12)
    /// A word with a plate's cue in it (`kenteken`, `vrachtwagen`).
    static let plateCue = WordClass(rawValue: 1 << 13)
}

/// Every word list of the screener in one dictionary, so that a text costs one lookup per
/// word, not one per list (hashing strings was the screener's largest cost).
struct Lexicon: Sendable {
    private let classes: [String: WordClass]

    init(placeFirstWords: some Sequence<String>) {
        var classes: [String: WordClass] = [:]
        func add(_ words: some Sequence<String>, _ kind: WordClass) { for word in words { classes[word, default: []].insert(kind) } }
        typealias S = PersonalDataScreener
        add(S.monthWords, .month)
        add(S.titleWords, .title)
        add(S.residenceAnchors, .residenceAnchor)
        add(["woon", "wonen"], .home)
        add(S.yearCues, .yearCue)
        add(S.functionWords, .function)
        add(S.uniqueness, .uniqueness)
        add(S.bodyWords, .body)
        add(S.particles, .particle)
        add(S.firstNamesFolded.map { $0.lowercased() }, .firstName)
        add(S.oneWordSurnames, .surname)
        add(S.ordinaryFolded, .ordinary)
        add(placeFirstWords, .place)
        self.classes = classes
    }

    /// The lists a word (lower case, folded) is on.
    subscript(word: String) -> WordClass {
        let listed = classes[word] ?? []
        let cue = PersonalDataScreener.plateCues.contains { word.utf8.firstRange(of: $0.utf8) != nil }
        return cue ? listed.union(.plateCue) : listed
    }
}

/// What the screener works out of a word form as written: folded, lower-cased folded, and the
/// word lists it is on. A memo keeps them per form, so a form met again costs one lookup
/// (folding and lower-casing were a fifth of the screener's time). One per thread: not shared.
public final class WordMemo {
    fileprivate struct Form {
        let folded: String
        let lowered: String
        let classes: WordClass
    }

    private var forms: [String: Form] = [:]
    /// Forms beyond this are worked out each time, so memory stays bounded on any input.
    private let capacity: Int

    public init(capacity: Int = 200_000) { self.capacity = capacity }

    fileprivate func form(_ written: String, lexicon: Lexicon) -> Form {
        if let known = forms[written] { return known }
        let folded = PersonalDataScreener.fold(written)
        let lowered = folded.lowercased()
        let form = Form(folded: folded, lowered: lowered, classes: lexicon[lowered])
        if forms.count < capacity { forms[written] = form }
        return form
    }
}

/// A text's words for the screener, computed once: UTF-16 ranges, the words as written, folded
/// (no diacritics, plain apostrophe) and lower-cased folded, and the word lists each is on.
struct TextWords {
    let units: [UInt16]
    let spans: [Range<Int>]
    let written: [String]
    let folded: [String]
    let lowered: [String]
    /// Per word, the lists it is on; and all of them together, for cheap tests before a
    /// pattern is run.
    let classes: [WordClass]
    let present: WordClass

    let string: String

    init(_ text: String, lexicon: Lexicon, memo: WordMemo) {
        string = text
        units = Array(text.utf16)
        spans = PersonalDataScreener.words(in: units)
        let written = spans.map { [units] in Self.string(units[$0]) }
        let forms = written.map { memo.form($0, lexicon: lexicon) }
        self.written = written
        folded = forms.map(\.folded)
        lowered = forms.map(\.lowered)
        classes = forms.map(\.classes)
        present = classes.reduce([]) { $0.union($1) }
    }

    /// Whether a word of `kind` occurs.
    func hasAny(_ kind: WordClass) -> Bool { present.contains(kind) }

    /// Whether a word of `kind` has a word starting with a capital letter (`\p{Lu}`) among the
    /// `within` words after it: the home pattern names a place at most five words after its
    /// cue word ("ik woonde daar al 30 jaar, in Lunteren"), and most cue words (`ons`, `hier`)
    /// have none.
    func hasAny(_ kind: WordClass, capitalisedWithin within: Int) -> Bool {
        guard hasAny(kind) else { return false }
        return classes.indices.contains { i in
            classes[i].contains(kind) && ((i + 1)..<min(count, i + 1 + within)).contains { startsWithCapital($0) }
        }
    }

    private func startsWithCapital(_ i: Int) -> Bool {
        let first = units[spans[i].lowerBound]
        if first < 0x80 { return (0x41...0x5A).contains(first) }
        return written[i].unicodeScalars.first?.properties.generalCategory == .uppercaseLetter
    }

    /// Whether a word of `kind` is followed by a capitalised word, a particle or an initial
    /// (what a title or a named body needs before its pattern is worth running).
    func hasAny(_ kind: WordClass, beforeName: Void) -> Bool {
        guard hasAny(kind) else { return false }
        return (0..<(count - 1)).contains { i in
            classes[i].contains(kind) && (isCapitalised(i + 1) || written[i + 1].count == 1 || ["de", "van", "in", "den", "ter", "ten", "het"].contains(lowered[i + 1]))
        }
    }

    /// A word's text; ASCII is copied byte for byte (decoding UTF-16 is slow).
    private static func string(_ units: ArraySlice<UInt16>) -> String {
        guard units.allSatisfy({ $0 < 0x80 }) else { return String(decoding: units, as: UTF16.self) }
        return String(unsafeUninitializedCapacity: units.count) { buffer in
            for (i, u) in units.enumerated() { buffer[i] = UInt8(truncatingIfNeeded: u) }
            return units.count
        }
    }

    var count: Int { spans.count }

    /// Whether word `i` opens the text or a sentence.
    func startsSentence(_ i: Int) -> Bool { PersonalDataScreener.startsSentence(units, at: spans[i].lowerBound) }

    /// Whether only spaces (and at most one comma) lie between words `i` and `i + 1`.
    func adjacent(_ i: Int) -> Bool {
        guard i + 1 < spans.count else { return false }
        let gap = units[spans[i].upperBound..<spans[i + 1].lowerBound]
        return !gap.isEmpty && gap.count <= 2 && gap.allSatisfy { $0 == 0x20 || $0 == 0xA0 }
    }

    /// Whether a sentence ends (`.`, `!`, `?`, `;`, a line break) between words `i` and `j` (i < j).
    func sentenceBreak(between i: Int, and j: Int) -> Bool {
        units[spans[i].upperBound..<spans[j].lowerBound].contains { [0x2E, 0x21, 0x3F, 0x3B, 0x0A].contains($0) }
    }

    func isCapitalised(_ i: Int) -> Bool {
        let first16 = units[spans[i].lowerBound]
        // ASCII fast path: a lower-case first letter is not capitalised.
        if (0x61...0x7A).contains(first16) { return false }
        guard let first = written[i].unicodeScalars.first else { return false }
        return first.properties.isUppercase && written[i].unicodeScalars.dropFirst().contains { $0.properties.isLowercase }
    }
}

// MARK: - Licence plates, dates of birth, accounts, homes

extension PersonalDataScreener {
    /// Dutch licence plates in the sidecodes 1–14 (XX-99-99 … 999-XX-9), with dashes; without
    /// dashes, or in lower case, only after `kenteken`, `nummerbord` or `auto`.
    static func licencePlateRanges(in text: String, _ ns: NSString) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for m in licencePlate.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let plate = ns.substring(with: m.range)
            let r = m.range.location..<(m.range.location + m.range.length)
            let dashed = plate.contains("-")
            let upper = plate == plate.uppercased()
            if dashed && upper && plate.contains(where: \.isLetter) && plate.contains(where: \.isNumber) {
                result.append(r)
            } else if plate.contains(where: \.isLetter), plate.contains(where: \.isNumber),
                      hasCue(plateCues, before: r.lowerBound, in: ns, within: 40) {
                result.append(r)
            }
        }
        return result
    }

    /// Whether one of `cues` (lower case) starts within `within` UTF-16 units after `offset`.
    static func hasCue(_ cues: [String], after offset: Int, in ns: NSString, within: Int) -> Bool {
        let window = ns.substring(with: NSRange(location: offset, length: min(within, ns.length - offset))).lowercased()
        return cues.contains { window.contains($0) }
    }

    static let plateCues = ["kenteken", "nummerbord", "auto", "wagen", "busje", "scooter", "kentekenplaat"]

    /// Whether one of `cues` (lower case) ends within `within` UTF-16 units before `offset`.
    static func hasCue(_ cues: [String], before offset: Int, in ns: NSString, within: Int) -> Bool {
        let start = max(0, offset - within)
        let window = ns.substring(with: NSRange(location: start, length: offset - start)).lowercased()
        return cues.contains { window.contains($0) }
    }

    private static let licencePlate: Pattern = {
        // L = letter, D = digit; the fourteen sidecodes.
        let codes = ["LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
                     "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D"]
        let alternatives = codes.map { code in
            code.split(separator: "-").map { group in
                (group.first == "L" ? "[A-Za-z]" : "\\d") + "{\(group.count)}"
            }.joined(separator: "-?")
        }
        return Pattern(#"(?<![\p{L}\p{N}@/.-])(?:"# + alternatives.joined(separator: "|") + #")(?![\p{L}\p{N}]|-\p{L}|-\p{N})"#)
    }()

    private static let months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
        + "|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
    /// 12-03-1978, 12/3/78, 12.03.1978, 12 maart 1978, 12 mrt. '78, 3 mei.
    private static let date = Pattern(#"(?<![\p{L}\p{N}])(?:\d{1,2}([-./])\d{1,2}\1(?:\d{4}|\d{2})|\d{1,2}(?:e|ste|de)?\s(?i:"#
        + months + #")\.?(?:\s(?:\d{4}|['’]\d{2}))?)(?![\p{L}\p{N}])"#)
    /// A year after `geboren (in)`, `geboortejaar`, `bouwjaar` excepted.
    private static let birthYear = Pattern(#"(?i:geboren|geb\.|geboortejaar|geboortedatum)(?::|\s)\s*(?:in\s|op\s)?((?:19|20)\d{2})(?!\p{N})"#)
    private static let birthCues = ["geboren", "geb.", "geboortedatum", "geboortedag", "verjaardag", "jarig", "verjaar",
                                    "geboorte", "ter wereld", "gebdat", "geb.datum", "dob"]
    /// An age in words next to a date: "40 geworden", "werd ik 52", "52 jaar oud".
    private static let ageNearDate = Pattern(#"(?i:\b\d{1,3}\s(?:jaar\s)?(?:geworden|oud|werd)|(?:werd|word|ben|wordt)\s(?:ik\s|hij\s|zij\s)?\d{1,3}(?:\s?jaar)?\b|\(\d{2}\)|\b\d{2}\s?jaar\b|leeftijd)"#)

    /// Dates of birth: a date after a cue (`geboren`, `verjaardag`) or next to an age ("werd ik
    /// 40 op 3 mei"), a year after `geboren`, and a full date with a year between 1920 and
    /// 2010 (incidents are recent; such a date in an answer is nearly always a birth).
    /// Words before a year of birth (`geboren 1978`).
    static let yearCues: Set<String> = ["geboren", "geb", "geboortejaar", "geboortedatum"]

    static func birthDateRanges(in text: String, _ ns: NSString, words: TextWords) -> [(Range<Int>, String)] {
        var result: [(Range<Int>, String)] = []
        let all = NSRange(location: 0, length: ns.length)
        let dates = date.regex.matches(in: text, range: all)
        let ages = dates.isEmpty ? [] : ageNearDate.regex.matches(in: text, range: all).map { $0.range.location..<($0.range.location + $0.range.length) }
        for m in dates {
            let r = m.range.location..<(m.range.location + m.range.length)
            let written = ns.substring(with: m.range)
            let year = written.split(whereSeparator: { !$0.isNumber }).last.flatMap { Int($0) }
            let fullYear = year.map { $0 >= 1000 ? $0 : nil } ?? nil
            if hasCue(birthCues, before: r.lowerBound, in: ns, within: 45) || hasCue(["jarig", "verjaardag", "geboren"], after: r.upperBound, in: ns, within: 20) {
                result.append((r, "datum bij ‘geboren’ of verjaardag"))
            } else if ages.contains(where: { $0.upperBound >= r.lowerBound - 25 && $0.lowerBound <= r.upperBound + 25 }) {
                result.append((r, "leeftijd met datum"))
            } else if let fullYear, (1920...2010).contains(fullYear), written.split(whereSeparator: { !$0.isNumber && !$0.isLetter }).count >= 3 {
                result.append((r, "volledige datum van vóór 2011"))
            }
        }
        for m in words.hasAny(.yearCue) ? birthYear.regex.matches(in: text, range: all) : [] {
            let g = m.range(at: 1)
            result.append((g.location..<(g.location + g.length), "geboortejaar"))
        }
        return result
    }

    /// Sites where a path names a person's own page.
    private static let socialSites = ["facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "tiktok.com",
                                      "linkedin.com", "youtube.com", "threads.net", "bsky.app", "snapchat.com", "t.me",
                                      "reddit.com", "mastodon.social", "pinterest.com", "github.com", "telegram.me"]
    private static let url = Pattern(#"(?<![\p{L}\p{N}@])(?:https?://)?(?:www\.)?((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(/[^\s,;)\]"'”’]*)?"#)
    /// `@handle` that is not part of an e-mail address.
    private static let handle = Pattern(#"(?<![\p{L}\p{N}._%+@-])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)"#)

    /// Social-media handles, and links to a person: a social site with a path
    /// (`instagram.com/jandevries`) or any site whose name or path holds a person's name
    /// (`www.pietdevries.nl`). An organisation's site (`politie.nl`, `nos.nl/artikel/…`) is no finding.
    static func accountRanges(in text: String, _ ns: NSString) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let all = NSRange(location: 0, length: ns.length)
        for m in handle.regex.matches(in: text, range: all) {
            let name = ns.substring(with: m.range).dropFirst().lowercased()
            if organisationHandles.contains(where: { name.hasPrefix($0) }) { continue }
            result.append(m.range.location..<(m.range.location + m.range.length))
        }
        for m in url.regex.matches(in: text, range: all) {
            let host = ns.substring(with: m.range(at: 1)).lowercased()
            let path = m.range(at: 2).location == NSNotFound ? "" : ns.substring(with: m.range(at: 2))
            let explicit = ns.substring(with: m.range).lowercased().hasPrefix("http") || ns.substring(with: m.range).lowercased().hasPrefix("www.")
            guard explicit || topLevelDomains.contains(String(host.split(separator: ".").last ?? "")) else { continue }
            var r = m.range.location..<(m.range.location + m.range.length)
            // A sentence's full stop is not part of the link.
            while r.upperBound > r.lowerBound, [".", ":", "!", "?"].contains(ns.substring(with: NSRange(location: r.upperBound - 1, length: 1))) {
                r = r.lowerBound..<(r.upperBound - 1)
            }
            let site = socialSites.contains { host == $0 || host.hasSuffix("." + $0) }
            // A group, page of events or search on a social site is no person.
            let personal = site ? path.count > 1 && !sharedPages.contains { path.lowercased().hasPrefix($0) } : containsPersonName(host: host, path: path)
            if personal { result.append(r) }
        }
        return result
    }

    private static let sharedPages = ["/groups", "/events", "/hashtag", "/search", "/explore", "/watch", "/r/", "/share"]
    /// Handles of organisations (`@politie`, `@gemeenteutrecht`), by how they start.
    private static let organisationHandles = ["politie", "gemeente", "provincie", "waterschap", "rijksoverheid", "minbzk", "nos", "rtl",
                                              "omroep", "nu_nl", "nunl", "telegraaf", "volkskrant", "nrc", "ad_nl", "vng", "ipo", "uvw",
                                              "ggd", "brandweer", "defensie", "koninklijkhuis", "tweedekamer", "eerstekamer", "ombudsman"]
    /// Mailboxes of an organisation, by their local part.
    private static let functionalMailboxes: Set<String> = [
        "info", "integriteit", "griffie", "secretariaat", "contact", "post", "postbus", "meldpunt", "klantcontact", "noreply",
        "no-reply", "helpdesk", "servicedesk", "support", "redactie", "communicatie", "pers", "persvoorlichting", "receptie",
        "bestuurssecretariaat", "vertrouwenspersoon", "veiligheid", "klachten", "melding", "meldingen", "gemeente", "raad",
        "privacy", "fg", "avg", "bureau", "administratie", "service", "balie",
    ]

    /// An organisation's mailbox: `integriteit@…`, `griffie@…`, `info@…`.
    static func isFunctionalMailbox(_ address: String) -> Bool {
        guard let local = address.split(separator: "@").first?.lowercased() else { return false }
        return functionalMailboxes.contains(local)
    }

    private static let topLevelDomains: Set<String> = ["nl", "com", "be", "org", "net", "eu", "me", "app", "social", "info", "io", "frl"]

    /// Whether a site's name or path holds a first name and a surname, or a surname of six or
    /// more letters (`jandevries.nl`, `/wethouder-jansen`).
    private static func containsPersonName(host: String, path: String) -> Bool {
        let label = host.split(separator: ".").dropLast().last.map(String.init) ?? ""
        let plainLabel = label.replacingOccurrences(of: "-", with: "")
        for first in firstNamesLowered where first.count >= 3 && plainLabel.hasPrefix(first) {
            let rest = String(plainLabel.dropFirst(first.count))
            if surnamesJoined.contains(rest) { return true }
        }
        if surnamesJoined.contains(plainLabel), plainLabel.count >= 6 { return true }
        let pieces = path.lowercased().split(whereSeparator: { !$0.isLetter })
        return pieces.contains { surnamesJoined.contains(String($0)) && $0.count >= 5 && !ordinaryNamesLowered.contains(String($0)) }
    }

    static let firstNamesLowered: [String] = DutchNames.firstNames.map { $0.lowercased() }.sorted { $0.count > $1.count }
    /// Surnames lower-cased with particles and spaces removed (`devries`).
    static let surnamesJoined: Set<String> = Set(DutchNames.surnames.map { $0.lowercased().filter(\.isLetter) })
    static let ordinaryNamesLowered: Set<String> = Set(DutchNames.ordinaryWords.map { $0.lowercased().filter(\.isLetter) })

    /// Where a place is the respondent's home ("ik woon in Lunteren", "in ons dorp Ede"): the
    /// place, a known municipality or a capitalised name.
    private static let residence = Pattern(#"(?<![\p{L}'’-])(?i:ik\swoon(?:de)?\s(?:hier\s|daar\s|nu\s)?(?:al\s\d+\sjaar,?\s)?(?:in|te)|wij\swonen\s(?:in|te)|mijn\swoonplaats(?:\sis)?|woonachtig\s(?:in|te)|wonend\s(?:in|te)|mijn\s(?:dorp|stad|woonplaats|wijk)|ons\s(?:dorp|stadje|stad)|in\smijn\s(?:dorp|stad|wijk)|thuis\sin|bij\sons\sin|hier\sin|ik\skom\suit|woon\s(?:in|te))(?:\s|,\s)(\p{Lu}[\p{L}'’-]+(?:\s(?:aan|op|en|de|den|bij|in|a/d)\s\p{Lu}[\p{L}'’-]+|\s\p{Lu}[\p{L}'’-]+)?)"#)

    /// A place after a postcode: the town of an address (1234 AB Leek).
    private static let placeAfterPostcode = Pattern(#"^,?\s(\p{Lu}[\p{L}'’-]+(?:\s(?:aan|op|en|de|den|bij|in|a/d)\s\p{Lu}[\p{L}'’-]+|\s\p{Lu}[\p{L}'’-]+)?)"#)

    /// Places named where the text says they are home, or as the town of an address.
    /// The words one of which `residence` needs, each a whole word (it starts after a non-letter
    /// and ends at a space or comma): without one of them the pattern cannot match, and most
    /// answers have none.
    static let residenceAnchors: Set<String> = ["woon", "woonde", "wonen", "woonplaats", "woonachtig", "wonend", "dorp", "stad",
                                                "stadje", "wijk", "thuis", "ons", "hier", "kom"]

    static func residenceRanges(in text: String, _ ns: NSString, places: [Range<Int>], postcodes: [Range<Int>], words: TextWords) -> [Range<Int>] {
        let all = words.hasAny(.residenceAnchor, capitalisedWithin: 6)
            ? residence.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) : []
        let afterPostcodes = postcodes.compactMap { postcode -> NSTextCheckingResult? in
            let rest = NSRange(location: postcode.upperBound, length: ns.length - postcode.upperBound)
            return placeAfterPostcode.regex.firstMatch(in: text, range: rest)
        }
        return (all + afterPostcodes).compactMap { m in
            let g = m.range(at: 1)
            let r = g.location..<(g.location + g.length)
            // A known municipality inside the capture is the place itself (ik woon in Ede en …).
            if let place = places.first(where: { $0.lowerBound == r.lowerBound }) { return place }
            let word = ns.substring(with: g)
            return notPlaces.contains(word) ? nil : r
        }
    }

    /// "ik woon daar twee straten verderop": the place named last before it is the home.
    private static let homeThere = Pattern(#"(?i:\b(?:ik\swoon|wij\swonen|we\swonen)\s(?:daar|er|hier)\b|\b(?:daar|hier)\swoon\s(?:ik|wij|we)\b)"#)

    /// The place named last before "ik woon daar", if any.
    static func placeReferredToAsHome(in text: String, _ ns: NSString, places: [Range<Int>], words: TextWords) -> Range<Int>? {
        guard !places.isEmpty, words.hasAny(.home), let cue = homeThere.regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return places.last { $0.upperBound <= cue.range.location }
    }

    private static let notPlaces: Set<String> = ["Nederland", "Europa", "Randstad", "Holland", "België", "Den", "De", "Het"]
}
