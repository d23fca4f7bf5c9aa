import Foundation
import CXLSXWriter

/// A spreadsheet being written with libxlsxwriter. Write cells, then `close()`; the file
/// appears only when closing succeeds.
public final class XLSXWorkbook {
    public struct Style: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let bold = Style(rawValue: Int32(DUIDING_XLSX_BOLD))
        public static let italic = Style(rawValue: Int32(DUIDING_XLSX_ITALIC))
        /// Shows 0.45 as 45%.
        public static let percent = Style(rawValue: Int32(DUIDING_XLSX_PERCENT))
        public static let red = Style(rawValue: Int32(DUIDING_XLSX_RED))
        public static let blue = Style(rawValue: Int32(DUIDING_XLSX_BLUE))
        public static let wrap = Style(rawValue: Int32(DUIDING_XLSX_WRAP))
        /// With `.percent`: 45%* — a result on a small base.
        public static let starred = Style(rawValue: Int32(DUIDING_XLSX_STARRED))
        /// Shows 4 as "4 (aantal)": a count where the column has percentages.
        public static let count = Style(rawValue: Int32(DUIDING_XLSX_COUNT))
    }

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    private var book: OpaquePointer?
    private let path: String
    /// Names of the sheets so far.
    public private(set) var sheetNames: [String] = []

    public init(path: String) throws {
        guard let book = duiding_xlsx_open(path) else { throw WriteError(description: "\(path): cannot create the spreadsheet") }
        self.book = book
        self.path = path
    }

    deinit { if let book { _ = duiding_xlsx_close(book) } }

    /// Adds a sheet named as close to `title` as Excel allows (see `sheetName`); returns the name.
    @discardableResult
    public func addSheet(_ title: String) throws -> String {
        let name = Self.sheetName(title, taken: sheetNames)
        try check(duiding_xlsx_add_sheet(try open(), name))
        sheetNames.append(name)
        return name
    }

    /// A sheet name Excel accepts: without `[]:*?/\\`, not starting or ending with an apostrophe,
    /// at most 31 characters (a longer title is cut and ends in "…"), and unlike every name in
    /// `taken` (Excel ignores case): a repeated name gets " (2)", " (3)", ….
    public static func sheetName(_ title: String, taken: [String]) -> String {
        var base = String(title.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
        while base.hasPrefix("'") { base.removeFirst() }
        if base.isEmpty { base = "Blad" }
        let used = Set(taken.map { $0.lowercased() })
        var n = 1
        while true {
            let suffix = n == 1 ? "" : " (\(n))"
            var name = base
            if name.utf16.count + suffix.utf16.count > 31 {
                while name.utf16.count + suffix.utf16.count > 30 { name.removeLast() }
                name = name.trimmingCharacters(in: .whitespaces) + "…"
            }
            while name.hasSuffix("'") { name.removeLast() }
            name += suffix
            if !used.contains(name.lowercased()) { return name }
            n += 1
        }
    }

    public func write(_ text: String, row: Int, column: Int, style: Style = []) throws {
        try check(duiding_xlsx_string(try open(), Int32(row), Int32(column), text, style.rawValue))
    }

    public func write(_ number: Double, row: Int, column: Int, style: Style = []) throws {
        try check(duiding_xlsx_number(try open(), Int32(row), Int32(column), number, style.rawValue))
    }

    public func setWidth(_ width: Double, columns: ClosedRange<Int>) throws {
        try check(duiding_xlsx_column_width(try open(), Int32(columns.lowerBound), Int32(columns.upperBound), width))
    }

    /// Writes the file.
    public func close() throws {
        let book = try open()
        self.book = nil
        try check(duiding_xlsx_close(book))
    }

    private func open() throws -> OpaquePointer {
        guard let book else { throw WriteError(description: "\(path): the spreadsheet is already closed") }
        return book
    }

    private func check(_ code: Int32) throws {
        guard code == 0 else { throw WriteError(description: "\(path): \(String(cString: duiding_xlsx_error(code)))") }
    }
}
