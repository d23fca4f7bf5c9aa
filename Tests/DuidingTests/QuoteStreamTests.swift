import DuidingAnalysis
import DuidingCodebook
import DuidingInput
@testable import DuidingProject
import DuidingStore
import Foundation
import Testing

/// Quotes streamed from a project (issue 10: only the units' codes and evidence words held,
/// texts read for the units scored) are exactly those of the straightforward way: every unit
/// read into memory with its text and codes, every coded unit a candidate. On seeded answers
/// with decisions (accepted, rejected, added, passages, final ones a later decision does not
/// override), pinned and banned quotes.
@Suite("Quotes streamed from a project")
struct QuoteStreamTests {
    static let texts: [String] = {
        let csv = (try? String(contentsOf: TestSupport.fixture("generated-2000.csv"), encoding: .utf8)) ?? ""
        return parseCSV(csv).dropFirst().compactMap { $0.count > 2 ? $0[2] : nil }
    }()

    /// A project file of `count` seeded answers: one to four generated answers each (so some
    /// are long and shortened), some with personal data or emoji; then seeded decisions and
    /// quote choices.
    static func project(in dir: TemporaryDirectory, seed: UInt64, count: Int) throws -> ProjectStore {
        var random = SeededGenerator(seed: seed)
        let extras = ["Bel me op 06-12345678.", "Jan de Vries zei het ook.", "👍🏽 Echt waar.", "Mail naar piet@example.nl.", ""]
        let functies = ["raadslid", "wethouder", "burgemeester", "griffier", "dijkgraaf"]
        let answers = (0..<count).map { i in
            let parts = (0..<Int.random(in: 1...4, using: &random)).map { _ in texts[Int.random(in: 0..<texts.count, using: &random)] }
            let text = (parts + [extras[Int.random(in: 0..<extras.count, using: &random)]]).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
            return (id: "R\(1_000 + i * 7 % 997)-\(i)", text: text, geslacht: ["man", "vrouw"][Int.random(in: 0...1, using: &random)],
                    functie: functies[Int.random(in: 0..<functies.count, using: &random)])
        }
        let store = try ProjectStore.create(at: dir.path("p\(seed).duiding"))
        try ReviewFixture.populate(store, answers: answers)
        let codes = ReviewFixture.codeOrder
        var decisions: [NewDecision] = []
        for answer in answers where Int.random(in: 0..<4, using: &random) == 0 {
            let code = codes[Int.random(in: 0..<codes.count, using: &random)]
            let coder = ["anna", "bram"][Int.random(in: 0...1, using: &random)]
            switch Int.random(in: 0..<5, using: &random) {
            case 0: decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .reject, coder: coder))
            case 1: decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .add, coder: coder))
            case 2:
                let scalars = answer.text.unicodeScalars.count
                let start = Int.random(in: 0..<max(1, scalars / 2), using: &random)
                decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .add, coder: coder,
                                             passage: start..<min(scalars, start + 40)))
            case 3:
                // A lead's final rejection holds against a later acceptance.
                decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .reject, coder: "lead", final: true))
                decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .accept, coder: coder))
            default: decisions.append(NewDecision(unitID: answer.id, codeID: code, action: .accept, coder: coder))
            }
        }
        try store.record(decisions)
        for answer in answers where Int.random(in: 0..<15, using: &random) == 0 {
            let code = codes[Int.random(in: 0..<codes.count, using: &random)]
            try store.setQuoteChoice(Bool.random(using: &random) ? .pin : .ban, unit: answer.id, code: code, coder: "anna")
        }
        return store
    }

    /// The quotes the straightforward way: the whole project in memory (`CodedCorpus`), each
    /// coded unit a candidate with its text, the attribution's risk over all its respondents.
    /// With `keep`, only the units it keeps are candidates and respondents (one group's).
    static func straightforward(_ store: ProjectStore, selection: UnitSelection, rules: QuoteRules,
                                keep: (DuidingInput.Unit) -> Bool = { _ in true }) throws -> [String] {
        let coded = try CodedCorpus(store: store, selection: selection).filtered(keep)
        let candidates = zip(coded.corpus.units, coded.suggestions).map { unit, suggestions in
            QuoteCandidate(unitID: unit.id, text: unit.text, suggestions: suggestions,
                           attribution: rules.attribution.text(unit.values, interview: unit.question == nil))
        }
        var selector = try QuoteSelector(perCode: rules.perTheme, language: coded.compiled.language)
        selector.repeatsUnits = rules.repeatsUnits
        (selector.pinned, selector.banned) = try store.quoteChoices()
        var seen: Set<String> = []
        let respondents = coded.corpus.units.filter { seen.insert($0.respondent).inserted }.map(\.values)
        let risk = AttributionRisk(respondents: respondents, columns: rules.attribution.variables, minGroup: rules.minGroup)
        let values = Dictionary(uniqueKeysWithValues: coded.corpus.units.map { ($0.id, $0.values) })
        return try selector.select(from: candidates, codeCount: coded.codebook.codes.count).joined().map { quote in
            var quote = quote
            if !rules.attribution.variables.isEmpty, let v = values[quote.unitID] { quote.attributionRisk = risk.assess(v) }
            return describe(rules.redact ? quote.redacted() : quote)
        }
    }

    static func describe(_ q: Quote) -> String {
        "\(q.codeIndex) \(q.unitID) «\(q.text)» (\(q.attribution)) \(q.why) \(q.personalData) \(String(describing: q.attributionRisk))"
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func streamedQuotesAreThoseOfTheWholeProjectInMemory(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        let store = try Self.project(in: dir, seed: seed, count: 400)
        let byFunction = try QuoteAttribution(template: "{functie}, {geslacht}")
        let cases: [(UnitSelection, QuoteRules)] = [
            (.all, QuoteRules(perTheme: 5, attribution: QuoteAttribution(columns: []), minGroup: 5, redact: false)),
            (.all, QuoteRules(perTheme: 3, attribution: byFunction, minGroup: 40, redact: false, repeatsUnits: true)),
            (.all, QuoteRules(perTheme: 8, attribution: byFunction, minGroup: 5, redact: true)),
            (UnitSelection(conditions: [.init(variable: "geslacht", values: ["vrouw"])]),
             QuoteRules(perTheme: 4, attribution: byFunction, minGroup: 30, redact: false)),
        ]
        var quoted = 0
        for (selection, rules) in cases {
            let streamed = try QuoteSelection(store: store, selection: selection, rules: rules)
            let expected = try Self.straightforward(store, selection: selection, rules: rules)
            #expect(streamed.quotes.joined().map(Self.describe) == expected, "seed \(seed), \(selection), \(rules.perTheme) per theme")
            let coded = try CodedCorpus(store: store, selection: selection)
            #expect(streamed.unitCount == coded.corpus.units.count)
            #expect(streamed.unitsWithCode == coded.codebook.codes.indices.map { c in coded.suggestions.count { $0.contains { $0.codeIndex == c } } })
            quoted += expected.count
        }
        // The cases quote something, pinned quotes and passages among it.
        #expect(quoted > 40)
        let all = try QuoteSelection(store: store, selection: .all, rules: cases[2].1).quotes.joined()
        #expect(all.contains { $0.why.contains("vastgezet") })
        let (_, banned) = try store.quoteChoices()
        #expect(!all.contains { banned[ReviewFixture.codeOrder[$0.codeIndex]]?.contains($0.unitID) == true })
    }

    /// A unit restricted out (`within`, as `--per-group` does) is never quoted, and the counts
    /// are of the units within.
    @Test func withinKeepsToItsUnits() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.project(in: dir, seed: 9, count: 200)
        let coded = try CodedCorpus(store: store)
        let within = Set(coded.corpus.units.filter { $0.values["functie"] == "raadslid" }.map(\.id))
        let rules = QuoteRules(perTheme: 5, attribution: try QuoteAttribution(template: "{functie}"), minGroup: 5, redact: false)
        let subset = try QuoteSelection(store: store, selection: .all, within: within, rules: rules)
        #expect(subset.unitCount == within.count)
        #expect(!subset.quotes.joined().isEmpty)
        #expect(subset.quotes.joined().allSatisfy { within.contains($0.unitID) && $0.attribution == "Raadslid" })
        let filtered = coded.filtered { $0.values["functie"] == "raadslid" }
        #expect(try filtered.quotes(rules).quotes.joined().map(Self.describe) == subset.quotes.joined().map(Self.describe))
    }

    /// `--per-group` reads the project once and picks each group's quotes from its own units:
    /// exactly the quotes, counts and attribution risks of each group's units alone, the
    /// straightforward way, over seeds, pins, bans, passages, final decisions and `--where`.
    @Test(arguments: [UInt64(1), 2, 3])
    func perGroupQuotesAreThoseOfEachGroupAlone(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        let store = try Self.project(in: dir, seed: seed, count: 400)
        let byFunction = try QuoteAttribution(template: "{functie}, {geslacht}")
        let cases: [(String, UnitSelection, QuoteRules)] = [
            ("functie", .all, QuoteRules(perTheme: 4, attribution: QuoteAttribution(columns: []), minGroup: 5, redact: false)),
            ("geslacht", .all, QuoteRules(perTheme: 3, attribution: byFunction, minGroup: 40, redact: false, repeatsUnits: true)),
            ("functie", .all, QuoteRules(perTheme: 5, attribution: byFunction, minGroup: 15, redact: true)),
            ("functie", UnitSelection(conditions: [.init(variable: "geslacht", values: ["vrouw"])]),
             QuoteRules(perTheme: 3, attribution: byFunction, minGroup: 10, redact: false)),
        ]
        var quoted = 0, flagged = 0
        for (column, selection, rules) in cases {
            let groups = try QuoteSelection.perGroup(store: store, selection: selection, column: column, rules: rules)
            let coded = try CodedCorpus(store: store, selection: selection)
            #expect(groups.map(\.group) == Set(coded.corpus.units.map { $0.values[column, default: ""] }).sorted(), "seed \(seed), \(column)")
            for (group, quotes) in groups {
                let expected = try Self.straightforward(store, selection: selection, rules: rules) { $0.values[column] == group }
                #expect(quotes.quotes.joined().map(Self.describe) == expected, "seed \(seed), \(column)=\(group), \(selection)")
                let units = coded.filtered { $0.values[column] == group }
                #expect(quotes.unitCount == units.corpus.units.count)
                #expect(quotes.unitsWithCode == coded.codebook.codes.indices.map { c in units.suggestions.count { $0.contains { $0.codeIndex == c } } })
                #expect(quotes.quotes.joined().allSatisfy { q in units.corpus.units.contains { $0.id == q.unitID } })
                quoted += expected.count
                flagged += quotes.quotes.joined().count { $0.attributionRisk?.flagged == true }
            }
        }
        #expect(quoted > 60)
        #expect(flagged > 0)
    }

    /// Interview turns by organisation: a turn without one is in the group "", the attribution's
    /// risk counts each interview once however many turns it has.
    @Test func perGroupQuotesOfInterviewTurns() throws {
        let dir = try TemporaryDirectory()
        let store = try ProjectStore.create(at: dir.path("interviews.duiding"))
        var random = SeededGenerator(seed: 11)
        let organisations = ["Provincie", "Middelgrote gemeente", "Waterschap", ""]
        var units: [NewUnit] = []
        for interview in 0..<30 {
            let organisation = organisations[interview % organisations.count]
            for turn in 0..<8 {
                let text = (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.texts[Int.random(in: 0..<Self.texts.count, using: &random)] }
                    .joined(separator: " ")
                var values = ["functie": ["griffier", "wethouder", "dijkgraaf"][interview % 3]]
                if !organisation.isEmpty { values["organisatie"] = organisation }
                units.append(NewUnit(id: "gesprek\(interview).txt#\(turn + 1)", text: text, kind: .interview, values: values,
                                     file: "gesprek\(interview).txt", line: turn + 1, respondent: "gesprek\(interview).txt"))
            }
        }
        try store.importUnits(units, file: "gesprekken", variables: [Variable(name: "functie", label: ""), Variable(name: "organisatie", label: "")])
        let compiled = try TestSupport.defaultCompiled.get()
        let coder = try Coder(compiled)
        var suggestions: [StoredSuggestion] = []
        for unit in units {
            for s in try coder.code(unit.text) {
                for e in s.evidence { suggestions.append(StoredSuggestion(unitID: unit.id, codeID: s.codeID, pattern: e.pattern, utf16Range: e.utf16Range)) }
            }
        }
        try store.addCodebookVersion(name: compiled.codebook.name, source: TestSupport.defaultCodebookPath,
                                     yaml: try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8),
                                     codes: compiled.codebook.codes.map { StoredCode(id: $0.id, label: $0.label) },
                                     suggestions: suggestions, ifLatestIs: nil)
        try store.record([NewDecision(unitID: units[3].id, codeID: ReviewFixture.codeOrder[0], action: .add, coder: "anna", passage: 0..<20)])
        let rules = QuoteRules(perTheme: 3, attribution: try QuoteAttribution(template: "{functie}"), minGroup: 3, redact: false)
        let selection = UnitSelection(interviews: true)
        let groups = try QuoteSelection.perGroup(store: store, selection: selection, column: "organisatie", rules: rules)
        #expect(groups.map(\.group) == ["", "Middelgrote gemeente", "Provincie", "Waterschap"])
        var quoted = 0
        for (group, quotes) in groups {
            let expected = try Self.straightforward(store, selection: selection, rules: rules) { $0.values["organisatie", default: ""] == group }
            #expect(quotes.quotes.joined().map(Self.describe) == expected, "organisatie=\(group)")
            #expect(quotes.unitCount == units.count { $0.values["organisatie", default: ""] == group })
            // A group's 7 or 8 interviews have 3 functions: at most 3 interviews share one (its turns would be 24).
            #expect(quotes.quotes.joined().allSatisfy { (1...3).contains($0.attributionRisk?.groupSize ?? 0) })
            quoted += expected.count
        }
        #expect(quoted > 10)
    }

    /// A `--per-group` column the project does not have is named with the columns it has.
    @Test func perGroupNamesAMissingColumn() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.project(in: dir, seed: 4, count: 20)
        let rules = QuoteRules(perTheme: 2, attribution: QuoteAttribution(columns: []), minGroup: 5, redact: false)
        #expect {
            try QuoteSelection.perGroup(store: store, selection: .all, column: "leeftijd", rules: rules)
        } throws: { error in
            "\(error)".contains("no column `leeftijd` for --per-group") && "\(error)".contains("geslacht, functie")
        }
    }

    /// The thread that pools the streamed units gets every one, in the order read, whatever the
    /// batch size (a last batch part full, none at all).
    @Test(arguments: [1, 7, 4_096])
    func unitsArePooledInTheOrderRead(batchSize: Int) {
        let pooling = InOrderConsumer([Int](), batchSize: batchSize) { $0.append($1) }
        for i in 0..<10_003 { pooling.add(i) }
        #expect(pooling.finish() == Array(0..<10_003))
        #expect(InOrderConsumer([Int](), batchSize: batchSize) { $0.append($1) }.finish() == [])
    }
}
