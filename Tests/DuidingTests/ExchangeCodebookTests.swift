import DuidingCodebook
@testable import DuidingExchange
import Foundation
import Testing

/// Codebooks to and from REFI-QDA (.qdc), LIWC (.dic) and quanteda (YAML).
@Suite("Exchange: codebooks")
struct ExchangeCodebookTests {
    static let sample = """
        name: Proef
        language: nl
        negation:
          cues: [niet, geen]
          window: 3
        codes:
          - id: caution
            label: Voorzichtigheid
            description: "De respondent is voorzichtiger geworden.\\nTweede regel met \\"quotes\\" en : dubbele punt # hekje"
            include:
              - {pattern: voorzicht*, fuzzy: true}
              - denk|denken * keer na
              - "'s nachts|nachts * wakker"
            exclude:
              - politie|gemeente * voorzicht*
          - id: training_need
            label: Behoefte aan training — één cursus
            include:
              - training+
              - ~cursus
              - niet meer alleen
              - {pattern: op * hoede, gap: 2, negatable: false}
          - id: handmatig
            label: Alleen met de hand
        """

    func loadSample() throws -> Codebook { try CodebookLoader.parse(Self.sample, file: "sample.yml") }

    @Test func slugsFoldDiacriticsAndDedupe() {
        var ids = CodeIDAllocator()
        #expect(ids.allocate(name: "Één Thema!") == "een_thema")
        #expect(ids.allocate(name: "een thema") == "een_thema_2")
        #expect(ids.allocate(name: "Straße & Ærø") == "strasse_aero")
        #expect(ids.allocate(name: "ASSMNT - Affective Outcomes", prefix: "assessments") == "assessments_assmnt-affective_outcomes")
        #expect(ids.allocate(name: "😀") == "code")
        #expect(CodeIDAllocator.isValid(ids.allocate(name: "interesting.places")))
    }

    @Test func qdcRoundTripKeepsIdsLabelsDescriptionsAndPatterns() throws {
        let original = ExchangeCodebook(try loadSample())
        let qdc = REFICodebook.write(original)
        #expect(qdc.warnings.contains { $0.contains("negation") && $0.contains("niet") })
        let dir = try TemporaryDirectory()
        let check = try ExchangeSupport.validate(qdc.text, schema: "Codebook.xsd", in: dir, name: "c.qdc")
        #expect(check.ok, "\(check.output)")
        let back = try REFICodebook.read(data: Data(qdc.text.utf8), file: "c.qdc").codebook
        #expect(back.codes.map(\.id) == original.codes.map(\.id))
        #expect(back.codes.map(\.label) == original.codes.map(\.label))
        #expect(back.codes.map(\.description) == original.codes.map(\.description))
        #expect(back.codes.map(\.include) == original.codes.map(\.include))
        #expect(back.codes.map(\.exclude) == original.codes.map(\.exclude))
        // and the result is a valid Duiding codebook
        let loaded = try back.validated(file: "back.yml")
        #expect(loaded.codes.count == 3)
    }

    @Test func atlasTiCodebook() throws {
        let imported = try REFICodebook.read(path: ExchangeSupport.fixture("atlasti-23.4.0.qdc").path)
        let code = try #require(imported.codebook.codes.first)
        #expect(imported.codebook.codes.count == 1)
        #expect(code.id == "code1")
        #expect(code.label == "code1")
        #expect(code.description == "description\n\nsets: code group 1")
        #expect(code.include.isEmpty)
        #expect(imported.warnings.contains { $0.contains("colours of 1 codes") })
        _ = try imported.codebook.validated(file: "atlas.yml")
    }

    @Test func taguetteCodebookWithInvalidEmptySets() throws {
        let url = try ExchangeSupport.fixture("taguette.qdc")
        let dir = try TemporaryDirectory()
        // Taguette writes <Sets/>, which the schema does not allow; Duiding reads it anyway.
        #expect(try ExchangeSupport.validate(String(decoding: Data(contentsOf: url), as: UTF8.self), schema: "Codebook.xsd", in: dir).ok == false)
        let imported = try REFICodebook.read(path: url.path)
        #expect(imported.codebook.codes.map(\.id) == ["interesting", "people", "interesting_places"])
        #expect(imported.codebook.codes.map(\.label) == ["interesting", "people", "interesting.places"])
        _ = try imported.codebook.validated(file: "taguette.yml")
    }

