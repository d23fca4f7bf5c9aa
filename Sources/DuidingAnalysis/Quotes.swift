import DuidingCodebook
import DuidingText

/// A unit offered for quotation: its text, the codes suggested for it, and how it is attributed.
public struct QuoteCandidate: Sendable {
    public let unitID: String
    public let document: Document
    public let suggestions: [Suggestion]
    /// E.g. "Middelgrote gemeente" or "raadslid, gemeente"; may be empty.
    public let attribution: String

    public init(unitID: String, document: Document, suggestions: [Suggestion], attribution: String) {
        self.unitID = unitID
        self.document = document
        self.suggestions = suggestions
        self.attribution = attribution
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
    /// Added to the score of a pinned quote so it sorts before every other.
    static let pinnedBonus = 1_000.0

    private let segmenter: SentenceSegmenter

    public init(perCode: Int, language: LanguageResources) throws {
        self.perCode = perCode
        self.segmenter = try SentenceSegmenter(language: language)
    }

    /// Quotes per code index (index = code), best first.
    public func select(from candidates: [QuoteCandidate], codeCount: Int) throws -> [[Quote]] {
        var result: [[Quote]] = []
        for code in 0..<codeCount {
            let withCode = candidates.compactMap { c in c.suggestions.first { $0.codeIndex == code }.map { (c, $0) } }
            var termFrequency: [String: Int] = [:]
            for (candidate, suggestion) in withCode {
                for term in Set(suggestion.evidence.map { foldForMatching(candidate.document.text($0.utf16Range)) }) {
                    termFrequency[term, default: 0] += 1
                }
            }
            let top = termFrequency.values.max() ?? 1
            var scored: [(score: Double, quote: Quote, words: Set<String>)] = []
            for (candidate, suggestion) in withCode where !banned[suggestion.codeID, default: []].contains(candidate.unitID) {
                let isPinned = pinned[suggestion.codeID, default: []].contains(candidate.unitID)
                // A code a person added has no evidence to quote around; a pinned unit is quoted whole.
                let excerpt: Excerpt
                if let first = suggestion.evidence.first, let e = try self.excerpt(candidate.document, around: first.utf16Range) {
                    excerpt = e
                } else if isPinned {
                    excerpt = makeExcerpt(candidate.document, span: 0..<candidate.document.utf16.count,
                                          text: candidate.document.text.trimmingWhitespace(), shortened: false)
                } else {
                    continue
                }
                let terms = Set(suggestion.evidence.map { foldForMatching(candidate.document.text($0.utf16Range)) })
                // Most frequent term; ties go to the alphabetically first, so the output is the same every run.
                let best = terms.max { (termFrequency[$0, default: 0], $1) < (termFrequency[$1, default: 0], $0) } ?? ""
                let typicality = Double(termFrequency[best, default: 0]) / Double(top) + min(0.4, 0.2 * Double(terms.count - 1))
                let readability = readabilityScore(excerpt)
                let focus = 0.3 / Double(candidate.suggestions.count)
                var why = isPinned ? ["vastgezet door de onderzoeker"] : []
                why.append("typisch: «\(best)» (in \(termFrequency[best, default: 0]) eenheden)")
                why.append("\(excerpt.words) woorden\(excerpt.complete ? ", hele zin" : "")\(excerpt.shortened ? ", ingekort" : "")")
                why.append(candidate.suggestions.count == 1 ? "alleen dit thema" : "\(candidate.suggestions.count) thema's")
                let personalData = screener.findings(in: excerpt.text)
                if !personalData.isEmpty { why.append("mogelijk persoonsgegevens, lager gerangschikt") }
                let quote = Quote(codeIndex: code, unitID: candidate.unitID, text: excerpt.text,
                                  attribution: candidate.attribution, why: why.joined(separator: "; "), personalData: personalData)
                let penalty = personalData.isEmpty ? 0 : personalDataPenalty
                let bonus = isPinned ? Self.pinnedBonus : 0
                scored.append((typicality + readability + focus - penalty + bonus, quote, excerpt.wordSet))
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.quote.unitID < $1.quote.unitID }
            result.append(diverse(scored))
        }
        return result
    }

    /// Greedy: best first, skipping near-duplicates; a first round takes each attribution once.
    private func diverse(_ scored: [(score: Double, quote: Quote, words: Set<String>)]) -> [Quote] {
        var chosen: [(quote: Quote, words: Set<String>)] = []
        for spreadGroups in [true, false] {
            for candidate in scored where chosen.count < perCode || candidate.score >= Self.pinnedBonus {
                if chosen.contains(where: { $0.quote.unitID == candidate.quote.unitID }) { continue }
                if candidate.score >= Self.pinnedBonus {
                    chosen.append((candidate.quote, candidate.words))
                    continue
                }
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
