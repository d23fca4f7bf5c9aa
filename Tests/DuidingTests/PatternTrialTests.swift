import DuidingCodebook
import DuidingInput
import DuidingProject
import DuidingStore
import DuidingText
import Foundation
import Testing

/// Trying patterns (`PatternTrial`, `TrialCorpus`), adding them to a codebook's text
/// (`CodebookEdit`), and the figures per pattern (`stats`).
@Suite("Pattern trial")
struct PatternTrialTests {
    /// The demo corpus in a project, coded with the default codebook, with a few decisions.
    static func demoProject() throws -> (store: ProjectStore, units: [(id: String, text: String)], yaml: String) {
        let corpus = try Corpus.load([TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path],
                                     columns: Corpus.Columns(id: "id", text: "text"))
        let store = try ProjectStore.inMemory()
        try store.importUnits(corpus.units.map { NewUnit(id: $0.id, text: $0.text, kind: .answer, values: [:], file: "antwoorden.csv", line: $0.line) },
                              file: "antwoorden.csv", variables: [])
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        let codebook = try CodebookLoader.parse(yaml, file: TestSupport.defaultCodebookPath)
        let texts = corpus.units.map(\.text)
        let suggestions = try ParallelCoding.code(texts, with: CompiledCodebook(codebook))
        try store.addCodebookVersion(name: codebook.name, source: "test", yaml: yaml, codes: ProjectCoding.storedCodes(codebook),
                                     suggestions: ProjectCoding.storedSuggestions(corpus.units.map(\.id), suggestions), ifLatestIs: nil)
        return (store, corpus.units.map { ($0.id, $0.text) }, yaml)
    }

    /// What a recode with `yaml` suggests: code ids per unit.
    static func recoded(_ units: [(id: String, text: String)], _ yaml: String) throws -> [String: Set<String>] {
        let compiled = try CompiledCodebook(CodebookLoader.parse(yaml, file: "extended"))
        let suggestions = try ParallelCoding.code(units.map(\.text), with: compiled)
        return Dictionary(uniqueKeysWithValues: zip(units.map(\.id), suggestions.map { Set($0.map(\.codeID)) }))
    }

