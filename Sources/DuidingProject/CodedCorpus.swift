import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingStore
import DuidingText
import Foundation

/// The units a command works on, with their current codes: decisions where they exist, else
/// the suggestions of the latest codebook version (with their evidence). One way in for
/// projects and answer files alike: answer files are imported into a project in memory and
/// read from there, so every count, quote and export sees units the same way.
public struct CodedCorpus: Sendable {
    /// The selected units (`DuidingInput.Unit`, with question and respondent) and the
    /// project's variables.
    public let corpus: Corpus
    public let compiled: CompiledCodebook
    /// The current codes of each unit of `corpus`, in codebook order, with evidence.
    public let suggestions: [[Suggestion]]
    /// The project file the units come from; nil for answer files.
    public let project: ProjectStore?
    /// The store the units were read from: the project file, or answer files in memory.
    let store: ProjectStore
    /// What was selected.
    public let selection: UnitSelection
    /// The project's questions.
    public let questions: [StoredQuestion]
    /// Interview turns the selection leaves out (a survey question's base never has them).
    public let interviewTurnsLeftOut: Int
    /// How tables show the project's variables: their labels and value orders (of the values
    /// as shown: their labels where they have one, as are the units' values).
    public let variableDisplay: [String: VariableDisplay]

    public var codebook: Codebook { compiled.codebook }

    /// The codebook's name and, where it narrows the units, the selection: "Effecten — vraag
    /// `effecten`: Wat deed het met u?, bestuurslaag=gemeente".
    public var title: String {
        Self.title(codebook: codebook.name, selection: selection, questions: questions, question: corpus.units.first?.question ?? selection.question)
    }

    /// The title of `selection`'s units, which answer `question` (see `title`).
    static func title(codebook name: String, selection: UnitSelection, questions: [StoredQuestion], question: String?) -> String {
        var parts: [String] = []
        if selection.interviews { parts.append("interviews") }
        if questions.count > 1 || selection.question != nil, let name = question {
            let label = questions.first { $0.name == name }?.label ?? ""
            parts.append("vraag `\(name)`" + (label.isEmpty ? "" : ": \(label)"))
        }
        parts += selection.conditions.map(\.description)
        return parts.isEmpty ? name : "\(name) — " + parts.joined(separator: ", ")
    }

    /// The codebook that codes the units of `question` (nil: the interview turns), compiled;
    /// its problems name the project and the version.
    static func compiled(_ codebooks: VersionCodebooks, question: String?, store: ProjectStore) throws -> CompiledCodebook {
        let version = codebooks.codebook(question: question)
        let file = store.path.map { "\($0) (codebook version \(version.id)\(version.question.map { ", question `\($0)`" } ?? ""))" } ?? version.source
        return try CompiledCodebook(CodebookLoader.parse(version.yaml, file: file))
    }

    /// A project's selected units, read in one snapshot. `project` is the store when it is a
    /// file (for its quote choices, calibration and agreement). Without `.texts` in `parts`
    /// the units' texts are empty, without `.evidence` the suggestions carry none: what a count
    /// reads.
    public init(store: ProjectStore, selection: UnitSelection = .all, parts: ProjectSnapshot.Parts = .all) throws {
        let snapshot = try store.snapshot(parts)
        let compiled = try Self.codebook(snapshot.codebooks, of: store, selection: selection, questions: snapshot.questions)
        let units = try selection.resolve(snapshot.units, questions: snapshot.questions, variables: snapshot.variables)
        let labels = ValueLabels(snapshot.variables)
        var corpus = Corpus(units: units.map {
            DuidingInput.Unit(id: $0.id, text: $0.text, values: labels.shown($0.values), file: $0.file, line: $0.line,
                              question: $0.question, respondent: $0.respondent)
        }, variableNames: snapshot.variables.map(\.name), notes: [])
        corpus.variableLabels = Dictionary(snapshot.variables.filter { !$0.label.isEmpty }.map { ($0.name, $0.label) },
                                            uniquingKeysWith: { a, _ in a })
        corpus.questions = snapshot.questions.map { Question(name: $0.name, label: $0.label) }
        self.corpus = corpus
        self.compiled = compiled
        self.project = store.path == nil ? nil : store
        self.store = store
        self.selection = selection
        self.questions = snapshot.questions
        self.interviewTurnsLeftOut = selection.interviews ? 0 : snapshot.units.count { $0.kind == .interview }
        self.variableDisplay = Dictionary(snapshot.variables.map { ($0.name, VariableDisplay(label: $0.label, order: $0.valueOrder.map($0.shown))) },
                                          uniquingKeysWith: { a, _ in a })
        self.suggestions = units.map { unit in
            Self.suggestions(of: compiled.codebook, state: snapshot.states[unit.id], evidence: snapshot.evidence[unit.id, default: []], text: unit.text)
        }
    }

