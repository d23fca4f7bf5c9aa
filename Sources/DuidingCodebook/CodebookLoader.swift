import DuidingText
import Foundation
import Yams

/// One thing wrong with a codebook, at a place in its file.
public struct CodebookProblem: Sendable, Hashable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    public var description: String { "\(location): \(message)" }
}

/// Every problem found in a codebook, reported together.
public struct InvalidCodebook: Error, CustomStringConvertible {
    public let problems: [CodebookProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads codebooks in Duiding's YAML format (see docs/codebook.md), collecting every
/// problem with its line and column instead of stopping at the first.
public enum CodebookLoader {
    /// Largest gap a `*` in a phrase may stand for unless `gap:` says otherwise.
    public static let defaultGap = 3

    public static func load(path: String) throws -> Codebook {
        let data: Data
        do { data = try CodebookLimits.read(path) } catch {
            throw InvalidCodebook(problems: [CodebookProblem(location: SourceLocation(file: path, line: 1, column: 1),
                                                             message: "cannot read the codebook: \((error as? CodebookLimits.TooLarge)?.description ?? error.localizedDescription)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InvalidCodebook(problems: [CodebookProblem(location: SourceLocation(file: path, line: 1, column: 1),
                                                             message: "the codebook is not UTF-8 text; save it as UTF-8")])
        }
        return try parse(text, file: path)
    }

    /// A word of a pattern or a negation list as the matcher compares it: folded, and a clitic
    /// replaced by the word it stands for (`m'n` → `mijn` in Dutch).
    public static func normalizedWord(_ word: String, language: String) -> String {
        let folded = foldForMatching(word)
        return LanguageResources.forLanguage(language).clitics[folded] ?? folded
    }

    public static func parse(_ yaml: String, file: String) throws -> Codebook {
        var reader = Reader(file: file)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw InvalidCodebook(problems: [reader.problem(for: error)])
        }
        guard let root, let codebook = reader.codebook(root) else {
            if reader.problems.isEmpty {
                reader.report(SourceLocation(file: file, line: 1, column: 1), "the codebook is empty; it needs `codes:`")
            }
            throw InvalidCodebook(problems: reader.sortedProblems)
        }
        if !reader.problems.isEmpty { throw InvalidCodebook(problems: reader.sortedProblems) }
        return codebook
    }
}

/// Walks the YAML tree, building the model and recording problems.
private struct Reader {
    let file: String
    var problems: [CodebookProblem] = []
    var language = "nl"

    init(file: String) { self.file = file }

    /// Problems in file order.
    var sortedProblems: [CodebookProblem] {
        problems.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func report(_ location: SourceLocation, _ message: String) {
        problems.append(CodebookProblem(location: location, message: message))
    }

    mutating func report(_ node: Node, _ message: String) { report(location(node), message) }

    func problem(for error: YamlError) -> CodebookProblem {
        let at = { (mark: Mark, problem: String) in
            CodebookProblem(location: SourceLocation(file: file, line: mark.line, column: mark.column),
                            message: "not valid YAML: \(problem)")
        }
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return at(mark, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return CodebookProblem(location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                                   message: "key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) appears twice in one mapping")
        default:
            return CodebookProblem(location: SourceLocation(file: file, line: 1, column: 1), message: "not valid YAML: \(error)")
        }
    }

    /// The mapping's entries by key; unknown keys are reported.
    mutating func fields(_ node: Node, allowed: Set<String>, what: String) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            report(node, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                report(key, "unknown key `\(name)` in \(what); expected one of: \(allowed.sorted().joined(separator: ", "))")
            } else if result[name] != nil {
                report(key, "`\(name)` appears twice in \(what)")
            } else {
                result[name] = (key, value)
            }
        }
        return result
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar?.string else { report(node, "\(what) must be text"); return nil }
        return s
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard let b = node.bool else { report(node, "\(what) must be true or false"); return nil }
        return b
    }

