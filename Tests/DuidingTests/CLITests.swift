import Foundation
import Testing

/// Runs the built `duiding` executable (the test target depends on it, so it sits next to the
/// test bundle in the build folder).
enum DuidingBinary {
    static let url: URL? = {
        var folders: [URL] = []
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL)
        // Also the folder of the .xctest bundle and its parents (macOS nests the binary deeper).
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            var url = bundle.bundleURL
            for _ in 0..<4 { url.deleteLastPathComponent(); folders.append(url) }
        }
        return folders.lazy.map { $0.appendingPathComponent("duiding") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the built `duiding` (or `binary`, e.g. a copy elsewhere) with `arguments` in `directory`;
    /// `environment` adds to (or replaces) variables of the test's environment; `input` is its
    /// standard input (else none).
    static func run(_ arguments: [String], in directory: URL, binary: URL? = nil, environment: [String: String] = [:],
                    input: String? = nil) throws -> Run {
        let binary = try binary ?? #require(url, "the duiding executable was not found next to the test bundle")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read stderr on another thread so that neither pipe can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("Command line", .serialized)
struct CLITests {
    static let answers: [(id: String, text: String, geslacht: String, weight: String)] = [
        ("R1", "Ik ben voorzichtiger geworden met uitspraken.", "man", "2"),
        ("R2", "Het weer was mooi.", "vrouw", "1"),
        ("R3", "👍🏽 Sinds vorig jaar ben ik voorzichtiger geworden.", "vrouw", "1"),
        ("R4", "Ik heb behoefte aan een training over agressie.", "man", "1"),
        ("R5", "Ze zei \"pas op\".\nSindsdien ben ik alerter op straat.", "", "1,5"),
    ]
    /// What the default codebook must suggest for these answers.
    static let expected: Set<[String]> = [["R1", "caution"], ["R3", "caution"], ["R4", "training_need"], ["R5", "vigilance"]]

    static func csv() -> String {
        var out = "id,text,geslacht,weight\n"
        for a in answers {
            out += [a.id, "\"" + a.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"", a.geslacht, "\"\(a.weight)\""]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    @Test func codeWritesEvidenceWithScalarOffsets() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", Self.csv())
        let output = dir.path("uit/codes.csv")
        let run = try DuidingBinary.run(["code", input, "--codebook", TestSupport.defaultCodebookPath, "--output", output],
                                        in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let rows = parseCSV(try String(contentsOfFile: output, encoding: .utf8))
        #expect(rows.first == ["id", "code", "evidence", "pattern", "start", "end"])
        let body = Array(rows.dropFirst())
        #expect(body.allSatisfy { $0.count == 6 })
        #expect(Set(body.map { [$0[0], $0[1]] }) == Self.expected)
        #expect(body.count == Self.expected.count)
        #expect(!body.contains { $0[0] == "R2" }, "an answer without a code has no row")
        for row in body {
            let text = try #require(Self.answers.first { $0.id == row[0] }?.text)
            let scalars = Array(text.unicodeScalars)
            let start = try #require(Int(row[4])), end = try #require(Int(row[5]))
            #expect(0 <= start && start < end && end <= scalars.count)
            guard 0 <= start, start < end, end <= scalars.count else { continue }
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == row[2], "row \(row)")
            #expect(!row[3].isEmpty)
        }
        // After the emoji (two scalars, four UTF-16 units) offsets count scalars.
        let r3 = try #require(body.first { $0[0] == "R3" })
        #expect(r3[2] == "voorzichtiger")
        #expect(r3[4] == "27" && r3[5] == "40")
        #expect(body.first { $0[0] == "R1" }?[2] == "voorzichtiger")
    }

    @Test func codeWritesToStandardOutput() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", Self.csv())
        let run = try DuidingBinary.run(["code", input, "--codebook", TestSupport.defaultCodebookPath], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        #expect(rows.first == ["id", "code", "evidence", "pattern", "start", "end"])
        #expect(Set(rows.dropFirst().map { [$0[0], $0[1]] }) == Self.expected)
    }

    @Test func tableByGroupWithWeights() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", Self.csv())
        let run = try DuidingBinary.run(["table", input, "--codebook", TestSupport.defaultCodebookPath,
                                         "--by", "geslacht", "--weight", "weight", "--format", "csv"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        #expect(rows.first == ["variable", "group", "code", "base_n", "count", "percent", "significance", "kind", "net"])
        func cell(_ group: String, _ code: String) -> [String]? {
            rows.first { $0.count == 9 && $0[1] == group && $0[2] == code }
        }
        // Weights: R1 2, R2 1, R3 1, R4 1, R5 1.5 (decimal comma) — 6.5 in all.
        #expect(cell("Totaal", "caution")?[3...5] == ["5", "2", "46.2"])
        #expect(cell("Totaal", "training_need")?[3...5] == ["5", "1", "15.4"])
        #expect(cell("Totaal", "vigilance")?[3...5] == ["5", "1", "23.1"])
        #expect(cell("Totaal", "geen")?[3...5] == ["5", "1", "15.4"])
        #expect(cell("man", "caution")?[3...5] == ["2", "1", "66.7"])
        #expect(cell("vrouw", "caution")?[3...5] == ["2", "1", "50.0"])
        #expect(cell("(onbekend)", "vigilance")?[3...5] == ["1", "1", "100.0"])
        #expect(cell("man", "psych_impact")?[3...5] == ["2", "0", "0.0"])
        // Every code and "geen" for every column: 6 rows × 4 columns.
        #expect(rows.count == 1 + 6 * 4)
        #expect(rows.dropFirst().allSatisfy { $0[0] == "" || $0[0] == "geslacht" })
    }

    @Test func brokenCSVFailsWithFileAndLineAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("kapot.csv", "id,text\nR1,Ik ben voorzichtiger.\nR2\nR3,\"nooit gesloten\n")
        let output = dir.path("codes.csv")
        let run = try DuidingBinary.run(["code", input, "--codebook", TestSupport.defaultCodebookPath, "--output", output],
                                        in: dir.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(input):3:"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("\(input):4:"), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func brokenCodebookFailsWithFileLineAndColumn() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("a.csv", "id,text\nR1,Ik ben voorzichtiger.\n")
        let book = try dir.write("boek.yml", "codes:\n  - id: c\n    include: [ab*]\n")
        let output = dir.path("codes.csv")
        let run = try DuidingBinary.run(["code", input, "--codebook", book, "--output", output], in: dir.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(book):3:15"), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func duplicateIDsAcrossFilesFail() throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("a.csv", "id,text\nR1,een\n")
        let second = try dir.write("b.csv", "id,text\nR2,twee\nR1,drie\n")
        let output = dir.path("codes.csv")
        let run = try DuidingBinary.run(["code", first, second, "--codebook", TestSupport.defaultCodebookPath, "--output", output],
                                        in: dir.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(second):3:") && run.stderr.contains("R1"), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func codeOnInterviewNotes() throws {
        let dir = try TemporaryDirectory()
        let notes = try dir.write("gesprek.txt", """
        organisatie: Middelgrote gemeente
        interviewer: Int

        Int: Wat is er veranderd?
        Wethouder: Ik ben voorzichtiger geworden.
        Int: En verder?
        Wethouder: Niets bijzonders, het weer is mooi.
        Int: Training?
        Wethouder: Ik heb behoefte aan een training over agressie.
        """)
        let run = try DuidingBinary.run(["code", notes, "--codebook", TestSupport.defaultCodebookPath], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout).dropFirst()
        #expect(Set(rows.map { [$0[0], $0[1]] }) == [["gesprek.txt#2", "caution"], ["gesprek.txt#6", "training_need"]])
    }
}
