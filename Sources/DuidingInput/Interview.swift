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
        public let line: Int
    }

    public let path: String
    /// Header fields in file order (organisation type, function, date, …).
    public let fields: [(key: String, value: String)]
    public let interviewers: Set<String>
    public let turns: [Turn]
    /// Lines that look like a speaker label but were read as text, and other doubts, so that
    /// no quote is silently attributed to the wrong speaker.
    public let warnings: [InputProblem]

    public static func load(path: String) throws -> InterviewNotes {
        let raw = try InputLimits.read(path)
        let decoded = try TextEncoding.toUTF8(raw, file: path)
        return try parse(String(decoding: decoded.bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> InterviewNotes {
        // "\r\n" is one Character in Swift; splitting on newlines handles LF and CRLF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var fields: [(key: String, value: String)] = []
        var problems: [InputProblem] = []
        var warnings: [InputProblem] = []
        var index = 0
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
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
        let interviewerField = fields.first { $0.key == "interviewer" }?.value ?? ""
        let interviewers = Set(interviewerField.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if interviewers.isEmpty || interviewerField.isEmpty {
            problems.append(InputProblem(file: path, line: 1,
                                         message: "the header needs `interviewer: LABEL` naming the interviewer's speaker label, so that respondent turns can be told apart"))
        }
        // A label that starts in lower case (or is otherwise unusual) counts when it is the
        // interviewer's or recurs; a one-off `let op: …` stays text, with a warning.
        let bodyLines = lines[index...]
        var recurring: [String: Int] = [:]
        for line in bodyLines { if let (label, _) = labelCandidate(line) { recurring[label.lowercased(), default: 0] += 1 } }
        var turns: [Turn] = []
        var speaker: String?
        var body: [String] = []
        var start = 0
        func flush() {
            guard let s = speaker else { return }
            let text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.utf8.count > InputLimits.fieldBytes {
                problems.append(InputProblem(file: path, line: start, message: InputLimits.tooLarge(text.utf8.count, what: "the turn of `\(s)`")))
            }
            turns.append(Turn(number: turns.count + 1, speaker: s, text: text, line: start))
        }
        while index < lines.count {
            let line = lines[index]
            if let (name, rest) = labelCandidate(line) {
                let key = name.lowercased()
                if looksLikeName(name) || interviewers.contains(key) || recurring[key, default: 0] >= 2 {
                    flush()
                    speaker = name
                    body = [rest]
                    start = index + 1
                    index += 1
                    continue
                }
                warnings.append(InputProblem(file: path, line: index + 1,
                                             message: "`\(name):` looks like a speaker label but is read as text of the turn before (it occurs once and starts in lower case); write speaker labels as `Naam: tekst`"))
            }
            if speaker != nil {
                body.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(InputProblem(file: path, line: index + 1, message: "text before the first turn; a turn starts with `Spreker: `"))
            }
            index += 1
        }
        flush()
        if turns.isEmpty && problems.isEmpty {
            problems.append(InputProblem(file: path, line: lines.count, message: Self.noTurnsMessage(blankLine: true)))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        var perSpeaker: [String: Int] = [:]
        for turn in turns { perSpeaker[turn.speaker, default: 0] += 1 }
        if turns.count >= 4 {
            for turn in turns where perSpeaker[turn.speaker] == 1 && !interviewers.contains(turn.speaker.lowercased()) {
                warnings.append(InputProblem(file: path, line: turn.line,
                                             message: "speaker `\(turn.speaker)` has only this turn; if it is not a speaker, the line belongs to the turn before"))
            }
        }
        return InterviewNotes(path: path, fields: fields, interviewers: interviewers, turns: turns, warnings: warnings.sorted { $0.line < $1.line })
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
    private static func looksLikeName(_ label: String) -> Bool {
        guard let first = label.first else { return false }
        return first.isUppercase || first.isNumber || isEmoji(first) || first == "(" || first == "["
    }

    private static func isEmoji(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0xFF }
    }

    /// Respondent turns (everyone but the interviewer).
    public var respondentTurns: [Turn] { turns.filter { !interviewers.contains($0.speaker.lowercased()) } }
}
