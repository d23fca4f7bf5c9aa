import Foundation
import Testing
@testable import DuidingInput

@Suite("Interview notes")
struct InterviewTests {
    static let notes = """
    Organisatie: Middelgrote gemeente
    functie: Wethouder
    datum: 2024-03-01
    interviewer: Int, Tweede Interviewer

    Int: Hoe gaat het met u?
    Wethouder: Goed. Maar ik ben voorzichtiger geworden.
    Ik post minder op Facebook.

    En 's avonds ga ik niet meer alleen de deur uit.
    Int: Waarom?
    Tweede Interviewer: Mag ik iets vragen?
    Wethouder: Door de bedreigingen.
    Partner van wethouder: Ik maak me zorgen.
    """

    @Test func headerFields() throws {
        let parsed = try InterviewNotes.parse(Self.notes, path: "gesprek.txt")
        #expect(parsed.fields.map(\.key) == ["organisatie", "functie", "datum", "interviewer"])
        #expect(parsed.fields.map(\.value) == ["Middelgrote gemeente", "Wethouder", "2024-03-01", "Int, Tweede Interviewer"])
        #expect(parsed.interviewers == ["int", "tweede interviewer"])
    }

    @Test func turnsWithNumbersLinesAndMultiLineText() throws {
        let parsed = try InterviewNotes.parse(Self.notes, path: "gesprek.txt")
        #expect(parsed.turns.map(\.speaker) == ["Int", "Wethouder", "Int", "Tweede Interviewer", "Wethouder", "Partner van wethouder"])
        #expect(parsed.turns.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(parsed.turns.map(\.line) == [6, 7, 11, 12, 13, 14])
        #expect(parsed.turns[1].text
            == "Goed. Maar ik ben voorzichtiger geworden.\nIk post minder op Facebook.\n\nEn 's avonds ga ik niet meer alleen de deur uit.")
    }

    @Test func onlyRespondentTurns() throws {
        let parsed = try InterviewNotes.parse(Self.notes, path: "gesprek.txt")
        #expect(parsed.respondentTurns.map(\.number) == [2, 5, 6])
        #expect(parsed.respondentTurns.allSatisfy { !["Int", "Tweede Interviewer"].contains($0.speaker) })
    }

    @Test func crlfNotes() throws {
        let parsed = try InterviewNotes.parse(Self.notes.replacingOccurrences(of: "\n", with: "\r\n"), path: "g.txt")
        #expect(parsed.respondentTurns.map(\.number) == [2, 5, 6])
        #expect(parsed.turns[4].text == "Door de bedreigingen.")
        #expect(!parsed.turns[1].text.contains("\r"))
    }

    @Test func missingInterviewerIsReported() {
        let text = "organisatie: Provincie\n\nInt: Vraag?\nGedeputeerde: Antwoord.\n"
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.parse(text, path: "g.txt") }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.line == 1)
        #expect(error?.problems.first?.message.contains("interviewer") == true)
        #expect(error?.problems.first?.file == "g.txt")
    }

    @Test func textBeforeTheFirstTurnIsReported() {
        let text = "interviewer: Int\n\nzomaar wat tekst\nInt: Vraag?\n"
        let error = #expect(throws: InvalidInput.self) { try InterviewNotes.parse(text, path: "g.txt") }
        #expect(error?.problems.map(\.line) == [3])
    }

    @Test func idsThroughCorpusLoad() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("gesprek-07.txt", Self.notes)
        let corpus = try Corpus.load([path])
        #expect(corpus.units.map(\.id) == ["gesprek-07.txt#2", "gesprek-07.txt#5", "gesprek-07.txt#6"])
        #expect(corpus.units.map(\.line) == [7, 13, 14])
        #expect(corpus.units.allSatisfy { $0.file == path })
        let first = try #require(corpus.units.first)
        #expect(first.values["organisatie"] == "Middelgrote gemeente")
        #expect(first.values["functie"] == "Wethouder")
        #expect(first.values["spreker"] == "Wethouder")
        #expect(first.values["interviewer"] == nil)
        #expect(corpus.units.last?.values["spreker"] == "Partner van wethouder")
        #expect(corpus.variableNames == ["organisatie", "functie", "datum", "spreker"])
    }

    @Test func interviewsAndTablesLoadTogether() throws {
        let dir = try TemporaryDirectory()
        let notes = try dir.write("a.md", Self.notes)
        let table = try dir.write("b.csv", "id,text,functie\nR1,antwoord,raadslid\n")
        let corpus = try Corpus.load([table, notes])
        #expect(corpus.units.map(\.id) == ["R1", "a.md#2", "a.md#5", "a.md#6"])
    }

    @Test func missingInterviewerThroughCorpusLoad() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("zonder.txt", "organisatie: Waterschap\n\nInt: Vraag?\nDijkgraaf: Antwoord.\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        #expect(error?.problems.first?.description.hasPrefix("\(path):1: ") == true)
    }
}
