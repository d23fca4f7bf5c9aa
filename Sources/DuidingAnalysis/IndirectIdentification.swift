import Foundation

// MARK: - Indirect identification

extension PersonalDataScreener {
    /// Public functions that, with a place, a party or a word of uniqueness, point at one
    /// person or a handful (lower case, folded; several words for `commissaris van de koning`).
    static let functions: [[String]] = [
        "burgemeester", "loco-burgemeester", "locoburgemeester", "wethouder", "griffier", "raadsgriffier", "statengriffier",
        "gemeentesecretaris", "provinciesecretaris", "secretaris-directeur", "dijkgraaf", "heemraad", "hoogheemraad",
        "gedeputeerde", "cdk", "gouverneur", "statenlid", "provinciale-statenlid", "raadslid", "gemeenteraadslid",
        "fractievoorzitter", "partijvoorzitter", "lijsttrekker", "commissievoorzitter", "steunfractielid", "burgerraadslid",
        "burgerlid", "ab-lid", "db-lid", "waterschapsbestuurder", "kinderburgemeester", "fractieleider", "afdelingsvoorzitter",
        "ombudsman", "ombudsvrouw", "raadsvoorzitter", "plaatsvervangend griffier", "voorzitter", "ambtenaar", "beleidsmedewerker",
        "handhaver", "boa", "wijkmanager", "directeur", "secretaris", "penningmeester",
    ].map { $0.split(separator: " ").map(String.init) } + [
        ["commissaris", "van", "de", "koning"], ["commissaris", "van", "de", "koningin"], ["commissaris", "der", "koningin"],
        ["voorzitter", "van", "de", "fractie"], ["voorzitter", "van", "de", "raad"], ["lid", "van", "de", "raad"],
        ["lid", "van", "provinciale", "staten"], ["lid", "van", "het", "algemeen", "bestuur"], ["lid", "van", "het", "dagelijks", "bestuur"],
        ["lid", "algemeen", "bestuur"], ["lid", "dagelijks", "bestuur"],
    ]
    /// The words of `functions` as the screener matches them: first word → phrases, longest first.
    private static let functionsByFirst: [String: [[String]]] = Dictionary(grouping: functions, by: { $0[0] })
        .mapValues { $0.sorted { $0.count > $1.count } }
    /// First words of functions, so a name is not read into `Jan Wethouder`.
    static let functionWords: Set<String> = Set(functions.map { $0[0] })

