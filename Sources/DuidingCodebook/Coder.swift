import DuidingText

/// A code suggested for a text, with the evidence for it.
public struct Suggestion: Sendable, Hashable {
    /// Index of the code in the codebook.
    public let codeIndex: Int
    public let codeID: String
    /// Every match that supports the code, in text order; empty only for a code a person
    /// added without a match.
    public internal(set) var evidence: [Evidence]
    /// The passages a person coded with the code (UTF-16 ranges of the coded text, in the
    /// order coded); empty when the code applies to the whole unit. A quote of the code is
    /// its first passage, verbatim.
    public var passages: [Range<Int>]

    public init(codeIndex: Int, codeID: String, evidence: [Evidence], passages: [Range<Int>] = []) {
        self.codeIndex = codeIndex
        self.codeID = codeID
        self.evidence = evidence
        self.passages = passages
    }
}

/// One match: which pattern fired and the exact text it covered.
public struct Evidence: Sendable, Hashable {
    /// The pattern as written in the codebook.
    public let pattern: String
    /// The matched span, in UTF-16 code units of the coded text.
    public let utf16Range: Range<Int>

    public init(pattern: String, utf16Range: Range<Int>) {
        self.pattern = pattern
        self.utf16Range = utf16Range
    }
}

/// Applies a compiled codebook to texts. Work per distinct word form (folding, stemming,
/// testing against every pattern word) is done once and remembered, so coding a large
/// corpus costs little more than segmenting it.
///
/// Not thread-safe: give each thread its own coder.
public final class Coder {
    public let compiled: CompiledCodebook
    public let tokenizer: Tokenizer
    private let stemmer: Stemmer?
    private var forms = UTF16Interner()
    private var facts: [Facts] = []
    private var factTests: [Int32] = []
    private var tokens: [Token] = []
    private var slots: [Slot] = []
    private var matches: [Match] = []
    /// (code, clause) pairs where an exclude pattern matched.
    private var excluded = Set<Int64>()

    private struct Facts {
        var testsStart: Int32
        var testsCount: Int32
        var flags: UInt8
    }
    private static let negatesBefore: UInt8 = 1, negatesAfter: UInt8 = 2, breaksScope: UInt8 = 4

    /// A word or number of the text being coded, with its clause and negation scope.
    private struct Slot {
        var token: Int32
        var form: Int32
        var clause: Int32
        var scope: Int32
    }

    private struct Match {
        var pattern: Int32
        var first: Int32
        var last: Int32
        var clause: Int32
    }

    public init(_ compiled: CompiledCodebook) throws {
        self.compiled = compiled
        self.tokenizer = try Tokenizer(language: compiled.language)
        self.stemmer = compiled.language.snowball.flatMap { Stemmer(algorithm: $0) }
    }

    /// Codes suggested for a string; evidence offsets are UTF-16 offsets into it.
    public func code(_ text: String) throws -> [Suggestion] {
        let units = Array(text.utf16)
        return try units.withUnsafeBufferPointer { try code($0) }
    }

    /// Codes suggested for UTF-16 text, in codebook order.
    public func code(_ text: UnsafeBufferPointer<UInt16>) throws -> [Suggestion] {
        try tokenizer.tokenize(text, into: &tokens)
        collectSlots(text)
        findMatches()
        return suggestions()
    }

    /// Codes UTF-16 text that was tokenised before (by a `Tokenizer` of the codebook's
    /// language). Tokens that neither match nor end a clause may be left out
    /// (`Coder.isMatchingToken`); the result is the same as `code(_:)` gives.
    public func code(_ text: UnsafeBufferPointer<UInt16>, tokens given: some Sequence<Token>) -> [Suggestion] {
        tokens.removeAll(keepingCapacity: true)
        tokens.append(contentsOf: given)
        collectSlots(text)
        findMatches()
        return suggestions()
    }

    /// The words and numbers of the text coded last, in text order: each one's UTF-16 range,
    /// whether it is a number, its form and its clause (counted from 0 within the text). A
    /// form is this coder's number for a distinct raw spelling, given 0, 1, 2, … in the order
    /// the coder first met them and kept across texts, so a caller can remember its own work
    /// per form without tokenising or interning the text again.
    public func forEachWord(_ body: (_ utf16Range: Range<Int>, _ isNumber: Bool, _ form: Int, _ clause: Int32) -> Void) {
        for slot in slots {
            let token = tokens[Int(slot.token)]
            body(token.utf16Range, token.kind == .number, Int(slot.form), slot.clause)
        }
    }

    /// Whether the matcher looks at a token: words and numbers, and what ends a clause.
    public static func isMatchingToken(_ token: Token, in text: UnsafeBufferPointer<UInt16>) -> Bool {
        switch token.kind {
        case .word, .number: return true
        case .punctuation, .whitespace, .symbol: return endsClause(token, in: text)
        case .markup: return false
        }
    }

    // MARK: - Slots

