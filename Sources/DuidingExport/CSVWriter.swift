import DuidingText

/// RFC 4180 CSV output: fields with a comma, quote or line break are quoted, quotes doubled.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    public static func row(_ values: [String]) -> String {
        var out = ""
        appendRow(values, to: &out)
        return out
    }

    /// A row for a file meant to be opened in a spreadsheet: fields that a spreadsheet would
    /// run as a formula get a leading apostrophe (see `SpreadsheetFormula`).
    public static func spreadsheetRow(_ values: [String]) -> String {
        row(values.map(SpreadsheetFormula.protect))
    }

    /// Appends a row to `out` (the fast path for large outputs).
    public static func appendRow(_ values: [String], to out: inout String) {
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            append(value, to: &out)
        }
        out += "\n"
    }

    /// Appends one field, quoted if it needs to be (the fast path for large outputs).
    public static func append(_ value: String, to out: inout String) {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out += value
            return
        }
        out += "\""
        out += value.replacingOccurrences(of: "\"", with: "\"\"")
        out += "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