    @Test func nestedQdcCodesAreFlattenedWithParentNotes() throws {
        let qdc = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand-written test">
              <Codes>
                <Code guid="11111111-1111-4111-8111-111111111111" name="Veiligheid" isCodable="false">
                  <Description>Alles over veiligheid</Description>
                  <Code guid="22222222-2222-4222-8222-222222222222" name="Gevoel van onveiligheid" isCodable="true"/>
                  <Code guid="33333333-3333-4333-8333-333333333333" name="Maatregelen" isCodable="true">
                    <Code guid="44444444-4444-4444-8444-444444444444" name="Camera's" isCodable="true"/>
                  </Code>
                </Code>
              </Codes>
            </CodeBook>
            """
        let imported = try REFICodebook.read(data: Data(qdc.utf8), file: "nested.qdc")
        #expect(imported.codebook.codes.map(\.id) == ["veiligheid", "veiligheid_gevoel_van_onveiligheid", "veiligheid_maatregelen", "veiligheid_maatregelen_camera_s"])
        #expect(imported.codebook.codes[3].description == "parent: Maatregelen (veiligheid_maatregelen)")
        #expect(imported.codebook.codes[0].description.contains("not codable"))
        #expect(imported.warnings.contains { $0.contains("3 nested codes flattened") })
    }

    @Test func brokenQdcIsReportedWithFileAndLine() throws {
        let broken = "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n  <Codes>\n    <Code name=\"a\" isCodable=\"true\">\n  </Codes>\n</CodeBook>\n"
        #expect { try REFICodebook.read(data: Data(broken.utf8), file: "broken.qdc") } throws: { error in
            "\(error)".hasPrefix("broken.qdc:") && "\(error)".contains("not valid XML")
        }
        let noName = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code guid=\"x\" isCodable=\"true\"/>\n<Code isCodable=\"true\"/></Codes></CodeBook>"
        #expect { try REFICodebook.read(data: Data(noName.utf8), file: "n.qdc") } throws: { error in
            let problems = (error as? ExchangeError)?.problems ?? []
            return problems == ["n.qdc:2: <Code> has no name", "n.qdc:3: <Code> has no name"]
        }
    }

    /// XMLParser (swift-corelibs-foundation) crashes on these; they are refused or read safely.
    @Test func xmlThatCrashesFoundationIsHandled() throws {
        let withInstructions = "<?xml version=\"1.0\"?>\n<?app?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<?x?>"
            + "<Code name=\"a\"><Description><![CDATA[<?y?> <!DOCTYPE z>]]></Description></Code></Codes></CodeBook>"
        let read = try REFICodebook.read(data: Data(withInstructions.utf8), file: "pi.qdc")
        #expect(read.codebook.codes.map(\.description) == ["<?y?> <!DOCTYPE z>"])
        let cases: [(String, [UInt8], String)] = [
            ("latin1.qdc", Array("<CodeBook>\n<Code name=\"caf".utf8) + [0xE9] + Array("\"/></CodeBook>".utf8), "latin1.qdc:2: not valid XML (byte 0xE9 is not UTF-8"),
            ("dtd.qdc", Array("<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ATTLIST c d CDATA #IMPLIED>]><c/>".utf8), "dtd.qdc:2: not valid here: a <!DOCTYPE>"),
            ("attr.qdc", Array("<CodeBook a=\"<?x?>\"/>".utf8), "attr.qdc:1: not valid XML"),
            ("utf7.qdc", Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<CodeBook>+AGEA-</CodeBook>".utf8), "utf7.qdc:1: not valid here: encoding \"UTF-7\""),
        ]
        for (file, bytes, message) in cases {
            #expect { try REFICodebook.read(data: Data(bytes), file: file) } throws: { "\($0)".hasPrefix(message) }
        }
    }

    static let liwc = """
        %
        1\tposemo
        2\tnegemo
        3\tangst en zorg
        %
        blij\t1
        gelukk*\t1
        bang*\t2\t3
        op je hoede\t3
        angst\t2 3
        a*\t2
        like\t02 (02 3)1/2
        *ing\t1

        """

    @Test func liwcImportWithWildcardsAndMultiWordEntries() throws {
        let imported = try LIWCDictionary.read(text: Self.liwc, file: "test.dic")
        let codes = imported.codebook.codes
        #expect(codes.map(\.id) == ["posemo", "negemo", "angst_en_zorg"])
        #expect(codes[0].include.map(\.source) == ["blij", "gelukk*"])
        #expect(codes[1].include.map(\.source) == ["bang*", "angst", "like"])
        #expect(codes[2].include.map(\.source) == ["bang*", "op je hoede", "angst"])
        // what cannot be a Duiding pattern is listed per code
        #expect(imported.warnings.contains { $0.contains("code `negemo`: dropped 1 entries: `a*`") && $0.contains("too short") })
        #expect(imported.warnings.contains { $0.contains("code `posemo`: dropped 1 entries: `*ing`") })
        #expect(imported.warnings.contains { $0.contains("conditional") && $0.contains("test.dic:12 `like`") })
        // and the codebook works: it codes Dutch text
        let coder = try Coder(CompiledCodebook(imported.codebook.validated(file: "liwc.yml")))
        #expect(try coder.codeIDs("Ik ben bang geworden en blijf op mijn hoede") == ["negemo", "angst_en_zorg"])
        #expect(try coder.codeIDs("Je moet op je hoede zijn, ik ben gelukkig") == ["posemo", "angst_en_zorg"])
    }

    @Test func liwcProblemsAreReportedTogether() {
        let bad = "%\n1\tpos\nx\tneg\n%\nblij\t1\nboos\t7\nleeg\n"
        #expect { try LIWCDictionary.read(text: bad, file: "bad.dic") } throws: { error in
            (error as? ExchangeError)?.problems == [
                "bad.dic:3: expected `number<TAB>category name`, found `x\tneg`",
                "bad.dic:6: `boos`: category 7 is not in the `%` block",
                "bad.dic:7: `leeg` has no category numbers",
            ]
        }
        #expect { try LIWCDictionary.read(text: "blij\t1\n", file: "nohead.dic") } throws: { "\($0)".hasPrefix("nohead.dic:1: a LIWC dictionary starts with a line `%`") }
    }

    @Test func liwcExportListsWhatIsDropped() throws {
        let out = LIWCDictionary.write(ExchangeCodebook(try loadSample()))
        #expect(out.text.hasPrefix("%\n1\tcaution\n2\ttraining_need\n3\thandmatig\n%\n"))
        #expect(out.text.contains("voorzicht*\t1\n"))
        #expect(out.text.contains("niet meer alleen\t2\n"))
        let caution = try #require(out.warnings.first { $0.hasPrefix("code `caution`") })
        #expect(caution.contains("`voorzicht*`: fuzzy"))
        #expect(caution.contains("`denk|denken * keer na` (has a gap `*`)"))
        #expect(caution.contains("exclude `politie|gemeente * voorzicht*`"))
        let training = try #require(out.warnings.first { $0.hasPrefix("code `training_need`") })
        #expect(training.contains("`training+` (uses a compound `+`)") && training.contains("`~cursus` (uses a stem `~`)"))
        #expect(out.warnings.contains { $0.contains("no negation") })
        // and it reads back
        let back = try LIWCDictionary.read(text: out.text, file: "out.dic")
        #expect(back.codebook.codes[0].include.map(\.source) == ["voorzicht*"])
        #expect(back.codebook.codes[2].include.isEmpty)
    }

    static let quanteda = """
        # quanteda dictionary, written by hand after the documented format
        economie:
          - belasting*
          - "banen scheppen"
          - werk
        politiek:
          buitenland:
            - oorlog
            - vrede
          binnenland: [gemeente*, "*raad", "b?rgemeester"]
        enkel: veiligheid

        """

    @Test func quantedaImportFlattensLevels() throws {
        let imported = try QuantedaDictionary.read(text: Self.quanteda, file: "dict.yml")
        let codes = imported.codebook.codes
        #expect(codes.map(\.id) == ["economie", "politiek_buitenland", "politiek_binnenland", "enkel"])
        #expect(codes[0].include.map(\.source) == ["belasting*", "banen scheppen", "werk"])
        #expect(codes[1].description == "parent: politiek")
        #expect(codes[2].include.map(\.source) == ["gemeente*"])
        #expect(codes[3].include.map(\.source) == ["veiligheid"])
        let dropped = try #require(imported.warnings.first { $0.contains("politiek_binnenland") })
        #expect(dropped.contains("`*raad`") && dropped.contains("`b?rgemeester`"))
        let coder = try Coder(CompiledCodebook(imported.codebook.validated(file: "q.yml")))
        #expect(try coder.codeIDs("We moeten banen scheppen en de belastingen verlagen") == ["economie"])
    }

    @Test func quantedaExportRoundTrip() throws {
        let out = QuantedaDictionary.write(ExchangeCodebook(try loadSample()))
        #expect(out.text.contains("# Voorzichtigheid: De respondent is voorzichtiger geworden.\n# Tweede regel"))
        #expect(out.text.contains("caution:\n  - \"voorzicht*\"\n  - \"'s nachts wakker\"\n") == false)  // gaps are not expressible
        #expect(out.warnings.contains { $0.contains("code `caution`") && $0.contains("has a gap") })
        let back = try QuantedaDictionary.read(text: out.text, file: "back.yml")
        #expect(back.codebook.codes.map(\.id) == ["caution", "training_need", "handmatig"])
        #expect(back.codebook.codes[0].include.map(\.source) == ["voorzicht*"])
        #expect(back.codebook.codes[1].include.map(\.source) == ["niet meer alleen"])
    }

    @Test func cliImportAndExport() throws {
        let dir = try TemporaryDirectory()
        try dir.write("sample.yml", Self.sample)
        try dir.write("dict.dic", Self.liwc)
        var r = try DuidingBinary.run(["codebook", "export", "sample.yml", "--format", "qdc", "--output", "out.qdc"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning:") && r.stderr.contains("negation"))
        r = try DuidingBinary.run(["codebook", "import", "out.qdc", "--output", "back.yml"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let back = try CodebookLoader.load(path: dir.path("back.yml"))
        #expect(back.codes.map(\.id) == ["caution", "training_need", "handmatig"])
        r = try DuidingBinary.run(["codebook", "import", "dict.dic"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("- id: posemo"))
        #expect(r.stderr.contains("code `negemo`: dropped"))
        r = try DuidingBinary.run(["codebook", "export", "sample.yml", "--format", "liwc"], in: dir.url)
        #expect(r.status == 0 && r.stdout.hasPrefix("%\n1\tcaution"))
        r = try DuidingBinary.run(["codebook", "import", "sample.txt"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("--from"))
    }
}
