import Foundation
import Testing
@testable import DuidingInput

@Suite("CSV input")
struct CSVTests {
    func file(_ text: String) throws -> CSVFile { try CSVFile(path: "in.csv", raw: Array(text.utf8)) }

    func rows(_ text: String) throws -> [[String]] { try file(text).allRecords().map(\.values) }

    /// The problems thrown while opening or reading `raw`; records an issue when there are none.
    func problems(_ raw: [UInt8]) -> [InputProblem] {
        do {
            let csv = try CSVFile(path: "in.csv", raw: raw)
            _ = try csv.allRecords()
            Issue.record("the input should have been refused")
        } catch let error as InvalidInput {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return []
    }

    func problems(_ text: String) -> [InputProblem] { problems(Array(text.utf8)) }

    @Test func quotedFieldsWithNewlinesDelimitersAndQuotes() throws {
        let csv = try file("id,text\n1,\"regel een\nregel twee, met komma\"\n2,\"hij zei \"\"nee\"\"\"\n3,gewoon\n")
        #expect(csv.header == ["id", "text"])
        let records = try csv.allRecords()
        #expect(records.map(\.values) == [["1", "regel een\nregel twee, met komma"], ["2", "hij zei \"nee\""], ["3", "gewoon"]])
        // Each record knows the line it starts on.
        #expect(records.map(\.line) == [2, 4, 5])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let csv = try CSVFile(path: "in.csv", raw: [0xEF, 0xBB, 0xBF] + Array("id,text\n1,één\n".utf8))
        #expect(csv.header == ["id", "text"])
        #expect(try csv.allRecords().map(\.values) == [["1", "één"]])
        #expect(csv.notes.isEmpty)
    }

    @Test func semicolonAndTabAreDetected() throws {
        let semicolon = try file("id;text;groep\n1;ja, zeker;a\n")
        #expect(semicolon.delimiter == UInt8(ascii: ";"))
        #expect(try semicolon.allRecords().map(\.values) == [["1", "ja, zeker", "a"]])

        let tab = try file("id\ttext\n1\tja; nee, misschien\n")
        #expect(tab.delimiter == UInt8(ascii: "\t"))
        #expect(try tab.allRecords().map(\.values) == [["1", "ja; nee, misschien"]])

        // A delimiter inside a quoted header field does not count.
        let quotedHeader = try file("\"id;nr\",text\n1,a\n")
        #expect(quotedHeader.delimiter == UInt8(ascii: ","))
        #expect(quotedHeader.header == ["id;nr", "text"])
    }

    @Test func crlfLineEnds() throws {
        let records = try file("id,text\r\n1,abc\r\n2,\"x\r\ny\"\r\n3,\"q\"\r\n").allRecords()
        #expect(records.map(\.values) == [["1", "abc"], ["2", "x\r\ny"], ["3", "q"]])
        #expect(records.map(\.line) == [2, 3, 5])
    }

    @Test func blankLinesAreSkipped() throws {
        let records = try file("id,text\n1,a\n\n   \n\r\n2,b\n\n").allRecords()
        #expect(records.map(\.values) == [["1", "a"], ["2", "b"]])
        #expect(records.map(\.line) == [2, 6])
    }

    @Test func rowWithTooFewFieldsIsReportedAtItsLine() {
        let list = problems("id,text,groep\n1,a,x\n2,b\n3,c,y\n")
        #expect(list.count == 1)
        #expect(list.first?.line == 3)
        #expect(list.first?.description.hasPrefix("in.csv:3: ") == true)
        #expect(list.first?.message.contains("2 fields") == true)
    }

    @Test func lineNumbersCountNewlinesInsideQuotedFields() {
        let list = problems("id,text\n1,\"een\ntwee\ndrie\"\n2\n3,c\n4,d,e\n")
        #expect(list.map(\.line) == [5, 7])
    }

    @Test func unterminatedQuoteIsReported() {
        let list = problems("id,text\n1,a\n2,\"nooit gesloten\n3,c\n4,d\n")
        #expect(list.count == 1)
        #expect(list.first?.line == 3)
        #expect(list.first?.message.contains("never closed") == true)
    }

    @Test func textAfterAClosingQuoteIsReported() {
        let list = problems("id,text\n1,\"zei \"nee\" toen\"\n2,b\n")
        #expect(list.map(\.line) == [2])
    }

    @Test func windows1252IsConvertedWithANote() throws {
        // "café" with é as 0xE9, and “ja” with Windows-1252 quotes 0x93/0x94.
        let raw: [UInt8] = Array("id,text\n1,caf".utf8) + [0xE9] + Array(" ".utf8) + [0x93] + Array("ja".utf8) + [0x94] + [0x0A]
        let csv = try CSVFile(path: "oud.csv", raw: raw)
        #expect(try csv.allRecords().map(\.values) == [["1", "café “ja”"]])
        #expect(csv.notes.count == 1)
        #expect(csv.notes.first?.contains("Windows-1252") == true)
        #expect(csv.notes.first?.contains("oud.csv") == true)
    }

    @Test func mixedEncodingsAreRefusedWithTheLine() {
        let raw: [UInt8] = Array("id,text\n1,één\n2,ok\n3,caf".utf8) + [0xE9] + Array("\n".utf8)
        let list = problems(raw)
        #expect(list.count == 1)
        #expect(list.first?.line == 4)
        #expect(list.first?.message.contains("0xE9") == true)
    }

    @Test func utf16IsRefused() {
        let little: [UInt8] = [0xFF, 0xFE] + Array("id,text\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(problems(little).first?.message.contains("UTF-16") == true)
        let big: [UInt8] = [0xFE, 0xFF] + Array("id,text\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(problems(big).first?.message.contains("UTF-16") == true)
    }

    @Test func emptyFileIsRefused() {
        #expect(problems([]).first?.message.contains("empty") == true)
        #expect(problems(" \n\r\n").first?.message.contains("empty") == true)
        #expect(problems([0xEF, 0xBB, 0xBF]).first?.message.contains("empty") == true)
    }

    @Test func duplicateOrEmptyHeaderNamesAreRefused() {
        let duplicate = problems("id,text,id\n1,a,2\n")
        #expect(duplicate.count == 1)
        #expect(duplicate.first?.line == 1)
        #expect(duplicate.first?.message.contains("`id`") == true)
        #expect(problems("id,,text\n1,a,b\n").first?.message.contains("empty column name") == true)
    }

    @Test func chunksGiveTheSameRecordsAsOneChunk() throws {
        var text = "id,text,groep\n"
        for i in 1...60 {
            switch i % 4 {
            case 0: text += "\(i),\"meer\nregels, \"\"quotes\"\"\n\",a\n"
            case 1: text += "\(i),gewoon antwoord,b\n"
            case 2: text += "\n"
            default: text += "\(i),\"kort\",c\r\n"
            }
        }
        let csv = try file(text)
        func read(_ chunks: [CSVFile.Chunk]) -> [String] {
            var out: [String] = []
            for chunk in chunks {
                csv.forEachRecord(in: chunk, problem: { out.append("problem \($0)") }) { line, fields in
                    out.append("\(line): " + fields.map { csv.string($0) }.joined(separator: "|"))
                }
            }
            return out
        }
        let whole = read(csv.chunks())
        #expect(csv.chunks().count == 1)
        #expect(whole.count == 45)
        #expect(!whole.contains { $0.hasPrefix("problem") })
        for target in [1, 7, 40, 100] {
            let chunks = csv.chunks(targetBytes: target)
            #expect(chunks.count > 1)
            #expect(read(chunks) == whole, "target \(target)")
            // Chunks tile the body without gaps.
            for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.byteRange.upperBound == b.byteRange.lowerBound) }
        }
    }

    @Test func chunksAgreeAfterAStrayQuoteInAnUnquotedField() throws {
        // The reader takes `5" scherm` as an ordinary unquoted field; chunking must not then
        // lose track and cut the next, quoted multi-line field in two.
        let csv = try file("id,text\n1,een 5\" scherm\n2,\"een\ntwee\"\n3,c\n4,d\n")
        func read(_ chunks: [CSVFile.Chunk]) -> [String] {
            var out: [String] = []
            for chunk in chunks {
                csv.forEachRecord(in: chunk, problem: { out.append("problem \($0)") }) { line, fields in
                    out.append("\(line): " + fields.map { csv.string($0) }.joined(separator: "|"))
                }
            }
            return out
        }
        let whole = read(csv.chunks())
        #expect(whole == ["2: 1|een 5\" scherm", "3: 2|een\ntwee", "5: 3|c", "6: 4|d"])
        #expect(read(csv.chunks(targetBytes: 1)) == whole)
    }

    @Test func problemsInLaterChunksKeepTheirLines() throws {
        let csv = try file("id,text\n1,\"a\nb\"\n2,c\n3\n4,d\n")
        var lines: [Int] = []
        for chunk in csv.chunks(targetBytes: 1) {
            csv.forEachRecord(in: chunk, problem: { lines.append($0.line) }) { _, _ in }
        }
        #expect(lines == [5])
    }
}

@Suite("Corpus loading")
struct CorpusTests {
    @Test func missingTextColumnNamesTheColumns() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("antwoorden.csv", "id,antwoord,geslacht\n1,ja,man\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        let message = error?.problems.first?.message ?? ""
        #expect(message.contains("`text`"))
        for column in ["`id`", "`antwoord`", "`geslacht`"] { #expect(message.contains(column), "\(message)") }
        #expect(error?.problems.first?.file == path)

        let corpus = try Corpus.load([path], columns: .init(id: "id", text: "antwoord"))
        #expect(corpus.units.map(\.text) == ["ja"])
        #expect(corpus.units.first?.values == ["geslacht": "man"])
        #expect(corpus.variableNames == ["geslacht"])
    }

    @Test func duplicateIDsAcrossFilesAreReported() throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("a.csv", "id,text\nR1,een\nR2,twee\n")
        let second = try dir.write("b.csv", "id,text\nR3,drie\n\nR1,nog een\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([first, second]) }
        #expect(error?.problems.count == 1)
        let problem = try #require(error?.problems.first)
        #expect(problem.file == second && problem.line == 4)
        #expect(problem.message.contains("R1") && problem.message.contains("\(first):2"))
    }

    @Test func problemsInSeveralFilesAreReportedTogether() throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("a.csv", "id,text\n1,a,extra\n")
        let second = try dir.write("b.csv", "id,text\n2,\"open\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([first, second]) }
        #expect(Set(error?.problems.map(\.file) ?? []) == [first, second])
    }

    @Test func emptyIDIsReported() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.csv", "id,text\n1,a\n  ,b\n")
        let error = #expect(throws: InvalidInput.self) { try Corpus.load([path]) }
        #expect(error?.problems.map(\.line) == [3])
    }
}
