import ArgumentParser
import DuidingCodebook
import DuidingInput
import Foundation

/// Input files and how to read them; shared by the commands that read answers.
struct InputOptions: ParsableArguments {
    @Argument(help: "Answer files (.csv, .tsv, .sav) and interview notes (.txt, .md, .docx, .odt, .srt, .vtt).")
    var files: [String]

    @OptionGroup var interview: InterviewFieldOptions

    @Option(help: "Column with the answer id.")
    var idColumn = "id"

    @Option(name: .customLong("text-column"),
            help: "Column with the answers (default: text). Repeat it for a file with several open questions: each column is a question, its answers get ids ID/COLUMN.")
    var textColumns: [String] = []

    @Option(help: "Column naming each row's question, for a file with one row per answer.")
    var questionColumn: String?

    @Option(help: codebookHelp)
    var codebook: String?

    func validate() throws {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("\(file): no such file")
        }
    }

    /// Every file as `Corpus.load` reads it, with the interviews' `--set` fields.
    func loadCorpus() throws -> Corpus { try Corpus.load(files, columns: columns, interviewFields: interview.fields) }

    var columns: Corpus.Columns {
        Corpus.Columns(id: idColumn, texts: textColumns.isEmpty ? ["text"] : textColumns, question: questionColumn)
    }

    /// The codebook named with `--codebook`, else the built-in default.
    func loadCodebook() throws -> CompiledCodebook {
        try CompiledCodebook(codebook.map { try CodebookLoader.load(path: $0) } ?? DefaultCodebook.codebook())
    }

    /// The codebook's YAML and its path (see `readCodebook(_:)`).
    func codebookText() throws -> (yaml: String, path: String) { try readCodebook(codebook) }
}

/// Header fields for every interview file, from the command line (`--set organisatie=…`).
struct InterviewFieldOptions: ParsableArguments {
    @Option(name: .customLong("set"),
            help: ArgumentHelp("A header field for every interview file, as FIELD=VALUE (repeatable), e.g. --set organisatie=\"Kleinere gemeente\" --set interviewer=Interviewer; it replaces the file's own field of that name.",
                               valueName: "field=value"))
    var assignments: [String] = []

    func validate() throws {
        for assignment in assignments where InterviewNotes.field(assignment: assignment) == nil {
            throw ValidationError("--set `\(assignment)`: write FIELD=VALUE, e.g. --set organisatie=\"Kleinere gemeente\"")
        }
    }

    var fields: [InterviewNotes.Field] { assignments.compactMap(InterviewNotes.field(assignment:)) }
}

/// A codebook's YAML and the name its messages and a project's history give it: the file at
/// `path`, else the built-in default (`agressie-effecten.yml (built in)`).
func readCodebook(_ path: String?) throws -> (yaml: String, path: String) {
    guard let path else { return (DefaultCodebook.yaml, DefaultCodebook.name) }
    do { return (try String(contentsOfFile: path, encoding: .utf8), path) } catch {
        throw ValidationError("\(path): cannot read the codebook (\(describeFileError(error)))")
    }
}

/// The help of every `--codebook` option that falls back to the built-in codebook.
let codebookHelp = ArgumentHelp("Codebook (YAML). Default: the built-in agressie-effecten.yml (`duiding codebook show` prints it).")

/// Writes text to a file atomically (temporary file, then rename), or to standard output.
func write(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
        throw FileWriteFailure(description: "\(path): cannot write the file (\(describeFileError(error))); nothing was written")
    }
}

/// Text written in pieces as it is made, to a file (a temporary file renamed into place when
/// all of it is written, so an error or Ctrl-C leaves no half-written file) or to standard
/// output. Pieces are gathered into chunks of about a megabyte.
final class StreamingOutput {
    private let handle: FileHandle
    private var chunk = ""
    private let path: String?

    init(handle: FileHandle, path: String?) {
        self.handle = handle
        self.path = path
    }

    func append(_ text: String) throws {
        chunk += text
        if chunk.utf8.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !chunk.isEmpty else { return }
        do { try handle.write(contentsOf: Data(chunk.utf8)) } catch {
            throw FileWriteFailure(description: "\(path ?? "standard output"): cannot write (\(describeFileError(error))); nothing was written")
        }
        chunk = ""
    }
}

