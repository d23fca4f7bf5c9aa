import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport

/// The expected values in Fixtures/significance.json come from statsmodels and scipy
/// (Fixtures/make_significance_fixtures.py), an implementation independent of ours.
struct SignificanceFixture: Decodable {
    struct Side: Decodable {
        let weights: [Double]
        let hits: [Bool]
    }
    struct TwoProportion: Decodable {
        let name: String
        let group: Side
        let rest: Side
        let p1: Double, n1: Double, p2: Double, n2: Double, z: Double, p: Double
    }
    struct Holm: Decodable {
        let p: [Double]
        let adjusted: [Double]
        let reject: [Bool]
    }
    struct Unit: Decodable {
        let attributes: [String: String]
        let weight: Double
        let codes: [Int]
    }
    struct Cell: Decodable {
        let variable: String
        let group: String
        let code: Int?
        let z: Double, p: Double, pHolm: Double
        let mark: String, markHolm: String
    }
    struct Table: Decodable {
        let variables: [String]
        let codeCount: Int
        let units: [Unit]
        let cells: [Cell]
    }
    let alpha: Double
    let twoProportion: [TwoProportion]
    let holm: [Holm]
    let table: Table

    static func load() throws -> SignificanceFixture {
        try JSONDecoder().decode(SignificanceFixture.self, from: Data(contentsOf: TestSupport.fixture("significance.json")))
    }
}

@Suite("Significance")
struct SignificanceTests {
    let fixture: SignificanceFixture
    static let tolerance = 1e-6