    mutating func integer(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let n = node.int, range.contains(n) else {
            report(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func words(_ node: Node?, _ what: String) -> [String]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else { report(node, "\(what) must be a list of words"); return nil }
        return sequence.compactMap { item in
            guard let word = item.scalar?.string, !word.isEmpty, !word.contains(" ") else {
                report(item, "each entry of \(what) must be one word"); return nil
            }
            return normalizedWord(word)
        }
    }

    func normalizedWord(_ word: String) -> String { CodebookLoader.normalizedWord(word, language: language) }

    mutating func codebook(_ root: Node) -> Codebook? {
        guard let top = fields(root, allowed: ["name", "language", "description", "version", "negation", "defaults", "codes", "nets"],
                               what: "the codebook") else { return nil }
        language = string(top["language"]?.value, "`language`") ?? "nl"
        let name = string(top["name"]?.value, "`name`") ?? ""
        let negation = top["negation"].map { negationRule($0.value) } ?? .none
        var defaults = PatternDefaults()
        if let node = top["defaults"]?.value, let d = fields(node, allowed: ["fuzzy", "gap", "negatable"], what: "`defaults`") {
            defaults.fuzzy = bool(d["fuzzy"]?.value, "`fuzzy`") ?? false
            defaults.gap = integer(d["gap"]?.value, "`gap`", range: 1...20) ?? CodebookLoader.defaultGap
            defaults.negatable = bool(d["negatable"]?.value, "`negatable`") ?? true
        }
        guard let codesNode = top["codes"]?.value else {
            report(root, "the codebook has no `codes:` list")
            return nil
        }
        guard let list = codesNode.sequence else {
            report(codesNode, "`codes` must be a list (each entry starting with `- id:`)")
            return nil
        }
        var seen: [String: SourceLocation] = [:]
        var codes: [Code] = []
        for node in list {
            guard let code = code(node, defaults: defaults) else { continue }
            if let first = seen[code.id] {
                report(node, "code id `\(code.id)` is used twice (first at line \(first.line)); ids must be unique")
            }
            seen[code.id] = code.location
            codes.append(code)
        }
        if list.isEmpty { report(codesNode, "`codes` is empty; a codebook needs at least one code") }
        if codes.count > CodebookLimits.codes {
            report(codesNode, "the codebook has \(codes.count) codes; Duiding takes at most \(CodebookLimits.codes)")
        }
        let patternCount = codes.reduce(0) { $0 + $1.include.count + $1.exclude.count }
        if patternCount > CodebookLimits.patterns {
            report(codesNode, "the codebook has \(patternCount) patterns; Duiding takes at most \(CodebookLimits.patterns)")
        }
        let nets = top["nets"].map { self.nets($0.value, codes: codes) } ?? []
        return Codebook(name: name, language: language, negation: negation, codes: codes, nets: nets)
    }

    /// `nets:`, a list of `{id, label, codes: [...]}` whose `codes` name codes or other nets.
    /// A member must exist and sit in one net only, and no net may contain itself.
    mutating func nets(_ node: Node, codes: [Code]) -> [Net] {
        guard let list = node.sequence else {
            report(node, "`nets` must be a list (each entry starting with `- id:`)")
            return []
        }
        var nets: [Net] = []
        var memberNodes: [[Node]] = []
        for entry in list {
            guard let f = fields(entry, allowed: ["id", "label", "codes"], what: "a net") else { continue }
            guard let idNode = f["id"]?.value, let id = string(idNode, "`id`") else {
                report(entry, "this net has no `id`")
                continue
            }
            if !isValidID(id) { report(idNode, "net id `\(id)` may only contain a–z, 0–9, `_` and `-`") }
            if codes.contains(where: { $0.id == id }) { report(idNode, "net id `\(id)` is also a code id; a net needs an id of its own") }
            if nets.contains(where: { $0.id == id }) { report(idNode, "net id `\(id)` is used twice; ids must be unique") }
            guard let membersNode = f["codes"]?.value, let members = membersNode.sequence, !members.isEmpty else {
                report(f["codes"]?.value ?? entry, "net `\(id)` needs `codes:`, a list of the codes (or nets) it groups")
                continue
            }
            nets.append(Net(id: id, label: string(f["label"]?.value, "`label`") ?? id,
                            members: members.map { $0.scalar?.string ?? "" }, location: location(entry)))
            memberNodes.append(Array(members))
        }
        let netIDs = Set(nets.map(\.id))
        let codeIDs = Set(codes.map(\.id))
        var parent: [String: String] = [:]
        for (net, nodes) in zip(nets, memberNodes) {
            for (member, memberNode) in zip(net.members, nodes) {
                guard codeIDs.contains(member) || netIDs.contains(member) else {
                    report(memberNode, "net `\(net.id)` names `\(member)`, which is no code or net; the codes are \(codes.map(\.id).joined(separator: ", "))"
                           + (nets.count > 1 ? "; the nets are \(nets.map(\.id).joined(separator: ", "))" : ""))
                    continue
                }
                if let other = parent[member] {
                    report(memberNode, "`\(member)` is in net `\(other)` and in net `\(net.id)`; a code or net belongs to one net")
                    continue
                }
                parent[member] = net.id
            }
        }
        for net in nets {
            var seen: [String] = [net.id]
            var current = parent[net.id]
            while let next = current {
                seen.append(next)
                if next == net.id {
                    report(net.location ?? location(node), "net `\(net.id)` contains itself: \(seen.joined(separator: " ⊂ ")); nets must not form a cycle")
                    break
                }
                if seen.count > nets.count + 1 { break }
                current = parent[next]
            }
        }
        return nets
    }

    func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    mutating func negationRule(_ node: Node) -> NegationRule {
        guard let f = fields(node, allowed: ["cues", "window", "after", "scope_breakers"], what: "`negation`") else { return .none }
        var rule = NegationRule(cues: words(f["cues"]?.value, "`negation.cues`") ?? [],
                                window: integer(f["window"]?.value, "`negation.window`", range: 0...10) ?? 3,
                                scopeBreakers: words(f["scope_breakers"]?.value, "`negation.scope_breakers`") ?? [])
        if let after = f["after"]?.value, let a = fields(after, allowed: ["cues", "window"], what: "`negation.after`") {
            rule.afterCues = words(a["cues"]?.value, "`negation.after.cues`") ?? []
            rule.afterWindow = integer(a["window"]?.value, "`negation.after.window`", range: 0...10) ?? 1
        }
        return rule
    }

    mutating func code(_ node: Node, defaults: PatternDefaults) -> Code? {
        guard let f = fields(node, allowed: ["id", "label", "description", "include", "exclude", "fuzzy", "negatable"],
                             what: "a code") else { return nil }
        guard let idNode = f["id"]?.value, let id = string(idNode, "`id`") else {
            report(node, "this code has no `id`")
            return nil
        }
        if !isValidID(id) {
            report(idNode, "code id `\(id)` may only contain a–z, 0–9, `_` and `-`")
        }
        var defaults = defaults
        defaults.fuzzy = bool(f["fuzzy"]?.value, "`fuzzy`") ?? defaults.fuzzy
        defaults.negatable = bool(f["negatable"]?.value, "`negatable`") ?? defaults.negatable
        let label = string(f["label"]?.value, "`label`") ?? id
        let include = patterns(f["include"]?.value, defaults: defaults, what: "`include`")
        let exclude = patterns(f["exclude"]?.value, defaults: defaults, what: "`exclude`")
        return Code(id: id, label: label, description: string(f["description"]?.value, "`description`") ?? "",
                    include: include, exclude: exclude, location: location(node))
    }

    mutating func patterns(_ node: Node?, defaults: PatternDefaults, what: String) -> [Pattern] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            report(node, "\(what) must be a list of patterns")
            return []
        }
        return list.compactMap { pattern($0, defaults: defaults) }
    }

