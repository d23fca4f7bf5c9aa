import ArgumentParser
import DuidingCodebook
import DuidingExport
import DuidingProject
import DuidingStore
import DuidingText
import Foundation

/// `duiding codebook try`: what a pattern would do on a project, before it is in the codebook.
struct CodebookTry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "try",
        abstract: "Try a pattern on a project: how many units it matches, how many are new, and examples with the match marked.",
        discussion: """
        The pattern is read as the latest codebook version would read it (its language, folding, \
        negation and defaults; with --code that code's options and exclude patterns), so the units \
        it matches are the units a recode with the pattern added would suggest the code for. New: \
        the code is not among the unit's current codes (without --code: the unit has no code at \
        all). CSV: id,new,evidence,start,end for every matched unit (start/end in Unicode \
        characters, as `duiding code` writes them). Nothing is changed in the project.
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "A pattern in the codebook's syntax, e.g. 'voorzicht*' or 'denk * keer na' (quote it for the shell).")
    var pattern: String

    @Option(help: "The code the pattern would belong to (its options and exclude patterns apply).")
    var code: String?

    @Option(help: "Examples to show (text format); new ones first.")
    var examples = 5

    @Option(help: "text or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        if examples < 0 { throw ValidationError("--examples must be 0 or more") }
    }

    func run() throws {
        let store = try ProjectStore.open(at: project, access: .read)
        let trial = PatternTrial(store: store)
        let result = try trial.run(pattern: pattern, target: code.map { .code($0) } ?? .none,
                                   examples: format == .csv ? Int.max : examples)
        switch format {
        case .csv:
            var out = CSVWriter.row(["id", "new", "evidence", "start", "end"])
            let byID = Dictionary(result.examples.map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a })
            for id in result.matched {
                guard let example = byID[id], let range = example.ranges.first else { continue }
                let utf16 = Array(example.text.utf16)
                let (start, end) = utf16.withUnsafeBufferPointer {
                    (scalarOffset(in: $0, utf16: range.lowerBound), scalarOffset(in: $0, utf16: range.upperBound))
                }
                out += CSVWriter.spreadsheetRow([id, example.isNew ? "yes" : "no", String(decoding: utf16[range], as: UTF16.self),
                                                 String(start), String(end)])
            }
            try write(out, to: output)
        case .text:
            let without = code.map { "without \($0)" } ?? "without any code"
            var out = "`\(pattern)`\(code.map { " (code \($0))" } ?? "") on codebook version \(result.version): "
                + "\(result.matched.count) of \(try store.unitCount()) units match, \(result.new) of them new (\(without))\n"
            for example in result.examples {
                out += "  \(example.unitID)\(example.isNew ? " (new)" : ""): \(Self.marked(example.text, example.ranges))\n"
            }
            try write(out, to: output)
        }
    }

    /// The text around the matches, with each match in [[ ]] and line breaks shown as spaces.
    static func marked(_ text: String, _ ranges: [Range<Int>], context: Int = 60) -> String {
        let utf16 = Array(text.utf16)
        guard let first = ranges.first?.lowerBound, let last = ranges.map(\.upperBound).max() else { return text }
        var start = max(0, first - context), end = min(utf16.count, last + context)
        // Cut at spaces, never inside a character.
        if start > 0 { start = utf16[start..<first].firstIndex(of: 0x20).map { $0 + 1 } ?? first }
        if end < utf16.count { end = utf16[last..<end].lastIndex(of: 0x20) ?? last }
        var out = start > 0 ? "[...] " : ""
        var at = start
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= at {
            out += String(decoding: utf16[at..<range.lowerBound], as: UTF16.self)
            out += "[[" + String(decoding: utf16[range], as: UTF16.self) + "]]"
            at = range.upperBound
        }
        if at < end { out += String(decoding: utf16[at..<end], as: UTF16.self) }
        if end < utf16.count { out += " [...]" }
        return out.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}

/// `duiding codebook stats`: how each pattern of the latest codebook version does.
struct CodebookStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per pattern of the latest codebook version: the units it fires on and how often its code was right by the decisions.",
        discussion: """
        Right: the code was accepted or added on a unit the pattern fired on; wrong: rejected; \
        open: not decided. Precision = right / (right + wrong). Patterns that never fire and \
        patterns that are mostly wrong (more rejected than accepted) come first, marked. For an \
        exclude pattern, fires counts the units it matches in. CSV: \
        code,kind,line,pattern,fires,right,wrong,open,precision,flag.
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Option(help: "text or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        let stats = try PatternTrial(store: try ProjectStore.open(at: project, access: .read)).stats()
        let rows = stats.patterns.map { p in
            [p.code, p.kind.rawValue, p.line.map(String.init) ?? "", p.pattern, String(p.fires),
             p.kind == .include ? String(p.right) : "", p.kind == .include ? String(p.wrong) : "", p.kind == .include ? String(p.undecided) : "",
             p.precision.map { String(fixed: $0, decimals: 2) } ?? "", p.flag?.rawValue ?? ""]
        }
        let header = ["code", "kind", "line", "pattern", "fires", "right", "wrong", "open", "precision", "flag"]
        guard format == .text else {
            return try write(CSVWriter.row(header) + rows.map(CSVWriter.spreadsheetRow).joined(), to: output)
        }
        let flagged = stats.patterns.count { $0.flag != nil }
        var out = "codebook version \(stats.version.id) (\(stats.version.name)) on \(stats.units) units: \(stats.patterns.count) patterns, "
            + "\(flagged) worth a look (marked !)\n\n"
        let lines = [[""] + header] + rows.map { [($0[9].isEmpty ? "" : "!")] + $0 }
        let widths = (0..<lines[0].count).map { c in c == 4 ? 0 : lines.map { $0[c].count }.max() ?? 0 }
        for line in lines {
            // The pattern (column 4) last, so long patterns do not push the figures apart.
            let cells = line.enumerated().filter { $0.offset != 4 }.map { c, cell in cell.padding(to: widths[c]) }
            out += (cells.joined(separator: "  ") + "  " + line[4]).trimmingTrailingSpaces() + "\n"
        }
        try write(out, to: output)
    }
}

extension String {
    /// The text without the spaces padding left at its end.
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
