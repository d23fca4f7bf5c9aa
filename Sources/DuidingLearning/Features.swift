import DuidingCodebook
import DuidingText

/// Kinds of features, part of every feature's hash so that `w:bang` and `s:bang` differ.
enum Family: UInt8 {
    case word = 1, stem, bigram, ngram, pattern, patternRule, negatedWord, negatedStem

    var prefix: String {
        switch self {
        case .word: "w"
        case .stem: "s"
        case .bigram: "b"
        case .ngram: "c"
        case .pattern: "p"
        case .patternRule: "r"
        case .negatedWord: "w¬"
        case .negatedStem: "s¬"
        }
    }
}

/// Which features an answer gets and how much each kind weighs before the answer's vector
/// is scaled to unit length. The defaults were chosen by cross-validation on the demo corpus
/// (`Corpora/antwoorden.csv`), never on the held-out set; see docs/learning.md.
public struct FeatureConfiguration: Sendable, Hashable, Codable {
    /// Folded word (`w:slapen`): case and diacritics folded, clitics expanded (`m'n` → mijn).
    public var wordWeight: Double
    /// Snowball stem of the folded word (`s:slap`).
    public var stemWeight: Double
    /// Two consecutive words of one clause (`b:slaap slecht`).
    public var bigramWeight: Double
    /// Character n-grams within a word, with `<` and `>` marking its edges (`c:<sla`, `c:pen>`):
    /// they catch misspellings and the parts of compounds (`weerbaarheidstraining`).
    public var ngramWeight: Double
    /// Lengths of the character n-grams.
    public var ngramLengths: ClosedRange<Int>
    /// Words shorter than this (in letters) get no n-grams: their word feature says it all,
    /// and short function words are the most frequent, so this keeps answers' vectors small.
    public var ngramMinimumWordLength: Int
    /// The codebook's pattern hits: `p:<code>` when any include pattern of the code fires
    /// (after its negation and exclude rules) and `r:<code>:<pattern>` per pattern that fires,
    /// so the model learns how far to trust each code's patterns and each pattern.
    public var patternWeight: Double
    /// Words inside a negation scope (see `NegationScope`) get their word and stem features
    /// marked (`w¬:bang`) instead of the plain ones, so "niet bang" does not count as "bang".
    public var marksNegation: Bool
    /// Scale each answer's vector to Euclidean length 1, so long answers do not weigh more.
    public var normalizes: Bool

    public init(wordWeight: Double = 1, stemWeight: Double = 1, bigramWeight: Double = 0.5, ngramWeight: Double = 0.6,
                ngramLengths: ClosedRange<Int> = 3...4, ngramMinimumWordLength: Int = 5, patternWeight: Double = 2,
                marksNegation: Bool = true, normalizes: Bool = true) {
        precondition(ngramLengths.lowerBound >= 1, "character n-grams need a length of at least 1")
        self.wordWeight = wordWeight
        self.stemWeight = stemWeight
        self.bigramWeight = bigramWeight
        self.ngramWeight = ngramWeight
        self.ngramLengths = ngramLengths
        self.ngramMinimumWordLength = ngramMinimumWordLength
        self.patternWeight = patternWeight
        self.marksNegation = marksNegation
        self.normalizes = normalizes
    }

    /// The configuration the learning layer uses unless told otherwise.
    public static let standard = FeatureConfiguration()

    func weight(_ family: Family) -> Double {
        switch family {
        case .word, .negatedWord: wordWeight
        case .stem, .negatedStem: stemWeight
        case .bigram: bigramWeight
        case .ngram: ngramWeight
        case .pattern, .patternRule: patternWeight
        }
    }
}

/// A word of an answer as the learning layer sees it.
public struct AnswerWord: Sendable, Hashable {
    /// Where the word stands, in UTF-16 code units of the answer's text.
    public let utf16Range: Range<Int>
    /// The folded form its features are made from (`geinformeerd`, `mijn` for `m'n`).
    public let folded: String
    /// Whether the word stands inside a negation scope.
    public let isNegated: Bool
    /// Its word feature (`w:…`, or `w¬:…` when negated).
    let feature: FeatureID
}

/// An answer turned into features, once; reuse it for every model and every retraining (the
/// features do not depend on any model). Each feature occurrence remembers the words it came
/// from, so a model's weights can be traced back to UTF-16 ranges of the text.
public struct AnswerFeatures: Sendable, Hashable {
    /// The answer, verbatim.
    public let text: String
    /// How the features were computed; models trained on them predict only answers
    /// featurised the same way.
    public let configuration: FeatureConfiguration
    /// Its words and numbers, in text order.
    public let words: [AnswerWord]
    /// What the codebook's patterns suggest for the answer, with their evidence (the Coder's
    /// own output, so pattern suggestions here are exactly `duiding code`'s).
    public let patternSuggestions: [Suggestion]
    /// The answer's distinct features, ascending.
    public let featureIDs: [FeatureID]
    /// The value of each feature in `featureIDs` (its kind's weight, scaled to unit length).
    public let featureValues: [Double]
    /// Per occurrence: the index into `featureIDs` and the words it covers.
    let occurrenceFeature: [Int32]
    let occurrenceWords: [Range<Int32>]