    mutating func pattern(_ node: Node, defaults: PatternDefaults) -> Pattern? {
        var options = defaults
        let sourceNode: Node
        if node.mapping != nil {
            guard let f = fields(node, allowed: ["pattern", "fuzzy", "negatable", "gap"], what: "a pattern") else { return nil }
            guard let p = f["pattern"]?.value else {
                report(node, "this pattern has no `pattern:` text")
                return nil
            }
            sourceNode = p
            options.fuzzy = bool(f["fuzzy"]?.value, "`fuzzy`") ?? options.fuzzy
            options.negatable = bool(f["negatable"]?.value, "`negatable`") ?? options.negatable
            options.gap = integer(f["gap"]?.value, "`gap`", range: 1...20) ?? options.gap
        } else {
            sourceNode = node
        }
        guard let source = sourceNode.scalar?.string else {
            report(sourceNode, "a pattern must be text such as `voorzicht*` or `denk * keer na`")
            return nil
        }
        switch PatternSyntax.parse(source, gap: options.gap, normalize: normalizedWord) {
        case .success(let elements):
            return Pattern(source: source, elements: elements, fuzzy: options.fuzzy, negatable: options.negatable,
                           location: location(sourceNode))
        case .failure(let error):
            report(sourceNode, "pattern `\(source)`: \(error.message)")
            return nil
        }
    }
}

