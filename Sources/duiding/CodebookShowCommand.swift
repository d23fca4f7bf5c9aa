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
        of your own. With a project: the YAML of its latest codebook version, as recode stored it.
        """
    )

    @Argument(help: "A project file; without one, the built-in codebook.")
    var project: String?

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        guard let project else { return try write(DefaultCodebook.yaml, to: output) }
        let store = try ProjectStore.open(at: project, access: .read)
        guard let version = try store.latestCodebook(), let yaml = try store.codebookYAML(version: version.id) else {
            throw ProjectError("\(project) has no codebook version yet; apply one first: duiding recode \(project)")
        }
        printNote("codebook version \(version.id) (\(version.name)), from \(version.source)")
        try write(yaml, to: output)
    }
}
