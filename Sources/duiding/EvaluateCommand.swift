import Foundation
import ArgumentParser
import DuidingAnalysis
import DuidingExport
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
        try write(GoldComparisonReport.markdown(try coded.comparison(goldColumn: goldColumn), showErrors: showErrors), to: output)
    }
}
