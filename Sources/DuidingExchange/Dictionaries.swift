import DuidingCodebook
import Foundation
import Yams

/// Checks a word entry of a dictionary (`word`, `prefix*`, `two words`) and turns it into a
/// Duiding pattern, or says why it cannot be one.
enum DictionaryEntry {
    static func pattern(_ entry: String) -> Result<ExchangePattern, Failure> {
        let words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return .failure(Failure("empty entry")) }
        for word in words {
            if word.contains("|") || word.hasPrefix("~") || word.hasSuffix("+") {
                return .failure(Failure("`|`, a leading `~` or a trailing `+` would mean something else in a Duiding pattern"))
            }
            if word == "*" { return .failure(Failure("a lone `*` (any word) has no Duiding form")) }
            if word.contains("?") { return .failure(Failure("`?` (one character) has no Duiding form")) }
            if word.dropLast().contains("*") { return .failure(Failure("`*` is only possible at the end of a word")) }
        }
        let source = words.joined(separator: " ")
        if case .failure(let problem) = PatternSyntax.parse(source, gap: CodebookLoader.defaultGap, normalize: { $0.lowercased() }) {
            return .failure(Failure(problem.message))
        }
        return .success(ExchangePattern(source: source))
    }

    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// `code `x`: dropped 2 entries: `a*` (why), `b?` (why)` per code.
    static func report(_ dropped: [(code: String, entry: String, reason: String)], file: String) -> [String] {
        var order: [String] = []
        var byCode: [String: [String]] = [:]
        for d in dropped {
            if byCode[d.code] == nil { order.append(d.code) }
            byCode[d.code, default: []].append("`\(d.entry)` (\(d.reason))")
        }
        return order.map { "\(file): code `\($0)`: dropped \(byCode[$0, default: []].count) entries: " + byCode[$0, default: []].joined(separator: ", ") }
    }

    /// What a code loses in a word-list format (LIWC, quanteda), as one message per code.
    static func losses(_ codebook: ExchangeCodebook, format: String) -> (entries: [(code: ExchangeCode, words: [String])], warnings: [String]) {
        var result: [(ExchangeCode, [String])] = []
        var warnings: [String] = []
        for code in codebook.codes {
            var words: [String] = []
            var lost: [String] = []
            for p in code.include {
                switch PlainPatterns.expand(p) {
                case .success(let list):
                    words += list
                    if p.fuzzy { lost.append("`\(p.source)`: fuzzy matching (misspellings) not kept") }
                case .failure(let why): lost.append("`\(p.source)` (\(why.reason))")
                }
            }
            for p in code.exclude { lost.append("exclude `\(p.source)`") }
            if !lost.isEmpty { warnings.append("code `\(code.id)`: \(format) cannot express " + lost.joined(separator: ", ")) }
            var seen = Set<String>()
            result.append((code, words.filter { seen.insert($0.lowercased()).inserted }))
        }
        if let n = codebook.negation {
            warnings.append("\(format) has no negation: the rule (cues: \(n.cues.joined(separator: ", "))) is dropped, so negated matches will count")
        }
        return (result, warnings)
    }
}

