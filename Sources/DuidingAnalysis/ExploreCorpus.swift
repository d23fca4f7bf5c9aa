import DuidingText
import Foundation

/// One answer for exploring: its id, its text and its group values (variable → value).
public struct ExploreText: Sendable, Hashable {
    public var id: String
    public var text: String
    public var values: [String: String]

    public init(id: String, text: String, values: [String: String] = [:]) {
        self.id = id
        self.text = text
        self.values = values
    }
}

/// What counts as a feature: single words or runs of 2 or 3 words, as folded forms or as
/// Snowball stems, with or without stop words.
public struct FeatureOptions: Sendable, Hashable {
    /// Words per feature: 1, 2 or 3.
    public var ngrams: Int
    /// Count Snowball stems instead of folded forms.
    public var stems: Bool
    /// Leave out single stop words, and phrases that start or end with one.
    public var removeStopWords: Bool

    public init(ngrams: Int = 1, stems: Bool = false, removeStopWords: Bool = true) {
        precondition((1...3).contains(ngrams), "n-grams of 1 to 3 words")
        self.ngrams = ngrams
        self.stems = stems
        self.removeStopWords = removeStopWords
    }
}

/// Something about the answers or the request that the user can fix.
public struct ExploreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Answers segmented once for exploring themes: every word (and number) as the form the
/// codebook's patterns are matched against (`LanguageResources.matchingForm`, so counting and
/// matching fold alike), with its clause, in flat arrays.
///
/// A phrase (n-gram, collocation) is a run of consecutive words within one clause, as a
/// codebook phrase is: it never spans `.`, `,`, `;`, a line break and the other clause ends
/// of `endsClause`, nor two answers.
public struct ExploreCorpus: Sendable {
    public let texts: [ExploreText]
    public let language: LanguageResources
    /// Group variables in the order the input named them.
    public let variables: [String]
    /// Distinct word forms, folded; `form` ids index these.
    public let forms: [String]
    /// Snowball stems of the forms (the form itself for a language without a stemmer).
    let stemOfForm: [Int32]
    public let stems: [String]
    let formIsStopWord: [Bool]
    /// Per word of the corpus, in order: its form and its clause (numbered over the corpus).
    let slotForm: [Int32]
    let slotClause: [Int32]
    /// The words of text `t` are slots `textStart[t] ..< textStart[t + 1]`.
    let textStart: [Int]
    /// The texts the statistics look at (indices into `texts`, ascending); nil for all of them.
    private var selection: [Int]?

    /// Segments every text, on all cores (`workers`). `stopWords` are folded words
    /// (`StopWords.forLanguage`); `variables` default to the attribute names of the texts, sorted.
    public init(_ texts: [ExploreText], language: LanguageResources, stopWords: [String] = [], variables: [String]? = nil,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let stemmer = language.snowball.flatMap { Stemmer(algorithm: $0) }
        // Contiguous runs of texts, segmented on separate threads, then joined in order.
        let runs = max(1, min(max(1, workers) * 4, texts.count / 2000))
        let bounds = (0...runs).map { texts.count * $0 / runs }
        let parts = Results<Segmented>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { r in
            parts.set(r, Result { try Segmented(texts[bounds[r]..<bounds[r + 1]], language: language) })
        }
        var formIDs: [String: Int32] = [:]
        var forms: [String] = []
        var slotForm: [Int32] = []
        var slotClause: [Int32] = []
        var textStart: [Int] = [0]
        let segments = try parts.values.map { part -> Segmented in
            guard let part else { preconditionFailure("every run of texts was segmented") }
            return try part.get()
        }
        let words = segments.reduce(0) { $0 + $1.slotForm.count }
        slotForm.reserveCapacity(words)
        slotClause.reserveCapacity(words)
        var clauseOffset: Int32 = 0
        for segmented in segments {
            let global = segmented.forms.map { form -> Int32 in
                if let id = formIDs[form] { return id }
                formIDs[form] = Int32(forms.count)
                forms.append(form)
                return Int32(forms.count - 1)
            }
            slotForm.append(contentsOf: segmented.slotForm.lazy.map { global[Int($0)] })
            slotClause.append(contentsOf: segmented.slotClause.lazy.map { $0 + clauseOffset })
            let base = textStart[textStart.count - 1]
            textStart.append(contentsOf: segmented.textEnd.lazy.map { $0 + base })
            clauseOffset += segmented.clauses
        }
        var stemIDs: [String: Int32] = [:]
        var stems: [String] = []
        var stemOfForm: [Int32] = []
        stemOfForm.reserveCapacity(forms.count)
        for form in forms {
            let stem = stemmer?.stem(form) ?? form
            if let id = stemIDs[stem] { stemOfForm.append(id); continue }
            stemIDs[stem] = Int32(stems.count)
            stemOfForm.append(Int32(stems.count))
            stems.append(stem)
        }
        let stopSet = Set(stopWords)
        self.texts = texts
        self.language = language
        self.variables = variables ?? Set(texts.flatMap(\.values.keys)).sorted()
        self.forms = forms
        self.stemOfForm = stemOfForm
        self.stems = stems
        self.formIsStopWord = forms.map { stopSet.contains($0) }
        self.slotForm = slotForm
        self.slotClause = slotClause
        self.textStart = textStart
    }

    /// Number of words (and numbers) in the corpus.
    public var wordCount: Int { slotForm.count }

