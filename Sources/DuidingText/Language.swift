/// Language resources the tokeniser needs: abbreviations whose final period does not end a
/// clause, and clitics that stand for full words (for matching).
public struct LanguageResources: Sendable {
    /// ICU locale for segmentation, e.g. "nl".
    public let locale: String
    /// Snowball algorithm name, e.g. "dutch".
    public let snowball: String?
    /// Folded abbreviations without their final period ("bv", "bijv", "m.n").
    public let abbreviations: Set<String>
    /// Folded clitic forms and the word they stand for ("m'n" → "mijn", "'t" → "het").
    public let clitics: [String: String]
    /// Single letters that, after an apostrophe at the start of a word, form a clitic ('t, 's).
    public let leadingClitics: Set<String>

    public init(locale: String, snowball: String?, abbreviations: Set<String>,
                clitics: [String: String], leadingClitics: Set<String>) {
        self.locale = locale
        self.snowball = snowball
        self.abbreviations = abbreviations
        self.clitics = clitics
        self.leadingClitics = leadingClitics
    }

    /// Resources for an ISO 639-1 code; languages without a table get ICU segmentation only.
    public static func forLanguage(_ code: String) -> LanguageResources {
        switch code.lowercased() {
        case "nl": return .dutch
        case "en": return LanguageResources(locale: "en", snowball: "english", abbreviations: ["e.g", "i.e", "etc", "vs", "mr", "mrs", "dr"],
                                            clitics: [:], leadingClitics: [])
        default: return LanguageResources(locale: code, snowball: nil, abbreviations: [], clitics: [:], leadingClitics: [])
        }
    }

    /// Dutch: common abbreviations in survey answers and the clitics of spoken Dutch.
    public static let dutch = LanguageResources(
        locale: "nl",
        snowball: "dutch",
        abbreviations: [
            "afd", "bijv", "blz", "bv", "bvb", "ca", "d.m.v", "d.w.z", "dhr", "dr", "drs", "e.a", "e.d",
            "e.e.a", "enz", "etc", "evt", "excl", "i.c.m", "i.p.v", "i.s.m", "i.v.m", "incl", "ing", "ir",
            "jl", "m.a.w", "m.b.t", "m.i", "m.n", "max", "mevr", "min", "mr", "mw", "n.a.v", "n.v.t", "nl",
            "nr", "o.a", "o.b.v", "o.i.d", "oid", "p.p", "prof", "resp", "t.a.v", "t.b.v", "t.o.v", "tel",
            "v.d", "vgl", "vnl", "z.s.m", "zgn", "zg",
        ],
        clitics: [
            "'t": "het", "'s": "des", "'n": "een", "'k": "ik", "'m": "hem", "'r": "haar",
            "m'n": "mijn", "z'n": "zijn", "d'r": "haar", "zo'n": "zo'n", "'ns": "eens",
        ],
        leadingClitics: ["t", "s", "n", "k", "m", "r", "ns"]
    )
}
