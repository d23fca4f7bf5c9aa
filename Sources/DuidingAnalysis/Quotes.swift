import DuidingCodebook
import DuidingText

/// A unit offered for quotation: its text, the codes suggested for it, and how it is attributed.
public struct QuoteCandidate: Sendable {
    public let unitID: String
    /// The unit's text.
    public let text: String
    public let suggestions: [Suggestion]
    /// E.g. "Middelgrote gemeente" or "raadslid, gemeente"; may be empty.
    public let attribution: String
    /// The text tokenized, when the caller had it already; otherwise the selector tokenizes
    /// only the candidates it scores.
    let document: Document?

    public init(unitID: String, document: Document, suggestions: [Suggestion], attribution: String) {
        self.unitID = unitID
        self.text = document.text
        self.document = document
        self.suggestions = suggestions
        self.attribution = attribution
    }

    /// A candidate that is tokenized only if its score is needed.
    public init(unitID: String, text: String, suggestions: [Suggestion], attribution: String) {
        self.unitID = unitID
        self.text = text
        self.document = nil
        self.suggestions = suggestions
        self.attribution = attribution
    }
}

/// What the selector reads of a unit it scores: its text (tokenized, when the caller had it
/// so) and how it is attributed.
public struct QuoteText: Sendable {
    public let text: String
    public let attribution: String
    let document: Document?

    public init(text: String, attribution: String) {
        self.text = text
        self.attribution = attribution
        self.document = nil
    }

    init(_ candidate: QuoteCandidate) {
        text = candidate.text
        attribution = candidate.attribution
        document = candidate.document
    }
}

/// A chosen quote: verbatim text (long units shortened on sentence boundaries with `[...]`).
public struct Quote: Sendable {
    public let codeIndex: Int
    public let unitID: String
    public let text: String
    public let attribution: String
    /// Why this quote was chosen, in a few words.
    public let why: String
    /// Personal data found in `text` (UTF-16 ranges into it); the text itself is never changed.
    public let personalData: [PersonalDataFinding]
    /// How many respondents share the attribution, and a coarser one where too few do (set by
    /// the caller that knows the respondents; nil when not assessed).
    public var attributionRisk: AttributionRisk.Assessment?

    public init(codeIndex: Int, unitID: String, text: String, attribution: String, why: String,
                personalData: [PersonalDataFinding] = []) {
        self.codeIndex = codeIndex
        self.unitID = unitID
        self.text = text
        self.attribution = attribution
        self.why = why
        self.personalData = personalData
    }

    /// The kinds of personal data found, each once, in `PersonalDataKind` order.
    public var personalDataKinds: [PersonalDataKind] { Set(personalData.map(\.kind)).sorted() }

    /// For a quote with personal data, the text with placeholders (`[naam]`, `[e-mail]`) in
    /// their place: a proposal for the researcher, not applied to `text`.
    public var proposedRedaction: String? {
        personalData.isEmpty ? nil : PersonalDataScreener.redacted(text, findings: personalData)
    }

    /// The quote as a redacted report prints it: placeholders in the text, the coarser
    /// attribution where the attribution's group is too small.
    public func redacted() -> Quote {
        var quote = Quote(codeIndex: codeIndex, unitID: unitID, text: proposedRedaction ?? text,
                          attribution: attributionRisk?.flagged == true ? attributionRisk?.coarser ?? attribution : attribution, why: why)
        quote.attributionRisk = attributionRisk
        return quote
    }
}

