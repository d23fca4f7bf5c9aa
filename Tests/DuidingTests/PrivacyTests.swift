import Foundation
import Testing
@testable import DuidingAnalysis
import DuidingProject

/// The kinds added for issue 15, each with positives and hard negatives, and the attribution's
/// own risk.
@Suite("Personal data: the kinds of issue 15")
struct PrivacyKindTests {
    let screener = PersonalDataScreener.dutch

    func found(_ text: String, _ kind: PersonalDataKind) -> [String] {
        screener.findings(in: text).filter { $0.kind == kind }.map { text.utf16Substring($0.utf16Range) }
    }

    @Test func datesOfBirth() {
        #expect(found("Ik ben geboren op 12 maart 1978 in Zwolle.", .birthDate) == ["12 maart 1978"])
        #expect(found("Mijn geboortedatum (23/06/1958) stond op het briefje.", .birthDate) == ["23/06/1958"])
        #expect(found("Ze wisten dat ik op 9 februari jarig ben.", .birthDate) == ["9 februari"])
        #expect(found("Op 3 mei werd ik 50, en toen stond er een taart met een kogel.", .birthDate) == ["3 mei"])
        #expect(found("Ze zetten 12-03-1971 bij mijn naam online.", .birthDate) == ["12-03-1971"])
        // Incidents, ages without a date, a birth year alone.
        #expect(found("Op 14 maart 2023 werd ik bedreigd.", .birthDate).isEmpty)
        #expect(found("Op 12 november 2022 beëdigd, een week later de eerste mail.", .birthDate).isEmpty)
        #expect(found("Ik ben 58 en heb twee kinderen van 8 en 11.", .birthDate).isEmpty)
        #expect(found("Sinds 1 januari ben ik voorzichtiger.", .birthDate).isEmpty)
    }

    @Test func licencePlatesInEverySidecode() {
        let plates = ["AB-12-34", "12-34-AB", "12-AB-34", "AB-12-CD", "AB-CD-12", "12-AB-CD", "12-ABC-3", "1-ABC-23",
                      "AB-123-C", "A-123-BC", "ABC-12-D", "A-12-BCD", "1-AB-234", "123-AB-4"]
        for plate in plates {
            #expect(found("Een auto met \(plate) reed me achterna.", .licencePlate) == [plate], "\(plate)")
        }
        #expect(found("Het kenteken was HN573V, dat heb ik doorgegeven.", .licencePlate) == ["HN573V"])
        // Roads, amounts, case numbers and a plate-like word without a cue.
        #expect(found("Op de A28 en de A7 werd ik gevolgd, schade 1200 EUR.", .licencePlate).isEmpty)
        #expect(found("Zaaknummer 2023-118427 en 10/960123-23.", .licencePlate).isEmpty)
        #expect(found("Mijn code is ab12cd voor de app.", .licencePlate).isEmpty)
        // Without a cue: dashed plates, also with one dash left out, are found on their own.
        for plate in plates + ["AB-CD12", "12AB-CD"] {
            #expect(found("Ze zetten \(plate) online.", .licencePlate) == [plate], "\(plate)")
        }
        // A cue inside a compound, in a text without any dash.
        #expect(found("De vrachtwagen HN573V stond elke avond voor mijn deur.", .licencePlate) == ["HN573V"])
    }

    /// The screener's words: UTF-16 ranges of letters with their marks, inner hyphens and
    /// apostrophes, and a leading 's-; offsets stay right after characters outside the BMP.
    @Test func wordsAreSplitAsTheScreenerNeedsThem() {
        func words(_ text: String) -> [String] { PersonalDataScreener.words(in: text).map { text.utf16Substring($0) } }
        #expect(words("In 's-Hertogenbosch, auto's en privé-adres.") == ["In", "'s-Hertogenbosch", "auto's", "en", "privé-adres"])
        // A trailing hyphen ends a word; only 's- opens one with an apostrophe.
        #expect(words("zorg- en welzijn -- ’t Zandt") == ["zorg", "en", "welzijn", "t", "Zandt"])
        #expect(words("😀Jan 𝒜bc Zoe\u{0308}") == ["Jan", "𝒜bc", "Zoe\u{0308}"])
        #expect(words("") == [] && words("12 -- !!") == [])
    }

    @Test func aHomeNamedFiveWordsAfterItsCue() {
        #expect(found("Ik woonde daar al 30 jaar, in Lunteren, en nu niet meer.", .residence) == ["Lunteren"])
        #expect(found("Bij ons in Leek is het rustig.", .residence) == ["Leek"])
        #expect(found("Hier in de buurt kent iedereen ons.", .residence).isEmpty)
    }

