import DuidingAnalysis
import DuidingCodebook

/// Writes theme tables as CSV (a stable, long format for other tools), Markdown and plain text.
public struct ThemeTableWriter {
    public let table: ThemeTable
    public let codebook: Codebook
    /// Title over the table, e.g. the question.
    public var title: String
    /// The weight column, if percentages are weighted.
    public var weightColumn: String?

    /// Label of the row for units without any code.
    public static let noneLabel = "Geen van deze thema's"
    public static let noneCode = "geen"

    public init(table: ThemeTable, codebook: Codebook, title: String = "", weightColumn: String? = nil) {
        self.table = table
        self.codebook = codebook
        self.title = title
        self.weightColumn = weightColumn
    }

    private func label(_ row: ThemeTable.Row) -> String { row.code.map { codebook.codes[$0].label } ?? Self.noneLabel }
    private func id(_ row: ThemeTable.Row) -> String { row.code.map { codebook.codes[$0].id } ?? Self.noneCode }

    /// `variable,group,code,base_n,count,percent,significance`, one line per cell.
    public func csv() -> String {
        var out = CSVWriter.row(["variable", "group", "code", "base_n", "count", "percent", "significance"])
        for row in table.rows {
            for (c, column) in table.columns.enumerated() {
                out += CSVWriter.row([column.variable, column.group, id(row), String(column.baseN), String(row.counts[c]),
                                      formatPercent(row.percents[c], decimals: 1), ""])
            }
        }
        return out
    }

    private func header(_ column: ThemeTable.Column) -> String {
        "\(column.group) (n=\(formatCount(column.baseN)))"
    }

    private var notes: [String] {
        var notes = ["Meerdere thema's per antwoord mogelijk; kolommen tellen niet op tot 100%."]
        notes.append(weightColumn.map { "Gewogen percentages (gewicht: `\($0)`); n = ongewogen aantal." } ?? "Ongewogen percentages; n = aantal eenheden.")
        return notes
    }

    /// One Markdown table per variable, each with the Totaal column first.
    public func markdown() -> String {
        var out = title.isEmpty ? "" : "## \(title)\n\n"
        for variable in variables {
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            out += "### Naar \(variable)\n\n"
            out += "| | " + indices.map { header(table.columns[$0]) }.joined(separator: " | ") + " |\n"
            out += "|---|" + indices.map { _ in "---:" }.joined(separator: "|") + "|\n"
            for row in table.rows {
                out += "| \(label(row)) | " + indices.map { formatPercent(row.percents[$0], decimals: 0) + "%" }.joined(separator: " | ") + " |\n"
            }
            out += "\n" + notes.map { "_\($0)_" }.joined(separator: " ") + "\n\n"
        }
        return out
    }

    /// Aligned columns for the terminal.
    public func text() -> String {
        var out = title.isEmpty ? "" : "\(title)\n\n"
        for variable in variables {
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            var lines = [[variable] + indices.map { header(table.columns[$0]) }]
            for row in table.rows {
                lines.append([label(row)] + indices.map { formatPercent(row.percents[$0], decimals: 0) + "%" })
            }
            let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
            for line in lines {
                out += line.enumerated().map { c, cell in
                    c == 0 ? cell.padding(to: widths[c]) : cell.leftPadding(to: widths[c])
                }.joined(separator: "  ") + "\n"
            }
            out += "\n"
        }
        return out + notes.joined(separator: " ") + "\n"
    }

    private var variables: [String] {
        var seen: [String] = []
        for c in table.columns where !c.variable.isEmpty && !seen.contains(c.variable) { seen.append(c.variable) }
        return seen.isEmpty ? [""] : seen
    }
}

/// A percentage with a decimal comma is what Dutch reports print, but CSV keeps a point.
func formatPercent(_ value: Double, decimals: Int) -> String {
    let scale = decimals == 0 ? 1.0 : 10.0
    let rounded = (value * scale).rounded() / scale
    return decimals == 0 ? String(Int(rounded)) : String(format1: rounded)
}

/// 1082 → "1.082", as the report writes counts.
func formatCount(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
        out.append(d)
    }
    return out
}

extension String {
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }

    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
