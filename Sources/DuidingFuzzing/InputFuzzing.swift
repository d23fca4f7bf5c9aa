import DuidingInput
import DuidingText
import Foundation

/// CSV/TSV: encoding detection, delimiter detection, header, records. Checks that the
/// records are the same however the file is cut into chunks (the parallel path of
/// `duiding code`), that every row has as many fields as the header, and that a field's
/// bytes, its string and its UTF-16 agree.
public func fuzzCSV(_ data: Data) {
    let file: CSVFile
    do { file = try CSVFile(path: "fuzz.csv", raw: Array(data)) } catch { return }
    precondition(!file.header.isEmpty, "a CSV file was accepted without columns")
    precondition([0x2C, 0x3B, 0x09].contains(file.delimiter), "the delimiter is not , ; or tab")
    let lines = 1 + file.bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }

    let whole = file.chunks()
    let fine = file.chunks(targetBytes: 1)
    for chunks in [whole, fine] {
        for (a, b) in zip(chunks, chunks.dropFirst()) {
            precondition(a.byteRange.upperBound == b.byteRange.lowerBound, "chunks leave a gap or overlap: \(a.byteRange) then \(b.byteRange)")
            precondition(a.firstLine <= b.firstLine, "chunk lines go backwards")
        }
        precondition(chunks.allSatisfy { !$0.byteRange.isEmpty }, "an empty chunk")
        if let last = chunks.last { precondition(last.byteRange.upperBound == file.bytes.count, "the chunks stop before the end of the file") }
    }
    precondition(whole.first?.byteRange.lowerBound == fine.first?.byteRange.lowerBound, "the body starts at different bytes")

    func read(_ chunks: [CSVFile.Chunk]) -> (rows: [[String]], lines: [Int], problems: [InputProblem]) {
        var rows: [[String]] = [], rowLines: [Int] = [], problems: [InputProblem] = []
        var utf16: [UInt16] = []
        for chunk in chunks {
            file.forEachRecord(in: chunk, problem: { problems.append($0) }) { line, fields in
                precondition(fields.count == file.header.count, "a row with \(fields.count) fields was passed on; the header has \(file.header.count)")
                precondition((1...lines).contains(line), "row line \(line) is outside the file's \(lines) lines")
                var values: [String] = []
                for field in fields {
                    precondition(field.range.lowerBound >= 0 && field.range.upperBound <= file.bytes.count, "a field outside the file")
                    let string = file.string(field)
                    let bytes = file.withBytes(field) { Array($0) }
                    precondition(bytes == Array(string.utf8), "a field's bytes and its string differ")
                    do { try file.withBytes(field) { try decodeUTF8($0, into: &utf16) } } catch {
                        preconditionFailure("a field of a decoded file is not valid UTF-8: \(error)")
                    }
                    precondition(utf16 == Array(string.utf16), "ICU's UTF-16 of a field differs from Swift's")
                    values.append(string)
                }
                rows.append(values)
                rowLines.append(line)
            }
        }
        for problem in problems { precondition((1...lines).contains(problem.line), "problem line \(problem.line) is outside the file") }
        return (rows, rowLines, problems)
    }
    let sequential = read(whole)
    let chunked = read(fine)
    // A good file reads the same however it is cut. In a broken one, the recovery after
    // "unexpected text after a closing quote" skips to the next line break without tracking
    // quotes, as the chunk splitter does, so later problems (and, with --skip-bad-rows, the
    // rows kept) can depend on where chunks start; both ways the file is reported as broken.
    if sequential.problems.isEmpty {
        precondition(sequential.rows == chunked.rows && sequential.lines == chunked.lines,
                     "records differ when the file is read in small chunks (\(sequential.rows.count) vs \(chunked.rows.count) rows)")
        precondition(chunked.problems.isEmpty, "problems only when the file is read in small chunks: \(chunked.problems)")
    } else {
        precondition(!chunked.problems.isEmpty, "problems only when the file is read in one piece: \(sequential.problems)")
    }
    let all = file.readAll()
    precondition(all.rows.map(\.values) == sequential.rows && all.problems == sequential.problems, "readAll differs from reading chunk by chunk")
    _ = try? file.column("id", option: "--id-column")
}

