import Foundation

/// Interview notes: a header of `key: value` lines up to the first blank line, then speaker
/// turns (`Naam: tekst`, continued on following lines until the next speaker). The header's
/// `interviewer:` field names the interviewer's speaker label(s, comma-separated); every other
/// speaker's turn is a respondent turn and becomes a unit `file#turn`.
public struct InterviewNotes: Sendable {
    public struct Turn: Sendable {
        /// 1-based position among all turns of the interview.
        public let number: Int
        public let speaker: String
        public let text: String
        /// The line of a text file or subtitle file, or the paragraph of a document, where the
        /// turn starts.
        public let line: Int
        /// A subtitle transcript's times of the turn, `00:01:02.500-00:01:30.000`; nil elsewhere.
        public let time: String?
    }

    /// A header field (`organisatie`, `Kleinere gemeente`); names are lower case.
    public typealias Field = (key: String, value: String)

    public let path: String
    /// Header fields in file order (organisation type, function, date, …), then those given
    /// on the command line (`--set`), which replace a field of the same name.
    public let fields: [Field]
    public let interviewers: Set<String>
    public let turns: [Turn]
    /// Lines that look like a speaker label but were read as text, and other doubts, so that
    /// no quote is silently attributed to the wrong speaker.
    public let warnings: [InputProblem]

    /// The file extensions read as interview notes: text, Word, OpenDocument, subtitles.
    public static let extensions: Set<String> = ["txt", "md", "docx", "odt", "srt", "vtt"]

    /// Reads interview notes of any format by its extension: `.txt`/`.md` (header, blank
    /// line, turns), `.docx`/`.odt` (through pandoc), `.srt`/`.vtt` (cues merged into turns).
    /// `set` adds or replaces header fields.
    public static func load(path: String, set: [Field] = []) throws -> InterviewNotes {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ext == "docx" || ext == "odt" {
            let content = try InterviewDocument.read(path: path)
            return try parseDocument(content.lines, tableFields: content.tableFields, path: path, set: set)
        }
        let raw = try InputLimits.read(path)
        let decoded = try TextEncoding.toUTF8(raw, file: path)
        let text = String(decoding: decoded.bytes, as: UTF8.self)
        if ext == "srt" || ext == "vtt" { return try parseSubtitles(text, path: path, webVTT: ext == "vtt", set: set) }
        return try parse(text, path: path, set: set)
    }

