import Foundation
import Testing
import DuidingExport
@testable import DuidingInput
@testable import DuidingProject
@testable import DuidingStore

/// `duiding import` reads its files part by part and stores each batch as it comes. Read in
/// parts of a few bytes (a part boundary inside every record), the project must be exactly
/// what the files read whole give (`ProjectImport.batch` of `Corpus.load`): units with ids,
/// positions, texts, values, lines, questions, respondents and prompts; variables with their
/// settings; questions in order. A problem in a later part refuses the whole import, naming
/// file and line, and leaves the project as it was.
@Suite("Import in parts")
struct ImportStreamingTests {
    /// Parts this small put a boundary in every record (and in quoted line breaks).
    static let tinyParts = 7

    func expectStreamedImportEqualsWholeRead(_ paths: [String], columns: Corpus.Columns,
                                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let whole = try ProjectImport.batch(Corpus.load(paths, columns: columns))
        let store = try ProjectStore.inMemory()
        let summary = try ProjectImport.importFiles(paths, columns: columns, into: store, partBytes: Self.tinyParts)
        let stored = try store.units()
        #expect(stored.count > 3, sourceLocation: sourceLocation)
        #expect(stored == whole.units, sourceLocation: sourceLocation)
        #expect(try store.questions() == whole.questions, sourceLocation: sourceLocation)
        #expect(try store.variables() == whole.variables, sourceLocation: sourceLocation)
        #expect(summary.units == whole.units.count, sourceLocation: sourceLocation)
        #expect(summary.questions.map(\.name) == whole.questions.map(\.name), sourceLocation: sourceLocation)
        #expect(summary.questions.map(\.units) == whole.questions.map(\.units), sourceLocation: sourceLocation)
    }

    /// The units, variables and questions of a project, to show that a refused import left it as it was.
    func contents(_ store: ProjectStore) throws -> String {
        "\(try store.units())\n\(try store.variables())\n\(try store.questions())"
    }

    /// A project with one earlier import, and what it holds.
    func projectWithAnImport(_ dir: TemporaryDirectory) throws -> (ProjectStore, String) {
        let store = try ProjectStore.inMemory()
        try dir.write("eerder.csv", "id,groep,text\nE1,x,Een eerder antwoord.\nE2,y,Nog een.\n")
        try ProjectImport.importFiles([dir.path("eerder.csv")], columns: Corpus.Columns(), into: store)
        return (store, try contents(store))
    }

    @Test func aWideExportWithThreeQuestionsAndAWeight() throws {
        let dir = try TemporaryDirectory()
        try dir.write("wide.csv", QuestionsTests.wideCSV)
        try expectStreamedImportEqualsWholeRead([dir.path("wide.csv")], columns: Corpus.Columns(texts: ["q1", "q2", "q3"]))
    }

    @Test func aLongFileAndInterviewNotesTogether() throws {
        let dir = try TemporaryDirectory()
        try dir.write("long.csv", "id,vraag,regio,text\nR1a,steun,noord,Meer steun graag\nR1b,gevolg,noord,Ik slaap slecht\nR2a,steun,zuid,Niets\n")
        try dir.write("interview.txt", "organisatie: Provincie\ninterviewer: I\n\nI: Hoe is het?\nGriffier: Ik ben bang.\nI: En verder?\nGriffier: Een training zou helpen.\n")
        try expectStreamedImportEqualsWholeRead([dir.path("long.csv"), dir.path("interview.txt")],
                                                columns: Corpus.Columns(texts: ["text"], question: "vraag"))
    }

    @Test func anSPSSFileWithQuestionLabelsAndAWeight() throws {
        let sav = try TestSupport.fixture("questions.sav").path
        try expectStreamedImportEqualsWholeRead([sav], columns: Corpus.Columns(texts: ["q_effect", "q_steun", "q_anders"]))
    }

    /// An SPSS file longer than one run of cases gives the same units as read in one run.
    @Test func anSPSSFileInSeveralRunsOfCases() throws {
        let sav = try TestSupport.fixture("questions.sav").path
        let file = try SPSSFile.load(path: sav)
        #expect(file.rows.count > 1)
        let reader = Corpus.Reader([sav], columns: Corpus.Columns(texts: ["q_effect", "q_steun", "q_anders"]), casesPerPart: 1)
        var units: [DuidingInput.Unit] = []
        var parts = 0
        while let part = try reader.next() {
            units += part.corpus.units
            parts += 1
        }
        let whole = try Corpus.load([sav], columns: Corpus.Columns(texts: ["q_effect", "q_steun", "q_anders"]))
        #expect(parts == file.rows.count + 1)
        #expect(units.map(\.id) == whole.units.map(\.id))
        #expect(units.map(\.line) == whole.units.map(\.line))
    }

