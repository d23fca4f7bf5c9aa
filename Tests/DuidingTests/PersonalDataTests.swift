import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport
import DuidingText

@Suite("Personal data")
struct PersonalDataTests {
    let screener = PersonalDataScreener.dutch

    /// (kind, found text) pairs, in text order.
    func found(_ text: String) -> [(PersonalDataKind, String)] {
        let units = Array(text.utf16)
        return screener.findings(in: text).map { ($0.kind, String(decoding: units[$0.utf16Range], as: UTF16.self)) }
    }

    func expectFound(_ text: String, _ expected: [(PersonalDataKind, String)],
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let actual = found(text)
        #expect(actual.map(\.0) == expected.map(\.0) && actual.map(\.1) == expected.map(\.1),
                "\(text): found \(actual)", sourceLocation: sourceLocation)
    }

    @Test func emailAddresses() {
        expectFound("Mail me op jan.de-vries@gemeente.example.nl, dan bel ik terug.", [(.email, "jan.de-vries@gemeente.example.nl")])
        expectFound("Stuur het naar info@raad.nl.", [(.email, "info@raad.nl")])
        // A handle is an account, not an e-mail address; `iemand@` is neither.
        expectFound("Een @mention of iemand@ is geen adres.", [(.account, "@mention")])
    }

    @Test func dutchPhoneNumbers() {
        for number in ["06-12345678", "06 12 34 56 78", "0612345678", "+31 6 12345678", "+31612345678", "0031 6 1234 5678",
                       "010-1234567", "020 123 4567", "(0570) 123456", "+31 (0)10 1234567", "06 - 12345678"] {
            expectFound("Bel me op \(number) als het weer gebeurt.", [(.phone, number)])
        }
        // Dates, times, years and counts are not phone numbers.
        expectFound("Op 06-12-2023 om 10:00 gebeurde het weer.", [])
        expectFound("Op 06-12-2023 10:00 gebeurde het weer.", [])
        expectFound("In 2023 ben ik 3 keer bedreigd, 12 keer uitgescholden.", [])
        expectFound("Ik kreeg 0612345 berichten.", [])
    }

    @Test func postcodes() {
        expectFound("Ze stonden bij mijn huis in 1234 AB, vlak bij het gemeentehuis.", [(.postcode, "1234 AB")])
        expectFound("Postcode 3511AB staat op internet.", [(.postcode, "3511AB")])
        expectFound("Postcode 3511ab staat op internet.", [(.postcode, "3511ab")])
        expectFound("In 2023 en 2024 was het erger.", [])
        expectFound("Ik fiets 1500km per jaar.", [])
        // SS is never used in postcodes.
        expectFound("Ze noemden het 1940 SS en erger.", [])
    }

    @Test func bsnOnlyWhenTheElfproefPasses() {
        // 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 2 = 154 = 14 · 11.
        #expect(PersonalDataScreener.isValidBSN("123456782"))
        #expect(PersonalDataScreener.isValidBSN("111222333"))
        #expect(PersonalDataScreener.isValidBSN("1234.56.782"))
        // 147 is not a multiple of 11.
        #expect(!PersonalDataScreener.isValidBSN("123456789"))
        #expect(!PersonalDataScreener.isValidBSN("000000000"))
        #expect(!PersonalDataScreener.isValidBSN("12345678"))
        expectFound("Mijn BSN is 123456782, dat stond in de brief.", [(.bsn, "123456782")])
        expectFound("Mijn BSN is 1234.56.782.", [(.bsn, "1234.56.782")])
        expectFound("Het dossiernummer is 123456789, zonder BSN.", [])
    }

    @Test func ibanWithMod97Check() {
        #expect(PersonalDataScreener.isValidIBAN("NL91ABNA0417164300"))
        #expect(PersonalDataScreener.isValidIBAN("NL91 ABNA 0417 1643 00"))
        #expect(PersonalDataScreener.isValidIBAN("nl91abna0417164300"))
        #expect(PersonalDataScreener.isValidIBAN("GB82 WEST 1234 5698 7654 32"))
        #expect(!PersonalDataScreener.isValidIBAN("NL91ABNA0417164301"))
        #expect(!PersonalDataScreener.isValidIBAN("NL19ABNA0417164300"))
        #expect(!PersonalDataScreener.isValidIBAN("NL91ABNA"))
        expectFound("Ze eisten geld op NL91ABNA0417164300.", [(.iban, "NL91ABNA0417164300")])
        // The digits of a spaced IBAN are not also reported as a phone number.
        expectFound("Rekening NL91 ABNA 0417 1643 00 stond online.", [(.iban, "NL91 ABNA 0417 1643 00")])
        expectFound("Rekening NL91ABNA0417164301 klopt niet.", [])
    }

    @Test func streetAddresses() {
        expectFound("Ze kwamen naar de Kerkstraat 12 waar ik woon.", [(.address, "Kerkstraat 12")])
        expectFound("Ik woon aan de Dorpsweg 3a, iedereen weet dat.", [(.address, "Dorpsweg 3a")])
        expectFound("Op de Oudegracht 114-2 hangen ze rond.", [(.address, "Oudegracht 114-2")])
        expectFound("Voor mijn huis op de kerkstraat 7 stonden ze.", [(.address, "kerkstraat 7")])
        expectFound("Ze stonden op de Grote Markt 1 te schreeuwen.", [(.address, "Grote Markt 1")])
        expectFound("Ik ben onderweg 2 keer aangesproken.", [])
        expectFound("Op de snelweg 3 keer gevolgd.", [])
    }

    @Test func namesAfterTitles() {
        expectFound("Ik heb het met wethouder Jansen besproken.", [(.name, "Jansen")])
        expectFound("Mevr. A.B. de Vries van de griffie hielp.", [(.name, "A.B. de Vries")])
        expectFound("Meneer Van den Berg belde.", [(.name, "Van den Berg")])
        expectFound("Burgemeester Aboutaleb zei niets.", [(.name, "Aboutaleb")])
        expectFound("Dhr. Bakker-Smit stond erbij.", [(.name, "Bakker-Smit")])
        expectFound("De wethouder zei dat de burgemeester het wist.", [])
        expectFound("Mevrouw de voorzitter, ik ben bang.", [])
        expectFound("Raadslid in Best, vrouw van wethouder In 't Veld.",
                    [(.indirect, "Raadslid in Best"), (.municipality, "Best"), (.name, "In 't Veld")])
        // An office "van" a place or portfolio is not a name; the place still counts.
        expectFound("De wethouder van Financiën en de burgemeester van Utrecht.",
                    [(.indirect, "burgemeester van Utrecht"), (.municipality, "Utrecht")])
        expectFound("Meneer van Houten belde.", [(.name, "van Houten")])
    }

    @Test func municipalities() {
        expectFound("In Amsterdam is het erger dan hier.", [(.municipality, "Amsterdam")])
        expectFound("in amsterdam is het erger", [(.municipality, "amsterdam")])
        expectFound("Raadsleden in Alphen aan den Rijn worden bedreigd.", [(.municipality, "Alphen aan den Rijn")])
        expectFound("Vergaderingen in ’s-Hertogenbosch en Den Haag.", [(.municipality, "’s-Hertogenbosch"), (.municipality, "Den Haag")])
        expectFound("Wij in Súdwest-Fryslân en zij in Sudwest-Fryslan.", [(.municipality, "Súdwest-Fryslân"), (.municipality, "Sudwest-Fryslan")])
        // Longest name wins: Bergen op Zoom, not Bergen.
        expectFound("Ik woon in Bergen op Zoom.", [(.residence, "Bergen op Zoom")])
        // Names that are ordinary words: only capitalised and not opening a sentence.
        expectFound("Best eng soms. Mijn buren helpen, het houten hek ook.", [])
        expectFound("Ik ben raadslid in Best en werk in Houten.",
                    [(.indirect, "raadslid in Best"), (.municipality, "Best"), (.municipality, "Houten")])
        expectFound("Groningers, Amsterdammers: iedereen.", [])
    }

    @Test func municipalityListIsComplete() {
        // 342 municipalities on 1 January 2024; Bergen (Noord-Holland) and Bergen (Limburg) share a name.
        #expect(DutchMunicipalities.names.count == 342)
        #expect(Set(DutchMunicipalities.names).count == 341)
        for name in ["Dijk en Waard", "Land van Cuijk", "Maashorst", "Voorne aan Zee", "Eemsdelta", "Vijfheerenlanden"] {
            #expect(DutchMunicipalities.names.contains(name))
        }
        for merged in ["Weesp", "Beemster", "Uden", "Brielle", "Haaren", "Appingedam"] {
            #expect(!DutchMunicipalities.names.contains(merged))
        }
        #expect(DutchMunicipalities.ordinaryWords.isSubset(of: Set(DutchMunicipalities.names)))
    }

    @Test func rangesAreUTF16AndRedactionIsAProposal() {
        let text = "👍🏽 Mail jan@example.nl of bel 06-12345678 (wethouder Jansen, Utrecht)."
        let findings = screener.findings(in: text)
        #expect(findings.map(\.kind) == [.email, .phone, .indirect, .name, .municipality])
        // The emoji is four UTF-16 units, then a space and "Mail ".
        #expect(findings.first?.utf16Range == 10..<24)
        #expect(PersonalDataScreener.redacted(text, findings: findings)
            == "👍🏽 Mail [e-mail] of bel [telefoon] (wethouder [naam], [gemeente]).")
        #expect(screener.findings(in: "Ik ben voorzichtiger geworden met wat ik zeg.").isEmpty)
    }
}

