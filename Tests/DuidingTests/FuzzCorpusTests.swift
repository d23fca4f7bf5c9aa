import DuidingFuzzing
import Foundation
import Testing

/// Replays the fuzz seeds (`Fuzz/corpus/<target>/`) and every input that once crashed a
/// parser (`Fuzz/regressions/<target>/`) through the same checks the fuzzers run. A parser
/// that crashes or breaks an invariant traps the test process, which fails the run.
@Suite("Fuzz corpora replay")
struct FuzzCorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String, _ target: String) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("replay", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let seeds = Self.inputs("corpus", target.rawValue)
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue)/ has no seeds")
        for url in seeds + Self.inputs("regressions", target.rawValue) {
            target.run(try Data(contentsOf: url))
        }
    }

    /// A folder that names no target would be skipped silently.
    @Test func everyFolderIsATarget() throws {
        for kind in ["corpus", "regressions"] {
            let folder = Self.fuzzFolder.appendingPathComponent(kind)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(FuzzTarget(rawValue: name) != nil, "Fuzz/\(kind)/\(name) is not a fuzz target (\(FuzzTarget.allCases.map(\.rawValue)))")
            }
        }
    }
}