    init() throws { fixture = try SignificanceFixture.load() }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= Self.tolerance }

    @Test func normalDistribution() {
        #expect(Significance.normalCDF(0) == 0.5)
        #expect(abs(Significance.normalCDF(1.959963984540054) - 0.975) < 1e-12)
        #expect(abs(Significance.normalCDF(-1) - 0.15865525393145707) < 1e-12)
        #expect(abs(Significance.twoSidedPValue(z: -1.959963984540054) - 0.05) < 1e-12)
        #expect(Significance.twoSidedPValue(z: 0) == 1)
    }

    @Test func kishEffectiveSampleSize() {
        #expect(Significance.effectiveSampleSize(weights: [1, 1, 1, 1, 1]) == 5)
        // (2 + 1)² / (4 + 1) = 1.8
        #expect(abs(Significance.effectiveSampleSize(weights: [2, 1]) - 1.8) < 1e-12)
        // Scaling all weights does not change it.
        #expect(abs(Significance.effectiveSampleSize(weights: [6, 3]) - 1.8) < 1e-12)
        #expect(Significance.effectiveSampleSize(weights: []) == 0)
        #expect(Significance.effectiveSampleSize(weights: [0, 0]) == 0)
        for c in fixture.twoProportion {
            #expect(close(Significance.effectiveSampleSize(weights: c.group.weights), c.n1), "\(c.name)")
            #expect(close(Significance.effectiveSampleSize(weights: c.rest.weights), c.n2), "\(c.name)")
        }
    }

    @Test func twoProportionZTestsMatchStatsmodels() throws {
        for c in fixture.twoProportion {
            func proportion(_ side: SignificanceFixture.Side) -> Double {
                zip(side.weights, side.hits).reduce(0) { $0 + ($1.1 ? $1.0 : 0) } / side.weights.reduce(0, +)
            }
            let p1 = proportion(c.group), p2 = proportion(c.rest)
            #expect(close(p1, c.p1) && close(p2, c.p2), "\(c.name)")
            let test = try #require(Significance.twoProportionZTest(
                p1: p1, n1: Significance.effectiveSampleSize(weights: c.group.weights),
                p2: p2, n2: Significance.effectiveSampleSize(weights: c.rest.weights)))
            #expect(close(test.z, c.z), "\(c.name): z \(test.z), expected \(c.z)")
            #expect(close(test.p, c.p), "\(c.name): p \(test.p), expected \(c.p)")
        }
    }

    /// The same cases through a theme table: a variable with the group and one other group.
    @Test func themeTableCellsMatchStatsmodels() throws {
        for c in fixture.twoProportion {
            var units: [CodedUnit] = []
            for (side, value) in [(c.group, "groep"), (c.rest, "rest")] {
                for (i, (weight, hit)) in zip(side.weights, side.hits).enumerated() {
                    units.append(CodedUnit(id: "\(value)\(i)", values: ["v": value], weight: weight, codes: hit ? [0] : []))
                }
            }
            let table = ThemeTable(units: units, codeCount: 1, variables: ["v"])
            let significance = table.significance()
            let row = try #require(table.rows.firstIndex { $0.code == 0 })
            let group = try #require(table.columns.firstIndex { $0.group == "groep" })
            let rest = try #require(table.columns.firstIndex { $0.group == "rest" })
            let test = try #require(significance.cells[row][group])
            #expect(close(test.z, c.z) && close(test.p, c.p), "\(c.name): z \(test.z) p \(test.p)")
            // The other group is the mirror image; the Totaal column is not tested.
            let mirror = try #require(significance.cells[row][rest])
            #expect(close(mirror.z, -c.z) && close(mirror.p, c.p))
            #expect(significance.cells[row][0] == nil)
            #expect(close(table.columns[group].effectiveN, c.n1))
        }
    }

    @Test func holmMatchesStatsmodels() {
        for c in fixture.holm {
            let adjusted = Significance.holmAdjusted(c.p)
            #expect(adjusted.count == c.adjusted.count)
            for (a, b) in zip(adjusted, c.adjusted) { #expect(close(a, b), "\(c.p): \(adjusted) vs \(c.adjusted)") }
            #expect(adjusted.map { $0 <= fixture.alpha } == c.reject)
        }
        #expect(Significance.holmAdjusted([]) == [])
    }

    func fixtureTable() -> ThemeTable {
        let units = fixture.table.units.enumerated().map { i, u in
            CodedUnit(id: "u\(i)", values: u.attributes, weight: u.weight, codes: Set(u.codes))
        }
        return ThemeTable(units: units, codeCount: fixture.table.codeCount, variables: fixture.table.variables)
    }

    /// A whole weighted table with two variables: every test, Holm over all of them, and the
    /// marks with and without Holm.
    @Test(arguments: [false, true])
    func wholeTableMatchesStatsmodels(holm: Bool) throws {
        let table = fixtureTable()
        let significance = table.significance(alpha: fixture.alpha, holm: holm)
        #expect(significance.testCount == fixture.table.cells.count)
        var seen = 0
        for (r, row) in table.rows.enumerated() {
            for (c, column) in table.columns.enumerated() {
                let expected = fixture.table.cells.first { $0.variable == column.variable && $0.group == column.group && $0.code == row.code }
                guard let expected else {
                    // The Totaal column and code 3 (never occurs) have no test.
                    #expect(significance.cells[r][c] == nil, "\(column.group) \(String(describing: row.code))")
                    continue
                }
                seen += 1
                let cell = try #require(significance.cells[r][c], "\(column.group) \(String(describing: row.code))")
                #expect(close(cell.z, expected.z) && close(cell.p, expected.p))
                #expect(close(cell.adjustedP, holm ? expected.pHolm : expected.p))
                #expect((cell.direction?.rawValue ?? "") == (holm ? expected.markHolm : expected.mark),
                        "\(column.variable)=\(column.group), code \(String(describing: row.code))")
            }
        }
        #expect(seen == fixture.table.cells.count)
    }

    @Test func holmMarksFewerCellsThanUncorrected() {
        let table = fixtureTable()
        let marks = { (s: TableSignificance) in s.cells.joined().compactMap { $0?.direction }.count }
        let plain = marks(table.significance(holm: false))
        let holm = marks(table.significance(holm: true))
        #expect(holm > 0 && holm < plain)
        // A stricter alpha marks fewer.
        #expect(marks(table.significance(alpha: 0.001)) < plain)
    }

    @Test func noTestWithoutASecondGroupOrWithoutWeightOrVariance() {
        // One group only: nothing to compare with.
        let single = ThemeTable(units: [CodedUnit(id: "a", values: ["g": "x"], codes: [0]),
                                        CodedUnit(id: "b", values: ["g": "x"], codes: [])], codeCount: 1, variables: ["g"])
        #expect(single.significance().testCount == 0)
        // A group whose weights are all 0 has effective n 0.
        let zero = ThemeTable(units: [CodedUnit(id: "a", values: ["g": "x"], weight: 0, codes: [0]),
                                      CodedUnit(id: "b", values: ["g": "y"], codes: [0]),
                                      CodedUnit(id: "c", values: ["g": "y"], codes: [])], codeCount: 1, variables: ["g"])
        let tested = zero.significance().cells.joined().compactMap { $0 }
        #expect(tested.isEmpty)
        // Both groups at 0%: no variance, no test.
        #expect(Significance.twoProportionZTest(p1: 0, n1: 10, p2: 0, n2: 20) == nil)
        #expect(Significance.twoProportionZTest(p1: 1, n1: 10, p2: 1, n2: 20) == nil)
        #expect(Significance.twoProportionZTest(p1: 0.5, n1: 0, p2: 0.2, n2: 20) == nil)
    }
}
