import Foundation

/// A word that speaks for a learned suggestion.
public struct WordEvidence: Sendable, Hashable, Codable {
    /// The word's place in the answer, in UTF-16 code units.
    public let utf16Range: Range<Int>
    /// The word as the respondent wrote it (the text at `utf16Range`).
    public let word: String
    /// How much the word adds to the model's decision value (log-odds): the sum, over the
    /// features it takes part in, of weight × value, shared evenly among the words of a
    /// feature that spans several (a bigram, a pattern's match).
    public let contribution: Double
}

/// What a code's model says about an answer.
public struct LearnedPrediction: Sendable, Hashable {
    public let codeID: String
    /// The model's probability that the code applies (LIBLINEAR's logistic output).
    public let probability: Double
    /// The words with the largest positive contributions, largest first.
    public let evidence: [WordEvidence]
    /// How many decisions the model learned from.
    public let decisions: Int

    /// For a tooltip: "geleerd uit 37 beslissingen: slapen, onrustig".
    public var explanation: String {
        let head = "geleerd uit \(decisions) \(decisions == 1 ? "beslissing" : "beslissingen")"
        var seen: Set<String> = []
        let words = evidence.map { $0.word.lowercased() }.filter { seen.insert($0).inserted }
        return words.isEmpty ? head : head + ": " + words.joined(separator: ", ")
    }
}

extension LearnedModels {
    /// The probability that a code applies, or nil when the code has no model. Cheap: no
    /// evidence is computed.
    public func probability(of codeID: String, for answer: AnswerFeatures) -> Double? {
        guard let c = codes.firstIndex(of: codeID), column[c] >= 0 else { return nil }
        return Self.logistic(decisionValues(rows(of: answer), answer)[column[c]])
    }

    /// Probabilities of every code with a model, by code.
    public func probabilities(for answer: AnswerFeatures) -> [String: Double] {
        let z = decisionValues(rows(of: answer), answer)
        var result: [String: Double] = [:]
        for (j, model) in modelled.enumerated() { result[model.codeID] = Self.logistic(z[j]) }
        return result
    }

    /// A prediction with evidence for every code that has a model, in codebook order.
    ///
    /// Evidence: the words with the largest positive contributions, at most `evidenceLimit`,
    /// leaving out words that add less than `minimumShare` of the top word's contribution and
    /// words that are not typical of the code — seen in the training answers but, smoothed,
    /// not at least twice as often among its positive decisions as among its negative ones
    /// ((p + 1) / (P + 2) ≥ 2 (n + 1) / (N + 2)). Frequent little words (`ik`, `en`) then do not
    /// crowd out the words that matter; a word never seen in training (a misspelling, a new
    /// compound) can be evidence through its character n-grams.
    public func predictions(for answer: AnswerFeatures, evidenceLimit: Int = 3, minimumShare: Double = 0.1) -> [LearnedPrediction] {
        let rows = rows(of: answer)
        let z = decisionValues(rows, answer)
        return modelled.indices.map { prediction($0, z[$0], rows, answer, evidenceLimit: evidenceLimit, minimumShare: minimumShare) }
    }

    /// The prediction of one code, or nil when it has no model.
    public func prediction(of codeID: String, for answer: AnswerFeatures, evidenceLimit: Int = 3,
                           minimumShare: Double = 0.1) -> LearnedPrediction? {
        guard let c = codes.firstIndex(of: codeID), column[c] >= 0 else { return nil }
        let rows = rows(of: answer)
        let j = column[c]
        return prediction(j, decisionValues(rows, answer)[j], rows, answer, evidenceLimit: evidenceLimit, minimumShare: minimumShare)
    }

    /// The prediction of the model in column `j` of `modelled`, whose decision value is `z`.
    func prediction(_ j: Int, _ z: Double, _ rows: [Int32], _ answer: AnswerFeatures, evidenceLimit: Int,
                    minimumShare: Double = 0.1) -> LearnedPrediction {
        let model = modelled[j]
        let evidence = evidenceLimit > 0 ? evidence(j, rows, answer, limit: evidenceLimit, minimumShare: minimumShare) : []
        return LearnedPrediction(codeID: model.codeID, probability: Self.logistic(z), evidence: evidence, decisions: model.decisions)
    }

