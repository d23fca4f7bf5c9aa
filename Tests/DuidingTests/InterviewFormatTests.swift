import DuidingStore
import DuidingText
import Foundation
import Testing
@testable import DuidingInput

/// Interview notes as they arrive: Word and OpenDocument (through pandoc), subtitle transcripts
/// (SubRip, WebVTT), header fields from a table, `veld: waarde` paragraphs or `--set`.
/// Fixtures: Tests/DuidingTests/Fixtures/interviews (see its README).
@Suite("Interview formats")
struct InterviewFormatTests {
    static let hasPandoc = FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc")

    static func fixture(_ name: String) throws -> String { try TestSupport.fixture("interviews/\(name)").path }

    // MARK: Word and OpenDocument

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func wordDocumentWithTableAndBoldLabels() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("griffier.docx"))
        #expect(notes.fields.map(\.key) == ["organisatie", "functie", "datum", "interviewer"])
        #expect(notes.fields.map(\.value) == ["Middelgrote gemeente", "Griffier", "2024-03-14", "Onderzoeker (I&O)"])
        #expect(notes.turns.map(\.speaker) == ["Onderzoeker (I&O)", "Griffier", "Onderzoeker (I&O)", "Griffier",
                                               "d’Hondt (raadslid)", "Onderzoeker (I&O)", "d’Hondt (raadslid)"])
        // Paragraphs: the title is 1; the table is no paragraph.
        #expect(notes.turns.map(\.line) == [2, 3, 5, 6, 8, 9, 10])
        // A turn of two paragraphs keeps them apart; a non-bold `Let op:` among bold labels is text.
        #expect(notes.respondentTurns.map(\.text) == [
            "Raadsleden zijn voorzichtiger geworden. Ze zeggen niet meer alles wat ze denken.\nEen raadslid heeft zijn adres van de website laten halen.",
            "Die zijn alerter. Ze letten beter op wie er binnenkomt.\nLet op: dat geldt vooral voor de balie.",
            "Mag ik daar iets aan toevoegen? Ik lig er soms wakker van.",
            "Een training in weerbaarheid, voor de hele raad.",
        ])
        #expect(notes.warnings.map(\.line) == [7])
        #expect(notes.warnings.first?.message.contains("`Let op:`") == true)
        #expect(notes.warnings.first?.message.contains("not bold") == true)
    }

    @Test func pandocJSONSeedReadsAsTheDocument() throws {
        // Fuzz/corpus/interview/pandoc.json is pandoc's JSON of griffier.docx: the fuzz target
        // reaches the document reader through it, without pandoc.
        let json = try Data(contentsOf: FuzzCorpusTests.fuzzFolder.appendingPathComponent("corpus/interview/pandoc.json"))
        let notes = try InterviewNotes.parseDocument(pandocJSON: json, path: "griffier.docx")
        #expect(notes.respondentTurns.map(\.speaker) == ["Griffier", "Griffier", "d’Hondt (raadslid)", "d’Hondt (raadslid)"])
        #expect(notes.fields.first?.value == "Middelgrote gemeente")
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.parseDocument(pandocJSON: Data("[1]".utf8), path: "x.docx") }
        #expect(error?.problems.first?.message.contains("not a pandoc document") == true)
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func openDocumentWithFieldParagraphsAndLowerCaseLabels() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("provincie.odt"))
        #expect(notes.fields.map(\.key) == ["organisatie", "functie", "datum", "interviewer"])
        #expect(notes.fields.first?.value == "Provincie")
        #expect(notes.interviewers == ["int."])
        #expect(notes.turns.map(\.speaker) == ["int.", "statenlid", "int.", "statenlid"])
        #expect(notes.respondentTurns.map(\.text) == [
            "Ik ben voorzichtiger met wat ik online zet. Ik vermijd sommige bijeenkomsten.",
            "Nog niet. Ik heb behoefte aan een cursus over online bedreigingen.",
        ])
        #expect(notes.warnings.isEmpty)
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func setReplacesAndAddsFields() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("provincie.odt"),
                                            set: [("organisatie", "Kleinere gemeente"), ("regio", "Noord")])
        #expect(notes.fields.map(\.key) == ["organisatie", "functie", "datum", "interviewer", "regio"])
        #expect(notes.fields.first?.value == "Kleinere gemeente")
        let field = InterviewNotes.field(assignment: " Organisatie = Grote gemeente ")
        #expect(field?.key == "organisatie")
        #expect(field?.value == "Grote gemeente")
        #expect(InterviewNotes.field(assignment: "=waarde") == nil)
        #expect(InterviewNotes.field(assignment: "zonder") == nil)
    }

    @Test func textNotesWithoutHeaderWhenSetNamesTheInterviewer() throws {
        let text = "Int: Vraag?\nGriffier: Antwoord.\n"
        let notes = try InterviewNotes.parse(text, path: "g.txt", set: [("interviewer", "int"), ("organisatie", "Provincie")])
        #expect(notes.fields.map(\.key) == ["interviewer", "organisatie"])
        #expect(notes.respondentTurns.map(\.text) == ["Antwoord."])
        #expect(notes.respondentTurns.map(\.line) == [2])
        // Without it, the first block is a header, as before.
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.parse(text, path: "g.txt") }
        #expect(error?.problems.first?.message.contains("no blank line after the header") == true)
    }

    /// A Word document written by pandoc from Markdown, in a temporary folder.
    static func docx(_ markdown: String, in dir: TemporaryDirectory, name: String = "notes.docx") throws -> String {
        let source = try dir.write(name + ".md", markdown)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pandoc")
        process.arguments = ["--from", "markdown", "--to", "docx", "--output", dir.path(name), source]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return dir.path(name)
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func manualLineBreaksHeadingsAndIntroduction() throws {
        let dir = try TemporaryDirectory()
        let path = try Self.docx("""
            Verslag, opgesteld door het onderzoeksteam.

            organisatie: Waterschap\\
            interviewer: Interviewer

            Interviewer: Eerste vraag?

            Dijkgraaf: Eerste regel\\
            tweede regel.

            ## Deel 2

            Interviewer: Tweede vraag?

            Dijkgraaf: Antwoord.
            """, in: dir)
        let notes = try InterviewNotes.load(path: path)
        // The introduction is no field and no turn: left out, with a warning. Line breaks split
        // the header paragraph into fields, and are kept inside a turn.
        #expect(notes.fields.map(\.key) == ["organisatie", "interviewer"])
        #expect(notes.respondentTurns.map(\.text) == ["Eerste regel\ntweede regel.", "Antwoord."])
        #expect(notes.warnings.map(\.line) == [1, 5])
        #expect(notes.warnings[0].message.contains("before the first turn"))
        #expect(notes.warnings[1].message.contains("heading `Deel 2`"))
    }

    // MARK: Subtitles

    @Test func teamsVoiceTagsMergedIntoTurns() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("waterschap-teams.vtt"),
                                            set: [("organisatie", "Waterschap"), ("interviewer", "Jan de Vries")])
        #expect(notes.turns.map(\.speaker) == ["Jan de Vries", "Karin van 't Hooft", "Jan de Vries", "Karin van 't Hooft"])
        let first = try #require(notes.respondentTurns.first)
        #expect(first.text == "Bij de handhavers op de dijk zie ik dat ze alerter zijn geworden. Ze gaan niet meer alleen op controle, en ze letten op wie er aankomt.")
        #expect(first.time == "00:00:06.310-00:00:15.770")
        #expect(first.line == 8)
        #expect(notes.respondentTurns.map(\.number) == [2, 4])
        #expect(notes.warnings.isEmpty)
    }

    @Test func subRipNamePrefixesAndContinuations() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("gemeente-zoom.srt"), set: [("interviewer", "interviewer")])
        #expect(notes.turns.map(\.speaker) == ["Interviewer", "Wethouder (CDA)", "Interviewer", "Wethouder (CDA)"])
        #expect(notes.respondentTurns.map(\.text) == [
            "Ik vermijd de markt op zaterdag, daar werd ik vorig jaar uitgescholden. En mijn kinderen maken zich zorgen, ik slaap er slecht van.",
            "Nee, nog niet. let op: dat zeg ik niet graag.",
        ])
        #expect(notes.respondentTurns.map(\.time) == ["00:00:04.900-00:00:13.640", "00:00:16.950-00:00:24.100"])
        #expect(notes.warnings.map(\.line) == [23])
        #expect(notes.warnings.first?.message.hasPrefix("cue 6: `let op:` looks like a speaker label") == true)
    }

    @Test func whisperTimesWithAndWithoutHours() throws {
        let notes = try InterviewNotes.load(path: Self.fixture("kleinere-gemeente-whisperx.vtt"), set: [("interviewer", "[SPEAKER_00]")])
        #expect(notes.turns.map(\.speaker) == ["[SPEAKER_00]", "[SPEAKER_01]", "[SPEAKER_00]", "[SPEAKER_01]"])
        #expect(notes.turns.map(\.time) == ["00:00:00.000-00:00:04.120", "00:00:04.120-00:00:14.020",
                                            "00:59:58.200-01:00:02.480", "01:00:02.900-01:00:07.350"])
        #expect(notes.respondentTurns.first?.text == "Ik zeg niet meer alles wat ik denk in de raad. Online houd ik me in, ik post bijna niets meer.")
    }

    @Test func webVTTNoteCarriesHeaderFields() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("met-kop.vtt", """
            WEBVTT

            NOTE organisatie: Provincie
            interviewer: Int
            opgenomen in Teams

            00:01.000 --> 00:02.000
            <v Int>Vraag?

            00:02.000 --> 00:04.000
            <v Gedeputeerde>Antwoord.

            """)
        let notes = try InterviewNotes.load(path: path, set: [("functie", "Gedeputeerde")])
        #expect(notes.fields.map(\.key) == ["organisatie", "interviewer", "functie"])
        #expect(notes.fields.map(\.value) == ["Provincie", "Int", "Gedeputeerde"])
        #expect(notes.respondentTurns.map(\.text) == ["Antwoord."])
    }

    @Test func timestampsAndVoices() {
        #expect(Subtitles.timestamp("01:02:03,004") == 3_723_004)
        #expect(Subtitles.timestamp("02:03.004") == 123_004)
        #expect(Subtitles.timestamp("00:60.000") == nil)
        #expect(Subtitles.timestamp("00:01:02") == nil)
        #expect(Subtitles.timestamp("0x:01.000") == nil)
        #expect(Subtitles.format(3_723_004) == "01:02:03.004")
        let voices = Subtitles.voices(["<v.loud Anna>Ja, <i>zeker</i> &amp; meer.</v>", "<v Bob>Nee <00:00:01.000>toch.</v>"])
        #expect(voices.map(\.0) == ["Anna", "Bob"])
        #expect(voices.map(\.1) == ["Ja, zeker & meer.", "Nee toch."])
    }

    @Test func brokenCueTimesAreAllReported() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("kapot.vtt", "WEBVTT\n\n00:00.000 --> 00:0x.000\n<v A>hoi\n\n00:05.000 --> 00:03.000\n<v B>hallo\n\nzomaar\ntekst\n")
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.load(path: path, set: [("interviewer", "A")]) }
        #expect(error?.problems.map(\.line) == [3, 6, 9])
        #expect(error?.problems.map { $0.message.prefix(6) } == ["cue 1:", "cue 2 ", "cue 3 "])
        #expect(error?.problems[0].message.contains("`00:00.000 --> 00:0x.000` are not cue times") == true)
        #expect(error?.problems[1].message.contains("ends (00:00:03.000) before it starts (00:00:05.000)") == true)
    }

    @Test func subtitlesNeedSpeakersAndAnInterviewer() throws {
        let dir = try TemporaryDirectory()
        let anonymous = try dir.write("anoniem.srt", "1\n00:00:01,000 --> 00:00:02,000\ngeen spreker hier\n")
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.load(path: anonymous, set: [("interviewer", "A")]) }
        #expect(error?.problems.map(\.line) == [2])
        #expect(error?.problems.first?.message.contains("cue 1 has no speaker") == true)
        let unnamed = try dir.write("zonder.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Vraag?\n")
        let missing = #expect(throws: InvalidInput.self) { try InterviewNotes.load(path: unnamed) }
        #expect(missing?.problems.first?.message.contains("--set interviewer=LABEL") == true)
        let notVTT = try dir.write("geen.vtt", "1\n00:00:01,000 --> 00:00:02,000\nA: hoi\n")
        let header = #expect(throws: InvalidInput.self) { try InterviewNotes.load(path: notVTT, set: [("interviewer", "A")]) }
        #expect(header?.problems.first?.message.contains("starts with the line `WEBVTT`") == true)
    }

    // MARK: Bad documents

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func brokenAndProtectedDocumentsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let cases: [(String, [UInt8], String)] = [
            ("beveiligd.docx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512), "password-protected"),
            ("tekst.docx", Array("gewoon tekst\n".utf8), "is not a Word document"),
            ("kapot.docx", [0x50, 0x4B, 0x03, 0x04] + Array("afgebroken".utf8), "pandoc could not read it as a Word document"),
            ("kapot.odt", [0x50, 0x4B, 0x03, 0x04] + Array("afgebroken".utf8), "pandoc could not read it as an OpenDocument text"),
            ("leeg.docx", [], "this one is empty"),
        ]
        for (name, bytes, message) in cases {
            let path = try dir.write(name, bytes: bytes)
            let error = #expect(throws: InvalidInput.self, "\(name)") { try InterviewNotes.load(path: path) }
            #expect(error?.problems.count == 1, "\(name)")
            #expect(error?.problems.first?.file == path)
            #expect(error?.problems.first?.message.contains(message) == true, "\(name): \(error?.problems.first?.message ?? "")")
        }
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func documentWithoutTurns() throws {
        let dir = try TemporaryDirectory()
        let path = try Self.docx("organisatie: Provincie\n\ninterviewer: Int\n\nEen verslag zonder sprekers.\n\nNog een alinea.\n", in: dir)
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.load(path: path) }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.message.contains("no speaker turns found in the document") == true)
    }

    // MARK: Through the command line

    /// A project with every fixture imported: the documents together, each subtitle file with
    /// its own header fields.
    static func importAll(in dir: TemporaryDirectory) throws -> String {
        let project = dir.path("interviews.duiding")
        #expect(try DuidingBinary.run(["init", project], in: dir.url).status == 0)
        let imports: [[String]] = [
            [try fixture("griffier.docx"), try fixture("provincie.odt")],
            [try fixture("waterschap-teams.vtt"), "--set", "organisatie=Waterschap", "--set", "interviewer=Jan de Vries"],
            [try fixture("gemeente-zoom.srt"), "--set", "organisatie=Grote gemeente", "--set", "interviewer=Interviewer"],
            [try fixture("kleinere-gemeente-whisperx.vtt"), "--set", "organisatie=Kleinere gemeente", "--set", "interviewer=[SPEAKER_00]"],
        ]
        for arguments in imports {
            let run = try DuidingBinary.run(["import", project] + arguments, in: dir.url)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        return project
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func importedIntoAProject() throws {
        let dir = try TemporaryDirectory()
        let project = try Self.importAll(in: dir)
        let units = try ProjectStore.open(at: project, access: .read).units()
        #expect(units.map(\.id) == ["griffier.docx#2", "griffier.docx#4", "griffier.docx#5", "griffier.docx#7",
                                    "provincie.odt#2", "provincie.odt#4", "waterschap-teams.vtt#2", "waterschap-teams.vtt#4",
                                    "gemeente-zoom.srt#2", "gemeente-zoom.srt#4",
                                    "kleinere-gemeente-whisperx.vtt#2", "kleinere-gemeente-whisperx.vtt#4"])
        #expect(units.allSatisfy { $0.kind == .interview })
        let organisation = Dictionary(units.map { ($0.respondent, $0.values["organisatie"] ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(organisation == ["griffier.docx": "Middelgrote gemeente", "provincie.odt": "Provincie", "waterschap-teams.vtt": "Waterschap",
                                 "gemeente-zoom.srt": "Grote gemeente", "kleinere-gemeente-whisperx.vtt": "Kleinere gemeente"])
        let byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["griffier.docx#5"]?.values["spreker"] == "d’Hondt (raadslid)")
        #expect(byID["griffier.docx#2"]?.values["functie"] == "Griffier")
        #expect(byID["griffier.docx#2"]?.values["tijd"] == nil)
        #expect(byID["waterschap-teams.vtt#2"]?.values["tijd"] == "00:00:06.310-00:00:15.770")
        #expect(byID["gemeente-zoom.srt#2"]?.values["spreker"] == "Wethouder (CDA)")
        #expect(byID["griffier.docx#2"]?.line == 3)
        #expect(units.allSatisfy { $0.values["interviewer"] == nil })
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func offsetsAreExactAgainstTheStoredText() throws {
        let dir = try TemporaryDirectory()
        let project = try Self.importAll(in: dir)
        let stored = Dictionary(try ProjectStore.open(at: project, access: .read).units().map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        // `code` reads the document itself; its offsets (Unicode characters) must point into
        // the text the project stored for the same turn.
        var checked = 0
        for name in ["griffier.docx", "provincie.odt"] {
            let run = try DuidingBinary.run(["code", try Self.fixture(name)], in: dir.url)
            #expect(run.status == 0, "\(run.stderr)")
            for row in parseCSV(run.stdout).dropFirst() {
                let text = try #require(stored[row[0]], "\(row[0]) is not stored")
                let scalars = Array(text.unicodeScalars)
                let (start, end) = (try #require(Int(row[4])), try #require(Int(row[5])))
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == row[2], "\(row)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func quotesAreAttributedByOrganisationType() throws {
        let dir = try TemporaryDirectory()
        let project = try Self.importAll(in: dir)
        #expect(try DuidingBinary.run(["recode", project], in: dir.url).status == 0)
        let run = try DuidingBinary.run(["quotes", project, "--interviews", "--per-theme", "10"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        for (quote, organisation) in [
            ("Een training in weerbaarheid, voor de hele raad.", "Middelgrote gemeente"),
            ("Ik ben voorzichtiger met wat ik online zet. Ik vermijd sommige bijeenkomsten.", "Provincie"),
            ("Ik ben voorzichtiger met wat ik zeg over de peilbesluiten.", "Waterschap"),
            ("Een cursus weerbaarheid zou ik graag willen volgen.", "Kleinere gemeente"),
        ] {
            #expect(run.stdout.contains("“\(quote)” (\(organisation))"), "\(quote) (\(organisation)) in:\n\(run.stdout)")
        }
        #expect(!run.stdout.contains("Onderzoeker"), "an interviewer's turn was quoted")
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func dryRunListsSpeakersAndStoresNothing() throws {
        let dir = try TemporaryDirectory()
        let project = dir.path("p.duiding")
        #expect(try DuidingBinary.run(["init", project], in: dir.url).status == 0)
        let docx = try Self.fixture("griffier.docx")
        let run = try DuidingBinary.run(["import", project, docx, try Self.fixture("provincie.odt"), "--dry-run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(docx): 7 turns, 4 of them respondent turns (units)"))
        #expect(lines.contains("  fields: organisatie = Middelgrote gemeente; functie = Griffier; datum = 2024-03-14; interviewer = Onderzoeker (I&O)"))
        #expect(lines.contains("  Onderzoeker (I&O) (interviewer): 3 turns"))
        #expect(lines.contains("  Griffier: 2 turns"))
        #expect(lines.contains("  d’Hondt (raadslid): 2 turns"))
        #expect(lines.contains("  statenlid: 2 turns"))
        #expect(lines.contains { $0.hasPrefix("  warning: \(docx):7: paragraph 7: `Let op:` looks like a speaker label") })
        #expect(lines.last == "nothing imported (--dry-run); without it, 6 units would go into \(project)")
        #expect(!run.stderr.contains("Let op"), "the warning is shown twice")
        #expect(try ProjectStore.open(at: project, access: .read).units().isEmpty)
    }

    @Test(.enabled(if: hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func badFileImportsNothing() throws {
        let dir = try TemporaryDirectory()
        let project = dir.path("p.duiding")
        #expect(try DuidingBinary.run(["init", project], in: dir.url).status == 0)
        let locked = try dir.write("beveiligd.docx", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64))
        let run = try DuidingBinary.run(["import", project, try Self.fixture("griffier.docx"), locked], in: dir.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(locked):1: the document is password-protected"))
        #expect(try ProjectStore.open(at: project, access: .read).units().isEmpty)
        let badSet = try DuidingBinary.run(["import", project, try Self.fixture("griffier.docx"), "--set", "organisatie"], in: dir.url)
        #expect(badSet.status != 0)
        #expect(badSet.stderr.contains("--set `organisatie`: write FIELD=VALUE"))
    }

    @Test func missingPandocSaysHowToInstallIt() throws {
        let dir = try TemporaryDirectory()
        let project = dir.path("p.duiding")
        #expect(try DuidingBinary.run(["init", project], in: dir.url).status == 0)
        let docx = try Self.fixture("griffier.docx")
        let run = try DuidingBinary.run(["import", project, docx], in: dir.url, environment: ["DUIDING_PANDOC": dir.path("geen-pandoc")])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(docx):1: pandoc is not installed; install it with `apt-get install pandoc`"), "\(run.stderr)")
    }
}

/// The pandoc runner: its time limit and its private, removed temporary folder.
@Suite("Pandoc runner")
struct PandocRunnerTests {
    @Test func aRunPastItsTimeLimitIsStopped() throws {
        let dir = try TemporaryDirectory()
        let slow = try dir.write("langzaam", "#!/bin/sh\nexec sleep 30\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: slow)
        let started = Date()
        let error = #expect(throws: Pandoc.Failure.self) { try Pandoc.run(["--version"], timeout: 1, program: slow) { _ in () } }
        #expect(error?.description == "pandoc did not finish within 1 seconds and was stopped")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test(.enabled(if: InterviewFormatTests.hasPandoc, "needs pandoc (scripts/setup installs it)"))
    func outputGoesToAPrivateFolderThatIsRemoved() throws {
        var folder: URL?
        let text = try Pandoc.run(["--from", "markdown", "--to", "plain"], input: Data("*Hallo* wereld".utf8)) { output -> String in
            folder = output.deletingLastPathComponent()
            let permissions = try FileManager.default.attributesOfItem(atPath: output.deletingLastPathComponent().path)[.posixPermissions] as? Int
            #expect(permissions == 0o700)
            return try String(contentsOf: output, encoding: .utf8)
        }
        #expect(text == "Hallo wereld\n")
        let used = try #require(folder)
        #expect(!FileManager.default.fileExists(atPath: used.path))
    }

    @Test func aFailingRunReportsPandocsMessage() throws {
        let dir = try TemporaryDirectory()
        let failing = try dir.write("faalt", "#!/bin/sh\necho 'Unknown input format docz' >&2\nexit 21\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
        let error = #expect(throws: Pandoc.Failure.self) { try Pandoc.run(["--from", "docz"], program: failing) { _ in () } }
        #expect(error?.description == "Unknown input format docz")
    }
}
