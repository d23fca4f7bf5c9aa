import Foundation
import Testing
@testable import DuidingCodebook
import DuidingText

/// Shared helpers for the Duiding test suite.
enum TestSupport {
    /// The package root, found from this file's location (Tests/DuidingTests/TestSupport.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The default codebook shipped with the project.
    static var defaultCodebookPath: String {
        packageRoot.appendingPathComponent("Codebooks/agressie-effecten.yml").path
    }

    /// The default codebook, compiled once for the whole suite (compiled codebooks are Sendable).
    static let defaultCompiled: Result<CompiledCodebook, any Error> = Result {
        try CompiledCodebook(CodebookLoader.load(path: defaultCodebookPath))
    }

    /// A coder for a small inline codebook in the YAML format.
    static func coder(_ yaml: String, file: String = "inline.yml") throws -> Coder {
        try Coder(CompiledCodebook(CodebookLoader.parse(yaml, file: file)))
    }

    /// A project `p.duiding` in `dir`: `init`, `import` of `importArguments` (files and
    /// options), `recode` with the default codebook, each required to succeed.
    static func codedProject(importing importArguments: [String], in dir: TemporaryDirectory) throws -> String {
        let project = dir.path("p.duiding")
        for arguments in [["init", project], ["import", project] + importArguments,
                          ["recode", project, "--codebook", defaultCodebookPath]] {
            let r = try DuidingBinary.run(arguments, in: dir.url)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        return project
    }

    /// A fixture copied into the test bundle (Tests/DuidingTests/Fixtures).
    static func fixture(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = folder.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "fixture \(name) is missing from the bundle")
        return url
    }
}

extension Coder {
    /// Ids of the codes suggested for a text, in codebook order.
    func codeIDs(_ text: String) throws -> [String] { try code(text).map(\.codeID) }
}

/// A temporary folder removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("duiding-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, bytes: Array(text.utf8)) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A small deterministic generator (SplitMix64) so random tests can be replayed from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A minimal RFC 4180 reader for checking CSV that the CLI writes, independent of DuidingInput.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(field); field = ""
            rows.append(row); row = []
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
