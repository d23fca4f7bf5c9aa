import DuidingCodebook
import DuidingText
import Foundation

/// One match of a pattern with its context, as quanteda's `kwic` reports it.
public struct KWICRow: Sendable, Hashable, Codable {
    /// The id of the text.
    public let docname: String
    /// Positions of the first and last matched word among the text's words and numbers, from 1.
    public let from: Int
    public let to: Int
    /// Up to `window` words before and after the match, verbatim (with the punctuation between
    /// them, trimmed of surrounding white space).
    public let pre: String
    /// The matched text, verbatim, from its first to its last word.
    public let keyword: String
    public let post: String
    /// The pattern as written.
    public let pattern: String

    public init(docname: String, from: Int, to: Int, pre: String, keyword: String, post: String, pattern: String) {
        self.docname = docname
        self.from = from
        self.to = to
        self.pre = pre
        self.keyword = keyword
        self.post = post
        self.pattern = pattern
    }
}

/// Keyword in context and the units a codebook leaves uncoded: both use the codebook's own
/// compiled matcher, so a pattern tried here matches what it would match in a codebook.
public enum ExploreMatching {
    /// Every match of `pattern` in `texts`, in text order (overlapping matches each get a row).
    /// Matching is the codebook's: folding, clitics, phrases within a clause with gaps, stems,
    /// compounds; there is no negation or exclusion. `language` is an ISO 639-1 code.
    public static func keywordsInContext(_ pattern: Pattern, in texts: [ExploreText], language: String, window: Int,
                                         workers: Int = ParallelCoding.defaultWorkers) throws -> [KWICRow] {
        precondition(window >= 0, "a window of 0 or more words")
        let compiled = try kwicCodebook(pattern, language: language)
        let batches = stride(from: 0, to: texts.count, by: 500).map { $0..<min($0 + 500, texts.count) }
        return try ParallelCoding.map(batches, codebook: compiled, workers: workers) { coder, batch in
            var rows: [KWICRow] = []
            var tokens: [Token] = []
            for text in texts[batch] {
                let units = Array(text.text.utf16)
                try units.withUnsafeBufferPointer { buffer in
                    let evidence = try coder.code(buffer).flatMap(\.evidence)
                    guard !evidence.isEmpty else { return }
                    try coder.tokenizer.tokenize(buffer, into: &tokens)
                    let words = tokens.filter(\.kind.isMatchable).map(\.utf16Range)
                    for e in evidence {
                        rows.append(row(e, words: words, buffer: buffer, id: text.id, window: window))
                    }
                }
            }
            return rows
        }.flatMap { $0 }
    }

    /// The same rows as `keywordsInContext(_:in:language:window:)` gives for the texts of
    /// `corpus` (named `ids`, in corpus order), found through the corpus's index of word forms
    /// instead of coding every text: the cost is the pattern's candidate texts, so an index
    /// built once serves every pattern. `only` (corpus indices) keeps the matches in those
    /// texts, such as the ones without a code.
    public static func keywordsInContext(_ pattern: Pattern, in corpus: TrialCorpus, ids: [String], only: Set<Int>? = nil,
                                         window: Int, workers: Int = ParallelCoding.defaultWorkers) throws -> [KWICRow] {
        precondition(window >= 0, "a window of 0 or more words")
        precondition(ids.count == corpus.count, "one id per text of the corpus")
        let compiled = try kwicCodebook(pattern, language: corpus.language.locale)
        let hits = try corpus.hits(code: 0, of: compiled, workers: workers).filter { only?.contains($0.index) ?? true }
        // Certain matches come without evidence; code those texts for it.
        let certain = hits.filter { $0.suggestion == nil }.map(\.index)
        let coded = Dictionary(uniqueKeysWithValues: zip(certain, try corpus.suggestions(at: certain, with: compiled)))
        var rows: [KWICRow] = []
        for hit in hits {
            let evidence = (hit.suggestion.map { [$0] } ?? coded[hit.index] ?? []).flatMap(\.evidence)
            let units = Array(corpus.text(hit.index).utf16)
            let words = corpus.wordRanges(hit.index)
            units.withUnsafeBufferPointer { buffer in
                for e in evidence { rows.append(row(e, words: words, buffer: buffer, id: ids[hit.index], window: window)) }
            }
        }
        return rows
    }

    /// A codebook of one code whose only include is `pattern`, without negation: what a
    /// keyword-in-context search matches with.
    private static func kwicCodebook(_ pattern: Pattern, language: String) throws -> CompiledCodebook {
        let code = Code(id: "kwic", label: "kwic", include: [pattern])
        return try CompiledCodebook(Codebook(name: "kwic", language: language, negation: .none, codes: [code]))
    }

    private static func row(_ e: Evidence, words: [Range<Int>], buffer: UnsafeBufferPointer<UInt16>, id: String, window: Int) -> KWICRow {
        guard let from = words.firstIndex(where: { $0.lowerBound == e.utf16Range.lowerBound }),
              let to = words.lastIndex(where: { $0.upperBound == e.utf16Range.upperBound }) else {
            preconditionFailure("evidence starts and ends on a word")
        }
        let text = { (range: Range<Int>) -> String in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let pre = window == 0 || from == 0 ? "" : text(words[max(0, from - window)].lowerBound..<e.utf16Range.lowerBound)
        let post = window == 0 || to == words.count - 1 ? "" : text(e.utf16Range.upperBound..<words[min(words.count - 1, to + window)].upperBound)
        return KWICRow(docname: id, from: from + 1, to: to + 1, pre: pre, keyword: text(e.utf16Range), post: post,
                       pattern: e.pattern)
    }

    /// Ids of the texts for which `codebook` suggests no code (negation and exclusions as in
    /// `duiding code`).
    public static func uncodedIDs(_ texts: [ExploreText], codebook: CompiledCodebook,
                                  workers: Int = ParallelCoding.defaultWorkers) throws -> Set<String> {
        let batches = stride(from: 0, to: texts.count, by: 500).map { $0..<min($0 + 500, texts.count) }
        let parts = try ParallelCoding.map(batches, codebook: codebook, workers: workers) { coder, batch in
            try texts[batch].filter { try coder.code($0.text).isEmpty }.map(\.id)
        }
        return Set(parts.joined())
    }
}