    /// Whether a pattern of the code fired.
    public func patternFires(_ codeID: String) -> Bool { patternSuggestions.contains { $0.codeID == codeID } }
}

/// Computes `AnswerFeatures` from the text layer (ICU words, folding, Snowball stems) and the
/// compiled codebook (pattern hits, negation rule). Work per distinct word form is done once
/// and remembered, like the `Coder`'s.
///
/// Not thread-safe: one per thread (see `LearningParallel.features`).
public final class Featurizer {
    /// The codebook whose patterns and negation rule the features use.
    public let compiled: CompiledCodebook
    public let configuration: FeatureConfiguration
    private let coder: Coder
    private let tokenizer: Tokenizer
    private let stemmer: Stemmer?
    private let negation: NegationScope
    private var forms = UTF16Interner()
    private var formInfo: [Form] = []
    private var tokens: [Token] = []
    private var names: [FeatureID: String]?

    private struct Form {
        var folded: String
        var word: FeatureID
        var stem: FeatureID
        var negatedWord: FeatureID
        var negatedStem: FeatureID
        var ngrams: [FeatureID]
        var isNumber: Bool
        var negation: NegationScope.Role
    }

    /// `recordsNames` keeps the name of every feature seen, for `name(of:)` (debugging,
    /// documentation); it costs memory and is off by default.
    public init(_ compiled: CompiledCodebook, configuration: FeatureConfiguration = .standard, recordsNames: Bool = false) throws {
        self.compiled = compiled
        self.configuration = configuration
        self.coder = try Coder(compiled)
        self.tokenizer = try Tokenizer(language: compiled.language)
        self.stemmer = compiled.language.snowball.flatMap { Stemmer(algorithm: $0) }
        self.negation = NegationScope(compiled.codebook.negation)
        self.names = recordsNames ? [:] : nil
    }

    /// The name of a feature (`w:slapen`, `b:slaap slecht`, `p:psych_impact`), if this
    /// featuriser records names and has seen it.
    public func name(of feature: FeatureID) -> String? { names?[feature] }

    /// The features of one answer.
    public func features(of text: String) throws -> AnswerFeatures {
        let units = Array(text.utf16)
        return try units.withUnsafeBufferPointer { buffer in
            try tokenizer.tokenize(buffer, into: &tokens)
            // The Coder matches on the same tokens (ICU segmentation is the larger part of its work).
            let suggestions = coder.code(buffer, tokens: tokens)
            return build(text, buffer, suggestions)
        }
    }

