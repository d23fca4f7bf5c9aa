import Foundation
import GRDB
import Testing
@testable import DuidingStore

/// The project store: units, codebook versions, suggestions and the append-only decision log.
@Suite("Project store")
struct StoreTests {
    static func units(_ ids: [String]) -> [NewUnit] {
        ids.enumerated().map { i, id in
            NewUnit(id: id, text: "tekst \(id)", kind: .answer, values: ["geslacht": i % 2 == 0 ? "man" : "vrouw"], file: "a.csv", line: i + 2)
        }
    }

    /// A store with three units and one codebook version suggesting caution for A.
    static func populated(_ store: ProjectStore) throws -> ProjectStore {
        try store.importUnits(units(["A", "B", "C"]), file: "a.csv", variables: [Variable(name: "geslacht", label: "Geslacht")])
        try store.addCodebookVersion(name: "v", source: "cb.yml", yaml: "codes: []",
                                     codes: [StoredCode(id: "caution", label: "Voorzichtigheid"), StoredCode(id: "vigilance", label: "Waakzaamheid")],
                                     suggestions: [StoredSuggestion(unitID: "A", codeID: "caution", pattern: "voorzicht*", utf16Range: 0..<5)], ifLatestIs: nil)
        return store
    }

    @Test func importKeepsUnitsValuesAndLabels() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        let units = try store.units()
        #expect(units.map(\.id) == ["A", "B", "C"])
        #expect(units[1].values == ["geslacht": "vrouw"])
        #expect(units[2].line == 4)
        #expect(try store.variables() == [Variable(name: "geslacht", label: "Geslacht")])
    }

    @Test func importIsAllOrNothing() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        // D is new, A clashes: nothing of this batch may land.
        #expect(throws: ProjectError.self) { try store.importUnits(Self.units(["D", "A"]), file: "b.csv", variables: []) }
        #expect(try store.unitCount() == 3)
        #expect(try store.units().map(\.id) == ["A", "B", "C"])
    }

    @Test func decisionsOverrideSuggestionsAndUndoIsAnEntry() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        #expect(try store.state(unit: "A").codes == ["caution"])
        try store.record([NewDecision(unitID: "A", codeID: "caution", action: .reject, coder: "anna"),
                          NewDecision(unitID: "A", codeID: "vigilance", action: .add, coder: "anna")])
        var state = try store.state(unit: "A")
        #expect(state.codes == ["vigilance"])
        #expect(state.reviewedBy == ["anna"])
        let undone = try store.undoLast(unit: "A", coder: "anna")
        #expect(undone?.codeID == "vigilance")
        state = try store.state(unit: "A")
        #expect(state.codes == [])
        // The log only grows: two decisions and the undo.
        #expect(try store.decisions(unit: "A").map(\.action) == [.reject, .add, .undo])
        // Undo again takes back the rejection; the suggestion applies again.
        try store.undoLast(unit: "A", coder: "anna")
        #expect(try store.state(unit: "A").codes == ["caution"])
        #expect(try store.undoLast(unit: "A", coder: "anna") == nil)
    }

    @Test func theLogIsAppendOnly() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        try store.record([NewDecision(unitID: "B", codeID: "caution", action: .add, coder: "bob")])
        #expect(throws: DatabaseError.self) { try store.writer.write { try $0.execute(sql: "UPDATE decision SET action = 'reject'") } }
        #expect(throws: DatabaseError.self) { try store.writer.write { try $0.execute(sql: "DELETE FROM decision") } }
        #expect(try store.decisions().count == 1)
    }

    @Test func unknownUnitsAndCodesAreRefusedAndNothingIsRecorded() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        #expect(throws: ProjectError.self) {
            try store.record([NewDecision(unitID: "A", codeID: "caution", action: .accept, coder: "anna"),
                              NewDecision(unitID: "Z", codeID: "caution", action: .accept, coder: "anna")])
        }
        #expect(throws: ProjectError.self) { try store.record([NewDecision(unitID: "A", codeID: "nonsense", action: .add, coder: "anna")]) }
        #expect(try store.decisions().isEmpty)
    }

    @Test func statesPerCoderKeepCodersApart() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        try store.record([NewDecision(unitID: "A", codeID: "caution", action: .reject, coder: "anna"),
                          NewDecision(unitID: "A", codeID: nil, action: .done, coder: "bob")])
        #expect(try store.states(coder: "anna")["A"]?.codes == [])
        #expect(try store.states(coder: "bob")["A"]?.codes == ["caution"])
        #expect(try store.states()["A"]?.reviewedBy == ["anna", "bob"])
    }

    @Test func aNewCodebookVersionKeepsDecisions() throws {
        let store = try Self.populated(ProjectStore.inMemory())
        try store.record([NewDecision(unitID: "B", codeID: "vigilance", action: .add, coder: "anna")])
        try store.addCodebookVersion(name: "v2", source: "cb2.yml", yaml: "codes: []",
                                     codes: [StoredCode(id: "caution", label: "V"), StoredCode(id: "vigilance", label: "W")],
                                     suggestions: [StoredSuggestion(unitID: "C", codeID: "caution", pattern: "p", utf16Range: 0..<1)], ifLatestIs: 1)
        let states = try store.states()
        #expect(try store.latestCodebook()?.name == "v2")
        #expect(states["A"]?.codes == [])            // suggestion withdrawn by v2
        #expect(states["B"]?.codes == ["vigilance"]) // the decision stays
        #expect(states["C"]?.codes == ["caution"])   // new suggestion
    }

    @Test func onDiskProjectSurvivesReopening() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("p.duiding")
        do {
            let store = try Self.populated(ProjectStore.create(at: path))
            try store.record([NewDecision(unitID: "C", codeID: "vigilance", action: .add, coder: "anna", memo: "alert")])
        }
        #expect(ProjectStore.isProject(path))
        #expect(throws: ProjectError.self) { try ProjectStore.create(at: path) }
        let reopened = try ProjectStore.open(at: path)
        #expect(try reopened.state(unit: "C").codes == ["vigilance"])
        #expect(try reopened.state(unit: "C").memo == "alert")
        let notAProject = try dir.write("x.duiding", "id,text\n")
        #expect(!ProjectStore.isProject(notAProject))
        #expect(throws: ProjectError.self) { try ProjectStore.open(at: dir.path("missing.duiding")) }
    }
}

