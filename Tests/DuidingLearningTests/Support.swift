import DuidingCodebook
@testable import DuidingLearning

/// A small codebook whose patterns catch only part of what its codes mean: `sleep` knows
/// `slaap*` (and so also fires, wrongly, on `slaapzak`), not "wakker liggen" or nightmares.
let learningCodebookYAML = """
name: learning test
language: nl
negation:
  cues: [niet, geen, nooit]
  window: 3
  after:
    cues: [niets, niemand]
    window: 1
  scope_breakers: [maar, omdat]
codes:
  - id: sleep
    label: Slaap
    include:
      - slaap*
  - id: fear
    label: Angst
    include:
      - bang
  - id: rare
    label: Zeldzaam
    include:
      - zeldzaam
"""

enum Fixtures {
    static let compiled: Result<CompiledCodebook, any Error> = Result {
        try CompiledCodebook(CodebookLoader.parse(learningCodebookYAML, file: "learning.yml"))
    }

    static let codes = ["sleep", "fear", "rare"]

    static let sleepPhrases = ["ik slaap slecht", "ik lig 's nachts wakker", "ik heb nachtmerries", "ik heb onrustige nachten",
                               "ik word vaak wakker", "slapeloze nachten", "ik lig te piekeren in bed"]
    static let fearPhrases = ["ik ben bang", "ik ben angstig op straat", "ik voel me onveilig", "ik schrik van elk geluid"]
    static let otherPhrases = ["ik let beter op", "ik ben voorzichtiger", "ik mijd de markt", "ik praat er met collega's over",
                               "er is niets veranderd", "ik post minder", "de slaapzak ligt nog in de auto",
                               "ik ben niet bang", "de slaapkamer is opnieuw geverfd"]
    static let openers = ["", "sinds het incident", "eerlijk gezegd", "de laatste tijd", "na die avond", "tja,"]
    static let closers = ["", "helaas", "en dat merk ik", "dat is lastig", "."]

    /// `count` seeded answers, each an opener, one to two phrases and a closer; `sleep` and
    /// `fear` decided on every answer, `rare` never positive.
    static func answers(_ count: Int, seed: UInt64) -> [DecidedAnswer] {
        var g = SeededGenerator(seed: seed)
        func pick(_ list: [String]) -> String { list[g.below(list.count)] }
        return (0..<count).map { _ in
            var parts = [pick(openers)]
            var positives: Set<String> = []
            for _ in 0..<(1 + g.below(2)) {
                switch g.below(5) {
                case 0, 1: parts.append(pick(sleepPhrases)); positives.insert("sleep")
                case 2: parts.append(pick(fearPhrases)); positives.insert("fear")
                default: parts.append(pick(otherPhrases))
                }
            }
            parts.append(pick(closers))
            let text = parts.filter { !$0.isEmpty }.joined(separator: " ")
            return DecidedAnswer(text: text.prefix(1).uppercased() + text.dropFirst(), codes: positives, allCodes: codes)
        }
    }
}