/// LIWC dictionaries (`.dic`): a `%` block of category numbers and names, then one word per
/// line with the numbers of its categories; `*` at the end of a word matches any ending.
public enum LIWCDictionary {
    public static func read(path: String) throws -> ExchangeImport {
        let data: Data
        do { data = try CodebookLimits.read(path) } catch {
            throw ExchangeError("\(path): cannot read the file (\((error as? CodebookLimits.TooLarge)?.description ?? error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw ExchangeError("\(path): not UTF-8 or Windows-1252 text")
        }
        return try read(text: text, file: path)
    }

    public static func read(text: String, file: String) throws -> ExchangeImport {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        var problems: [String] = []
        var warnings: [String] = []
        var index = 0
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        guard index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) == "%" else {
            throw ExchangeError("\(file):\(min(index + 1, max(lines.count, 1))): a LIWC dictionary starts with a line `%`, then `number<TAB>category` lines, then `%`")
        }
        index += 1
        var allocator = CodeIDAllocator()
        var codes: [ExchangeCode] = []
        var byNumber: [String: Int] = [:]
        var closed = false
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty { continue }
            if line == "%" { closed = true; break }
            let parts = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard parts.count >= 2, parts[0].allSatisfy(\.isNumber) else {
                problems.append("\(file):\(index): expected `number<TAB>category name`, found `\(line)`")
                continue
            }
            let name = parts[1...].joined(separator: " ")
            let number = String(Int(parts[0]) ?? 0)
            if byNumber[number] != nil { problems.append("\(file):\(index): category number \(parts[0]) is used twice"); continue }
            byNumber[number] = codes.count
            codes.append(ExchangeCode(id: allocator.allocate(name: name), label: name, description: "LIWC category \(parts[0])"))
        }
        if !closed { problems.append("\(file):\(index): the category block is not closed with a line `%`") }
        var dropped: [(code: String, entry: String, reason: String)] = []
        var conditional: [String] = []
        while index < lines.count {
            let raw = lines[index]
            index += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            // The word is the first tab-separated field (it may hold spaces: multi-word entries);
            // without tabs, the words before the first number.
            var word: String
            var rest: [String]
            if raw.contains("\t") {
                let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                word = fields[0]
                rest = fields.dropFirst().flatMap { $0.split(separator: " ").map(String.init) }
            } else {
                let tokens = line.split(separator: " ").map(String.init)
                let cut = tokens.firstIndex { $0.allSatisfy(\.isNumber) || $0.hasPrefix("(") } ?? tokens.count
                word = tokens[..<cut].joined(separator: " ")
                rest = Array(tokens[cut...])
            }
            if word.isEmpty { problems.append("\(file):\(index): an entry without a word"); continue }
            let plain = rest.filter { $0.allSatisfy(\.isNumber) && !$0.isEmpty }
            if plain.count < rest.count { conditional.append("\(file):\(index) `\(word)`") }
            if plain.isEmpty && rest.isEmpty { problems.append("\(file):\(index): `\(word)` has no category numbers"); continue }
            var targets: [Int] = []
            for number in plain {
                guard let code = byNumber[String(Int(number) ?? -1)] else {
                    problems.append("\(file):\(index): `\(word)`: category \(number) is not in the `%` block")
                    continue
                }
                targets.append(code)
            }
            switch DictionaryEntry.pattern(word) {
            case .success(let pattern):
                for t in targets where !codes[t].include.contains(pattern) { codes[t].include.append(pattern) }
            case .failure(let failure):
                for t in targets { dropped.append((codes[t].id, word, failure.reason)) }
            }
        }
        if !problems.isEmpty { throw ExchangeError(problems) }
        if codes.isEmpty { throw ExchangeError("\(file): the `%` block has no categories; a codebook needs at least one code") }
        if !conditional.isEmpty {
            warnings.append("\(file): conditional categories such as `(02 134)125/464` have no Duiding form; only the plain category numbers were kept for: " + conditional.joined(separator: ", "))
        }
        warnings += DictionaryEntry.report(dropped, file: file)
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return ExchangeImport(codebook: ExchangeCodebook(name: name, codes: codes), warnings: warnings)
    }

    /// Writes a `.dic`: categories are numbered in codebook order and named by code id.
    public static func write(_ codebook: ExchangeCodebook) -> ExchangeOutput {
        let (entries, lossWarnings) = DictionaryEntry.losses(codebook, format: "LIWC")
        var out = "%\n"
        var categories: [String: [Int]] = [:]
        var spelling: [String: String] = [:]
        for (i, entry) in entries.enumerated() {
            out += "\(i + 1)\t\(entry.code.id)\n"
            for word in entry.words {
                let key = word.lowercased()
                spelling[key] = spelling[key] ?? key
                if categories[key]?.contains(i + 1) != true { categories[key, default: []].append(i + 1) }
            }
        }
        out += "%\n"
        for key in categories.keys.sorted() {
            out += key + "\t" + (categories[key] ?? []).map(String.init).joined(separator: "\t") + "\n"
        }
        var warnings = lossWarnings
        let described = codebook.codes.filter { $0.label != $0.id || !$0.description.isEmpty }
        if !described.isEmpty {
            warnings.append("LIWC has only category names: the codes are named by id; labels and descriptions of \(described.count) codes are not kept")
        }
        return ExchangeOutput(text: out, warnings: warnings)
    }
}

