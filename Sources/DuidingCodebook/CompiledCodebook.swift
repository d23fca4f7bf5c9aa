import DuidingText

/// Why a codebook cannot be used for matching (as opposed to being badly written).
public struct CodebookNotUsable: Error, CustomStringConvertible {
    public let description: String
}

/// A codebook prepared for matching: every distinct word test numbered, patterns as steps
/// over those numbers, and the negation words as sets. Immutable and shared by all threads.
public struct CompiledCodebook: Sendable {
    public let codebook: Codebook
    public let language: LanguageResources
    let tests: [WordTest]
    let patterns: [CompiledPattern]
    /// For each test, the patterns whose first step is that test.
    let patternsStartingWith: [[Int32]]
    let negationBefore: Set<String>
    let negationAfter: Set<String>
    let scopeBreakers: Set<String>
    let needsStems: Bool
    let needsSoundKeys: Bool

    public init(_ codebook: Codebook) throws {
        self.codebook = codebook
        self.language = LanguageResources.forLanguage(codebook.language)
        let stemmer = language.snowball.flatMap { Stemmer(algorithm: $0) }
        var testIDs: [WordTest: Int32] = [:]
        var tests: [WordTest] = []
        var patterns: [CompiledPattern] = []
        for (codeIndex, code) in codebook.codes.enumerated() {
            for (isExclude, list) in [(false, code.include), (true, code.exclude)] {
                for (patternIndex, pattern) in list.enumerated() {
                    var steps: [CompiledPattern.Step] = []
                    for element in pattern.elements {
                        if case .gap(let max) = element { steps.append(.gap(max)); continue }
                        var alternatives: [Int32] = []
                        for word in element.alternatives {
                            let test = try WordTest(word, fuzzy: pattern.fuzzy, stemmer: stemmer, language: language)
                            if let id = testIDs[test] { alternatives.append(id); continue }
                            tests.append(test)
                            testIDs[test] = Int32(tests.count - 1)
                            alternatives.append(Int32(tests.count - 1))
                        }
                        steps.append(.anyOf(alternatives))
                    }
                    patterns.append(CompiledPattern(code: codeIndex, isExclude: isExclude, index: patternIndex,
                                                    steps: steps, negatable: pattern.negatable))
                }
            }
        }
        var starting = Array(repeating: [Int32](), count: tests.count)
        for (i, p) in patterns.enumerated() {
            if case .anyOf(let first) = p.steps[0] {
                for t in Set(first) { starting[Int(t)].append(Int32(i)) }
            }
        }
        self.tests = tests
        self.patterns = patterns
        self.patternsStartingWith = starting
        self.negationBefore = Set(codebook.negation.cues)
        self.negationAfter = Set(codebook.negation.afterCues)
        self.scopeBreakers = Set(codebook.negation.scopeBreakers)
        self.needsStems = tests.contains { $0.kind == .stem }
        self.needsSoundKeys = tests.contains { $0.fuzzy }
    }

    /// The pattern (as written) behind a compiled pattern.
    func pattern(_ p: CompiledPattern) -> Pattern {
        let code = codebook.codes[p.code]
        return p.isExclude ? code.exclude[p.index] : code.include[p.index]
    }
}

struct CompiledPattern: Sendable {
    /// A word passing any of the tests, or a gap of up to n words.
    enum Step: Sendable { case anyOf([Int32]), gap(Int) }
    let code: Int
    let isExclude: Bool
    let index: Int
    let steps: [Step]
    let negatable: Bool
}

extension PatternElement {
    /// The word-level elements a position accepts.
    var alternatives: [PatternElement] {
        if case .anyOf(let elements) = self { return elements }
        return [self]
    }
}

/// One word-level test of a pattern element, applied once to each distinct word form.
struct WordTest: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case word, prefix, stem, compound }
    let kind: Kind
    let text: String
    let fuzzy: Bool
    /// For `.stem`: the stem of `text`.
    let stem: String
    let soundKey: String

    /// Compounds match a part only when the rest is at least this long (training+ in
    /// weerbaarheidstraining, not in trainings).
    static let minimumCompoundRest = 3

    init(_ element: PatternElement, fuzzy: Bool, stemmer: Stemmer?, language: LanguageResources) throws {
        switch element {
        case .word(let w): kind = .word; text = w
        case .prefix(let p): kind = .prefix; text = p
        case .compound(let c): kind = .compound; text = c
        case .stem(let s):
            guard stemmer != nil else {
                throw CodebookNotUsable(description: "the codebook uses the stem pattern `~\(s)`, but there is no Snowball stemmer for language `\(language.locale)`")
            }
            kind = .stem; text = s
        case .gap, .anyOf: preconditionFailure("gaps and alternatives are steps, not word tests")
        }
        self.fuzzy = fuzzy
        self.stem = kind == .stem ? (stemmer?.stem(text) ?? text) : ""
        self.soundKey = fuzzy ? Spelling.soundKey(kind == .stem ? stem : text) : ""
    }

    /// Whether a folded word (with its stem and sound key, computed on demand) passes.
    func matches(_ word: String, stem: () -> String, soundKey: () -> String) -> Bool {
        switch kind {
        case .word:
            if word == text { return true }
            guard fuzzy else { return false }
            return (text.count >= 5 && soundKey() == self.soundKey) || (text.count >= 6 && Spelling.withinOneEdit(word, text))
        case .prefix:
            if word.hasPrefix(text) { return true }
            guard fuzzy else { return false }
            if text.count >= 5 && soundKey().hasPrefix(self.soundKey) { return true }
            guard text.count >= 6 else { return false }
            let n = text.count
            return (n - 1...n + 1).contains { length in length <= word.count && Spelling.withinOneEdit(String(word.prefix(length)), text) }
        case .stem:
            let s = stem()
            return s == self.stem || (fuzzy && self.stem.count >= 5 && Spelling.soundKey(s) == self.soundKey)
        case .compound:
            if Self.isPart(text, of: word) { return true }
            return fuzzy && text.count >= 5 && Self.isPart(self.soundKey, of: soundKey())
        }
    }

    private static func isPart(_ part: String, of word: String) -> Bool {
        if word == part { return true }
        guard word.count >= part.count + minimumCompoundRest else { return false }
        return word.hasSuffix(part) || word.hasPrefix(part)
    }
}
