import ArgumentParser
import DuidingCodebook
import DuidingExport
import DuidingInput
import DuidingStore
import DuidingText
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
        var out = CSVWriter.row(CodeRows.header)
        var problems: [InputProblem] = []
        var ids = UniqueIDs()
        var units = 0, coded = 0
        for path in input.files where ProjectStore.isProject(path) {
            throw ValidationError("\(path) is a project, not an answer file; its codes: duiding export \(path) --what codes")
        }
        for path in input.files {
            // CSV/TSV with one text column takes the fast path; interview notes, SPSS files and
            // tables with several questions are read as units.
            let asUnits = Corpus.isInterview(path) || Corpus.isSPSS(path) || input.columns.texts.count > 1 || input.questionColumn != nil
            let result = asUnits ? try codeUnitsOf(path, compiled) : try codeTable(path, compiled)
            for note in result.notes { printNote(note) }
            problems += result.problems
            for (id, line) in result.ids {
                if let problem = ids.add(id, file: path, line: line) { problems.append(problem) }
            }
            units += result.ids.count
            coded += result.coded
            out += result.rows
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        try write(out, to: output)
        if let output { printNote("\(coded) of \(units) units got a code; written to \(output)") }
    }

    struct FileResult: Sendable {
        var rows = ""
        var ids: [(String, Int)] = []
        var coded = 0
        var problems: [InputProblem] = []
        var notes: [String] = []
    }

    /// CSV is parsed in chunks on every core, and text goes straight from UTF-8 bytes to
    /// UTF-16 for ICU, without building strings for answers.
    private func codeTable(_ path: String, _ compiled: CompiledCodebook) throws -> FileResult {
        let file = try CSVFile.load(path: path)
        let idIndex = try file.column(input.idColumn, option: "--id-column")
        let textIndex = try file.column(input.columns.texts[0], option: "--text-column")
        let chunks = file.chunks()
        let progress = Progress(total: chunks.count, what: "coding \(path)")
        let parts = try ParallelCoding.map(chunks, codebook: compiled, workers: threads, progress: { progress.update($0) }) { coder, chunk in
            var part = FileResult()
            var text: [UInt16] = []
            try file.forEachRecord(in: chunk, problem: { part.problems.append($0) }) { line, fields in
                let id = file.string(fields[idIndex]).trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else {
                    part.problems.append(InputProblem(file: path, line: line, message: "the id (`\(input.idColumn)`) is empty"))
                    return
                }
                part.ids.append((id, line))
                do {
                    try file.withBytes(fields[textIndex]) { try decodeUTF8($0, into: &text) }
                } catch {
                    part.problems.append(InputProblem(file: path, line: line, message: "the text is not valid UTF-8"))
                    return
                }
                let suggestions = try text.withUnsafeBufferPointer { try coder.code($0) }
                if !suggestions.isEmpty { part.coded += 1 }
                text.withUnsafeBufferPointer { CodeRows.append(id: id, text: $0, suggestions: suggestions, to: &part.rows) }
            }
            return part
        }
        var result = FileResult(notes: file.notes)
        for part in parts {
            result.rows += part.rows
            result.ids += part.ids
            result.coded += part.coded
            result.problems += part.problems
        }
        return result
    }

    private func codeUnitsOf(_ path: String, _ compiled: CompiledCodebook) throws -> FileResult {
        let corpus = try Corpus.load([path], columns: input.columns, interviewFields: input.interview.fields)
        let suggestions = try codeUnits(corpus.units, with: compiled)
        var result = FileResult(notes: corpus.notes)
        for (unit, s) in zip(corpus.units, suggestions) {
            result.ids.append((unit.id, unit.line))
            if !s.isEmpty { result.coded += 1 }
            Array(unit.text.utf16).withUnsafeBufferPointer { CodeRows.append(id: unit.id, text: $0, suggestions: s, to: &result.rows) }
        }
        return result
    }
}
