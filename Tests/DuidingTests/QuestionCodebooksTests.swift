import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DuidingProject
@testable import DuidingStore
@testable import DuidingWeb

/// Each question has its own codebook: `recode --question` gives one question a codebook of its
/// own (with its own version history); the other questions keep theirs, and every count,
/// decision and review page of a question uses its codebook. Counts checked by hand against
/// `QuestionsTests.rows`.
@Suite("Codebooks per question", .serialized)
struct QuestionCodebooksTests {
    /// For q2 ("what support do you need"): `steun` → support, `training`/`cursus` → training.
    static let supportCodebook = """
        name: Ondersteuning
        language: nl
        codes:
          - id: support
            label: Steun
            include: [steun]
          - id: training
            label: Cursus of training
            include: [training, cursus]

        """

    let questions = QuestionsTests()

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    /// The wide project (three questions, the `Vragen` codebook) with q2 given `supportCodebook`.
    func project(in dir: TemporaryDirectory) throws -> String {
        let project = try questions.project(in: dir)
        try dir.write("steun.yml", Self.supportCodebook)
        let r = try run(["recode", project, "--question", "q2", "--codebook", "steun.yml"], in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("applied to 3 units for question `q2`"), "\(r.stdout)")
        return project
    }

    @Test func aQuestionsOwnCodebookCodesOnlyItsAnswers() throws {
        let dir = try TemporaryDirectory(), plainDir = try TemporaryDirectory()
        let plain = try questions.project(in: plainDir)
        let before = try ProjectStore.open(at: plain, access: .read).states()
        let project = try project(in: dir)
        let store = try ProjectStore.open(at: project, access: .read)
        let after = try store.states()
        // q2's answers (R1 "een training graag", R3 "training", R4 "meer steun"), by hand.
        #expect(after["R1/q2"]?.suggested == ["training"] && after["R3/q2"]?.suggested == ["training"] && after["R4/q2"]?.suggested == ["support"])
        // Every other unit keeps its suggestions.
        for (id, state) in before where !id.hasSuffix("/q2") { #expect(after[id]?.suggested == state.suggested, "\(id)") }

        let q2 = try questions.table([project, "--question", "q2", "--by", "geslacht"], in: dir)
        #expect(q2["Totaal:support"].map { "\($0.base) \($0.count)" } == "3 1")
        #expect(q2["Totaal:training"].map { "\($0.base) \($0.count)" } == "3 2")
        #expect(q2["Totaal:fear"] == nil, "\(q2.keys.sorted())")
        let q1 = try questions.table([project, "--question", "q1", "--by", "geslacht"], in: dir)
        let fear = questions.expected(\.q1, word: "bang")
        #expect(q1["Totaal:fear"].map { "\($0.base) \($0.count)" } == "\(fear.base) \(fear.count)")
        #expect(q1["Totaal:support"] == nil)

        // The table's label is the question's codebook's label.
        let text = try run(["table", project, "--question", "q2", "--by", "geslacht"], in: dir)
        #expect(text.stdout.contains("Cursus of training") && text.stdout.contains("Ondersteuning"), "\(text.stdout)")
    }

    @Test func eachQuestionHasItsOwnVersionHistory() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        // A new default (version 3) leaves q2's own codebook alone.
        try dir.write("boek2.yml", QuestionsTests.codebook.replacingOccurrences(of: "label: Angst", with: "label: Angst en vrees"))
        var r = try run(["recode", project, "--codebook", "boek2.yml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let store = try ProjectStore.open(at: project, access: .read)
        #expect(try store.codebookVersions().map(\.id) == [1, 2, 3])
        #expect(try store.codebookVersions(question: "q2").map { "\($0.id) \($0.name)" } == ["1 Vragen", "2 Ondersteuning"])
        #expect(try store.codebookVersions(question: "q1").map { "\($0.id) \($0.name)" } == ["1 Vragen", "3 Vragen"])
        #expect(try store.latestCodebook(question: "q2")?.codes.map(\.id) == ["support", "training"])
        #expect(try store.latestCodebook(question: "q1")?.codes.first?.label == "Angst en vrees")
        #expect(try store.states()["R4/q2"]?.suggested == ["support"])

        r = try run(["codebook", "versions", project, "--question", "q2"], in: dir)
        #expect(r.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(1).joined() + " " + $0.split(separator: "\t")[2] }
                == ["1 default", "2 question `q2`"], "\(r.stdout)")
        r = try run(["codebook", "show", project, "--question", "q2"], in: dir)
        #expect(r.status == 0 && r.stdout == Self.supportCodebook, "\(r.stderr)")
        #expect(r.stderr.contains("question `q2`'s own"), "\(r.stderr)")
        r = try run(["codebook", "show", project, "--question", "q3"], in: dir)
        #expect(r.stdout.contains("Angst en vrees") && r.stderr.contains("default"), "\(r.stderr)")
    }

    @Test func decisionsUseTheCodesOfTheUnitsQuestion() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        var r = try run(["decide", project, "R4/q2", "+fear", "--coder", "anna"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("`fear` is not a code"), "\(r.stderr)")
        r = try run(["decide", project, "R1/q1", "+support", "--coder", "anna"], in: dir)
        #expect(r.status != 0, "\(r.stderr)")
        r = try run(["decide", project, "R4/q2", "-support", "+training", "--coder", "anna"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try ProjectStore.open(at: project, access: .read).states()["R4/q2"]?.codes == ["training"])
    }

    @Test func newAnswersToTheQuestionAreCodedWithItsCodebook() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        try dir.write("more.csv", "id,geslacht,gewicht,q1,q2\nR9,man,1,ik ben bang,graag een cursus en steun\n")
        let r = try run(["import", project, "more.csv", "--text-column", "q1", "--text-column", "q2"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let states = try ProjectStore.open(at: project, access: .read).states()
        #expect(states["R9/q2"]?.suggested == ["support", "training"])
        #expect(states["R9/q1"]?.suggested == ["fear"])
    }

    @Test func badQuestionsAreRefusedAndNothingIsStored() throws {
        let dir = try TemporaryDirectory()
        let project = try project(in: dir)
        var r = try run(["recode", project, "--question", "q9", "--codebook", "steun.yml"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("no question `q9`") && r.stderr.contains("`q2`"), "\(r.stderr)")
        #expect(try ProjectStore.open(at: project, access: .read).codebookVersions().count == 2)
        // A question's own codebook needs a default first.
        try dir.write("a.csv", "id,text\nA1,bang\n")
        let fresh = dir.path("fresh.duiding")
        #expect(try run(["init", fresh], in: dir).status == 0)
        #expect(try run(["import", fresh, "a.csv"], in: dir).status == 0)
        r = try run(["recode", fresh, "--question", "text", "--codebook", "steun.yml"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("without --question first"), "\(r.stderr)")
        r = try run(["codebook", "show", project, "--question", "q9"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("no question `q9`"), "\(r.stderr)")
    }

    /// The review page of q2 shows q2's codes; its answers carry them too.
    @Test func theReviewPageShowsTheQuestionsCodes() async throws {
        let dir = try TemporaryDirectory()
        let store = try ProjectStore.open(at: try project(in: dir))
        let selection = UnitSelection(question: "q2")
        let ids = try selection.resolve(try store.units(), questions: try store.questions(), variables: try store.variables()).map(\.id)
        let scope = ReviewScope(ids: Set(ids), description: selection.description, question: "q2")
        let app = buildApplication(store: store, access: .single(coder: "tester", token: ReviewFixture.token), port: 0, learnEvery: nil, scope: scope,
                                   onStarted: { _ in })
        try await app.test(.router) { client in
            let headers: HTTPFields = [.duidingToken: ReviewFixture.token]
            let meta = try await client.execute(uri: "/api/meta", method: .get, headers: headers)
            let json = try JSONDecoder().decode(MetaJSON.self, from: Data(meta.body.readableBytesView))
            #expect(json.codes.map(\.id) == ["support", "training"])
            let unit = try await client.execute(uri: "/api/unit?id=R4%2Fq2", method: .get, headers: headers)
            let body = String(buffer: unit.body)
            #expect(body.contains("\"support\"") && !body.contains("\"fear\""), "\(body)")
        }
    }
}
