import GRDB
import Testing
@testable import DuidingCodebook
@testable import DuidingInput
@testable import DuidingProject
@testable import DuidingStore

/// A recode reads, codes and stores its units batch by batch with coders kept from batch to
/// batch: the suggestions must be exactly those of coding every unit at once with fresh
/// coders, and a failure in any batch must leave the project as it was.
@Suite("Recode in batches")
struct RecodeBatchTests {
    /// The demo answers, imported into a project in memory without a codebook.
    static func demoProject() throws -> (ProjectStore, [(id: String, text: String)]) {
        let answers = TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path
        let corpus = try Corpus.load([answers])
        let store = try ProjectStore.inMemory()
        try ProjectImport.importFiles([answers], columns: Corpus.Columns(), into: store)
        return (store, corpus.units.map { ($0.id, $0.text) })
    }

    static var yaml: String {
        get throws { try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8) }
    }

    @Test func coderPoolKeptBetweenCallsCodesAsFreshCoders() throws {
        let compiled = try TestSupport.defaultCompiled.get()
        let texts = try Self.demoProject().1.map(\.text)
        let fresh = try ParallelCoding.code(texts, with: compiled)
        #expect(fresh.contains { !$0.isEmpty }, "the demo answers get codes")
        // The pool first sees the second half (so its coders know those words), then all texts.
        let pool = try CoderPool(compiled, workers: 2)
        _ = try ParallelCoding.code(Array(texts[(texts.count / 2)...]), with: pool)
        #expect(try ParallelCoding.code(texts, with: pool) == fresh)
        #expect(try ParallelCoding.code(Array(texts.reversed()), with: pool) == Array(fresh.reversed()))
    }

    @Test func smallBatchesStoreWhatOneCodingOfEveryUnitGives() throws {
        let (store, units) = try Self.demoProject()
        let compiled = try TestSupport.defaultCompiled.get()
        let expected = ProjectCoding.storedSuggestions(units.map(\.id), try ParallelCoding.code(units.map(\.text), with: compiled))
        // 511 units in batches of 7: the last batch is short, every batch boundary is crossed.
        let (version, coded) = try store.addCodebookVersion(
            name: compiled.codebook.name, source: "default.yml", yaml: try Self.yaml, codes: ProjectCoding.storedCodes(compiled.codebook),
            ifLatestIs: nil, batchSize: 7, coding: ProjectCoding.batches(with: compiled, progress: nil))
        #expect(coded == units.count)
        let stored = try store.suggestions(version: version)
        #expect(stored.values.reduce(0) { $0 + $1.count } == expected.count)
        #expect(stored.mapValues { Set($0) } == Dictionary(grouping: expected, by: \.unitID).mapValues { Set($0) })
    }

    struct Interrupted: Error {}

    @Test func aFailureInALaterBatchLeavesTheProjectAsItWas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("p.duiding")
        let created = try ProjectStore.create(at: path)
        try ProjectImport.importFiles([TestSupport.packageRoot.appendingPathComponent("Corpora/antwoorden.csv").path],
                                      columns: Corpus.Columns(), into: created)
        let first = try ProjectRecode.recode(created, yaml: Self.yaml, source: "v1.yml")
        let before = try created.snapshot()
        let compiled = try TestSupport.defaultCompiled.get()
        let coding = ProjectCoding.batches(with: compiled, progress: nil)
        var batches = 0
        #expect(throws: Interrupted.self) {
            try created.addCodebookVersion(name: "v2", source: "v2.yml", yaml: try Self.yaml, codes: ProjectCoding.storedCodes(compiled.codebook),
                                           ifLatestIs: first.version, batchSize: 100) { units in
                batches += 1
                // The first two batches are coded (and the first stored) before the third fails.
                if batches == 3 { throw Interrupted() }
                return try coding(units)
            }
        }
        #expect(batches == 3)
        // Opened afresh from the file: the failed version left nothing behind.
        let reopened = try ProjectStore.open(at: path)
        #expect(try reopened.latestCodebook()?.id == first.version)
        #expect(try reopened.codebookVersions().count == 1)
        let after = try reopened.snapshot()
        #expect(after.states == before.states)
        #expect(after.evidence == before.evidence)
        #expect(try reopened.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM suggestion") }
                == before.evidence.values.reduce(0) { $0 + $1.count })
    }
}