/// quanteda dictionaries in YAML: keys (nested for levels) with lists of glob patterns
/// (`word`, `prefix*`, multi-word values).
public enum QuantedaDictionary {
    public static func read(path: String) throws -> ExchangeImport {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ExchangeError("\(path): cannot read the file as UTF-8 text (\(error.localizedDescription))")
        }
        return try read(text: text, file: path)
    }

    public static func read(text: String, file: String) throws -> ExchangeImport {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ExchangeError("\(file): not valid YAML (\(error))")
        }
        guard let root, let mapping = root.mapping else {
            throw ExchangeError("\(file):1: a quanteda dictionary is a YAML mapping of keys to lists of words")
        }
        if mapping["codes"]?.sequence != nil {
            throw ExchangeError("\(file): this is already a Duiding codebook (it has `codes:`); use it as it is")
        }
        var allocator = CodeIDAllocator()
        var codes: [ExchangeCode] = []
        var problems: [String] = []
        var dropped: [(code: String, entry: String, reason: String)] = []
        var nested = 0
        func line(_ node: Node) -> Int { node.mark?.line ?? 1 }
        func visit(_ key: Node, _ value: Node, parent: (id: String, label: String)?) {
            guard let name = key.string else { problems.append("\(file):\(line(key)): a key must be text"); return }
            if let children = value.mapping {
                let id = CodeIDAllocator.slug(name)
                let prefix = parent.map { "\($0.id)_\(id)" } ?? id
                for (k, v) in children { visit(k, v, parent: (prefix, parent.map { "\($0.label) > \(name)" } ?? name)) }
                return
            }
            let values: [Node]
            if let list = value.sequence { values = Array(list) } else if value.scalar != nil { values = [value] } else {
                problems.append("\(file):\(line(value)): `\(name)` must have a list of words"); return
            }
            let id = allocator.allocate(name: name, prefix: parent?.id)
            var code = ExchangeCode(id: id, label: name)
            if let parent { code.description = "parent: \(parent.label)"; nested += 1 }
            for v in values {
                guard let word = v.scalar?.string else { problems.append("\(file):\(line(v)): entries of `\(name)` must be words"); continue }
                switch DictionaryEntry.pattern(word) {
                case .success(let p): if !code.include.contains(p) { code.include.append(p) }
                case .failure(let f): dropped.append((id, word, f.reason))
                }
            }
            codes.append(code)
        }
        for (key, value) in mapping { visit(key, value, parent: nil) }
        if !problems.isEmpty { throw ExchangeError(problems) }
        if codes.isEmpty { throw ExchangeError("\(file): the dictionary has no keys with words") }
        var warnings = DictionaryEntry.report(dropped, file: file)
        if nested > 0 { warnings.insert("\(file): \(nested) nested keys flattened (ids parent_child); each keeps a `parent:` line in its description", at: 0) }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return ExchangeImport(codebook: ExchangeCodebook(name: name, codes: codes), warnings: warnings)
    }

    /// Writes a YAML dictionary keyed by code id; labels and descriptions become comments.
    public static func write(_ codebook: ExchangeCodebook) -> ExchangeOutput {
        let (entries, warnings) = DictionaryEntry.losses(codebook, format: "a quanteda dictionary")
        var out = codebook.name.isEmpty ? "" : comment(codebook.name, indent: "")
        for entry in entries {
            var about = entry.code.label
            if !entry.code.description.isEmpty { about += ": " + entry.code.description }
            out += comment(about, indent: "")
            out += "\(entry.code.id):" + (entry.words.isEmpty ? " []\n" : "\n")
            for word in entry.words { out += "  - \(YAMLText.quote(word))\n" }
        }
        return ExchangeOutput(text: out, warnings: warnings)
    }

    private static func comment(_ text: String, indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(indent)# \($0)\n" }.joined()
    }
}