@Suite("Quotes with personal data")
struct QuotePersonalDataTests {
    let coder: Coder
    let tokenizer: Tokenizer

    init() throws {
        coder = try TestSupport.coder(inlineCodebook([("caution", ["voorzicht*"], [])]))
        tokenizer = try Tokenizer(language: .dutch)
    }

    func select(_ texts: [(id: String, text: String)], perCode: Int, penalty: Double? = nil) throws -> [Quote] {
        let candidates = try texts.map { t in
            QuoteCandidate(unitID: t.id, document: try Document(t.text, tokenizer: tokenizer), suggestions: try coder.code(t.text),
                           attribution: "")
        }
        var selector = try QuoteSelector(perCode: perCode, language: .dutch)
        if let penalty { selector.personalDataPenalty = penalty }
        return try selector.select(from: candidates, codeCount: 1)[0]
    }

    @Test func flaggedQuoteStaysVerbatimAndCarriesKindsAndProposal() throws {
        let text = "Sinds de dreigmail op jan@example.nl en belletjes naar 06-12345678 ben ik voorzichtiger geworden."
        let quote = try #require(try select([(id: "R1", text: text)], perCode: 3).first)
        #expect(quote.text == text)
        #expect(quote.personalDataKinds == [.email, .phone])
        #expect(quote.proposedRedaction == "Sinds de dreigmail op [e-mail] en belletjes naar [telefoon] ben ik voorzichtiger geworden.")
        #expect(quote.why.contains("persoonsgegevens"))
    }

