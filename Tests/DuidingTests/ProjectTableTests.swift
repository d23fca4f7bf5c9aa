import DuidingAnalysis
import DuidingInput
import DuidingProject
import DuidingStore
import Foundation
import Testing

/// `ProjectTable` counts a project's units as the store streams them (issue 10); the table it
/// gives must be exactly the table of the loaded units (`CodedCorpus.themeTable`, the way
/// tables were counted before), number for number, and so must every problem it reports.
@Suite("Tables counted from the streamed project equal the tables of the loaded units")
struct ProjectTableTests {
    static let corpora = TestSupport.packageRoot.appendingPathComponent("Corpora").path

    /// The demo answers and interviews in memory, coded with the default codebook plus two
    /// nested nets, with decisions of every kind (a final one, a passage, an undone one),
    /// learned and vetoed suggestions, value labels and a group order.
    static func project() throws -> ProjectStore {
        let interviews = try FileManager.default.contentsOfDirectory(atPath: corpora + "/interviews")
            .filter { $0.hasSuffix(".txt") }.sorted().map { corpora + "/interviews/" + $0 }
        let store = try ProjectStore.inMemory()
        try ProjectImport.importFiles([corpora + "/antwoorden.csv"] + interviews,
                                      columns: Corpus.Columns(id: "id", texts: ["text"], question: "vraag"), into: store)
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8) + """
            nets:
              - id: gedrag
                label: Gedrag
                codes: [caution, avoidance]
              - id: alles
                label: Alles
                codes: [gedrag, vigilance]

            """
        _ = try ProjectRecode.recode(store, yaml: yaml, source: "default met netten")
        try store.record([
            NewDecision(unitID: "R0001", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "R0001", codeID: "caution", action: .reject, coder: "lead", final: true),
            NewDecision(unitID: "R0001", codeID: "caution", action: .accept, coder: "bram"),
            NewDecision(unitID: "R0002", codeID: "vigilance", action: .add, coder: "anna", passage: 0..<10),
            NewDecision(unitID: "R0003", codeID: "psych_impact", action: .reject, coder: "anna"),
            NewDecision(unitID: "R0005", codeID: "training_need", action: .add, coder: "anna"),
            NewDecision(unitID: "interview-02.txt#4", codeID: "avoidance", action: .add, coder: "anna"),
        ])
        try store.undoLast(unit: "R0005", coder: "anna")
        let version = try #require(try store.latestCodebook()).id
        // Vetoed: a pattern suggestion of an undecided answer; learned: a code it was not suggested.
        let suggested = try store.suggestions(version: version)
        let vetoed = try #require(suggested.keys.sorted().first { $0.hasPrefix("R01") }.flatMap { id in suggested[id]?.first })
        try store.storeLearned([LearnedSuggestion(unitID: vetoed.unitID, codeID: vetoed.codeID, source: .vetoed, confidence: 0.1, evidence: []),
                                LearnedSuggestion(unitID: "R0020", codeID: "training_need", source: .learned, confidence: 0.9, evidence: []),
                                LearnedSuggestion(unitID: "interview-03.txt#2", codeID: "vigilance", source: .learned, confidence: 0.8, evidence: [])],
                               margins: [], version: version, lastDecision: 0, labels: 0, summary: "test")
        try store.changeVariable("geslacht", VariableChange(label: "Geslacht", valueLabels: ["man": "M", "vrouw": "V"]))
        try store.changeVariable("functie", VariableChange(order: ["raadslid", "wethouder"]))
        return store
    }

    enum Outcome {
        case table(ThemeTable)
        case problem(String)

        var table: ThemeTable? { if case .table(let t) = self { t } else { nil } }
        var problem: String? { if case .problem(let p) = self { p } else { nil } }
    }

    /// Both ways of counting: each one's table, or the problem it reports.
    static func both(_ store: ProjectStore, _ selection: UnitSelection, by: [String], weight: String?) -> (streamed: Outcome, loaded: Outcome) {
        func attempt(_ body: () throws -> ThemeTable) -> Outcome {
            do { return .table(try body()) } catch { return .problem(String(describing: error)) }
        }
        return (attempt { try ProjectTable(store: store, selection: selection, by: by, weightColumn: weight).table },
                attempt { try CodedCorpus(store: store, selection: selection, parts: []).themeTable(by: by, weightColumn: weight) })
    }

    static func same(_ a: ThemeTable, _ b: ThemeTable) -> Bool {
        a.columns == b.columns && a.rows.count == b.rows.count && zip(a.rows, b.rows).allSatisfy {
            $0.code == $1.code && $0.net == $1.net && $0.depth == $1.depth && $0.counts == $1.counts
                && $0.weightedCounts == $1.weightedCounts && $0.percents == $1.percents
        }
    }

    @Test func everySelectionCountsTheSameAsTheLoadedUnits() throws {
        let store = try Self.project()
        let conditions: [[UnitSelection.Condition]] = [
            [], [UnitSelection.Condition(variable: "functie", values: ["wethouder"], negated: true)],
            [UnitSelection.Condition(variable: "bestuurslaag", values: ["gemeente", "provincie"])],
            [UnitSelection.Condition(variable: "geslacht", values: ["M"])],
        ]
        var compared = 0
        for question in ["effecten", "ondersteuning"] {
            for condition in conditions {
                for by in [["bestuurslaag"], ["functie", "geslacht"], ["ernst"]] {
                    for weight in [nil, "weight"] {
                        let (streamed, loaded) = Self.both(store, UnitSelection(question: question, conditions: condition), by: by, weight: weight)
                        let table = try #require(streamed.table, "\(question) \(condition) \(by): \(streamed.problem ?? "")")
                        #expect(Self.same(table, try #require(loaded.table)), "\(question) \(condition) \(by) \(weight ?? "")")
                        #expect(table.rows.contains { $0.net != nil && $0.depth == 1 }, "the nested net is counted")
                        compared += 1
                    }
                }
            }
        }
        // Interview turns: respondents (interviews) with many turns, each counted once with the codes of all.
        for by in [["functie"], ["spreker"], ["organisatie", "functie"]] {
            let (streamed, loaded) = Self.both(store, UnitSelection(interviews: true), by: by, weight: nil)
            let table = try #require(streamed.table, "\(by): \(streamed.problem ?? "")")
            #expect(Self.same(table, try #require(loaded.table)), "interviews \(by)")
            #expect(table.columns[0].baseN == 5, "five interviews, each counted once")
            compared += 1
        }
        #expect(compared == 51)
    }

    @Test func theSameProblemsAreReported() throws {
        let store = try Self.project()
        let cases: [(UnitSelection, [String], String?)] = [
            (UnitSelection(question: "effecten"), ["bestaatniet"], nil),
            (UnitSelection(question: "effecten"), ["functie"], "bestaatniet"),
            (UnitSelection(question: "effecten", conditions: [UnitSelection.Condition(variable: "functie", values: ["niemand"])]), ["functie"], nil),
            (UnitSelection(interviews: true), ["functie"], "weight"),
            (UnitSelection(interviews: true), ["bestaatniet"], nil),
            (UnitSelection(), ["functie"], nil),
            (UnitSelection(question: "geen"), ["functie"], nil),
        ]
        for (selection, by, weight) in cases {
            let (streamed, loaded) = Self.both(store, selection, by: by, weight: weight)
            let problem = try #require(streamed.problem, "\(selection) \(by) \(weight ?? ""): must fail")
            #expect(problem == loaded.problem)
        }
    }

    @Test func aWeightThatIsNoNumberIsNamedWithItsFileAndLine() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", "id,groep,gewicht,text\nA,x,1,Ik ben voorzichtiger.\nB,y,veel,Ik ben bang.\nC,y,,Niets.\n")
        let store = try ProjectStore.inMemory()
        try ProjectImport.importFiles([dir.path("a.csv")], columns: Corpus.Columns(), into: store)
        _ = try ProjectRecode.recode(store, yaml: try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8), source: "default")
        let (streamed, loaded) = Self.both(store, UnitSelection(), by: ["groep"], weight: "gewicht")
        let problem = try #require(streamed.problem, "a weight `veel` must fail")
        #expect(problem.contains("a.csv:3") && problem.contains("weight `veel` in `gewicht` is not a number ≥ 0"))
        #expect(problem.contains("a.csv:4") && problem.contains("no weight in `gewicht`"))
        #expect(problem == loaded.problem)
    }
}