@Suite("Unit state")
struct UnitStateTests {
    /// Applying a suggested code accepts it, any other is added; not applying rejects.
    @Test func theActionFollowsTheSuggestion() {
        let state = UnitState(suggested: ["caution"], log: [])
        #expect(state.action("caution", applies: true) == .accept)
        #expect(state.action("vigilance", applies: true) == .add)
        #expect(state.action("caution", applies: false) == .reject)
        #expect(state.action("vigilance", applies: false) == .reject)
    }
}

@Suite("Store queries at scale")
struct StoreQueryPlanTests {
    /// A unit's suggested codes are found through the indexes, not by scanning every
    /// suggestion of the version (which made each decision in the review server cost a scan).
    @Test func aUnitsSuggestedCodesAreIndexSearches() throws {
        let store = try ProjectStore.inMemory()
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ProjectStore.suggestedCodesOfUnit, arguments: [1, "A", 1, "A"])
                .map { $0["detail"] as String }
        }
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        #expect(plan.filter { $0.hasPrefix("SEARCH") }.count >= 2, "\(plan)")
    }

    /// The written-out query says what the view says, unit by unit.
    @Test func aUnitsSuggestedCodesAgreeWithTheView() throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        let version = try #require(try store.latestCodebook()).id
        try store.storeLearned([LearnedSuggestion(unitID: "R1", codeID: "caution", source: .vetoed, confidence: 0.01, evidence: []),
                                LearnedSuggestion(unitID: "R2", codeID: "vigilance", source: .learned, confidence: 0.9, evidence: [])],
                               margins: [], version: version, lastDecision: 0, labels: 0, summary: "")
        let all = try store.suggestedCodes(version: version)
        for id in ["R1", "R2", "R3", "R4", "R5"] {
            #expect(try store.read { try ProjectStore.suggestedCodes($0, version: version, unit: id) } == all[id, default: []], "\(id)")
        }
        #expect(try store.state(unit: "R1").suggested.isEmpty)
        #expect(try store.state(unit: "R2").suggested == ["vigilance"])
    }
}

@Suite("Adding a question to respondents already there")
struct AddedQuestionTests {
    /// A respondent's answer to a new question gets `RESPONDENT/QUESTION`; when that id is
    /// taken too, the import is refused in words and nothing is stored.
    @Test func aTakenNewIdIsRefused() throws {
        let store = try ProjectStore.inMemory()
        try store.importUnits([NewUnit(id: "R1", text: "a", kind: .answer, values: [:], file: "a.csv", line: 2, question: "q1"),
                               NewUnit(id: "R1/q2", text: "b", kind: .answer, values: [:], file: "a.csv", line: 3, question: "q1",
                                       respondent: "R9")], file: "a.csv", variables: [])
        let error = #expect(throws: ProjectError.self) {
            try store.importUnits([NewUnit(id: "R1", text: "c", kind: .answer, values: [:], file: "b.csv", line: 2, question: "q2")],
                                  file: "b.csv", variables: [])
        }
        #expect(error?.description == "b.csv:2: id `R1/q2` is already in the project; nothing was imported")
        #expect(try store.unitCount() == 2)
        // Without the clash the answer is added under the new id.
        let stored = try store.importUnits([NewUnit(id: "R1", text: "c", kind: .answer, values: [:], file: "b.csv", line: 2, question: "q3")],
                                           file: "b.csv", variables: [])
        #expect(stored.map(\.id) == ["R1/q3"])
    }
}
