import DuidingCodebook
import DuidingExport
@testable import DuidingInput
import DuidingProject
import Foundation
import Testing

/// `duiding code` streams (issue 10): a CSV is read part by part and coded on all cores, rows
/// written in input order. Its output is the output of before, byte for byte: the golden files
/// (Fixtures/golden/code, Fixtures/code/*.expected.csv) were written by `duiding code` of commit
/// 2afcf57, which read the whole file into memory (see Fixtures/make_code_fixtures.py).
@Suite("duiding code streams and writes what it wrote before")
struct CodeStreamingTests {
    static let corpora = TestSupport.packageRoot.appendingPathComponent("Corpora").path
    static let codebook = TestSupport.defaultCodebookPath

    static func golden(_ name: String) throws -> String {
        try String(contentsOf: try TestSupport.fixture("golden/code/\(name)"), encoding: .utf8)
    }

    static func code(_ arguments: [String], in dir: TemporaryDirectory) throws -> String {
        let r = try DuidingBinary.run(["code"] + arguments + ["--codebook", codebook], in: dir.url)
        try #require(r.status == 0, "duiding code \(arguments.joined(separator: " ")): \(r.stderr)")
        return r.stdout
    }

    /// The output of the library with small parts (many of them) on `workers` threads.
    static func stream(_ path: String, partBytes: Int, workers: Int = 2, notes: inout [String]) throws -> String {
        let compiled = try TestSupport.defaultCompiled.get()
        var out = ""
        var noted: [String] = []
        _ = try AnswerFileCoding(compiled: compiled, workers: workers, partBytes: partBytes)
            .code([path], write: { out += $0 }, note: { noted.append($0) })
        notes = noted
        return out
    }

    @Test func corporaGiveTheRowsOfBefore() throws {
        let dir = try TemporaryDirectory()
        let c = Self.corpora
        let interviews = try FileManager.default.contentsOfDirectory(atPath: c + "/interviews")
            .filter { $0.hasSuffix(".txt") }.sorted().map { c + "/interviews/" + $0 }
        let runs: [(arguments: [String], golden: String)] = [
            ([c + "/antwoorden.csv"], "antwoorden.csv"),
            ([c + "/antwoorden.csv", "--question-column", "vraag"], "antwoorden-per-vraag.csv"),
            (interviews, "interviews.csv"),
            ([c + "/heldout/heldout.csv", c + "/tuning/realistic-a.csv", c + "/test/realistic-b.csv"], "sets.csv"),
            ([try TestSupport.fixture("generated-2000.csv").path, "--threads", "1"], "generated-2000.csv"),
            ([try TestSupport.fixture("answers.sav").path, "--text-column", "tekst"], "answers-sav.csv"),
        ]
        for run in runs {
            let actual = try Self.code(run.arguments, in: dir)
            #expect(actual == (try Self.golden(run.golden)), "duiding code \(run.arguments.joined(separator: " ")) differs from golden/code/\(run.golden)")
        }
    }

    /// BOM, CRLF, quoted answers with line breaks, doubled quotes, emoji, blank lines: the same
    /// rows in one part (the command) and in parts of 4 KB on 1, 2 and 3 threads.
    @Test func awkwardCSVInManyPartsGivesTheRowsOfBefore() throws {
        let dir = try TemporaryDirectory()
        let input = try TestSupport.fixture("code/awkward.csv").path
        let expected = try String(contentsOf: try TestSupport.fixture("code/awkward.expected.csv"), encoding: .utf8)
        #expect(try Self.code([input], in: dir) == expected)
        for workers in [1, 2, 3] {
            var notes: [String] = []
            #expect(try Self.stream(input, partBytes: 4096, workers: workers, notes: &notes) == expected, "\(workers) threads")
            #expect(notes.isEmpty)
        }
    }

    /// Windows-1252 after 80 KB of ASCII: the parts read before are kept, the rest is read as
    /// Windows-1252, with the note of before.
    @Test func windows1252LateInTheFileIsReadAsBefore() throws {
        let input = try TestSupport.fixture("code/late-cp1252.csv").path
        let expected = try String(contentsOf: try TestSupport.fixture("code/late-cp1252.expected.csv"), encoding: .utf8)
        var notes: [String] = []
        let actual = try Self.stream(input, partBytes: 4096, notes: &notes)
        #expect(actual == expected)
        #expect(actual.contains("\nW39,"), "the Windows-1252 answers at the end are coded")
        #expect(notes == ["\(input): not UTF-8; read as Windows-1252"])
    }

