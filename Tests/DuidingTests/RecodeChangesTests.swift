import Testing
@testable import DuidingProject
@testable import DuidingStore

/// What `recode` reports: the suggestions a new codebook adds and withdraws (in unit order, then
/// by code) and the suggestions that now contradict a decision. Expected lists written by hand
/// from the texts and the two codebooks.
@Suite("Recode: changes and contradictions")
struct RecodeChangesTests {
    static func codebook(_ codes: [(id: String, words: [String])]) -> String {
        "name: Vervoer\nlanguage: nl\ncodes:\n" + codes.map { "  - id: \($0.id)\n    label: \($0.id)\n    include: [\($0.words.joined(separator: ", "))]\n" }.joined()
    }

    @Test func changesComeInUnitOrderAndContradictionsNameTheDecision() throws {
        let store = try ProjectStore.inMemory()
        // Stored in this order (R2 before R1), so unit order is not id order.
        try store.importUnits([("R2", "Ik neem de bus en de auto."), ("R1", "Ik neem de fiets en de auto."), ("R3", "Ik neem de trein.")]
            .enumerated().map { NewUnit(id: $1.0, text: $1.1, kind: .answer, values: [:], file: "a.csv", line: $0 + 2) },
            file: "a.csv", variables: [])
        // v1: R2 {auto}, R1 {fiets, auto}, R3 {}.
        let first = try ProjectRecode.recode(store, yaml: Self.codebook([("fiets", ["fiets"]), ("auto", ["auto"])]), source: "v1.yml")
        #expect(!first.hadPrevious && first.added.isEmpty && first.withdrawn.isEmpty && first.contradicting.isEmpty)
        try store.record([NewDecision(unitID: "R1", codeID: "fiets", action: .reject, coder: "anna"),
                          NewDecision(unitID: "R2", codeID: "auto", action: .accept, coder: "bob"),
                          NewDecision(unitID: "R3", codeID: "auto", action: .add, coder: "carol")])
        // v2: `fiets` also for the bus, `auto` only for the train: R2 {fiets}, R1 {fiets}, R3 {auto}.
        let second = try ProjectRecode.recode(store, yaml: Self.codebook([("fiets", ["fiets", "bus"]), ("auto", ["trein"])]), source: "v2.yml")
        #expect(second.hadPrevious)
        #expect(second.added == ["R2 +fiets", "R3 +auto"])
        #expect(second.withdrawn == ["R2 -auto", "R1 -auto"])
        #expect(second.contradicting == ["R1 fiets: suggested, but rejected by anna", "R2 auto: accepted by bob, no longer suggested"])
        // The decisions stay and win over the new suggestions.
        let states = try store.states()
        #expect(states["R1"]?.codes == [] && states["R2"]?.codes == ["fiets", "auto"] && states["R3"]?.codes == ["auto"])
    }
}