    /// Kinds of body `namedBody` starts with.
    static let bodyWords: Set<String> = ["waterschap", "hoogheemraadschap", "wetterskip", "provincie", "gemeente"]
    static let uniqueness: Set<String> = [
        "enige", "enig", "enigste", "eerste", "allereerste", "jongste", "oudste", "langstzittende", "langstzittend", "bekendste",
    ]
    /// Small bodies in which a unique trait points at one person.
    private static let bodies: Set<String> = ["raad", "gemeenteraad", "fractie", "college", "staten", "bestuur", "raadsfractie",
                                              "statenfractie", "coalitie", "oppositie", "provincie", "waterschap", "gemeente", "dorp"]
    static let parties: Set<String> = [
        "VVD", "CDA", "D66", "PvdA", "GroenLinks", "GL", "GroenLinks-PvdA", "GL-PvdA", "SP", "PVV", "BBB", "JA21", "FvD",
        "ChristenUnie", "CU", "SGP", "PvdD", "Volt", "DENK", "50PLUS", "NSC", "BVNL", "Leefbaar", "Partij",
    ]
    private static let provinces: Set<String> = ["groningen", "friesland", "fryslan", "drenthe", "overijssel", "flevoland", "gelderland",
                                                 "utrecht", "noord-holland", "zuid-holland", "zeeland", "noord-brabant", "brabant", "limburg"]
    /// A named water board, province or municipality: "waterschap Rivierenland", "Wetterskip Fryslân", "gemeente Lunteren".
    private static let namedBody = Pattern(#"(?i:waterschap|hoogheemraadschap|wetterskip|provincie|gemeente)\s(\p{Lu}[\p{L}'’-]*(?:\s(?:en|de|van|Aa['’]s|\p{Lu}[\p{L}'’-]*)){0,3})"#)

    /// A function with a place (high: "functie + gemeente"), with a word of uniqueness (high:
    /// "functie + uniek kenmerk"), or with a party (medium: "functie + partij"); and a unique
    /// trait in a small body ("de enige vrouw in de fractie", medium). `places` are the text's
    /// municipalities and homes.
    static func indirectFindings(_ text: TextWords, places: [Range<Int>]) -> [PersonalDataFinding] {
        let string = text.string
        // Without a function or a word of uniqueness there is nothing indirect.
        guard text.hasAny(.function) || text.hasAny(.uniqueness) else { return [] }
        var placeSpans: [(range: Range<Int>, what: String)] = places.map { ($0, "gemeente") }
        for m in text.hasAny(.body, beforeName: ()) ? namedBody.regex.matches(in: string, range: NSRange(location: 0, length: text.units.count)) : [] {
            let g = m.range(at: 1)
            let r = g.location..<(g.location + g.length)
            let body = (string as NSString).substring(with: m.range).lowercased()
            let what = body.hasPrefix("provincie") ? "provincie" : body.hasPrefix("gemeente") ? "gemeente" : "waterschap"
            if !placeSpans.contains(where: { $0.range.overlaps(r) }) { placeSpans.append((r, what)) }
        }
        for i in 0..<text.count where provinces.contains(text.lowered[i]) && text.isCapitalised(i)
            && !placeSpans.contains(where: { $0.range.overlaps(text.spans[i]) }) {
            placeSpans.append((text.spans[i], "provincie"))
        }
        let partyWords = (0..<text.count).filter { parties.contains(text.written[$0]) && text.written[$0] != "Partij" }
        // The functions (first and last word), and the unique traits in a small body.
        var result: [PersonalDataFinding] = []
        var found: [(start: Int, end: Int)] = []
        var i = 0
        while i < text.count {
            if let phrase = functionsByFirst[text.lowered[i]]?.first(where: { p in
                i + p.count <= text.count && Array(text.lowered[i..<(i + p.count)]) == p
            }) {
                found.append((i, i + phrase.count - 1))
                i += phrase.count
            } else if uniqueness.contains(text.lowered[i]), let end = bodyAfterUniqueness(text, from: i) {
                result.append(PersonalDataFinding(kind: .indirect, utf16Range: text.spans[i].lowerBound..<text.spans[end].upperBound,
                                                  risk: .medium, reason: "uniek kenmerk in een kleine groep"))
                i = end + 1
            } else {
                i += 1
            }
        }
        func distance(_ word: Int, _ f: (start: Int, end: Int)) -> Int? {
            let d = word < f.start ? f.start - word : max(0, word - f.end)
            return d <= 8 && !text.sentenceBreak(between: min(word, f.start), and: max(word, f.end)) ? d : nil
        }
        /// The function nearest to a word, if one is near enough.
        func nearest(_ word: Int) -> Int? {
            found.indices.compactMap { k in distance(word, found[k]).map { (k, $0) } }.min { $0.1 < $1.1 }?.0
        }
        var placeOf: [Int: (range: Range<Int>, what: String)] = [:]
        for place in placeSpans {
            guard let w = text.spans.firstIndex(where: { $0.lowerBound >= place.range.lowerBound }), let k = nearest(w), placeOf[k] == nil else { continue }
            placeOf[k] = place
        }
        var partyOf: [Int: Int] = [:]
        for w in partyWords { if let k = nearest(w), partyOf[k] == nil { partyOf[k] = w } }
        for (k, f) in found.enumerated() {
            var parts: [String] = []
            var span = text.spans[f.start].lowerBound..<text.spans[f.end].upperBound
            func widen(_ r: Range<Int>) { span = min(span.lowerBound, r.lowerBound)..<max(span.upperBound, r.upperBound) }
            if let place = placeOf[k] {
                parts.append(place.what)
                widen(place.range)
            }
            // "de enige vrouwelijke wethouder": only inflected adjectives between (not "de eerste keer als wethouder").
            if let unique = (max(0, f.start - 3)..<f.start).last(where: { u in
                uniqueness.contains(text.lowered[u]) && !text.sentenceBreak(between: u, and: f.start)
                    && text.lowered[(u + 1)..<f.start].allSatisfy { $0.hasSuffix("e") || $0 == "en" }
            }) {
                parts.append("uniek kenmerk")
                widen(text.spans[unique])
            } else if let als = (max(0, f.start - 8)..<min(text.count - 1, f.end + 8)).first(where: {
                text.lowered[$0] == "als" && text.lowered[$0 + 1] == "enige" && distance($0, f) != nil
            }) {
                parts.append("uniek kenmerk")
                widen(text.spans[als].lowerBound..<text.spans[als + 1].upperBound)
            }
            if let party = partyOf[k] {
                parts.append("partij")
                widen(text.spans[party])
            }
            if !parts.isEmpty {
                result.append(PersonalDataFinding(kind: .indirect, utf16Range: span, risk: parts == ["partij"] ? .medium : .high,
                                                  reason: (["functie"] + parts).joined(separator: " + ")))
            }
        }
        // Overlapping indirect findings (two functions sharing a place) become one.
        var merged: [PersonalDataFinding] = []
        for f in result.sorted(by: { $0.utf16Range.lowerBound < $1.utf16Range.lowerBound }) {
            if let last = merged.last, last.utf16Range.overlaps(f.utf16Range) {
                merged[merged.count - 1] = PersonalDataFinding(
                    kind: .indirect, utf16Range: last.utf16Range.lowerBound..<max(last.utf16Range.upperBound, f.utf16Range.upperBound),
                    risk: max(last.risk, f.risk), reason: last.risk >= f.risk ? last.reason : f.reason)
            } else {
                merged.append(f)
            }
        }
        return merged
    }

    /// "enige vrouw in de fractie": a word of uniqueness, up to three words, then in/van/binnen,
    /// an article and a small body. The index of the body's word, or nil.
    private static func bodyAfterUniqueness(_ text: TextWords, from i: Int) -> Int? {
        guard i + 3 < text.count else { return nil }
        for j in (i + 2)..<min(text.count - 1, i + 6) where ["in", "van", "binnen", "uit"].contains(text.lowered[j]) {
            let k = ["de", "het", "onze", "ons", "mijn", "deze"].contains(text.lowered[j + 1]) ? j + 2 : j + 1
            guard k < text.count, !text.sentenceBreak(between: i, and: k) else { return nil }
            return bodies.contains(text.lowered[k]) ? k : nil
        }
        return nil
    }
}
