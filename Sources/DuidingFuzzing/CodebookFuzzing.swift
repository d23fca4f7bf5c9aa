import DuidingCodebook
import DuidingExchange
import DuidingText
import Foundation

/// Codebook YAML: the loader with locations; a codebook it accepts must be well-formed, must
/// survive the trip through Duiding's own YAML writer unchanged, and must compile and code
/// text with evidence inside the text.
public func fuzzCodebook(_ data: Data) {
    guard let yaml = String(data: data, encoding: .utf8) else { return }  // what `CodebookLoader.load` refuses
    let codebook: Codebook
    do { codebook = try CodebookLoader.parse(yaml, file: "fuzz.yml") } catch { return }
    checkWellFormed(codebook)

    let written = ExchangeCodebook(codebook).yaml()
    let reread: Codebook
    do { reread = try CodebookLoader.parse(written, file: "written.yml") } catch {
        preconditionFailure("the YAML written for an accepted codebook does not load:\n\(error)\n--- written:\n\(written)")
    }
    checkSame(codebook, reread)

    guard let compiled = try? CompiledCodebook(codebook), let coder = try? Coder(compiled) else { return }
    var texts = sampleAnswers
    // The codebook's own words are the likeliest to match.
    texts.append(codebook.codes.flatMap { $0.include + $0.exclude }.map(\.source).joined(separator: " "))
    texts.append(codebook.codes.map { "\($0.label). \($0.description)" }.joined(separator: "\n"))
    texts.append(codebook.negation.cues.joined(separator: " ") + " " + codebook.codes.flatMap(\.include).map(\.source).joined(separator: ", "))
    for text in texts { checkCoding(coder, text) }
}

/// The pattern mini-language on its own: the first line is the pattern, the second a few
/// option letters (`f` fuzzy, `n` not negatable, a digit for the gap), the rest an answer to
/// match it against.
public func fuzzPattern(_ data: Data) {
    let input = String(decoding: data, as: UTF8.self)
    let parts = input.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    let source = parts[0]
    let options = parts.count > 1 ? parts[1] : ""
    let answer = parts.count > 2 ? parts[2] : source
    let gap = options.compactMap(\.wholeNumberValue).first.map { max(1, $0) } ?? CodebookLoader.defaultGap
    let normalize = { (word: String) -> String in
        let folded = foldForMatching(word)
        return LanguageResources.dutch.clitics[folded] ?? folded
    }
    guard case .success(let elements) = PatternSyntax.parse(source, gap: gap, normalize: normalize) else { return }
    let pattern = Pattern(source: source, elements: elements, fuzzy: options.contains("f"), negatable: !options.contains("n"))
    checkWellFormed(pattern)
    let codebook = Codebook(name: "fuzz", language: "nl",
                            negation: NegationRule(cues: ["niet", "geen"], window: 3, afterCues: ["niets"], afterWindow: 1, scopeBreakers: ["maar"]),
                            codes: [Code(id: "fuzz", label: "Fuzz", include: [pattern]),
                                    Code(id: "other", label: "Other", include: [Pattern(source: "voorzicht*", elements: [.prefix("voorzicht")])],
                                         exclude: [pattern])])
    let coder: Coder
    do { coder = try Coder(CompiledCodebook(codebook)) } catch { preconditionFailure("a parsed pattern does not compile: \(error)") }
    checkCoding(coder, answer)
    checkCoding(coder, source)
    checkCoding(coder, "Ik ben voorzichtiger geworden, maar niet \(answer) en \(source).")
}

/// Answers with the shapes the default codebook and its negation rule care about.
let sampleAnswers = [
    "Ik ben voorzichtiger geworden in wat ik zeg, en ik denk nu twee keer na voordat ik iets post.",
    "Niet bang, maar wel alerter: ik vermijd niets. Geen training gehad, wel behoefte aan een cursus.",
    "M'n partner is ongerust; 's avonds ga ik niet meer alleen naar huis (bv. na de raad).",
    "",
    " ",
    "weerbaarheidstraining burn-out slaapproblemen 😀👍🏽 Geïnformeerd n.a.v. <b>incident</b>\r\nvoorzigtiger allert",
]

/// Suggestions for `text` point into it, one per code, in codebook order, with evidence
/// that starts and ends on token boundaries.
func checkCoding(_ coder: Coder, _ text: String) {
    let units = Array(text.utf16)
    units.withUnsafeBufferPointer { checkCoding(coder, $0) }
}

