import ArgumentParser
import Foundation
import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingStore
import DuidingText

/// Units read from the input files, with the codes suggested for each.
struct CodedCorpus {
    let corpus: Corpus
    let compiled: CompiledCodebook
    let suggestions: [[Suggestion]]
    /// The project the units come from, if any.
    let project: ProjectStore?

    /// Reads answer files, or a project (then decisions override suggestions).
    init(_ input: InputOptions) throws {
        if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
            if input.codebook != nil { printNote("note: a project uses its own latest codebook version; --codebook is ignored") }
            try self.init(project: input.files[0])
        } else {
            try self.init(files: input.files, columns: input.columns, compiled: input.loadCodebook())
        }
    }

    /// A project's units with their current codes: decisions where they exist, else the
    /// suggestions of the latest codebook version (with their evidence).
    init(project path: String) throws {
        let store = try ProjectStore.open(at: path, access: .read)
        guard let version = try store.latestCodebook(), let yaml = try store.codebookYAML(version: version.id) else {
            throw ValidationError("\(path) has no codebook yet; run `duiding recode \(path)` first")
        }
        let compiled = try CompiledCodebook(CodebookLoader.parse(yaml, file: "\(path) (codebook version \(version.id))"))
        let units = try store.units()
        let states = try store.states()
        let evidence = try store.suggestions(version: version.id)
        self.compiled = compiled
        self.project = store
        self.corpus = Corpus(units: units.map { Unit(id: $0.id, text: $0.text, attributes: $0.values, file: $0.file, line: $0.line) },
                             attributeNames: try store.variables().map(\.name), notes: [])
        self.suggestions = units.map { unit in
            let codes = states[unit.id]?.codes ?? []
            return compiled.codebook.codes.enumerated().filter { codes.contains($0.element.id) }.map { index, code in
                Suggestion(codeIndex: index, codeID: code.id,
                           evidence: evidence[unit.id, default: []].filter { $0.codeID == code.id }
                               .map { Evidence(pattern: $0.pattern, utf16Range: $0.utf16Range) })
            }
        }
    }

    init(files: [String], columns: Corpus.Columns, compiled: CompiledCodebook) throws {
        let corpus = try Corpus.load(files, columns: columns)
        for note in corpus.notes { printNote(note) }
        self.corpus = corpus
        self.compiled = compiled
        self.suggestions = try codeUnits(corpus.units, with: compiled)
        self.project = nil
    }

    var codebook: Codebook { compiled.codebook }

    private init(corpus: Corpus, compiled: CompiledCodebook, suggestions: [[Suggestion]], project: ProjectStore?) {
        self.corpus = corpus
        self.compiled = compiled
        self.suggestions = suggestions
        self.project = project
    }

    /// The units that pass `include`, with their codes.
    func filtered(_ include: (DuidingInput.Unit) -> Bool) -> CodedCorpus {
        let kept = zip(corpus.units, suggestions).filter { include($0.0) }
        var subset = corpus
        subset.units = kept.map(\.0)
        return CodedCorpus(corpus: subset, compiled: compiled, suggestions: kept.map(\.1), project: project)
    }

    /// Fails with the columns there are when one is missing.
    func requireColumns(_ names: [String], option: String) throws {
        let missing = names.filter { !corpus.attributeNames.contains($0) }
        guard missing.isEmpty else {
            throw InvalidInput([InputProblem(
                file: corpus.units.first?.file ?? "input", line: 1,
                message: "no column \(missing.map { "`\($0)`" }.joined(separator: ", ")) for \(option); available: \(corpus.attributeNames.joined(separator: ", "))")])
        }
    }

    /// Units for the analysis layer; weights are checked (a number ≥ 0 on every row that has
    /// the weight column). Units without the weight variable at all (interview turns in a
    /// project with survey answers) are left out of a weighted table, with a note.
    func codedUnits(weightColumn: String?) throws -> [CodedUnit] {
        if let weightColumn { try requireColumns([weightColumn], option: "--weight") }
        var problems: [InputProblem] = []
        var unweighted = 0
        var units: [CodedUnit] = []
        for (unit, s) in zip(corpus.units, suggestions) {
            var weight = 1.0
            if let weightColumn {
                guard let raw = unit.attributes[weightColumn] else { unweighted += 1; continue }
                if let w = Double(raw.replacingOccurrences(of: ",", with: ".")), w >= 0, w.isFinite { weight = w } else {
                    problems.append(InputProblem(file: unit.file, line: unit.line,
                                                 message: "weight `\(raw)` in `\(weightColumn)` is not a number ≥ 0"))
                }
            }
            units.append(CodedUnit(id: unit.id, attributes: unit.attributes, weight: weight, codes: Set(s.map(\.codeIndex))))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        if unweighted > 0 { printNote("note: \(unweighted) units have no `\(weightColumn ?? "")` (e.g. interview turns) and are left out of the weighted table") }
        return units
    }
}
