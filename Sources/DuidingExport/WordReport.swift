import Foundation

/// A Word document of the tables and quotes, converted from Markdown by pandoc (Debian's
/// `pandoc`), which keeps tables and lists as real Word tables and lists.
public enum WordReport {
    public static func write(markdown: String, to path: String) throws {
        let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pandoc else {
            throw XLSXWorkbook.WriteError(description: "writing Word needs pandoc (apt-get install pandoc, or run scripts/setup)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pandoc)
        // pandoc writes a temporary file beside the target, renamed when complete: a failed
        // run leaves no half-written document.
        let target = URL(fileURLWithPath: path)
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: temp) }
        process.arguments = ["--from", "markdown", "--to", "docx", "--output", temp.path]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw XLSXWorkbook.WriteError(description: "\(path): pandoc could not write the Word file: \(message)")
        }
        do {
            if FileManager.default.fileExists(atPath: target.path) { _ = try FileManager.default.replaceItemAt(target, withItemAt: temp) }
            else { try FileManager.default.moveItem(at: temp, to: target) }
        } catch {
            throw XLSXWorkbook.WriteError(description: "\(path): cannot write the Word file (\(error.localizedDescription))")
        }
    }
}
