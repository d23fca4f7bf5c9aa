import Foundation
import Yams

/// Small changes to a codebook's YAML text that keep the rest of the text as it is (comments,
/// order, quoting, blank lines): a pattern appended to a code's `include` list, or a new code
/// appended to `codes`. Every result is read back with `CodebookLoader` and compared with the
/// original codebook; an edit that would change anything else is refused.
public enum CodebookEdit {
    /// Why an edit cannot be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// An edited codebook: its new text and the codebook read back from it.
    public struct Result: Sendable {
        public let yaml: String
        public let codebook: Codebook
    }

    /// The codebook with `pattern` appended to the `include` list of code `id`. `file` names the
    /// codebook in messages about the original text.
    public static func addingPattern(_ pattern: String, toCode id: String, in yaml: String, file: String) throws -> Result {
        try Source(yaml, file: file).addingPattern(pattern, toCode: id)
    }

    /// The codebook with a new code (`id`, `label`, one include pattern) at the end of `codes`.
    public static func addingCode(id: String, label: String, pattern: String, to yaml: String, file: String) throws -> Result {
        try Source(yaml, file: file).addingCode(id: id, label: label, pattern: pattern)
    }

    /// A codebook text read once, to make several edits of it (each edit reads back only its result).
    public struct Source: @unchecked Sendable {
        public let yaml: String
        /// The codebook the text holds.
        public let codebook: Codebook
        fileprivate let text: Text

        public init(_ yaml: String, file: String) throws {
            self.yaml = yaml
            codebook = try CodebookLoader.parse(yaml, file: file)
            text = try Text(yaml)
        }

        /// The options a pattern written as plain text gets in code `id` (nil: in a new code):
        /// the codebook's `defaults`, then the code's own `fuzzy` and `negatable`, as the loader
        /// applies them (the text was read by the loader, so the values are valid).
        public func patternOptions(forCode id: String?) -> (fuzzy: Bool, negatable: Bool, gap: Int) {
            var fuzzy = false, negatable = true, gap = CodebookLoader.defaultGap
            if let defaults = Text.value("defaults", of: text.root) {
                fuzzy = Text.value("fuzzy", of: defaults)?.bool ?? fuzzy
                negatable = Text.value("negatable", of: defaults)?.bool ?? negatable
                gap = Text.value("gap", of: defaults)?.int ?? gap
            }
            if let id, let code = try? text.codeNode(id) {
                fuzzy = Text.value("fuzzy", of: code)?.bool ?? fuzzy
                negatable = Text.value("negatable", of: code)?.bool ?? negatable
            }
            return (fuzzy, negatable, gap)
        }

        /// The codebook with `pattern` appended to the `include` list of code `id`.
        public func addingPattern(_ pattern: String, toCode id: String) throws -> Result {
            let original = codebook
            guard let index = original.codes.firstIndex(where: { $0.id == id }) else {
                throw Failure("the codebook has no code `\(id)` (\(original.codes.map(\.id).joined(separator: ", ")))")
            }
            let code = try text.codeNode(id)
            let newText: String
            if let include = Text.value("include", of: code) {
                newText = try text.appending(pattern, to: include)
            } else {
                newText = try text.addingKey("include", pattern: pattern, to: code)
            }
            let edited = try readBack(newText)
            var expected = original
            guard let added = edited.codes.indices.contains(index) ? edited.codes[index].include.last : nil else {
                throw Failure("the pattern could not be added to the codebook text automatically; add it to the file by hand")
            }
            expected.codes[index].include.append(added)
            guard added.source == pattern, same(edited, expected) else {
                throw Failure("the pattern could not be added to the codebook text automatically; add it to the file by hand")
            }
            return Result(yaml: newText, codebook: edited)
        }

        /// The codebook with a new code (`id`, `label`, one include pattern) at the end of `codes`.
        public func addingCode(id: String, label: String, pattern: String) throws -> Result {
            let original = codebook
            if original.codes.contains(where: { $0.id == id }) { throw Failure("code `\(id)` is already in the codebook") }
            let newText = try text.addingCode(id: id, label: label, pattern: pattern)
            let edited = try readBack(newText)
            guard edited.codes.count == original.codes.count + 1, let added = edited.codes.last,
                  added.id == id, added.label == label, added.include.map(\.source) == [pattern], added.exclude.isEmpty else {
                throw Failure("the code could not be added to the codebook text automatically; add it to the file by hand")
            }
            var expected = original
            expected.codes.append(added)
            guard same(edited, expected) else {
                throw Failure("the code could not be added to the codebook text automatically; add it to the file by hand")
            }
            return Result(yaml: newText, codebook: edited)
        }
    }