/// Picks representative quotes per code: typical for the code (its evidence uses the terms
/// most often seen for that code), readable (complete sentences of moderate length), focused
/// (few other codes), diverse (no near-duplicates, spread over attribution groups) and clean
/// (a quote with possible personal data ranks lower and carries what was found).
public struct QuoteSelector {
    public var perCode: Int
    /// Longer units are shortened to the sentences around the evidence.
    public var maxWords = 45
    public var minWords = 4
    /// Screens every candidate quote for personal data.
    public var screener = PersonalDataScreener.dutch
    /// Subtracted from the score (at most about 2.9) of a quote with personal data, so a clean
    /// quote is preferred unless it is much less typical or readable.
    public var personalDataPenalty = 1.5
    /// Units the researcher pinned as quotes, per code id: chosen first, whatever their score.
    public var pinned: [String: Set<String>] = [:]
    /// Units the researcher banned as quotes, per code id: never chosen.
    public var banned: [String: Set<String>] = [:]
    /// Whether a unit may be quoted under more than one code. Off: a chapter quotes each answer
    /// under one theme only (a pinned quote excepted); the codes take turns, one quote each per
    /// round, those with the fewest candidates first, so a rare theme keeps its few quotes.
    public var repeatsUnits = false
    /// Added to the score of a pinned quote so it sorts before every other.
    static let pinnedBonus = 1_000.0

    private let segmenter: SentenceSegmenter
    private let tokenizer: Tokenizer

    public init(perCode: Int, language: LanguageResources) throws {
        self.perCode = perCode
        self.segmenter = try SentenceSegmenter(language: language)
        self.tokenizer = try Tokenizer(language: language)
    }

    /// Quotes per code index (index = code), best first (see `select(from:load:)`).
    public func select(from candidates: [QuoteCandidate], codeCount: Int) throws -> [[Quote]] {
        let offered = candidates.filter { !$0.suggestions.isEmpty }
        var pool = QuotePool(codeCount: codeCount)
        for candidate in offered { pool.add(unitID: candidate.unitID, text: candidate.text, suggestions: candidate.suggestions) }
        return try select(from: pool) { QuoteText(offered[$0]) }
    }

    /// Quotes per code index (index = code), best first. `load(i)` reads the text and
    /// attribution of the pool's i-th unit, only for the units scored.
    ///
    /// Every candidate's score is bounded from above by what costs nothing to know (how typical
    /// its evidence is, how focused it is, whether it is pinned; readability at its best and no
    /// personal data). Candidates are scored (tokenized, shortened, screened) in the order of
    /// that bound, and a scored one is ranked once no unscored bound can beat it, so only the
    /// head of the ranking is ever scored and the quotes are exactly those of scoring them all.
    public func select(from pool: QuotePool, load: (Int) throws -> QuoteText) throws -> [[Quote]] {
        // The rankings hold `load` only while this runs.
        try withoutActuallyEscaping(load) { try select(from: pool, escapingLoad: $0) }
    }

    private func select(from pool: QuotePool, escapingLoad load: @escaping (Int) throws -> QuoteText) throws -> [[Quote]] {
        let codeCount = pool.entries.count
        var texts: [Int: (document: Document, attribution: String)] = [:]
        var rankings: [Ranking] = []
        for code in 0..<codeCount {
            let entries = pool.entries[code]
            var frequency = [Int](repeating: 0, count: pool.names.count)
            for entry in entries { for term in pool.terms(of: entry) { frequency[Int(term)] += 1 } }
            let top = frequency.max().flatMap { $0 > 0 ? $0 : nil } ?? 1
            let emptyTerm = pool.ids[""].map { frequency[Int($0)] } ?? 0
            let codeID = pool.codeIDs[code]
            let bannedHere = banned[codeID] ?? [], pinnedHere = pinned[codeID] ?? []
            var bounds = Heap<Bounded> { a, b in a.bound != b.bound ? a.bound > b.bound : pool.unitIDs[a.candidate] < pool.unitIDs[b.candidate] }
            for (index, entry) in entries.enumerated() {
                let unitID = pool.unitIDs[Int(entry.candidate)]
                if bannedHere.contains(unitID) { continue }
                let bound = known(entry, pool: pool, frequency: frequency, top: top, emptyTerm: emptyTerm, isPinned: pinnedHere.contains(unitID)).bound
                bounds.insert(Bounded(bound: bound, candidate: Int(entry.candidate), entry: Int32(index)))
            }
            // An unscored candidate can still rank before a scored one only with a higher bound, or
            // an equal one and the smaller unit id (equal scores rank by unit id).
            let mayPrecede = { (b: Bounded, s: Scored) in b.bound > s.score || (b.bound == s.score && pool.unitIDs[b.candidate] < s.quote.unitID) }
            rankings.append(Ranking(bounds: bounds, mayPrecede: mayPrecede) { bounded in
                let entry = entries[Int(bounded.entry)]
                let known = self.known(entry, pool: pool, frequency: frequency, top: top, emptyTerm: emptyTerm,
                                       isPinned: pinnedHere.contains(pool.unitIDs[bounded.candidate]))
                return try self.score(known, code: code, pool: pool) { i in
                    if let cached = texts[i] { return cached }
                    let text = try load(i)
                    let loaded = (try text.document ?? Document(text.text, tokenizer: tokenizer), text.attribution)
                    texts[i] = loaded
                    return loaded
                }
            })
        }
        var result = [[Quote]](repeating: [], count: codeCount)
        // Without repeats the codes take turns: each round every code, fewest candidates first,
        // may hold one quote more, chosen from the answers no other code holds.
        let order = (0..<codeCount).sorted { (pool.entries[$0].count, $0) < (pool.entries[$1].count, $1) }
        for limit in stride(from: repeatsUnits ? perCode : 1, through: perCode, by: 1) {
            for code in order {
                let taken = repeatsUnits ? [] : Set(result.indices.filter { $0 != code }.flatMap { result[$0].map(\.unitID) })
                result[code] = try diverse(rankings[code].candidate, limit: limit, taken: taken)
            }
        }
        return result
    }

