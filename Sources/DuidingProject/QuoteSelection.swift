import DuidingAnalysis
import DuidingInput

/// The quotes of a coded corpus per theme, with how many units have each code: what the
/// quotes chapter prints.
public struct QuoteSelection: Sendable {
    /// Per code (codebook order), the chosen quotes, best first.
    public let quotes: [[Quote]]
    /// Per code, the units that have it.
    public let unitsWithCode: [Int]
    public let unitCount: Int
}

extension CodedCorpus {
    /// Picks up to `perTheme` quotes per theme (pinned and banned choices of the project
    /// followed), attributed with its values of the `attribution` variables (an interview turn without them:
    /// its organisation), each checked for how few respondents share its attribution
    /// (below `minGroup`: flagged, with a coarser one) and, with `redact`, printed redacted.
    public func quotes(perTheme: Int, attribution: [String], minGroup: Int, redact: Bool) throws -> QuoteSelection {
        var candidates: [QuoteCandidate] = []
        for (unit, suggestions) in zip(corpus.units, suggestions) where !suggestions.isEmpty {
            candidates.append(QuoteCandidate(unitID: unit.id, text: unit.text, suggestions: suggestions,
                                             attribution: Self.attribution(unit, attribution)))
        }
        var selector = try QuoteSelector(perCode: perTheme, language: compiled.language)
        if let project { (selector.pinned, selector.banned) = try project.quoteChoices() }
        let quotes = assessingAttribution(try selector.select(from: candidates, codeCount: codebook.codes.count),
                                          columns: attribution, minGroup: minGroup, redact: redact)
        var withCode = Array(repeating: 0, count: codebook.codes.count)
        for s in suggestions { for c in s { withCode[c.codeIndex] += 1 } }
        return QuoteSelection(quotes: quotes, unitsWithCode: withCode, unitCount: corpus.units.count)
    }

    /// "raadslid, gemeente" from the chosen columns; an interview turn without them gets its organisation.
    static func attribution(_ unit: Unit, _ columns: [String]) -> String {
        let values = columns.compactMap { unit.values[$0] }.filter { !$0.isEmpty }
        if values.isEmpty, let organisation = unit.values["organisatie"], !organisation.isEmpty { return organisation }
        return values.joined(separator: ", ")
    }
}
