import Foundation
import Testing
@testable import DuidingCodebook

/// Starting as a researcher does: the built-in codebook from any folder, `codebook show`, and
/// the next step after `import` and `recode`.
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

    @Test func codebookShowPrintsTheBuiltInCodebookByteForByte() throws {
        let dir = try TemporaryDirectory()
        let binary = try binaryOutsideTheRepository(in: dir)
        let file = try Data(contentsOf: URL(fileURLWithPath: TestSupport.defaultCodebookPath))
        var r = try DuidingBinary.run(["codebook", "show"], in: dir.url, binary: binary)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(Data(r.stdout.utf8) == file)
        #expect(contents(try CodebookLoader.parse(r.stdout, file: "shown.yml"))
                == contents(try CodebookLoader.load(path: TestSupport.defaultCodebookPath)))
        r = try DuidingBinary.run(["codebook", "show", "--output", "mijn.yml"], in: dir.url, binary: binary)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("mijn.yml")) == file)
    }

    @Test func codebookShowPrintsAProjectsLatestVersion() throws {
        let dir = try TemporaryDirectory()
        try dir.write("antwoorden.csv", ProjectCLITests.answers)
        let own = """
            name: Eigen codeboek
            language: nl
            codes:
              - id: weather
                label: Het weer
                include: [weer]

            """
        try dir.write("eigen.yml", own)
        for arguments in [["init", "p.duiding"], ["import", "p.duiding", "antwoorden.csv"]] {
            let r = try DuidingBinary.run(arguments, in: dir.url)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        var r = try DuidingBinary.run(["codebook", "show", "p.duiding"], in: dir.url)
        #expect(r.status != 0)
        #expect(r.stderr.contains("duiding recode p.duiding"), "stderr: \(r.stderr)")

        r = try DuidingBinary.run(["recode", "p.duiding"], in: dir.url)
        try #require(r.status == 0, "stderr: \(r.stderr)")
        r = try DuidingBinary.run(["codebook", "show", "p.duiding"], in: dir.url)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout == DefaultCodebook.yaml)
        #expect(r.stderr.contains("codebook version 1"), "stderr: \(r.stderr)")

        r = try DuidingBinary.run(["recode", "p.duiding", "--codebook", "eigen.yml"], in: dir.url)
        try #require(r.status == 0, "stderr: \(r.stderr)")
        r = try DuidingBinary.run(["codebook", "show", "p.duiding", "-o", "terug.yml"], in: dir.url)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(try String(contentsOfFile: dir.path("terug.yml"), encoding: .utf8) == own)
        #expect(r.stderr.contains("codebook version 2 (Eigen codeboek)"), "stderr: \(r.stderr)")
    }

    @Test func importAndRecodeSayWhatComesNext() throws {
        let dir = try TemporaryDirectory()
        try dir.write("antwoorden.csv", ProjectCLITests.answers)
        try dir.write("meer.csv", "id,geslacht,text\nR9,man,Ik let beter op.\n")
        var r = try DuidingBinary.run(["init", "p.duiding"], in: dir.url)
        #expect(r.stdout.contains("next: duiding import p.duiding"))
        r = try DuidingBinary.run(["import", "p.duiding", "antwoorden.csv"], in: dir.url)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 3 units into p.duiding\n"))
        #expect(r.stdout.hasSuffix("next: duiding recode p.duiding\n"), "stdout: \(r.stdout)")
        r = try DuidingBinary.run(["recode", "p.duiding"], in: dir.url)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("applied to 3 units"))
        #expect(r.stdout.hasSuffix("next: duiding review p.duiding (or: duiding table p.duiding --by geslacht)\n"), "stdout: \(r.stdout)")
        // Once there is a codebook, an import codes the new units at once: review comes next.
        r = try DuidingBinary.run(["import", "p.duiding", "meer.csv"], in: dir.url)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasSuffix("next: duiding review p.duiding\n"), "stdout: \(r.stdout)")
    }
}