    @Test(arguments: [
        ("caution", "twijfel*"), ("avoidance", "~vermijden"), ("psych_impact", "slaap*|wakker"),
        ("vigilance", "let * op"), ("training_need", "cursus+"), ("caution", "niet * meer"),
    ])
    func tryAgreesWithRecode(code: String, pattern: String) throws {
        let (store, units, yaml) = try Self.demoProject()
        // Decisions that make current codes differ from the suggestions.
        let before = try store.states()
        let withCode = units.map(\.id).filter { before[$0]?.codes.contains(code) == true }
        let withoutCode = units.map(\.id).filter { before[$0]?.codes.contains(code) == false }
        try store.record(withCode.prefix(3).map { NewDecision(unitID: $0, codeID: code, action: .reject, coder: "anna") }
                         + withoutCode.prefix(3).map { NewDecision(unitID: $0, codeID: code, action: .add, coder: "anna") })

        let result = try PatternTrial(store: store).run(pattern: pattern, target: .code(code), examples: 1000)
        let edited = try CodebookEdit.addingPattern(pattern, toCode: code, in: yaml, file: "codebook")
        let old = try Self.recoded(units, yaml), new = try Self.recoded(units, edited.yaml)
        let gained = Set(units.map(\.id).filter { new[$0]?.contains(code) == true && old[$0]?.contains(code) != true })
        let matched = Set(result.matched)
        #expect(!matched.isEmpty, "`\(pattern)` should match something in the demo corpus")
        #expect(gained == matched.subtracting(units.map(\.id).filter { old[$0]?.contains(code) == true }),
                "the units that gain \(code) are the matches that did not have it")
        // Every match is a unit the extended codebook suggests the code for, with this pattern as evidence.
        let compiled = try CompiledCodebook(edited.codebook)
        let coder = try Coder(compiled)
        let evidenced = Set(units.filter { u in
            (try? coder.code(u.text))?.first { $0.codeID == code }?.evidence.contains { $0.pattern == pattern } == true
        }.map(\.id))
        #expect(evidenced == matched)
        #expect(result.matched == units.map(\.id).filter(matched.contains), "matches come in import order")
        let states = try store.states()
        #expect(result.new == result.matched.count { states[$0]?.codes.contains(code) == false })
        #expect(result.examples.count == result.matched.count)
        #expect(result.examples.prefix(result.new).allSatisfy(\.isNew) && result.examples.dropFirst(result.new).allSatisfy { !$0.isNew },
                "new examples first")
        for example in result.examples {
            let utf16 = Array(example.text.utf16)
            #expect(!example.ranges.isEmpty && example.ranges.allSatisfy { $0.upperBound <= utf16.count && !$0.isEmpty })
        }
    }

    @Test func newCodeAndNoCode() throws {
        let (store, units, yaml) = try Self.demoProject()
        let trial = PatternTrial(store: store)
        let fresh = try trial.run(pattern: "slaap*|wakker", target: .newCode(id: "sleep", label: "Slaap"))
        let edited = try CodebookEdit.addingCode(id: "sleep", label: "Slaap", pattern: "slaap*|wakker", to: yaml, file: "codebook")
        let new = try Self.recoded(units, edited.yaml)
        #expect(Set(fresh.matched) == Set(units.map(\.id).filter { new[$0]?.contains("sleep") == true }))
        #expect(fresh.new == fresh.matched.count, "nobody has a code that is not in the codebook yet")

        // Without a code: new means the unit has no code at all.
        let none = try trial.run(pattern: "slaap*|wakker")
        #expect(none.matched == fresh.matched)
        let states = try store.states()
        #expect(none.new == none.matched.count { states[$0]?.codes.isEmpty == true })
        #expect(none.new < none.matched.count, "some sleepless answers have a code already")
    }

    @Test func afterASaveTheCurrentCodesAreThoseOfTheNewVersion() throws {
        let (store, _, _) = try Self.demoProject()
        let trial = PatternTrial(store: store)
        let some = try trial.run(pattern: "slaap*", target: .code("training_need"), examples: 3)
        try store.record(some.examples.map { NewDecision(unitID: $0.unitID, codeID: "psych_impact", action: .reject, coder: "anna") })
        _ = try trial.save(pattern: "slaap*", target: .code("training_need"), by: "anna")
        // The trial's own codes after the save equal what the project says.
        let after = try trial.run(pattern: "slaap*|wakker", target: .newCode(id: "x", label: "x"), examples: 0)
        let fresh = try PatternTrial(store: store).run(pattern: "slaap*|wakker", target: .newCode(id: "x", label: "x"), examples: 0)
        #expect(after.matched == fresh.matched)
        let states = try store.states()
        for target in [TrialCodebook.Target.none, .code("training_need"), .code("psych_impact")] {
            let a = try trial.run(pattern: "slaap*|wakker|moe", target: target), b = try PatternTrial(store: store).run(pattern: "slaap*|wakker|moe", target: target)
            #expect(a.new == b.new && a.matched == b.matched, "\(target)")
            if case .code(let code) = target { #expect(a.new == a.matched.count { states[$0]?.codes.contains(code) == false }) }
        }
    }

    @Test func decisionsChangeTheNewCount() throws {
        let (store, _, _) = try Self.demoProject()
        let trial = PatternTrial(store: store)
        let first = try trial.run(pattern: "slaap*", target: .code("training_need"), examples: 100)
        let target = try #require(first.examples.first { $0.isNew })
        try store.record([NewDecision(unitID: target.unitID, codeID: "training_need", action: .add, coder: "anna")])
        let second = try trial.run(pattern: "slaap*", target: .code("training_need"), examples: 100)
        #expect(second.matched == first.matched && second.new == first.new - 1)
        #expect(second.examples.first { $0.unitID == target.unitID }?.isNew == false)
        try store.undoLast(unit: target.unitID, coder: "anna")
        #expect(try trial.run(pattern: "slaap*", target: .code("training_need")).new == first.new)
    }

    @Test func badPatternsGetTheCodebookFilesMessageWithTheirColumn() throws {
        let (store, _, _) = try Self.demoProject()
        let trial = PatternTrial(store: store)
        let cases: [(pattern: String, column: Int)] = [("vo*", 1), ("denk * * na", 8), ("voorzicht* ~alert~", 12), ("* alert", 1),
                                                        ("alert *", 7), ("politie||gemeente", 9), ("   ", 1), ("zorg ?", 6)]
        for (pattern, column) in cases {
            #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: pattern, target: .code("caution")) }
            do { _ = try trial.run(pattern: pattern, target: .code("caution")) } catch let problem as TrialCodebook.Problem {
                #expect(problem.column == column, "\(pattern)")
                // The message a codebook file gets for the same pattern, with line 1 and the column.
                let file = "codes:\n  - id: probe\n    include:\n      - \"\(pattern)\"\n"
                var fileMessage = ""
                do { _ = try CodebookLoader.parse(file, file: "c.yml") } catch let error as InvalidCodebook {
                    fileMessage = error.problems.first?.message ?? ""
                }
                #expect(problem.description == "1:\(column): \(fileMessage)", "\(pattern)")
            }
        }
        #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: "weer", target: .code("nonsense")) }
        do { _ = try trial.run(pattern: "weer\u{0}x") } catch let problem as TrialCodebook.Problem { #expect(problem.column == 5) }
        #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: "weer", target: .newCode(id: "weer", label: "Het\nweer")) }
        #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: "weer", target: .newCode(id: "weer", label: "Het\u{2028}weer")) }
        #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: "weer", target: .newCode(id: "Weer", label: "Weer")) }
        #expect(throws: TrialCodebook.Problem.self) { try trial.run(pattern: "weer", target: .newCode(id: "caution", label: "x")) }
        do { _ = try trial.run(pattern: "vo*") } catch {
            #expect("\(error)" == "1:1: pattern `vo*`: prefix `vo*` is too short (it would match most words); use at least 3 letters")
        }
    }

    @Test func corpusCodesLikeTheCoder() throws {
        let texts = try Corpus.load([TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path],
                                    columns: Corpus.Columns(id: "id", text: "text")).units.map(\.text)
            + ["", "   ", "Niet voorzichtig. Wel voorzichtiger!", "😀 Voorzichtig\r\nen\rterughoudend", "<b>alert</b> — m'n training",
               "bv. denk ik twee keer na", "a\u{0301}lert… waakzaam", String(repeating: "voorzichtig ", count: 2000)]
        let compiled = try TestSupport.defaultCompiled.get()
        let corpus = try TrialCorpus(texts: texts, language: compiled.language, workers: 2)
        #expect(corpus.count == texts.count)
        let coder = try Coder(compiled)
        let direct = try texts.map { try coder.code($0) }
        #expect(try corpus.codeAll(with: compiled) == direct)
        for i in [0, 500, texts.count - 1] { #expect(corpus.text(i) == texts[i]) }
    }

    @Test func statsCountedByHand() throws {
        let yaml = """
            name: Test
            language: nl
            negation:
              cues: [niet]
              window: 3
            codes:
              - id: caution
                label: Voorzichtigheid
                include:
                  - voorzicht*
                  - terughoudend*
                  - zelfcensuur
                exclude:
                  - politie * voorzicht*
              - id: sleep
                label: Slaap
                include: [slaap*, wakker]

            """
        let texts = [("U1", "Ik ben voorzichtiger geworden."), ("U2", "Voorzichtig en terughoudend."), ("U3", "Ik ben terughoudend."),
                     ("U4", "De politie is voorzichtig."), ("U5", "Ik slaap slecht."), ("U6", "Ik lig wakker en ben voorzichtig."),
                     ("U7", "Niet voorzichtig.")]
        let store = try ProjectStore.inMemory()
        try store.importUnits(texts.enumerated().map { NewUnit(id: $1.0, text: $1.1, kind: .answer, values: [:], file: "t.csv", line: $0 + 2) },
                              file: "t.csv", variables: [])
        let codebook = try CodebookLoader.parse(yaml, file: "t.yml")
        try store.addCodebookVersion(name: "Test", source: "t.yml", yaml: yaml, codes: ProjectCoding.storedCodes(codebook),
                                     suggestions: ProjectCoding.storedSuggestions(texts.map(\.0), try ParallelCoding.code(texts.map(\.1), with: CompiledCodebook(codebook))), ifLatestIs: nil)
        try store.record([
            NewDecision(unitID: "U1", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "U2", codeID: "caution", action: .reject, coder: "anna"),
            NewDecision(unitID: "U3", codeID: "caution", action: .reject, coder: "bob"),
            NewDecision(unitID: "U6", codeID: "caution", action: .accept, coder: "anna"),
            NewDecision(unitID: "U6", codeID: "sleep", action: .reject, coder: "anna"),
            NewDecision(unitID: "U5", codeID: "sleep", action: .accept, coder: "bob"),
            NewDecision(unitID: "U7", codeID: "caution", action: .add, coder: "bob"),  // no pattern fired: counts nowhere
        ])
        let stats = try PatternTrial(store: store).stats()
        #expect(stats.units == 7)
        let rows = stats.patterns.map { "\($0.code) \($0.kind.rawValue) \($0.pattern) fires \($0.fires) right \($0.right) wrong \($0.wrong) open \($0.undecided) \($0.flag?.rawValue ?? "-")" }
        #expect(rows == [
            "caution include terughoudend* fires 2 right 0 wrong 2 open 0 mostly wrong",
            "sleep include wakker fires 1 right 0 wrong 1 open 0 mostly wrong",
            "caution include zelfcensuur fires 0 right 0 wrong 0 open 0 never fires",
            "caution include voorzicht* fires 3 right 2 wrong 1 open 0 -",
            "caution exclude politie * voorzicht* fires 1 right 0 wrong 0 open 0 -",
            "sleep include slaap* fires 1 right 1 wrong 0 open 0 -",
        ])
        #expect(stats.patterns.first { $0.pattern == "voorzicht*" }?.precision == 2.0 / 3.0)
        #expect(stats.patterns.first { $0.pattern == "zelfcensuur" }?.precision == nil)
        #expect(stats.patterns.first { $0.pattern == "voorzicht*" }?.line == 10)
    }
}

