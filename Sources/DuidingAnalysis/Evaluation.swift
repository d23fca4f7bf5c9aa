/// How suggested codes compare with a human coding of the same units.
public struct Evaluation: Sendable {
    public struct Score: Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    /// Per code index.
    public let perCode: [Score]
    /// Pooled over all codes.
    public let micro: Score
    /// Units the human gave none of the codes.
    public let unitsWithoutCodes: Int
    /// Of those, how many got a suggestion anyway.
    public let unitsWithoutCodesSuggested: Int

    /// `pairs` holds for each unit the suggested and the human codes (code indices).
    public init(pairs: [(suggested: Set<Int>, human: Set<Int>)], codeCount: Int) {
        var perCode = Array(repeating: Score(), count: codeCount)
        var without = 0, withoutSuggested = 0
        for (suggested, human) in pairs {
            for c in 0..<codeCount {
                switch (suggested.contains(c), human.contains(c)) {
                case (true, true): perCode[c].truePositives += 1
                case (true, false): perCode[c].falsePositives += 1
                case (false, true): perCode[c].falseNegatives += 1
                case (false, false): break
                }
            }
            if human.isEmpty {
                without += 1
                if !suggested.isEmpty { withoutSuggested += 1 }
            }
        }
        var micro = Score()
        for s in perCode {
            micro.truePositives += s.truePositives
            micro.falsePositives += s.falsePositives
            micro.falseNegatives += s.falseNegatives
        }
        self.perCode = perCode
        self.micro = micro
        self.unitsWithoutCodes = without
        self.unitsWithoutCodesSuggested = withoutSuggested
    }
}