    /// The codebook that codes the units `selection` takes: a selection is one question (or the
    /// interviews), and one codebook codes it. Fails before the first `recode`.
    static func codebook(_ codebooks: VersionCodebooks?, of store: ProjectStore, selection: UnitSelection,
                         questions: [StoredQuestion]) throws -> CompiledCodebook {
        let name = store.path ?? "the answers"
        guard let codebooks else {
            throw SelectionError("\(name) has no codebook yet; run `duiding recode \(name)` first")
        }
        return try compiled(codebooks, question: selection.interviews ? nil : selection.question ?? questions.first?.name, store: store)
    }

    /// A unit's current codes in codebook order, each with its evidence and passages (UTF-16).
    static func suggestions(of codebook: Codebook, state: UnitState?, evidence: [StoredSuggestion], text: String) -> [Suggestion] {
        guard let state, !state.codes.isEmpty else { return [] }
        // A unit has a few codes of the codebook's many: those are looked for, each once (this
        // runs for every unit of a million-answer stream).
        var indices: [Int] = []
        for code in state.codes { if let index = codebook.codes.indices.first(where: { codebook.codes[$0].id == code }) { indices.append(index) } }
        return indices.sorted().map { index in
            let id = codebook.codes[index].id
            return Suggestion(codeIndex: index, codeID: id,
                              evidence: evidence.compactMap { $0.codeID == id ? Evidence(pattern: $0.pattern, utf16Range: $0.utf16Range) : nil },
                              passages: (state.passages[id] ?? []).map { Passage.utf16Range($0, in: text) })
        }
    }

    /// The questions of a chapter: with a question (or the interviews) chosen or a single
    /// question, the one selection; else every question of the project in its order, each
    /// under the selection's conditions.
    public static func perQuestion(store: ProjectStore, selection: UnitSelection = .all,
                                   parts: ProjectSnapshot.Parts = .all) throws -> [CodedCorpus] {
        let questions = try store.questions()
        guard selection.question == nil, !selection.interviews, questions.count > 1 else {
            return [try CodedCorpus(store: store, selection: selection, parts: parts)]
        }
        return try questions.map {
            try CodedCorpus(store: store, selection: UnitSelection(question: $0.name, conditions: selection.conditions), parts: parts)
        }
    }

    /// The question the units answer, when one is selected or the project has just one; nil
    /// for interview turns.
    public var question: StoredQuestion? {
        guard !selection.interviews else { return nil }
        return questions.first { $0.name == (selection.question ?? questions.first?.name) }
    }

    /// Answer files (and interview notes) as a project in memory, coded with a codebook; then
    /// as `init(store:selection:)`.
    public static func files(_ paths: [String], columns: Corpus.Columns, interviewFields: [InterviewNotes.Field] = [],
                             codebookYAML: String, codebookSource: String,
                             selection: UnitSelection = .all, parts: ProjectSnapshot.Parts = .all, notes: (String) -> Void = { _ in },
                             progress: ProjectImport.Progress? = nil) throws -> CodedCorpus {
        let store = try ProjectImport.inMemoryProject(paths, columns: columns, interviewFields: interviewFields,
                                                      codebookYAML: codebookYAML, codebookSource: codebookSource,
                                                      notes: notes, progress: progress)
        return try CodedCorpus(store: store, selection: selection, parts: parts)
    }

    private init(corpus: Corpus, compiled: CompiledCodebook, suggestions: [[Suggestion]], project: ProjectStore?, store: ProjectStore,
                 selection: UnitSelection, questions: [StoredQuestion], interviewTurnsLeftOut: Int,
                 variableDisplay: [String: VariableDisplay]) {
        self.corpus = corpus
        self.variableDisplay = variableDisplay
        self.compiled = compiled
        self.suggestions = suggestions
        self.project = project
        self.store = store
        self.selection = selection
        self.questions = questions
        self.interviewTurnsLeftOut = interviewTurnsLeftOut
    }

    /// The units that pass `include`, with their codes.
    public func filtered(_ include: (DuidingInput.Unit) -> Bool) -> CodedCorpus {
        let kept = zip(corpus.units, suggestions).filter { include($0.0) }
        var subset = corpus
        subset.units = kept.map(\.0)
        return CodedCorpus(corpus: subset, compiled: compiled, suggestions: kept.map(\.1), project: project, store: store,
                           selection: selection, questions: questions, interviewTurnsLeftOut: interviewTurnsLeftOut,
                           variableDisplay: variableDisplay)
    }