    /// What is known of a candidate for a code before reading its text.
    private func known(_ entry: QuotePool.Entry, pool: QuotePool, frequency: [Int], top: Int, emptyTerm: Int, isPinned: Bool) -> Known {
        // Most frequent term; ties go to the alphabetically first, so the output is the same every run.
        let terms = pool.terms(of: entry)
        let best = terms.max { (frequency[Int($0)], pool.names[Int($1)]) < (frequency[Int($1)], pool.names[Int($0)]) }
        let bestFrequency = best.map { frequency[Int($0)] } ?? emptyTerm
        let typicality = Double(bestFrequency) / Double(top) + min(0.4, 0.2 * Double(terms.count - 1))
        let focus = 0.3 / Double(pool.suggestionCounts[Int(entry.candidate)])
        let bonus = isPinned ? Self.pinnedBonus : 0
        return Known(entry: entry, best: best.map { pool.names[Int($0)] } ?? "", bestFrequency: bestFrequency,
                     typicality: typicality, focus: focus, isPinned: isPinned, bonus: bonus)
    }

    /// The candidates of one code in the order of scoring them all (score desc, unit id asc),
    /// scored only as far as that order is asked for.
    private final class Ranking {
        var bounds: Heap<Bounded>
        var scoredHeads = Heap<Scored>(Scored.ranksBefore)
        var ranked: [Scored] = []
        let mayPrecede: (Bounded, Scored) -> Bool
        let score: (Bounded) throws -> Scored?

        init(bounds: Heap<Bounded>, mayPrecede: @escaping (Bounded, Scored) -> Bool, score: @escaping (Bounded) throws -> Scored?) {
            self.bounds = bounds
            self.mayPrecede = mayPrecede
            self.score = score
        }

        /// The i-th candidate; nil past the last.
        func candidate(_ i: Int) throws -> Scored? {
            while ranked.count <= i {
                while let next = bounds.first, scoredHeads.first.map({ mayPrecede(next, $0) }) ?? true {
                    bounds.removeFirst()
                    if let scored = try score(next) { scoredHeads.insert(scored) }
                }
                guard let head = scoredHeads.removeFirst() else { return nil }
                ranked.append(head)
            }
            return ranked[i]
        }
    }

    /// The largest readability score (see `readabilityScore`).
    static let bestReadability = 1.0 + 0.2

    /// What is known of a candidate for a code before scoring it.
    private struct Known {
        var entry: QuotePool.Entry
        var best: String
        var bestFrequency: Int
        var typicality: Double
        var focus: Double
        var isPinned: Bool
        var bonus: Double

