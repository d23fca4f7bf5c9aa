import Foundation

/// A CSV (or TSV) file in memory, as UTF-8, with its header and detected delimiter.
/// Records are read in chunks that can be parsed on separate threads; every record knows
/// the line it starts on, so problems are reported as `file:line`.
public struct CSVFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    public let delimiter: UInt8
    public let header: [String]
    /// What was noticed while reading (e.g. the encoding that was assumed).
    public let notes: [String]
    let bodyStart: Int
    let bodyLine: Int

    /// A part of a file read by `CSVFile.Reader`: the header and a run of whole records.
    init(part bytes: [UInt8], of reader: Reader, firstLine: Int) {
        self.path = reader.path
        self.bytes = bytes
        self.delimiter = reader.delimiter
        self.header = reader.header
        self.notes = []
        self.bodyStart = 0
        self.bodyLine = firstLine
    }

    /// A run of whole records, starting at `firstLine`.
    public struct Chunk: Sendable {
        public let byteRange: Range<Int>
        public let firstLine: Int
    }

    /// One field of a record, as a byte range into `bytes`.
    public struct Field: Sendable {
        public let range: Range<Int>
        /// The field was quoted and contains doubled quotes that must be undone.
        public let hasEscapes: Bool
    }

    public static func load(path: String) throws -> CSVFile {
        try CSVFile(path: path, raw: InputLimits.read(path))
    }

    public init(path: String, raw: [UInt8]) throws {
        let decoded = try TextEncoding.toUTF8(raw, file: path)
        let bytes = decoded.bytes
        self.path = path
        self.bytes = bytes
        self.notes = decoded.note.map { [$0] } ?? []
        guard bytes.contains(where: { !isSpaceByte($0) }) else {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "the file is empty; it needs a header row and answers")])
        }
        let delimiter = Self.detectDelimiter(bytes)
        self.delimiter = delimiter
        var position = 0
        var line = 1
        let header = try Self.parseHeader(bytes, delimiter: delimiter, end: bytes.count, position: &position, line: &line, file: path)
        self.header = header
        self.bodyStart = position
        self.bodyLine = line
    }

    /// The header record at the start of `bytes`, checked: no empty or repeated column names.
    static func parseHeader(_ bytes: [UInt8], delimiter: UInt8, end: Int, position: inout Int, line: inout Int,
                            file path: String) throws -> [String] {
        var fields: [Field] = []
        var problems: [InputProblem] = []
        let headerLine = line
        parseRecord(bytes, delimiter: delimiter, from: &position, end: end, line: &line, into: &fields,
                    problem: { problems.append(InputProblem(file: path, line: headerLine, message: $0)) })
        if !problems.isEmpty { throw InvalidInput(problems) }
        let header = fields.map { string(bytes, $0).trimmingCharacters(in: .whitespaces) }
        var seen: Set<String> = []
        for name in header {
            if name.isEmpty { problems.append(InputProblem(file: path, line: 1, message: "the header has an empty column name")) }
            else if !seen.insert(name).inserted {
                problems.append(InputProblem(file: path, line: 1, message: "column `\(name)` appears twice in the header"))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return header
    }

    /// The index of a column, or a problem naming the columns there are.
    public func column(_ name: String, option: String) throws -> Int {
        try Self.column(name, option: option, header: header, path: path)
    }

    static func column(_ name: String, option: String, header: [String], path: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InvalidInput([InputProblem(
                file: path, line: 1,
                message: "no column `\(name)`; the columns are \(header.map { "`\($0)`" }.joined(separator: ", ")); choose one with \(option)")])
        }
        return index
    }

    /// Splits the records after the header into chunks of about `targetBytes` each.
    public func chunks(targetBytes: Int = 1 << 20) -> [Chunk] {
        var chunks: [Chunk] = []
        var ends = RecordEnds(delimiter: delimiter)
        var start = bodyStart
        var line = bodyLine
        bytes.withUnsafeBufferPointer { b in
            var i = bodyStart
            while i < b.count {
                i = ends.scan(b, from: i, last: true) { end, lines in
                    guard end - start >= targetBytes else { return false }
                    chunks.append(Chunk(byteRange: start..<end, firstLine: line))
                    line += lines
                    start = end
                    return true
                }
            }
        }
        if start < bytes.count { chunks.append(Chunk(byteRange: start..<bytes.count, firstLine: line)) }
        return chunks
    }

    /// All records after the header, as one chunk.
    public var body: Chunk { Chunk(byteRange: bodyStart..<bytes.count, firstLine: bodyLine) }

    /// Calls `body(line, fields)` for each record of a chunk that has as many fields as the
    /// header; other records, and blank lines, are reported through `problem` or skipped.
    public func forEachRecord(in chunk: Chunk, problem: (InputProblem) -> Void,
                              _ body: (_ line: Int, _ fields: [Field]) throws -> Void) rethrows {
        var fields: [Field] = []
        var position = chunk.byteRange.lowerBound
        var line = chunk.firstLine
        while position < chunk.byteRange.upperBound {
            let recordLine = line
            var failed = false
            Self.parseRecord(bytes, delimiter: delimiter, from: &position, end: chunk.byteRange.upperBound, line: &line,
                             into: &fields, problem: { message in
                                 failed = true
                                 problem(InputProblem(file: path, line: recordLine, message: message))
                             })
            if failed { continue }
            if fields.count == 1 && fields[0].range.allSatisfy({ isSpaceByte(bytes[$0]) }) { continue }  // blank line
            if let big = fields.first(where: { $0.range.count > InputLimits.fieldBytes }) {
                problem(InputProblem(file: path, line: recordLine, message: InputLimits.tooLarge(big.range.count, what: "a field of this row")))
                continue
            }
            guard fields.count == header.count else {
                problem(InputProblem(file: path, line: recordLine,
                                     message: "this row has \(fields.count) fields but the header has \(header.count) (a missing quote or an extra `\(Character(Unicode.Scalar(delimiter)))`?)"))
                continue
            }
            try body(recordLine, fields)
        }
    }

    /// All records as strings, with their lines; problems are collected and thrown together.
    public func allRecords() throws -> [(line: Int, values: [String])] {
        let (rows, problems) = readAll()
        if !problems.isEmpty { throw InvalidInput(problems) }
        return rows
    }

    /// All good records as strings, with their lines, and the problems of the bad ones.
    public func readAll() -> (rows: [(line: Int, values: [String])], problems: [InputProblem]) {
        var rows: [(line: Int, values: [String])] = []
        var problems: [InputProblem] = []
        for chunk in chunks() {
            forEachRecord(in: chunk, problem: { problems.append($0) }) { line, fields in
                rows.append((line, fields.map { Self.string(bytes, $0) }))
            }
        }
        return (rows, problems)
    }

    /// A field's text.
    public func string(_ field: Field) -> String { Self.string(bytes, field) }

    /// A field's text without leading and trailing spaces and tabs.
    public func trimmedString(_ field: Field) -> String { string(field).trimmingWhitespace }

    /// Calls `body` with a field's UTF-8 bytes (escaped quotes undone), without copying
    /// unless the field has escapes.
    public func withBytes<R>(_ field: Field, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if field.hasEscapes {
            let unescaped = Self.unescape(bytes[field.range])
            return try unescaped.withUnsafeBytes(body)
        }
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[field.range])) }
    }

    static func string(_ bytes: [UInt8], _ field: Field) -> String {
        field.hasEscapes ? String(decoding: unescape(bytes[field.range]), as: UTF8.self)
            : String(decoding: bytes[field.range], as: UTF8.self)
    }

    private static func unescape(_ slice: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var previousQuote = false
        for b in slice {
            if b == 0x22 && previousQuote { previousQuote = false; continue }
            previousQuote = b == 0x22
            out.append(b)
        }
        return out
    }

    /// Parses one record starting at `position` (RFC 4180: quoted fields may hold
    /// delimiters, doubled quotes and line breaks; CRLF and LF both end a record).
    static func parseRecord(_ bytes: [UInt8], delimiter: UInt8, from position: inout Int, end: Int, line: inout Int,
                            into fields: inout [Field], problem: (String) -> Void) {
        fields.removeAll(keepingCapacity: true)
        bytes.withUnsafeBufferPointer { b in
            var i = position
            while true {
                if i < end && b[i] == 0x22 {
                    let openLine = line
                    let start = i + 1
                    var j = start
                    var escapes = false
                    var closed = false
                    while j < end {
                        if b[j] == 0x22 {
                            if j + 1 < end && b[j + 1] == 0x22 { escapes = true; j += 2; continue }
                            closed = true
                            break
                        }
                        if b[j] == 0x0A { line += 1 }
                        j += 1
                    }
                    guard closed else {
                        problem("a quoted field opened on line \(openLine) is never closed")
                        position = end
                        return
                    }
                    fields.append(Field(range: start..<j, hasEscapes: escapes))
                    i = j + 1
                    if i < end && b[i] != delimiter && b[i] != 0x0A && b[i] != 0x0D {
                        problem("unexpected text after a closing quote; quotes inside a quoted field must be doubled (\"\")")
                        while i < end && b[i] != 0x0A { i += 1 }
                        if i < end { i += 1; line += 1 }
                        position = i
                        return
                    }
                } else {
                    let start = i
                    while i < end && b[i] != delimiter && b[i] != 0x0A { i += 1 }
                    var stop = i
                    if stop > start && b[stop - 1] == 0x0D && (i == end || b[i] == 0x0A) { stop -= 1 }
                    fields.append(Field(range: start..<stop, hasEscapes: false))
                }
                if i < end && b[i] == delimiter { i += 1; continue }
                if i < end && b[i] == 0x0D { i += 1 }
                if i < end && b[i] == 0x0A { i += 1; line += 1 }
                position = i
                return
            }
        }
    }

    /// The most frequent of `,`, `;` and tab outside quotes on the first line.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        for b in bytes[..<(firstLineEnd(bytes) ?? bytes.count)] {
            if b == 0x22 { inQuotes.toggle() }
            else if !inQuotes, counts[b] != nil { counts[b, default: 0] += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != 0x2C && $1.key == 0x2C) }
        if let best, best.value > 0 { return best.key }
        return 0x2C
    }

    /// Where the first line ends for `detectDelimiter`: the first line feed outside quotes.
    static func firstLineEnd(_ bytes: [UInt8]) -> Int? {
        var inQuotes = false
        for (i, b) in bytes.enumerated() {
            if b == 0x22 { inQuotes.toggle() } else if b == 0x0A && !inQuotes { return i }
        }
        return nil
    }
}

@inline(__always) func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
