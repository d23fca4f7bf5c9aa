/// Protection against spreadsheet formula injection in CSV files a researcher opens in Excel
/// or LibreOffice: a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would be run as a formula, so it gets a leading apostrophe (which spreadsheets read as
/// "this is text"). A field that already starts with an apostrophe gets one more, so that
/// `unprotect` gives back exactly what was written: the round trip stays exact.
public enum SpreadsheetFormula {
    /// The field as written to a CSV file meant for spreadsheets.
    public static func protect(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, triggers.contains(first) || first == "'" else { return field }
        return "'" + field
    }

    /// The field as it was before `protect`.
    public static func unprotect(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first,
              triggers.contains(second) || second == "'" else { return field }
        return String(field.dropFirst())
    }

    private static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
