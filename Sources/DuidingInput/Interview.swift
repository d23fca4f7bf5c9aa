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

    public static func load(path: String) throws -> InterviewNotes {
        let raw: [UInt8]
        do { raw = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the file: \(error.localizedDescription)")])
        }
        let decoded = try TextEncoding.toUTF8(raw, file: path)
        return try parse(String(decoding: decoded.bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> InterviewNotes {
        // "\r\n" is one Character in Swift; splitting on newlines handles LF and CRLF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var fields: [(key: String, value: String)] = []
        var problems: [InputProblem] = []
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
        let interviewerField = fields.first { $0.key == "interviewer" }?.value ?? ""
        let interviewers = Set(interviewerField.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if interviewers.isEmpty || interviewerField.isEmpty {
            problems.append(InputProblem(file: path, line: 1,
                                         message: "the header needs `interviewer: LABEL` naming the interviewer's speaker label, so that respondent turns can be told apart"))
        }
        var turns: [Turn] = []
        var speaker: String?
        var body: [String] = []
        var start = 0
        func flush() {
            guard let s = speaker else { return }
            let text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            turns.append(Turn(number: turns.count + 1, speaker: s, text: text, line: start))
        }
        while index < lines.count {
            let line = lines[index]
            if let (name, rest) = speakerLine(line) {
                flush()
                speaker = name
                body = [rest]
                start = index + 1
            } else if speaker != nil {
                body.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(InputProblem(file: path, line: index + 1, message: "text before the first turn; a turn starts with `Spreker: `"))
            }
            index += 1
        }
        flush()
        if turns.isEmpty && problems.isEmpty {
            problems.append(InputProblem(file: path, line: lines.count, message: "no speaker turns found (`Spreker: tekst`)"))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return InterviewNotes(path: path, fields: fields, interviewers: interviewers, turns: turns)
    }

    /// `Label: text` where the label is short, starts with a capital and has no sentence in it.
    private static func speakerLine(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":"), let first = line.first, first.isUppercase else { return nil }
        let label = line[..<colon]
        guard label.count <= 40, label.split(separator: " ").count <= 4,
              label.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "." || $0.isNumber }) else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (String(label), rest.trimmingCharacters(in: .whitespaces))
    }

    /// Respondent turns (everyone but the interviewer).
    public var respondentTurns: [Turn] { turns.filter { !interviewers.contains($0.speaker.lowercased()) } }
}