    private func collectSlots(_ text: UnsafeBufferPointer<UInt16>) {
        slots.removeAll(keepingCapacity: true)
        var clause: Int32 = 0
        var scope: Int32 = 0
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .word, .number:
                let form = formID(UnsafeBufferPointer(rebasing: text[token.utf16Range]))
                if facts[Int(form)].flags & Self.breaksScope != 0 { scope += 1 }
                slots.append(Slot(token: Int32(index), form: form, clause: clause, scope: scope))
            case .punctuation, .whitespace, .symbol:
                if endsClause(token, in: text) { clause += 1; scope += 1 }
            case .markup:
                break
            }
        }
    }

    private func formID(_ raw: UnsafeBufferPointer<UInt16>) -> Int32 {
        let (id, isNew) = forms.intern(raw)
        if isNew { facts.append(analyze(raw)) }
        return Int32(id)
    }

    /// Folds a new form and runs every word test on it, once.
    private func analyze(_ raw: UnsafeBufferPointer<UInt16>) -> Facts {
        let word = compiled.language.matchingForm(raw)
        var stem: String?
        var sound: String?
        let stemOf = { [stemmer] () -> String in
            if let stem { return stem }
            let s = stemmer?.stem(word) ?? word
            stem = s
            return s
        }
        let soundOf = { () -> String in
            if let sound { return sound }
            let s = Spelling.soundKey(word)
            sound = s
            return s
        }
        let start = Int32(factTests.count)
        for (id, test) in compiled.tests.enumerated() where test.matches(word, stem: stemOf, soundKey: soundOf) {
            factTests.append(Int32(id))
        }
        var flags: UInt8 = 0
        if compiled.negationBefore.contains(word) { flags |= Self.negatesBefore }
        if compiled.negationAfter.contains(word) { flags |= Self.negatesAfter }
        if compiled.scopeBreakers.contains(word) { flags |= Self.breaksScope }
        return Facts(testsStart: start, testsCount: Int32(factTests.count) - start, flags: flags)
    }

    @inline(__always) private func passes(_ slot: Int, _ test: Int32) -> Bool {
        let f = facts[Int(slots[slot].form)]
        var i = Int(f.testsStart)
        let end = i + Int(f.testsCount)
        while i < end {
            if factTests[i] == test { return true }
            i += 1
        }
        return false
    }

    // MARK: - Matching

    private func findMatches() {
        matches.removeAll(keepingCapacity: true)
        for start in slots.indices {
            let f = facts[Int(slots[start].form)]
            guard f.testsCount > 0 else { continue }
            for k in Int(f.testsStart)..<Int(f.testsStart + f.testsCount) {
                for p in compiled.patternsStartingWith[Int(factTests[k])] {
                    let steps = compiled.patterns[Int(p)].steps
                    if let last = extend(steps, 1, start + 1, clause: slots[start].clause) {
                        matches.append(Match(pattern: p, first: Int32(start), last: Int32(last), clause: slots[start].clause))
                    }
                }
            }
        }
    }

    /// Matches steps[step...] from `slot` on; returns the last slot of the match.
    private func extend(_ steps: [CompiledPattern.Step], _ step: Int, _ slot: Int, clause: Int32) -> Int? {
        if step == steps.count { return slot - 1 }
        switch steps[step] {
        case .anyOf(let tests):
            guard slot < slots.count, slots[slot].clause == clause, tests.contains(where: { passes(slot, $0) }) else { return nil }
            return extend(steps, step + 1, slot + 1, clause: clause)
        case .gap(let max):
            for skip in 0...max {
                let next = slot + skip
                guard next < slots.count, slots[next].clause == clause else { return nil }
                if let last = extend(steps, step + 1, next, clause: clause) { return last }
            }
            return nil
        }
    }

    private func isNegated(_ match: Match) -> Bool {
        let rule = compiled.codebook.negation
        let first = Int(match.first), last = Int(match.last)
        let scope = slots[first].scope
        var k = first - 1
        while k >= 0, first - k <= rule.window, slots[k].scope == scope {
            if facts[Int(slots[k].form)].flags & Self.negatesBefore != 0 { return true }
            k -= 1
        }
        k = last + 1
        while k < slots.count, k - last <= rule.afterWindow, slots[k].scope == slots[last].scope {
            if facts[Int(slots[k].form)].flags & Self.negatesAfter != 0 { return true }
            k += 1
        }
        return false
    }

    /// The suggestions of the current matches: linear in the number of matches (exclusions
    /// and repeated evidence are looked up in sets), so a huge answer costs what its length costs.
    private func suggestions() -> [Suggestion] {
        guard !matches.isEmpty else { return [] }
        excluded.removeAll(keepingCapacity: true)
        for m in matches where compiled.patterns[Int(m.pattern)].isExclude {
            excluded.insert(Self.key(code: compiled.patterns[Int(m.pattern)].code, clause: m.clause))
        }
        var result: [Suggestion] = []
        var resultIndex: [Int: Int] = [:]
        var seen = Set<Evidence>()
        for m in matches {
            let p = compiled.patterns[Int(m.pattern)]
            guard !p.isExclude, !excluded.contains(Self.key(code: p.code, clause: m.clause)),
                  !(p.negatable && isNegated(m)) else { continue }
            let range = tokens[Int(slots[Int(m.first)].token)].utf16Range.lowerBound
                ..< tokens[Int(slots[Int(m.last)].token)].utf16Range.upperBound
            let evidence = Evidence(pattern: compiled.pattern(p).source, utf16Range: range)
            if let i = resultIndex[p.code] {
                if seen.insert(evidence).inserted { result[i].evidence.append(evidence) }
            } else {
                seen.insert(evidence)
                resultIndex[p.code] = result.count
                result.append(Suggestion(codeIndex: p.code, codeID: compiled.codebook.codes[p.code].id, evidence: [evidence]))
            }
        }
        for i in result.indices { result[i].evidence.sort { $0.utf16Range.lowerBound < $1.utf16Range.lowerBound } }
        return result.sorted { $0.codeIndex < $1.codeIndex }
    }

    @inline(__always) private static func key(code: Int, clause: Int32) -> Int64 { Int64(code) << 32 | Int64(UInt32(bitPattern: clause)) }
}