    private func build(_ text: String, _ buffer: UnsafeBufferPointer<UInt16>, _ suggestions: [Suggestion]) -> AnswerFeatures {
        // Words with their clause and scope, as the Coder counts them.
        var slotForms: [Int32] = []
        var slotRanges: [Range<Int>] = []
        var clauses: [Int32] = []
        var scopes: [Int32] = []
        var clause: Int32 = 0, scope: Int32 = 0
        for token in tokens {
            switch token.kind {
            case .word, .number:
                let form = formID(UnsafeBufferPointer(rebasing: buffer[token.utf16Range]), isNumber: token.kind == .number)
                if formInfo[Int(form)].negation == .breaker { scope += 1 }
                slotForms.append(form)
                slotRanges.append(token.utf16Range)
                clauses.append(clause)
                scopes.append(scope)
            case .punctuation, .whitespace, .symbol:
                if endsClause(token, in: buffer) { clause += 1; scope += 1 }
            case .markup:
                break
            }
        }
        let negated = negation.negatedSlots(roles: slotForms.map { formInfo[Int($0)].negation }, scopes: scopes)

        var ids: [FeatureID] = []
        var families: [Family] = []
        var covers: [Range<Int32>] = []
        ids.reserveCapacity(slotForms.count * 16)
        func add(_ id: FeatureID, _ family: Family, _ words: Range<Int32>) {
            ids.append(id); families.append(family); covers.append(words)
        }
        let c = configuration
        var words: [AnswerWord] = []
        words.reserveCapacity(slotForms.count)
        for (i, form) in slotForms.enumerated() {
            let f = formInfo[Int(form)]
            let here = Int32(i)..<Int32(i + 1)
            let marked = c.marksNegation && negated[i]
            words.append(AnswerWord(utf16Range: slotRanges[i], folded: f.folded, isNegated: negated[i],
                                    feature: marked ? f.negatedWord : f.word))
            if c.wordWeight != 0 { add(marked ? f.negatedWord : f.word, marked ? .negatedWord : .word, here) }
            if c.stemWeight != 0, !f.isNumber { add(marked ? f.negatedStem : f.stem, marked ? .negatedStem : .stem, here) }
            if c.ngramWeight != 0 { for g in f.ngrams { add(g, .ngram, here) } }
            if c.bigramWeight != 0, i > 0, clauses[i - 1] == clauses[i] {
                let previous = formInfo[Int(slotForms[i - 1])]
                let id = FeatureHash.combine(.bigram, previous.word, f.word)
                if names != nil, names?[id] == nil { names?[id] = "b:\(previous.folded) \(f.folded)" }
                add(id, .bigram, Int32(i - 1)..<Int32(i + 1))
            }
        }
        if c.patternWeight != 0 {
            for s in suggestions {
                let codeFeature = FeatureHash.of(.pattern, s.codeID)
                if names != nil { names?[codeFeature] = "p:\(s.codeID)" }
                for e in s.evidence {
                    let covered = Self.words(covering: e.utf16Range, in: slotRanges)
                    add(codeFeature, .pattern, covered)
                    let rule = FeatureHash.of(.patternRule, s.codeID + ":" + e.pattern)
                    if names != nil { names?[rule] = "r:\(s.codeID):\(e.pattern)" }
                    add(rule, .patternRule, covered)
                }
            }
        }

        // Distinct features, ascending; occurrences point at them (found by binary search: a
        // plain sort of the ids costs a fraction of a stable sort of indices by closure, which
        // perf showed at a tenth of the time of learned suggestions). A feature's value is its
        // first occurrence's kind's weight.
        var featureIDs = ids
        featureIDs.sort()
        var distinct = 0
        for i in featureIDs.indices where distinct == 0 || featureIDs[distinct - 1] != featureIDs[i] {
            featureIDs[distinct] = featureIDs[i]
            distinct += 1
        }
        featureIDs.removeLast(featureIDs.count - distinct)
        var values = [Double](repeating: .nan, count: distinct)
        var slotOf = [Int32](repeating: 0, count: ids.count)
        for k in ids.indices {
            var low = 0, high = distinct
            while low < high {
                let mid = (low + high) / 2
                if featureIDs[mid] < ids[k] { low = mid + 1 } else { high = mid }
            }
            slotOf[k] = Int32(low)
            if values[low].isNaN { values[low] = c.weight(families[k]) }
        }
        if c.normalizes {
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for i in values.indices { values[i] /= norm } }
        }
        return AnswerFeatures(text: text, configuration: c, words: words, patternSuggestions: suggestions, featureIDs: featureIDs,
                              featureValues: values, occurrenceFeature: slotOf, occurrenceWords: covers)
    }

    /// The words a UTF-16 range touches (a pattern's evidence covers whole words).
    private static func words(covering range: Range<Int>, in slots: [Range<Int>]) -> Range<Int32> {
        var first = -1, end = -1
        for (i, r) in slots.enumerated() where r.overlaps(range) {
            if first < 0 { first = i }
            end = i + 1
        }
        return first < 0 ? 0..<0 : Int32(first)..<Int32(end)
    }

    private func formID(_ raw: UnsafeBufferPointer<UInt16>, isNumber: Bool) -> Int32 {
        let (id, isNew) = forms.intern(raw)
        if isNew { formInfo.append(analyze(raw, isNumber: isNumber)) }
        return Int32(id)
    }

    /// Folds a new word form and computes its features, once.
    private func analyze(_ raw: UnsafeBufferPointer<UInt16>, isNumber: Bool) -> Form {
        // The same normalisation as the Coder's: fold, expand clitics, drop an abbreviation's period.
        var word = String(decoding: foldForMatching(raw), as: UTF16.self)
        word = compiled.language.clitics[word] ?? word
        if word.count > 1, word.hasSuffix(".") { word.removeLast() }
        let stem = isNumber ? word : (stemmer?.stem(word) ?? word)
        let w = FeatureHash.of(.word, word), s = FeatureHash.of(.stem, stem)
        var ngrams: [FeatureID] = []
        if !isNumber, word.unicodeScalars.count >= configuration.ngramMinimumWordLength {
            let scalars = Array("<\(word)>".unicodeScalars)
            for n in configuration.ngramLengths where n <= scalars.count {
                for start in 0...(scalars.count - n) {
                    var gram = String.UnicodeScalarView()
                    gram.append(contentsOf: scalars[start..<(start + n)])
                    let text = String(gram)
                    let id = FeatureHash.of(.ngram, text)
                    if names != nil { names?[id] = "c:\(text)" }
                    // A gram may repeat within a word (`<ee`… `ee>`); each occurrence counts once.
                    if !ngrams.contains(id) { ngrams.append(id) }
                }
            }
        }
        let form = Form(folded: word, word: w, stem: s, negatedWord: FeatureHash.combine(.negatedWord, w, 0),
                        negatedStem: FeatureHash.combine(.negatedStem, s, 0), ngrams: ngrams, isNumber: isNumber,
                        negation: negation.role(of: word))
        if names != nil {
            names?[form.word] = "w:\(word)"
            names?[form.stem] = "s:\(stem)"
            names?[form.negatedWord] = "w¬:\(word)"
            names?[form.negatedStem] = "s¬:\(stem)"
        }
        return form
    }
}
