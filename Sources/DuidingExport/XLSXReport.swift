/// Writes the report as a spreadsheet: a sheet of theme tables formatted as in the report
/// (percentages, n in the header, red/blue significance, notes and legend below), a sheet of
/// quotes, and a sheet per summary.
public enum XLSXReport {
    public static func write(_ report: ReportDocument, to path: String) throws {
        let book = try XLSXWorkbook(path: path)
        try book.addSheet("Thema's")
        try book.setWidth(40, columns: 0...0)
        try book.setWidth(16, columns: 1...40)
        var row = 0
        try book.write(report.title, row: row, column: 0, style: .bold)
        row += 2
        for table in report.tables {
            try book.write(table.heading, row: row, column: 0, style: .bold)
            row += 1
            for (c, header) in table.header.enumerated() { try book.write(header, row: row, column: c + 1, style: [.bold, .wrap]) }
            row += 1
            for line in table.rows {
                try book.write(line.label, row: row, column: 0)
                for (c, cell) in line.cells.enumerated() {
                    var style: XLSXWorkbook.Style = []
                    if cell.mark == .higher { style.insert(.red) }
                    if cell.mark == .lower { style.insert(.blue) }
                    if let percent = cell.percent {
                        style.insert(.percent)
                        if cell.text.hasSuffix("*") { style.insert(.starred) }
                        try book.write(percent / 100, row: row, column: c + 1, style: style)
                    } else {
                        try book.write(Double(cell.count), row: row, column: c + 1, style: style)
                    }
                }
                row += 1
            }
            for note in table.notes {
                try book.write(note, row: row, column: 0, style: .italic)
                row += 1
            }
            row += 1
        }
        try book.addSheet("Citaten")
        try book.setWidth(18, columns: 0...1)
        try book.setWidth(80, columns: 2...2)
        try book.setWidth(24, columns: 3...5)
        for (c, header) in ["thema", "id", "citaat", "toeschrijving", "waarom gekozen", "persoonsgegevens"].enumerated() {
            try book.write(header, row: 0, column: c, style: .bold)
        }
        row = 1
        for section in report.quotes {
            for q in section.quotes {
                for (c, value) in [section.title, q.unitID, q.text, q.attribution, q.why, q.personalData.joined(separator: ";")].enumerated() {
                    try book.write(value, row: row, column: c, style: c == 2 ? .wrap : [])
                }
                row += 1
            }
        }
        for summary in report.summaries {
            try book.addSheet(summary.title)
            for (c, header) in summary.header.enumerated() { try book.write(header, row: 0, column: c, style: .bold) }
            for (r, line) in summary.rows.enumerated() {
                for (c, value) in line.enumerated() {
                    if let number = Double(value) { try book.write(number, row: r + 1, column: c) }
                    else { try book.write(value, row: r + 1, column: c) }
                }
            }
        }
        try book.close()
    }
}
