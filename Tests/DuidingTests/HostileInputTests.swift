import DuidingCodebook
@testable import DuidingExchange
import DuidingAnalysis
import DuidingExport
@testable import DuidingInput
@testable import DuidingStore
import DuidingText
import Foundation
import GRDB
import Testing

/// What a careless export or a hostile file would send: each reproduction of the issue
/// "Hostile and broken input" gets a clear message naming the file (and line), or the right
/// result, and never a host file, a silent cut or half an import.
@Suite("Hostile and broken input", .serialized)
struct HostileInputTests {
    // MARK: 1. a .qdpx reads only its own entries

    static func qde(_ plainTextPath: String, guid: String = "45053A4F-E0DB-5551-912E-214EBE5C984D") -> Data {
        Data("""
            <?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>\
            <TextSource guid="\(guid)" name="S1" plainTextPath="\(plainTextPath)"/></Sources></Project>
            """.utf8)
    }

    @Test(arguments: ["internal://../../../../../../../../etc/passwd", "file:///etc/hostname", "/proc/self/environ",
                      "relative://../../etc/hostname", "internal:///etc/passwd", "internal://sources%2F..%2F..%2Fetc%2Fpasswd"])
    func qdpxSourceOutsideTheArchiveIsRefused(reference: String) throws {
        let dir = try TemporaryDirectory()
        let archive = dir.path("evil.qdpx")
        try ExchangeSupport.makeQDPX([("project.qde", Self.qde(reference))], at: archive)
        let store = try ProjectStore.create(at: dir.path("p.duiding"))
        let error = #expect(throws: ExchangeError.self) { try QDPXProject.importProject(store, path: archive) }
        let message = error?.description ?? ""
        #expect(message.contains("source `S1`"), "\(message)")
        #expect(message.contains("points outside the archive"), "\(message)")
        #expect(message.contains(archive), "\(message)")
        #expect(!message.contains("root:"), "host file content leaked: \(message)")
        #expect(try store.unitCount() == 0)
    }

    @Test func qdpxSourceInsideTheArchiveIsRead() throws {
        let dir = try TemporaryDirectory()
        let archive = dir.path("ok.qdpx")
        try ExchangeSupport.makeQDPX([("project.qde", Self.qde("internal://S1.txt")), ("sources/S1.txt", Data("Ik ben voorzichtiger.".utf8))], at: archive)
        let content = try QDPXProject.read(path: archive)
        #expect(content.units.map(\.text) == ["Ik ben voorzichtiger."])
    }

    // MARK: 6. archive limits

    @Test func qdpxEntryThatUnpacksTooLargeIsRefusedBeforeReading() throws {
        let dir = try TemporaryDirectory()
        let archive = dir.path("bomb.qdpx")
        let zeros = Data(count: Int(QDPXProject.ArchiveLimits.sourceEntry) + 1)
        try ExchangeSupport.makeQDPX([("project.qde", Self.qde("internal://S1.txt")), ("sources/S1.txt", zeros)], at: archive)
        #expect(try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int ?? 0 < 1 << 20, "the bomb should be small on disk")
        let store = try ProjectStore.create(at: dir.path("p.duiding"))
        let error = #expect(throws: ExchangeError.self) { try QDPXProject.importProject(store, path: archive) }
        #expect(error?.description.contains("unpacks to more than 64 MB") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("S1.txt") == true)
        #expect(try store.unitCount() == 0)
    }

    // MARK: 2. NUL bytes

