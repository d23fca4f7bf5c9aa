import Foundation
import ZIPFoundation

/// Reads the entries of a ZIP archive without ZIPFoundation's Linux inflate loop, which spins
/// forever when a deflated entry's stream does not end before the end of the file (a damaged or
/// cut-short archive; weichsel/ZIPFoundation#389, open for 0.9.20). Deflated data is located
/// through the central directory and inflated with ZIPFoundation's `Data.decompress` from a
/// provider that fails once the entry's bytes are used up; the result must match its CRC-32.
/// Entries it cannot locate (ZIP64 archives) are read by ZIPFoundation as before.
struct ZIPEntries {
    private let path: String
    private let bytes: [UInt8]
    private struct Record { let localHeader: Int, compressedSize: UInt32, crc32: UInt32 }
    /// Central directory records by ZIPFoundation's path of the entry (the last one of a path).
    private var records: [String: Record] = [:]

    init(path: String, archive: Archive) throws {
        self.path = path
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // The end of central directory record, searched backwards as ZIPFoundation does; its
        // records are in the order ZIPFoundation lists the entries.
        var end = bytes.count - 22
        while end >= 0, end >= bytes.count - 22 - 0xFFFF, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50 else { return }
        var list: [Record] = []
        var offset = Int(u32(end + 16))
        for _ in 0..<Int(u16(end + 10)) {
            guard offset >= 0, offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { break }
            list.append(Record(localHeader: Int(u32(offset + 42)), compressedSize: u32(offset + 20), crc32: u32(offset + 16)))
            offset += 46 + Int(u16(offset + 28)) + Int(u16(offset + 30)) + Int(u16(offset + 32))
        }
        for (entry, record) in zip(archive, list) { records[entry.path] = record }
    }

    private func u16(_ i: Int) -> UInt16 { i >= 0 && i + 2 <= bytes.count ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : 0 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    private func damaged(_ entry: Entry) -> ExchangeError {
        ExchangeError("\(path): the compressed data of `\(entry.path)` is damaged or cut short")
    }

    /// Calls `consumer` with the entry's contents, in chunks.
    func extract(_ entry: Entry, from archive: Archive, consumer: Consumer) throws {
        // ZIPFoundation decides by the local header's method; stored data is read by its length.
        guard let record = records[entry.path], record.compressedSize != 0xFFFF_FFFF,
              u32(record.localHeader) == 0x0403_4B50, u16(record.localHeader + 8) == CompressionMethod.deflate.rawValue else {
            _ = try archive.extract(entry, consumer: consumer)
            return
        }
        let start = record.localHeader + 30 + Int(u16(record.localHeader + 26)) + Int(u16(record.localHeader + 28))
        let end = start + Int(record.compressedSize)
        guard end <= bytes.count else { throw damaged(entry) }
        // Every chunk is a full buffer (ZIPFoundation's inflate assumes so), padded with zeros.
        let checksum = try Data.decompress(size: Int64(record.compressedSize), bufferSize: 1 << 16, skipCRC32: false, provider: { position, size in
            guard position >= 0, position < Int64(end - start) else { throw damaged(entry) }
            var chunk = Data(bytes[(start + Int(position))..<min(start + Int(position) + size, end)])
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }, consumer: consumer)
        guard checksum == record.crc32 else { throw damaged(entry) }
    }
}