    /// Reads an edited text; its problems are about the addition (the original was valid).
    private static func readBack(_ yaml: String) throws -> Codebook {
        do { return try CodebookLoader.parse(yaml, file: "codebook") } catch let error as InvalidCodebook {
            throw Failure(error.problems.map(\.message).joined(separator: "; "))
        }
    }

    /// Same codebook, locations aside.
    static func same(_ a: Codebook, _ b: Codebook) -> Bool {
        func same(_ x: [Pattern], _ y: [Pattern]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { p, q in
                p.source == q.source && p.fuzzy == q.fuzzy && p.negatable == q.negatable && p.elements == q.elements
            }
        }
        return a.name == b.name && a.language == b.language && a.negation == b.negation && a.codes.count == b.codes.count
            && zip(a.codes, b.codes).allSatisfy { x, y in
                x.id == y.id && x.label == y.label && x.description == y.description && same(x.include, y.include) && same(x.exclude, y.exclude)
            }
    }

    /// A pattern, id or label as a YAML scalar: plain when that is safe in block and flow
    /// context, else double-quoted.
    static func scalar(_ value: String) -> String {
        let plain: Set<Unicode.Scalar> = [" ", "*", "|", "+", "'", "-", ".", "_"]
        if let first = value.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
           value.last != " ", value.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || plain.contains($0) }) {
            return value
        }
        var out = "\""
        for s in value.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where s.value < 0x20 || s.value == 0x7F || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029:
                out += String(format: "\\u%04X", s.value)
            default: out.unicodeScalars.append(s)
            }
        }
        return out + "\""
    }

    /// The codebook text as lines of Unicode scalars (libyaml counts columns in scalars), with
    /// the nodes Yams read from it.
    fileprivate struct Text {
        let scalars: [Unicode.Scalar]
        /// Offset of each line's first scalar; a line ends before its `\n` (and `\r`).
        let lineStarts: [Int]
        let newline: String
        let root: Node

        init(_ yaml: String) throws {
            scalars = Array(yaml.unicodeScalars)
            var starts = [0]
            for (i, s) in scalars.enumerated() {
                if s == "\n" { starts.append(i + 1) }
                // libyaml also breaks lines at a lone CR and at NEL, LS and PS: the marks would not fit.
                if (s == "\r" && (i + 1 == scalars.count || scalars[i + 1] != "\n")) || s == "\u{85}" || s == "\u{2028}" || s == "\u{2029}" {
                    throw Failure("the codebook text has unusual line breaks; add the pattern to the file by hand")
                }
            }
            lineStarts = starts
            newline = yaml.contains("\r\n") ? "\r\n" : "\n"
            guard let root = try Yams.compose(yaml: yaml) else { throw Failure("the codebook text is empty") }
            self.root = root
        }

        var lineCount: Int { lineStarts.count }

        /// The value of `key` in a mapping node (keys compared as text, as the loader does).
        static func value(_ key: String, of node: Node) -> Node? {
            node.mapping?.first { $0.key.string == key }?.value
        }

        func line(_ i: Int) -> ArraySlice<Unicode.Scalar> {
            var end = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : scalars.count
            if end > lineStarts[i], scalars[end - 1] == "\r" { end -= 1 }
            return scalars[lineStarts[i]..<max(lineStarts[i], end)]
        }

        func indentation(_ i: Int) -> Int { line(i).prefix { $0 == " " }.count }
        func isBlank(_ i: Int) -> Bool { line(i).allSatisfy { $0 == " " || $0 == "\t" } }

        /// Scalar offset of a mark (lines and columns from 1).
        func offset(_ mark: Mark) -> Int { lineStarts[mark.line - 1] + mark.column - 1 }

        func codeNode(_ id: String) throws -> Node {
            guard let codes = Self.value("codes", of: root), let list = codes.sequence,
                  let code = list.first(where: { Self.value("id", of: $0)?.string == id }) else {
                throw Failure("code `\(id)` was not found in the codebook text")
            }
            return code
        }

        /// The last line (0-based) of the block that starts on `line`: the lines after it that
        /// are blank or indented deeper than `indent` belong to it.
        func blockEnd(from line: Int, deeperThan indent: Int) -> Int {
            var last = line
            var i = line + 1
            while i < lineCount {
                if isBlank(i) { i += 1; continue }
                guard indentation(i) > indent else { break }
                last = i
                i += 1
            }
            return last
        }

        /// The column (0-based) of the dash of a block sequence item whose node starts at `mark`.
        func dashColumn(of mark: Mark) throws -> Int {
            let l = line(mark.line - 1)
            var k = mark.column - 2
            let base = l.startIndex
            while k >= 0, l[base + k] == " " { k -= 1 }
            guard k >= 0, l[base + k] == "-", l[base..<base + k].allSatisfy({ $0 == " " || $0 == "-" }) else {
                throw Failure("the codebook text has a layout Duiding cannot add to; add the pattern to the file by hand")
            }
            return k
        }

        /// Whether the collection at `mark` is written in flow style (`[…]`, `{…}`). Yams does not
        /// keep the style of a collection it read, so the text tells.
        func isFlow(_ mark: Mark, _ bracket: Unicode.Scalar) -> Bool {
            let at = offset(mark)
            return at < scalars.count && scalars[at] == bracket
        }

        /// Offset of the bracket that closes the flow collection opening at `open`.
        func closingBracket(from open: Int) throws -> Int {
            var depth = 0
            var i = open
            while i < scalars.count {
                let s = scalars[i]
                switch s {
                case "[", "{": depth += 1
                case "]", "}":
                    depth -= 1
                    if depth == 0 { return i }
                case "\"":
                    i += 1
                    while i < scalars.count, scalars[i] != "\"" { if scalars[i] == "\\" { i += 1 }; i += 1 }
                case "'":
                    i += 1
                    while i < scalars.count {
                        if scalars[i] == "'" { if i + 1 < scalars.count, scalars[i + 1] == "'" { i += 1 } else { break } }
                        i += 1
                    }
                case "#" where i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t"):
                    while i < scalars.count, scalars[i] != "\n" { i += 1 }
                default: break
                }
                i += 1
            }
            throw Failure("the codebook text has an unclosed bracket; add the pattern to the file by hand")
        }

        func inserting(_ insertion: String, at offset: Int) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[..<offset])
            out.append(contentsOf: insertion.unicodeScalars)
            out.append(contentsOf: scalars[offset...])
            return String(out)
        }

        /// New lines after line `line` (0-based).
        func inserting(lines: [String], after line: Int) -> String {
            let body = lines.map { $0 + newline }.joined()
            if line + 1 < lineCount { return inserting(body, at: lineStarts[line + 1]) }
            return inserting(newline + body, at: scalars.count)
        }

        /// Appends a pattern to an include list, block or flow.
        func appending(_ pattern: String, to list: Node) throws -> String {
            guard let sequence = list.sequence, let mark = list.mark else {
                throw Failure("`include` of this code is not a list; add the pattern to the file by hand")
            }
            if isFlow(mark, "[") {
                let close = try closingBracket(from: offset(mark))
                return inserting((sequence.isEmpty ? "" : ", ") + scalar(pattern), at: close)
            }
            guard let first = sequence.first?.mark, let last = sequence.last?.mark else {
                throw Failure("`include` of this code is empty; add the pattern to the file by hand")
            }
            let dash = try dashColumn(of: first)
            let end = blockEnd(from: last.line - 1, deeperThan: dash)
            return inserting(lines: [String(repeating: " ", count: dash) + "- " + scalar(pattern)], after: end)
        }

        /// Adds `key:` with a one-pattern list to a code that lacks it.
        func addingKey(_ key: String, pattern: String, to code: Node) throws -> String {
            guard code.mapping != nil, let mark = code.mark else { throw Failure("this code is not a mapping") }
            if isFlow(mark, "{") {
                let close = try closingBracket(from: offset(mark))
                return inserting(", \(key): [\(scalar(pattern))]", at: close)
            }
            let dash = try dashColumn(of: mark)
            let end = blockEnd(from: mark.line - 1, deeperThan: dash)
            let indent = String(repeating: " ", count: mark.column - 1)
            return inserting(lines: [indent + "\(key):", indent + "  - " + scalar(pattern)], after: end)
        }

        /// Appends a code to `codes`.
        func addingCode(id: String, label: String, pattern: String) throws -> String {
            guard let codes = Self.value("codes", of: root), let sequence = codes.sequence, let mark = codes.mark else {
                throw Failure("the codebook text has no `codes` list")
            }
            if isFlow(mark, "[") {
                let close = try closingBracket(from: offset(mark))
                return inserting((sequence.isEmpty ? "" : ", ") + "{id: \(scalar(id)), label: \(scalar(label)), include: [\(scalar(pattern))]}", at: close)
            }
            guard let first = sequence.first?.mark, let last = sequence.last?.mark else { throw Failure("the codebook has no codes") }
            let dash = try dashColumn(of: first)
            let end = blockEnd(from: last.line - 1, deeperThan: dash)
            let d = String(repeating: " ", count: dash)
            return inserting(lines: [d + "- id: " + scalar(id), d + "  label: " + scalar(label), d + "  include:", d + "    - " + scalar(pattern)],
                             after: end)
        }
    }
}
