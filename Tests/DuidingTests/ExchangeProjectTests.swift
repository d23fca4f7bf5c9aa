import DuidingCodebook
@testable import DuidingExchange
import DuidingStore
import Foundation
import Testing

/// REFI-QDA projects (.qdpx): export with schema validation, offsets in code points, round
/// trip, and import of files written by other tools.
@Suite("Exchange: qdpx projects", .serialized)
struct ExchangeProjectTests {
    static let codebook = """
        name: Proef
        codes:
          - id: caution
            label: Voorzichtigheid
            include: [voorzicht*]
          - id: vigilance
            label: Waakzaamheid
            include: [alert*]
          - id: handwerk
            label: Alleen handmatig
        """

    /// A project with diacritics, emoji and CRLF in front of the evidence, suggestions,
    /// decisions by two coders and a memo.
    func makeProject(at path: String) throws -> (store: ProjectStore, texts: [String: String]) {
        let texts = [
            "R1": "Geïnformeerd 😀👍🏽 en nu voorzichtiger.",
            "R2": "Eerste regel\r\nTweede: ik ben alerter 🚨 geworden\r\n",
            "R3": "Niets bijzonders, “geen” thema’s — café.",
        ]
        let store = try ProjectStore.create(at: path)
        try store.importUnits(["R1", "R2", "R3"].map { id in
            NewUnit(id: id, text: texts[id] ?? "", kind: .answer, values: ["geslacht": id == "R2" ? "vrouw" : "man", "functie": "raadslid"],
                    file: "a.csv", line: 2)
        }, file: "a.csv", variables: [Variable(name: "geslacht", label: "Geslacht"), Variable(name: "functie", label: "")])
        let compiled = try CompiledCodebook(CodebookLoader.parse(Self.codebook, file: "cb.yml"))
        let coder = try Coder(compiled)
        var suggestions: [StoredSuggestion] = []
        for id in ["R1", "R2", "R3"] {
            for s in try coder.code(texts[id] ?? "") {
                for e in s.evidence { suggestions.append(StoredSuggestion(unitID: id, codeID: s.codeID, pattern: e.pattern, utf16Range: e.utf16Range)) }
            }
        }
        try store.addCodebookVersion(name: "Proef", source: "cb.yml", yaml: Self.codebook,
                                     codes: compiled.codebook.codes.map { StoredCode(id: $0.id, label: $0.label) }, suggestions: suggestions, ifLatestIs: nil)
        try store.record([
            NewDecision(unitID: "R1", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R3", codeID: "handwerk", action: .add, coder: "bob"),
            NewDecision(unitID: "R3", codeID: nil, action: .memo, coder: "bob", memo: "Let op: “café” & <tags>\r\nregel 2"),
        ])
        return (store, texts)
    }

    @Test func offsetsCountCodePoints() {
        let text = "😀 Voorzichtig\r\né"
        #expect(TextOffsets.scalarOffset(ofUTF16: 3, in: text) == 2)
        #expect(TextOffsets.scalarOffset(ofUTF16: 14, in: text) == 13)
    }

    @Test func exportIsValidAndSelectionsCoverTheEvidence() throws {
        let dir = try TemporaryDirectory()
        let (store, texts) = try makeProject(at: dir.path("p.duiding"))
        let qdpx = dir.path("p.qdpx")
        try QDPXProject.export(store, to: qdpx)
        let entries = try ExchangeSupport.unzip(qdpx)
        let qde = String(decoding: try #require(entries["project.qde"]), as: UTF8.self)
        let check = try ExchangeSupport.validate(qde, schema: "Project.xsd", in: dir, name: "project.qde")
        #expect(check.ok, "\(check.output)")
        #expect(entries.keys.filter { $0.hasPrefix("sources/") }.count == 3)
        // the source files are the exact texts, CR LF included
        let content = try QDPXProject.read(path: qdpx)
        for unit in content.units {
            #expect(unit.text == texts[unit.id])
        }
        #expect(qde.contains("&#13;"))
        // selections: evidence ranges in code points for suggested codes, whole text otherwise
        func passage(_ c: QDPXProject.ReadCoding) -> String {
            let text = texts[c.unitID] ?? ""
            return c.passage.map { Passage.text($0, of: text) } ?? text
        }
        let byKey = Dictionary(uniqueKeysWithValues: content.codings.map { ("\($0.unitID) \($0.codeID)", $0) })
        #expect(byKey.count == 3)
        #expect(byKey["R1 caution"].map(passage) == "voorzichtiger")
        #expect(byKey["R1 caution"]?.coder == "anna")
        #expect(byKey["R2 vigilance"].map(passage) == "alerter")
        #expect(byKey["R2 vigilance"]?.coder == "duiding")
        #expect(byKey["R3 handwerk"].map(passage) == texts["R3"])
        #expect(byKey["R3 handwerk"]?.coder == "bob")
        #expect(qde.contains("startPosition=\"23\" endPosition=\"36\""))  // R1: 😀 and 👍🏽 count as 1 and 2 code points
        #expect(qde.contains("startPosition=\"29\" endPosition=\"36\""))  // R2: CR LF counts as two
        #expect(content.memos.map(\.text) == ["Let op: “café” & <tags>\r\nregel 2"])
    }

    @Test func roundTripThroughANewProject() throws {
        let dir = try TemporaryDirectory()
        let (store, texts) = try makeProject(at: dir.path("p.duiding"))
        let qdpx = dir.path("p.qdpx")
        try QDPXProject.export(store, to: qdpx)
        let copy = try ProjectStore.create(at: dir.path("copy.duiding"))
        let summary = try QDPXProject.importProject(copy, path: qdpx)
        #expect(summary.units == 3 && summary.codes == 3 && summary.decisions == 3 && summary.memos == 1)
        let units = try copy.units()
        #expect(units.map(\.id) == ["R1", "R2", "R3"])
        #expect(Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.text) }) == texts)
        #expect(units.map { $0.values } == (try store.units()).map { $0.values })
        #expect(try copy.variables().map(\.name) == ["geslacht", "functie"])
        #expect(try copy.variables().first?.label == "Geslacht")
        let before = try store.states(), after = try copy.states()
        for id in ["R1", "R2", "R3"] { #expect(after[id]?.codes == before[id]?.codes, "\(id)") }
        #expect(after["R3"]?.memo == before["R3"]?.memo)
        #expect(after["R1"]?.decided["caution"]?.coder == "anna")
        // the codebook keeps ids, labels and the patterns (from the description note)
        let version = try #require(try copy.latestCodebook())
        #expect(version.codes.map(\.id) == ["caution", "vigilance", "handwerk"])
        let yaml = try #require(try copy.codebookYAML(version: version.id))
        #expect(try CodebookLoader.parse(yaml, file: "v").codes[0].include.map(\.source) == ["voorzicht*"])
        // exporting the copy gives the same codings (unit, code, passage, coder)
        try QDPXProject.export(copy, to: dir.path("copy.qdpx"))
        let again = try QDPXProject.read(path: dir.path("copy.qdpx"))
        let first = try QDPXProject.read(path: qdpx)
        // suggested codes became decisions, so their passage is now the whole text; codes and coders stay
        #expect(Set(again.codings.map { "\($0.unitID) \($0.codeID)" }) == Set(first.codings.map { "\($0.unitID) \($0.codeID)" }))
        #expect(Set(again.codings.filter { $0.unitID != "R2" }.map(\.coder)) == ["anna", "bob"])
    }

    @Test func importOfAProjectWrittenByRequal() throws {
        let dir = try TemporaryDirectory()
        let qde = try Data(contentsOf: ExchangeSupport.fixture("requal-test-project.qde"))
        try ExchangeSupport.makeQDPX([("project.qde", qde),
                                      ("doc1.txt", Data("This is the content of the first document. It contains some text that will be coded.\n".utf8))],
                                     at: dir.path("requal.qdpx"))
        let store = try ProjectStore.create(at: dir.path("r.duiding"))
        let summary = try QDPXProject.importProject(store, path: dir.path("requal.qdpx"))
        #expect(summary.units == 1 && summary.codes == 2 && summary.decisions == 2 && summary.memos == 1)
        #expect(summary.warnings.contains { $0.contains("1 notes not attached") })
        let unit = try #require(try store.units().first)
        #expect(unit.id == "Document 1")
        #expect(unit.text.hasSuffix("coded.\n"))  // the plainTextPath file wins over PlainTextContent
        let state = try store.state(unit: "Document 1")
        #expect(state.codes == ["theme_a", "theme_b"])
        // its passages are kept as they were coded (0-31 and 32-55 of the document)
        #expect(state.passages.values.flatMap { $0 }.sorted { $0.lowerBound < $1.lowerBound } == [0..<31, 32..<55])
        #expect(Passage.text(0..<31, of: unit.text) == "This is the content of the firs")
        #expect(state.decided["theme_a"]?.coder == "Admin User")
        #expect(state.memo == "This is a test note.")
        let latest = try #require(try store.latestCodebook())
        let yaml = try #require(try store.codebookYAML(version: latest.id))
        let cb = try CodebookLoader.parse(yaml, file: "v")
        #expect(cb.codes.map(\.label) == ["Theme A", "Theme B"])
        #expect(cb.codes[0].description == "First theme\n\nsets: Test Category")
    }

    @Test func importOfAMAXQDAExport() throws {
        let dir = try TemporaryDirectory()
        let qde = try Data(contentsOf: ExchangeSupport.fixture("maxqda-24-excerpt.qde"))
        let text = try Data(contentsOf: ExchangeSupport.fixture("maxqda-24-excerpt-C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt"))
        try ExchangeSupport.makeQDPX([("project.qde", qde), ("sources/C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt", text)],
                                     at: dir.path("maxqda.qdpx"))
        let content = try QDPXProject.read(path: dir.path("maxqda.qdpx"))
        #expect(content.units.map(\.id) == ["ICLS 2024 3-10"])
        #expect(content.units.first?.text.hasPrefix("Mapping the Complexity of Learning") == true)
        let ids = content.codebook?.codes.map(\.id) ?? []
        #expect(ids == ["assessments", "assessments_assmnt-affective_outcomes", "assessments_assmnt-authentic_assessment",
                        "collaboration_and_community", "collaboration_and_community_commcolab-community_partnerships",
                        "collaboration_and_community_commcolab-interdisciplinary_teams"])
        #expect(content.codebook?.codes[1].description.hasSuffix("parent: Assessments (assessments)") == true)
        let store = try ProjectStore.create(at: dir.path("m.duiding"))
        _ = try QDPXProject.importProject(store, path: dir.path("maxqda.qdpx"))
        #expect(try store.decisions().isEmpty)
    }

    @Test func brokenProjectsAreReportedTogether() throws {
        let dir = try TemporaryDirectory()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="x">
              <CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>
              <Sources>
                <TextSource guid="22222222-2222-4222-8222-222222222222" name="s1"><PlainTextContent>kort</PlainTextContent>
                  <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="2" endPosition="9"/>
                </TextSource>
                <TextSource guid="44444444-4444-4444-8444-444444444444" name="s2" plainTextPath="internal://missing.txt"/>
              </Sources>
            </Project>
            """
        try ExchangeSupport.makeQDPX([("project.qde", Data(qde.utf8))], at: dir.path("bad.qdpx"))
        #expect { try QDPXProject.read(path: dir.path("bad.qdpx")) } throws: { error in
            let problems = (error as? ExchangeError)?.problems ?? []
            return problems.count == 1 && problems[0].contains("source `s2` has no text: `internal://missing.txt` is not in the archive")
        }
        try dir.write("notzip.qdpx", "hello")
        #expect { try QDPXProject.read(path: dir.path("notzip.qdpx")) } throws: { "\($0)".contains("not a .qdpx (ZIP) file") }
    }

    @Test func cliExportAndImportThenTable() throws {
        let dir = try TemporaryDirectory()
        _ = try makeProject(at: dir.path("p.duiding"))
        var r = try DuidingBinary.run(["export", "p.duiding", "--what", "qdpx", "--output", "p.qdpx"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        r = try DuidingBinary.run(["init", "copy.duiding"], in: dir.url)
        r = try DuidingBinary.run(["import", "copy.duiding", "p.qdpx"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 3 units, 3 codes, 3 codings and 1 memos"))
        r = try DuidingBinary.run(["table", "copy.duiding", "--by", "geslacht", "--format", "csv"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("geslacht,vrouw,vigilance,1,1"))
        r = try DuidingBinary.run(["export", "p.duiding", "--what", "qdpx"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("--output"))
        r = try DuidingBinary.run(["import", "copy.duiding", "p.qdpx"], in: dir.url)
        #expect(r.status != 0 && r.stderr.contains("already has a codebook"))
    }
}
