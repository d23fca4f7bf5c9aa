import DuidingCodebook
import DuidingStore
import Foundation
import Testing

/// Builds the project `scripts/bench-review` measures: every answer of a CSV corpus (columns
/// id and text; the others become group variables), suggestions of the default
/// codebook, and decisions by two coders on part of the units. Runs only when the script sets
/// DUIDING_REVIEW_BENCH_CORPUS and DUIDING_REVIEW_BENCH_PROJECT; it measures nothing itself.
@Suite("Review benchmark project")
struct ReviewBenchProject {
    static let corpus = ProcessInfo.processInfo.environment["DUIDING_REVIEW_BENCH_CORPUS"]
    static let project = ProcessInfo.processInfo.environment["DUIDING_REVIEW_BENCH_PROJECT"]

    @Test(.enabled(if: corpus != nil && project != nil, "only for scripts/bench-review"))
    func makeBenchProject() throws {
        let corpus = try #require(Self.corpus), project = try #require(Self.project)
        let rows = parseCSV(try String(contentsOfFile: corpus, encoding: .utf8))
        let header = try #require(rows.first)
        let id = try #require(header.firstIndex(of: "id")), text = try #require(header.firstIndex(of: "text"))
        // Every other column is a group variable (but the hand coding of the demo corpus).
        let groups = header.indices.filter { ![id, text].contains($0) && header[$0] != "handcodering" }
        let units = rows.dropFirst().enumerated().compactMap { i, row -> NewUnit? in
            guard row.count == header.count else { return nil }
            return NewUnit(id: row[id], text: row[text], kind: .answer,
                           values: Dictionary(uniqueKeysWithValues: groups.map { (header[$0], row[$0]) }), file: (corpus as NSString).lastPathComponent, line: i + 2)
        }
        let store = try ProjectStore.create(at: project)
        try store.importUnits(units, file: (corpus as NSString).lastPathComponent,
                              variables: groups.map { Variable(name: header[$0], label: header[$0].capitalized) })
        let compiled = try TestSupport.defaultCompiled.get()
        let results = try ParallelCoding.map(stride(from: 0, to: units.count, by: 2000).map { Array(units[$0..<min($0 + 2000, units.count)]) },
                                             codebook: compiled) { coder, batch in
            try batch.map { unit in try coder.code(unit.text).map { (unit.id, $0) } }
        }
        var suggestions: [StoredSuggestion] = []
        for batch in results {
            for unit in batch {
                for (unitID, s) in unit {
                    for e in s.evidence { suggestions.append(StoredSuggestion(unitID: unitID, codeID: s.codeID, pattern: e.pattern, utf16Range: e.utf16Range)) }
                }
            }
        }
        try store.addCodebookVersion(name: compiled.codebook.name, source: TestSupport.defaultCodebookPath,
                                     yaml: try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8),
                                     codes: compiled.codebook.codes.map { StoredCode(id: $0.id, label: $0.label) },
                                     suggestions: suggestions, ifLatestIs: nil)
        // A third of the units decided by another coder, a tenth by the bench coder.
        var generator = SeededGenerator(seed: 20_240_501)
        var decisions: [NewDecision] = []
        let codes = compiled.codebook.codes.map(\.id)
        for unit in units {
            let roll = Int.random(in: 0..<30, using: &generator)
            if roll < 10 {
                decisions.append(NewDecision(unitID: unit.id, codeID: codes[roll % codes.count], action: roll < 5 ? .accept : .reject, coder: "anna"))
            }
            if roll < 3 { decisions.append(NewDecision(unitID: unit.id, codeID: nil, action: .done, coder: "bench")) }
        }
        try store.record(decisions)
        print("review bench project: \(units.count) units, \(suggestions.count) evidence rows, \(decisions.count) decisions → \(project)")
    }
}
