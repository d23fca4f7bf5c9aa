import DuidingCodebook
import Foundation

/// REFI-QDA codebooks (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`), and the `CodeBook` part
/// of a REFI-QDA project.
public enum REFICodebook {
    public static let namespace = "urn:QDA-XML:codebook:1.0"

    /// Reads a `.qdc` file.
    public static func read(path: String) throws -> ExchangeImport {
        let data: Data
        do { data = try CodebookLimits.read(path) } catch {
            throw ExchangeError("\(path): cannot read the file (\((error as? CodebookLimits.TooLarge)?.description ?? error.localizedDescription))")
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws -> ExchangeImport {
        let root = try XMLTree.parse(data, file: file)
        guard root.name == "CodeBook" else {
            throw ExchangeError("\(file):\(root.line): the root element is <\(root.name)>, not <CodeBook>; is this a REFI-QDA codebook (.qdc)?")
        }
        var warnings: [String] = []
        if root.namespace != namespace {
            warnings.append("\(file):\(root.line): namespace `\(root.namespace ?? "none")` is not \(namespace); read as a REFI-QDA codebook anyway")
        }
        guard let codesNode = root.first("Codes") else { throw ExchangeError("\(file):\(root.line): <CodeBook> has no <Codes>") }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let flat = try CodeTree.read(codesNode, sets: root.first("Sets"), file: file)
        guard !flat.codes.isEmpty else { throw ExchangeError("\(file):\(codesNode.line): <Codes> has no codes; a codebook needs at least one") }
        return ExchangeImport(codebook: ExchangeCodebook(name: name, codes: flat.codes), warnings: warnings + flat.warnings)
    }

    /// Writes a `.qdc`. Patterns have no place in the format: they go into each code's
    /// Description after a `[duiding]` line (and come back on import).
    public static func write(_ codebook: ExchangeCodebook) -> ExchangeOutput {
        var xml = XMLWriter()
        xml.start("CodeBook", [("xmlns", namespace), ("origin", "Duiding")])
        CodeTree.write(codebook.codes, into: &xml)
        xml.end()
        return ExchangeOutput(text: xml.text, warnings: lossWarnings(codebook, format: ".qdc"))
    }

    static func lossWarnings(_ codebook: ExchangeCodebook, format: String) -> [String] {
        var warnings: [String] = []
        let withPatterns = codebook.codes.filter { !$0.include.isEmpty || !$0.exclude.isEmpty }
        if !withPatterns.isEmpty {
            warnings.append("\(format) has no patterns: the patterns of \(withPatterns.count) codes are kept in their Description after a `[duiding]` line (other tools show them as text; `duiding codebook import` reads them back)")
        }
        if let n = codebook.negation {
            warnings.append("\(format) has no negation rule: dropped (cues: \(n.cues.joined(separator: ", "))\(n.afterCues.isEmpty ? "" : "; after: " + n.afterCues.joined(separator: ", "))\(n.scopeBreakers.isEmpty ? "" : "; scope breakers: " + n.scopeBreakers.joined(separator: ", ")))")
        }
        if codebook.language != "nl" { warnings.append("\(format) has no language: `language: \(codebook.language)` dropped") }
        return warnings
    }
}

/// The REFI-QDA code tree, flattened to Duiding codes and back.
enum CodeTree {
    struct Flat {
        var codes: [ExchangeCode] = []
        /// REFI-QDA guid → Duiding code id.
        var ids: [String: String] = [:]
        var warnings: [String] = []
    }

    static func read(_ codesNode: XMLNode, sets: XMLNode?, file: String) throws -> Flat {
        var flat = Flat()
        var problems: [String] = []
        var allocator = CodeIDAllocator()
        var setNames: [String: [String]] = [:]  // code guid → set names
        for set in sets?.all("Set") ?? [] {
            for member in set.all("MemberCode") {
                // The project schema says targetGUID; the codebook schema (and ATLAS.ti) say guid.
                if let guid = member["targetGUID"] ?? member["guid"] { setNames[guid, default: []].append(set["name"] ?? "") }
            }
        }
        var coloured = 0
        var nested = 0
        func visit(_ node: XMLNode, parent: (id: String, label: String)?) {
            guard let name = node["name"] else {
                problems.append("\(file):\(node.line): <Code> has no name")
                return
            }
            let note = DuidingNote.split(node.first("Description")?.text ?? "")
            let id: String
            if let given = note.id, CodeIDAllocator.isValid(given), allocator.reserve(given) { id = given }
            else { id = allocator.allocate(name: name, prefix: parent?.id) }
            var extra: [String] = []
            if let parent { extra.append("parent: \(parent.label) (\(parent.id))"); nested += 1 }
            if let guid = node["guid"], let names = setNames[guid], !names.isEmpty { extra.append("sets: " + names.joined(separator: ", ")) }
            if node["isCodable"] == "false" { extra.append("not codable in the source (a category)") }
            if node["color"] != nil { coloured += 1 }
            var description = note.text
            if !extra.isEmpty {
                while description.last?.isWhitespace == true { description.removeLast() }
                description += (description.isEmpty ? "" : "\n\n") + extra.joined(separator: "\n")
            }
            flat.codes.append(ExchangeCode(id: id, label: name, description: description, include: note.include, exclude: note.exclude))
            if let guid = node["guid"] { flat.ids[guid] = id }
            for child in node.all("Code") { visit(child, parent: (id, name)) }
        }
        for code in codesNode.all("Code") { visit(code, parent: nil) }
        if !problems.isEmpty { throw ExchangeError(problems) }
        if nested > 0 { flat.warnings.append("\(file): \(nested) nested codes flattened (ids parent_child); each keeps a `parent:` line in its description") }
        if coloured > 0 { flat.warnings.append("\(file): colours of \(coloured) codes dropped (a Duiding codebook has no colours)") }
        return flat
    }

    static func guid(_ codeID: String) -> String { GUID.make("code:" + codeID) }

    static func write(_ codes: [ExchangeCode], into xml: inout XMLWriter) {
        xml.start("Codes")
        for code in codes {
            xml.start("Code", [("guid", guid(code.id)), ("name", code.label), ("isCodable", "true")])
            xml.element("Description", DuidingNote.append(to: code.description, code: code))
            xml.end()
        }
        xml.end()
    }
}