    /// The words that speak most for the code of column `j` (see `predictions(for:)`), largest
    /// first, ties in text order.
    private func evidence(_ j: Int, _ rows: [Int32], _ answer: AnswerFeatures, limit: Int, minimumShare: Double) -> [WordEvidence] {
        let model = modelled[j], m = modelled.count
        let featureCount = answer.featureIDs.count
        var perWord = [Double](repeating: 0, count: answer.words.count)
        // Each feature's contribution (its weight, read from the dense row `decisionValues` just
        // read, times its value) shared among its occurrences, then among their words.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: featureCount) { contribution in
            contribution.initialize(repeating: 0)
            for f in answer.occurrenceFeature { contribution[Int(f)] += 1 }
            denseWeights.withUnsafeBufferPointer { weights in
                for f in 0..<featureCount {
                    let row = Int(rows[f])
                    contribution[f] = row < 0 ? 0 : weights[row * m + j] * answer.featureValues[f] / contribution[f]
                }
            }
            for (k, f) in answer.occurrenceFeature.enumerated() {
                let words = answer.occurrenceWords[k]
                guard rows[Int(f)] >= 0, !words.isEmpty else { continue }
                let share = contribution[Int(f)] / Double(words.count)
                for w in words { perWord[Int(w)] += share }
            }
        }
        // The `limit` largest typical words, kept in order as they are found.
        var chosen: [Int] = []
        chosen.reserveCapacity(limit + 1)
        for w in perWord.indices where perWord[w] > 0 {
            if chosen.count == limit, let last = chosen.last, perWord[w] <= perWord[last] { continue }
            guard isTypical(answer.words[w], of: model) else { continue }
            let place = chosen.firstIndex { perWord[w] > perWord[$0] } ?? chosen.count
            chosen.insert(w, at: place)
            if chosen.count > limit { chosen.removeLast() }
        }
        guard let first = chosen.first else { return [] }
        let top = perWord[first]
        // A word's range lies between ICU word boundaries, never inside a scalar, so the
        // substring is exactly its code units (and copies UTF-8 instead of transcoding).
        let text = answer.text
        return chosen.filter { perWord[$0] >= minimumShare * top }.map { w in
            let range = answer.words[w].utf16Range
            let word = String(text[String.Index(utf16Offset: range.lowerBound, in: text)..<String.Index(utf16Offset: range.upperBound, in: text)])
            return WordEvidence(utf16Range: range, word: word, contribution: perWord[w])
        }
    }

    /// Whether a word is at least twice as common (smoothed) among the code's positive
    /// decisions as among its negative ones, or was never seen in training.
    func isTypical(_ word: AnswerWord, of model: CodeModel) -> Bool {
        let row = Int(row(of: word.feature))
        guard row >= 0 else { return true }
        let inPositives = (Double(model.positiveCounts[row]) + 1) / (Double(model.positives) + 2)
        let inNegatives = (Double(model.negativeCounts[row]) + 1) / (Double(model.negatives) + 2)
        return inPositives >= 2 * inNegatives
    }

    /// Vocabulary rows of the answer's features (−1: not in the vocabulary, weight 0).
    func rows(of answer: AnswerFeatures) -> [Int32] {
        precondition(models.isEmpty || answer.configuration == features,
                     "the answer was featurised differently from the training answers")
        return answer.featureIDs.map { row(of: $0) }
    }

    /// Every model's decision value w·x + b (the columns of `modelled`), in one pass over the
    /// answer's features: each feature's row of `denseWeights` holds all models' weights.
    /// Each model's sum runs over the features in ascending order, as a model's own dot
    /// product would.
    func decisionValues(_ rows: [Int32], _ answer: AnswerFeatures) -> [Double] {
        let m = modelled.count
        var z = [Double](repeating: 0, count: m)
        denseWeights.withUnsafeBufferPointer { weights in
            answer.featureValues.withUnsafeBufferPointer { values in
                z.withUnsafeMutableBufferPointer { z in
                    for (i, row) in rows.enumerated() where row >= 0 {
                        let base = Int(row) * m
                        for j in 0..<m { z[j] += weights[base + j] * values[i] }
                    }
                }
            }
        }
        for j in 0..<m { z[j] += modelled[j].intercept }
        return z
    }

    /// LIBLINEAR's probability for logistic regression: 1 / (1 + e^−z).
    static func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
}
