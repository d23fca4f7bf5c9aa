import Foundation
import Testing

/// `duiding screen`, `export --what texts --redact` and the attribution's risk in `quotes`,
/// through the built binary.
@Suite("Command line: screening for personal data", .serialized)
struct PrivacyCLITests {
    static let answers = """
    id,functie,bestuurslaag,text
    R1,dijkgraaf,waterschap,"Ik ben voorzichtiger geworden sinds ze mijn kenteken 12-ABC-3 online zetten, geboren 3 mei 1970 erbij."
    R2,raadslid,gemeente,Ik ben voorzichtiger geworden met wat ik zeg in de raad.
    R3,raadslid,gemeente,Ik ben voorzichtiger geworden op sociale media.
    R4,raadslid,gemeente,Ik ben voorzichtiger geworden met uitspraken over handhaving.
    R5,raadslid,gemeente,Ik ben voorzichtiger geworden in debatten.
    R6,raadslid,gemeente,Ik ben voorzichtiger geworden als ik alleen over straat ga.
    R7,heemraad,waterschap,Het weer was mooi.
    R8,heemraad,waterschap,Het weer was mooi en zonnig.
    R9,heemraad,waterschap,Het weer was mooi vandaag.
    R10,heemraad,waterschap,Het weer was mooi gisteren.

    """

    @Test func screenListsKindSpanAndRedaction() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("a.csv", Self.answers)
        let run = try DuidingBinary.run(["screen", input, "--format", "csv"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        #expect(rows.first == ["id", "kind", "risk", "reason", "utf16_start", "utf16_end", "text", "placeholder", "redacted"])
        let text = "Ik ben voorzichtiger geworden sinds ze mijn kenteken 12-ABC-3 online zetten, geboren 3 mei 1970 erbij."
        let redacted = "Ik ben voorzichtiger geworden sinds ze mijn kenteken [kenteken] online zetten, geboren [geboortedatum] erbij."
        let start = text.utf16.count - " erbij.".utf16.count - "3 mei 1970".utf16.count
        #expect(Array(rows.dropFirst()) == [
            ["R1", "licencePlate", "hoog", "direct herleidbaar", "53", "61", "12-ABC-3", "[kenteken]", redacted],
            ["R1", "birthDate", "hoog", "datum bij ‘geboren’ of verjaardag", String(start), String(start + 10), "3 mei 1970", "[geboortedatum]", redacted],
        ])
        let human = try DuidingBinary.run(["screen", input], in: dir.url)
        #expect(human.stdout.hasPrefix("1 of 10 answers contain possible personal data"), "\(human.stdout)")
        #expect(human.stdout.contains("licencePlate [hoog: direct herleidbaar] 53..<61 «12-ABC-3»"))
        let onlyPlates = try DuidingBinary.run(["screen", input, "--kinds", "kenteken", "--format", "csv"], in: dir.url)
        #expect(parseCSV(onlyPlates.stdout).dropFirst().map { $0[1] } == ["licencePlate"])
    }

    @Test func screeningAProjectNeverChangesIt() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("a.csv", Self.answers)
        let project = dir.url.appendingPathComponent("p.duiding").path
        #expect(try DuidingBinary.run(["init", project], in: dir.url).status == 0)
        #expect(try DuidingBinary.run(["import", project, input], in: dir.url).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: project))
        let run = try DuidingBinary.run(["screen", project, "--format", "csv"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(parseCSV(run.stdout).count == 3)
        let texts = try DuidingBinary.run(["export", project, "--what", "texts", "--redact"], in: dir.url)
        #expect(texts.status == 0, "stderr: \(texts.stderr)")
        #expect(parseCSV(texts.stdout).first { $0.first == "R1" }?[2].contains("[kenteken]") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: project)) == before)
        let plain = try DuidingBinary.run(["export", project, "--what", "texts"], in: dir.url)
        #expect(parseCSV(plain.stdout).first { $0.first == "R1" }?[2].contains("12-ABC-3") == true)
    }

    @Test func quotesFlagASmallGroupAndProposeACoarserAttribution() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("a.csv", Self.answers)
        let base = ["quotes", input, "--codebook", TestSupport.defaultCodebookPath, "--attribute", "functie", "--attribute", "bestuurslaag"]
        let run = try DuidingBinary.run(base + ["--format", "csv", "--per-theme", "10"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        let r1 = try #require(rows.first { $0.count == 8 && $0[1] == "R1" })
        // One dijkgraaf; the bestuurders of a waterschap (dijkgraaf and four heemraden) are five.
        #expect(Array(r1[5...]) == ["Dijkgraaf, waterschap", "1", "Bestuurder, waterschap"])
        let r2 = try #require(rows.first { $0.count == 8 && $0[1] == "R2" })
        #expect(Array(r2[5...]) == ["Raadslid, gemeente", "5", ""])
        let md = try DuidingBinary.run(base + ["--per-theme", "10"], in: dir.url)
        #expect(md.stdout.contains("_Let op: kleine groep: toeschrijving gedeeld door 1 respondent; 21 in het land; voorstel: (Bestuurder, waterschap)_"), "\(md.stdout)")
        let redacted = try DuidingBinary.run(base + ["--per-theme", "10", "--redact"], in: dir.url)
        #expect(redacted.stdout.contains("1 citaat heeft een toeschrijving die weinig respondenten delen"), "\(redacted.stdout)")
        #expect(!redacted.stdout.contains("De citaten staan er letterlijk"), "a redacted chapter says nothing of verbatim personal data")
        #expect(redacted.stdout.contains("kenteken \\[kenteken\\] online zetten, geboren \\[geboortedatum\\] erbij.” (Bestuurder, waterschap)"),
                "\(redacted.stdout)")
        // A stricter threshold flags the raadsleden too; five volksvertegenwoordigers are still too few.
        let strict = try DuidingBinary.run(base + ["--format", "csv", "--per-theme", "10", "--min-group", "6"], in: dir.url)
        #expect(parseCSV(strict.stdout).first { $0.count == 8 && $0[1] == "R2" }?[7] == "geen toeschrijving")
    }

    @Test func badSettingsAreClearMessages() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("a.csv", Self.answers)
        let cases: [([String], String)] = [
            (["screen", input, "--kinds", "naam,schoenmaat"], "unknown kind of personal data `schoenmaat`"),
            (["screen", input, "--min-risk", "erg"], "--min-risk `erg`: write laag, middel or hoog"),
            (["quotes", input, "--min-group", "0"], "--min-group must be a positive whole number"),
            (["quotes", input, "--min-group", "vijf"], "The value 'vijf' is invalid for '--min-group"),
            (["export", input, "--what", "codes", "--redact"], "--redact is for --what report and --what texts"),
        ]
        for (arguments, message) in cases {
            let run = try DuidingBinary.run(arguments, in: dir.url)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func anAnswerOfMegabytesIsScreenedWithANote() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "Ik ben voorzichtiger geworden. ", count: 70_000) + "Bel 06-12345678."
        let input = try dir.write("a.csv", "id,text\nL1,\(long)\n")
        let run = try DuidingBinary.run(["screen", input, "--format", "csv"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("answer L1 is 2 MB; screened in pieces of 64 K characters"), "\(run.stderr)")
        #expect(parseCSV(run.stdout).dropFirst().map { $0[6] } == ["06-12345678"])
    }
}
