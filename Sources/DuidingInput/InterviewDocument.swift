import DuidingText
import Foundation

/// Word (`.docx`) and OpenDocument (`.odt`) interview notes, read through pandoc's JSON
/// (`pandoc --sandbox --from docx --to json`): the document's plain text, one line per
/// paragraph (and per manual line break in one), which speaker labels are set in bold, and the
/// first table when it comes before any text (the header fields, one `veld | waarde` row each).
enum InterviewDocument {
    struct Content {
        var lines: [InterviewNotes.BodyLine] = []
        var tableFields: [(key: String, value: String)] = []
    }

    /// Largest Word or OpenDocument file read (pandoc holds it in memory, and more).
    static let maximumBytes = 256 << 20

    static func read(path: String) throws -> Content {
        let format = path.lowercased().hasSuffix(".odt") ? "odt" : "docx"
        try checkContainer(path: path, format: format)
        // An absolute path, so that a file name starting with `-` is never read as an option.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let json: Data
        do {
            json = try Pandoc.run(["--from", format, "--to", "json", absolute]) { output in
                let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
                guard size <= InputLimits.fileBytes else {
                    throw Pandoc.Failure(description: "its text is \(size >> 20) MB, more than Duiding reads")
                }
                return try Data(contentsOf: output)
            }
        } catch let failure as Pandoc.Failure {
            let what = failure.description == Pandoc.missing ? failure.description
                : "pandoc could not read it as \(kind(format)) (\(failure.description)); open it in \(format == "odt" ? "LibreOffice" : "Word"), save it again and retry"
            throw InvalidInput([InputProblem(file: path, line: 1, message: what)])
        }
        return try parse(json, path: path)
    }

    private static func kind(_ format: String) -> String { format == "odt" ? "an OpenDocument text" : "a Word document" }

