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
/// compiled codebook (pattern hits, negation rule). The answer is tokenised once, by its
/// `Coder`, whose words and form numbers the features are made from; work per distinct word
/// form is done once and remembered, by the Coder's form number. The per-answer work runs in
/// buffers kept between answers, so an answer costs little more than the arrays it hands out.
///
/// Not thread-safe: one per thread (see `LearningParallel.features`).
public final class Featurizer {
    /// The codebook whose patterns and negation rule the features use.
    public let compiled: CompiledCodebook
    public let configuration: FeatureConfiguration
    private let coder: Coder
    private let stemmer: Stemmer?
    private let negation: NegationScope
    /// Per form (by the Coder's form number): its features, and its folded text apart, so that
    /// reading a form's features copies no reference-counted value.
    private var formInfo: [Form] = []
    private var formFolded: [String] = []
    /// The forms' character n-grams, each form's a range (`Form.ngrams`).
    private var ngramStore: [FeatureID] = []
    private var names: [FeatureID: String]?
    private var scratch = Scratch()

    /// Buffers of one answer, kept for the next (`build` moves them into a local while it
    /// works, so its loops touch no object's storage).
    private struct Scratch {
        var slotForms: [Int32] = []
        var slotRanges: [Range<Int>] = []
        var scopes: [Int32] = []
        var clauses: [Int32] = []
        var roles: [NegationScope.Role] = []
        var occurrenceIDs: [FeatureID] = []
        var occurrenceWeights: [Double] = []
        /// Distinct features in order of first occurrence, and each one's first weight.
        var distinctIDs: [FeatureID] = []
        var distinctWeights: [Double] = []
        var sortBuffer: [FeatureID] = []
        /// Per distinct feature (in first-occurrence order), its place among the sorted ones.
        var ranks: [Int32] = []
        /// An open-addressing table of the distinct features: id and index per slot (−1: empty).
        var tableKeys: [FeatureID] = []
        var tableIndices: [Int32] = []

        mutating func clear() {
            slotForms.removeAll(keepingCapacity: true)
            slotRanges.removeAll(keepingCapacity: true)
            scopes.removeAll(keepingCapacity: true)
            clauses.removeAll(keepingCapacity: true)
            roles.removeAll(keepingCapacity: true)
            occurrenceIDs.removeAll(keepingCapacity: true)
            occurrenceWeights.removeAll(keepingCapacity: true)
            distinctIDs.removeAll(keepingCapacity: true)
            distinctWeights.removeAll(keepingCapacity: true)
        }
    }

    private struct Form {
        var word: FeatureID
        var stem: FeatureID
        var negatedWord: FeatureID
        var negatedStem: FeatureID
        var ngrams: Range<Int>
        var isNumber: Bool
        var negation: NegationScope.Role
    }