    /// A byte order mark, CRLF line ends, quoted line breaks and doubled quotes, with a part
    /// boundary inside each: lines and texts as read whole.
    @Test func byteOrderMarkCRLFAndQuotedLineBreaksAcrossParts() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", "\u{FEFF}id;groep;text\r\n1;a;\"Regel een\r\nregel twee\"\r\n2;b;\"Hij zei \"\"nee\"\"; echt\"\r\n\r\n3;a;Gewoon\r\n4;b;\"Drie\nregels\nhier\"\r\n")
        try expectStreamedImportEqualsWholeRead([dir.path("a.csv")], columns: Corpus.Columns())
        let store = try ProjectStore.inMemory()
        try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: store, partBytes: Self.tinyParts)
        let units = try store.units()
        #expect(units.map(\.line) == [2, 4, 6, 7])
        #expect(units.map(\.text) == ["Regel een\r\nregel twee", "Hij zei \"nee\"; echt", "Gewoon", "Drie\nregels\nhier"])
    }

    /// Variables of a file without answers are stored as when it is read whole.
    @Test func aSecondFileWithOnlyAHeaderAddsItsVariables() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", "id,groep,text\n1,a,Ja\n2,b,Nee\n3,a,Soms\n4,b,Nooit\n")
        try dir.write("b.csv", "id,regio,text\n")
        try expectStreamedImportEqualsWholeRead([dir.path("a.csv"), dir.path("b.csv")], columns: Corpus.Columns())
    }

    static func rows(_ count: Int, id: (Int) -> String = { "R\($0)" }) -> String {
        "id,groep,text\n" + (1...count).map { "\(id($0)),g\($0 % 3),Antwoord nummer \($0) over de gemeente." }.joined(separator: "\n") + "\n"
    }

    @Test func anIdRepeatedInALaterPartIsNamedWithBothLinesAndNothingIsImported() throws {
        let dir = try TemporaryDirectory()
        let (store, before) = try projectWithAnImport(dir)
        try dir.write("a.csv", Self.rows(60) { $0 == 50 ? "R3" : "R\($0)" })
        let error = #expect(throws: InvalidInput.self) {
            try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: store, partBytes: 64)
        }
        #expect(error?.problems == [InputProblem(file: dir.path("a.csv"), line: 51,
                                                 message: "id `R3` was already used at \(dir.path("a.csv")):4; ids must be unique")])
        #expect(try contents(store) == before)
        #expect(try store.unitCount() == 2)
    }

    /// Every broken row is reported, however late in the file, together with a repeated id.
    @Test func brokenRowsInLaterPartsAreAllReportedAndNothingIsImported() throws {
        let dir = try TemporaryDirectory()
        let (store, before) = try projectWithAnImport(dir)
        var text = Self.rows(80) { $0 == 70 ? "R2" : "R\($0)" }
        text = text.replacingOccurrences(of: "R40,g1,Antwoord nummer 40 over de gemeente.", with: "R40,g1,te,veel,velden")
        text = text.replacingOccurrences(of: "R60,g0,Antwoord", with: ",g0,Antwoord")
        try dir.write("a.csv", text)
        let error = #expect(throws: InvalidInput.self) {
            try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: store, partBytes: 100)
        }
        let problems = try #require(error?.problems)
        #expect(problems.map(\.line) == [41, 61, 71])
        #expect(problems[0].message.contains("this row has 5 fields but the header has 3"))
        #expect(problems[1].message == "the id (`id`) is empty")
        #expect(problems[2].message.contains("id `R2` was already used at"))
        #expect(try contents(store) == before)
    }

    /// A NUL byte late in a file (after parts that were plain text) refuses the file with its
    /// line, as reading it whole does; the project keeps what it had.
    @Test func aNULByteInALaterPartRefusesTheFileWithItsLine() throws {
        let dir = try TemporaryDirectory()
        let (store, before) = try projectWithAnImport(dir)
        var bytes = Array(Self.rows(60).utf8)
        let at = try #require(bytes.indices.last { bytes[$0] == UInt8(ascii: "R") })
        bytes.insert(0, at: at + 1)
        let path = try dir.write("a.csv", bytes: bytes)
        var wholeError = ""
        do { _ = try Corpus.load([path]) } catch { wholeError = "\(error)" }
        #expect(wholeError.contains("\(path):61:"), "\(wholeError)")
        var streamedError = ""
        do { try ProjectImport.importFiles([path], columns: Corpus.Columns(), into: store, partBytes: 64) } catch { streamedError = "\(error)" }
        #expect(streamedError == wholeError)
        #expect(try contents(store) == before)
    }

    /// The same file imported again with another text column adds that question to the
    /// respondents already there (`RESPONDENT/QUESTION`), batch by batch as whole.
    @Test func aSecondQuestionOfRespondentsAlreadyThereIsAddedInParts() throws {
        let dir = try TemporaryDirectory()
        try dir.write("wide.csv", QuestionsTests.wideCSV)
        func project(partBytes: Int) throws -> [StoredUnit] {
            let store = try ProjectStore.inMemory()
            try ProjectImport.importFiles([dir.path("wide.csv")], columns: Corpus.Columns(texts: ["q1"], questionName: "q1"), into: store)
            try ProjectImport.importFiles([dir.path("wide.csv")], columns: Corpus.Columns(texts: ["q2"], questionName: "q2"), into: store,
                                          partBytes: partBytes)
            return try store.units()
        }
        let inParts = try project(partBytes: Self.tinyParts)
        #expect(inParts == (try project(partBytes: 1 << 20)))
        #expect(inParts.contains { $0.id.hasSuffix("/q2") })
    }

    /// With a codebook in the project, the imported units get the suggestions a recode of the
    /// same units gives, though coded batch by batch.
    @Test func unitsImportedIntoACodedProjectGetTheSuggestionsOfARecode() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", Self.rows(40) + "R41,g1,Ik ben bang en voorzichtiger geworden.\nR42,g2,Ik mijd sociale media.\n")
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        let coded = try ProjectStore.inMemory()
        _ = try ProjectRecode.recode(coded, yaml: yaml, source: "default")
        try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: coded, partBytes: 64)
        let recoded = try ProjectStore.inMemory()
        try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: recoded)
        _ = try ProjectRecode.recode(recoded, yaml: yaml, source: "default")
        let imported = try coded.suggestions(version: try #require(try coded.latestCodebook()?.id))
        #expect(!imported.isEmpty)
        #expect(imported == (try recoded.suggestions(version: try #require(try recoded.latestCodebook()?.id))))
    }
}