        var bound: Double { typicality + QuoteSelector.bestReadability + focus + bonus }
    }

    /// A candidate's entry (index into the code's entries of the pool) and its score's bound.
    private struct Bounded {
        var bound: Double
        var candidate: Int
        var entry: Int32
    }

    private struct Scored {
        var score: Double
        var quote: Quote
        var words: Set<String>
        static func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
            a.score != b.score ? a.score > b.score : a.quote.unitID < b.quote.unitID
        }
    }

    /// A candidate's score for a code and its quote; nil when it cannot be quoted. `text(i)`
    /// is the pool's i-th unit tokenized, with its attribution.
    private func score(_ known: Known, code: Int, pool: QuotePool,
                       text: (Int) throws -> (document: Document, attribution: String)) throws -> Scored? {
        let candidate = Int(known.entry.candidate)
        let (document, attribution) = try text(candidate)
        let suggestionCount = Int(pool.suggestionCounts[candidate])
        // A coded passage is the quote; a code a person added has no evidence to quote around;
        // a pinned unit is quoted whole.
        let excerpt: Excerpt
        let anchor = known.entry.anchorRange
        if known.entry.anchor == .passage {
            excerpt = makeExcerpt(document, span: anchor, text: document.text(anchor), shortened: false)
        } else if known.entry.anchor == .evidence, let e = try self.excerpt(document, around: anchor) {
            excerpt = e
        } else if known.isPinned {
            excerpt = makeExcerpt(document, span: 0..<document.utf16.count, text: document.text.trimmingWhitespace(), shortened: false)
        } else {
            return nil
        }
        let readability = readabilityScore(excerpt)
        var why = known.isPinned ? ["vastgezet door de onderzoeker"] : []
        why.append("typisch: «\(known.best)» (in \(known.bestFrequency) \(known.bestFrequency == 1 ? "antwoord" : "antwoorden"))")
        why.append("\(excerpt.words) woorden\(excerpt.complete ? ", hele zin" : "")\(excerpt.shortened ? ", ingekort" : "")")
        why.append(suggestionCount == 1 ? "alleen dit thema" : "\(suggestionCount) thema's")
        let personalData = screener.findings(in: excerpt.text)
        if !personalData.isEmpty { why.append("mogelijk persoonsgegevens, lager gerangschikt") }
        let quote = Quote(codeIndex: code, unitID: pool.unitIDs[candidate], text: excerpt.text,
                          attribution: attribution, why: why.joined(separator: "; "), personalData: personalData)
        let penalty = personalData.isEmpty ? 0 : personalDataPenalty
        return Scored(score: known.typicality + readability + known.focus - penalty + known.bonus, quote: quote, words: excerpt.wordSet)
    }

    /// Greedy: best first, skipping near-duplicates; a first round takes each attribution once.
    /// Up to `limit` quotes (pinned ones always). `ranked(i)` is the i-th candidate by score (nil
    /// past the last); units in `taken` are quoted under another code and only taken when pinned.
    private func diverse(_ ranked: (Int) throws -> Scored?, limit: Int, taken: Set<String>) throws -> [Quote] {
        var chosen: [(quote: Quote, words: Set<String>)] = []
        for spreadGroups in [true, false] {
            var i = 0
            while let candidate = try ranked(i) {
                i += 1
                // Scores only fall from here: no later candidate is pinned or can still be taken.
                guard chosen.count < limit || candidate.score >= Self.pinnedBonus else { break }
                if chosen.contains(where: { $0.quote.unitID == candidate.quote.unitID }) { continue }
                if candidate.score >= Self.pinnedBonus {
                    chosen.append((candidate.quote, candidate.words))
                    continue
                }
                if taken.contains(candidate.quote.unitID) { continue }
                if spreadGroups, !candidate.quote.attribution.isEmpty,
                   chosen.contains(where: { $0.quote.attribution == candidate.quote.attribution }) { continue }
                if chosen.contains(where: { jaccard($0.words, candidate.words) > 0.5 }) { continue }
                chosen.append((candidate.quote, candidate.words))
            }
        }
        return chosen.map(\.quote)
    }

    private struct Excerpt {
        var text: String
        var words: Int
        var wordSet: Set<String>
        var complete: Bool
        var shortened: Bool
        var shouting: Bool
    }

    /// The text to quote: the whole unit, or for a long unit the sentences around `range`.
    /// Nil for units that cannot be quoted as they are (markup, too short).
    private func excerpt(_ document: Document, around range: Range<Int>) throws -> Excerpt? {
        if document.tokens.contains(where: { $0.kind == .markup }) { return nil }
        let wordTokens = document.tokens.filter { $0.kind == .word }
        guard wordTokens.count >= minWords else { return nil }
        var span = 0..<document.utf16.count
        var shortened = false
        if wordTokens.count > maxWords {
            let sentences = try segmenter.sentences(of: document)
            guard let hit = sentences.firstIndex(where: { $0.contains(range.lowerBound) }) else { return nil }
            var lower = hit, upper = hit
            func words(_ r: ClosedRange<Int>) -> Int {
                let s = sentences[r.lowerBound].lowerBound..<sentences[r.upperBound].upperBound
                return wordTokens.filter { s.contains($0.utf16Range.lowerBound) }.count
            }
            while upper + 1 < sentences.count, words(lower...(upper + 1)) <= maxWords { upper += 1 }
            while lower > 0, words((lower - 1)...upper) <= maxWords { lower -= 1 }
            span = sentences[lower].lowerBound..<sentences[upper].upperBound
            shortened = lower > 0 || upper < sentences.count - 1
            var text = document.text(span)
            if lower > 0 { text = "[...] " + text }
            if upper < sentences.count - 1 { text += " [...]" }
            return makeExcerpt(document, span: span, text: text, shortened: shortened)
        }
        let trimmed = document.text.trimmingWhitespace()
        return makeExcerpt(document, span: span, text: trimmed, shortened: false)
    }

    private func makeExcerpt(_ document: Document, span: Range<Int>, text: String, shortened: Bool) -> Excerpt {
        let words = document.tokens.filter { $0.kind == .word && span.contains($0.utf16Range.lowerBound) }
        let wordSet = Set(words.map { foldForMatching(document.text(of: $0)) })
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        let upper = letters.filter { $0.properties.isUppercase }.count
        let core = text.replacingBrackets()
        let complete = (core.first?.isUppercase ?? false) && [".", "!", "?", "…"].contains(core.last.map(String.init) ?? "")
        return Excerpt(text: text, words: words.count, wordSet: wordSet, complete: complete, shortened: shortened,
                       shouting: letters.count > 10 && upper * 2 > letters.count)
    }

    private func readabilityScore(_ e: Excerpt) -> Double {
        var score: Double
        switch e.words {
        case 8...35: score = 1.0
        case 5...45: score = 0.6
        default: score = 0.2
        }
        if e.complete { score += 0.2 }
        if e.shouting { score -= 0.6 }
        if e.shortened { score -= 0.1 }
        return score
    }

    private func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// The text without the `[...]` elision marks, trimmed.
    func replacingBrackets() -> String {
        var s = self
        if s.hasPrefix("[...] ") { s.removeFirst(6) }
        if s.hasSuffix(" [...]") { s.removeLast(6) }
        return s.trimmingWhitespace()
    }
}

