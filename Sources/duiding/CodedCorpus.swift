import ArgumentParser
import DuidingProject
import DuidingStore
import Foundation

/// Which units a command counts, quotes or exports (see `UnitSelection`).
struct SelectionOptions: ParsableArguments {
    @Option(help: "The open question to work on; a project with several questions needs one.")
    var question: String?

    @Flag(help: "Work on the interview turns instead of a survey question.")
    var interviews = false

    @Option(name: .customLong("where"),
            help: "Only respondents with VAR=VALUE; also VAR=a,b (any of the values) and VAR!=VALUE (repeatable: all must hold).")
    var conditions: [String] = []

    func selection() throws -> UnitSelection {
        UnitSelection(question: question, interviews: interviews, conditions: try conditions.map { try UnitSelection.Condition(parsing: $0) })
    }

    /// The units a command over a whole project (review, agreement, calibration) looks at:
    /// nil (all of them, interview turns included) when the project has one question and no
    /// option narrows it; else the chosen question's (or the interviews') units that pass
    /// `--where`, and how to name them.
    func scope(_ store: ProjectStore) throws -> (ids: Set<String>, description: String, question: String?)? {
        let chosen = try selection()
        let questions = try store.questions()
        if chosen == UnitSelection(), questions.count <= 1 { return nil }
        let units = try chosen.resolve(try store.units(), questions: questions, variables: try store.variables())
        let named = chosen.question == nil && !chosen.interviews
            ? UnitSelection(question: questions.first?.name, conditions: chosen.conditions) : chosen
        return (Set(units.map(\.id)), named.description, named.question)
    }
}

extension CodedCorpus {
    /// The selected units of a project file, or of answer files (a project in memory, coded
    /// with the chosen codebook), with the `parts` the command needs.
    init(_ input: InputOptions, _ selection: SelectionOptions, parts: ProjectSnapshot.Parts = .all) throws {
        self = try CodedCorpus(store: try Self.store(input), selection: try selection.selection(), parts: parts)
        noteInterviewsLeftOut()
    }

    /// A chapter's questions (`perQuestion`): the chosen one, or every question of the input.
    static func chapter(_ input: InputOptions, _ selection: SelectionOptions) throws -> [CodedCorpus] {
        let chapter = try CodedCorpus.perQuestion(store: try store(input), selection: try selection.selection())
        chapter.first?.noteInterviewsLeftOut()
        return chapter
    }

    /// The project file the input names, or its answer files imported into a project in memory.
    static func store(_ input: InputOptions) throws -> ProjectStore {
        if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
            if input.codebook != nil { printNote("note: a project uses its own latest codebook version; --codebook is ignored") }
            if !input.textColumns.isEmpty || input.questionColumn != nil {
                throw ValidationError("--text-column and --question-column read answer files; \(input.files[0]) knows its questions: choose one with --question")
            }
            return try ProjectStore.open(at: input.files[0], access: .read)
        }
        let (yaml, path) = try input.codebookText()
        return try ProjectImport.inMemoryProject(input.files, columns: input.columns, interviewFields: input.interview.fields,
                                                 codebookYAML: yaml, codebookSource: path, notes: printNote)
    }

    private func noteInterviewsLeftOut() {
        duiding.noteInterviewsLeftOut(interviewTurnsLeftOut, units: corpus.units.count)
    }
}

/// Says that `turns` interview turns are not in the base of the `units` selected.
func noteInterviewsLeftOut(_ turns: Int, units: Int) {
    if turns > 0, units > 0 {
        printNote("note: \(turns) interview turns are not in this question's base; --interviews counts and quotes them apart")
    }
}