    /// The same corpus with its statistics (frequency, collocations, keyness, values) counted
    /// over the texts at `indices` only, as if it had been built from those texts: the
    /// answers without a code, say, without segmenting them again. `indices` index `texts`.
    public func restricted(to indices: [Int]) -> ExploreCorpus {
        precondition(indices.allSatisfy(texts.indices.contains), "indices of the corpus's texts")
        var copy = self
        copy.selection = indices.sorted()
        return copy
    }

    /// Indices of the texts the statistics count (all texts unless `restricted(to:)`).
    public var selectedTexts: [Int] { selection ?? Array(texts.indices) }

    /// The words of a text as they are counted, clause by clause (clauses without words are
    /// left out).
    public func clauses(ofText t: Int) -> [[String]] {
        var result: [[String]] = []
        var current: Int32?
        for s in textStart[t]..<textStart[t + 1] {
            if slotClause[s] != current { result.append([]); current = slotClause[s] }
            result[result.count - 1].append(forms[Int(slotForm[s])])
        }
        return result
    }

    // MARK: - Features

    /// A feature: up to three form or stem ids, -1 where the feature is shorter.
    struct FeatureKey: Hashable {
        var a: Int32
        var b: Int32 = -1
        var c: Int32 = -1
    }

    /// Calls `body` for every feature occurrence in text `t`, in text order.
    @inline(__always)
    func forEachFeature(inText t: Int, _ options: FeatureOptions, _ body: (FeatureKey) -> Void) {
        let n = options.ngrams
        let end = textStart[t + 1]
        var s = textStart[t]
        while s + n <= end {
            let last = s + n - 1
            defer { s += 1 }
            if n > 1, slotClause[s] != slotClause[last] { continue }
            if options.removeStopWords, formIsStopWord[Int(slotForm[s])] || formIsStopWord[Int(slotForm[last])] { continue }
            let unit = { (slot: Int) -> Int32 in options.stems ? stemOfForm[Int(slotForm[slot])] : slotForm[slot] }
            switch n {
            case 1: body(FeatureKey(a: unit(s)))
            case 2: body(FeatureKey(a: unit(s), b: unit(s + 1)))
            default: body(FeatureKey(a: unit(s), b: unit(s + 1), c: unit(s + 2)))
            }
        }
    }

    /// The text of a feature: its words (forms or stems) joined by single spaces, so that it can
    /// be pasted into a codebook pattern.
    func featureText(_ key: FeatureKey, stems: Bool) -> String {
        let names = stems ? self.stems : forms
        var text = names[Int(key.a)]
        if key.b >= 0 { text += " " + names[Int(key.b)] }
        if key.c >= 0 { text += " " + names[Int(key.c)] }
        return text
    }

    /// Feature counts over some texts: occurrences and the number of texts with the feature.
    struct FeatureCounts {
        var keys: [FeatureKey] = []
        var index: [FeatureKey: Int] = [:]
        var counts: [Int] = []
        var docfreq: [Int] = []
        var lastText: [Int] = []
        var total = 0

        mutating func add(_ key: FeatureKey, text: Int) {
            total += 1
            if let i = index[key] {
                counts[i] += 1
                if lastText[i] != text { docfreq[i] += 1; lastText[i] = text }
                return
            }
            index[key] = keys.count
            keys.append(key)
            counts.append(1)
            docfreq.append(1)
            lastText.append(text)
        }
    }

    func countFeatures(_ options: FeatureOptions, inTexts selected: some Sequence<Int>) -> FeatureCounts {
        var result = FeatureCounts()
        for t in selected {
            forEachFeature(inText: t, options) { result.add($0, text: t) }
        }
        return result
    }
}

/// The words of a run of texts, with form ids local to the run.
private struct Segmented: Sendable {
    var forms: [String] = []
    var slotForm: [Int32] = []
    var slotClause: [Int32] = []
    /// Per text, the end of its slots (relative to the run).
    var textEnd: [Int] = []
    var clauses: Int32 = 0

    init(_ texts: ArraySlice<ExploreText>, language: LanguageResources) throws {
        let tokenizer = try Tokenizer(language: language)
        var raw = UTF16Interner()
        var formOfRaw: [Int32] = []
        var formIDs: [String: Int32] = [:]
        var tokens: [Token] = []
        var units: [UInt16] = []
        slotForm.reserveCapacity(texts.count * 16)
        slotClause.reserveCapacity(texts.count * 16)
        for text in texts {
            units.removeAll(keepingCapacity: true)
            units.append(contentsOf: text.text.utf16)
            try units.withUnsafeBufferPointer { buffer in
                try tokenizer.tokenize(buffer, into: &tokens)
                clauses += 1
                for token in tokens {
                    if token.kind.isMatchable {
                        let piece = UnsafeBufferPointer(rebasing: buffer[token.utf16Range])
                        let (id, isNew) = raw.intern(piece)
                        if isNew {
                            let form = language.matchingForm(piece)
                            if let known = formIDs[form] {
                                formOfRaw.append(known)
                            } else {
                                formIDs[form] = Int32(forms.count)
                                formOfRaw.append(Int32(forms.count))
                                forms.append(form)
                            }
                        }
                        slotForm.append(formOfRaw[id])
                        slotClause.append(clauses)
                    } else if endsClause(token, in: buffer) {
                        clauses += 1
                    }
                }
            }
            textEnd.append(slotForm.count)
        }
    }
}

/// Results written by several threads, one slot each.
private final class Results<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Value, any Error>) { lock.withLock { slots[index] = value } }

    var values: [Result<Value, any Error>?] { lock.withLock { slots } }
}
