import ArgumentParser
import DuidingCodebook
import DuidingStore

/// `duiding codebook show`: the built-in codebook, or a project's latest version, as YAML.
struct CodebookShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the built-in codebook, or a project's latest codebook version, as YAML.",
        discussion: """
        Without a project: the codebook commands use when no --codebook is given \
        (agressie-effecten.yml, built in), byte for byte; save it with --output to start a codebook \
        of your own. With a project: the YAML of its latest codebook version, as recode stored it \
        (with --question, that question's codebook: its own, or the default).
        """
    )

    @Argument(help: "A project file; without one, the built-in codebook.")
    var project: String?

    @Option(help: "The codebook of this question of the project.")
    var question: String?

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        guard let project else {
            if question != nil { throw ValidationError("--question needs a project") }
            return try write(DefaultCodebook.yaml, to: output)
        }
        let store = try ProjectStore.open(at: project, access: .read)
        if let question, try !store.questionNames().contains(question) {
            throw ValidationError("no question `\(question)`; the questions are \(try store.questionNames().map { "`\($0)`" }.joined(separator: ", "))")
        }
        guard let codebook = try store.latestCodebook(question: question) else {
            throw ProjectError("\(project) has no codebook version yet; apply one first: duiding recode \(project)")
        }
        let owner = codebook.question.map { ", question `\($0)`'s own" } ?? (question == nil ? "" : ", the default")
        printNote("codebook version \(codebook.id) (\(codebook.name))\(owner), from \(codebook.source)")
        try write(codebook.yaml, to: output)
    }
}

/// `duiding codebook versions`: a project's codebook history, or one question's.
struct CodebookVersions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List a project's codebook versions: id, date, what each set, and its source.",
        discussion: "With --question, only the versions that changed that question's codebook (its own, or the default while it had none)."
    )

    @Argument(help: "The project file.")
    var project: String

    @Option(help: "Only the versions that changed this question's codebook.")
    var question: String?

    func run() throws {
        let store = try ProjectStore.open(at: project, access: .read)
        if let question, try !store.questionNames().contains(question) {
            throw ValidationError("no question `\(question)`; the questions are \(try store.questionNames().map { "`\($0)`" }.joined(separator: ", "))")
        }
        for v in try store.codebookVersions(question: question) {
            print("\(v.id)\t\(v.at)\t\(v.question.map { "question `\($0)`" } ?? "default")\t\(v.name)\t\(v.source)")
        }
    }
}
