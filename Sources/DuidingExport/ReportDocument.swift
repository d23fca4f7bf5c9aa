/// The parts of a report chapter, ready to render as Markdown, HTML, XLSX or Word: a section per
/// question (its text, base, theme tables per variable and quotes per theme) and an appendix
/// on the quality of the coding.
public struct ReportDocument: Sendable {
    public enum Mark: String, Sendable { case higher, lower }

    public struct Cell: Sendable {
        /// As printed (percentage or count, ▲/▼ when significant, `*` on a small base).
        public let text: String
        /// The percentage, or nil where the base is below the minimum and a count is printed instead.
        public let percent: Double?
        public let count: Int
        public let mark: Mark?
        /// Whether the base is small: the result is indicative (`*`).
        public let small: Bool
    }

    /// A row of a theme table: a code, a net (a parent theme; its members follow one level
    /// deeper) or the row of units with none of the codes.
    public struct Row: Sendable {
        public let label: String
        /// Levels under nets: 0 at the top, 1 for a code of a net there, and so on (printed indented).
        public let level: Int
        /// Totaal first, then the groups of the variable.
        public let cells: [Cell]
        /// Whether the row is a net's (its members follow one level deeper).
        public var isNet = false

        /// The label indented by its level, for formats without styles of their own.
        public var indentedLabel: String { ReportDocument.indent(level) + label }
    }

    /// Four no-break spaces per level: an indent that Markdown, pandoc, HTML and spreadsheets keep.
    public static func indent(_ depth: Int) -> String { String(repeating: "\u{00A0}", count: 4 * depth) }

    /// A column of a theme table: Totaal or a group of the variable.
    public struct Column: Sendable {
        public let group: String
        /// Unweighted number of respondents.
        public let baseN: Int

        /// "man (n=194)".
        public var header: String { "\(group) (n=\(formatCount(baseN)))" }
    }

    /// The themes split by one variable.
    public struct Table: Sendable {
        /// The variable's name (`geslacht`).
        public let variable: String
        /// Its heading: "Naar " and the variable's label, else its name.
        public let heading: String
        public let columns: [Column]
        public let rows: [Row]
        public let notes: [String]
    }

    public struct QuoteItem: Sendable {
        public let text: String
        public let attribution: String
        public let unitID: String
        public let why: String
        /// Kinds of personal data found, empty when none.
        public let personalData: [String]
        /// The quote with personal data replaced, when any was found.
        public let redacted: String?
    }

    public struct QuoteSection: Sendable {
        public let codeID: String
        public let title: String
        public let intro: String
        public let quotes: [QuoteItem]
    }

    /// One open question (or the interviews): what was asked, on what base, and what came out.
    public struct Section: Sendable {
        /// The question's short name (`effecten`); empty when the input has one unnamed question.
        public let name: String
        public let heading: String
        /// The question as asked, when known.
        public let questionText: String
        /// "Basis: 390 respondenten met een antwoord op deze vraag."
        public let base: String
        public let tables: [Table]
        public let quotes: [QuoteSection]

        public init(name: String, heading: String, questionText: String, base: String, tables: [Table], quotes: [QuoteSection]) {
            self.name = name
            self.heading = heading
            self.questionText = questionText
            self.base = base
            self.tables = tables
            self.quotes = quotes
        }

        /// A question's name heads its section ("Effecten"); the lone question of a file with
        /// one text column is headed by its codebook's name.
        public static func heading(_ name: String, alone: Bool, codebook: String) -> String {
            alone ? codebook : name.prefix(1).uppercased() + name.dropFirst()
        }

        /// "Basis: 390 respondenten met een antwoord op deze vraag." — or for the interviews
        /// "Basis: 16 interviews (120 antwoorden)."; `conditions` (`--where`) follow.
        public static func base(respondents: Int, answers: Int, interviews: Bool, conditions: [String]) -> String {
            let only = conditions.isEmpty ? "" : ", met " + conditions.joined(separator: " en ")
            if interviews {
                return "Basis: \(formatCount(respondents)) \(respondents == 1 ? "interview" : "interviews") "
                    + "(\(formatCount(answers)) \(answers == 1 ? "antwoord" : "antwoorden"))\(only)."
            }
            return "Basis: \(formatCount(respondents)) \(respondents == 1 ? "respondent" : "respondenten") met een antwoord op deze vraag\(only)."
        }
    }

    /// A plain table such as the calibration or agreement summary.
    public struct Summary: Sendable {
        public let title: String
        public let header: [String]
        public let rows: [[String]]
        /// A line chart of the table (e.g. the learning curve), drawn in the HTML report.
        public let curve: Curve?
        /// What the columns mean, printed under the table.
        public let notes: [String]

        public init(title: String, header: [String], rows: [[String]], curve: Curve? = nil, notes: [String] = []) {
            self.title = title
            self.header = header
            self.rows = rows
            self.curve = curve
            self.notes = notes
        }
    }

    /// Lines of values from 0 to 1 against a count (F1 against decisions).
    public struct Curve: Sendable {
        public let x: [Int]
        public let lines: [(name: String, values: [Double])]

        public init(x: [Int], lines: [(name: String, values: [Double])]) {
            self.x = x
            self.lines = lines
        }
    }

    public var title: String
    public var sections: [Section]
    public var quoteNote: String
    /// The appendix on the coding (calibration, agreement, learning), apart from the chapter.
    public var appendix: [Summary]

    /// The appendix's heading.
    public static let appendixTitle = "Bijlage: kwaliteit van de codering"

    public init(title: String, sections: [Section], quoteNote: String, appendix: [Summary] = []) {
        self.title = title
        self.sections = sections
        self.quoteNote = quoteNote
        self.appendix = appendix
    }
}
