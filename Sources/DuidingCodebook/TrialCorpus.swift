import DuidingText
import Foundation

/// Texts prepared once for trying patterns on them fast: tokenised, every distinct word form
/// folded as the matcher folds it, and per form the texts it occurs in.
///
/// A try then looks at forms, not texts: it tests each distinct form against the pattern's
/// words (the same `WordTest`s a codebook compiles to), takes the texts that have a passing
/// form for every word of the pattern as candidates, and runs the real `Coder` on those
/// candidates only, with their stored tokens. So a try gives exactly the matches a recode
/// gives, at the cost of the forms plus the candidates.
///
/// Immutable once built, apart from the stems and sound keys of the forms, which are computed
/// on first need under a lock; share one corpus between threads.
public final class TrialCorpus: @unchecked Sendable {
    /// The language the texts were tokenised for; a codebook of another language needs a new corpus.
    public let language: LanguageResources
    /// All texts as UTF-16, one after another; text `i` is `text[textStarts[i]..<textStarts[i + 1]]`.
    private let text: [UInt16]
    private let textStarts: [Int]
    /// The tokens the matcher looks at (`Coder.isMatchingToken`), offsets within their own text.
    private let tokens: [StoredToken]
    private let tokenStarts: [Int]
    /// Distinct matching forms, and per form the texts it occurs in (ascending), flat.
    let forms: [String]
    private let formIDs: [String: Int32]
    private let postings: [Int32]
    private let postingStarts: [Int]

    private let lock = NSLock()
    private var stems: [String]?
    private var soundKeys: [String]?
    /// Per set of exclude patterns, the texts they might match in (see `hits`).
    private var excludeCache: [String: [UInt64]] = [:]

    private struct StoredToken {
        var start: Int32
        var end: Int32
        var kind: TokenKind
    }

    /// Number of texts.
    public var count: Int { textStarts.count - 1 }

    /// Number of distinct word forms.
    public var formCount: Int { forms.count }

