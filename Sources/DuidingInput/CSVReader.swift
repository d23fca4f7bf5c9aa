import Foundation

/// Where records end: a line feed outside quotes. A quote opens a quoted field only at the
/// start of a field, so a stray quote inside an unquoted field (`5" scherm`) does not shift
/// the record boundaries. The state is kept between calls, so a file can be scanned as it is read.
struct RecordEnds {
    let delimiter: UInt8
    private var inQuotes = false
    private var atFieldStart = true
    private var lines = 0

    init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Scans `b[from...]` until `take(end, lines)` takes a record end (`end` is the offset after
    /// its line feed, `lines` the line feeds since the previous record end taken) and returns
    /// the offset after it; else returns where scanning stopped: the end of `b`, or before a
    /// final quote in a quoted field (its meaning depends on the byte after it) unless `last`.
    mutating func scan(_ b: UnsafeBufferPointer<UInt8>, from: Int, last: Bool, _ take: (_ end: Int, _ lines: Int) -> Bool) -> Int {
        var i = from
        while i < b.count {
            let c = b[i]
            if c == 0x0A { lines += 1 }
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < b.count { if b[i + 1] == 0x22 { i += 1 } else { inQuotes = false } }
                    else if last { inQuotes = false }
                    else { return i }
                }
            } else if c == 0x22 && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if c == delimiter {
                atFieldStart = true
            } else if c == 0x0A {
                atFieldStart = true
                if take(i + 1, lines) {
                    lines = 0
                    return i + 1
                }
            } else if c != 0x0D {
                atFieldStart = false
            }
            i += 1
        }
        return i
    }
}

extension CSVFile {
    /// Reads a CSV (or TSV) file part by part: each part is a `CSVFile` with the header and a
    /// run of whole records of about `partBytes`, whose records know their lines in the file.
    /// Memory stays bounded by the part size however large the file is.
    ///
    /// Each part is checked to be plain UTF-8. A file that is not (NUL bytes, bytes that are
    /// not UTF-8, a UTF-16 mark, lines that end in CR only) is read whole and brought to UTF-8
    /// as `CSVFile.load` does, with the same notes and errors; the parts handed out before were
    /// plain ASCII, the same in both readings, so reading goes on where it was.
    ///
    /// Not thread-safe: read it from one thread at a time.
    public final class Reader: @unchecked Sendable {
        public let path: String
        public let delimiter: UInt8
        public let header: [String]
        /// The size of the file in bytes.
        public let size: Int
        /// What was noticed while reading (e.g. the encoding that was assumed); complete once
        /// `next()` has returned nil.
        public private(set) var notes: [String] = []
        private let partBytes: Int
        private var source: Source
        /// How far `source.bytes` (which begins with a record) has been scanned for record ends.
        private var scanned = 0
        private var ends: RecordEnds
        private var line: Int

        public init(path: String, partBytes: Int = 1 << 20) throws {
            self.path = path
            self.partBytes = partBytes
            size = try InputLimits.checkSize(path)
            var source = try Source(path: path)
            var notes: [String] = []
            try source.read(max(partBytes, 1 << 16))
            source.dropByteOrderMark()
            while !source.atEnd, CSVFile.firstLineEnd(source.bytes) == nil || !source.bytes.contains(where: { !isSpaceByte($0) }) {
                try source.read(partBytes)
            }
            if !Self.isPlain(source.bytes[...], first: true) || (!source.bytes.contains(0x0A) && source.bytes.contains(0x0D)) {
                try source.readWhole(notes: &notes)
            }
            // The header is the first record: read until it ends (it may hold quoted line breaks).
            while true {
                var ends = RecordEnds(delimiter: CSVFile.detectDelimiter(source.bytes))
                var scanned = 0
                var found = false
                while !found {
                    scanned = source.bytes.withUnsafeBufferPointer { b in
                        ends.scan(b, from: scanned, last: source.atEnd) { _, _ in found = true; return true }
                    }
                    if found || source.atEnd { break }
                    try source.read(partBytes)
                }
                if source.isDecoded || Self.isPlain(source.bytes[...], first: true) { break }
                try source.readWhole(notes: &notes)
            }
            guard source.bytes.contains(where: { !isSpaceByte($0) }) else {
                throw InvalidInput([InputProblem(file: path, line: 1, message: "the file is empty; it needs a header row and answers")])
            }
            delimiter = CSVFile.detectDelimiter(source.bytes)
            var position = 0
            var line = 1
            header = try CSVFile.parseHeader(source.bytes, delimiter: delimiter, end: source.bytes.count,
                                             position: &position, line: &line, file: path)
            source.drop(position)
            self.line = line
            self.source = source
            self.notes = notes
            ends = RecordEnds(delimiter: delimiter)
        }

