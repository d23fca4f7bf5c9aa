import ArgumentParser
import DuidingCodebook
import DuidingProject
import DuidingStore
import Foundation

struct Code: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest codes per answer, with evidence.",
        discussion: """
        Writes CSV with one row per (answer, code): id,code,evidence,pattern,start,end — \
        evidence is the matched text, pattern the codebook pattern that fired, start/end its \
        Unicode character offsets in the answer. Answers without a code get no row.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Write the CSV here instead of to standard output.")
    var output: String?

    @Option(help: "Threads to use (default: one per core).")
    var threads = ParallelCoding.defaultWorkers

    func run() throws {
        let compiled = try input.loadCodebook()
        for path in input.files where ProjectStore.isProject(path) {
            throw ValidationError("\(path) is a project, not an answer file; its codes: duiding export \(path) --what codes")
        }
        let coding = AnswerFileCoding(compiled: compiled, columns: input.columns, interviewFields: input.interview.fields, workers: threads)
        var summary = AnswerFileCoding.Summary()
        try writeWhole(to: output) { out in
            summary = try coding.code(input.files, write: out.append, note: printNote,
                                      progress: { Progress(total: $2, what: "coding \($0)").update($1) })
        }
        if let output { printNote("\(summary.coded) of \(summary.units) units got a code; written to \(output)") }
    }
}