/// Adding to a codebook's text keeps everything else byte for byte.
@Suite("Codebook edit")
struct CodebookEditTests {
    static let yaml = """
        # Een codeboek met commentaar
        name: Test
        language: nl

        codes:
          - id: caution   # voorzichtig
            label: Voorzichtigheid
            include:
              - voorzicht*
              - {pattern: terughoudend*, fuzzy: true}
              # nog te doen
            exclude:
              - politie * voorzicht*
          - id: flow
            include: [alert*, "'s nachts"]
          - id: bare
            label: Zonder patronen
          - {id: inline, label: Kort, include: [kort*]}
        defaults:
          gap: 3

        """

    /// The lines of `b` are those of `a` with `added` inserted after line `after` (1-based).
    static func inserted(_ a: String, _ b: String, after: Int, _ added: [String]) -> Bool {
        var lines = a.components(separatedBy: "\n")
        lines.insert(contentsOf: added, at: after)
        return lines.joined(separator: "\n") == b
    }

    @Test func appendsToABlockList() throws {
        let r = try CodebookEdit.addingPattern("denk * keer na", toCode: "caution", in: Self.yaml, file: "t.yml")
        // After the last entry; the comment below it stays where it was.
        #expect(Self.inserted(Self.yaml, r.yaml, after: 10, ["      - denk * keer na"]))
        #expect(r.codebook.codes[0].include.map(\.source) == ["voorzicht*", "terughoudend*", "denk * keer na"])
    }