        /// The index of a column, or a problem naming the columns there are.
        public func column(_ name: String, option: String) throws -> Int {
            try CSVFile.column(name, option: option, header: header, path: path)
        }

        /// The next part of the file, or nil at its end. Throws what `CSVFile.load` throws
        /// for a broken file (mixed encodings, NUL bytes), also when that shows late in it.
        public func next() throws -> CSVFile? {
            while true {
                var cut: (end: Int, lines: Int)?
                scanned = source.bytes.withUnsafeBufferPointer { b in
                    ends.scan(b, from: scanned, last: source.atEnd) { end, lines in
                        guard end >= partBytes else { return false }
                        cut = (end, lines)
                        return true
                    }
                }
                if cut == nil, source.atEnd {
                    guard !source.bytes.isEmpty else { return nil }
                    cut = (source.bytes.count, 0)
                }
                guard let cut else {
                    try source.read(partBytes)
                    continue
                }
                if !source.isDecoded, !Self.isPlain(source.bytes[..<cut.end], first: false) {
                    try source.readWhole(notes: &notes)
                    ends = RecordEnds(delimiter: delimiter)
                    scanned = 0
                    continue
                }
                let part = CSVFile(part: Array(source.bytes[..<cut.end]), of: self, firstLine: line)
                line += cut.lines
                source.drop(cut.end)
                scanned = 0
                return part
            }
        }

        /// Valid UTF-8 without NUL bytes (and, at the start of a file, no UTF-16 mark).
        private static func isPlain(_ bytes: ArraySlice<UInt8>, first: Bool) -> Bool {
            if first, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
            return bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return true }
                return memchr(base, 0, b.count) == nil && String(validating: b, as: UTF8.self) != nil
            }
        }
    }

    /// A file's bytes as they are read: `bytes` starts at `offset` in the file (after its
    /// byte-order mark); once `isDecoded`, they come from the whole file brought to UTF-8.
    private struct Source {
        let path: String
        private var handle: FileHandle?
        private(set) var bytes: [UInt8] = []
        private(set) var offset = 0
        private(set) var atEnd = false
        private(set) var isDecoded = false

        init(path: String) throws {
            self.path = path
            do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch {
                throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the file: \(error.localizedDescription)")])
            }
        }

        /// Appends up to `count` more bytes of the file.
        mutating func read(_ count: Int) throws {
            guard let file = handle else { atEnd = true; return }
            let data: Data?
            do { data = try file.read(upToCount: count) } catch {
                throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the file: \(error.localizedDescription)")])
            }
            guard let data, !data.isEmpty else {
                try? file.close()
                handle = nil
                atEnd = true
                return
            }
            bytes.append(contentsOf: data)
        }

        mutating func dropByteOrderMark() {
            if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }

        /// Forgets the first `count` bytes.
        mutating func drop(_ count: Int) {
            bytes.removeSubrange(..<count)
            offset += count
        }

        /// From here on, the bytes of the whole file as `TextEncoding` brings it to UTF-8.
        mutating func readWhole(notes: inout [String]) throws {
            let decoded = try TextEncoding.toUTF8(try InputLimits.read(path), file: path)
            if let note = decoded.note { notes.append(note) }
            bytes = Array(decoded.bytes[offset...])
            try? handle?.close()
            handle = nil
            atEnd = true
            isDecoded = true
        }
    }
}