/// `duiding screen FILE` reads its files part by part too: what it finds, and how many units
/// it screens, must be what screening the units of the files read whole gives, for every kind
/// of selection, and a selection that names what is not there fails the same way.
@Suite("Screening answer files in parts")
struct FileScreeningTests {
    static let demo = TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path
    static let columns = Corpus.Columns(id: "id", texts: ["text"], question: "vraag")

    /// Answers to two questions, a third of them with an e-mail address and a phone number.
    static var answers: String {
        "id,bestuurslaag,geslacht,vraag,text\n" + (1...90).map { i in
            let text = i % 3 == 0 ? "Mail me op jan\(i)@voorbeeld.nl of bel 06-1234567\(i % 10)." : "Geen bijzonderheden bij antwoord \(i)."
            return "R\(i),\(["gemeente", "provincie", "waterschap"][i % 3]),\(i % 2 == 0 ? "man" : "vrouw"),\(i % 4 < 2 ? "effecten" : "ondersteuning"),\(text)"
        }.joined(separator: "\n") + "\n"
    }

    func expectSameAsWholeRead(_ selection: UnitSelection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.csv", Self.answers)
        let screening = Screening()
        let units = try Screening.units(files: [path], columns: Self.columns, selection: selection)
        let whole = screening.screen(units)
        let streamed = try screening.screen(files: [path], columns: Self.columns, selection: selection, partBytes: 200)
        #expect(!whole.isEmpty, sourceLocation: sourceLocation)
        #expect(streamed.screened == units.count, sourceLocation: sourceLocation)
        #expect(ScreenReport.csv(streamed.results) == ScreenReport.csv(whole), sourceLocation: sourceLocation)
    }

    @Test func aQuestion() throws {
        try expectSameAsWholeRead(UnitSelection(question: "effecten"))
    }

    @Test func aQuestionWithConditions() throws {
        try expectSameAsWholeRead(UnitSelection(question: "ondersteuning", conditions: [
            .init(variable: "bestuurslaag", values: ["gemeente", "waterschap"]), .init(variable: "geslacht", values: ["man"], negated: true)]))
    }

    @Test func selectionsThatNameWhatIsNotThereFailAsForTheWholeRead() throws {
        for selection in [UnitSelection(), UnitSelection(question: "geen"), UnitSelection(interviews: true),
                          UnitSelection(question: "effecten", conditions: [.init(variable: "bestuurslaag", values: ["rijk"])]),
                          UnitSelection(question: "effecten", conditions: [.init(variable: "kleur", values: ["rood"])])] {
            var whole = "", streamed = ""
            do { _ = try Screening.units(files: [Self.demo], columns: Self.columns, selection: selection) } catch { whole = "\(error)" }
            do { _ = try Screening().screen(files: [Self.demo], columns: Self.columns, selection: selection, partBytes: 500) } catch { streamed = "\(error)" }
            #expect(!whole.isEmpty, "\(selection)")
            #expect(streamed == whole, "\(selection)")
        }
    }

    @Test func aRepeatedIdInALaterPartIsRefusedWithBothLines() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.csv", ImportStreamingTests.rows(60) { $0 == 50 ? "R3" : "R\($0)" })
        let error = #expect(throws: InvalidInput.self) { try Screening().screen(files: [path], columns: Corpus.Columns(), partBytes: 64) }
        #expect(error?.problems.map(\.description) == ["\(path):51: id `R3` was already used at \(path):4; ids must be unique"])
    }
}
