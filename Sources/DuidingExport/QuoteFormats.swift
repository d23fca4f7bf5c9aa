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
    public func markdown(title: String = "Citaten per thema") -> String {
        var out = "# \(title)\n\n"
        let flagged = quotes.joined().filter { !$0.personalData.isEmpty }.count
        if flagged > 0 {
            out += "_\(flagged == 1 ? "1 citaat bevat" : "\(flagged) citaten bevatten") mogelijk persoonsgegevens (gemarkeerd met “Let op”). "
            out += "De citaten staan er letterlijk; controleer ze en neem zo nodig het voorstel over vóór publicatie._\n\n"
        }
        let small = quotes.joined().filter { $0.attributionRisk?.flagged == true }.count
        if small > 0 {
            out += "_\(small == 1 ? "1 citaat heeft een toeschrijving" : "\(small) citaten hebben een toeschrijving") die weinig respondenten delen "
            out += "(gemarkeerd met “Let op: kleine groep”, met een grovere toeschrijving als voorstel)._\n\n"
        }
        for code in order {
            out += "## \(Markdown.cell(codebook.codes[code].label))\n\n\(Markdown.escaped(intro(code)))\n\n"
            for q in quotes[code] {
                out += "- “\(ChapterMarkdown.indented(Self.markdownEscaped(q.text)))”" + (q.attribution.isEmpty ? "" : " (\(Self.markdownEscaped(q.attribution)))") + "\n"
                if let proposal = q.proposedRedaction {
                    let kinds = q.personalDataKinds.map(\.label).joined(separator: ", ")
                    out += "  - _Let op: bevat mogelijk persoonsgegevens: \(kinds); voorstel: “\(ChapterMarkdown.indented(Self.markdownEscaped(proposal), by: 4))”_\n"
                }
                if let risk = q.attributionRisk, risk.flagged {
                    out += "  - _Let op: kleine groep: \(Self.markdownEscaped(risk.note))_\n"
                }
            }
            out += "\n"
        }
        out += "_\(Self.openAnswerNote)_\n"
        return out
    }

    /// The report's footnote on open answers.
    public static let openAnswerNote = "Uitkomsten uit een open vraag zijn kwalitatief en inventariserend van aard. Ze kunnen niet geëxtrapoleerd worden naar de volledige groep."

    /// Code indices, most mentioned first.
    var order: [Int] { codebook.codes.indices.sorted { (unitsWithCode[$0], -$0) > (unitsWithCode[$1], -$1) } }

    /// The sentence that introduces a theme.
    func intro(_ code: Int) -> String {
        let label = codebook.codes[code].label
        let share = unitCount > 0 ? Int((100 * Double(unitsWithCode[code]) / Double(unitCount)).rounded()) : 0
        return "\(label) komt naar voren in \(formatCount(unitsWithCode[code])) van de \(formatCount(unitCount)) antwoorden (\(share)%)."
            + (quotes[code].isEmpty ? " Er is geen geschikt citaat gevonden." : " Een aantal citaten:")
    }

    /// `code,id,quote,why,personal_data,attribution,group_size,coarser_attribution`;
    /// `personal_data` lists the kinds of personal data found (`email;phone`), empty for a clean
    /// quote; `group_size` is how many respondents share the attribution (empty when not
    /// assessed), `coarser_attribution` the proposal when that is too few.
    public func csv() -> String {
        CSVWriter.row(Self.csvHeader) + csvRows().map(CSVWriter.spreadsheetRow).joined()
    }

    public static let csvHeader = ["code", "id", "quote", "why", "personal_data", "attribution", "group_size", "coarser_attribution"]

    /// The rows of `csv()` without its header.
    public func csvRows() -> [[String]] {
        quotes.enumerated().flatMap { code, list in
            list.map {
                [codebook.codes[code].id, $0.unitID, $0.text, $0.why, $0.personalDataKinds.map(\.rawValue).joined(separator: ";"),
                 $0.attribution, $0.attributionRisk.map { String($0.groupSize) } ?? "",
                 $0.attributionRisk.map { $0.flagged ? ($0.coarser.map { $0.isEmpty ? "geen toeschrijving" : $0 } ?? "") : "" } ?? ""]
            }
        }
    }

    /// A quote as written, escaped for Markdown; the report's elisions `[...]` stay visible as such.
    static func markdownEscaped(_ text: String) -> String {
        Markdown.escaped(text).replacingOccurrences(of: "\\[...\\]", with: "[...]")
    }
}
