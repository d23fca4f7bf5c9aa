import Testing
@testable import DuidingAnalysis
@testable import DuidingExport
@testable import DuidingInput
@testable import DuidingProject

/// `duiding evaluate` as library code: the comparison with a hand coding, checked by hand.
@Suite("Comparison with a hand coding")
struct GoldComparisonTests {
    /// fear ← `bang`, training ← `training` (QuestionsTests' codebook).
    func coded(_ csv: String) throws -> CodedCorpus {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.csv", csv)
        return try CodedCorpus.files([path], columns: Corpus.Columns(), codebookYAML: QuestionsTests.codebook, codebookSource: "t.yml")
    }

    @Test func scoresPerCodeAsCountedByHand() throws {
        let comparison = try coded("""
            id,text,gold
            A,ik ben bang,fear
            B,ik ben bang en wil training,fear
            C,gewoon doorwerken,training
            D,niets,
            E,training graag,training; fear

            """).comparison(goldColumn: "gold")
        #expect(comparison.codes == ["fear", "training"] && comparison.rows.count == 5)
        let fear = comparison.evaluation.perCode[0], training = comparison.evaluation.perCode[1]
        // fear: A, B suggested and gold (tp 2); E gold only (fn 1).
        #expect((fear.truePositives, fear.falsePositives, fear.falseNegatives) == (2, 0, 1))
        // training: E (tp); B suggested only (fp); C gold only (fn).
        #expect((training.truePositives, training.falsePositives, training.falseNegatives) == (1, 1, 1))
        #expect(comparison.evaluation.unitsWithoutCodes == 1 && comparison.evaluation.unitsWithoutCodesSuggested == 0)
        #expect(comparison.errors(code: 1).map { "\($0.row.id) \($0.suggestedWrongly)" } == ["B true", "C false"])
        let report = GoldComparisonReport.markdown(comparison, showErrors: 5)
        #expect(report.contains("| training | 0.50 | 0.50 | 0.50 | 1 | 1 | 1 |"), "\(report)")
        #expect(report.contains("- onterecht B: ik ben bang en wil training") && report.contains("- gemist C: gewoon doorwerken"))
    }

    @Test func anUnknownCodeInTheHandCodingNamesItsLine() throws {
        let corpus = try coded("id,text,gold\nA,bang,fear\nB,iets,angst\n")
        #expect {
            try corpus.comparison(goldColumn: "gold")
        } throws: { error in
            "\(error)".contains("a.csv:3") && "\(error)".contains("`angst` in `gold` is not a code")
        }
        #expect(throws: InvalidInput.self) { try corpus.comparison(goldColumn: "handcodering") }
    }
}
