import Foundation
import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingInput
import DuidingProject

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare suggested codes with a hand-coded column: precision, recall and F1 per code.",
        discussion: "The gold column lists code ids separated by `;` (or `,`); empty means none of the codes."
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Column with the human coding.")
    var goldColumn = "handcodering"

    @Option(help: "Show up to N wrongly coded examples per code.")
    var showErrors = 0

    @Option(name: .shortAndLong, help: "Write the report (Markdown) here instead of to standard output.")
    var output: String?

    func run() throws {
        let coded = try CodedCorpus(input, selection)
        try write(try evaluationReport(coded, goldColumn: goldColumn, showErrors: showErrors), to: output)
    }
}

/// Scores per code against the gold column, as Markdown.
func evaluationReport(_ coded: CodedCorpus, goldColumn: String, showErrors: Int) throws -> String {
    try coded.requireColumns([goldColumn], option: "--gold-column")
    let codes = coded.codebook.codes
    let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
    var problems: [InputProblem] = []
    var pairs: [(suggested: Set<Int>, human: Set<Int>)] = []
    for (unit, suggestions) in zip(coded.corpus.units, coded.suggestions) {
        guard let gold = unit.attributes[goldColumn] else { continue }  // interview units have no gold coding
        var human = Set<Int>()
        for id in gold.split(whereSeparator: { $0 == ";" || $0 == "," }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
            if let c = index[id] { human.insert(c) } else {
                problems.append(InputProblem(file: unit.file, line: unit.line, message: "`\(id)` in `\(goldColumn)` is not a code of the codebook"))
            }
        }
        pairs.append((Set(suggestions.map(\.codeIndex)), human))
    }
    if !problems.isEmpty { throw InvalidInput(problems) }
    let evaluation = Evaluation(pairs: pairs, codeCount: codes.count)
    func f(_ x: Double) -> String { String(fixed: x, decimals: 2) }
    var out = "# Codebook tegen handcodering\n\n"
    out += "Codebook: \(coded.codebook.name) — \(pairs.count) eenheden met `\(goldColumn)`.\n\n"
    out += "| code | precision | recall | F1 | tp | fp | fn |\n|---|---:|---:|---:|---:|---:|---:|\n"
    for (c, s) in evaluation.perCode.enumerated() {
        out += "| \(codes[c].id) | \(f(s.precision)) | \(f(s.recall)) | \(f(s.f1)) | \(s.truePositives) | \(s.falsePositives) | \(s.falseNegatives) |\n"
    }
    let m = evaluation.micro
    out += "| **micro** | \(f(m.precision)) | \(f(m.recall)) | \(f(m.f1)) | \(m.truePositives) | \(m.falsePositives) | \(m.falseNegatives) |\n\n"
    out += "Eenheden zonder thema volgens de handcodering: \(evaluation.unitsWithoutCodes); daarvan kregen er \(evaluation.unitsWithoutCodesSuggested) toch een code"
    if evaluation.unitsWithoutCodes > 0 {
        out += " (\(f(Double(evaluation.unitsWithoutCodesSuggested) / Double(evaluation.unitsWithoutCodes))))"
    }
    out += ".\n"
    if showErrors > 0 {
        let units = coded.corpus.units.filter { $0.attributes[goldColumn] != nil }
        for (c, code) in codes.enumerated() {
            let wrong = zip(units, pairs).filter { $1.suggested.contains(c) != $1.human.contains(c) }
            guard !wrong.isEmpty else { continue }
            out += "\n## \(code.id): fouten\n\n"
            for (unit, pair) in wrong.prefix(showErrors) {
                let kind = pair.suggested.contains(c) ? "onterecht" : "gemist"
                out += "- \(kind) \(unit.id): \(unit.text.replacingOccurrences(of: "\n", with: " "))\n"
            }
        }
    }
    return out
}