    @Test func nulByteInAnAnswerIsReportedWithItsLine() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("nul.csv", bytes: Array("id,text\nA0,goed\nA1,Ik ben voor".utf8) + [0] + Array("zichtiger geworden\n".utf8))
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        #expect(error?.problems.map(\.line) == [3])
        #expect(error?.problems.first?.file == path)
        #expect(error?.problems.first?.message.contains("NUL") == true)
    }

    @Test func utf16WithoutByteOrderMarkIsNamed() throws {
        let dir = try TemporaryDirectory()
        let utf16 = "id,text\nA1,voorzichtig\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let path = try dir.write("utf16.csv", bytes: utf16)
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.message.contains("UTF-16") == true)
    }

    @Test func storeRefusesTextsItWouldCut() throws {
        let store = try ProjectStore.inMemory()
        let bad = NewUnit(id: "A1", text: "voor\u{0}zichtig", kind: .answer, values: [:], file: "a.csv", line: 2)
        let error = #expect(throws: ProjectError.self) { try store.importUnits([bad], file: "a.csv", variables: []) }
        #expect(error?.description.hasPrefix("a.csv:2: ") == true)
        let clashing = ["A\u{0}x", "A\u{0}y"].map { NewUnit(id: $0, text: "t", kind: .answer, values: [:], file: "a.csv", line: 3) }
        #expect(throws: ProjectError.self) { try store.importUnits(clashing, file: "a.csv", variables: []) }
        #expect(try store.unitCount() == 0)
        try store.importUnits([NewUnit(id: "A1", text: "tekst", kind: .answer, values: [:], file: "a.csv", line: 2)], file: "a.csv", variables: [])
        let memo = NewDecision(unitID: "A1", codeID: nil, action: .memo, coder: "anna", memo: "een\u{0}memo")
        #expect(throws: ProjectError.self) { try store.record([memo]) }
        #expect(try store.decisions().isEmpty)
    }

    // MARK: 3. speaker labels as people write them

    @Test func realWorldSpeakerLabelsStartTurns() throws {
        let text = """
            organisatie: Kleinere gemeente
            interviewer: Interviewer

            Interviewer: Wat merkt u?
            Raadslid (VVD): Ik ben voorzichtiger geworden.
            O'Brien: Ik ook, sinds de bedreiging.
            jan: Ik zeg minder.
            Spreker [00:12:03]: Eén ding nog: let op.
            🎤 Gast: Dank u.
            Interviewer: En verder?
            jan: Niets.
            """
        let notes = try InterviewNotes.parse(text, path: "g.txt")
        #expect(notes.turns.map(\.speaker) == ["Interviewer", "Raadslid (VVD)", "O'Brien", "jan", "Spreker [00:12:03]", "🎤 Gast", "Interviewer", "jan"])
        #expect(notes.turns[4].text == "Eén ding nog: let op.")
        #expect(notes.turns.map(\.line) == [4, 5, 6, 7, 8, 9, 10, 11])
    }

    @Test func aOneOffLowerCaseLabelStaysTextWithAWarning() throws {
        let text = "interviewer: I\n\nI: Vraag?\nGriffier: Het gaat zo.\nlet op: dit is geen spreker.\nI: Dank.\nGriffier: Graag.\n"
        let notes = try InterviewNotes.parse(text, path: "g.txt")
        #expect(notes.turns.map(\.speaker) == ["I", "Griffier", "I", "Griffier"])
        #expect(notes.turns[1].text == "Het gaat zo.\nlet op: dit is geen spreker.")
        #expect(notes.warnings.map(\.line) == [5])
        #expect(notes.warnings.first?.message.contains("looks like a speaker label") == true)
    }

    @Test func interviewWithoutHeaderSaysWhatTheFormatIs() throws {
        let error = #expect(throws: InvalidInput.self) {
            try InterviewNotes.parse("Interviewer: Vraag?\nGriffier: Antwoord.\n", path: "g.txt")
        }
        let message = error?.problems.first?.message ?? ""
        #expect(message.contains("no blank line after the header"), "\(message)")
        #expect(message.contains("interviewer: Interviewer"), "\(message)")
    }

    // MARK: 4. an import is whole or absent

    @Test func importWithSuggestionsIsOneTransaction() throws {
        let store = try ProjectStore.inMemory()
        let version = try store.addCodebookVersion(name: "cb", source: "cb.yml", yaml: "", codes: [StoredCode(id: "caution", label: "V")], suggestions: [], ifLatestIs: nil)
        let unit = NewUnit(id: "A1", text: "voorzichtiger", kind: .answer, values: [:], file: "a.csv", line: 2)
        let suggestion = StoredSuggestion(unitID: "A1", codeID: "caution", pattern: "voorzicht*", utf16Range: 0..<13)
        // A codebook that changed between coding and storing: nothing is stored.
        try store.addCodebookVersion(name: "cb2", source: "cb.yml", yaml: "", codes: [StoredCode(id: "caution", label: "V")], suggestions: [], ifLatestIs: version)
        #expect(throws: ProjectError.self) {
            try store.importUnits([unit], file: "a.csv", variables: [], suggestions: [suggestion], codedWith: version)
        }
        #expect(try store.unitCount() == 0)
        // A suggestion that cannot be stored (unknown unit) takes the units with it.
        let orphan = StoredSuggestion(unitID: "nope", codeID: "caution", pattern: "x", utf16Range: 0..<1)
        #expect(throws: (any Error).self) {
            try store.importUnits([unit], file: "a.csv", variables: [], suggestions: [suggestion, orphan], codedWith: version + 1)
        }
        #expect(try store.unitCount() == 0)
        try store.importUnits([unit], file: "a.csv", variables: [], suggestions: [suggestion], codedWith: version + 1)
        #expect(try store.state(unit: "A1").suggested == ["caution"])
    }

    @Test func killDuringImportLeavesAllOrNothing() throws {
        let dir = try TemporaryDirectory()
        var rows = "id,text\n"
        for i in 0..<30_000 { rows += "A\(i),Ik ben voorzichtiger geworden en mijd de markt \(i).\n" }
        try dir.write("many.csv", rows)
        let binary = try #require(DuidingBinary.url)
        for delay in [0.3, 0.8, 1.5, 2.5] {
            let project = dir.path("p\(delay).duiding")
            for arguments in [["init", project], ["recode", project, "--codebook", TestSupport.defaultCodebookPath]] {
                #expect(try DuidingBinary.run(arguments, in: dir.url).status == 0)
            }
            let process = Process()
            process.executableURL = binary
            process.arguments = ["import", project, "many.csv"]
            process.currentDirectoryURL = dir.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let store = try ProjectStore.open(at: project, access: .read)
            let units = try store.unitCount()
            #expect(units == 0 || units == 30_000, "after kill at \(delay)s: \(units) units")
            if units > 0 {
                let version = try #require(try store.latestCodebook())
                #expect(try store.suggestions(version: version.id).count == 30_000, "units without their suggestions")
            }
        }
    }

    // MARK: 5. long answers

    @Test func evidenceOfAVeryLongAnswerPointsAtTheWords() throws {
        let coder = try Coder(TestSupport.defaultCompiled.get())
        var text = ""
        var expected: [Int] = []
        for i in 0..<20_000 {
            if i % 7 == 0 { expected.append(text.utf16.count); text += "voorzichtiger. " } else { text += "de markt 😀 was vol. " }
        }
        let suggestions = try coder.code(text)
        let caution = try #require(suggestions.first { $0.codeID == "caution" })
        #expect(caution.evidence.map(\.utf16Range.lowerBound) == expected)
        let units = Array(text.utf16)
        #expect(caution.evidence.allSatisfy { String(decoding: units[$0.utf16Range], as: UTF16.self) == "voorzichtiger" })
    }

    @Test func answersAndCodebooksPastTheLimitsAreRefusedWithAMessage() throws {
        let dir = try TemporaryDirectory()
        let huge = String(repeating: "woord ", count: InputLimits.fieldBytes / 6 + 1)
        let path = try dir.write("huge.csv", "id,text\nA1,kort\nA2,\(huge)\nA3,kort\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        #expect(error?.problems.map(\.line) == [3])
        #expect(error?.problems.first?.message.contains("up to 16 MB per answer") == true, "\(error?.description ?? "")")
        let codes = (0...CodebookLimits.codes).map { "  - id: c\($0)\n    label: C\n    include: [woord\($0)]" }.joined(separator: "\n")
        let codebookError = #expect(throws: InvalidCodebook.self) { try CodebookLoader.parse("name: x\ncodes:\n" + codes + "\n", file: "cb.yml") }
        #expect(codebookError?.description.contains("at most \(CodebookLimits.codes)") == true)
    }

    // MARK: 7, 8. only projects are opened, and reads never write

    @Test func foreignSQLiteFileIsLeftUntouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.db")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for access in [ProjectStore.Access.read, .write] {
            let error = #expect(throws: ProjectError.self) { try ProjectStore.open(at: path, access: access) }
            #expect(error?.description.contains("not a Duiding project") == true)
        }
        let r = try DuidingBinary.run(["export", path, "--what", "codes"], in: dir.url)
        #expect(r.status != 0)
        #expect(r.stderr.contains("not a Duiding project"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aReadDoesNotWriteAndAnOldProjectIsReadAfterUpgrade() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.duiding")
        let store = try ProjectStore.create(at: path)
        try store.importUnits([NewUnit(id: "A1", text: "t", kind: .answer, values: [:], file: "a.csv", line: 2)], file: "a.csv", variables: [])
        #expect(ProjectStore.kind(of: path) == .project)
        // Make it look like a project from before the mark.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier = 'v3 project mark'")
        }
        #expect(ProjectStore.kind(of: path) == .project)
        let error = #expect(throws: ProjectError.self) { try ProjectStore.open(at: path, access: .read) }
        #expect(error?.description.contains("duiding upgrade") == true)
        try ProjectStore.upgrade(at: path)
        #expect(try ProjectStore.open(at: path, access: .read).unitCount() == 1)
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 72) ?? Data()
        #expect(Array(header[68..<72]) == [0x44, 0x55, 0x49, 0x44])
    }

    /// A project on a read-only file system (a read-only bind mount; needs root).
    @Test(.enabled(if: getuid() == 0, "needs root to mount a read-only folder"))
    func readOnlyProjectCanBeReadButNotWritten() throws {
        let dir = try TemporaryDirectory()
        let source = dir.url.appendingPathComponent("src")
        let mounted = dir.url.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: mounted, withIntermediateDirectories: true)
        try dir.write("src/a.csv", "id,geslacht,text\nA1,man,Ik ben voorzichtiger geworden.\nA2,vrouw,Niets.\n")
        let project = source.appendingPathComponent("p.duiding").path
        for arguments in [["init", project], ["import", project, "src/a.csv"], ["recode", project, "--codebook", TestSupport.defaultCodebookPath]] {
            #expect(try DuidingBinary.run(arguments, in: dir.url).status == 0)
        }
        func sh(_ command: String) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", command]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        try #require(try sh("mount --bind '\(source.path)' '\(mounted.path)' && mount -o remount,bind,ro '\(mounted.path)'") == 0,
                     "mount --bind failed")
        defer { _ = try? sh("umount '\(mounted.path)'") }
        let readOnly = mounted.appendingPathComponent("p.duiding").path
        let table = try DuidingBinary.run(["table", readOnly, "--by", "geslacht", "--format", "csv"], in: dir.url)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("geslacht,man,caution,1,1,100.0"), "\(table.stdout)")
        let decide = try DuidingBinary.run(["decide", readOnly, "A1", "-caution", "--coder", "anna"], in: dir.url)
        #expect(decide.status != 0)
        #expect(decide.stderr.contains("is read-only"), "\(decide.stderr)")
    }

    // MARK: 9. Markdown and Word escape what they show

    @Test func markdownEscapesLabelsGroupsAndNames() throws {
        let codebook = try CodebookLoader.parse("""
            name: "Boek <b>vet</b>"
            codes:
              - id: zelf
                label: "<zelf> *nadruk* _x_"
                include: [voorzicht*]
            """, file: "cb.yml")
        let table = ThemeTable(units: [CodedUnit(id: "A1", values: ["groep": "<g>|*"], codes: [0])], codeCount: 1, variables: ["groep"])
        let md = ThemeTableWriter(table: table, codebook: codebook, title: codebook.name).markdown()
        #expect(md.contains("\\<zelf\\> \\*nadruk\\* \\_x\\_"), "\(md)")
        #expect(md.contains("\\<g\\>\\|\\*"), "\(md)")
        #expect(md.contains("Boek \\<b\\>vet\\</b\\>"), "\(md)")
        let dir = try TemporaryDirectory()
        let docx = dir.path("r.docx")
        let writer = ThemeTableWriter(table: table, codebook: codebook, title: codebook.name)
        let section = ReportDocument.Section(name: "", heading: codebook.name, questionText: "", base: "", tables: writer.reportTables(), quotes: [])
        try WordReport.write(ReportDocument(title: codebook.name, sections: [section], quoteNote: ""), to: docx)
        let xml = String(decoding: try ExchangeSupport.unzip(docx)["word/document.xml"] ?? Data(), as: UTF8.self)
        #expect(xml.contains("&lt;zelf&gt; *nadruk* _x_"), "the label must reach Word as written")
        #expect(xml.contains("&lt;g&gt;|*"))
    }

    // MARK: 10. line endings

    @Test func oldMacLineEndingsAreReadAsLines() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("cr.csv", "id,text\rA1,Ik ben voorzichtiger\rA2,Niets\r")
        let corpus = try Corpus.load([path])
        #expect(corpus.units.map(\.id) == ["A1", "A2"])
        #expect(corpus.units.map(\.line) == [2, 3])
        #expect(corpus.notes.contains { $0.contains("CR only") })
    }

    // MARK: 11. letterless patterns

    @Test(arguments: ["?", ".", "^$", "€", "voorzicht*|?"])
    func letterlessPatternIsRefused(pattern: String) {
        let yaml = "name: x\ncodes:\n  - id: a\n    label: A\n    include: [\"\(pattern)\"]\n"
        let error = #expect(throws: InvalidCodebook.self) { try CodebookLoader.parse(yaml, file: "cb.yml") }
        #expect(error?.description.hasPrefix("cb.yml:5:") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("never match") == true)
    }

    // MARK: 12. messages in words

    @Test func messagesSayWhatHappenedToWhichFile() throws {
        let dir = try TemporaryDirectory()
        let initMissing = try DuidingBinary.run(["init", dir.path("nope/p.duiding")], in: dir.url)
        #expect(initMissing.status != 0)
        #expect(initMissing.stderr.contains("nope") && initMissing.stderr.contains("does not exist"), "\(initMissing.stderr)")
        #expect(!initMissing.stderr.contains("SQLite error"))
        let qdc = try dir.write("bad.qdc", "<?xml version=\"1.0\"?>\n<CodeBook><Codes><Code name=\"a\"></Codes></CodeBook>")
        let xml = try DuidingBinary.run(["codebook", "import", qdc, "-o", dir.path("x.yml")], in: dir.url)
        #expect(xml.stderr.contains("bad.qdc:2:"), "\(xml.stderr)")
        #expect(xml.stderr.contains("end tag that does not match"), "\(xml.stderr)")
        #expect(!xml.stderr.contains("NSXMLParserErrorDomain"))
        try dir.write("a.csv", "id,text\nA1,voorzichtiger\n")
        try dir.write("plain", "x")
        let out = try DuidingBinary.run(["code", "a.csv", "--codebook", TestSupport.defaultCodebookPath, "--output", "plain/codes.csv"], in: dir.url)
        #expect(out.status != 0)
        #expect(out.stderr.contains("plain/codes.csv: cannot write the file"), "\(out.stderr)")
    }

    // MARK: 13. spreadsheet formulas

    @Test func formulaLikeFieldsAreProtectedAndTheRoundTripIsExact() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", "id,text\n=1+1,Ik ben voorzichtiger geworden.\n'-x,Ik ben ook voorzichtiger.\n@A,=HYPERLINK(\"x\") voorzichtiger\n")
        let project = dir.path("p.duiding")
        for arguments in [["init", project], ["import", project, "a.csv"], ["recode", project, "--codebook", TestSupport.defaultCodebookPath]] {
            let r = try DuidingBinary.run(arguments, in: dir.url)
            try #require(r.status == 0, "\(r.stderr)")
        }
        let export = try DuidingBinary.run(["export", project, "--what", "codes"], in: dir.url)
        let rows = parseCSV(export.stdout)
        #expect(rows.dropFirst().map { $0[0] } == ["'=1+1", "''-x", "'@A"])
        // The researcher rejects every code in the spreadsheet and imports it back.
        var edited = CSVWriter.row(rows[0])
        for row in rows.dropFirst() { edited += CSVWriter.row([row[0], row[1], row[2], "rejected"] + row[4...]) }
        try dir.write("edited.csv", edited)
        let back = try DuidingBinary.run(["import-decisions", project, "edited.csv", "--coder", "anna"], in: dir.url)
        #expect(back.status == 0, "\(back.stderr)")
        let store = try ProjectStore.open(at: project, access: .read)
        for id in ["=1+1", "'-x", "@A"] { #expect(try store.state(unit: id).codes.isEmpty, "\(id)") }
    }

    @Test func protectAndUnprotectAreInverse() {
        var random = SeededGenerator(seed: 11)
        let alphabet = Array("=+-@'\t\rab,\" ")
        for _ in 0..<2_000 {
            let s = String((0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            let p = SpreadsheetFormula.protect(s)
            #expect(SpreadsheetFormula.unprotect(p) == s, "\(s.debugDescription)")
            if let first = p.first { #expect(!"=+-@\t\r".contains(first), "\(p.debugDescription) would run as a formula") }
        }
    }
}