    @Test func appendsToAFlowListAndAddsAMissingList() throws {
        let flow = try CodebookEdit.addingPattern("waakza*", toCode: "flow", in: Self.yaml, file: "t.yml")
        #expect(flow.yaml == Self.yaml.replacingOccurrences(of: "[alert*, \"'s nachts\"]", with: "[alert*, \"'s nachts\", waakza*]"))
        let bare = try CodebookEdit.addingPattern("zonder", toCode: "bare", in: Self.yaml, file: "t.yml")
        #expect(Self.inserted(Self.yaml, bare.yaml, after: 17, ["    include:", "      - zonder"]))
        let inline = try CodebookEdit.addingPattern("beknopt", toCode: "inline", in: Self.yaml, file: "t.yml")
        #expect(inline.yaml == Self.yaml.replacingOccurrences(of: "[kort*]", with: "[kort*, beknopt]"))
    }

    @Test func quotesWhatYAMLWouldReadOtherwise() throws {
        for pattern in ["-streep", "'s nachts|nachts", "geen: idee", "a #b", "~stam", "\"quote\" back\\slash", "[x]", "100%", "naïef", "ja", "prefix* na"] {
            let r = try CodebookEdit.addingPattern(pattern, toCode: "caution", in: Self.yaml, file: "t.yml")
            #expect(r.codebook.codes[0].include.last?.source == pattern)
            let f = try CodebookEdit.addingPattern(pattern, toCode: "flow", in: Self.yaml, file: "t.yml")
            #expect(f.codebook.codes[1].include.last?.source == pattern)
        }
    }

