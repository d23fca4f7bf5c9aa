import Foundation
import ZIPFoundation

/// Reads the entries of a ZIP archive without ZIPFoundation's Linux inflate loop, which spins
/// forever when a deflated entry's stream does not end before the end of the file (a damaged or
/// cut-short archive; weichsel/ZIPFoundation#389, open for 0.9.20). Deflated data is located
/// through the central directory and inflated with ZIPFoundation's `Data.decompress` from a
/// provider that fails once the entry's bytes are used up; the result must match its CRC-32.
struct ZIPEntries {
    private let path: String
    private let bytes: [UInt8]
    /// Local header offsets from the central directory, by path and by (CRC-32, sizes).
    private var byPath: [String: Int] = [:]
    private var bySums: [String: Int] = [:]

    init(path: String) throws {
        self.path = path
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // End of central directory record: searched backwards, as ZIPFoundation does.
        var end = bytes.count - 22
        while end >= 0, end >= bytes.count - 22 - 0xFFFF, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50 else { return }
        var offset = Int(u32(end + 16))
        for _ in 0..<Int(u16(end + 10)) {
            guard offset >= 0, offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { return }
            let nameLength = Int(u16(offset + 28))
            guard offset + 46 + nameLength <= bytes.count else { return }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let header = Int(u32(offset + 42))
            if byPath[name] == nil { byPath[name] = header }
            let sums = Self.sums(u32(offset + 16), UInt64(u32(offset + 20)), UInt64(u32(offset + 24)))
            bySums[sums] = bySums[sums] == nil ? header : -1  // -1: not unique
            offset += 46 + nameLength + Int(u16(offset + 30)) + Int(u16(offset + 32))
        }
    }

    private static func sums(_ crc: UInt32, _ compressed: UInt64, _ uncompressed: UInt64) -> String { "\(crc)/\(compressed)/\(uncompressed)" }
    private func u16(_ i: Int) -> UInt16 { i >= 0 && i + 2 <= bytes.count ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : 0 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    private func damaged(_ entry: Entry) -> ExchangeError {
        ExchangeError("\(path): the compressed data of `\(entry.path)` is damaged or cut short")
    }

    /// Calls `consumer` with the entry's contents, in chunks.
    func extract(_ entry: Entry, from archive: Archive, consumer: Consumer) throws {
        let header = byPath[entry.path] ?? bySums[Self.sums(entry.checksum, entry.compressedSize, entry.uncompressedSize)]
        guard entry.isCompressed, let header, header >= 0, u32(header) == 0x0403_4B50 else {
            _ = try archive.extract(entry, consumer: consumer)  // stored: read by its length, no loop
            return
        }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard entry.compressedSize <= UInt64(bytes.count), start <= bytes.count - Int(entry.compressedSize) else {
            throw damaged(entry)
        }
        let end = start + Int(entry.compressedSize)
        // Every chunk is a full buffer (ZIPFoundation's inflate assumes so), padded with zeros.
        let checksum = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: 1 << 16, skipCRC32: false, provider: { position, size in
            guard position >= 0, position < Int64(end - start) else { throw damaged(entry) }
            var chunk = Data(bytes[(start + Int(position))..<min(start + Int(position) + size, end)])
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }, consumer: consumer)
        guard checksum == entry.checksum else { throw damaged(entry) }
    }
}
