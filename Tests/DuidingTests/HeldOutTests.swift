import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingInput

/// The default codebook on answers it was not written from: `Corpora/heldout/heldout.csv`,
/// hand-coded and written independently of the codebook. The targets are those of the
/// project: micro-F1 of at least 0.8 over the five themes, and fewer than 1 in 10 answers
/// without any of these themes getting a code. A codebook change that breaks either fails here.
@Suite("Default codebook on the held-out set")
struct HeldOutTests {
    @Test func meetsTheQualityTargets() throws {
        let compiled = try TestSupport.defaultCompiled.get()
        let path = TestSupport.packageRoot.appendingPathComponent("Corpora/heldout/heldout.csv").path
        let corpus = try Corpus.load([path])
        #expect(corpus.units.count == 250)
        let index = Dictionary(uniqueKeysWithValues: compiled.codebook.codes.enumerated().map { ($1.id, $0) })
        let coder = try Coder(compiled)
        var pairs: [(suggested: Set<Int>, human: Set<Int>)] = []
        for unit in corpus.units {
            let human = Set(unit.values["handcodering", default: ""].split(separator: ";").compactMap { index[String($0)] })
            pairs.append((Set(try coder.code(unit.text).map(\.codeIndex)), human))
        }
        let evaluation = Evaluation(pairs: pairs, codeCount: compiled.codebook.codes.count)
        #expect(evaluation.micro.f1 >= 0.8, "micro-F1 \(evaluation.micro.f1)")
        #expect(evaluation.unitsWithoutCodes >= 50)
        #expect(Double(evaluation.unitsWithoutCodesSuggested) < 0.1 * Double(evaluation.unitsWithoutCodes),
                "\(evaluation.unitsWithoutCodesSuggested) of \(evaluation.unitsWithoutCodes) uncoded answers got a code")
    }
}