/// Writes what `produce` appends to `path` (atomically: temporary file, then rename) or, without
/// a path, to standard output.
func writeStreaming(to path: String?, _ produce: (StreamingOutput) throws -> Void) throws {
    guard let path else {
        let out = StreamingOutput(handle: .standardOutput, path: nil)
        try produce(out)
        return try out.flush()
    }
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
    } catch {
        throw FileWriteFailure(description: "\(path): cannot write the file (\(describeFileError(error))); nothing was written")
    }
    defer { try? FileManager.default.removeItem(at: temporary) }
    // Ctrl-C while writing removes the partial file too; the output file stays as it was.
    let interrupt = removingOnInterrupt(temporary.path)
    defer { interrupt.cancel(); signal(SIGINT, SIG_DFL) }
    let handle = try FileHandle(forWritingTo: temporary)
    let out = StreamingOutput(handle: handle, path: path)
    try produce(out)
    try out.flush()
    do {
        try handle.close()
        // rename(2) replaces an existing file in one step (Foundation's replaceItemAt does not, on Linux).
        guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    } catch {
        throw FileWriteFailure(description: "\(path): cannot write the file (\(describeFileError(error))); nothing was written")
    }
}

/// Like `writeStreaming`, but standard output gets nothing until all is written (the text
/// goes to a temporary file first), so an error leaves it as empty as a file would be.
func writeWhole(to path: String?, _ produce: (StreamingOutput) throws -> Void) throws {
    if let path { return try writeStreaming(to: path, produce) }
    let spool = FileManager.default.temporaryDirectory.appendingPathComponent("duiding-\(getpid())-output").path
    defer { unlink(spool) }
    try writeStreaming(to: spool, produce)
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: spool))
    defer { try? handle.close() }
    while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
        FileHandle.standardOutput.write(data)
    }
}

/// Until cancelled, Ctrl-C (SIGINT) removes the file at `path` and ends the program with
/// status 130, as an interrupted program does.
func removingOnInterrupt(_ path: String) -> any DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        unlink(path)
        exit(130)
    }
    source.resume()
    return source
}

/// An output file that could not be written, in words.
struct FileWriteFailure: Error, CustomStringConvertible {
    let description: String
}

/// A file system error in words: the disk is full, permission denied, … (not "error 640").
func describeFileError(_ error: Error) -> String {
    let ns = error as NSError
    let posix = (ns.domain == NSPOSIXErrorDomain ? ns.code : nil)
        ?? (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
    switch (ns.domain, ns.code, posix) {
    case (_, _, Int(ENOSPC)?), (NSCocoaErrorDomain, CocoaError.fileWriteOutOfSpace.rawValue, _): return "the disk is full"
    case (_, _, Int(EROFS)?), (NSCocoaErrorDomain, CocoaError.fileWriteVolumeReadOnly.rawValue, _): return "the file system is read-only"
    case (_, _, Int(EACCES)?), (_, _, Int(EPERM)?), (NSCocoaErrorDomain, CocoaError.fileWriteNoPermission.rawValue, _),
         (NSCocoaErrorDomain, CocoaError.fileReadNoPermission.rawValue, _): return "permission denied"
    case (_, _, Int(ENOENT)?), (NSCocoaErrorDomain, CocoaError.fileNoSuchFile.rawValue, _): return "the folder does not exist"
    case (_, _, Int(ENOTDIR)?): return "a part of the path is a file, not a folder"
    case (_, _, Int(EISDIR)?): return "it is a folder"
    default: return ns.localizedDescription
    }
}

/// Progress on standard error, only when a person is watching it.
struct Progress: Sendable {
    let total: Int
    let what: String
    let enabled: Bool

    init(total: Int, what: String) {
        self.total = total
        self.what = what
        self.enabled = isatty(STDERR_FILENO) == 1 && total > 4
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let percent = 100 * done / max(total, 1)
        FileHandle.standardError.write(Data("\r\(what): \(percent)%".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

func printNote(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A line on standard error that says what is being done and for how long: shown only when a
/// person is watching (standard error is a terminal) and only once the step has taken a
/// second; cleared when it ends.
func withActivity<T>(_ what: String, _ body: () throws -> T) throws -> T {
    guard isatty(STDERR_FILENO) == 1 else { return try body() }
    let line = ActivityLine(what)
    defer { line.end() }
    return try body()
}

/// The state of `withActivity`'s line, shared with its timer.
private final class ActivityLine: @unchecked Sendable {
    private let lock = NSLock()
    private let what: String
    private let start = Date()
    private let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
    private var shown = false
    private var ended = false

    init(_ what: String) {
        self.what = what
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.show() }
        timer.resume()
    }

    private func show() {
        lock.lock()
        defer { lock.unlock() }
        guard !ended else { return }
        shown = true
        FileHandle.standardError.write(Data("\r\(what)… \(Int(Date().timeIntervalSince(start))) s".utf8))
    }

    func end() {
        timer.cancel()
        lock.lock()
        defer { lock.unlock() }
        ended = true
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