    /// Notes in the text format: `veld: waarde` lines up to the first blank line, then turns.
    /// When `set` names the interviewer and the first line is that interviewer's turn, the
    /// notes have no header.
    public static func parse(_ text: String, path: String, set: [Field] = []) throws -> InterviewNotes {
        // "\r\n" is one Character in Swift; splitting on newlines handles LF and CRLF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var fields: [Field] = []
        var problems: [InputProblem] = []
        var index = 0
        let startsWithTurn = lines.first.flatMap(labelCandidate).map { interviewers(set).contains($0.0.lowercased()) } ?? false
        while !startsWithTurn, index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let line = lines[index]
            if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if key.isEmpty { problems.append(InputProblem(file: path, line: index + 1, message: "header line has no field name before `:`")) }
                else { fields.append((key, value)) }
            } else {
                problems.append(InputProblem(file: path, line: index + 1,
                                             message: "header lines are `veld: waarde`; end the header with a blank line before the first turn"))
            }
            index += 1
        }
        if lines[index...].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw InvalidInput([InputProblem(file: path, line: 1, message: Self.noTurnsMessage(blankLine: false))])
        }
        let body = lines.indices[index...].map { BodyLine(text: lines[$0], number: $0 + 1) }
        var builder = TurnBuilder(path: path, fields: merge(fields, set), place: "line")
        builder.problems = problems
        builder.read(body[...], strict: true)
        return try builder.finish(lastLine: lines.count)
    }

    /// A document as pandoc's JSON (`pandoc --to json`), read as `load` reads a `.docx`.
    public static func parseDocument(pandocJSON: Data, path: String, set: [Field] = []) throws -> InterviewNotes {
        let content = try InterviewDocument.parse(pandocJSON, path: path)
        return try parseDocument(content.lines, tableFields: content.tableFields, path: path, set: set)
    }

    /// A Word or OpenDocument file's lines (see `InterviewDocument`): the header fields are
    /// the first table's rows and the leading `veld: waarde` paragraphs (up to the first
    /// interviewer's turn or recurring speaker label); headings are not part of any turn.
    static func parseDocument(_ lines: [BodyLine], tableFields: [Field], path: String, set: [Field]) throws -> InterviewNotes {
        var counts: [String: Int] = [:]
        for line in lines { if let (label, _) = line.label { counts[label.lowercased(), default: 0] += 1 } }
        var header: [Field] = []
        var used: Set<Int> = []
        // Up to the first speaker's turn; text that is neither field nor turn (a title, an
        // introduction) is left to the turns, which leave it out with a warning.
        for (index, line) in lines.enumerated() {
            guard !line.heading, let (label, value) = line.label else { continue }
            let key = label.lowercased()
            // The field `interviewer` may share its name with the interviewer's label.
            guard !interviewers(merge(tableFields + header, set)).contains(key), key == "interviewer" || counts[key, default: 0] < 2 else { break }
            header.append((key, value))
            used.insert(index)
        }
        let fields = merge(tableFields + header, set)
        var builder = TurnBuilder(path: path, fields: fields, place: "paragraph")
        builder.read(lines.indices.filter { !used.contains($0) }.map { lines[$0] }[...], strict: false)
        return try builder.finish(lastLine: lines.last?.number ?? 1)
    }

    /// A subtitle transcript: each cue's speaker is its `<v Name>` tag or its `Name:` prefix;
    /// a cue with neither continues the speaker before. Header fields come from WebVTT `NOTE`
    /// blocks and `set`. Consecutive cues of one speaker are
    /// one turn, with the times of its first and last cue.
    public static func parseSubtitles(_ text: String, path: String, webVTT: Bool, set: [Field] = []) throws -> InterviewNotes {
        let (cues, fields) = try Subtitles.parse(text, path: path, webVTT: webVTT)
        var builder = TurnBuilder(path: path, fields: merge(fields, set), place: "cue")
        builder.read(cues)
        return try builder.finish(lastLine: cues.last?.line ?? 1)
    }

    /// A header field from `veld=waarde` (the command line's `--set`); nil without a name
    /// before the `=`. The name is lower case, as in a header.
    public static func field(assignment: String) -> Field? {
        guard let equals = assignment.firstIndex(of: "=") else { return nil }
        let key = assignment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
        let value = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : (key, value)
    }

    /// Header fields with those of the command line: same name replaces, new ones follow.
    private static func merge(_ fields: [Field], _ set: [Field]) -> [Field] {
        var merged = fields
        for field in set {
            if let i = merged.firstIndex(where: { $0.key == field.key }) { merged[i] = field } else { merged.append(field) }
        }
        return merged
    }

    /// The interviewers' speaker labels, lower case, from the `interviewer:` field
    /// (comma-separated).
    static func interviewers(_ fields: [Field]) -> Set<String> {
        let field = fields.first { $0.key == "interviewer" }?.value ?? ""
        return Set(field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// A line of the notes' body: a line of a text file, or a line of a document's paragraph
    /// (with a speaker label its formatting marks: bold).
    struct BodyLine {
        var text: String
        /// The line of the file, or the paragraph of the document.
        var number: Int
        var heading = false
        var boldLabel: (String, String)?

        /// The label and the rest: the bold one, else `Label: text` by its shape.
        var label: (String, String)? { boldLabel ?? InterviewNotes.labelCandidate(text) }
    }

    /// Speaker turns from lines or cues; problems and warnings on the way.
    private struct TurnBuilder {
        let path: String
        let fields: [Field]
        let interviewers: Set<String>
        /// What `line` counts in a message: a line (also in subtitles), a paragraph.
        let place: String
        var problems: [InputProblem] = []
        var warnings: [InputProblem] = []
        var turns: [Turn] = []
        private var speaker: String?
        private var body: [String] = []
        private var start = 0
        private var times: (Int, Int)?

        init(path: String, fields: [Field], place: String) {
            self.path = path
            self.fields = fields
            self.interviewers = InterviewNotes.interviewers(fields)
            self.place = place
        }

        private func at(_ number: Int) -> String { place == "paragraph" ? "paragraph \(number): " : "" }

        /// Whether a label by its shape is a speaker: it is written as a name, is the
        /// interviewer's, or recurs. In a document whose labels are bold, only a bold label
        /// (or one that is bold elsewhere, or the interviewer's) is.
        private func accepts(_ label: String, counts: [String: Int], bold: Set<String>) -> Bool {
            let key = label.lowercased()
            if interviewers.contains(key) { return true }
            if !bold.isEmpty { return bold.contains(key) }
            return looksLikeName(label) || counts[key, default: 0] >= 2
        }

        private func notTaken(_ label: String, bold: Set<String>) -> String {
            bold.isEmpty
                ? "`\(label):` looks like a speaker label but is read as text of the turn before (it occurs once and starts in lower case); write speaker labels as `Naam: tekst`"
                : "`\(label):` looks like a speaker label but is not bold like the other labels, so it is read as text of the turn before; make it bold if it is a speaker"
        }

        /// Lines of a text file (`strict`: text before the first turn is an error) or of a
        /// document (it is left out, with a warning: a title or an introduction).
        mutating func read(_ lines: ArraySlice<BodyLine>, strict: Bool) {
            var counts: [String: Int] = [:]
            for line in lines { if let (label, _) = line.label { counts[label.lowercased(), default: 0] += 1 } }
            let bold = Set(lines.compactMap { $0.boldLabel?.0.lowercased() })
            for line in lines {
                if line.heading {
                    if speaker != nil, !line.text.allSatisfy(\.isWhitespace) {
                        warnings.append(InputProblem(file: path, line: line.number, message: at(line.number) + "the heading `\(line.text)` is not part of any turn and is left out"))
                    }
                    continue
                }
                if let (name, rest) = line.boldLabel ?? labelCandidate(line.text) {
                    if line.boldLabel != nil || accepts(name, counts: counts, bold: bold) {
                        begin(name, rest, line: line.number)
                        continue
                    }
                    warnings.append(InputProblem(file: path, line: line.number, message: at(line.number) + notTaken(name, bold: bold)))
                }
                if speaker != nil {
                    body.append(line.text)
                } else if !line.text.allSatisfy(\.isWhitespace) {
                    if strict {
                        problems.append(InputProblem(file: path, line: line.number, message: "text before the first turn; a turn starts with `Spreker: `"))
                    } else {
                        warnings.append(InputProblem(file: path, line: line.number,
                                                     message: at(line.number) + "`\(line.text.prefix(40))` comes before the first turn and is left out (it is no header field `veld: waarde` and no turn `Spreker: tekst`)"))
                    }
                }
            }
            flush()
        }

        /// Cues of a subtitle file; the cue's text lines are one text, cues of a turn are
        /// joined with a space.
        mutating func read(_ cues: [Subtitles.Cue]) {
            var counts: [String: Int] = [:]
            for cue in cues where cue.voice == nil { if let (label, _) = labelCandidate(cue.text) { counts[label.lowercased(), default: 0] += 1 } }
            for cue in cues {
                var name = cue.voice
                var text = cue.text
                if name == nil, let (label, rest) = labelCandidate(cue.text) {
                    if accepts(label, counts: counts, bold: []) { (name, text) = (label, rest) }
                    else { warnings.append(InputProblem(file: path, line: cue.line, message: "cue \(cue.number): " + notTaken(label, bold: []))) }
                }
                if let name, name != speaker {
                    begin(name, text, line: cue.line)
                } else if speaker != nil {
                    body.append(text)
                } else {
                    problems.append(InputProblem(file: path, line: cue.line,
                                                 message: "cue \(cue.number) has no speaker, and no cue before it has one; start the cue's text with `Naam: ` or a WebVTT voice tag `<v Naam>`"))
                    continue
                }
                times = (times?.0 ?? cue.start, cue.end)
            }
            flush()
        }

        private mutating func begin(_ name: String, _ rest: String, line: Int) {
            flush()
            speaker = name
            body = [rest]
            start = line
        }

        private mutating func flush() {
            defer { times = nil }
            guard let s = speaker else { return }
            let separator = place == "cue" ? " " : "\n"
            let text = body.joined(separator: separator).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.utf8.count > InputLimits.fieldBytes {
                problems.append(InputProblem(file: path, line: start, message: at(start) + InputLimits.tooLarge(text.utf8.count, what: "the turn of `\(s)`")))
            }
            turns.append(Turn(number: turns.count + 1, speaker: s, text: text, line: start,
                              time: times.map { "\(Subtitles.format($0.0))-\(Subtitles.format($0.1))" }))
            speaker = nil
        }

        /// The notes, or every problem found.
        func finish(lastLine: Int) throws -> InterviewNotes {
            var problems = problems
            if interviewers.isEmpty {
                problems.insert(InputProblem(file: path, line: 1, message: place == "line"
                    ? "the header needs `interviewer: LABEL` naming the interviewer's speaker label, so that respondent turns can be told apart (or give it with --set interviewer=LABEL)"
                    : "say who the interviewer is: a header field `interviewer: LABEL` naming the interviewer's speaker label, or --set interviewer=LABEL"), at: 0)
            }
            if turns.isEmpty && problems.isEmpty {
                problems.append(InputProblem(file: path, line: lastLine, message: place == "line" ? InterviewNotes.noTurnsMessage(blankLine: true)
                    : "no speaker turns found in the \(place == "cue" ? "subtitles" : "document"): a turn starts with the speaker's label, `Interviewer: vraag`, `Griffier: antwoord` (in a document bold or not, in subtitles also a voice tag `<v Griffier>`)"))
            }
            if !problems.isEmpty { throw InvalidInput(problems) }
            var warnings = warnings
            var perSpeaker: [String: Int] = [:]
            for turn in turns { perSpeaker[turn.speaker, default: 0] += 1 }
            if turns.count >= 4 {
                for turn in turns where perSpeaker[turn.speaker] == 1 && !interviewers.contains(turn.speaker.lowercased()) {
                    warnings.append(InputProblem(file: path, line: turn.line,
                                                 message: at(turn.line) + "speaker `\(turn.speaker)` has only this turn; if it is not a speaker, the line belongs to the turn before"))
                }
            }
            let speakers = Set(turns.map { $0.speaker.lowercased() })
            for label in interviewers.sorted() where !speakers.contains(label) {
                warnings.append(InputProblem(file: path, line: 1, message: "no turn has the interviewer's label `\(label)`; the speakers are \(Set(turns.map(\.speaker)).sorted().map { "`\($0)`" }.joined(separator: ", "))"))
            }
            if !turns.contains(where: { !interviewers.contains($0.speaker.lowercased()) }) {
                warnings.append(InputProblem(file: path, line: 1, message: "every turn is the interviewer's (\(interviewers.sorted().joined(separator: ", "))); no turn is a unit"))
            }
            return InterviewNotes(path: path, fields: fields, interviewers: interviewers, turns: turns, warnings: warnings.sorted { $0.line < $1.line })
        }
    }

    private static func noTurnsMessage(blankLine: Bool) -> String {
        (blankLine ? "no speaker turns found. " : "no blank line after the header, so no turns. ")
            + "Interview notes are: `veld: waarde` header lines (e.g. `organisatie: Kleinere gemeente`, `interviewer: Interviewer`), "
            + "a blank line, then turns that start with the speaker's label: `Interviewer: vraag`, `Griffier: antwoord`"
    }

    /// `Label: text` at the start of a line, where the label is short and has no sentence in
    /// it: letters (any case), digits, spaces, `-.'’&/`, emoji, and parentheses or brackets
    /// (which may hold a colon: `Raadslid (VVD):`, `Spreker [00:12]:`). The colon after the label
    /// is followed by a space or ends the line.
    static func labelCandidate(_ line: String) -> (String, String)? {
        guard let first = line.first, !first.isWhitespace else { return nil }
        var depth = 0
        var count = 0
        for i in line.indices {
            let c = line[i]
            count += 1
            if count > 48 { return nil }
            switch c {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1; if depth < 0 { return nil }
            case ":" where depth == 0:
                let label = line[..<i].trimmingCharacters(in: .whitespaces)
                let after = line.index(after: i)
                guard after == line.endIndex || line[after] == " " || line[after] == "\t",
                      !label.isEmpty, label.count <= 40, label.split(separator: " ").count <= 5 else { return nil }
                return (label, line[after...].trimmingCharacters(in: .whitespaces))
            default:
                guard depth > 0 || c.isLetter || c.isNumber || " -.'’&/".contains(c) || isEmoji(c) else { return nil }
            }
        }
        return nil
    }

    /// A label written as a name: a capital, a digit, an emoji or a bracket first.
    static func looksLikeName(_ label: String) -> Bool {
        guard let first = label.first else { return false }
        return first.isUppercase || first.isNumber || isEmoji(first) || first == "(" || first == "["
    }

    private static func isEmoji(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0xFF }
    }

    /// Respondent turns (everyone but the interviewer).
    public var respondentTurns: [Turn] { turns.filter { !interviewers.contains($0.speaker.lowercased()) } }
}
