import Foundation
import Testing
@testable import DuidingCodebook

/// Starting as a researcher does: the built-in codebook from any folder.
@Suite("Starting out", .serialized)
struct StartCLITests {
    /// The built `duiding` linked (or copied) into `dir`, which is outside the repository, so
    /// nothing next to or above the binary can supply `Codebooks/` or `Corpora/`.
    func binaryOutsideTheRepository(in dir: TemporaryDirectory) throws -> URL {
        let built = try #require(DuidingBinary.url, "the duiding executable was not found next to the test bundle")
        let copy = dir.url.appendingPathComponent("duiding")
        do { try FileManager.default.linkItem(at: built, to: copy) } catch { try FileManager.default.copyItem(at: built, to: copy) }
        #expect(!copy.path.hasPrefix(TestSupport.packageRoot.path))
        return copy
    }

    /// What a codebook says, without where it was read from.
    func contents(_ codebook: Codebook) -> [String] {
        [codebook.name, codebook.language, "\(codebook.negation)"] + codebook.codes.flatMap { code in
            ["\(code.id) \(code.label) \(code.description) \(code.location?.line ?? 0)"]
                + (code.include + code.exclude).map { "\($0.source) \($0.elements) \($0.fuzzy) \($0.negatable) \($0.location?.line ?? 0)" }
        }
    }

    @Test func theBuiltInCodebookIsTheRepositoryFile() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: TestSupport.defaultCodebookPath))
        #expect(Data(DefaultCodebook.yaml.utf8) == file)
        let builtIn = try DefaultCodebook.codebook()
        #expect(contents(builtIn) == contents(try CodebookLoader.load(path: TestSupport.defaultCodebookPath)))
        // Messages point into the built-in file by its name.
        #expect(builtIn.codes.first?.location?.file == "agressie-effecten.yml (built in)")
    }

    @Test func codeWorksFromAnotherFolderWithoutACodebook() throws {
        let dir = try TemporaryDirectory()
        let binary = try binaryOutsideTheRepository(in: dir)
        try dir.write("antwoorden.csv", CLITests.csv())
        let r = try DuidingBinary.run(["code", "antwoorden.csv"], in: dir.url, binary: binary)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(r.stdout)
        #expect(rows.first == ["id", "code", "evidence", "pattern", "start", "end"])
        #expect(Set(rows.dropFirst().map { [$0[0], $0[1]] }) == CLITests.expected)
    }

    @Test func demoOutsideTheRepositorySaysWhatToPass() throws {
        let dir = try TemporaryDirectory()
        let binary = try binaryOutsideTheRepository(in: dir)
        let r = try DuidingBinary.run(["demo", "--reports", "out"], in: dir.url, binary: binary)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--corpora"), "stderr: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }
}