    @Test func accountsPointingAtAPerson() {
        #expect(found("Hij zit op Instagram als @boerboos_1974.", .account) == ["@boerboos_1974"])
        #expect(found("Mijn profiel facebook.com/karin.hoekstra.3 werd gedeeld.", .account) == ["facebook.com/karin.hoekstra.3"])
        #expect(found("Er is een site www.pietvermeulen.nl over mij.", .account) == ["www.pietvermeulen.nl"])
        // Organisations, groups, platforms without a value, e-mail addresses.
        #expect(found("Kijk op politie.nl of volg @politie.", .account).isEmpty)
        #expect(found("Er is een groep facebook.com/groups/wegmetdewethouder.", .account).isEmpty)
        #expect(found("Via Twitter en op Facebook kreeg ik berichten.", .account).isEmpty)
        #expect(found("Mail wreker1984@gmail.com niet terug.", .account).isEmpty)
    }

    @Test func namesWithoutATitle() {
        #expect(found("Toen belde Dennis Bouma weer.", .name) == ["Dennis Bouma"])
        #expect(found("Mijn dochter Sanne durft niet meer alleen naar school.", .name) == ["Sanne"])
        #expect(found("Het was A. de Groot die het filmde.", .name) == ["A. de Groot"])
        #expect(found("De buurman, Brouwer, heeft het gezien.", .name) == ["Brouwer"])
        #expect(found("Gisteren stond de Vries weer voor de deur.", .name) == ["de Vries"])
        // Shops, idioms, ordinary words opening a sentence, the King.
        #expect(found("Bij de Bakker om de hoek werd ik uitgescholden.", .name).isEmpty)
        #expect(found("Het is Jan en alleman die je uitscheldt.", .name).isEmpty)
        #expect(found("Roos verwelkt. Ben ik bang? Soms.", .name).isEmpty)
        #expect(found("De commissaris van de Koning sprak ons toe.", .name).isEmpty)
    }

    @Test func homePlaces() {
        #expect(found("Ik woon in Lunteren, dat weten ze.", .residence) == ["Lunteren"])
        #expect(found("Ik woon hier al 30 jaar, in Nieuw-Buinen, nooit iets gehad.", .residence) == ["Nieuw-Buinen"])
        #expect(found("Mijn adres, Kerkweg 3a, 7461 BG Rijssen, stond online.", .residence) == ["Rijssen"])
        #expect(found("Hij wachtte bij de Jumbo in Hoogeveen. Ik woon daar twee straten verderop.", .residence) == ["Hoogeveen"])
        // Where something happened, regions, the country.
        #expect(found("Bij een bijeenkomst in Zwolle werd er een ei gegooid.", .residence).isEmpty)
        #expect(found("Ik woon in Nederland en werk in de Randstad.", .residence).isEmpty)
    }

    @Test func indirectIdentificationIsRankedWithItsReason() {
        let cases: [(String, String, String, PersonalDataRisk)] = [
            ("Als burgemeester van Vaals word ik herkend.", "burgemeester van Vaals", "functie + gemeente", .high),
            ("Ik ben de jongste wethouder van het land.", "jongste wethouder", "functie + uniek kenmerk", .high),
            ("Als dijkgraaf van waterschap Vechtstromen sta ik in de krant.", "dijkgraaf van waterschap Vechtstromen", "functie + waterschap", .high),
            ("Ik ben gedeputeerde van Zeeland.", "gedeputeerde van Zeeland", "functie + provincie", .high),
            ("Als fractievoorzitter van de SGP krijg ik veel mail.", "fractievoorzitter van de SGP", "functie + partij", .medium),
            ("Ik ben de enige vrouw in de fractie.", "enige vrouw in de fractie", "uniek kenmerk in een kleine groep", .medium),
        ]
        for (text, span, reason, risk) in cases {
            let indirect = screener.findings(in: text).filter { $0.kind == .indirect }
            #expect(indirect.map { text.utf16Substring($0.utf16Range) } == [span], "\(text)")
            #expect(indirect.first?.reason == reason, "\(text)")
            #expect(indirect.first?.risk == risk, "\(text)")
        }
        // A function alone, an institution with a place, "the first time as …".
        for text in ["De burgemeester zei niets.", "Als wethouder let ik op.", "De Commissaris van de Koning belde.",
                     "De politie van Amsterdam kwam langs.", "Mijn vader was burgemeester.", "De eerste keer als raadslid was het eng."] {
            #expect(screener.findings(in: text).filter { $0.kind == .indirect }.isEmpty, "\(text)")
        }
    }

