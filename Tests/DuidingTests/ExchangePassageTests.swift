import DuidingCodebook
@testable import DuidingExchange
import DuidingStore
import Foundation
import Testing

/// REFI-QDA with passages: a file as another tool writes it (positions after emoji and CR LF)
/// keeps every passage through import and export; the QualCoder flavour; a tolerant import.
@Suite("Exchange: passages", .serialized)
struct ExchangePassageTests {
    static let sourceFile = "atlasti-style-passages-7A1C2E4B-3D5F-4A6B-9C8D-0E1F2A3B4C5D.txt"

    /// The (start, end) positions of every `<PlainTextSelection>` in a project.qde.
    static func selections(_ qde: String) -> [[Int]] {
        let pattern = try? NSRegularExpression(pattern: #"<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)""#)
        let ns = qde as NSString
        return (pattern?.matches(in: qde, range: NSRange(location: 0, length: ns.length)) ?? []).map { m in
            [1, 2].map { Int(ns.substring(with: m.range(at: $0))) ?? -1 }
        }
    }

    @Test func toolPositionsCountAsTheToolDoes() {
        let text = "😀a\r\nb\rc"
        let standard = ToolPositions(text, tool: .standard)
        #expect((0...7).map(standard.position(ofScalar:)) == [0, 1, 2, 3, 4, 5, 6, 7])
        // QualCoder: the emoji takes two UTF-16 units, CR LF is one LF, a lone CR one.
        let qualcoder = ToolPositions(text, tool: .qualcoder)
        #expect((0...7).map(qualcoder.position(ofScalar:)) == [0, 2, 3, 3, 4, 5, 6, 7])
        #expect(qualcoder.end == 7 && QDATool.qualcoder.text(text) == "😀a\nb\nc")
        #expect(qualcoder.scalar(ofPosition: 1) == 1)   // inside the emoji: its end
        #expect(qualcoder.scalar(ofPosition: 3) == 2)   // the line break starts at the CR
        #expect(qualcoder.scalar(ofPosition: 8) == nil)
        #expect(QDATool.writer(origin: "QualCoder 3.7") == .qualcoder && QDATool.writer(origin: "ATLAS.ti 24") == .standard)
    }

    @Test func passagesFromAnotherToolSurviveImportAndExport() throws {
        let dir = try TemporaryDirectory()
        let qde = try Data(contentsOf: ExchangeSupport.fixture("atlasti-style-passages.qde"))
        let source = try Data(contentsOf: ExchangeSupport.fixture(Self.sourceFile))
        try ExchangeSupport.makeQDPX([("project.qde", qde), ("sources/7A1C2E4B-3D5F-4A6B-9C8D-0E1F2A3B4C5D.txt", source)],
                                     at: dir.path("atlas.qdpx"))
        let store = try ProjectStore.create(at: dir.path("a.duiding"))
        let summary = try QDPXProject.importProject(store, path: dir.path("atlas.qdpx"))
        #expect(summary.units == 1 && summary.decisions == 3, "\(summary)")
        #expect(!summary.warnings.contains { $0.contains("passage") }, "\(summary.warnings)")
        let unit = try #require(try store.units().first)
        #expect(unit.text == String(decoding: source, as: UTF8.self))
        let codes = try #require(try store.latestCodebook()).codes
        let veilig = try #require(codes.first { $0.label == "Veilig" }).id
        let onveilig = try #require(codes.first { $0.label == "Onveilig 's nachts" }).id
        let state = try store.state(unit: unit.id)
        #expect(state.passages == [veilig: [26..<42], onveilig: [45..<62, 63..<72]])
        #expect(state.passages[onveilig]?.map { Passage.text($0, of: unit.text) } == ["Maar ’s nachts 🚨🚨", "niet echt"])
        #expect(Passage.text(26..<42, of: unit.text) == "veilig op straat")
        #expect(state.decided[veilig]?.coder == "Sanne" && state.decided[onveilig]?.coder == "Pieter")

        // Out again: the same positions, schema-valid; and in once more: the same passages.
        try QDPXProject.export(store, to: dir.path("again.qdpx"))
        let entries = try ExchangeSupport.unzip(dir.path("again.qdpx"))
        let exported = String(decoding: try #require(entries["project.qde"]), as: UTF8.self)
        let check = try ExchangeSupport.validate(exported, schema: "Project.xsd", in: dir, name: "again.qde")
        #expect(check.ok, "\(check.output)")
        #expect(Self.selections(exported).sorted { $0[0] < $1[0] } == [[26, 42], [45, 62], [63, 72]])
        let read = try QDPXProject.read(path: dir.path("again.qdpx"))
        #expect(Set(read.codings.compactMap(\.passage)) == [26..<42, 45..<62, 63..<72])
    }

    /// A project for QualCoder: emoji before passages, CR LF, LF and a lone CR mixed, a text
    /// that ends in a line break, and group values.
    func qualcoderProject(at path: String) throws -> ProjectStore {
        let text = "Vraag 1 😀\r\nIk voel me veilig 👍🏽.\nMaar ’s nachts\rniet 🚨 echt.\r\n"
        let store = try ProjectStore.create(at: path)
        try store.importUnits([NewUnit(id: "I1", text: text, kind: .answer, values: ["functie": "raadslid"], file: "i.csv", line: 2)],
                              file: "i.csv", variables: [Variable(name: "functie", label: "Functie")])
        try store.addCodebookVersion(name: "Proef", source: "cb.yml", yaml: "name: Proef\ncodes:\n  - id: veilig\n    label: Veilig\n",
                                     codes: [StoredCode(id: "veilig", label: "Veilig")], suggestions: [], ifLatestIs: nil)
        func range(_ part: String) throws -> Range<Int> {
            let r = try #require(text.range(of: part))
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
            return start..<(start + part.unicodeScalars.count)
        }
        let passages = [try range("veilig 👍🏽"), try range("nachts\rniet 🚨"), try range("echt.\r\n")]
        #expect(passages.last?.upperBound == text.unicodeScalars.count)  // the last passage ends with the text's line break
        try store.record(passages.map { NewDecision(unitID: "I1", codeID: "veilig", action: .add, coder: "anna", passage: $0) })
        return store
    }

    @Test func aQualCoderExportPaintsRightThereAndComesBack() throws {
        let dir = try TemporaryDirectory()
        let store = try qualcoderProject(at: dir.path("q.duiding"))
        let warnings = try QDPXProject.export(store, to: dir.path("q.qdpx"), for: .qualcoder)
        #expect(warnings.contains { $0.contains("written as LF") })
        let entries = try ExchangeSupport.unzip(dir.path("q.qdpx"))
        let qde = String(decoding: try #require(entries["project.qde"]), as: UTF8.self)
        let check = try ExchangeSupport.validate(qde, schema: "Project.xsd", in: dir, name: "q.qde")
        #expect(check.ok, "\(check.output)")
        // Group values on the source (QualCoder ignores <SourceRef> in <Case>), no cases.
        #expect(!qde.contains("<Cases>"))
        #expect(qde.range(of: #"<TextSource [^>]*name="I1"[\s\S]*<TextValue>raadslid</TextValue>[\s\S]*</TextSource>"#, options: .regularExpression) != nil)
        // The text as QualCoder holds it (LF only), positions in its UTF-16 units of that text.
        let file = try #require(entries.first { $0.key.hasPrefix("sources/") }?.value)
        let held = String(decoding: file, as: UTF8.self)
        #expect(held == "Vraag 1 😀\nIk voel me veilig 👍🏽.\nMaar ’s nachts\nniet 🚨 echt.\n")
        let utf16 = Array(held.utf16)
        let shown = Self.selections(qde).map { String(decoding: utf16[$0[0]..<$0[1]], as: UTF16.self) }
        #expect(shown == ["veilig 👍🏽", "nachts\nniet 🚨", "echt.\n"])

        // Back from QualCoder: its export names itself in `origin`, counts the same units and
        // may write CR LF line breaks; Duiding reads the passages where they were.
        let back = qde.replacingOccurrences(of: "origin=\"Duiding\"", with: "origin=\"QualCoder 3.7\"")
        #expect(back != qde)
        let crlf = Data(held.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let sourcePath = try #require(entries.keys.first { $0.hasPrefix("sources/") })
        try ExchangeSupport.makeQDPX([("project.qde", Data(back.utf8)), (sourcePath, crlf)], at: dir.path("from-qualcoder.qdpx"))
        let read = try QDPXProject.read(path: dir.path("from-qualcoder.qdpx"))
        #expect(read.warnings.isEmpty, "\(read.warnings)")
        let readText = try #require(read.units.first?.text)
        let texts = read.codings.compactMap { $0.passage.map { Passage.text($0, of: readText) } }
        #expect(texts == ["veilig 👍🏽", "nachts\r\nniet 🚨", "echt.\r\n"])
    }

    @Test func aSelectionPastTheTextIsClampedNotFatal() throws {
        let dir = try TemporaryDirectory()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="QualCoder 3.7">
              <CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>
              <Sources>
                <TextSource guid="22222222-2222-4222-8222-222222222222" name="s1"><PlainTextContent>kort 😀</PlainTextContent>
                  <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="2" endPosition="9">
                    <Coding guid="55555555-5555-4555-8555-555555555555"><CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/></Coding>
                  </PlainTextSelection>
                  <PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="5" endPosition="3">
                    <Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/></Coding>
                  </PlainTextSelection>
                  <PlainTextSelection guid="88888888-8888-4888-8888-888888888888" startPosition="0" endPosition="4">
                    <Coding guid="99999999-9999-4999-8999-999999999999"><CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/></Coding>
                  </PlainTextSelection>
                </TextSource>
              </Sources>
            </Project>
            """
        try ExchangeSupport.makeQDPX([("project.qde", Data(qde.utf8))], at: dir.path("past.qdpx"))
        let content = try QDPXProject.read(path: dir.path("past.qdpx"))
        // "kort 😀" is 6 characters, 7 UTF-16 units as QualCoder counts: 2-9 is clamped to 2-7.
        #expect(content.codings.map(\.passage) == [2..<6, 0..<4])
        #expect(content.warnings.contains { $0.hasSuffix("past.qdpx!project.qde:6: source `s1`: selection 2-9 ends past the text; clamped to 2-7 (the text has 7 positions)") }, "\(content.warnings)")
        #expect(content.warnings.contains { $0.contains("selection 5-3 is reversed or negative; skipped") })
        let store = try ProjectStore.create(at: dir.path("p.duiding"))
        let summary = try QDPXProject.importProject(store, path: dir.path("past.qdpx"))
        #expect(summary.decisions == 2)
        #expect(try store.state(unit: "s1").passages.values.first == [2..<6, 0..<4])
    }
}
