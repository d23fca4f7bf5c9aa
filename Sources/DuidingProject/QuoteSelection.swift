import DuidingAnalysis
import DuidingCodebook
import DuidingInput
import DuidingStore

/// The quotes of a coded corpus per theme, with how many units have each code: what the
/// quotes chapter prints.
public struct QuoteSelection: Sendable {
    /// Per code (codebook order), the chosen quotes, best first.
    public let quotes: [[Quote]]
    /// Per code, the units that have it.
    public let unitsWithCode: [Int]
    public let unitCount: Int
    /// The codebook of the codes.
    public let codebook: Codebook
    /// Interview turns the selection leaves out (a survey question's base never has them).
    public let interviewTurnsLeftOut: Int
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

/// How quotes are picked: how many per theme, how they are attributed and assessed (see
/// `QuoteSelection.init(store:selection:within:rules:)`).
public struct QuoteRules: Sendable {
    public var perTheme: Int
    public var attribution: QuoteAttribution
    public var minGroup: Int
    public var redact: Bool
    public var repeatsUnits: Bool

    public init(perTheme: Int, attribution: QuoteAttribution, minGroup: Int, redact: Bool, repeatsUnits: Bool = false) {
        self.perTheme = perTheme
        self.attribution = attribution
        self.minGroup = minGroup
        self.redact = redact
        self.repeatsUnits = repeatsUnits
    }
}

extension QuoteSelection {
    /// Picks up to `perTheme` quotes per theme from the units of `store` that `selection` takes
    /// (only those of `within`, when given): pinned and banned choices of the project followed,
    /// each answer under one theme only unless `repeatsUnits`, attributed by `attribution`
    /// (whose variables must exist), each checked for how few respondents share its
    /// attribution (below `minGroup`: flagged, with a coarser one) and, with `redact`, printed
    /// redacted.
    ///
    /// The units are read as a stream (`ProjectStore.forEachCodedUnit`): of each only its codes
    /// and the words of its evidence are kept; texts and values are read for the units the
    /// selector scores, so a million answers take the memory of their codes, not of their texts.
    public init(store: ProjectStore, selection: UnitSelection, within: Set<String>? = nil, rules: QuoteRules) throws {
        let questions = try store.questions(), variables = try store.variables()
        let compiled = try CodedCorpus.codebook(try store.latestCodebooks(), of: store, selection: selection, questions: questions)
        let interviewTurns = try store.interviewTurnCount()
        let source = try selection.source(questions: questions, hasInterviews: interviewTurns > 0)
        let missing = rules.attribution.variables.filter { name in !variables.contains { $0.name == name } }
        guard missing.isEmpty else {
            throw InvalidInput([InputProblem(file: store.path ?? "input", line: 1,
                                             message: "no column \(missing.map { "`\($0)`" }.joined(separator: ", ")) for --attribution; available: \(variables.map(\.name).joined(separator: ", "))")])
        }
        // `--where` is resolved over the units (their values); the stream then keeps those.
        let scope = try within ?? (selection.conditions.isEmpty ? nil
            : Set(selection.resolve(try store.units(texts: false), questions: questions, variables: variables).map(\.id)))
        let codebook = compiled.codebook
        var pool = QuotePool(codeCount: codebook.codes.count)
        var withCode = Array(repeating: 0, count: codebook.codes.count)
        var unitCount = 0
        try store.forEachCodedUnit(in: source) { unit in
            guard scope?.contains(unit.id) ?? true else { return }
            unitCount += 1
            let suggestions = CodedCorpus.suggestions(of: codebook, state: unit.state, evidence: unit.evidence, text: unit.text)
            for s in suggestions { withCode[s.codeIndex] += 1 }
            pool.add(unitID: unit.id, text: unit.text, suggestions: suggestions)
        }
        var selector = try QuoteSelector(perCode: rules.perTheme, language: compiled.language)
        selector.repeatsUnits = rules.repeatsUnits
        if store.path != nil { (selector.pinned, selector.banned) = try store.quoteChoices() }
        let labels = ValueLabels(variables)
        let quotes = try selector.select(from: pool) { index in
            let id = pool.unitIDs[index]
            guard let unit = try store.units(ids: [id]).first else { throw ProjectError("unit `\(id)` is no longer in the project") }
            return QuoteText(text: unit.text, attribution: rules.attribution.text(labels.shown(unit.values), interview: unit.question == nil))
        }
        self.init(quotes: try Self.assessingAttribution(quotes, store: store, source: source, scope: scope, labels: labels, rules: rules),
                  unitsWithCode: withCode, unitCount: unitCount, codebook: codebook,
                  interviewTurnsLeftOut: source == .interviews ? 0 : interviewTurns)
    }

    /// The quotes with their attribution's risk (k over the selected respondents, each counted
    /// once), and with `redact` as a redacted report prints them (placeholders, coarser attributions).
    private static func assessingAttribution(_ quotes: [[Quote]], store: ProjectStore, source: UnitSource, scope: Set<String>?,
                                             labels: ValueLabels, rules: QuoteRules) throws -> [[Quote]] {
        let columns = rules.attribution.variables
        var risk: AttributionRisk?
        if !columns.isEmpty {
            var seen: Set<String> = []
            let respondents = try store.units(texts: false).filter { unit in
                let selected = source == .interviews ? unit.kind == .interview : unit.question.map(UnitSource.question) == source
                return selected && (scope?.contains(unit.id) ?? true) && seen.insert(unit.respondent).inserted
            }
            risk = AttributionRisk(respondents: respondents.map { labels.shown($0.values) }, columns: columns, minGroup: rules.minGroup)
        }
        let quoted = try store.units(ids: Array(Set(quotes.joined().map(\.unitID))))
        let values = Dictionary(quoted.map { ($0.id, labels.shown($0.values)) }, uniquingKeysWith: { a, _ in a })
        return quotes.map { list in
            list.map { quote in
                var quote = quote
                if let risk, let v = values[quote.unitID] { quote.attributionRisk = risk.assess(v) }
                return rules.redact ? quote.redacted() : quote
            }
        }
    }
}

extension CodedCorpus {
    /// The quotes of these units (see `QuoteSelection.init(store:selection:within:rules:)`).
    public func quotes(_ rules: QuoteRules) throws -> QuoteSelection {
        try QuoteSelection(store: store, selection: selection, within: Set(corpus.units.map(\.id)), rules: rules)
    }
}