func checkCoding(_ coder: Coder, _ text: UnsafeBufferPointer<UInt16>) {
    var tokens: [Token] = []
    do { try coder.tokenizer.tokenize(text, into: &tokens) } catch { preconditionFailure("the tokenizer failed on \(text.count) code units: \(error)") }
    checkTokens(tokens, count: text.count)
    let suggestions: [Suggestion]
    do { suggestions = try coder.code(text) } catch { preconditionFailure("the coder failed on \(text.count) code units: \(error)") }
    let starts = Set(tokens.map(\.utf16Range.lowerBound)), ends = Set(tokens.map(\.utf16Range.upperBound))
    let codes = coder.compiled.codebook.codes
    for (a, b) in zip(suggestions, suggestions.dropFirst()) { precondition(a.codeIndex < b.codeIndex, "suggestions out of codebook order or repeated") }
    for s in suggestions {
        precondition(codes.indices.contains(s.codeIndex) && codes[s.codeIndex].id == s.codeID, "suggestion for code \(s.codeIndex) `\(s.codeID)` is not that code")
        precondition(!s.evidence.isEmpty, "suggestion `\(s.codeID)` without evidence")
        for e in s.evidence {
            let r = e.utf16Range
            precondition(r.lowerBound >= 0 && r.upperBound <= text.count && !r.isEmpty,
                         "evidence \(r) for `\(s.codeID)` is not within the text (\(text.count) code units)")
            precondition(starts.contains(r.lowerBound) && ends.contains(r.upperBound), "evidence \(r) does not start and end on token boundaries")
        }
        for (a, b) in zip(s.evidence, s.evidence.dropFirst()) { precondition(a.utf16Range.lowerBound <= b.utf16Range.lowerBound, "evidence out of order") }
    }
}

/// Tokens cover the text without gaps or overlaps: tokens joined give back the text.
func checkTokens(_ tokens: [Token], count: Int) {
    var position = 0
    for token in tokens {
        precondition(token.utf16Range.lowerBound == position, "a token starts at \(token.utf16Range.lowerBound), expected \(position) (a gap or overlap)")
        precondition(!token.utf16Range.isEmpty, "an empty token at \(position)")
        position = token.utf16Range.upperBound
    }
    precondition(position == count, "the tokens end at \(position), the text at \(count)")
}

func checkWellFormed(_ codebook: Codebook) {
    var ids = Set<String>()
    for code in codebook.codes {
        precondition(!code.id.isEmpty && code.id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" },
                     "code id `\(code.id)` was accepted")
        precondition(ids.insert(code.id).inserted, "code id `\(code.id)` was accepted twice")
        for p in code.include + code.exclude { checkWellFormed(p) }
    }
    precondition(!codebook.codes.isEmpty, "a codebook without codes was accepted")
}

func checkWellFormed(_ pattern: Pattern) {
    let e = pattern.elements
    precondition(!e.isEmpty, "pattern `\(pattern.source)` has no elements")
    if case .gap = e.first { preconditionFailure("pattern `\(pattern.source)` starts with a gap") }
    if case .gap = e.last { preconditionFailure("pattern `\(pattern.source)` ends with a gap") }
    for (a, b) in zip(e, e.dropFirst()) {
        if case .gap = a, case .gap = b { preconditionFailure("pattern `\(pattern.source)` has two gaps in a row") }
    }
    func check(_ element: PatternElement, nested: Bool) {
        switch element {
        case .word(let w), .stem(let w), .compound(let w):
            precondition(!w.isEmpty, "pattern `\(pattern.source)` has an empty word")
        case .prefix(let p):
            precondition(p.count >= PatternSyntax.minimumPrefix, "pattern `\(pattern.source)` has a prefix `\(p)` under \(PatternSyntax.minimumPrefix) letters")
        case .anyOf(let alternatives):
            precondition(!nested && alternatives.count >= 2, "pattern `\(pattern.source)` has nested or single alternatives")
            for a in alternatives { check(a, nested: true) }
        case .gap(let max):
            precondition(!nested && max >= 1, "pattern `\(pattern.source)` has a gap of \(max) or a gap among alternatives")
        }
    }
    for element in e { check(element, nested: false) }
}

/// What Duiding's YAML writer must keep: ids, labels, descriptions, patterns with their
/// options, language and the negation rule (cue words are normalised once more on reading).
func checkSame(_ a: Codebook, _ b: Codebook) {
    precondition(a.name == b.name, "name `\(a.name)` came back as `\(b.name)`")
    precondition(a.language == b.language, "language `\(a.language)` came back as `\(b.language)`")
    let resources = LanguageResources.forLanguage(a.language)
    let normalize = { (words: [String]) in words.map { let f = foldForMatching($0); return resources.clitics[f] ?? f } }
    let (n, m) = (a.negation, b.negation)
    precondition(normalize(n.cues) == m.cues && n.window == m.window && normalize(n.scopeBreakers) == m.scopeBreakers
                 && normalize(n.afterCues) == m.afterCues && (n.afterCues.isEmpty || n.afterWindow == m.afterWindow),
                 "the negation rule changed: \(n) came back as \(m)")
    precondition(a.codes.count == b.codes.count, "\(a.codes.count) codes came back as \(b.codes.count)")
    for (x, y) in zip(a.codes, b.codes) {
        precondition(x.id == y.id, "code id `\(x.id)` came back as `\(y.id)`")
        precondition(x.label == y.label, "label \(x.label.debugDescription) of `\(x.id)` came back as \(y.label.debugDescription)")
        precondition(x.description == y.description,
                     "description \(x.description.debugDescription) of `\(x.id)` came back as \(y.description.debugDescription)")
        for (p, q) in zip(x.include + x.exclude, y.include + y.exclude) {
            precondition(p.source == q.source && p.elements == q.elements && p.fuzzy == q.fuzzy && p.negatable == q.negatable,
                         "pattern \(p.source.debugDescription) of `\(x.id)` came back as \(q.source.debugDescription)")
        }
        precondition(x.include.count == y.include.count && x.exclude.count == y.exclude.count, "patterns of `\(x.id)` were lost")
    }
}
