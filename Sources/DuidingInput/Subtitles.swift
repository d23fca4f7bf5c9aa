import Foundation

/// Subtitle transcripts as transcription services write them: SubRip (`.srt`, `1` /
/// `00:00:01,000 --> 00:00:04,000` / text) and WebVTT (`.vtt`, `WEBVTT`, optional cue
/// identifiers, `00:01.000 --> 00:04.000` without hours as Whisper writes them, `<v Name>` voice
/// tags as Teams writes them). Formatting tags are dropped and WebVTT's character references
/// decoded; the lines of a cue are one text (a subtitle's line breaks are only display). A
/// WebVTT `NOTE` block may hold header fields, one `veld: waarde` per line.
enum Subtitles {
    /// One cue, or one voice of a cue (a cue with two `<v>` tags gives two).
    struct Cue {
        /// 1-based position among the file's cues.
        let number: Int
        /// The line of the cue's times.
        let line: Int
        /// Milliseconds from the start.
        let start: Int
        let end: Int
        /// The speaker of a `<v Name>` tag; nil when the cue has none.
        let voice: String?
        let text: String
    }

    /// The cues, and the header fields of WebVTT `NOTE` blocks.
    static func parse(_ text: String, path: String, webVTT: Bool) throws -> (cues: [Cue], fields: [InterviewNotes.Field]) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var problems: [InputProblem] = []
        var cues: [Cue] = []
        var fields: [InterviewNotes.Field] = []
        var index = 0
        if webVTT {
            guard let first = lines.first, first == "WEBVTT" || first.hasPrefix("WEBVTT ") || first.hasPrefix("WEBVTT\t") else {
                throw InvalidInput([InputProblem(file: path, line: 1, message: "a WebVTT file starts with the line `WEBVTT`; is this a subtitle file?")])
            }
            // The header block runs to the first blank line.
            while index < lines.count, !isBlank(lines[index]) { index += 1 }
        }
        var number = 0
        while index < lines.count {
            if isBlank(lines[index]) { index += 1; continue }
            let blockStart = index
            var block: [String] = []
            while index < lines.count, !isBlank(lines[index]) { block.append(lines[index]); index += 1 }
            if webVTT, let word = block[0].split(separator: " ").first, ["NOTE", "STYLE", "REGION"].contains(word) {
                if word == "NOTE" { fields += noteFields([String(block[0].dropFirst(4))] + block.dropFirst()) }
                continue
            }
            number += 1
            // An identifier (SubRip's number, WebVTT's optional id) may come before the times.
            guard let timing = block.prefix(2).firstIndex(where: { $0.contains("-->") }) else {
                problems.append(InputProblem(file: path, line: blockStart + 1,
                                             message: "cue \(number) has no times; a cue starts with `00:00:01,000 --> 00:00:04,000` (after an optional number), then its text"))
                continue
            }
            let line = blockStart + timing + 1
            guard let (start, end) = times(block[timing]) else {
                problems.append(InputProblem(file: path, line: line,
                                             message: "cue \(number): `\(block[timing])` are not cue times; write `00:01:02,500 --> 00:01:05,000` (hours optional in WebVTT, `.` or `,` before the milliseconds)"))
                continue
            }
            if end < start {
                problems.append(InputProblem(file: path, line: line, message: "cue \(number) ends (\(format(end))) before it starts (\(format(start)))"))
                continue
            }
            for (voice, text) in voices(block[(timing + 1)...]) where !text.isEmpty {
                cues.append(Cue(number: number, line: line, start: start, end: end, voice: voice, text: text))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return (cues, fields)
    }

    /// `veld: waarde` lines of a note; other lines are a comment.
    private static func noteFields(_ lines: [String]) -> [InterviewNotes.Field] {
        lines.compactMap { line in
            guard let (key, value) = InterviewNotes.labelCandidate(line.trimmingCharacters(in: .whitespaces)), !value.isEmpty else { return nil }
            return (key.lowercased(), value)
        }
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    /// `start --> end`, possibly followed by WebVTT cue settings.
    static func times(_ line: String) -> (Int, Int)? {
        let parts = line.components(separatedBy: "-->")
        guard parts.count == 2, let end = parts[1].split(whereSeparator: \.isWhitespace).first,
              let a = timestamp(parts[0].trimmingCharacters(in: .whitespaces)), let b = timestamp(String(end)) else { return nil }
        return (a, b)
    }

    /// `hh:mm:ss,mmm`, `hh:mm:ss.mmm` or `mm:ss.mmm` in milliseconds.
    static func timestamp(_ text: String) -> Int? {
        let fraction = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard fraction.count == 2, fraction[1].count == 3, let ms = Int(fraction[1]), fraction[1].allSatisfy(\.isASCII) else { return nil }
        let fields = fraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let numbers = fields.compactMap { Int($0) }
        guard numbers.count == fields.count else { return nil }
        let (hours, minutes, seconds) = numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, numbers[0], numbers[1])
        guard minutes < 60, seconds < 60, fields.last?.count == 2, hours < 10_000 else { return nil }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms
    }

    /// Milliseconds as `hh:mm:ss.mmm`.
    static func format(_ ms: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = ms % 1000
        let pad = millis < 10 ? "00" : millis < 100 ? "0" : ""
        return "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60)).\(pad)\(millis)"
    }

    /// A cue's text per voice: `<v Name>` starts a voice (`<v.class Name>` too); other tags
    /// (`<i>`, `<c.x>`, `</v>`, `<00:00:01.000>`, `<font …>`) are dropped.
    static func voices(_ lines: ArraySlice<String>) -> [(String?, String)] {
        var result: [(String?, String)] = []
        var voice: String?
        var text = ""
        func flush() {
            let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !trimmed.isEmpty || voice != nil { result.append((voice, trimmed)) }
            text = ""
        }
        for line in lines {
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "<") {
                text += decode(rest[..<open])
                guard let close = rest[open...].firstIndex(of: ">") else { rest = rest[open...]; break }
                let tag = rest[rest.index(after: open)..<close]
                if tag.hasPrefix("v ") || tag.hasPrefix("v.") || tag.hasPrefix("v\t") {
                    flush()
                    let name = tag.drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespaces)
                    voice = name.isEmpty ? nil : decode(Substring(name))
                }
                rest = rest[rest.index(after: close)...]
            }
            text += decode(rest) + " "
        }
        flush()
        return result.filter { !$0.1.isEmpty }
    }

    /// WebVTT's character references (`&amp;` …); SubRip files rarely have them.
    private static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = String(text)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", "\u{A0}"), ("&lrm;", "\u{200E}"), ("&rlm;", "\u{200F}"),
                                    ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }
}
