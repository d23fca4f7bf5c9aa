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
        let groups = try Self.grouped(store: store, selection: selection, within: within, by: nil, rules: rules)
        precondition(groups.count == 1, "quotes without --per-group are one group")
        self = groups[0].quotes
    }

    /// The quotes of each group of `column`'s values (as shown: a value's label where it has
    /// one) among the units `selection` takes, in the order of those values (units without
    /// one first, as ""): for each group what `init(store:selection:rules:)` picks from its
    /// units alone, the attribution's risk over its respondents, all from one read of the project.
    public static func perGroup(store: ProjectStore, selection: UnitSelection, column: String,
                                rules: QuoteRules) throws -> [(group: String, quotes: QuoteSelection)] {
        try grouped(store: store, selection: selection, within: nil, by: column, rules: rules)
    }

    /// The one way of both: a stream of the selected units into a pool per group (one group
    /// without `column`), then the selection from each pool.
    private static func grouped(store: ProjectStore, selection: UnitSelection, within: Set<String>?, by column: String?,
                                rules: QuoteRules) throws -> [(group: String, quotes: QuoteSelection)] {
        let questions = try store.questions(), variables = try store.variables()
        let compiled = try CodedCorpus.codebook(try store.latestCodebooks(), of: store, selection: selection, questions: questions)
        let interviewTurns = try store.interviewTurnCount()
        let source = try selection.source(questions: questions, hasInterviews: interviewTurns > 0)
        let names = variables.map(\.name)
        if let problem = CodedCorpus.missingVariables(rules.attribution.variables, option: "--attribution", among: names)
            ?? column.flatMap({ CodedCorpus.missingVariables([$0], option: "--per-group", among: names) }) {
            throw InvalidInput([problem(store.path ?? "input")])
        }
        // `--where` in stored values, checked against the values the source's units take.
        let conditions = try selection.storedConditions(variables: variables) { name in
            try store.counting { try $0.values(of: name, question: source.question) }
        }
        let attributed = rules.attribution.variables
        var wanted: [String] = []
        for name in conditions.map(\.variable) + attributed + [column].compactMap({ $0 }) where !wanted.contains(name) { wanted.append(name) }
        let labels = ValueLabels(variables)
        let codebook = compiled.codebook
        let empty = Group(codeCount: codebook.codes.count, risk: attributed.isEmpty ? nil : AttributionRisk(columns: attributed, minGroup: rules.minGroup))
        // The store reads on this thread while the units it has read go into their groups on another.
        let pooling = InOrderConsumer(column == nil ? ["": empty] : [:]) { (groups: inout [String: Group], unit: UnitCoding) in
            guard within?.contains(unit.id) ?? true, conditions.allSatisfy({ $0.admits(unit.values) }) else { return }
            let shown = labels.shown(unit.values)
            let suggestions = CodedCorpus.suggestions(of: codebook, state: unit.state, evidence: unit.evidence, text: unit.text)
            groups[column.map { shown[$0, default: ""] } ?? "", default: empty].add(unit, shown: shown, suggestions: suggestions)
        }
        try store.forEachCodedUnit(in: source, variables: wanted) { pooling.add($0) }
        let groups = pooling.finish()
        var selector = try QuoteSelector(perCode: rules.perTheme, language: compiled.language)
        selector.repeatsUnits = rules.repeatsUnits
        if store.path != nil { (selector.pinned, selector.banned) = try store.quoteChoices() }
        return try groups.sorted { $0.key < $1.key }.map { key, group in
            let quotes = try selector.select(from: group.pool) { index in
                let id = group.pool.unitIDs[index]
                guard let unit = try store.units(ids: [id]).first else { throw ProjectError("unit `\(id)` is no longer in the project") }
                return QuoteText(text: unit.text, attribution: rules.attribution.text(labels.shown(unit.values), interview: unit.question == nil))
            }
            return (key, QuoteSelection(quotes: try assessingAttribution(quotes, store: store, risk: group.risk, labels: labels, redact: rules.redact),
                                        unitsWithCode: group.withCode, unitCount: group.unitCount, codebook: codebook,
                                        interviewTurnsLeftOut: source == .interviews ? 0 : interviewTurns))
        }
    }

    /// The selected units of one group as the selection needs them: the pool of its coded
    /// units, how many have each code, and its respondents' attributions, each respondent once.
    private struct Group {
        var pool: QuotePool
        var withCode: [Int]
        var unitCount = 0
        /// Nil when quotes are attributed by no variable.
        var risk: AttributionRisk?
        var respondents: Set<String> = []

        init(codeCount: Int, risk: AttributionRisk?) {
            pool = QuotePool(codeCount: codeCount)
            withCode = Array(repeating: 0, count: codeCount)
            self.risk = risk
        }

        mutating func add(_ unit: UnitCoding, shown: [String: String], suggestions: [Suggestion]) {
            unitCount += 1
            for s in suggestions { withCode[s.codeIndex] += 1 }
            pool.add(unitID: unit.id, text: unit.text, suggestions: suggestions)
            if risk != nil, respondents.insert(unit.respondent).inserted { risk?.add(shown) }
        }
    }

    /// The quotes with their attribution's risk (k over the group's respondents; nil: not
    /// assessed), and with `redact` as a redacted report prints them (placeholders, coarser attributions).
    private static func assessingAttribution(_ quotes: [[Quote]], store: ProjectStore, risk: AttributionRisk?,
                                             labels: ValueLabels, redact: Bool) throws -> [[Quote]] {
        let quoted = try store.units(ids: Array(Set(quotes.joined().map(\.unitID))))
        let values = Dictionary(quoted.map { ($0.id, labels.shown($0.values)) }, uniquingKeysWith: { a, _ in a })
        return quotes.map { list in
            list.map { quote in
                var quote = quote
                if let risk, let v = values[quote.unitID] { quote.attributionRisk = risk.assess(v) }
                return redact ? quote.redacted() : quote
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