    /// Tokenises and indexes `texts` on `workers` threads.
    public init(texts: [String], language: LanguageResources, workers: Int = ParallelCoding.defaultWorkers) throws {
        self.language = language
        // Tokenise in chunks on all cores; each chunk folds its own distinct raw forms.
        struct Chunk: Sendable {
            var text: [UInt16] = []
            var textStarts: [Int] = []
            var tokens: [StoredToken] = []
            var tokenStarts: [Int] = []
            /// Per text, the chunk-local form ids it contains (each once).
            var unitForms: [Int32] = []
            var unitFormStarts: [Int] = []
            var forms: [String] = []
        }
        let chunkSize = 2_000
        let ranges = stride(from: 0, to: texts.count, by: chunkSize).map { $0..<min($0 + chunkSize, texts.count) }
        let chunks: [Chunk] = try Self.parallelMap(ranges, workers: workers) { range in
            let tokenizer = try Tokenizer(language: language)
            var chunk = Chunk()
            var interner = UTF16Interner()
            var rawToForm: [Int32] = []
            var formIndex: [String: Int32] = [:]
            var found: [Token] = []
            var seen = Set<Int32>()
            for i in range {
                let units = Array(texts[i].utf16)
                chunk.textStarts.append(chunk.text.count)
                chunk.tokenStarts.append(chunk.tokens.count)
                chunk.unitFormStarts.append(chunk.unitForms.count)
                chunk.text.append(contentsOf: units)
                seen.removeAll(keepingCapacity: true)
                try units.withUnsafeBufferPointer { buffer in
                    try tokenizer.tokenize(buffer, into: &found)
                    for token in found where Coder.isMatchingToken(token, in: buffer) {
                        chunk.tokens.append(StoredToken(start: Int32(token.utf16Range.lowerBound), end: Int32(token.utf16Range.upperBound),
                                                        kind: token.kind))
                        guard token.kind.isMatchable else { continue }
                        let raw = UnsafeBufferPointer(rebasing: buffer[token.utf16Range])
                        let (id, isNew) = interner.intern(raw)
                        if isNew {
                            let form = language.matchingForm(raw)
                            if let known = formIndex[form] {
                                rawToForm.append(known)
                            } else {
                                formIndex[form] = Int32(chunk.forms.count)
                                rawToForm.append(Int32(chunk.forms.count))
                                chunk.forms.append(form)
                            }
                        }
                        let form = rawToForm[id]
                        if seen.insert(form).inserted { chunk.unitForms.append(form) }
                    }
                }
            }
            return chunk
        }

        // Merge: global form ids, then the postings by counting sort (texts stay ascending).
        var text: [UInt16] = [], textStarts: [Int] = [], tokens: [StoredToken] = [], tokenStarts: [Int] = []
        var forms: [String] = [], formIDs: [String: Int32] = [:]
        var occurrences: [(form: Int32, unit: Int32)] = []
        var unit: Int32 = 0
        for chunk in chunks {
            let global = chunk.forms.map { form -> Int32 in
                if let id = formIDs[form] { return id }
                formIDs[form] = Int32(forms.count)
                forms.append(form)
                return Int32(forms.count - 1)
            }
            for (k, start) in chunk.textStarts.enumerated() {
                textStarts.append(text.count + start)
                tokenStarts.append(tokens.count + chunk.tokenStarts[k])
                let end = k + 1 < chunk.unitFormStarts.count ? chunk.unitFormStarts[k + 1] : chunk.unitForms.count
                for f in chunk.unitForms[chunk.unitFormStarts[k]..<end] { occurrences.append((global[Int(f)], unit)) }
                unit += 1
            }
            text.append(contentsOf: chunk.text)
            tokens.append(contentsOf: chunk.tokens)
        }
        textStarts.append(text.count)
        tokenStarts.append(tokens.count)
        var postingStarts = [Int](repeating: 0, count: forms.count + 1)
        for o in occurrences { postingStarts[Int(o.form) + 1] += 1 }
        for f in 0..<forms.count { postingStarts[f + 1] += postingStarts[f] }
        var fill = postingStarts
        var postings = [Int32](repeating: 0, count: occurrences.count)
        for o in occurrences {
            postings[fill[Int(o.form)]] = o.unit
            fill[Int(o.form)] += 1
        }
        self.text = text
        self.textStarts = textStarts
        self.tokens = tokens
        self.tokenStarts = tokenStarts
        self.forms = forms
        self.formIDs = formIDs
        self.postings = postings
        self.postingStarts = postingStarts
    }

    // MARK: - Trying

    /// One text a code's patterns matched in, with the code's evidence there.
    public struct Hit: Sendable, Hashable {
        /// The text's index in the corpus.
        public let index: Int
        /// The code's suggestion with its evidence; nil when the match was certain without coding
        /// the text (`suggestions(at:with:)` gives it).
        public let suggestion: Suggestion?
    }

    /// The texts that `compiled` suggests the code at `codeIndex` for, in corpus order. The
    /// same as coding every text: only candidates are coded, and of those not the ones whose
    /// match is certain (below).
    ///
    /// Certain: the code has one include pattern of one word, the text has a form passing it
    /// (every candidate has), no exclude pattern of the code can match in the text (it lacks a
    /// form for some word of each), and nothing can negate the match (the pattern is not
    /// negatable, or the text has no negation cue). Then the coder would find the match and
    /// keep it.
    public func hits(code codeIndex: Int, of compiled: CompiledCodebook, workers: Int = ParallelCoding.defaultWorkers) throws -> [Hit] {
        precondition(compiled.language.locale == language.locale, "a corpus tokenised for \(language.locale) tried with a \(compiled.language.locale) codebook")
        let candidates = self.candidates(code: codeIndex, of: compiled)
        var certain: [Int32] = [], uncertain: [Int32] = []
        if let needsCoding = uncertainTexts(code: codeIndex, of: compiled) {
            for i in candidates {
                if needsCoding[Int(i) >> 6] & (1 << UInt64(Int(i) & 63)) != 0 { uncertain.append(i) } else { certain.append(i) }
            }
        } else {
            uncertain = candidates
        }
        let batches = stride(from: 0, to: uncertain.count, by: 512).map { uncertain[$0..<min($0 + 512, uncertain.count)] }
        let coded = try ParallelCoding.map(batches, codebook: compiled, workers: workers) { coder, batch in
            var hits: [Hit] = []
            for i in batch {
                if let s = self.code(Int(i), with: coder).first(where: { $0.codeIndex == codeIndex }) {
                    hits.append(Hit(index: Int(i), suggestion: s))
                }
            }
            return hits
        }.flatMap { $0 }
        guard !certain.isEmpty else { return coded }
        // Merge the two ascending lists.
        var result: [Hit] = []
        result.reserveCapacity(coded.count + certain.count)
        var k = 0
        for i in certain {
            while k < coded.count, coded[k].index < Int(i) { result.append(coded[k]); k += 1 }
            result.append(Hit(index: Int(i), suggestion: nil))
        }
        result.append(contentsOf: coded[k...])
        return result
    }

