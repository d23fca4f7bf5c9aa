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

/// How a quote is attributed: a template with variables in braces, `{functie}, {bestuurslaag}`
/// → "Raadslid, gemeente". A variable without a value is left out with the text around it.
/// Capitals as `AttributionText` writes them ("Gemeente" after the start is "gemeente"). An
/// interview turn is always attributed with its organisation type (`organisatie`), added when
/// the template does not name it.
public struct QuoteAttribution: Sendable, Equatable {
    enum Part: Sendable, Equatable { case text(String), variable(String) }
    let parts: [Part]

    /// The interview field with the organisation type.
    public static let organisation = "organisatie"

    /// Reads a template; a `{` without its `}` (or an empty `{}`) is an error that says so.
    public init(template: String) throws {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                throw SelectionError("--attribution `\(template)`: a `\(rest[open])` without its partner; write variables as {functie}")
            }
            let name = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains("{") else {
                throw SelectionError("--attribution `\(template)`: name a variable between the braces, e.g. {functie}")
            }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.variable(name))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The values of `columns`, separated by commas (what `--attribute` gives).
    public init(columns: [String]) {
        parts = columns.enumerated().flatMap { i, column in i == 0 ? [Part.variable(column)] : [.text(", "), .variable(column)] }
    }

    /// The variables the template names, in order.
    public var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }

    /// The attribution of a unit with these values; `interview` adds the organisation type.
    public func text(_ values: [String: String], interview: Bool) -> String {
        var out = ""
        var pending = ""
        var seenVariable = false, lastHadValue = false
        for part in parts {
            switch part {
            case .text(let text):
                pending += text
            case .variable(let name):
                let value = (values[name] ?? "").trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { out += out.isEmpty ? (seenVariable ? "" : pending) + value : pending + AttributionText.inSentence(value) }
                seenVariable = true
                lastHadValue = !value.isEmpty
                pending = ""
            }
        }
        // Text after the last variable belongs to it (a closing bracket); without variables it is all there is.
        if lastHadValue || !seenVariable { out += pending }
        if interview, let organisation = values[Self.organisation]?.trimmingCharacters(in: .whitespaces), !organisation.isEmpty,
           !variables.contains(Self.organisation) {
            out += out.isEmpty ? organisation : ", " + AttributionText.inSentence(organisation)
        }
        return AttributionText.capitalised(out)
    }
}

extension CodedCorpus {
    /// Picks up to `perTheme` quotes per theme (pinned and banned choices of the project
    /// followed), each answer under one theme only unless `repeatsUnits`, attributed by
    /// `attribution` (whose variables must exist), each checked for how few respondents share
    /// its attribution (below `minGroup`: flagged, with a coarser one) and, with `redact`,
    /// printed redacted.
    public func quotes(perTheme: Int, attribution: QuoteAttribution, minGroup: Int, redact: Bool,
                       repeatsUnits: Bool = false) throws -> QuoteSelection {
        try requireVariables(attribution.variables, option: "--attribution")
        var candidates: [QuoteCandidate] = []
        for (unit, suggestions) in zip(corpus.units, suggestions) where !suggestions.isEmpty {
            candidates.append(QuoteCandidate(unitID: unit.id, text: unit.text, suggestions: suggestions,
                                             attribution: attribution.text(unit.values, interview: unit.question == nil)))
        }
        var selector = try QuoteSelector(perCode: perTheme, language: compiled.language)
        selector.repeatsUnits = repeatsUnits
        if let project { (selector.pinned, selector.banned) = try project.quoteChoices() }
        let quotes = assessingAttribution(try selector.select(from: candidates, codeCount: codebook.codes.count),
                                          columns: attribution.variables, minGroup: minGroup, redact: redact)
        var withCode = Array(repeating: 0, count: codebook.codes.count)
        for s in suggestions { for c in s { withCode[c.codeIndex] += 1 } }
        return QuoteSelection(quotes: quotes, unitsWithCode: withCode, unitCount: corpus.units.count)
    }
}
