import DuidingCodebook
import Foundation
import Yams

/// A pattern as written in a Duiding codebook, with its per-pattern options.
public struct ExchangePattern: Sendable, Hashable {
    public var source: String
    public var fuzzy: Bool
    public var negatable: Bool
    /// The `gap:` of a pattern with a `*` gap, when it is not the default.
    public var gap: Int?

    public init(source: String, fuzzy: Bool = false, negatable: Bool = true, gap: Int? = nil) {
        self.source = source
        self.fuzzy = fuzzy
        self.negatable = negatable
        self.gap = gap
    }
}

/// A code on its way between formats.
public struct ExchangeCode: Sendable, Hashable {
    public var id: String
    public var label: String
    public var description: String
    public var include: [ExchangePattern]
    public var exclude: [ExchangePattern]

    public init(id: String, label: String, description: String = "", include: [ExchangePattern] = [], exclude: [ExchangePattern] = []) {
        self.id = id
        self.label = label
        self.description = description
        self.include = include
        self.exclude = exclude
    }
}

/// A codebook on its way between formats: what Duiding's YAML can hold.
public struct ExchangeCodebook: Sendable {
    public var name: String
    public var language: String
    public var negation: NegationRule?
    public var codes: [ExchangeCode]

    public init(name: String, language: String = "nl", negation: NegationRule? = nil, codes: [ExchangeCode]) {
        self.name = name
        self.language = language
        self.negation = negation
        self.codes = codes
    }

    /// The codebook as Duiding has loaded it (patterns as written, with their options).
    public init(_ codebook: Codebook) {
        self.name = codebook.name
        self.language = codebook.language
        self.negation = codebook.negation == .none ? nil : codebook.negation
        self.codes = codebook.codes.map { code in
            let convert = { (p: Pattern) -> ExchangePattern in
                var gap: Int?
                for case let .gap(max) in p.elements where max != CodebookLoader.defaultGap { gap = max }
                return ExchangePattern(source: p.source, fuzzy: p.fuzzy, negatable: p.negatable, gap: gap)
            }
            return ExchangeCode(id: code.id, label: code.label, description: code.description,
                                include: code.include.map(convert), exclude: code.exclude.map(convert))
        }
    }

    /// Duiding's YAML codebook format (docs/codebook.md).
    public func yaml() -> String {
        var out = "name: \(YAMLText.quote(name))\nlanguage: \(YAMLText.quote(language))\n"
        if let negation {
            out += "negation:\n  cues: \(YAMLText.list(negation.cues))\n  window: \(negation.window)\n"
            if !negation.afterCues.isEmpty {
                out += "  after:\n    cues: \(YAMLText.list(negation.afterCues))\n    window: \(negation.afterWindow)\n"
            }
            if !negation.scopeBreakers.isEmpty { out += "  scope_breakers: \(YAMLText.list(negation.scopeBreakers))\n" }
        }
        out += "codes:\n"
        for code in codes {
            // Ids are a–z 0–9 _ -, plain YAML text, except that a lone `-` starts a list entry.
            let id = code.id.hasPrefix("-") ? YAMLText.quote(code.id) : code.id
            out += "  - id: \(id)\n    label: \(YAMLText.quote(code.label))\n"
            if !code.description.isEmpty { out += "    description: \(YAMLText.quote(code.description))\n" }
            for (key, list) in [("include", code.include), ("exclude", code.exclude)] where !list.isEmpty {
                out += "    \(key):\n"
                for p in list { out += "      - \(YAMLText.pattern(p))\n" }
            }
        }
        return out
    }

    /// Checks the YAML this codebook becomes with Duiding's own loader.
    public func validated(file: String) throws -> Codebook {
        try CodebookLoader.parse(yaml(), file: file)
    }
}

/// Writing and reading the small pieces of YAML the exchange formats need.
enum YAMLText {
    /// A double-quoted YAML scalar (always quoted: safe for `*`, `|`, `:`, `#`, `'`).
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // YAML readers refuse C0 and C1 controls, DEL and U+FFFE/U+FFFF written as they are.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += String(format: "\\x%02X", scalar.value)
            // ... and fold a raw U+2028/U+2029 like a line break, eating the spaces around it.
            case "\u{FFFE}", "\u{FFFF}", "\u{2028}", "\u{2029}": out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func list(_ words: [String]) -> String { "[" + words.map(quote).joined(separator: ", ") + "]" }

