import DuidingAnalysis
import DuidingCodebook

/// Writes the co-occurrence of codes as CSV (one line per ordered pair of codes, the same code
/// twice giving the units with that code), or as a matrix in Markdown and plain text.
public struct CoOccurrenceWriter {
    public let matrix: CoOccurrence
    public let codebook: Codebook

    public init(matrix: CoOccurrence, codebook: Codebook) {
        precondition(matrix.counts.count == codebook.codes.count, "co-occurrence of another codebook")
        self.matrix = matrix
        self.codebook = codebook
    }

    private var codes: Range<Int> { codebook.codes.indices }

    /// `code_a,code_b,count,percent_of_units,percent_of_code_a`.
    public func csv() -> String {
        var out = CSVWriter.row(["code_a", "code_b", "count", "percent_of_units", "percent_of_code_a"])
        for a in codes {
            for b in codes {
                out += CSVWriter.row([codebook.codes[a].id, codebook.codes[b].id, String(matrix.counts[a][b]),
                                      formatPercent(matrix.percentOfUnits(a, b), decimals: 1),
                                      formatPercent(matrix.percentOfCodeA(a, b), decimals: 1)])
            }
        }
        return out
    }

    /// Row code a, column code b: units with both and their share of the units with a; the
    /// diagonal gives the units with a.
    private func cell(_ a: Int, _ b: Int) -> String {
        a == b ? "(\(formatCount(matrix.counts[a][a])))"
            : "\(formatCount(matrix.counts[a][b])) (\(formatPercent(matrix.percentOfCodeA(a, b), decimals: 0))%)"
    }

    private var note: String {
        "Per cel: antwoorden met beide thema's (aandeel van de antwoorden met het thema van de rij). "
            + "Diagonaal: antwoorden met het thema. Ongewogen; \(formatCount(matrix.unitCount)) antwoorden in totaal."
    }

    public func markdown() -> String {
        var out = "## Samen voorkomende thema's\n\n"
        out += "| | " + codes.map { Markdown.cell(codebook.codes[$0].id) }.joined(separator: " | ") + " |\n"
        out += "|---|" + codes.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for a in codes {
            out += "| \(Markdown.cell(codebook.codes[a].label)) | " + codes.map { Markdown.cell(cell(a, $0)) }.joined(separator: " | ") + " |\n"
        }
        return out + "\n_\(Markdown.cell(note))_\n"
    }

    /// Aligned columns for the terminal.
    public func text() -> String {
        var lines = [[""] + codes.map { codebook.codes[$0].id }]
        for a in codes { lines.append([codebook.codes[a].label] + codes.map { cell(a, $0) }) }
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for line in lines {
            out += line.enumerated().map { c, cell in
                c == 0 ? cell.padding(to: widths[c]) : cell.leftPadding(to: widths[c])
            }.joined(separator: "  ") + "\n"
        }
        return out + "\n" + note + "\n"
    }
}