/// The units offered for quotation as the selector needs them before reading any text: per
/// code, the units with it, the folded terms of their evidence (what typicality is computed
/// from) and where a quote would be taken from. Built a unit at a time, so a caller can stream
/// a project's units through it and keep none of their texts.
public struct QuotePool: Sendable {
    /// A unit's (first) suggestion of a code: its terms (`start..<end` in `termList`) and where
    /// its quote is taken from (UTF-16; 32-bit, as a million of these are held).
    struct Entry: Sendable {
        var candidate: Int32
        var start: Int32
        var end: Int32
        var anchorStart: Int32
        var anchorEnd: Int32
        var anchor: Anchor

        /// The first coded passage is the quote; else the sentences around the first evidence;
        /// a code a person added has neither.
        enum Anchor: UInt8, Sendable { case passage, evidence, none }

        var anchorRange: Range<Int> { Int(anchorStart)..<Int(anchorEnd) }
    }

    /// Per code index, the units with that code, in the order added.
    private(set) var entries: [[Entry]]
    /// The code ids, by code index (`Suggestion.codeID` of each code); pins and bans name them.
    private(set) var codeIDs: [String]
    /// Per unit added, its id and how many codes it has.
    public private(set) var unitIDs: [String] = []
    private(set) var suggestionCounts: [Int32] = []
    private(set) var names: [String] = []
    private(set) var ids: [String: Int32] = [:]
    private var termList: [Int32] = []
    /// Raw evidence text → term number: the same few words recur across the answers.
    private var folded: [String: Int32] = [:]