    /// A pattern entry: plain quoted text, or a flow mapping when it has options.
    static func pattern(_ p: ExchangePattern) -> String {
        var options: [String] = []
        if p.fuzzy { options.append("fuzzy: true") }
        if !p.negatable { options.append("negatable: false") }
        if let gap = p.gap { options.append("gap: \(gap)") }
        if options.isEmpty { return quote(p.source) }
        return "{pattern: \(quote(p.source)), " + options.joined(separator: ", ") + "}"
    }

    /// Reads one pattern entry written by `pattern(_:)`.
    static func parsePattern(_ text: String) -> ExchangePattern? {
        guard let node = try? Yams.compose(yaml: text) else { return nil }
        if let s = node.scalar?.string, !s.isEmpty { return ExchangePattern(source: s) }
        guard let mapping = node.mapping, let source = mapping["pattern"]?.string else { return nil }
        return ExchangePattern(source: source, fuzzy: mapping["fuzzy"]?.bool ?? false, negatable: mapping["negatable"]?.bool ?? true,
                               gap: mapping["gap"]?.int)
    }
}

/// The part of a REFI-QDA description that carries what the format has no place for: the
/// Duiding code id and patterns, after a line `[duiding]`, so a codebook survives a trip
/// through other tools (which show it as part of the description).
enum DuidingNote {
    static let marker = "[duiding]"

    static func append(to description: String, code: ExchangeCode) -> String {
        var lines = [marker, "id: \(code.id)"]
        lines += code.include.map { "include: \(YAMLText.pattern($0))" }
        lines += code.exclude.map { "exclude: \(YAMLText.pattern($0))" }
        return (description.isEmpty ? "" : description + "\n\n") + lines.joined(separator: "\n")
    }

    /// Splits a description into the human part and the Duiding note (id, patterns), if any.
    static func split(_ description: String) -> (text: String, id: String?, include: [ExchangePattern], exclude: [ExchangePattern]) {
        let normalized = description.replacingOccurrences(of: "\r\n", with: "\n")
        let range: Range<String.Index>
        if let r = normalized.range(of: "\n\n" + marker + "\n", options: .backwards) { range = r }
        else if normalized.hasPrefix(marker + "\n") { range = normalized.startIndex..<normalized.index(normalized.startIndex, offsetBy: marker.count + 1) }
        else { return (description, nil, [], []) }
        var id: String?
        var include: [ExchangePattern] = [], exclude: [ExchangePattern] = []
        for line in normalized[range.upperBound...].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "id": id = value
            case "include": if let p = YAMLText.parsePattern(value) { include.append(p) }
            case "exclude": if let p = YAMLText.parsePattern(value) { exclude.append(p) }
            default: break
            }
        }
        return (String(normalized[..<range.lowerBound]), id, include, exclude)
    }
}

/// How the pattern text of one Duiding pattern breaks into plain word sequences, for formats
/// (LIWC, quanteda) that know only words, `prefix*` and multi-word entries.
enum PlainPatterns {
    /// The word sequences a pattern stands for, or the reason it cannot be written as such.
    static func expand(_ pattern: ExchangePattern, limit: Int = 64) -> Result<[String], Unsupported> {
        var sequences: [[String]] = [[]]
        for piece in pattern.source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if piece == "*" { return .failure(.gap) }
            var options: [String] = []
            for alt in piece.split(separator: "|").map(String.init) {
                if alt.hasPrefix("~") { return .failure(.stem) }
                if alt.hasSuffix("+") { return .failure(.compound) }
                options.append(alt)
            }
            sequences = sequences.flatMap { s in options.map { s + [$0] } }
            if sequences.count > limit { return .failure(.tooManyAlternatives) }
        }
        return .success(sequences.map { $0.joined(separator: " ") })
    }

    enum Unsupported: Error {
        case gap, stem, compound, tooManyAlternatives

        var reason: String {
            switch self {
            case .gap: return "has a gap `*`"
            case .stem: return "uses a stem `~`"
            case .compound: return "uses a compound `+`"
            case .tooManyAlternatives: return "has too many combinations of alternatives"
            }
        }
    }
}

/// A codebook converted to another format, with what could not be carried over.
public struct ExchangeOutput: Sendable {
    /// The file's text.
    public let text: String
    /// What was dropped or changed, one message per code or topic.
    public let warnings: [String]
}

/// A codebook read from another format, with what could not be carried over.
public struct ExchangeImport: Sendable {
    public let codebook: ExchangeCodebook
    public let warnings: [String]
}