    @Test(arguments: [
        "Sinds ze bij ons huis in 1234 AB stonden ben ik veel voorzichtiger geworden.",
        "Sinds ze mijn BSN 123456782 online zetten ben ik veel voorzichtiger geworden.",
        "Sinds ze me op 06 12 34 56 78 belden ben ik veel voorzichtiger geworden.",
    ])
    func cleanQuotesArePreferred(flagged: String) throws {
        // On typicality and readability the flagged answer is the best: B is a fragment, C uses a
        // rarer word form. Without the penalty it is chosen; with it, a clean one is.
        let texts = [
            (id: "A", text: flagged),
            (id: "B", text: "voorzichtiger met uitspraken in de raad"),
            (id: "C", text: "Uit voorzichtigheid zeg ik minder dan vroeger in de raad."),
        ]
        #expect(try select(texts, perCode: 1, penalty: 0).map(\.unitID) == ["A"])
        let one = try select(texts, perCode: 1)
        #expect(one.map(\.unitID) != ["A"], "\(one.map(\.unitID))")
        #expect(one.first?.personalData.isEmpty == true)
        // With room for all, the flagged quote comes last and keeps its findings.
        let all = try select(texts, perCode: 3)
        #expect(all.last?.unitID == "A")
        #expect(all.last?.personalData.isEmpty == false)
    }

    @Test func invalidBSNIsNotFlagged() throws {
        let quote = try #require(try select([(id: "R", text: "Mijn dossier 123456789 kwam op straat, ik ben voorzichtiger.")], perCode: 1).first)
        #expect(quote.personalData.isEmpty)
        #expect(quote.proposedRedaction == nil)
    }

    @Test func csvHasPersonalDataColumn() {
        let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [Code(id: "caution", label: "V", include: [])])
        let text = "Mail jan@example.nl of 06-12345678, ik ben voorzichtig."
        let quotes = [[
            Quote(codeIndex: 0, unitID: "R1", text: text, attribution: "", why: "typisch",
                  personalData: PersonalDataScreener.dutch.findings(in: text)),
            Quote(codeIndex: 0, unitID: "R2", text: "Ik ben voorzichtig.", attribution: "", why: "kort"),
        ]]
        let csv = QuoteWriter(quotes: quotes, codebook: codebook, unitsWithCode: [2], unitCount: 2).csv()
        #expect(parseCSV(csv) == [
            ["code", "id", "quote", "why", "personal_data", "attribution", "group_size", "coarser_attribution"],
            ["caution", "R1", text, "typisch", "email;phone", "", "", ""],
            ["caution", "R2", "Ik ben voorzichtig.", "kort", "", "", "", ""],
        ])
    }

    @Test func markdownMarksFlaggedQuotes() {
        let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [Code(id: "caution", label: "Voorzichtigheid", include: [])])
        let text = "Sinds wethouder Jansen belde ben ik voorzichtig."
        let quotes = [[
            Quote(codeIndex: 0, unitID: "R1", text: text, attribution: "raadslid", why: "",
                  personalData: PersonalDataScreener.dutch.findings(in: text)),
            Quote(codeIndex: 0, unitID: "R2", text: "Ik ben voorzichtig.", attribution: "", why: ""),
        ]]
        let md = QuoteWriter(quotes: quotes, codebook: codebook, unitsWithCode: [2], unitCount: 2).markdown()
        #expect(md.contains("- “Sinds wethouder Jansen belde ben ik voorzichtig.” (raadslid)\n"
            + "  - _Let op: bevat mogelijk persoonsgegevens: naam; voorstel: “Sinds wethouder \\[naam\\] belde ben ik voorzichtig.”_\n"), "\(md)")
        #expect(md.contains("- “Ik ben voorzichtig.”\n\n"))
        #expect(md.contains("1 citaat bevat mogelijk persoonsgegevens"))
    }
}