    /// The awkward rows repeated with other ids to 1.9 MB (two parts of the command): the rows
    /// of before, repeated with those ids; on standard output and in a file alike.
    @Test func inputLargerThanOnePartGivesTheRowsOfBefore() throws {
        let dir = try TemporaryDirectory()
        let (input, expected) = try Self.largeInput(in: dir)
        #expect(try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int ?? 0 > 3 << 19)
        let stdout = try Self.code([input], in: dir)
        #expect(stdout == expected)
        let r = try DuidingBinary.run(["code", input, "--codebook", Self.codebook, "--output", "codes.csv"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir.path("codes.csv"), encoding: .utf8) == expected)
        #expect(r.stderr.contains("units got a code; written to codes.csv"))
    }

    /// A broken row, an empty id and a repeated id in the second part: every problem with its
    /// line, exit status 1, no output file, nothing on standard output.
    @Test func brokenRowsLateInALargeInputWriteNothing() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try Self.largeInput(in: dir)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: input))
        let lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        bytes.append(contentsOf: Array("R1ID0001,gemeente,opnieuw\r\nkapot\r\n ,gemeente,zonder id\r\nlaatste,gemeente,Ik ben voorzichtiger.\r\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: input))
        let r = try DuidingBinary.run(["code", input, "--codebook", Self.codebook, "--output", "codes.csv"], in: dir.url)
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(input):\(lines + 2): this row has 1 fields but the header has 3"), "\(r.stderr)")
        #expect(r.stderr.contains("\(input):\(lines + 3): the id (`id`) is empty"), "\(r.stderr)")
        #expect(r.stderr.contains("\(input):\(lines + 1): id `R1ID0001` was already used at \(input):2"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("codes.csv")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".") }.isEmpty,
                "no partial file left")
        let toStdout = try DuidingBinary.run(["code", input, "--codebook", Self.codebook], in: dir.url)
        #expect(toStdout.status != 0)
        #expect(toStdout.stdout.isEmpty, "standard output gets nothing of a broken input")
    }

    /// awkward.csv's rows 50 times with ids R<k>ID…, after its header with the BOM; and the
    /// expected output: the golden rows, with the same ids, in the same order.
    static func largeInput(in dir: TemporaryDirectory) throws -> (path: String, expected: String) {
        let raw = try Data(contentsOf: try TestSupport.fixture("code/awkward.csv"))
        let text = String(decoding: raw, as: UTF8.self)
        let headerEnd = try #require(text.range(of: "\r\n"))
        let header = String(text[..<headerEnd.upperBound]), body = String(text[headerEnd.upperBound...])
        let golden = try String(contentsOf: try TestSupport.fixture("code/awkward.expected.csv"), encoding: .utf8)
        let goldenHeader = try #require(golden.range(of: "\n"))
        let goldenBody = String(golden[goldenHeader.upperBound...])
        var input = header, expected = String(golden[..<goldenHeader.upperBound])
        for k in 1...50 {
            input += body.replacingOccurrences(of: "ID", with: "R\(k)ID")
            expected += goldenBody.replacingOccurrences(of: "ID", with: "R\(k)ID")
        }
        return (try dir.write("groot.csv", input), expected)
    }
}

/// The CSV reader gives the records `CSVFile.load` gives, with their lines, however the file
/// is cut into parts.
@Suite("CSV read part by part")
struct CSVReaderTests {
    static func records(_ file: CSVFile, _ chunk: CSVFile.Chunk) -> [String] {
        var out: [String] = []
        file.forEachRecord(in: chunk, problem: { out.append("problem \($0)") }) { line, fields in
            out.append("\(line): " + fields.map { file.string($0) }.joined(separator: "|"))
        }
        return out
    }

    static func inParts(_ path: String, partBytes: Int) throws -> (records: [String], header: [String], parts: Int) {
        let reader = try CSVFile.Reader(path: path, partBytes: partBytes)
        var records: [String] = []
        var parts = 0
        while let part = try reader.next() {
            records += Self.records(part, part.body)
            parts += 1
        }
        return (records, reader.header, parts)
    }