/// Interview notes: header fields, interviewer labels, speaker turns; the same bytes also as
/// SubRip and WebVTT subtitles and as pandoc's JSON of a document (the paths a `.docx` takes
/// after pandoc).
public func fuzzInterview(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
    let set = [(key: "interviewer", value: "Int")]
    for webVTT in [false, true] {
        if let notes = try? InterviewNotes.parseSubtitles(text, path: webVTT ? "fuzz.vtt" : "fuzz.srt", webVTT: webVTT, set: set) {
            checkTurns(notes, lines: lines, strictlyOrdered: false)
            for turn in notes.turns {
                let times = (turn.time ?? "").split(separator: "-").map(String.init)
                precondition(times.count == 2 && (times[0].count, times[0]) <= (times[1].count, times[1]),
                             "turn \(turn.number)'s times `\(turn.time ?? "")` are not start-end")
            }
        }
    }
    if let notes = try? InterviewNotes.parseDocument(pandocJSON: data, path: "fuzz.docx", set: set) {
        precondition(notes.turns.allSatisfy { $0.time == nil }, "a document's turn has times")
        checkTurns(notes, lines: nil, strictlyOrdered: false)
    }
    let notes: InterviewNotes
    do { notes = try InterviewNotes.parse(text, path: "fuzz.txt") } catch { return }
    checkTurns(notes, lines: lines, strictlyOrdered: true)
}

/// What holds for the turns of notes in any format; `lines` bounds their line numbers. Two
/// voices of one cue, or two lines of one document paragraph, share a line; two turns of a
/// text file never do (`strictlyOrdered`).
private func checkTurns(_ notes: InterviewNotes, lines: Int?, strictlyOrdered: Bool) {
    precondition(!notes.turns.isEmpty, "interview notes were accepted without turns")
    precondition(!notes.interviewers.isEmpty, "interview notes were accepted without an interviewer")
    for (index, turn) in notes.turns.enumerated() {
        precondition(turn.number == index + 1, "turn \(index + 1) is numbered \(turn.number)")
        if let lines { precondition((1...lines).contains(turn.line), "turn \(turn.number) starts on line \(turn.line) of \(lines)") }
        precondition(!turn.speaker.isEmpty, "turn \(turn.number) has no speaker")
        precondition(turn.text == turn.text.trimmingCharacters(in: .whitespacesAndNewlines), "turn \(turn.number) is not trimmed")
    }
    for (a, b) in zip(notes.turns, notes.turns.dropFirst()) {
        precondition(strictlyOrdered ? a.line < b.line : a.line <= b.line, "turns are not in line order")
    }
    let respondents = notes.respondentTurns
    precondition(respondents.allSatisfy { !notes.interviewers.contains($0.speaker.lowercased()) }, "an interviewer turn counts as a respondent's")
    for field in notes.fields { precondition(!field.key.isEmpty, "a header field without a name") }
}

/// SPSS `.sav` through libreadstat (it reads files only, so the bytes go to a scratch file).
public func fuzzSAV(_ data: Data) {
    let path = Scratch.file(data, target: "sav", name: "input.sav")
    let file: SPSSFile
    do { file = try SPSSFile.load(path: path) } catch { return }
    precondition(file.names.count == file.labels.count, "\(file.names.count) variable names but \(file.labels.count) labels")
    for (index, row) in file.rows.enumerated() {
        precondition(row.count == file.names.count, "case \(index + 1) has \(row.count) values for \(file.names.count) variables")
    }
    if let name = file.names.first { precondition(file.names.firstIndex(of: name) == (try? file.column(name, option: "--id-column")), "column lookup") }
    _ = try? Corpus.load([path], columns: Corpus.Columns(id: file.names.first ?? "id", text: file.names.last ?? "text"))
}
