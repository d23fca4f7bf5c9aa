import DuidingCodebook
import DuidingText

/// Which words stand inside a negation, by the codebook's own `NegationRule` and the same
/// notion of clause and scope as the `Coder` (whose matcher keeps these private):
///
/// - a clause ends at `. , ; : ! ? ( ) [ ]`, a line break, a dash between spaces, an ellipsis
///   or a symbol (emoji); a scope ends with its clause and at a scope breaker (`maar`, `omdat`);
/// - a word is negated when a cue (`niet`, `geen`, …) stands at most `window` words before
///   it in the same scope, or an after-cue (`niets`, `niemand`) at most `afterWindow` words
///   after it ("ik vermijd niets"). Cue words themselves are not marked.
///
/// So in "ik ben niet bang maar wel voorzichtig" only `bang` is negated.
struct NegationScope: Sendable {
    enum Role: Sendable { case plain, cueBefore, cueAfter, cueBoth, breaker }

    let rule: NegationRule
    private let before: Set<String>
    private let after: Set<String>
    private let breakers: Set<String>

    init(_ rule: NegationRule) {
        self.rule = rule
        self.before = Set(rule.cues)
        self.after = Set(rule.afterCues)
        self.breakers = Set(rule.scopeBreakers)
    }

    /// What a folded word does for negation.
    func role(of word: String) -> Role {
        switch (before.contains(word), after.contains(word)) {
        case (true, true): return .cueBoth
        case (true, false): return .cueBefore
        case (false, true): return .cueAfter
        case (false, false): return breakers.contains(word) ? .breaker : .plain
        }
    }

    /// Per word (in text order, with its scope number), whether it is negated.
    func negatedSlots(roles: [Role], scopes: [Int32]) -> [Bool] {
        var result = [Bool](repeating: false, count: roles.count)
        for i in roles.indices where roles[i] == .plain || roles[i] == .breaker {
            var k = i - 1
            while k >= 0, i - k <= rule.window, scopes[k] == scopes[i] {
                if roles[k] == .cueBefore || roles[k] == .cueBoth { result[i] = true; break }
                k -= 1
            }
            if result[i] { continue }
            k = i + 1
            while k < roles.count, k - i <= rule.afterWindow, scopes[k] == scopes[i] {
                if roles[k] == .cueAfter || roles[k] == .cueBoth { result[i] = true; break }
                k += 1
            }
        }
        return result
    }
}
