import DuidingAnalysis

/// Writes the tables of `duiding explore` as CSV (column names as quanteda's, full precision)
/// or as aligned text for the terminal (numbers rounded, a note on what was counted).
public enum ExploreWriter {
    public static let frequencyHeader = ["feature", "frequency", "rank", "docfreq"]
    public static let kwicHeader = ["docname", "from", "to", "pre", "keyword", "post", "pattern"]
    public static let collocationHeader = ["collocation", "count", "lambda", "z"]
    public static let keynessHeader = ["feature", "statistic", "p", "n_target", "n_reference"]

    // MARK: CSV

    public static func frequencyCSV(_ rows: [FeatureFrequency]) -> String {
        var out = CSVWriter.row(frequencyHeader)
        for r in rows { CSVWriter.appendRow([r.feature, String(r.frequency), String(r.rank), String(r.docfreq)], to: &out) }
        return out
    }

    public static func kwicCSV(_ rows: [KWICRow]) -> String {
        var out = CSVWriter.row(kwicHeader)
        for r in rows { CSVWriter.appendRow([r.docname, String(r.from), String(r.to), r.pre, r.keyword, r.post, r.pattern], to: &out) }
        return out
    }

    public static func collocationCSV(_ rows: [Collocation]) -> String {
        var out = CSVWriter.row(collocationHeader)
        for r in rows { CSVWriter.appendRow([r.collocation, String(r.count), number(r.lambda), number(r.z)], to: &out) }
        return out
    }

    public static func keynessCSV(_ result: KeynessResult) -> String {
        var out = CSVWriter.row(keynessHeader)
        for r in result.rows {
            CSVWriter.appendRow([r.feature, number(r.statistic), number(r.p), String(r.nTarget), String(r.nReference)], to: &out)
        }
        return out
    }

    /// Shortest text that reads back as the same double (`0.1`, `1.5e-07`).
    static func number(_ x: Double) -> String { "\(x)" }

    // MARK: Text

    public static func frequencyText(_ rows: [FeatureFrequency], note: String) -> String {
        aligned(frequencyHeader, rows.map { [$0.feature, String($0.frequency), String($0.rank), String($0.docfreq)] },
                rightAligned: [1, 2, 3]) + note + "\n"
    }

    public static func kwicText(_ rows: [KWICRow], note: String) -> String {
        aligned(["docname", "from", "to", "pre", "keyword", "post"],
                rows.map { [$0.docname, String($0.from), String($0.to), $0.pre, $0.keyword, $0.post] },
                rightAligned: [1, 2, 3]) + note + "\n"
    }

    public static func collocationText(_ rows: [Collocation], note: String) -> String {
        aligned(collocationHeader, rows.map { [$0.collocation, String($0.count), String(fixed: $0.lambda, decimals: 3), String(fixed: $0.z, decimals: 3)] },
                rightAligned: [1, 2, 3]) + note + "\n"
    }

    public static func keynessText(_ result: KeynessResult, note: String) -> String {
        aligned(keynessHeader, result.rows.map { [$0.feature, String(fixed: $0.statistic, decimals: 3), pValue($0.p), String($0.nTarget), String($0.nReference)] },
                rightAligned: [1, 2, 3, 4]) + note + "\n"
    }

    /// p rounded to 3 decimals, or `<0.001`.
    static func pValue(_ p: Double) -> String { p < 0.001 ? "<0.001" : String(fixed: p, decimals: 3) }

    /// Columns padded to their widest cell, two spaces apart; line breaks and tabs inside a cell
    /// become spaces so that every row stays on one line.
    static func aligned(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        let lines = [header] + rows.map { $0.map(oneLine) }
        let widths = header.indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for line in lines {
            let cells = line.enumerated().map { c, cell in
                rightAligned.contains(c) ? cell.leftPadding(to: widths[c]) : c == line.count - 1 ? cell : cell.padding(to: widths[c])
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        return out
    }

    private static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }
}
