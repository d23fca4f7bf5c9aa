import DuidingText
import Foundation

/// A Word document of the tables and quotes, converted from Markdown by pandoc (Debian's
/// `pandoc`), which keeps tables and lists as real Word tables and lists.
public enum WordReport {
    public static func write(markdown: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        // The document is copied beside the target and renamed when complete: a failed run
        // leaves no half-written document.
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            // The input is the report's own Markdown; pandoc 2.17's docx writer does not work in
            // its sandbox.
            try Pandoc.run(["--from", "markdown", "--to", "docx"], input: Data(markdown.utf8), sandbox: false) { output in
                try FileManager.default.copyItem(at: output, to: temp)
            }
        } catch let failure as Pandoc.Failure {
            throw XLSXWorkbook.WriteError(description: "\(path): pandoc could not write the Word file: \(failure.description)")
        } catch {
            throw XLSXWorkbook.WriteError(description: "\(path): cannot write the Word file (\(error.localizedDescription))")
        }
        do {
            if FileManager.default.fileExists(atPath: target.path) { _ = try FileManager.default.replaceItemAt(target, withItemAt: temp) }
            else { try FileManager.default.moveItem(at: temp, to: target) }
        } catch {
            throw XLSXWorkbook.WriteError(description: "\(path): cannot write the Word file (\(error.localizedDescription))")
        }
    }
}
