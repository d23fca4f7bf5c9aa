import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport

@Suite("Co-occurrence")
struct CoOccurrenceTests {
    static let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [
        Code(id: "a", label: "Alfa", include: []),
        Code(id: "b", label: "Bravo", include: []),
        Code(id: "c", label: "Charlie", include: []),
    ])

    /// | unit | codes   |
    /// |------|---------|
    /// | u1   | a, b    |
    /// | u2   | a, b, c |
    /// | u3   | a       |
    /// | u4   | b       |
    /// | u5   | –       |
    static let units = [[0, 1], [0, 1, 2], [0], [1], []].enumerated().map { i, codes in
        CodedUnit(id: "u\(i + 1)", values: [:], weight: Double(i + 1), codes: Set(codes))
    }

    let matrix = CoOccurrence(units: CoOccurrenceTests.units, codeCount: 3)

    @Test func countsAreSymmetricWithCodeCountsOnTheDiagonal() {
        #expect(matrix.unitCount == 5)
        #expect(matrix.counts == [
            [3, 2, 1],
            [2, 3, 1],
            [1, 1, 1],
        ])
    }

    @Test func sharesOfAllUnitsAndOfTheFirstCode() {
        #expect(matrix.percentOfUnits(0, 1) == 40)
        #expect(matrix.percentOfUnits(2, 0) == 20)
        // Of the 3 units with a, 2 have b; of the 1 unit with c, 1 has a.
        #expect(abs(matrix.percentOfCodeA(0, 1) - 200.0 / 3) < 1e-12)
        #expect(matrix.percentOfCodeA(2, 0) == 100)
        #expect(matrix.percentOfCodeA(0, 0) == 100)
        // Weights do not count: shares are of units.
        let empty = CoOccurrence(units: [], codeCount: 2)
        #expect(empty.percentOfUnits(0, 1) == 0 && empty.percentOfCodeA(0, 1) == 0)
    }

    @Test func csv() {
        let csv = CoOccurrenceWriter(matrix: matrix, codebook: Self.codebook).csv()
        let rows = parseCSV(csv)
        #expect(rows.first == ["code_a", "code_b", "count", "percent_of_units", "percent_of_code_a"])
        #expect(rows.count == 1 + 9)
        #expect(rows.contains(["a", "b", "2", "40.0", "66.7"]))
        #expect(rows.contains(["c", "a", "1", "20.0", "100.0"]))
        #expect(rows.contains(["b", "b", "3", "60.0", "100.0"]))
    }

    @Test func markdownMatrix() {
        let md = CoOccurrenceWriter(matrix: matrix, codebook: Self.codebook).markdown()
        #expect(md.contains("| | a | b | c |"))
        #expect(md.contains("| Alfa | (3) | 2 (67%) | 1 (33%) |"), "\(md)")
        #expect(md.contains("| Charlie | 1 (100%) | 1 (100%) | (1) |"))
        #expect(md.contains("5 antwoorden in totaal"))
    }
}
