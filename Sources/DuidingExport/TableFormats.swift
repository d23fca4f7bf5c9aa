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
    /// Significance marks (from `ThemeTable.significance`); without them none are printed and
    /// CSV's `significance` stays empty.
    public var significance: TableSignificance?
    /// Below this unweighted base n a result is marked `*`, indicative (Markdown, text).
    public var smallBase: Int
    /// Below this unweighted base n the count is printed instead of a percentage (Markdown, text).
    public var minBase: Int

    /// Label of the row for units without any code.
    public static let noneLabel = "Geen van deze thema's"
    public static let noneCode = "geen"
    /// The report's note under a result on a small base.
    public static let smallBaseNote = "* Door het relatief kleine aantal waarnemingen is deze uitkomst indicatief."
    /// The report's legend for significance marks.
    public static let significanceLegend = "Blauw/▼: significant lager aandeel dan de andere groep(en); Rood/▲: significant hoger aandeel dan de andere groep(en)."

    public init(table: ThemeTable, codebook: Codebook, title: String = "", weightColumn: String? = nil,
                significance: TableSignificance? = nil, smallBase: Int = 50, minBase: Int = 10) {
        precondition(significance.map { $0.cells.count == table.rows.count } ?? true, "significance is of another table")
        self.table = table
        self.codebook = codebook
        self.title = title
        self.weightColumn = weightColumn
        self.significance = significance
        self.smallBase = smallBase
        self.minBase = minBase
    }

    func label(_ row: ThemeTable.Row) -> String {
        row.code.map { codebook.codes[$0].label } ?? row.net.map { codebook.nets[$0].label } ?? Self.noneLabel
    }
    func id(_ row: ThemeTable.Row) -> String { row.code.map { codebook.codes[$0].id } ?? row.net.map { codebook.nets[$0].id } ?? Self.noneCode }
    func kind(_ row: ThemeTable.Row) -> String { row.code != nil ? "code" : row.net != nil ? "net" : "none" }

    /// The id of the net a row sits in directly (in `codebook.tree`), "" at the top.
    func parent(_ row: ThemeTable.Row, in tree: CodeTree) -> String {
        (row.code.flatMap { tree.codeParent[$0] } ?? row.net.flatMap { tree.netParent[$0] }).map { codebook.nets[$0].id } ?? ""
    }

    /// A row's label in Markdown: a net's label in bold, its members indented under it by
    /// four no-break spaces a level (kept by Markdown, pandoc and Word alike).
    func markdownLabel(_ row: ThemeTable.Row) -> String {
        let label = Markdown.cell(label(row))
        return ReportDocument.indent(row.depth) + (row.net == nil ? label : "**\(label)**")
    }

    /// The significance mark of a cell; none where the base is too small to print a percentage.
    func direction(_ row: Int, _ column: Int) -> TableSignificance.Direction? {
        guard table.columns[column].baseN >= minBase else { return nil }
        return significance?.cells[row][column]?.direction
    }

    /// `variable,group,code,base_n,count,percent,significance,kind,net`, one line per cell;
    /// `significance` is `higher`, `lower` or empty; `kind` is `code`, `net` (`code` is then
    /// the net's id) or `none`; `net` is the net the row sits in, or empty.
    public func csv() -> String {
        var out = CSVWriter.row(["variable", "group", "code", "base_n", "count", "percent", "significance", "kind", "net"])
        let tree = codebook.tree
        for (r, row) in table.rows.enumerated() {
            let (id, kind, parent) = (id(row), kind(row), parent(row, in: tree))
            for (c, column) in table.columns.enumerated() {
                out += CSVWriter.spreadsheetRow([column.variable, column.group, id, String(column.baseN), String(row.counts[c]),
                                      formatPercent(row.percents[c], decimals: 1), direction(r, c)?.rawValue ?? "", kind, parent])
            }
        }
        return out
    }

    func header(_ column: ThemeTable.Column) -> String {
        ReportDocument.Column(group: column.group, baseN: column.baseN).header
    }

    /// A printed cell: the percentage (or below `minBase` the count), ▲/▼ when significantly
    /// higher/lower, `*` on a small base.
    func cell(_ r: Int, _ c: Int) -> String {
        let baseN = table.columns[c].baseN
        var text = baseN < minBase ? String(table.rows[r].counts[c]) : formatPercent(table.rows[r].percents[c], decimals: 0) + "%"
        switch direction(r, c) {
        case .higher: text += "▲"
        case .lower: text += "▼"
        case nil: break
        }
        if baseN < smallBase, baseN >= minBase { text += "*" }
        return text
    }

    /// Notes under the table with these columns.
    func notes(_ columns: [Int]) -> [String] {
        var notes = ["Meerdere thema's per antwoord mogelijk; kolommen tellen niet op tot 100%."]
        notes.append(weightColumn.map { "Gewogen percentages (gewicht: «\($0)»); n = ongewogen aantal." } ?? "Ongewogen percentages; n = aantal respondenten.")
        let bases = columns.map { table.columns[$0].baseN }
        if bases.contains(where: { $0 < smallBase && $0 >= minBase }) { notes.append(Self.smallBaseNote) }
        if bases.contains(where: { $0 < minBase }) {
            notes.append("Bij minder dan \(formatCount(minBase)) waarnemingen staat het ongewogen aantal in plaats van een percentage.")
        }
        if let significance {
            notes.append(Self.significanceLegend)
            let alpha = "α = " + String(significance.alpha).replacingOccurrences(of: ".", with: ",")
            let test = "Elke groep is getoetst tegen de andere groepen van dezelfde variabele samen (z-toets voor twee proporties"
                + (weightColumn == nil ? "" : ", gewogen, met de effectieve steekproefomvang van Kish") + "), \(alpha), "
            notes.append(test + (significance.holm
                ? "met Holm-correctie over alle \(significance.testCount) toetsen van de uitsplitsingen samen."
                : "zonder correctie voor meervoudig toetsen."))
        }
        return notes
    }

    /// One Markdown table per variable, each with the Totaal column first.
    public func markdown() -> String {
        var out = title.isEmpty ? "" : "## \(Markdown.cell(title))\n\n"
        for variable in variables {
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            out += "### \(Markdown.cell(heading(variable)))\n\n"
            out += "| | " + indices.map { Markdown.cell(header(table.columns[$0])) }.joined(separator: " | ") + " |\n"
            out += "|---|" + indices.map { _ in "---:" }.joined(separator: "|") + "|\n"
            for (r, row) in table.rows.enumerated() {
                out += "| \(markdownLabel(row)) | " + indices.map { Markdown.cell(cell(r, $0)) }
                    .joined(separator: " | ") + " |\n"
            }
            out += "\n" + notes(indices).map { "_\(Markdown.cell($0))_" }.joined(separator: "  \n") + "\n\n"
        }
        return out
    }

    /// Aligned columns for the terminal.
    public func text() -> String {
        var out = title.isEmpty ? "" : "\(title)\n\n"
        for variable in variables {
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            var lines = [[variableLabel(variable)] + indices.map { header(table.columns[$0]) }]
            for (r, row) in table.rows.enumerated() {
                lines.append([String(repeating: "  ", count: row.depth) + label(row)] + indices.map { cell(r, $0) })
            }
            let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
            for line in lines {
                out += line.enumerated().map { c, cell in
                    c == 0 ? cell.padding(to: widths[c]) : cell.leftPadding(to: widths[c])
                }.joined(separator: "  ") + "\n"
            }
            out += "\n"
        }
        return out + notes(Array(table.columns.indices)).joined(separator: "\n") + "\n"
    }

    /// A variable's label, else its name.
    func variableLabel(_ variable: String) -> String {
        table.columns.first { $0.variable == variable }?.variableLabel ?? variable
    }

    /// The heading of a variable's table: "Naar Geslacht".
    func heading(_ variable: String) -> String { "Naar " + variableLabel(variable) }

    var variables: [String] {
        var seen: [String] = []
        for c in table.columns where !c.variable.isEmpty && !seen.contains(c.variable) { seen.append(c.variable) }
        return seen.isEmpty ? [""] : seen
    }
}

/// A percentage with a decimal comma is what Dutch reports print, but CSV keeps a point.
func formatPercent(_ value: Double, decimals: Int) -> String {
    let scale = decimals == 0 ? 1.0 : 10.0
    let rounded = (value * scale).rounded() / scale
    return String(fixed: rounded, decimals: decimals)
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