    /// The suggestions of the texts at `indices`, coded one after another.
    public func suggestions(at indices: [Int], with compiled: CompiledCodebook) throws -> [[Suggestion]] {
        guard !indices.isEmpty else { return [] }
        let coder = try Coder(compiled)
        return indices.map { code($0, with: coder) }
    }

    /// Texts whose match of the code is not certain (see `hits`), as a bit set; nil when the
    /// code's patterns allow no certain matches.
    private func uncertainTexts(code codeIndex: Int, of compiled: CompiledCodebook) -> [UInt64]? {
        let includes = compiled.patterns.filter { $0.code == codeIndex && !$0.isExclude }
        guard includes.count == 1, let include = includes.first, include.steps.count == 1 else { return nil }
        let words = (count + 63) / 64
        var uncertain = [UInt64](repeating: 0, count: words)
        let excludes = compiled.patterns.filter { $0.code == codeIndex && $0.isExclude }
        if !excludes.isEmpty {
            let key = excludes.map { p in "\(compiled.pattern(p).source)\u{1}\(compiled.pattern(p).fuzzy)" }.joined(separator: "\u{0}")
            let excludable = lock.withLock { excludeCache[key] } ?? {
                let computed = unitsMatchingEveryStep(of: excludes, compiled)
                lock.withLock {
                    if excludeCache.count >= 32 { excludeCache.removeAll() }
                    excludeCache[key] = computed
                }
                return computed
            }()
            for w in 0..<words { uncertain[w] |= excludable[w] }
        }
        if include.negatable {
            for cue in compiled.negationBefore.union(compiled.negationAfter) {
                guard let f = formIDs[cue] else { continue }
                for k in postingStarts[Int(f)]..<postingStarts[Int(f) + 1] {
                    let u = Int(postings[k])
                    uncertain[u >> 6] |= 1 << UInt64(u & 63)
                }
            }
        }
        return uncertain
    }
    /// Codes every text with `compiled` (as `Coder.code` would), on all cores, in corpus order.
    public func codeAll(with compiled: CompiledCodebook, workers: Int = ParallelCoding.defaultWorkers) throws -> [[Suggestion]] {
        precondition(compiled.language.locale == language.locale, "a corpus tokenised for \(language.locale) coded with a \(compiled.language.locale) codebook")
        let batches = stride(from: 0, to: count, by: 512).map { $0..<min($0 + 512, count) }
        return try ParallelCoding.map(batches, codebook: compiled, workers: workers) { coder, batch in
            batch.map { self.code($0, with: coder) }
        }.flatMap { $0 }
    }

    /// The text at `index`.
    public func text(_ index: Int) -> String {
        String(decoding: text[textStarts[index]..<textStarts[index + 1]], as: UTF16.self)
    }

    /// The UTF-16 ranges of the words and numbers of the text at `index`, in text order (the
    /// positions `duiding explore --kwic` counts from 1).
    public func wordRanges(_ index: Int) -> [Range<Int>] {
        tokens[tokenStarts[index]..<tokenStarts[index + 1]].filter(\.kind.isMatchable).map { Int($0.start)..<Int($0.end) }
    }