    @Test func addsANewCodeAtTheEndOfCodes() throws {
        let r = try CodebookEdit.addingCode(id: "sleep", label: "Slaap: 's nachts", pattern: "slaap*", to: Self.yaml, file: "t.yml")
        #expect(Self.inserted(Self.yaml, r.yaml, after: 18,
                              ["  - id: sleep", "    label: \"Slaap: 's nachts\"", "    include:", "      - slaap*"]))
        #expect(r.codebook.codes.map(\.id) == ["caution", "flow", "bare", "inline", "sleep"])
        #expect(r.codebook.codes.last?.label == "Slaap: 's nachts")
        #expect(throws: CodebookEdit.Failure.self) { try CodebookEdit.addingCode(id: "caution", label: "x", pattern: "y", to: Self.yaml, file: "t.yml") }
        #expect(throws: CodebookEdit.Failure.self) { try CodebookEdit.addingPattern("y", toCode: "nope", in: Self.yaml, file: "t.yml") }
        // Windows line ends stay Windows line ends.
        let crlf = Self.yaml.replacingOccurrences(of: "\n", with: "\r\n")
        let w = try CodebookEdit.addingPattern("waakza*", toCode: "caution", in: crlf, file: "t.yml")
        #expect(w.yaml.replacingOccurrences(of: "\r\n", with: "\n") == (try CodebookEdit.addingPattern("waakza*", toCode: "caution", in: Self.yaml, file: "t.yml")).yaml)
    }

    /// A try reads the pattern with the options the text gives it; saving reads the whole text
    /// back. Both must give the same pattern.
    @Test func aTryReadsThePatternAsTheSavedCodebookDoes() throws {
        let withDefaults = """
            language: nl
            defaults: {fuzzy: true, gap: 5, negatable: false}
            codes:
              - id: plain
                include: [a]
              - id: strict
                fuzzy: false
                negatable: true
                include: [b]
              - id: loose
                negatable: false

            """
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        for text in [withDefaults, Self.yaml, yaml] {
            let source = try CodebookEdit.Source(text, file: "t.yml")
            let targets: [TrialCodebook.Target] = source.codebook.codes.map { .code($0.id) } + [.newCode(id: "nieuw", label: "Nieuw"), .none]
            for target in targets {
                for pattern in ["voorzicht* * geworden", "~alert|waakza*", "m'n * training+"] {
                    let fast = try TrialCodebook(pattern: pattern, target: target, source: source, readBack: false)
                    let full = try TrialCodebook(pattern: pattern, target: target, source: source, readBack: true)
                    #expect(fast.compiledPattern.elements == full.compiledPattern.elements, "\(target) \(pattern)")
                    #expect(fast.compiledPattern.fuzzy == full.compiledPattern.fuzzy && fast.compiledPattern.negatable == full.compiledPattern.negatable,
                            "\(target) \(pattern)")
                    #expect(fast.edited == nil && (full.edited != nil) == (target != .none))
                }
            }
        }
        let source = try CodebookEdit.Source(withDefaults, file: "t.yml")
        #expect(source.patternOptions(forCode: "plain") == (true, false, 5))
        #expect(source.patternOptions(forCode: "strict") == (false, true, 5))
        #expect(source.patternOptions(forCode: nil) == (true, false, 5))
    }

    @Test func theDefaultCodebookTakesAPatternForEveryCode() throws {
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        let original = try CodebookLoader.parse(yaml, file: "default")
        for code in original.codes {
            let r = try CodebookEdit.addingPattern("proef* * woord", toCode: code.id, in: yaml, file: "default")
            #expect(r.codebook.codes.first { $0.id == code.id }?.include.last?.source == "proef* * woord")
            #expect(r.yaml.components(separatedBy: "\n").count == yaml.components(separatedBy: "\n").count + 1)
        }
        let fresh = try CodebookEdit.addingCode(id: "sleep", label: "Slaap", pattern: "slaap*", to: yaml, file: "default")
        #expect(fresh.codebook.codes.count == original.codes.count + 1)
        #expect(fresh.yaml.hasPrefix(String(yaml.prefix(yaml.count / 2))))
    }
}

