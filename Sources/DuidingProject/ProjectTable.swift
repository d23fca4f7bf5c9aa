import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingStore

/// The theme table of a project's selection, counted in one pass over its units as the store
/// streams them: the same table as `CodedCorpus.themeTable` (same respondents, same order of
/// summing), without holding a unit, a text or a state per answer. What it keeps per
/// respondent is a slot of its group values, weight and codes as bits.
public struct ProjectTable: Sendable {
    public let table: ThemeTable
    public let codebook: Codebook
    /// As `CodedCorpus.title`.
    public let title: String
    /// The units selected.
    public let units: Int
    /// Interview turns the selection leaves out (as `CodedCorpus.interviewTurnsLeftOut`).
    public let interviewTurnsLeftOut: Int

    /// Counts the respondents of `selection` split by `variables`, weighted by `weightColumn`
    /// when given, with the problems and messages of `CodedCorpus(store:selection:)` and
    /// `themeTable(by:weightColumn:)`.
    public init(store: ProjectStore, selection: UnitSelection, by variables: [String], weightColumn: String?) throws {
        self = try store.counting { snapshot in
            let name = store.path ?? "the answers"
            guard let codebooks = try snapshot.codebooks() else {
                throw SelectionError("\(name) has no codebook yet; run `duiding recode \(name)` first")
            }
            let questions = try snapshot.questions(), stored = try snapshot.variables()
            let interviewTurns = try snapshot.interviewTurns()
            let question = try selection.source(questions: questions, hasInterviews: interviewTurns > 0).question
            let conditions = try selection.storedConditions(variables: stored) { try snapshot.values(of: $0, question: question) }
            let compiled = try CodedCorpus.compiled(codebooks, question: question, store: store)
            let names = stored.map(\.name)
            let missing = CodedCorpus.missingVariables(variables, option: "--by", among: names)
                ?? weightColumn.flatMap { CodedCorpus.missingVariables([$0], option: "--weight", among: names) }
            let codeIndex = Dictionary(compiled.codebook.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let labelled = Dictionary(stored.filter { !$0.valueLabels.isEmpty }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let shownColumns = variables + (weightColumn.map { [$0] } ?? [])
            var respondents = Respondents(columns: variables.count, codeCount: compiled.codebook.codes.count)
            var problems: [InputProblem] = []
            var units = 0
            try snapshot.forEachUnit(question: question, variables: Array(Set(shownColumns + conditions.map(\.variable)))) { unit in
                guard conditions.allSatisfy({ $0.admits(unit.values) }) else { return }
                // A missing variable is named at the first unit selected, as `requireVariables` does.
                if let missing { throw InvalidInput([missing(unit.file)]) }
                units += 1
                let codes = unit.codes.compactMap { codeIndex[$0] }
                if respondents.merge(unit.respondent, codes: codes) { return }
                let shown = shownColumns.map { column in unit.values[column].map { labelled[column]?.shown($0) ?? $0 } }
                var weight = 1.0
                if let weightColumn {
                    do { weight = try CodedCorpus.weight(shown.last ?? nil, column: weightColumn) } catch let problem as CodedCorpus.WeightProblem {
                        problems.append(InputProblem(file: unit.file, line: unit.line, message: problem.message))
                    }
                }
                respondents.add(unit.respondent, values: Array(shown.prefix(variables.count)), weight: weight, codes: codes)
            }
            if let missing { throw InvalidInput([missing(store.path ?? "input")]) }
            if !problems.isEmpty { throw InvalidInput(problems) }
            var tally = ThemeTable.Tally(codeCount: compiled.codebook.codes.count, variables: variables, tree: compiled.codebook.tree)
            respondents.forEach { values, weight, codes in
                var named: [String: String] = [:]
                for (variable, value) in zip(variables, values) { named[variable] = value }
                tally.add(values: named, weight: weight, codes: codes)
            }
            let display = Dictionary(stored.map { ($0.name, VariableDisplay(label: $0.label, order: $0.valueOrder.map($0.shown))) },
                                     uniquingKeysWith: { a, _ in a })
            return ProjectTable(table: tally.table(display: display), codebook: compiled.codebook,
                                title: CodedCorpus.title(codebook: compiled.codebook.name, selection: selection, questions: questions,
                                                         question: units > 0 ? question : selection.question),
                                units: units, interviewTurnsLeftOut: selection.interviews ? 0 : interviewTurns)
        }
    }

    private init(table: ThemeTable, codebook: Codebook, title: String, units: Int, interviewTurnsLeftOut: Int) {
        self.table = table
        self.codebook = codebook
        self.title = title
        self.units = units
        self.interviewTurnsLeftOut = interviewTurnsLeftOut
    }
}

/// The respondents of a count in the order first met, compactly: per respondent its group
/// values (interned), its weight and its codes as bits; a respondent met again (an
/// interview's next turn) adds its codes to the ones it has.
private struct Respondents {
    private let columns: Int
    private let words: Int
    private var slots: [String: Int] = [:]
    private var groups: [Int32] = []
    private var weights: [Double] = []
    private var bits: [UInt64] = []
    /// Per column, its values as met (nil: the unit has none) and their numbers.
    private var interned: [[String?]]
    private var numbers: [[String?: Int32]]

    init(columns: Int, codeCount: Int) {
        self.columns = columns
        words = max(1, (codeCount + 63) / 64)
        interned = Array(repeating: [], count: columns)
        numbers = Array(repeating: [:], count: columns)
    }

    /// Adds `codes` to the respondent if it was met before; false if it is new.
    mutating func merge(_ respondent: String, codes: [Int]) -> Bool {
        guard let slot = slots[respondent] else { return false }
        for c in codes { bits[slot * words + c / 64] |= 1 << UInt64(c % 64) }
        return true
    }

    mutating func add(_ respondent: String, values: [String?], weight: Double, codes: [Int]) {
        slots[respondent] = weights.count
        weights.append(weight)
        for (c, value) in values.enumerated() {
            if let n = numbers[c][value] { groups.append(n); continue }
            let n = Int32(interned[c].count)
            interned[c].append(value)
            numbers[c][value] = n
            groups.append(n)
        }
        bits.append(contentsOf: repeatElement(0, count: words))
        _ = merge(respondent, codes: codes)
    }

    /// Each respondent in the order first met: its values per column, weight and code indices.
    func forEach(_ body: (_ values: [String?], _ weight: Double, _ codes: Set<Int>) -> Void) {
        let valueColumns = interned.count
        for (slot, weight) in weights.enumerated() {
            var codes: Set<Int> = []
            for w in 0..<words {
                var word = bits[slot * words + w]
                while word != 0 {
                    codes.insert(w * 64 + word.trailingZeroBitCount)
                    word &= word - 1
                }
            }
            body((0..<valueColumns).map { interned[$0][Int(groups[slot * columns + $0])] }, weight, codes)
        }
    }
}
