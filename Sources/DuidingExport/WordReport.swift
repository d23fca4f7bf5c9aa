import DuidingText
import Foundation

/// A Word document of the report chapter, converted from the chapter's Markdown by pandoc
/// (Debian's `pandoc`), which keeps lists and headings as real Word lists and headings. The
/// document's language is Dutch (`nl-NL`, in its styles); theme tables are written as Word
/// tables (`WordTable`) with the significance colours as cell shading.
public enum WordReport {
    public static let language = "nl-NL"

    public static func write(_ report: ReportDocument, to path: String) throws {
        try write(markdown: ChapterMarkdown.render(report, tables: .word), to: path)
    }

    /// Writes Markdown (with raw OpenXML blocks where wanted) as a Dutch Word document.
    public static func write(markdown: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        // The document is copied beside the target and renamed when complete: a failed run
        // leaves no half-written document.
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            // The input is the report's own Markdown; pandoc 2.17's docx writer does not work in
            // its sandbox.
            try Pandoc.run(["--from", "markdown", "--to", "docx", "--metadata", "lang=\(language)"], input: Data(markdown.utf8),
                           sandbox: false) { output in
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

/// A table as a Word table (OpenXML), in 9 pt: a header row repeated on every page, the first
/// column wide enough for a theme's label (at least 5 cm), nets' themes indented, and in theme
/// tables significant cells shaded in the legend's colours (red higher, blue lower) with white
/// bold text — the ▲/▼ stays in the text for black-and-white print.
enum WordTable {
    /// Text width of an A4 page with 2.5 cm margins, in twentieths of a point.
    static let textWidth = 9_000
    static let red = "C00000", blue = "0070C0"

    struct Cell {
        var text: String
        var fill: String? = nil
    }

    static func openXML(_ table: ReportDocument.Table) -> String {
        // The n goes on a line of its own, so a narrow column breaks between words, not inside them.
        openXML(header: table.columns.map { "\($0.group)\n(n=\(formatCount($0.baseN)))" },
                rows: table.rows.map { row in
                    (row.label, row.level, row.isNet, row.cells.map { Cell(text: $0.text, fill: $0.mark.map { $0 == .higher ? red : blue }) })
                })
    }

    static func openXML(_ summary: ReportDocument.Summary) -> String {
        openXML(header: Array(summary.header.dropFirst()),
                rows: summary.rows.map { ($0.first ?? "", 0, false, $0.dropFirst().map { Cell(text: $0) }) })
            + (summary.notes.isEmpty ? "" : "\n" + openXML(notes: summary.notes))
    }

    private static func openXML(header: [String], rows: [(label: String, level: Int, isNet: Bool, cells: [Cell])]) -> String {
        let widths = widths(labels: rows.map(\.label), columns: header.indices.map { c in [header[c]] + rows.map { c < $0.cells.count ? $0.cells[c].text : "" } })
        var out = "```{=openxml}\n<w:tbl><w:tblPr><w:tblStyle w:val=\"Table\"/><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/>"
        out += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
        out += "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"808080\"/>"
        out += "<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"808080\"/><w:insideH w:val=\"single\" w:sz=\"2\" w:color=\"D9D9D9\"/></w:tblBorders>"
        out += "</w:tblPr>\n<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        out += "</w:tblGrid>\n<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell(Cell(text: ""), width: widths[0], bold: true, left: true)
        out += zip(header, widths.dropFirst()).map { cell(Cell(text: $0), width: $1, bold: true) }.joined() + "</w:tr>\n"
        for row in rows {
            out += "<w:tr>" + cell(Cell(text: row.label), width: widths[0], bold: row.isNet, left: true, indent: row.level)
            out += zip(row.cells, widths.dropFirst()).map { cell($0, width: $1, bold: $0.fill != nil) }.joined() + "</w:tr>\n"
        }
        return out + "</w:tbl>\n```\n"
    }

    /// Column widths, the label column's first: each column as wide as its longest word (about
    /// 135 twips a character in 9 pt bold, and the cell margins: LibreOffice broke `gemeente` at 120), so nothing breaks inside a word, and the label
    /// column the rest, at least 5 cm (or its longest label, if shorter); where the page is too
    /// narrow for that, the other columns shrink in proportion.
    static func widths(labels: [String], columns: [[String]]) -> [Int] {
        func width(_ word: some StringProtocol) -> Int { 135 * word.count + 200 }
        let needed = columns.map { texts in max(700, texts.flatMap { $0.split(whereSeparator: \.isWhitespace) }.map(width).max() ?? 0) }
        let total = needed.reduce(0, +)
        let label = max(min(2_835, labels.map(width).max() ?? 0), textWidth - total)
        let scale = total > textWidth - label ? Double(textWidth - label) / Double(total) : 1
        return [label] + needed.map { Int((Double($0) * scale).rounded(.down)) }
    }

    /// The notes under a table, in 8 pt italics, close together.
    static func openXML(notes: [String]) -> String {
        "```{=openxml}\n" + notes.map {
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:rPr><w:i/><w:sz w:val=\"16\"/></w:rPr>"
                + "<w:t xml:space=\"preserve\">\(HTMLReport.escape($0))</w:t></w:r></w:p>\n"
        }.joined() + "```\n"
    }

    private static func cell(_ content: Cell, width: Int, bold: Bool = false, left: Bool = false, indent: Int = 0) -> String {
        var out = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if let fill = content.fill { out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
        out += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"Compact\"/>" + (indent > 0 ? "<w:ind w:left=\"\(283 * indent)\"/>" : "")
        out += "<w:jc w:val=\"\(left ? "left" : "right")\"/></w:pPr>"
        let properties = "<w:rPr>" + (bold ? "<w:b/>" : "") + (content.fill == nil ? "" : "<w:color w:val=\"FFFFFF\"/>") + "<w:sz w:val=\"18\"/></w:rPr>"
        let lines = content.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<w:t xml:space=\"preserve\">\(HTMLReport.escape(String($0)))</w:t>" }
        return out + (content.text.isEmpty ? "" : "<w:r>\(properties)" + lines.joined(separator: "<w:br/>") + "</w:r>") + "</w:p></w:tc>"
    }
}