    /// A Word or OpenDocument file is a zip archive. An encrypted (password-protected) Word
    /// file, and an old `.doc`, is an OLE compound file instead; anything else is not a document.
    static func checkContainer(path: String, format: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumBytes {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "the document is \(size >> 20) MB; Duiding reads documents up to \(maximumBytes >> 20) MB; save the text alone (without pictures) and retry")])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the file")])
        }
        defer { try? handle.close() }
        let magic = Array((try? handle.read(upToCount: 8)) ?? Data())
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return }
        let message: String
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            message = format == "docx"
                ? "the document is password-protected (encrypted), or an old Word .doc; remove the password (Word: File > Info > Protect Document > Encrypt with Password, empty) or save it as .docx, then retry"
                : "the file is an encrypted or old Office file, not OpenDocument; save it as .odt (or .docx) without a password, then retry"
        } else {
            message = "the file is not \(kind(format)) (a .\(format) is a zip archive; this one is \(magic.isEmpty ? "empty" : "something else")); open it in \(format == "odt" ? "LibreOffice" : "Word") and save it as .\(format)"
        }
        throw InvalidInput([InputProblem(file: path, line: 1, message: message)])
    }

    /// A JSON value of pandoc's AST.
    private typealias Node = [String: Any]

    static func parse(_ json: Data, path: String) throws -> Content {
        guard let document = (try? JSONSerialization.jsonObject(with: json)) as? Node, let blocks = document["blocks"] as? [Any] else {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "pandoc's output is not a pandoc document (pandoc-api-version 1.22 expected)")])
        }
        var reader = Reader()
        reader.blocks(blocks)
        return reader.content
    }

    /// Walks the blocks in document order; every paragraph gets the next number.
    private struct Reader {
        var content = Content()
        var paragraph = 0
        var tables = 0

        mutating func blocks(_ list: [Any]) { for block in list { if let node = block as? Node { self.block(node) } } }

        mutating func block(_ node: Node) {
            let c = node["c"]
            switch node["t"] as? String {
            case "Para", "Plain": paragraphLines(c as? [Any] ?? [], heading: false)
            case "Header": paragraphLines((c as? [Any])?.last as? [Any] ?? [], heading: true)
            case "LineBlock": for line in c as? [Any] ?? [] { paragraphLines(line as? [Any] ?? [], heading: false) }
            case "CodeBlock":
                paragraph += 1
                for line in ((c as? [Any])?.last as? String ?? "").split(separator: "\n") {
                    content.lines.append(.init(text: String(line), number: paragraph))
                }
            case "BlockQuote": blocks(c as? [Any] ?? [])
            case "Div": blocks((c as? [Any])?.last as? [Any] ?? [])
            case "BulletList": for item in c as? [Any] ?? [] { blocks(item as? [Any] ?? []) }
            case "OrderedList": for item in (c as? [Any])?.last as? [Any] ?? [] { blocks(item as? [Any] ?? []) }
            case "DefinitionList":
                for item in c as? [Any] ?? [] {
                    guard let pair = item as? [Any], pair.count == 2 else { continue }
                    paragraphLines(pair[0] as? [Any] ?? [], heading: false)
                    for definition in pair[1] as? [Any] ?? [] { blocks(definition as? [Any] ?? []) }
                }
            case "Table": table(c as? [Any] ?? [])
            default: break // HorizontalRule, RawBlock, Null: no text
            }
        }

        /// The first table, before any text, holds the header fields; a later table's cells
        /// are read as paragraphs, row by row.
        mutating func table(_ parts: [Any]) {
            tables += 1
            // Table attr caption colspecs head [bodies] foot; head = [attr, rows];
            // body = [attr, rowHeadColumns, headRows, rows]; row = [attr, cells];
            // cell = [attr, alignment, rowSpan, colSpan, blocks].
            guard parts.count == 6 else { return }
            var rows: [Any] = ((parts[3] as? [Any])?.last as? [Any]) ?? []
            for body in parts[4] as? [Any] ?? [] {
                guard let body = body as? [Any], body.count == 4 else { continue }
                rows += (body[2] as? [Any] ?? []) + (body[3] as? [Any] ?? [])
            }
            rows += ((parts[5] as? [Any])?.last as? [Any]) ?? []
            let cells: [[[Any]]] = rows.map { row in
                (((row as? [Any])?.last as? [Any]) ?? []).map { (($0 as? [Any])?.last as? [Any]) ?? [] }
            }
            let isHeader = tables == 1 && content.lines.allSatisfy(\.heading)
            for row in cells {
                if isHeader {
                    let texts = row.map { Self.plain(blocks: $0).trimmingCharacters(in: .whitespaces) }
                    guard texts.count >= 2, !texts[0].isEmpty else { continue }
                    var key = texts[0].lowercased()
                    if key.hasSuffix(":") { key.removeLast() }
                    content.tableFields.append((key.trimmingCharacters(in: .whitespaces), texts[1...].filter { !$0.isEmpty }.joined(separator: " ")))
                } else {
                    for cell in row { blocks(cell) }
                }
            }
        }

        /// A paragraph's lines (split at manual line breaks), each with its bold label.
        mutating func paragraphLines(_ inlines: [Any], heading: Bool) {
            paragraph += 1
            var line = ""
            var bold: String?
            var atStart = true
            func flush(_ reader: inout Reader) {
                var body = InterviewNotes.BodyLine(text: line, number: reader.paragraph, heading: heading)
                if let bold, let (label, rest) = InterviewNotes.labelCandidate(line) {
                    var run = bold.trimmingCharacters(in: .whitespaces)
                    if run.hasSuffix(":") { run = String(run.dropLast()).trimmingCharacters(in: .whitespaces) }
                    if run == label { body.boldLabel = (label, rest) }
                }
                reader.content.lines.append(body)
                line = ""
                bold = nil
                atStart = true
            }
            for inline in inlines {
                guard let node = inline as? Node else { continue }
                if node["t"] as? String == "LineBreak" { flush(&self); continue }
                if atStart, node["t"] as? String == "Strong" { bold = Self.plain(node) }
                let text = Self.plain(node)
                if !text.allSatisfy(\.isWhitespace) { atStart = false }
                line += text
            }
            flush(&self)
        }

        /// The plain text of inlines: words and spaces; emphasis, links and spans by their
        /// text; quotes with quotation marks; no footnotes, pictures or raw markup.
        static func plain(_ node: Node) -> String {
            let c = node["c"]
            switch node["t"] as? String {
            case "Str": return c as? String ?? ""
            case "Space", "SoftBreak": return " "
            case "LineBreak": return "\n"
            case "Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps": return plain(inlines: c as? [Any] ?? [])
            case "Span", "Cite": return plain(inlines: (c as? [Any])?.last as? [Any] ?? [])
            case "Link": return plain(inlines: (c as? [Any]).flatMap { $0.count == 3 ? $0[1] as? [Any] : nil } ?? [])
            case "Code", "Math": return (c as? [Any])?.last as? String ?? ""
            case "Quoted":
                let single = ((c as? [Any])?.first as? Node)?["t"] as? String == "SingleQuote"
                let text = plain(inlines: (c as? [Any])?.last as? [Any] ?? [])
                return single ? "‘\(text)’" : "“\(text)”"
            default: return "" // Note, Image, RawInline
            }
        }

        static func plain(inlines: [Any]) -> String { inlines.map { ($0 as? Node).map(plain) ?? "" }.joined() }

        /// A table cell's text: its paragraphs, separated by spaces.
        static func plain(blocks: [Any]) -> String {
            blocks.compactMap { block -> String? in
                guard let node = block as? Node, ["Para", "Plain"].contains(node["t"] as? String ?? "") else { return nil }
                return plain(inlines: node["c"] as? [Any] ?? [])
            }.joined(separator: " ")
        }
    }
}
