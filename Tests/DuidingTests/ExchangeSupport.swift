import Foundation
import Testing
import ZIPFoundation

/// Helpers for the exchange tests: schema validation with xmllint, building .qdpx archives.
enum ExchangeSupport {
    static func fixture(_ name: String) throws -> URL { try TestSupport.fixture("exchange/" + name) }

    /// Runs `xmllint --noout --schema XSD FILE`; returns (ok, messages).
    static func validate(_ xml: String, schema: String, in dir: TemporaryDirectory, name: String = "doc.xml") throws -> (ok: Bool, output: String) {
        let path = try dir.write(name, xml)
        let xsd = try fixture(schema).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--schema", xsd, path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus == 0, String(decoding: data, as: UTF8.self))
    }

    /// A .qdpx (ZIP) with the given entries.
    static func makeQDPX(_ entries: [(String, Data)], at path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// The entries of a ZIP by path.
    static func unzip(_ path: String) throws -> [String: Data] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var out: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            out[entry.path] = data
        }
        return out
    }
}