    /// `recordsNames` keeps the name of every feature seen, for `name(of:)` (debugging,
    /// documentation); it costs memory and is off by default.
    public init(_ compiled: CompiledCodebook, configuration: FeatureConfiguration = .standard, recordsNames: Bool = false) throws {
        self.compiled = compiled
        self.configuration = configuration
        self.coder = try Coder(compiled)
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
            // The Coder's words are the features' words (ICU segmentation is the larger part of its work).
            let suggestions = try coder.code(buffer)
            return build(text, buffer, suggestions)
        }
    }

    private func build(_ text: String, _ buffer: UnsafeBufferPointer<UInt16>, _ suggestions: [Suggestion]) -> AnswerFeatures {
        var b = Scratch()
        swap(&b, &scratch)
        defer { swap(&b, &scratch) }
        b.clear()
        // The Coder's words with their clause; a scope ends with its clause and at a scope
        // breaker, so a word's scope is its clause plus the breakers up to it.
        var breakers: Int32 = 0
        coder.forEachWord { range, isNumber, form, clause in
            if form == formInfo.count { analyze(UnsafeBufferPointer(rebasing: buffer[range]), isNumber: isNumber) }
            precondition(form < formInfo.count, "the Coder numbers its forms 0, 1, 2, … in the order it meets them")
            let role = formInfo[form].negation
            if role == .breaker { breakers += 1 }
            b.slotForms.append(Int32(form))
            b.slotRanges.append(range)
            b.clauses.append(clause)
            b.scopes.append(clause + breakers)
            b.roles.append(role)
        }
        let negated = negation.negatedSlots(roles: b.roles, scopes: b.scopes)

        // Every feature occurrence in order: its id, its kind's weight, the words it covers.
        let c = configuration
        let info = formInfo, folded = formFolded, grams = ngramStore
        var covers: [Range<Int32>] = []
        covers.reserveCapacity(b.occurrenceIDs.capacity)
        func add(_ id: FeatureID, _ family: Family, _ words: Range<Int32>) {
            b.occurrenceIDs.append(id); b.occurrenceWeights.append(c.weight(family)); covers.append(words)
        }
        var words: [AnswerWord] = []
        words.reserveCapacity(b.slotForms.count)
        for i in b.slotForms.indices {
            let form = Int(b.slotForms[i])
            let f = info[form]
            let here = Int32(i)..<Int32(i + 1)
            let marked = c.marksNegation && negated[i]
            words.append(AnswerWord(utf16Range: b.slotRanges[i], folded: folded[form], isNegated: negated[i],
                                    feature: marked ? f.negatedWord : f.word))
            if c.wordWeight != 0 { add(marked ? f.negatedWord : f.word, marked ? .negatedWord : .word, here) }
            if c.stemWeight != 0, !f.isNumber { add(marked ? f.negatedStem : f.stem, marked ? .negatedStem : .stem, here) }
            if c.ngramWeight != 0 { for k in f.ngrams { add(grams[k], .ngram, here) } }
            if c.bigramWeight != 0, i > 0, b.clauses[i - 1] == b.clauses[i] {
                let previous = Int(b.slotForms[i - 1])
                let id = FeatureHash.combine(.bigram, info[previous].word, f.word)
                if names != nil, names?[id] == nil { names?[id] = "b:\(folded[previous]) \(folded[form])" }
                add(id, .bigram, Int32(i - 1)..<Int32(i + 1))
            }
        }
        if c.patternWeight != 0 {
            for s in suggestions {
                let codeFeature = FeatureHash.of(.pattern, s.codeID)
                if names != nil { names?[codeFeature] = "p:\(s.codeID)" }
                for e in s.evidence {
                    let covered = Self.words(covering: e.utf16Range, in: b.slotRanges)
                    add(codeFeature, .pattern, covered)
                    let rule = FeatureHash.of(.patternRule, s.codeID + ":" + e.pattern)
                    if names != nil { names?[rule] = "r:\(s.codeID):\(e.pattern)" }
                    add(rule, .patternRule, covered)
                }
            }
        }

        // Distinct features in order of first occurrence, through a small open-addressing table on
        // the id's low bits (ids are well-mixed hashes; perf showed this far cheaper than a
        // binary search per occurrence): each occurrence gets its feature's index, each feature
        // its first occurrence's kind's weight. Then only the distinct ids are sorted (see
        // `sortAscending`), and each occurrence's index becomes its feature's place among them.
        // (The buffers are moved out of `b` first: `add` captures `b`, so two simultaneous
        // mutations of its fields would be an exclusivity conflict.)
        var keys: [FeatureID] = [], indices: [Int32] = [], distinct: [FeatureID] = [], firstWeights: [Double] = []
        var ranks: [Int32] = [], temp: [FeatureID] = []
        swap(&keys, &b.tableKeys); swap(&indices, &b.tableIndices); swap(&distinct, &b.distinctIDs)
        swap(&firstWeights, &b.distinctWeights); swap(&ranks, &b.ranks); swap(&temp, &b.sortBuffer)
        defer {
            swap(&keys, &b.tableKeys); swap(&indices, &b.tableIndices); swap(&distinct, &b.distinctIDs)
            swap(&firstWeights, &b.distinctWeights); swap(&ranks, &b.ranks); swap(&temp, &b.sortBuffer)
        }
        let occurrenceIDs = b.occurrenceIDs, occurrenceWeights = b.occurrenceWeights
        var size = 16
        while size < occurrenceIDs.count * 2 { size <<= 1 }
        let mask = size - 1
        if indices.count < size {
            keys = [FeatureID](repeating: 0, count: size)
            indices = [Int32](repeating: -1, count: size)
        }
        var slotOf = [Int32](repeating: 0, count: occurrenceIDs.count)
        keys.withUnsafeMutableBufferPointer { keys in
            indices.withUnsafeMutableBufferPointer { indices in
                for i in 0..<size { indices[i] = -1 }
                for (k, id) in occurrenceIDs.enumerated() {
                    var slot = Int(truncatingIfNeeded: id) & mask
                    while indices[slot] >= 0, keys[slot] != id { slot = (slot + 1) & mask }
                    if indices[slot] < 0 {
                        keys[slot] = id
                        indices[slot] = Int32(distinct.count)
                        distinct.append(id)
                        firstWeights.append(occurrenceWeights[k])
                    }
                    slotOf[k] = indices[slot]
                }
            }
        }
        var featureIDs = distinct
        if temp.count < featureIDs.count { temp = [FeatureID](repeating: 0, count: distinct.capacity) }
        temp.withUnsafeMutableBufferPointer { t in featureIDs.withUnsafeMutableBufferPointer { sortAscending($0, using: t) } }
        if ranks.count < featureIDs.count { ranks = [Int32](repeating: 0, count: distinct.capacity) }
        var values = [Double](repeating: 0, count: featureIDs.count)
        ranks.withUnsafeMutableBufferPointer { ranks in
            for (place, id) in featureIDs.enumerated() {
                var slot = Int(truncatingIfNeeded: id) & mask
                while keys[slot] != id { slot = (slot + 1) & mask }
                let d = Int(indices[slot])
                ranks[d] = Int32(place)
                values[place] = firstWeights[d]
            }
            for k in slotOf.indices { slotOf[k] = ranks[Int(slotOf[k])] }
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

    /// Folds a new word form and computes its features, once.
    private func analyze(_ raw: UnsafeBufferPointer<UInt16>, isNumber: Bool) {
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
        let form = Form(word: w, stem: s, negatedWord: FeatureHash.combine(.negatedWord, w, 0),
                        negatedStem: FeatureHash.combine(.negatedStem, s, 0), ngrams: ngramStore.count..<(ngramStore.count + ngrams.count),
                        isNumber: isNumber, negation: negation.role(of: word))
        ngramStore += ngrams
        formInfo.append(form)
        formFolded.append(word)
        if names != nil {
            names?[form.word] = "w:\(word)"
            names?[form.stem] = "s:\(stem)"
            names?[form.negatedWord] = "w¬:\(word)"
            names?[form.negatedStem] = "s¬:\(stem)"
        }
    }
}

/// Sorts `a` ascending: one counting pass scatters the keys into `temp` (at least as long) by
/// their top bits, about as many buckets as keys, then an insertion sort brings them back into
/// `a`, moving each key only past the few of its own bucket. An answer's few hundred distinct
/// feature ids are sorted once per answer; comparison sorts (the standard library's, a
/// quicksort) mispredicted half their comparisons of random hashes, and an eight-pass radix
/// sort spent its time on 256 counters per pass. Expected linear time for well-mixed hashes;
/// keys that share their top bits (never feature ids) fall back to insertion sort's n².
func sortAscending(_ a: UnsafeMutableBufferPointer<UInt64>, using temp: UnsafeMutableBufferPointer<UInt64>) {
    precondition(temp.count >= a.count, "the sort needs a buffer as long as the keys")
    guard a.count > 1 else { return }
    var bits = 1
    while 1 << bits < a.count, bits < 16 { bits += 1 }
    let shift = UInt64(64 - bits)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: (1 << bits) + 1) { starts in
        starts.initialize(repeating: 0)
        for x in a { starts[Int(truncatingIfNeeded: x >> shift) + 1] += 1 }
        for d in 1..<starts.count { starts[d] += starts[d - 1] }
        for x in a {
            let d = Int(truncatingIfNeeded: x >> shift)
            temp[starts[d]] = x
            starts[d] += 1
        }
    }
    for i in 0..<a.count {
        let x = temp[i]
        var j = i
        while j > 0, a[j - 1] > x {
            a[j] = a[j - 1]
            j -= 1
        }
        a[j] = x
    }
}
