import Foundation
import Testing
@testable import DuidingInput
@testable import DuidingProject
@testable import DuidingStore

/// `screen FILE` reads answer files as an import would store them (`ProjectImport.batch`)
/// without writing a project. What it gets must be exactly what an import into an empty
/// project stores and reads back: units with ids, positions, questions, respondents and
/// prompts, the variables with their settings, and the questions in order.
@Suite("Units as an import stores them")
struct UnitBatchTests {
    func expectBatchEqualsImport(_ paths: [String], columns: Corpus.Columns, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let corpus = try Corpus.load(paths, columns: columns)
        let batch = try ProjectImport.batch(corpus)
        let store = try ProjectStore.inMemory()
        try ProjectImport.importFiles(paths, columns: columns, into: store)
        let stored = try store.units()
        #expect(!stored.isEmpty, sourceLocation: sourceLocation)
        #expect(batch.units == stored, sourceLocation: sourceLocation)
        #expect(batch.questions == (try store.questions()), sourceLocation: sourceLocation)
        #expect(batch.variables == (try store.variables()), sourceLocation: sourceLocation)
    }

    @Test func aWideExportWithThreeQuestionsAndAWeight() throws {
        let dir = try TemporaryDirectory()
        try dir.write("wide.csv", QuestionsTests.wideCSV)
        try expectBatchEqualsImport([dir.path("wide.csv")], columns: Corpus.Columns(texts: ["q1", "q2", "q3"]))
    }

    @Test func aLongFileAndInterviewNotesTogether() throws {
        let dir = try TemporaryDirectory()
        try dir.write("long.csv", "id,vraag,regio,text\nR1a,steun,noord,Meer steun graag\nR1b,gevolg,noord,Ik slaap slecht\nR2a,steun,zuid,Niets\n")
        try dir.write("interview.txt", "organisatie: Provincie\ninterviewer: I\n\nI: Hoe is het?\nGriffier: Ik ben bang.\nI: En verder?\nGriffier: Een training zou helpen.\n")
        try expectBatchEqualsImport([dir.path("long.csv"), dir.path("interview.txt")], columns: Corpus.Columns(texts: ["text"], question: "vraag"))
    }

    @Test func anSPSSFileWithQuestionLabelsAndAWeight() throws {
        let sav = try TestSupport.fixture("questions.sav").path
        try expectBatchEqualsImport([sav], columns: Corpus.Columns(texts: ["q_effect", "q_steun", "q_anders"]))
    }

    /// Answer files with a NUL byte are refused when read; a unit with one that gets this far
    /// (from a reader that lets it through) is refused by the batch as by the import.
    @Test func aNULCharacterIsRefusedWithFileAndLineAsTheImportRefusesIt() throws {
        let units = [NewUnit(id: "1", text: "goed", kind: .answer, values: [:], file: "a.csv", line: 2),
                     NewUnit(id: "2", text: "slecht\u{0}nieuws", kind: .answer, values: ["groep": "x"], file: "a.csv", line: 3)]
        var batchError = "", importError = ""
        do { _ = try UnitBatch(units, variables: []) } catch { batchError = "\(error)" }
        let store = try ProjectStore.inMemory()
        do { try store.importUnits(units, file: "a.csv", variables: []) } catch { importError = "\(error)" }
        #expect(batchError.contains("a.csv:3: the text of `2` contains a NUL character"), "\(batchError)")
        #expect(batchError == importError)
        #expect(try store.units().isEmpty)
    }
}
