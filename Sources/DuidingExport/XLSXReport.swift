/// Writes the report as a spreadsheet: per question a sheet of its theme tables formatted as in
/// the report (percentages with ▲/▼ and `*` in the number format, red/blue significance, counts
/// below the minimum base marked "(aantal)", n in the header, notes and legend below), a sheet
/// of quotes, and a sheet per table of the appendix.
public enum XLSXReport {
    public static func write(_ report: ReportDocument, to path: String) throws {
        let book = try XLSXWorkbook(path: path)
        for section in report.sections {
            try book.addSheet(report.sections.count == 1 ? "Thema's" : "Thema's \(section.name.isEmpty ? section.heading : section.name)")
            try book.setWidth(40, columns: 0...0)
            try book.setWidth(16, columns: 1...40)
            var row = 0
            try book.write(report.title, row: row, column: 0, style: .bold)
            row += 1
            for line in [section.heading, section.questionText.isEmpty ? "" : "Vraag: “\(section.questionText)”", section.base] where !line.isEmpty {
                try book.write(line, row: row, column: 0, style: line == section.heading ? .bold : [])
                row += 1
            }
            row += 1
            for table in section.tables { row = try write(table, at: row, in: book) }
        }
        try book.addSheet("Citaten")
        try book.setWidth(18, columns: 0...2)
        try book.setWidth(80, columns: 3...3)
        try book.setWidth(24, columns: 4...6)
        for (c, header) in ["vraag", "thema", "id", "citaat", "toeschrijving", "waarom gekozen", "persoonsgegevens"].enumerated() {
            try book.write(header, row: 0, column: c, style: .bold)
        }
        var row = 1
        for section in report.sections {
            for theme in section.quotes {
                for q in theme.quotes {
                    for (c, value) in [section.name, theme.title, q.unitID, q.text, q.attribution, q.why, q.personalData.joined(separator: ";")].enumerated() {
                        try book.write(value, row: row, column: c, style: c == 3 ? .wrap : [])
                    }
                    row += 1
                }
            }
        }
        for summary in report.appendix {
            try book.addSheet(summary.title)
            try book.write(summary.title, row: 0, column: 0, style: .bold)
            for (c, header) in summary.header.enumerated() { try book.write(header, row: 2, column: c, style: .bold) }
            for (r, line) in summary.rows.enumerated() {
                for (c, value) in line.enumerated() {
                    // The appendix prints Dutch decimals (0,83); the sheet keeps them numbers.
                    if let number = Double(value.replacingOccurrences(of: ",", with: ".")) { try book.write(number, row: r + 3, column: c) }
                    else { try book.write(value, row: r + 3, column: c) }
                }
            }
        }
        try book.close()
    }

    /// One theme table from `row` on; returns the row after it.
    private static func write(_ table: ReportDocument.Table, at start: Int, in book: XLSXWorkbook) throws -> Int {
        var row = start
        try book.write(table.heading, row: row, column: 0, style: .bold)
        row += 1
        for (c, column) in table.columns.enumerated() { try book.write(column.header, row: row, column: c + 1, style: [.bold, .wrap]) }
        row += 1
        for line in table.rows {
            try book.write(String(repeating: "    ", count: line.level) + line.label, row: row, column: 0, style: line.isNet ? .bold : [])
            for (c, cell) in line.cells.enumerated() {
                var style: XLSXWorkbook.Style = []
                if cell.mark == .higher { style.insert(.red) }
                if cell.mark == .lower { style.insert(.blue) }
                if let percent = cell.percent {
                    style.insert(.percent)
                    if cell.small { style.insert(.starred) }
                    try book.write(percent / 100, row: row, column: c + 1, style: style)
                } else {
                    try book.write(Double(cell.count), row: row, column: c + 1, style: style.union(.count))
                }
            }
            row += 1
        }
        for note in table.notes {
            try book.write(note, row: row, column: 0, style: .italic)
            row += 1
        }
        return row + 1
    }
}
