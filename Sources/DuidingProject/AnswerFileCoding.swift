import DuidingCodebook
import DuidingExport
import DuidingInput
import DuidingText
import Foundation

/// `duiding code` on answer files: every unit coded and written as `CodeRows`, in input order.
/// A plain CSV/TSV (one text column) is read part by part and each part coded on a free core
/// as it comes, so memory stays flat however large the file is; its text goes from UTF-8
/// bytes to UTF-16 for ICU without building a string per answer. Interview notes, SPSS files
/// and tables with several questions are read whole (`Corpus.load`) and coded the same way,
/// in batches of units.
public struct AnswerFileCoding: Sendable {
    public let compiled: CompiledCodebook
    public var columns: Corpus.Columns
    public var interviewFields: [InterviewNotes.Field]
    public var workers: Int
    /// About how many bytes of a CSV file are coded as one batch.
    public var partBytes: Int

    public init(compiled: CompiledCodebook, columns: Corpus.Columns = Corpus.Columns(texts: ["text"]), interviewFields: [InterviewNotes.Field] = [],
                workers: Int = ParallelCoding.defaultWorkers, partBytes: Int = 1 << 20) {
        self.compiled = compiled
        self.columns = columns
        self.interviewFields = interviewFields
        self.workers = workers
        self.partBytes = partBytes
    }

    /// Units read and units that got a code.
    public struct Summary: Sendable, Equatable {
        public var units = 0
        public var coded = 0

        public init() {}
    }

    /// Codes `files` and passes the CSV (header, then rows) to `write` in pieces, in input
    /// order. Every problem of the input (broken rows, empty or repeated ids) is found in one
    /// pass and thrown together as `InvalidInput` at the end, after rows were written: the
    /// caller writes to a temporary file and keeps it only when this returns.
    /// `note` gets what was noticed about a file (e.g. its encoding) once the file is read;
    /// `progress` the file, its batches coded and about how many it has.
    public func code(_ files: [String], write: (String) throws -> Void, note: (String) -> Void = { _ in },
                     progress: (_ file: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) throws -> Summary {
        try write(CSVWriter.row(CodeRows.header))
        var summary = Summary()
        var problems: [InputProblem] = []
        var ids = UniqueIDs()
        for path in files {
            let source = try Source(path, self)
            var repeated: [InputProblem] = []
            var done = 0
            try ParallelCoding.stream(codebook: compiled, workers: workers, next: { try source.next() }, { coder, batch in
                try batch.code(with: coder)
            }, deliver: { part in
                try write(part.rows)
                problems += part.problems
                for (id, line) in part.ids {
                    if let problem = ids.add(id, file: path, line: line) { repeated.append(problem) }
                }
                summary.units += part.ids.count
                summary.coded += part.coded
                done += 1
                progress(path, done, source.batches)
            })
            for text in source.notes { note(text) }
            problems += repeated
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return summary
    }

    /// Whether a file is read whole, as units, rather than part by part.
    func readsWhole(_ path: String) -> Bool {
        Corpus.isInterview(path) || Corpus.isSPSS(path) || columns.texts.count > 1 || columns.question != nil
    }

    /// The batches of one file: parts of a CSV as they are read, or batches of its units.
    private final class Source: @unchecked Sendable {
        private let reader: CSVFile.Reader?
        private let idIndex: Int, textIndex: Int
        private let corpus: Corpus?
        private var nextUnit = 0

        init(_ path: String, _ coding: AnswerFileCoding) throws {
            if coding.readsWhole(path) {
                corpus = try Corpus.load([path], columns: coding.columns, interviewFields: coding.interviewFields)
                reader = nil
                batches = ((corpus?.units.count ?? 0) + ParallelCoding.batchSize - 1) / ParallelCoding.batchSize
                idIndex = 0
                textIndex = 0
            } else {
                let reader = try CSVFile.Reader(path: path, partBytes: coding.partBytes)
                self.reader = reader
                batches = max(1, (reader.size + coding.partBytes - 1) / coding.partBytes)
                idIndex = try reader.column(coding.columns.id, option: "--id-column")
                textIndex = try reader.column(coding.columns.texts[0], option: "--text-column")
                corpus = nil
            }
        }

        func next() throws -> Batch? {
            if let reader {
                guard let part = try reader.next() else { return nil }
                return .records(part, idIndex: idIndex, textIndex: textIndex)
            }
            guard let units = corpus?.units, nextUnit < units.count else { return nil }
            let end = min(nextUnit + ParallelCoding.batchSize, units.count)
            defer { nextUnit = end }
            return .units(units[nextUnit..<end])
        }

        /// About how many batches the file has.
        let batches: Int

        var notes: [String] { reader?.notes ?? corpus?.notes ?? [] }
    }

    /// Work for one core: a part of a CSV file, or a batch of units.
    private enum Batch: Sendable {
        case records(CSVFile, idIndex: Int, textIndex: Int)
        case units(ArraySlice<DuidingInput.Unit>)

        func code(with coder: Coder) throws -> Part {
            var part = Part()
            switch self {
            case .records(let file, let idIndex, let textIndex):
                var text: [UInt16] = []
                try file.forEachRecord(in: file.body, problem: { part.problems.append($0) }) { line, fields in
                    let id = file.trimmedString(fields[idIndex])
                    guard !id.isEmpty else {
                        part.problems.append(InputProblem(file: file.path, line: line, message: "the id (`\(file.header[idIndex])`) is empty"))
                        return
                    }
                    do {
                        try file.withBytes(fields[textIndex]) { try decodeUTF8($0, into: &text) }
                    } catch {
                        part.ids.append((id, line))
                        part.problems.append(InputProblem(file: file.path, line: line, message: "the text is not valid UTF-8"))
                        return
                    }
                    try text.withUnsafeBufferPointer { try part.add(id, line, $0, coder) }
                }
            case .units(let units):
                for unit in units {
                    try Array(unit.text.utf16).withUnsafeBufferPointer { try part.add(unit.id, unit.line, $0, coder) }
                }
            }
            return part
        }
    }

    /// What a batch gives: its rows, its ids with their lines, and its problems.
    private struct Part: Sendable {
        var rows = ""
        var ids: [(String, Int)] = []
        var coded = 0
        var problems: [InputProblem] = []

        mutating func add(_ id: String, _ line: Int, _ text: UnsafeBufferPointer<UInt16>, _ coder: Coder) throws {
            ids.append((id, line))
            let suggestions = try coder.code(text)
            if !suggestions.isEmpty { coded += 1 }
            CodeRows.append(id: id, text: text, suggestions: suggestions, to: &rows)
        }
    }
}
