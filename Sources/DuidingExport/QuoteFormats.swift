import DuidingAnalysis
import DuidingCodebook

/// Writes quotes per theme as Markdown in the report's style, or as CSV.
public struct QuoteWriter {
    public let quotes: [[Quote]]
    public let codebook: Codebook
    /// Units per code (for the sentence that introduces each theme) and in total.
    public let unitsWithCode: [Int]
    public let unitCount: Int

    public init(quotes: [[Quote]], codebook: Codebook, unitsWithCode: [Int], unitCount: Int) {
        self.quotes = quotes
        self.codebook = codebook
        self.unitsWithCode = unitsWithCode
        self.unitCount = unitCount
    }

    /// Themes ordered by how often they are mentioned, each with one sentence and its quotes
    /// as bullets in Dutch quotation marks, attribution in parentheses.
    public func markdown() -> String {
        var out = "# Citaten per thema\n\n"
        let order = codebook.codes.indices.sorted { (unitsWithCode[$0], -$0) > (unitsWithCode[$1], -$1) }
        for code in order {
            let c = codebook.codes[code]
            out += "## \(c.label)\n\n"
            let share = unitCount > 0 ? Int((100 * Double(unitsWithCode[code]) / Double(unitCount)).rounded()) : 0
            out += "\(c.label) komt naar voren in \(formatCount(unitsWithCode[code])) van de \(formatCount(unitCount)) eenheden (\(share)%)."
            out += quotes[code].isEmpty ? " Er is geen geschikt citaat gevonden.\n\n" : " Een aantal citaten:\n\n"
            for q in quotes[code] {
                let text = Self.markdownEscaped(q.text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
                out += "- “\(text)”" + (q.attribution.isEmpty ? "" : " (\(Self.markdownEscaped(q.attribution)))") + "\n"
            }
            out += "\n"
        }
        out += "_Uitkomsten uit een open vraag zijn kwalitatief en inventariserend van aard. Ze kunnen niet geëxtrapoleerd worden naar de volledige groep._\n"
        return out
    }

    /// `code,id,quote,why`.
    public func csv() -> String {
        var out = CSVWriter.row(["code", "id", "quote", "why"])
        for (code, list) in quotes.enumerated() {
            for q in list { out += CSVWriter.row([codebook.codes[code].id, q.unitID, q.text, q.why]) }
        }
        return out
    }

    /// Shows the text as written: characters Markdown would interpret are escaped, so
    /// `<script>` or `*` in an answer render literally. The text itself is not changed.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|": out += "\\\(ch)"
            case "&": out += "&amp;"
            default: out.append(ch)
            }
        }
        return out.replacingOccurrences(of: "\\[...\\]", with: "[...]")
    }
}
