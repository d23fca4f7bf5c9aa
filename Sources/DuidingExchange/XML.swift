import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: local name, namespace, attributes, children and its own text.
final class XMLNode {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    let line: Int
    var children: [XMLNode] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String], line: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    /// Child elements with this local name.
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    subscript(attribute: String) -> String? { attributes[attribute] }
}

/// Problems with an exchange file, all reported together.
public struct ExchangeError: Error, CustomStringConvertible {
    public let problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public init(_ problem: String) { self.problems = [problem] }
    public var description: String { problems.joined(separator: "\n") }
}

enum XMLTree {
    /// Parses a document into a tree, or throws `file:line: not valid XML: …`.
    static func parse(_ data: Data, file: String) throws -> XMLNode {
        // Foundation's XMLParser crashes on bytes that are not UTF-8 (it force-unwraps element
        // and attribute names, comments and error messages as UTF-8). REFI-QDA files are UTF-8.
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ExchangeError("\(file):\(line): not valid XML (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not UTF-8; save the file as UTF-8)")
        }
        // It also crashes on a processing instruction without data (`<?target?>`) and on DTD
        // declarations (it reads missing values as C strings): such instructions carry nothing
        // and are blanked out; a DOCTYPE, which REFI-QDA files never have, is refused.
        var markup = bytes
        if let (offset, problem) = blankEmptyInstructions(&markup) {
            let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ExchangeError("\(file):\(line): not valid here: \(problem)")
        }
        let parser = XMLParser(data: Data(markup))
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        if !ok || builder.error != nil || builder.root == nil || !builder.stack.isEmpty {
            let reason = (builder.error ?? parser.parserError).map { ($0 as? ExchangeError)?.description ?? describe($0) }
                ?? (builder.root == nil ? "no root element" : "unclosed element <\(builder.stack.last?.name ?? "")>")
            throw ExchangeError("\(file):\(max(1, builder.errorLine ?? parser.lineNumber)): not valid XML (\(reason))")
        }
        guard let root = builder.root else { throw ExchangeError("\(file):1: not valid XML (no root element)") }
        return root
    }

    /// The parser's error in words instead of "NSXMLParserErrorDomain error 76".
    static func describe(_ error: Error) -> String {
        let code = (error as NSError).code
        let known: [Int: String] = [
            4: "the file is empty",
            5: "the file ends before the document does (an element is not closed)",
            9: "a character that XML does not allow, such as a control character",
            23: "an `&` that starts no entity; write `&amp;` for an ampersand",
            26: "an entity that is not declared; Duiding never loads external entities",
            27: "an unparsed entity", 28: "an external entity, which Duiding never loads",
            29: "a parameter entity, which Duiding never loads",
            32: "an encoding that is not supported; save the file as UTF-8",
            38: "an attribute value without quotes", 39: "an attribute value that is not closed",
            41: "the same attribute twice in one element",
            68: "a `<` that starts no element; write `&lt;` for a less-than sign",
            73: "a tag that is not closed with `>`",
            76: "an end tag that does not match its start tag",
            77: "an element that is not closed",
            89: "a text that is too large or nested too deeply",
        ]
        if let words = known[code] { return words }
        guard let name = XMLParser.ErrorCode(rawValue: code).map({ String(describing: $0) }) else { return "XML error \(code)" }
        // `prematureDocumentEndError` → "premature document end"
        var words = ""
        for c in name.replacingOccurrences(of: "Error", with: "") {
            if c.isUppercase { words += " " + c.lowercased() } else { words.append(c) }
        }
        return words.trimmingCharacters(in: .whitespaces)
    }

    /// Replaces every `<?target?>` outside comments and CDATA sections with spaces; returns where
    /// and what is refused: a `<!DOCTYPE`, or what makes libxml2 convert from another encoding
    /// (libxml2 2.9 crashes when parsing stops in the middle of a conversion). Parsing
    /// stops at the first error (see `TreeBuilder`), so markup after an error, which libxml2
    /// might read otherwise, is never read.
    private static func blankEmptyInstructions(_ b: inout [UInt8]) -> (Int, String)? {
        func starts(_ prefix: String, at i: Int) -> Bool {
            let p = Array(prefix.utf8)
            return i + p.count <= b.count && b[i..<(i + p.count)].elementsEqual(p)
        }
        func find(_ s: String, from i: Int) -> Int? {
            var j = i
            while j < b.count { if starts(s, at: j) { return j }; j += 1 }
            return nil
        }
        // libxml2 switches encodings as soon as it reads the declaration's `encoding=`, whether
        // or not the declaration ends. (UTF-16 detected from NUL bytes converts without error:
        // bytes that are valid UTF-8 and below 0x80 make no surrogates.)
        let first = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if starts("<?xml", at: first) {
            let end = find(">", from: first) ?? b.count
            if let encoding = declaredEncoding(b[(first + 5)..<end]), !["utf-8", "utf8"].contains(encoding.lowercased()) {
                return (first, "encoding \"\(encoding)\" (REFI-QDA files are UTF-8)")
            }
        }
        var i = 0
        while i < b.count {
            guard b[i] == 0x3C else { i += 1; continue }  // <
            if starts("<!--", at: i) { i = (find("-->", from: i + 4) ?? b.count) + 3; continue }
            if starts("<![CDATA[", at: i) { i = (find("]]>", from: i + 9) ?? b.count) + 3; continue }
            if starts("<!DOCTYPE", at: i) { return (i, "a <!DOCTYPE> (REFI-QDA files have no document type declaration)") }
            if starts("<?", at: i) {
                guard let end = find("?>", from: i + 2) else { return nil }
                if !b[(i + 2)..<end].contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    for k in i..<(end + 2) { b[k] = 0x20 }
                }
                i = end + 2
                continue
            }
            // A tag: up to its `>`, past quoted attribute values.
            var j = i + 1
            var quote: UInt8?
            while j < b.count {
                let c = b[j]
                if let q = quote { if c == q { quote = nil } }
                else if c == 0x22 || c == 0x27 { quote = c }
                else if c == 0x3E || c == 0x3C { break }
                j += 1
            }
            i = j < b.count && b[j] == 0x3E ? j + 1 : j
        }
        return nil
    }

    /// The value of `encoding="…"` in the body of an XML declaration.
    private static func declaredEncoding(_ declaration: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let key = text.range(of: "encoding") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var offset = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []
        var error: Error?
        var errorLine: Int?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if error == nil { error = parseError; errorLine = parser.lineNumber }
            // libxml2 recovers and reads on, possibly into markup that crashes XMLParser.
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLNode(name: local, namespace: namespaceURI, attributes: attributeDict, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            if let open = stack.popLast(), open.name != local, error == nil {
                error = ExchangeError("</\(local)> closes <\(open.name)> (line \(open.line))")
                errorLine = parser.lineNumber
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

/// Builds XML text with correct escaping. Carriage returns, tabs and line feeds in attributes,
/// and carriage returns in text, are written as character references, because XML parsers
/// normalise them away otherwise (a CR LF in a text would come back as LF and shift offsets).
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []
    /// Characters XML 1.0 cannot carry at all were replaced (with U+FFFD).
    private(set) var replacedCharacters = false

    mutating func start(_ name: String, _ attributes: [(String, String?)] = [], empty: Bool = false) {
        text += String(repeating: " ", count: open.count) + "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            text += " \(key)=\"\(escape(value, attribute: true))\""
        }
        if empty { text += "/>\n" } else { text += ">\n"; open.append(name) }
    }

    mutating func end() {
        guard let name = open.popLast() else { return }
        text += String(repeating: " ", count: open.count) + "</\(name)>\n"
    }

    /// `<name>text</name>` on one line (the text verbatim).
    mutating func element(_ name: String, _ content: String) {
        text += String(repeating: " ", count: open.count) + "<\(name)>\(escape(content, attribute: false))</\(name)>\n"
    }

    private mutating func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    replacedCharacters = true
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