    private func code(_ index: Int, with coder: Coder) -> [Suggestion] {
        let stored = tokens[tokenStarts[index]..<tokenStarts[index + 1]]
        return text.withUnsafeBufferPointer { all in
            coder.code(UnsafeBufferPointer(rebasing: all[textStarts[index]..<textStarts[index + 1]]),
                       tokens: stored.lazy.map { Token(utf16Range: Int($0.start)..<Int($0.end), kind: $0.kind) })
        }
    }

    /// Texts that may match an include pattern of the code: for every word of a pattern, a form
    /// of the text passes it. A superset of the matches (order, clauses, negation and
    /// exclusions are left to the coder).
    func candidates(code codeIndex: Int, of compiled: CompiledCodebook) -> [Int32] {
        let any = unitsMatchingEveryStep(of: compiled.patterns.filter { $0.code == codeIndex && !$0.isExclude }, compiled)
        var result: [Int32] = []
        for w in any.indices where any[w] != 0 {
            var bits = any[w]
            while bits != 0 {
                result.append(Int32(w << 6 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return result
    }

    /// As a bit set: the texts that, for one of `patterns` at least, have a passing form for
    /// every word of it.
    private func unitsMatchingEveryStep(of patterns: [CompiledPattern], _ compiled: CompiledCodebook) -> [UInt64] {
        var passing: [Int32: [Int32]] = [:]   // test → forms that pass it
        func forms(passing test: Int32) -> [Int32] {
            if let known = passing[test] { return known }
            let t = compiled.tests[Int(test)]
            var result: [Int32] = []
            if t.kind == .word && !t.fuzzy {
                if let id = formIDs[t.text] { result = [id] }
            } else {
                let stems = t.kind == .stem ? self.stemsOfForms() : []
                let sounds = t.fuzzy ? self.soundKeysOfForms() : []
                for (f, form) in self.forms.enumerated()
                where t.matches(form, stem: { stems.isEmpty ? form : stems[f] }, soundKey: { sounds.isEmpty ? "" : sounds[f] }) {
                    result.append(Int32(f))
                }
            }
            passing[test] = result
            return result
        }
        let words = (count + 63) / 64
        var any = [UInt64](repeating: 0, count: words)
        for pattern in patterns {
            var all: [UInt64]?
            for step in pattern.steps {
                guard case .anyOf(let tests) = step else { continue }
                var units = [UInt64](repeating: 0, count: words)
                for test in Set(tests) {
                    for f in forms(passing: test) {
                        for k in postingStarts[Int(f)]..<postingStarts[Int(f) + 1] {
                            let u = Int(postings[k])
                            units[u >> 6] |= 1 << UInt64(u & 63)
                        }
                    }
                }
                if var a = all {
                    for w in 0..<words { a[w] &= units[w] }
                    all = a
                } else {
                    all = units
                }
            }
            if let all { for w in 0..<words { any[w] |= all[w] } }
        }
        return any
    }

    private func stemsOfForms() -> [String] {
        lock.withLock {
            if let stems { return stems }
            let stemmer = language.snowball.flatMap { Stemmer(algorithm: $0) }
            let computed = forms.map { stemmer?.stem($0) ?? $0 }
            stems = computed
            return computed
        }
    }

    private func soundKeysOfForms() -> [String] {
        lock.withLock {
            if let soundKeys { return soundKeys }
            let computed = forms.map(Spelling.soundKey)
            soundKeys = computed
            return computed
        }
    }

    private static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @Sendable (T) throws -> R) throws -> [R] {
        let results = ParallelResults<R>(items.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            while true {
                let i: Int? = results.lock.withLock {
                    guard results.error == nil, results.next < items.count else { return nil }
                    defer { results.next += 1 }
                    return results.next
                }
                guard let i else { return }
                do {
                    let value = try transform(items[i])
                    results.lock.withLock { results.values[i] = value }
                } catch {
                    results.lock.withLock { if results.error == nil { results.error = error } }
                    return
                }
            }
        }
        if let error = results.error { throw error }
        return results.values.compactMap { $0 }
    }
}

/// What `TrialCorpus.parallelMap`'s threads share.
private final class ParallelResults<R>: @unchecked Sendable {
    let lock = NSLock()
    var values: [R?]
    var next = 0
    var error: Error?
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
}
