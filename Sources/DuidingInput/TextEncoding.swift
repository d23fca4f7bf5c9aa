import Foundation

/// Brings file bytes to UTF-8: a byte-order mark is dropped; a file that is not UTF-8 but
/// reads as Windows-1252 (common in Dutch spreadsheet exports) is converted, with a note;
/// a file that mixes encodings is refused with the line of the first bad byte.
enum TextEncoding {
    struct Decoded {
        var bytes: [UInt8]
        var note: String?
    }

    static func toUTF8(_ raw: [UInt8], file: String) throws -> Decoded {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InvalidInput([InputProblem(file: file, line: 1, message: "the file is UTF-16; save it as UTF-8 (in Excel: CSV UTF-8)")])
        }
        try refuseNUL(bytes, file: file)
        var note: String?
        if bytes.contains(0x0D) && !bytes.contains(0x0A) {
            // Old Mac line endings (CR only): read them as line ends, and say so.
            for i in bytes.indices where bytes[i] == 0x0D { bytes[i] = 0x0A }
            note = "\(file): lines end in CR only (old Mac format); read them as line ends (line breaks inside answers become LF)"
        }
        guard let firstBad = firstInvalidUTF8(bytes) else { return Decoded(bytes: bytes, note: note) }
        if hasMultiByteUTF8(bytes) || bytes.contains(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }) {
            let line = 1 + bytes[..<firstBad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InvalidInput([InputProblem(
                file: file, line: line,
                message: "byte 0x\(String(bytes[firstBad], radix: 16, uppercase: true)) is not valid UTF-8 and the file mixes encodings; save it as UTF-8")])
        }
        return Decoded(bytes: windows1252ToUTF8(bytes), note: ([note, "\(file): not UTF-8; read as Windows-1252"] as [String?]).compactMap { $0 }.joined(separator: "\n"))
    }

    /// A NUL byte is never part of a text (it would cut the answer where it is stored): a
    /// file with many is UTF-16 or binary; a few are damage, reported per line.
    static func refuseNUL(_ bytes: [UInt8], file: String) throws {
        guard bytes.contains(0) else { return }
        let sample = bytes.prefix(4096)
        if sample.filter({ $0 == 0 }).count * 10 >= sample.count {
            throw InvalidInput([InputProblem(file: file, line: 1, message: "the file is full of NUL bytes: it is UTF-16 without a byte-order mark, or not a text file; save it as UTF-8 text (in Excel: CSV UTF-8)")])
        }
        var problems: [InputProblem] = []
        var line = 1
        var column = 1
        var reported = -1
        for b in bytes {
            if b == 0x0A { line += 1; column = 1; continue }
            if b == 0, reported != line {
                problems.append(InputProblem(file: file, line: line, message: "a NUL byte (0x00) at byte \(column) of the line; the file is damaged there; remove the NUL bytes (e.g. `tr -d '\\000'`) and check the text"))
                reported = line
            }
            column += 1
        }
        throw InvalidInput(problems)
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var offset = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error(let length): _ = length; return offset
            }
        }
    }

    private static func hasMultiByteUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            let b = bytes[i]
            if b >= 0xC2 && b <= 0xF4 && bytes[i + 1] & 0xC0 == 0x80 { return true }
            i += 1
        }
        return false
    }

    /// Windows-1252 bytes 0x80–0x9F; the rest is Latin-1.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let value = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            guard let scalar = Unicode.Scalar(value) else { continue }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        return out
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (`.whitespaces`). A field without them, most
    /// of a file's, is returned as is: Foundation's trimming copies every string it is given.
    var trimmingWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