    @Test func redactionKeepsTheFunctionAndHidesThePlace() {
        let text = "Als burgemeester van Vaals, geboren op 2 mei 1970, ben ik bekend."
        #expect(PersonalDataScreener.redacted(text, findings: screener.findings(in: text))
            == "Als burgemeester van [gemeente], geboren op [geboortedatum], ben ik bekend.")
        let unique = "Ik ben de jongste wethouder."
        #expect(PersonalDataScreener.redacted(unique, findings: screener.findings(in: unique)) == "Ik ben de [functie].")
    }

    @Test func kindsAreNamedInRawOrDutch() throws {
        #expect(try Screening.kinds(parsing: ["naam,geboortedatum", "licencePlate"]) == [.name, .birthDate, .licencePlate])
        #expect(PersonalDataKind(named: "Woonplaats") == .residence)
        #expect(throws: SelectionError.self) { try Screening.kinds(parsing: ["naam,schoenmaat"]) }
        do {
            _ = try Screening.kinds(parsing: ["schoenmaat"])
        } catch {
            #expect("\(error)".contains("unknown kind of personal data `schoenmaat`; the kinds are email, phone"))
        }
    }

    @Test func aLongAnswerIsScreenedInPiecesWithExactOffsets() {
        let filler = String(repeating: "Ik ben voorzichtiger geworden. ", count: 8_000)  // 248,000 UTF-16 units
        let text = filler + "Bel 06-12345678 of mail jan@example.nl. " + filler + "Kenteken 12-ABC-3."
        let findings = screener.findings(in: text)
        #expect(findings.map(\.kind) == [.phone, .email, .licencePlate])
        #expect(findings.map { text.utf16Substring($0.utf16Range) } == ["06-12345678", "jan@example.nl", "12-ABC-3"])
    }
}

@Suite("Attribution risk")
struct AttributionRiskTests {
    func respondents(_ groups: [(functie: String, laag: String, n: Int)]) -> [[String: String]] {
        groups.flatMap { g in Array(repeating: ["functie": g.functie, "bestuurslaag": g.laag], count: g.n) }
    }

    @Test func aSmallGroupIsFlaggedAndCoarsened() {
        let risk = AttributionRisk(respondents: respondents([("dijkgraaf", "waterschap", 3), ("lid dagelijks bestuur", "waterschap", 4),
                                                             ("lid algemeen bestuur", "waterschap", 10), ("raadslid", "gemeente", 20)]),
                                   columns: ["functie", "bestuurslaag"])
        let dijkgraaf = risk.assess(["functie": "dijkgraaf", "bestuurslaag": "waterschap"])
        #expect(dijkgraaf.groupSize == 3)
        #expect(dijkgraaf.flagged)
        #expect(dijkgraaf.coarser == "Bestuurder, waterschap")
        #expect(dijkgraaf.coarserGroupSize == 7)
        #expect(dijkgraaf.population == 21)
        #expect(dijkgraaf.note == "toeschrijving gedeeld door 3 respondenten; 21 in het land; voorstel: (Bestuurder, waterschap)")
        let raadslid = risk.assess(["functie": "raadslid", "bestuurslaag": "gemeente"])
        #expect(raadslid.groupSize == 20 && !raadslid.flagged && raadslid.coarser == nil)
    }

    @Test func whenTheTypeIsStillTooSmallAColumnIsDropped() {
        let risk = AttributionRisk(respondents: respondents([("gedeputeerde", "provincie", 2), ("raadslid", "gemeente", 20)]),
                                   columns: ["bestuurslaag", "functie"], minGroup: 5)
        let assessed = risk.assess(["functie": "gedeputeerde", "bestuurslaag": "provincie"])
        #expect(assessed.flagged)
        // bestuurder in a provincie: still 2; the provincie alone: 2; no attribution at all: 22.
        #expect(assessed.coarser == "")
        #expect(assessed.coarserGroupSize == 22)
        #expect(assessed.note.hasSuffix("voorstel: geen toeschrijving"))
    }

    @Test func aFunctionFewHoldInTheCountryIsFlaggedWhateverTheSample() {
        let risk = AttributionRisk(respondents: respondents([("commissaris van de Koning", "provincie", 6), ("statenlid", "provincie", 30)]),
                                   columns: ["functie", "bestuurslaag"])
        let cdk = risk.assess(["functie": "commissaris van de Koning", "bestuurslaag": "provincie"])
        #expect(cdk.groupSize == 6 && cdk.population == 12 && cdk.flagged)
        #expect(cdk.coarser == "Bestuurder, provincie")
    }

    @Test func aRedactedQuoteCarriesPlaceholdersAndTheCoarserAttribution() {
        let text = "Sinds wethouder Jansen belde ben ik voorzichtig."
        var quote = Quote(codeIndex: 0, unitID: "R1", text: text, attribution: "dijkgraaf, waterschap", why: "",
                          personalData: PersonalDataScreener.dutch.findings(in: text))
        quote.attributionRisk = AttributionRisk(respondents: respondents([("dijkgraaf", "waterschap", 1), ("heemraad", "waterschap", 6)]),
                                                columns: ["functie", "bestuurslaag"]).assess(["functie": "dijkgraaf", "bestuurslaag": "waterschap"])
        let redacted = quote.redacted()
        #expect(redacted.text == "Sinds wethouder [naam] belde ben ik voorzichtig.")
        #expect(redacted.attribution == "Bestuurder, waterschap")
        #expect(quote.text == text, "the quote itself is unchanged")
    }
}
