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
    }

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    private var book: OpaquePointer?
    private let path: String

    public init(path: String) throws {
        guard let book = duiding_xlsx_open(path) else { throw WriteError(description: "\(path): cannot create the spreadsheet") }
        self.book = book
        self.path = path
    }

    deinit { if let book { _ = duiding_xlsx_close(book) } }

    public func addSheet(_ name: String) throws {
        try check(duiding_xlsx_add_sheet(try open(), String(name.prefix(31))))
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