    /// Fails with the variables there are when one is missing.
    public func requireVariables(_ names: [String], option: String) throws {
        if let problem = Self.missingVariables(names, option: option, among: corpus.variableNames) {
            throw InvalidInput([problem(corpus.units.first?.file ?? project?.path ?? "input")])
        }
    }

    /// The problem, given the file to name, when some of `names` are not among `variables`.
    static func missingVariables(_ names: [String], option: String, among variables: [String]) -> ((_ file: String) -> InputProblem)? {
        let missing = names.filter { !variables.contains($0) }
        guard !missing.isEmpty else { return nil }
        return { file in
            InputProblem(file: file, line: 1,
                         message: "no column \(missing.map { "`\($0)`" }.joined(separator: ", ")) for \(option); available: \(variables.joined(separator: ", "))")
        }
    }

    /// The theme table of the respondents split by `variables` (their labels as headings,
    /// their groups in the project's order), with the codebook's nets.
    public func themeTable(by variables: [String], weightColumn: String?) throws -> ThemeTable {
        try requireVariables(variables, option: "--by")
        return ThemeTable(units: try codedUnits(weightColumn: weightColumn), codeCount: codebook.codes.count, variables: variables,
                          display: variableDisplay, tree: codebook.tree)
    }

    /// The respondents for the analysis layer: one per respondent (a respondent with several
    /// units, such as an interview's turns, is counted once, with the codes of all of them),
    /// weighted by `weightColumn` when given (a number ≥ 0 on every selected unit).
    public func codedUnits(weightColumn: String?) throws -> [CodedUnit] {
        if let weightColumn { try requireVariables([weightColumn], option: "--weight") }
        var problems: [InputProblem] = []
        var order: [String] = []
        var merged: [String: (unit: DuidingInput.Unit, weight: Double, codes: Set<Int>)] = [:]
        for (unit, s) in zip(corpus.units, suggestions) {
            let codes = Set(s.map(\.codeIndex))
            if merged[unit.respondent] != nil {
                merged[unit.respondent]?.codes.formUnion(codes)
                continue
            }
            var weight = 1.0
            if let weightColumn {
                do { weight = try Self.weight(unit.values[weightColumn], column: weightColumn) } catch let problem as WeightProblem {
                    problems.append(InputProblem(file: unit.file, line: unit.line, message: problem.message))
                }
            }
            order.append(unit.respondent)
            merged[unit.respondent] = (unit, weight, codes)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return order.compactMap { id in
            merged[id].map { CodedUnit(id: id, values: $0.unit.values, weight: $0.weight, codes: $0.codes) }
        }
    }

    /// A respondent's weight in `column`: a number ≥ 0 (a decimal comma will do).
    static func weight(_ raw: String?, column: String) throws -> Double {
        let raw = raw ?? ""
        guard let w = Double(raw.replacingOccurrences(of: ",", with: ".")), w >= 0, w.isFinite else {
            throw WeightProblem(message: raw.isEmpty ? "no weight in `\(column)`" : "weight `\(raw)` in `\(column)` is not a number ≥ 0")
        }
        return w
    }

    struct WeightProblem: Error { let message: String }
}

/// Values as readers see them: a value's label (`1` → `man`) in every table, quote and export.
struct ValueLabels {
    private let labelled: [String: Variable]

    init(_ variables: [Variable]) {
        labelled = Dictionary(variables.filter { !$0.valueLabels.isEmpty }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func shown(_ values: [String: String]) -> [String: String] {
        labelled.isEmpty ? values : Dictionary(uniqueKeysWithValues: values.map { ($0, labelled[$0]?.shown($1) ?? $1) })
    }
}

extension CodedCorpus {
    /// The suggestions against the hand coding in `goldColumn` (code ids separated by `;` or
    /// `,`; empty: none of the codes), over the units that have the column (interview turns
    /// have none). An id that is not a code of the codebook is an error with its file and line.
    public func comparison(goldColumn: String) throws -> GoldComparison {
        try requireVariables([goldColumn], option: "--gold-column")
        let codes = codebook.codes
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        var problems: [InputProblem] = []
        var rows: [GoldComparison.Row] = []
        for (unit, suggestions) in zip(corpus.units, suggestions) {
            guard let gold = unit.values[goldColumn] else { continue }
            var human = Set<Int>()
            for id in gold.split(whereSeparator: { $0 == ";" || $0 == "," }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                if let c = index[id] { human.insert(c) } else {
                    problems.append(InputProblem(file: unit.file, line: unit.line, message: "`\(id)` in `\(goldColumn)` is not a code of the codebook"))
                }
            }
            rows.append(GoldComparison.Row(id: unit.id, text: unit.text, suggested: Set(suggestions.map(\.codeIndex)), human: human))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return GoldComparison(codebookName: codebook.name, codes: codes.map(\.id), goldColumn: goldColumn, rows: rows)
    }
}