    public init(codeCount: Int) {
        entries = Array(repeating: [], count: codeCount)
        codeIDs = Array(repeating: "", count: codeCount)
    }

    /// The units added.
    public var count: Int { unitIDs.count }

    /// Adds a unit with its current codes (none: nothing is added); `text` is read only for the
    /// words of the evidence.
    public mutating func add(unitID: String, text: String, suggestions: [Suggestion]) {
        guard !suggestions.isEmpty else { return }
        let index = Int32(unitIDs.count)
        unitIDs.append(unitID)
        suggestionCounts.append(Int32(suggestions.count))
        // Evidence lies on token boundaries, so its UTF-16 offsets are Unicode scalar boundaries.
        let utf16 = text.utf16
        func slice(_ range: Range<Int>) -> String {
            let lower = utf16.index(utf16.startIndex, offsetBy: range.lowerBound, limitedBy: utf16.endIndex) ?? utf16.endIndex
            let upper = utf16.index(lower, offsetBy: range.count, limitedBy: utf16.endIndex) ?? utf16.endIndex
            return String(text[lower..<upper])
        }
        var seen = Set<Int>()
        for suggestion in suggestions where entries.indices.contains(suggestion.codeIndex) {
            guard seen.insert(suggestion.codeIndex).inserted else { continue }
            codeIDs[suggestion.codeIndex] = suggestion.codeID
            let start = termList.count
            for e in suggestion.evidence {
                let raw = slice(e.utf16Range)
                let id: Int32
                if let known = folded[raw] {
                    id = known
                } else {
                    id = number(foldForMatching(raw))
                    folded[raw] = id
                }
                if !termList[start...].contains(id) { termList.append(id) }
            }
            let anchor = suggestion.passages.first.map { ($0, Entry.Anchor.passage) }
                ?? suggestion.evidence.first.map { ($0.utf16Range, .evidence) } ?? (0..<0, .none)
            entries[suggestion.codeIndex].append(Entry(candidate: index, start: Int32(start), end: Int32(termList.count),
                                                       anchorStart: Int32(clamping: anchor.0.lowerBound),
                                                       anchorEnd: Int32(clamping: anchor.0.upperBound), anchor: anchor.1))
        }
    }

    private mutating func number(_ term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(names.count)
        names.append(term)
        ids[term] = id
        return id
    }

    func terms(of entry: Entry) -> ArraySlice<Int32> { termList[Int(entry.start)..<Int(entry.end)] }
}

/// A binary heap: `first` is the element that ranks before all others.
struct Heap<Element> {
    private var items: [Element] = []
    private let ranksBefore: (Element, Element) -> Bool

    init(_ ranksBefore: @escaping (Element, Element) -> Bool) { self.ranksBefore = ranksBefore }

    var first: Element? { items.first }

    mutating func insert(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranksBefore(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func removeFirst() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let first = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < items.count, ranksBefore(items[left], items[best]) { best = left }
            if right < items.count, ranksBefore(items[right], items[best]) { best = right }
            guard best != parent else { return first }
            items.swapAt(parent, best)
            parent = best
        }
    }
}
