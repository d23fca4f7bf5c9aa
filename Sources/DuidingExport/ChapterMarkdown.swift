/// The report chapter as Markdown: the title (level 1), a section per question (level 2) with
/// the question, its base, the tables per variable and the quotes (level 3, themes level 4),
/// then the appendix (level 1, its tables level 2). Headings never skip a level. For Word the
/// tables are written as Word tables (OpenXML that pandoc passes through), so cells keep their
/// significance colours and the label column its width.
public enum ChapterMarkdown {
    public enum Tables: Sendable {
        /// Pipe tables, for reading and for other Markdown tools.
        case pipe
        /// Raw OpenXML blocks for pandoc's Word writer.
        case word
    }

    public static func render(_ report: ReportDocument, tables: Tables = .pipe) -> String {
        var out = "# \(Markdown.cell(report.title))\n\n"
        for section in report.sections {
            out += "## \(Markdown.cell(section.heading))\n\n"
            if !section.questionText.isEmpty { out += "Vraag: “\(Markdown.cell(section.questionText))”\n\n" }
            out += "\(Markdown.escaped(section.base))\n\n"
            for table in section.tables {
                out += "### \(Markdown.cell(table.heading))\n\n"
                switch tables {
                case .pipe: out += pipe(table) + "\n" + table.notes.map { "_\(Markdown.cell($0))_" }.joined(separator: "  \n") + "\n\n"
                case .word: out += WordTable.openXML(table) + "\n" + WordTable.openXML(notes: table.notes) + "\n"
                }
            }
            if !section.quotes.isEmpty {
                out += "### Citaten\n\n"
                for theme in section.quotes { out += quotes(theme) }
                out += "_\(Markdown.escaped(report.quoteNote))_\n\n"
            }
        }
        if !report.appendix.isEmpty {
            out += "# \(ReportDocument.appendixTitle)\n\n"
            for summary in report.appendix {
                out += "## \(Markdown.cell(summary.title))\n\n" + (tables == .word ? WordTable.openXML(summary) : pipe(summary)) + "\n"
            }
        }
        return out
    }

    private static func pipe(_ table: ReportDocument.Table) -> String {
        var out = "| | " + table.columns.map { Markdown.cell($0.header) }.joined(separator: " | ") + " |\n"
        out += "|---|" + table.columns.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for row in table.rows {
            // A net in bold, its codes indented under it.
            let label = row.isNet ? "**\(Markdown.cell(row.label))**" : Markdown.cell(row.label)
            out += "| \(ReportDocument.indent(row.level))\(label) | " + row.cells.map { Markdown.cell($0.text) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private static func pipe(_ summary: ReportDocument.Summary) -> String {
        "| " + summary.header.map(Markdown.cell).joined(separator: " | ") + " |\n|"
            + summary.header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|\n"
            + summary.rows.map { "| " + $0.map(Markdown.cell).joined(separator: " | ") + " |\n" }.joined()
            + (summary.notes.isEmpty ? "" : "\n" + summary.notes.map { "_\(Markdown.cell($0))_" }.joined(separator: "  \n") + "\n")
    }

    private static func quotes(_ theme: ReportDocument.QuoteSection) -> String {
        var out = "#### \(Markdown.cell(theme.title))\n\n\(Markdown.escaped(theme.intro))\n\n"
        for q in theme.quotes {
            out += "- “\(indented(QuoteWriter.markdownEscaped(q.text)))”"
                + (q.attribution.isEmpty ? "" : " (\(QuoteWriter.markdownEscaped(q.attribution)))") + "\n"
            if !q.personalData.isEmpty {
                out += "  - _Let op: bevat mogelijk persoonsgegevens: \(Markdown.escaped(q.personalData.joined(separator: ", ")))"
                    + (q.redacted.map { "; voorstel: “\(indented(QuoteWriter.markdownEscaped($0), by: 4))”" } ?? "") + "_\n"
            }
        }
        return out + "\n"
    }

    /// Continuation lines of a list item, indented so they stay in the item.
    static func indented(_ text: String, by spaces: Int = 2) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + String(repeating: " ", count: spaces))
    }
}
