import DuidingAnalysis

/// `duiding screen`'s output: a line per finding for people, or CSV for a spreadsheet.
public enum ScreenReport {
    public static let csvHeader = ["id", "kind", "risk", "reason", "utf16_start", "utf16_end", "text", "placeholder", "redacted"]

    /// One row per finding (fields a spreadsheet would run start with an apostrophe).
    public static func csv(_ results: [ScreenedText]) -> String {
        var out = CSVWriter.row(csvHeader)
        for result in results {
            let redacted = result.redacted
            for f in result.findings {
                out += CSVWriter.spreadsheetRow([result.unitID, f.kind.rawValue, f.risk.label, f.reason, String(f.utf16Range.lowerBound),
                                                 String(f.utf16Range.upperBound), result.text(of: f), f.kind.placeholder, redacted])
            }
        }
        return out
    }

    /// Per answer: its id and place, each finding (kind, risk and why, offsets, text), the proposal.
    public static func text(_ results: [ScreenedText], screened: Int) -> String {
        var out = "\(results.count) of \(screened) answers contain possible personal data\n"
        for result in results {
            out += "\n\(result.unitID) (\(result.file):\(result.line))\n"
            for f in result.findings {
                out += "  \(f.kind.rawValue) [\(f.risk.label): \(f.reason)] \(f.utf16Range.lowerBound)..<\(f.utf16Range.upperBound) «\(result.text(of: f))»\n"
            }
            out += "  voorstel: \(result.redacted)\n"
        }
        return out
    }
}
