import Foundation

/// Runs Debian's `pandoc` safely: no shell (the arguments go to the program as an array), no
/// other files for readers (`--sandbox`: pandoc reads only the files named on its command line),
/// a time limit, and its output in a private temporary folder that is removed afterwards. Shared by the
/// Word report and the reader of Word and OpenDocument interview notes.
public enum Pandoc {
    /// Why pandoc did not deliver, in words a user can act on.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The message when pandoc is not installed.
    public static let missing = "pandoc is not installed; install it with `apt-get install pandoc` (or run scripts/setup)"

    /// The pandoc executable: `$DUIDING_PANDOC` when set (a pandoc elsewhere), else the usual
    /// Debian places; nil when it is not installed.
    public static func executable() -> String? {
        if let chosen = ProcessInfo.processInfo.environment["DUIDING_PANDOC"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        return ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs pandoc with `arguments` plus `--output FILE`, where FILE is in a new private (0700)
    /// temporary folder; `read` gets that file's URL while it exists, and its result is
    /// returned. `input` is written to a file in that folder and given to pandoc as its input
    /// (no pipe that pandoc might close early). A run longer than `timeout` seconds is ended
    /// and reported. `sandbox` adds `--sandbox`; pandoc 2.17's Word and
    /// OpenDocument *writers* cannot find their templates in the sandbox, its readers can.
    /// `program` replaces `executable()` (for tests).
    public static func run<T>(_ arguments: [String], input: Data? = nil, sandbox: Bool = true, timeout: TimeInterval = 60,
                              program: String? = nil, read: (URL) throws -> T) throws -> T {
        guard let pandoc = program ?? executable() else { throw Failure(description: missing) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duiding-pandoc-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot make a temporary folder for pandoc (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        let errors = folder.appendingPathComponent("errors")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil, attributes: [.posixPermissions: 0o600])
        var inputFile: [String] = []
        if let input {
            let url = folder.appendingPathComponent("input")
            do { try input.write(to: url) } catch {
                throw Failure(description: "cannot write pandoc's input to a temporary file (\(error.localizedDescription))")
            }
            inputFile = [url.path]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pandoc)
        process.arguments = (sandbox ? ["--sandbox"] : []) + arguments + ["--output", output.path] + inputFile
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw Failure(description: "cannot start pandoc (\(error.localizedDescription)); \(missing)")
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw Failure(description: "pandoc did not finish within \(Int(timeout)) seconds and was stopped")
        }
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(description: message.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").prefix(3).joined(separator: "; "))
        }
        return try read(output)
    }
}