/// `duiding codebook try` and `stats` through the built binary, against `duiding recode`.
@Suite("Codebook try and stats commands", .serialized)
struct CodebookTryCLITests {
    static let answers = """
        id,geslacht,text
        R1,man,Ik ben voorzichtiger geworden met uitspraken.
        R2,vrouw,Het weer was mooi.
        R3,vrouw,Ik mijd bepaalde straten.
        R4,man,"Bij slecht weer blijf ik thuis, ik let beter op."
        R5,vrouw,Weerbaarheid is voor mij geen onderwerp.
        R6,man,Niet het weer maar de mensen.

        """

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    @Test func tryAgreesWithRecodeAndStatsCountsThePattern() throws {
        let dir = try TemporaryDirectory()
        try dir.write("answers.csv", Self.answers)
        let project = dir.path("p.duiding")
        for arguments in [["init", project], ["import", project, "answers.csv"], ["recode", project, "--codebook", TestSupport.defaultCodebookPath]] {
            let r = try run(arguments, in: dir)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        #expect(try run(["decide", project, "R2", "+vigilance", "--coder", "anna"], in: dir).status == 0)

        let csv = try run(["codebook", "try", project, "weer*", "--code", "vigilance", "--format", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let matched = Set(rows.map { $0[0] })
        #expect(csv.stdout.hasPrefix("id,new,evidence,start,end\n"))
        #expect(rows.first { $0[0] == "R2" } == ["R2", "no", "weer", "4", "8"], "R2 has vigilance by anna's decision")
        #expect(rows.first { $0[0] == "R5" }?[2] == "Weerbaarheid")
        #expect(matched.isSuperset(of: ["R2", "R5"]) && !matched.contains("R6"), "`niet` negates R6's weer")

        let states = try ProjectStore.open(at: project, access: .read).states()
        let new = matched.count { states[$0]?.codes.contains("vigilance") == false }
        #expect(Set(rows.filter { $0[1] == "yes" }.map { $0[0] }) == matched.filter { states[$0]?.codes.contains("vigilance") == false })
        let text = try run(["codebook", "try", project, "weer*", "--code", "vigilance", "--examples", "1"], in: dir)
        #expect(text.stdout.contains("`weer*` (code vigilance) on codebook version 1: \(matched.count) of 6 units match, \(new) of them new (without vigilance)"),
                "\(text.stdout)")
        #expect(text.stdout.contains("(new): ") && text.stdout.contains("[["))
        #expect(text.stdout.split(separator: "\n").count == 2, "one example")

        // recode with the extended codebook: the units that gain vigilance are the new matches.
        let before = try ProjectStore.open(at: project, access: .read).suggestedCodes(version: 1)
        let yaml = try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8)
        _ = try dir.write("extended.yml", try CodebookEdit.addingPattern("weer*", toCode: "vigilance", in: yaml, file: "default").yaml)
        let recode = try run(["recode", project, "--codebook", "extended.yml"], in: dir)
        #expect(recode.status == 0, "\(recode.stderr)")
        let after = try ProjectStore.open(at: project, access: .read).suggestedCodes(version: 2)
        let gained = Set(after.keys.filter { after[$0]?.contains("vigilance") == true && before[$0]?.contains("vigilance") != true })
        #expect(gained == matched.filter { before[$0]?.contains("vigilance") != true })

        let stats = try run(["codebook", "stats", project, "--format", "csv"], in: dir)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.hasPrefix("code,kind,line,pattern,fires,right,wrong,open,precision,flag\n"))
        let weer = try #require(stats.stdout.split(separator: "\n").first { $0.contains(",weer*,") })
        let fields = weer.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[0] == "vigilance" && fields[1] == "include" && fields[4] == String(matched.count))
        #expect(fields[5] == "1" && fields[6] == "0" && fields[7] == String(matched.count - 1) && fields[8] == "1.00", "anna added vigilance to R2")
        let textStats = try run(["codebook", "stats", project], in: dir)
        #expect(textStats.stdout.hasPrefix("codebook version 2 ("), "\(textStats.stdout)")
        #expect(textStats.stdout.contains("never fires"), "a codebook this size has patterns these six answers never use")

        let bad = try run(["codebook", "try", project, "denk * * na"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("1:8: pattern `denk * * na`: has two gaps `* *` in a row"), "\(bad.stderr)")
    }
}
