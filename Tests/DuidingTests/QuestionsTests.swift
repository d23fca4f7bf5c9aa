import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingInput
@testable import DuidingWeb
@testable import DuidingProject
@testable import DuidingStore

/// Surveys as they come: several open questions per respondent, each with its own base;
/// interviews apart; `--where` filters. Counts are checked against a hand computation from the
/// test's own data, with a two-code codebook whose patterns are plain words.
@Suite("Questions, bases and filters", .serialized)
struct QuestionsTests {
    /// `bang` → fear, `training` → training. One row per respondent, three open questions.
    static let codebook = """
        name: Vragen
        language: nl
        codes:
          - id: fear
            label: Angst
            include: [bang]
          - id: training
            label: Training
            include: [training]

        """

    /// Respondent, geslacht, weight, then q1/q2/q3 (empty: not answered).
    static let rows: [(id: String, geslacht: String, weight: Double, q1: String, q2: String, q3: String)] = [
        ("R1", "man", 0.5, "ik ben erg bang geworden na de bedreiging op straat", "een training graag", ""),
        ("R2", "vrouw", 1.5, "het werk gaat gewoon door zoals altijd", "", "bang en een training"),
        ("R3", "vrouw", 2.0, "bang", "training", "niets"),
        ("R4", "man", 1.0, "", "meer steun", ""),
        ("R5", "vrouw", 1.0, "ik ben soms bang als ik alleen naar huis fiets", "   ", ""),
    ]

    static var wideCSV: String {
        "id,geslacht,gewicht,q1,q2,q3\n" + rows.map { "\($0.id),\($0.geslacht),\($0.weight),\($0.q1),\($0.q2),\($0.q3)" }.joined(separator: "\n") + "\n"
    }

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    /// A project with the wide file imported once with its three questions and coded.
    func project(in dir: TemporaryDirectory, interviews: Bool = false) throws -> String {
        try dir.write("wide.csv", Self.wideCSV)
        try dir.write("boek.yml", Self.codebook)
        try dir.write("interview.txt", "organisatie: Provincie\ninterviewer: I\n\nI: Hoe is het?\nGriffier: Ik ben bang.\nI: En verder?\nGriffier: Een training zou helpen, ik ben nog steeds bang.\n")
        let project = dir.path("p.duiding")
        let files = ["wide.csv"] + (interviews ? ["interview.txt"] : [])
        for arguments in [["init", project], ["import", project] + files + ["--text-column", "q1", "--text-column", "q2", "--text-column", "q3"],
                          ["recode", project, "--codebook", "boek.yml"]] {
            let r = try run(arguments, in: dir)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        return project
    }

    /// The `table --format csv` rows of the Totaal column and of one group, by code.
    func table(_ arguments: [String], in dir: TemporaryDirectory) throws -> [String: (base: Int, count: Int, percent: Double)] {
        let r = try run(["table"] + arguments + ["--format", "csv"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        let csv = parseCSV(r.stdout)
        let header = try #require(csv.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let (variable, group, code, base, count, percent) = (try column("variable"), try column("group"), try column("code"),
                                                            try column("base_n"), try column("count"), try column("percent"))
        var result: [String: (base: Int, count: Int, percent: Double)] = [:]
        for row in csv.dropFirst() where row.count == header.count {
            let key = (row[variable].isEmpty ? "Totaal" : row[group]) + ":" + row[code]
            result[key] = (Int(row[base]) ?? -1, Int(row[count]) ?? -1, Double(row[percent].replacingOccurrences(of: ",", with: ".")) ?? -1)
        }
        return result
    }

    /// Base, count and weighted percentage of a question's answers containing `word`, by hand.
    func expected(_ answers: KeyPath<(id: String, geslacht: String, weight: Double, q1: String, q2: String, q3: String), String>,
                  word: String, geslacht: String? = nil) -> (base: Int, count: Int, percent: Double) {
        let answered = Self.rows.filter { !$0[keyPath: answers].trimmingCharacters(in: .whitespaces).isEmpty && (geslacht == nil || $0.geslacht == geslacht) }
        let hits = answered.filter { $0[keyPath: answers].contains(word) }
        let weight = answered.reduce(0) { $0 + $1.weight }
        return (answered.count, hits.count, 100 * hits.reduce(0) { $0 + $1.weight } / weight)
    }

    @Test func aWideFileBecomesOneUnitPerNonEmptyAnswer() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("wide.csv", Self.wideCSV)
        let corpus = try Corpus.load([path], columns: Corpus.Columns(texts: ["q1", "q2", "q3"]))
        #expect(corpus.questions.map(\.name) == ["q1", "q2", "q3"])
        #expect(corpus.units.map(\.id) == ["R1/q1", "R1/q2", "R2/q1", "R2/q3", "R3/q1", "R3/q2", "R3/q3", "R4/q2", "R5/q1"])
        #expect(corpus.units.first { $0.id == "R3/q2" }.map { ($0.question, $0.respondent) } ?? (nil, "") == ("q2", "R3"))
        // The other open questions are not group variables.
        #expect(corpus.variableNames == ["geslacht", "gewicht"])
    }

    @Test func eachQuestionHasItsOwnBase() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        let store = try ProjectStore.open(at: project, access: .read)
        #expect(try store.questions().map { "\($0.name) \($0.units)" } == ["q1 4", "q2 3", "q3 2"])
        #expect(try store.questionNames() == ["q1", "q2", "q3"])
        for (question, answers) in [("q1", \QuestionsTestsRow.q1), ("q2", \.q2), ("q3", \.q3)] {
            let t = try table([project, "--question", question, "--by", "geslacht", "--weight", "gewicht"], in: dir)
            for (code, word) in [("fear", "bang"), ("training", "training")] {
                let e = expected(answers, word: word)
                let got = try #require(t["Totaal:\(code)"], "\(question) \(code): \(t.keys.sorted())")
                #expect(got.base == e.base && got.count == e.count, "\(question) \(code): \(got) vs \(e)")
                #expect(abs(got.percent - e.percent) < 0.51, "\(question) \(code): \(got.percent) vs \(e.percent)")
                for g in ["man", "vrouw"] where expected(answers, word: word, geslacht: g).base > 0 {
                    let eg = expected(answers, word: word, geslacht: g)
                    let gg = try #require(t["\(g):\(code)"])
                    #expect(gg.base == eg.base && gg.count == eg.count, "\(question) \(code) \(g): \(gg) vs \(eg)")
                }
            }
        }
    }

