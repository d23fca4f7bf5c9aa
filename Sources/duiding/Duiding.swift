import ArgumentParser

/// The root command only configures; `review` runs the server asynchronously, so the root is
/// an `AsyncParsableCommand` (the other subcommands stay synchronous).
@main
struct Duiding: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duiding",
        abstract: "Turns Dutch open survey answers and interview notes into themes, tables and quotes.",
        discussion: """
        Answers come from CSV/TSV files (one answer per row, with an id, a text and group \
        columns); interview notes from .txt/.md files (a header, then speaker turns). \
        A codebook (YAML, see docs/codebook.md) says which words suggest which code.
        """,
        subcommands: [Code.self, Table.self, Quotes.self, Screen.self, Evaluate.self, Demo.self,
                      Init.self, Upgrade.self, Import.self, Recode.self, Decide.self, Export.self, ImportDecisions.self, AgreementCommand.self, Reconcile.self, Calibration.self, QuoteChoiceCommand.self, Review.self, CoderCommand.self, CodebookCommand.self, Explore.self, VariableCommand.self]
    )
}