    @Test func partsGiveTheRecordsOfTheWholeFile() throws {
        for name in ["code/awkward.csv", "generated-2000.csv"] {
            let path = try TestSupport.fixture(name).path
            let whole = try CSVFile.load(path: path)
            let expected = Self.records(whole, whole.body)
            #expect(expected.count > 300)
            for size in [1, 64, 1000, 4096, 1 << 20] {
                let read = try Self.inParts(path, partBytes: size)
                #expect(read.header == whole.header, "\(name), parts of \(size)")
                #expect(read.records == expected, "\(name), parts of \(size)")
                if size == 4096 { #expect(read.parts > 5) }
            }
        }
    }

    /// Broken records (an unclosed quote swallows the rest of the file), CR-only line ends,
    /// an empty file and a header that is only blank: what `CSVFile.load` says, said the same way.
    @Test func brokenFilesAreReportedAsTheWholeFileReaderReportsThem() throws {
        let dir = try TemporaryDirectory()
        let cases: [(String, [UInt8])] = [
            ("kapot.csv", Array("id,text\nR1,een\nR2\nR3,\"nooit gesloten\nR4,vier\n".utf8)),
            ("mac.csv", Array("id,text\rR1,een\rR2,\"twee\rregels\"\r".utf8)),
            ("leeg.csv", Array("  \n\n".utf8)),
            ("nul.csv", Array("id,text\nR1,e\u{0}n\n".utf8)),
            ("gemengd.csv", Array("id,text\nR1,één\n".utf8) + [0x52, 0x32, 0x2C, 0xE9, 0x0A]),
            ("dubbel.csv", Array("id,id\nR1,een\n".utf8)),
            ("utf16.csv", [0xFF, 0xFE, 0x69, 0x00]),
            ("laat-gemengd.csv", Array(("id,text\nR1,één\n" + String(repeating: "R,een antwoord\n", count: 6000)).utf8) + [0xE9, 0x0A]),
        ]
        for (name, bytes) in cases {
            let path = try dir.write(name, bytes: bytes)
            let expected: String
            do {
                let whole = try CSVFile.load(path: path)
                expected = Self.records(whole, whole.body).joined(separator: "\n") + "\nnotes: \(whole.notes)"
            } catch { expected = "error: \(error)" }
            var actual: String
            do {
                let reader = try CSVFile.Reader(path: path, partBytes: 4)
                var records: [String] = []
                while let part = try reader.next() { records += Self.records(part, part.body) }
                actual = records.joined(separator: "\n") + "\nnotes: \(reader.notes)"
            } catch { actual = "error: \(error)" }
            #expect(actual == expected, "\(name)")
        }
    }
}

/// `ParallelCoding.stream` delivers in item order and keeps at most two items per thread
/// between reading and delivery.
@Suite("Streaming in order, in bounded memory")
struct ParallelStreamTests {
    @Test func resultsComeInOrderWithFewItemsInFlight() throws {
        let compiled = try TestSupport.defaultCompiled.get()
        for workers in [1, 2, 4] {
            let counts = Counts()
            try ParallelCoding.stream(codebook: compiled, workers: workers, next: { () -> Int? in
                counts.lock.withLock {
                    guard counts.read < 300 else { return nil }
                    counts.read += 1
                    counts.mostInFlight = max(counts.mostInFlight, counts.read - counts.delivered.count)
                    return counts.read - 1
                }
            }, { coder, item in
                // Uneven work, so later items often finish first.
                if item % 7 == 0 { _ = try coder.code(String(repeating: "Ik ben voorzichtiger geworden. ", count: 200)) }
                return item
            }, deliver: { item in counts.lock.withLock { counts.delivered.append(item) } })
            #expect(counts.delivered == Array(0..<300), "\(workers) threads")
            #expect(counts.mostInFlight <= 2 * workers, "\(workers) threads: \(counts.mostInFlight) items in flight")
        }
    }

    /// What the test's `next` and `deliver` see; they run on different threads.
    final class Counts: @unchecked Sendable {
        let lock = NSLock()
        var read = 0
        var delivered: [Int] = []
        var mostInFlight = 0
    }

    @Test func theFirstErrorStopsTheWork() throws {
        struct Broken: Error {}
        let compiled = try TestSupport.defaultCompiled.get()
        var read = 0
        #expect(throws: Broken.self) {
            try ParallelCoding.stream(codebook: compiled, workers: 2, next: { () -> Int? in
                read += 1
                return read
            }, { _, item in
                if item == 50 { throw Broken() }
                return item
            }, deliver: { _ in })
        }
        #expect(read < 60)
    }
}