private struct PatternDefaults {
    var fuzzy = false
    var gap = CodebookLoader.defaultGap
    var negatable = true
}

/// How large a codebook may be; past these a codebook is refused with a message.
public enum CodebookLimits {
    /// Largest codebook or dictionary file.
    public static let fileBytes = 64 << 20
    public static let codes = 1_000
    /// Include and exclude patterns of all codes together.
    public static let patterns = 100_000

    /// Reads a codebook-sized file; the error says why it cannot be read (in words).
    public static func read(_ path: String) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= fileBytes else { throw TooLarge(description: "the file is \(size >> 20) MB; codebooks are limited to \(fileBytes >> 20) MB") }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    public struct TooLarge: Error, CustomStringConvertible { public let description: String }
}

/// The pattern mini-language: `word`, `prefix*`, `~stem`, `compound+`, alternatives joined
/// by `|` (`politie|gemeente`), and a lone `*` for a gap of up to `gap` words, separated by spaces.
public enum PatternSyntax {
    public struct Problem: Error {
        public let message: String
        /// Where in the pattern text the problem is: 1 for its first character (in Characters).
        public let column: Int

        public init(message: String, column: Int = 1) {
            self.message = message
            self.column = column
        }
    }

    /// Shortest prefix allowed before `*`: shorter ones match too many words to mean anything.
    public static let minimumPrefix = 3

    public static func parse(_ source: String, gap: Int, normalize: (String) -> String) -> Result<[PatternElement], Problem> {
        // The pieces between spaces, each with its column in the source.
        var pieces: [(text: String, column: Int)] = []
        var column = 0
        for character in source {
            column += 1
            if character == " " || character == "\t" { continue }
            if let last = pieces.last, last.column + last.text.count == column { pieces[pieces.count - 1].text.append(character) }
            else { pieces.append((String(character), column)) }
        }
        guard !pieces.isEmpty else { return .failure(Problem(message: "is empty")) }
        var elements: [PatternElement] = []
        for piece in pieces {
            if piece.text == "*" {
                if case .gap = elements.last {
                    return .failure(Problem(message: "has two gaps `* *` in a row; use `gap:` for longer gaps", column: piece.column))
                }
                elements.append(.gap(max: gap))
                continue
            }
            var alternatives: [PatternElement] = []
            var offset = piece.column
            for alternative in piece.text.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
                switch element(alternative, normalize: normalize) {
                case .success(let e): alternatives.append(e)
                case .failure(let problem): return .failure(Problem(message: problem.message, column: offset))
                }
                offset += alternative.count + 1
            }
            elements.append(alternatives.count == 1 ? alternatives[0] : .anyOf(alternatives))
        }
        if case .gap = elements.first {
            return .failure(Problem(message: "starts with a gap `*`; a pattern must start with a word", column: pieces[0].column))
        }
        if case .gap = elements.last {
            return .failure(Problem(message: "ends with a gap `*`; a pattern must end with a word", column: pieces[pieces.count - 1].column))
        }
        return .success(elements)
    }

    private static func element(_ piece: String, normalize: (String) -> String) -> Result<PatternElement, Problem> {
        var body = piece
        var make: (String) -> PatternElement = { .word($0) }
        if body.hasPrefix("~") { body.removeFirst(); make = { .stem($0) } }
        else if body.hasSuffix("+") { body.removeLast(); make = { .compound($0) } }
        else if body.hasSuffix("*") { body.removeLast(); make = { .prefix($0) } }
        if body.contains("*") || body.contains("~") || body.hasSuffix("+") {
            return .failure(Problem(message: "`\(piece)`: `*` may only end a word, `~` only start it, `+` only end it"))
        }
        let word = normalize(body)
        if word.isEmpty { return .failure(Problem(message: "`\(piece)` has no letters (a `|` too many?)")) }
        // Patterns match words and numbers; `?`, `.`, `^$` or `€` alone would never match anything.
        guard word.contains(where: { $0.isLetter || $0.isNumber }) else {
            return .failure(Problem(message: "`\(piece)` has no letters or digits, so it can never match a word; patterns match words (punctuation and symbols are not matched)"))
        }
        let element = make(word)
        if case .prefix = element, word.count < minimumPrefix {
            return .failure(Problem(message: "prefix `\(piece)` is too short (it would match most words); use at least \(minimumPrefix) letters"))
        }
        return .success(element)
    }
}