    @Test func aProjectWithSeveralQuestionsAsksWhichOne() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        var r = try run(["table", project, "--by", "geslacht"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("3 questions") && r.stderr.contains("`q1`, `q2`, `q3`") && r.stderr.contains("--question"), "\(r.stderr)")
        r = try run(["quotes", project, "--question", "q9"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("no question `q9`") && r.stderr.contains("`q2`"), "\(r.stderr)")
        r = try run(["table", project, "--text-column", "q2", "--by", "geslacht"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("--question"), "\(r.stderr)")
    }

    @Test func whereFiltersTheRespondents() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        let women = try table([project, "--question", "q1", "--by", "geslacht", "--where", "geslacht=vrouw"], in: dir)
        let e = expected(\.q1, word: "bang", geslacht: "vrouw")
        #expect(women["Totaal:fear"].map { $0.base == e.base && $0.count == e.count } == true, "\(String(describing: women["Totaal:fear"]))")
        #expect(women["man:fear"] == nil)
        let notMen = try table([project, "--question", "q1", "--by", "geslacht", "--where", "geslacht!=man"], in: dir)
        #expect(notMen["Totaal:fear"]?.base == e.base)
        let both = try table([project, "--question", "q1", "--by", "geslacht", "--where", "geslacht=man,vrouw"], in: dir)
        #expect(both["Totaal:fear"]?.base == expected(\.q1, word: "bang").base)
        // Unknown variable or value: the message names what there is.
        var r = try run(["table", project, "--question", "q1", "--by", "geslacht", "--where", "leeftijd=40"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("no variable `leeftijd`") && r.stderr.contains("`geslacht`"), "\(r.stderr)")
        r = try run(["table", project, "--question", "q1", "--by", "geslacht", "--where", "geslacht=x"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("no value `x`") && r.stderr.contains("`man`, `vrouw`"), "\(r.stderr)")
        r = try run(["table", project, "--question", "q1", "--by", "geslacht", "--where", "geslacht"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("VARIABLE=VALUE"), "\(r.stderr)")
        // The same filter on quotes, export and explore.
        r = try run(["quotes", project, "--question", "q1", "--format", "csv", "--where", "geslacht=man"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let quoted = Set(parseCSV(r.stdout).dropFirst().compactMap { $0.count > 1 ? $0[1] : nil })
        #expect(!quoted.isEmpty && quoted.isSubset(of: ["R1/q1", "R4/q1"]), "\(quoted)")
        r = try run(["export", project, "--what", "report", "--format", "md", "--question", "q1", "--by", "geslacht", "--where", "geslacht=vrouw"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("geslacht=vrouw") && !r.stdout.contains("man (n="), "\(r.stdout.prefix(600))")
        r = try run(["explore", project, "--uncoded", "--question", "q1", "--where", "geslacht=vrouw", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("werk") && !r.stdout.contains("steun"), "\(r.stdout)")
    }

    @Test func interviewTurnsNeverEnterASurveyBase() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir, interviews: true)
        let t = try table([project, "--question", "q1", "--by", "geslacht"], in: dir)
        #expect(t["Totaal:fear"]?.base == expected(\.q1, word: "bang").base)
        // The command says that the interview turns are counted apart.
        let r = try run(["quotes", project, "--question", "q1"], in: dir)
        #expect(r.status == 0 && r.stderr.contains("2 interview turns are not in this question's base") && r.stderr.contains("--interviews"),
                "\(r.stderr)")
        // The interviews on their own: one interview, counted once although two turns say `bang`.
        let i = try table([project, "--interviews", "--by", "organisatie"], in: dir)
        #expect(i["Totaal:fear"].map { $0.base == 1 && $0.count == 1 } == true, "\(i)")
        #expect(i["Provincie:training"].map { $0.base == 1 && $0.count == 1 } == true, "\(i)")
    }

    @Test func anSPSSFileWithThreeQuestionsAndAWeight() throws {
        let dir = try TemporaryDirectory()
        try dir.write("boek.yml", Self.codebook)
        let project = dir.path("p.duiding")
        let sav = try TestSupport.fixture("questions.sav").path
        for arguments in [["init", project], ["import", project, sav, "--text-column", "q_effect", "--text-column", "q_steun", "--text-column", "q_anders"],
                          ["recode", project, "--codebook", "boek.yml"]] {
            let r = try run(arguments, in: dir)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        let store = try ProjectStore.open(at: project, access: .read)
        let questions = try store.questions()
        #expect(questions.map(\.name) == ["q_effect", "q_steun", "q_anders"])
        #expect(questions.map(\.label) == ["Wat deed de agressie met u?", "Welke steun heeft u nodig?", "Wilt u nog iets kwijt?"])
        #expect(questions.map(\.units) == [3, 2, 1])
        // q_steun: S1 (man, 0.5, "training") and S4 (vrouw, 2.0): training 1 of 2, weighted 0.5 / 2.5 = 20 %.
        let t = try table([project, "--question", "q_steun", "--by", "geslacht", "--weight", "gewicht"], in: dir)
        #expect(t["Totaal:training"].map { $0.base == 2 && $0.count == 1 && abs($0.percent - 20) < 0.51 } == true, "\(t)")
        let r = try run(["table", project, "--question", "q_steun", "--by", "geslacht"], in: dir)
        #expect(r.stdout.contains("Welke steun heeft u nodig?"), "\(r.stdout)")
    }

    @Test func importingTheSameFileWithAnotherColumnAddsTheQuestion() throws {
        let dir = try TemporaryDirectory()
        try dir.write("wide.csv", Self.wideCSV)
        try dir.write("boek.yml", Self.codebook)
        let project = dir.path("p.duiding")
        #expect(try run(["init", project], in: dir).status == 0)
        var r = try run(["import", project, "wide.csv", "--text-column", "q1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(["import", project, "wide.csv", "--text-column", "q2"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let store = try ProjectStore.open(at: project, access: .read)
        #expect(try store.questions().map(\.name) == ["q1", "q2"])
        let ids = try store.units().map(\.id)
        #expect(ids == ["R1", "R2", "R3", "R5", "R1/q2", "R3/q2", "R4"], "\(ids)")
        #expect(try store.units().first { $0.id == "R4" }?.question == "q2")
        // The same question again is refused in words, and nothing is imported.
        r = try run(["import", project, "wide.csv", "--text-column", "q2"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("already in the project") && !r.stderr.contains("constraint"), "\(r.stderr)")
        #expect(try store.unitCount() == 7)
        // A text column that is not there names the columns.
        r = try run(["import", project, "wide.csv", "--text-column", "q7"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("no column `q7`") && r.stderr.contains("`q3`"), "\(r.stderr)")
    }

    @Test func answerFilesGoThroughTheSamePipeline() throws {
        // A wide file given straight to `table` is counted exactly as the project is.
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        let fromFile = try table(["wide.csv", "--codebook", "boek.yml", "--text-column", "q1", "--text-column", "q2", "--text-column", "q3",
                                  "--question", "q2", "--by", "geslacht", "--weight", "gewicht"], in: dir)
        let fromProject = try table([project, "--question", "q2", "--by", "geslacht", "--weight", "gewicht"], in: dir)
        #expect(fromFile.mapValues { "\($0)" } == fromProject.mapValues { "\($0)" })
        #expect(!fromFile.isEmpty)
    }

    /// The review queue of one question with a filter: only its units, progress counted over
    /// them, and the page told what it shows.
    @Test func theReviewQueueFollowsTheQuestionAndFilter() async throws {
        let dir = try TemporaryDirectory()
        let store = try ProjectStore.open(at: try project(in: dir))
        let selection = UnitSelection(question: "q1", conditions: [try UnitSelection.Condition(parsing: "geslacht=vrouw")])
        let ids = try selection.resolve(try store.units(), questions: try store.questions(), variables: try store.variables()).map(\.id)
        #expect(ids == ["R2/q1", "R3/q1", "R5/q1"])
        let scope = ReviewScope(ids: Set(ids), description: selection.description)
        let app = buildApplication(store: store, access: .single(coder: "tester", token: ReviewFixture.token), port: 0, learnEvery: nil, scope: scope,
                                   onStarted: { _ in })
        try await app.test(.router) { client in
            let headers: HTTPFields = [.duidingToken: ReviewFixture.token]
            let list = try await client.execute(uri: "/api/units", method: .get, headers: headers)
            let json = try JSONDecoder().decode(UnitListJSON.self, from: Data(list.body.readableBytesView))
            #expect(json.ids == ids && json.total == 3 && json.reviewedTotal == 0)
            let meta = try await client.execute(uri: "/api/meta", method: .get, headers: headers)
            #expect(String(buffer: meta.body).contains("geslacht=vrouw"))
        }
        // Without --question the command says which questions there are.
        let r = try run(["review", store.path ?? "", "--port", "0"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("--question"), "\(r.stderr)")
    }

    /// `export --what codes` takes the same selection as every other command.
    @Test func theCodesExportFollowsTheQuestionAndFilter() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        let r = try run(["export", project, "--what", "codes", "--question", "q1", "--where", "geslacht=vrouw"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let ids = Set(parseCSV(r.stdout).dropFirst().compactMap(\.first).filter { !$0.isEmpty })
        // q1 answers of women that got a code: R3 "bang", R5 "... bang ..." (R2's answer has no theme).
        #expect(ids == ["R3/q1", "R5/q1"], "\(ids)")
    }

    @Test func aConditionParsesAndAdmits() throws {
        let c = try UnitSelection.Condition(parsing: "bestuurslaag = gemeente, provincie")
        #expect(c.variable == "bestuurslaag" && c.values == ["gemeente", "provincie"] && !c.negated)
        #expect(c.admits(["bestuurslaag": "provincie"]) && !c.admits(["bestuurslaag": "rijk"]) && !c.admits([:]))
        let n = try UnitSelection.Condition(parsing: "geslacht!=man")
        #expect(n.negated && n.admits(["geslacht": "vrouw"]) && !n.admits(["geslacht": "man"]) && n.admits([:]))
        #expect(throws: SelectionError.self) { try UnitSelection.Condition(parsing: "geslacht=") }
        #expect(throws: SelectionError.self) { try UnitSelection.Condition(parsing: "=man") }
    }
}

typealias QuestionsTestsRow = (id: String, geslacht: String, weight: Double, q1: String, q2: String, q3: String)
