/// The parts of a report chapter, ready to render as HTML, XLSX or Word: theme tables per
/// variable, a bar chart per theme, the quotes per theme and optional summaries.
public struct ReportDocument: Sendable {
    public enum Mark: String, Sendable { case higher, lower }

    public struct Cell: Sendable {
        /// As printed (percentage or count, with `*` on a small base).
        public let text: String
        /// The percentage, or nil where a count is printed instead.
        public let percent: Double?
        public let count: Int
        public let mark: Mark?
    }

    /// A row of a theme table: a code, a net (a parent theme, its members follow one level
    /// deeper) or the row of units with none of the codes.
    public struct Row: Sendable {
        public let label: String
        /// Levels under nets: 0 at the top, 1 for a code of a net there, and so on.
        public let level: Int
        /// Cells, Totaal first.
        public let cells: [Cell]
        /// Whether the row is a net's (its members follow one level deeper).
        public var isNet = false

        /// The label indented by its level, for formats without styles of their own.
        public var indentedLabel: String { ReportDocument.indent(level) + label }
    }

    public struct Table: Sendable {
        /// The variable's name.
        public let variable: String
        /// Its heading: "Naar " and the variable's label, else its name.
        public let heading: String
        public let header: [String]
        public let rows: [Row]
        public let notes: [String]
    }

    /// Four no-break spaces per level: an indent that Markdown, pandoc, HTML and spreadsheets keep.
    public static func indent(_ depth: Int) -> String { String(repeating: "\u{00A0}", count: 4 * depth) }

    public struct Bar: Sendable {
        public let variable: String
        public let group: String
        public let percent: Double
        public let mark: Mark?
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

    /// A plain table such as the calibration or agreement summary.
    public struct Summary: Sendable {
        public let title: String
        public let header: [String]
        public let rows: [[String]]
        /// A line chart of the table (e.g. the learning curve), drawn in the HTML report.
        public let curve: Curve?

        public init(title: String, header: [String], rows: [[String]], curve: Curve? = nil) {
            self.title = title
            self.header = header
            self.rows = rows
            self.curve = curve
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
    public var tables: [Table]
    /// Per theme (code label) the bars of every group.
    public var charts: [(theme: String, bars: [Bar])]
    public var quotes: [QuoteSection]
    public var quoteNote: String
    public var summaries: [Summary]

    public init(title: String, tables: [Table], charts: [(theme: String, bars: [Bar])], quotes: [QuoteSection],
                quoteNote: String, summaries: [Summary] = []) {
        self.title = title
        self.tables = tables
        self.charts = charts
        self.quotes = quotes
        self.quoteNote = quoteNote
        self.summaries = summaries
    }
}
