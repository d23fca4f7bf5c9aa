import Foundation
import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingText

/// Units read from the input files, with the codes suggested for each.
struct CodedCorpus {
    let corpus: Corpus
    let compiled: CompiledCodebook
    let suggestions: [[Suggestion]]

    init(_ input: InputOptions) throws {
        try self.init(files: input.files, columns: input.columns, compiled: input.loadCodebook())
    }

    init(files: [String], columns: Corpus.Columns, compiled: CompiledCodebook) throws {
        let corpus = try Corpus.load(files, columns: columns)
        for note in corpus.notes { printNote(note) }
        self.corpus = corpus
        self.compiled = compiled
        self.suggestions = try codeUnits(corpus.units, with: compiled)
    }

    var codebook: Codebook { compiled.codebook }

    /// Fails with the columns there are when one is missing.
    func requireColumns(_ names: [String], option: String) throws {
        let missing = names.filter { !corpus.attributeNames.contains($0) }
        guard missing.isEmpty else {
            throw InvalidInput([InputProblem(
                file: corpus.units.first?.file ?? "input", line: 1,
                message: "no column \(missing.map { "`\($0)`" }.joined(separator: ", ")) for \(option); available: \(corpus.attributeNames.joined(separator: ", "))")])
        }
    }

    /// Units for the analysis layer; weights are checked (a number ≥ 0 on every row).
    func codedUnits(weightColumn: String?) throws -> [CodedUnit] {
        if let weightColumn { try requireColumns([weightColumn], option: "--weight") }
        var problems: [InputProblem] = []
        let units = zip(corpus.units, suggestions).map { unit, s -> CodedUnit in
            var weight = 1.0
            if let weightColumn {
                let raw = unit.attributes[weightColumn, default: ""].replacingOccurrences(of: ",", with: ".")
                if let w = Double(raw), w >= 0, w.isFinite { weight = w } else {
                    problems.append(InputProblem(file: unit.file, line: unit.line,
                                                 message: "weight `\(unit.attributes[weightColumn, default: ""])` in `\(weightColumn)` is not a number ≥ 0"))
                }
            }
            return CodedUnit(id: unit.id, attributes: unit.attributes, weight: weight, codes: Set(s.map(\.codeIndex)))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return units
    }
}
