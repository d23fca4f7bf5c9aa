import Testing
@testable import DuidingProject
@testable import DuidingStore

/// Calibration and agreement as library code, on an in-memory project with two questions:
/// figures by hand, and a scope that keeps one question's units.
@Suite("Project quality (library)")
struct ProjectQualityTests {
    /// R1–R3 answer q1, R1 and R2 also q2. Suggestions: caution on R1/q1 and R1/q2, avoidance on R3/q1.
    func store() throws -> ProjectStore {
        let store = try ProjectStore.inMemory()
        let units = [("R1/q1", "q1", "R1"), ("R2/q1", "q1", "R2"), ("R3/q1", "q1", "R3"), ("R1/q2", "q2", "R1"), ("R2/q2", "q2", "R2")]
            .enumerated().map { i, u in
                NewUnit(id: u.0, text: "tekst \(u.0)", kind: .answer, values: [:], file: "a.csv", line: i + 2, question: u.1, respondent: u.2)
            }
        try store.importUnits(units, file: "a.csv", variables: [])
        try store.addCodebookVersion(name: "t", source: "t.yml", yaml: "", codes: [StoredCode(id: "caution", label: "C"), StoredCode(id: "avoidance", label: "A")],
                                     suggestions: [StoredSuggestion(unitID: "R1/q1", codeID: "caution", pattern: "voorzicht*", utf16Range: 0..<5),
                                                   StoredSuggestion(unitID: "R1/q2", codeID: "caution", pattern: "voorzicht*", utf16Range: 0..<5),
                                                   StoredSuggestion(unitID: "R3/q1", codeID: "avoidance", pattern: "mijd*", utf16Range: 0..<5)], ifLatestIs: nil)
        // anna reviews every q1 unit: accepts R1, adds caution to R2 (a miss), rejects R3's avoidance (misled by `mijd*`).
        // bob reviews R1/q1 (rejects caution), R2/q1 (as suggested) and R1/q2 (as suggested).
        _ = try store.record([
            NewDecision(unitID: "R1/q1", codeID: nil, action: .done, coder: "anna"),
            NewDecision(unitID: "R2/q1", codeID: "caution", action: .add, coder: "anna"),
            NewDecision(unitID: "R3/q1", codeID: "avoidance", action: .reject, coder: "anna"),
            NewDecision(unitID: "R1/q1", codeID: "caution", action: .reject, coder: "bob"),
            NewDecision(unitID: "R2/q1", codeID: nil, action: .done, coder: "bob"),
            NewDecision(unitID: "R1/q2", codeID: nil, action: .done, coder: "bob"),
        ])
        return store
    }

    @Test func calibrationByHand() throws {
        let store = try store()
        let all = try ProjectQuality.calibration(store)
        #expect(all.reviewed == 4)
        // Current state (all coders' decisions): R1/q1 caution rejected by bob → none; R2/q1 caution
        // (added); R3/q1 none; R1/q2 caution. caution: suggested on R1/q1 (now no: FP), R1/q2 (TP);
        // R2/q1 has it unsuggested (FN) → P 1/2, R 1/2.
        let caution = all.perCode[0]
        #expect(caution.truePositives == 1 && caution.falsePositives == 1 && caution.falseNegatives == 1)
        #expect(all.misses["caution"]?.map(\.id) == ["R2/q1"])
        #expect(all.misleadingPatterns["avoidance"]?.first.map { "\($0.pattern) \($0.units)" } == "mijd* 1")
        // Scoped to q1: R1/q2 drops out, so caution has no true positive left.
        let q1 = try ProjectQuality.calibration(store, scope: ["R1/q1", "R2/q1", "R3/q1"])
        #expect(q1.reviewed == 3)
        #expect(q1.perCode[0].truePositives == 0 && q1.perCode[0].falsePositives == 1 && q1.perCode[0].falseNegatives == 1)
    }

    @Test func agreementByHand() throws {
        let store = try store()
        let all = try ProjectQuality.agreement(store)
        #expect(all.coders == ["anna", "bob"])
        // Shared: R1/q1 (anna caution, bob none) and R2/q1 (anna caution, bob none).
        #expect(all.sharedUnits == 2)
        let caution = try #require(all.perCode.first { $0.code == "caution" })
        // anna yes/yes, bob no/no: observed agreement 0, expected 0 → kappa 0.
        #expect(caution.kappa == 0)
        let scoped = try ProjectQuality.agreement(store, scope: ["R2/q1"])
        #expect(scoped.sharedUnits == 1)
        #expect(try ProjectQuality.agreement(store, scope: ["R1/q2"]).sharedUnits == 0)
    }
}
