import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport

@Suite("Theme table")
struct TableTests {
    /// Three codes; code 2 (`c`) never occurs.
    static let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [
        Code(id: "a", label: "Alfa", include: []),
        Code(id: "b", label: "Bravo", include: []),
        Code(id: "c", label: "Charlie", include: []),
    ])

    /// Hand-computed example:
    ///
    /// | unit | geslacht | weight | codes |
    /// |------|----------|--------|-------|
    /// | u1   | man      | 2      | a     |
    /// | u2   | man      | 1      | a, b  |
    /// | u3   | vrouw    | 1      | –     |
    /// | u4   | ""       | 1      | b     |
    /// | u5   | vrouw    | 3      | b     |
    /// | u6   | anders   | 1      | –     |
    /// | u7   | (none)   | 0.5    | a     |
    static let units = [
        CodedUnit(id: "u1", values: ["geslacht": "man"], weight: 2, codes: [0]),
        CodedUnit(id: "u2", values: ["geslacht": "man"], weight: 1, codes: [0, 1]),
        CodedUnit(id: "u3", values: ["geslacht": "vrouw"], weight: 1, codes: []),
        CodedUnit(id: "u4", values: ["geslacht": ""], weight: 1, codes: [1]),
        CodedUnit(id: "u5", values: ["geslacht": "vrouw"], weight: 3, codes: [1]),
        CodedUnit(id: "u6", values: ["geslacht": "anders"], weight: 1, codes: []),
        CodedUnit(id: "u7", values: [:], weight: 0.5, codes: [0]),
    ]

    let table = ThemeTable(units: TableTests.units, codeCount: 3, variables: ["geslacht"])

    func cell(_ code: Int?, _ group: String) throws -> (count: Int, percent: Double) {
        let column = try #require(table.columns.firstIndex { $0.group == group })
        let row = try #require(table.rows.first { $0.code == code })
        return (row.counts[column], row.percents[column])
    }

    @Test func columnsAndBaseN() {
        #expect(table.columns.map(\.group) == ["Totaal", "anders", "man", "vrouw", "(onbekend)"])
        #expect(table.columns.map(\.variable) == ["", "geslacht", "geslacht", "geslacht", "geslacht"])
        // Base n is unweighted.
        #expect(table.columns.map(\.baseN) == [7, 1, 2, 2, 2])
    }

    @Test func rowsByTotalThenNone() {
        // Totaal weights: a = 2+1+0.5 = 3.5, b = 1+1+3 = 5 of 9.5; c never; none = u3+u6 = 2.
        #expect(table.rows.map(\.code) == [1, 0, 2, nil])
    }

    @Test func weightedPercentagesAndCounts() throws {
        let total = 9.5
        #expect(try cell(1, "Totaal").count == 3)
        #expect(abs(try cell(1, "Totaal").percent - 100 * 5 / total) < 1e-9)
        #expect(try cell(0, "Totaal").count == 3)
        #expect(abs(try cell(0, "Totaal").percent - 100 * 3.5 / total) < 1e-9)
        #expect(try cell(nil, "Totaal").count == 2)
        #expect(abs(try cell(nil, "Totaal").percent - 100 * 2 / total) < 1e-9)

        #expect(try cell(0, "man") == (2, 100))
        #expect(try cell(1, "man").count == 1)
        #expect(abs(try cell(1, "man").percent - 100.0 / 3) < 1e-9)
        #expect(try cell(1, "vrouw") == (1, 75))
        #expect(try cell(nil, "vrouw") == (1, 25))
        // Empty and missing values are the unknown group: u4 (b, weight 1) and u7 (a, weight 0.5).
        #expect(try cell(1, "(onbekend)").count == 1)
        #expect(abs(try cell(1, "(onbekend)").percent - 100 / 1.5) < 1e-9)
        #expect(abs(try cell(0, "(onbekend)").percent - 100 * 0.5 / 1.5) < 1e-9)
    }

    @Test func codeWithoutHitsAndGroupWithoutHitsStillAppear() throws {
        let c = try #require(table.rows.first { $0.code == 2 })
        #expect(c.counts == [0, 0, 0, 0, 0])
        #expect(c.percents == [0, 0, 0, 0, 0])
        #expect(try cell(0, "anders") == (0, 0))
        #expect(try cell(1, "anders") == (0, 0))
        #expect(try cell(nil, "anders") == (1, 100))
    }

    @Test func groupsSortNumbersByValue() {
        let units = ["10", "9", "2", ""].map { CodedUnit(id: $0, values: ["ernst": $0], codes: []) }
        let table = ThemeTable(units: units, codeCount: 1, variables: ["ernst"])
        #expect(table.columns.map(\.group) == ["Totaal", "2", "9", "10", "(onbekend)"])
    }

    @Test func zeroWeightsGiveZeroNotNaN() {
        let units = [CodedUnit(id: "x", values: ["g": "a"], weight: 0, codes: [0])]
        let table = ThemeTable(units: units, codeCount: 1, variables: ["g"])
        #expect(table.rows.allSatisfy { $0.percents.allSatisfy { $0 == 0 } })
        #expect(table.rows.first?.counts == [1, 1])
    }

    @Test func csvOutput() throws {
        let csv = ThemeTableWriter(table: table, codebook: Self.codebook, weightColumn: "weight").csv()
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "variable,group,code,base_n,count,percent,significance,kind,net")
        #expect(lines.last == "")
        // 4 rows × 5 columns.
        #expect(lines.count == 1 + 20 + 1)
        #expect(lines[1] == ",Totaal,b,7,3,52.6,,code,")
        #expect(lines.contains("geslacht,man,b,2,1,33.3,,code,"))
        #expect(lines.contains("geslacht,vrouw,b,2,1,75.0,,code,"))
        #expect(lines.contains("geslacht,man,a,2,2,100.0,,code,"))
        #expect(lines.contains("geslacht,anders,c,1,0,0.0,,code,"))
        #expect(lines.contains("geslacht,(onbekend),a,2,1,33.3,,code,"))
        #expect(lines.contains(",Totaal,geen,7,2,21.1,,none,"))
        #expect(lines.contains("geslacht,anders,geen,1,1,100.0,,none,"))
    }

    @Test func csvQuotesGroupsWithCommas() {
        let units = [CodedUnit(id: "x", values: ["functie": "lid, dagelijks bestuur"], codes: [0])]
        let table = ThemeTable(units: units, codeCount: 1, variables: ["functie"])
        let csv = ThemeTableWriter(table: table, codebook: Self.codebook).csv()
        #expect(csv.contains("functie,\"lid, dagelijks bestuur\",a,1,1,100.0,,code,\n"))
    }

    @Test func markdownHasTotaalFirstAndNotes() {
        let md = ThemeTableWriter(table: table, codebook: Self.codebook, title: "Effecten", weightColumn: "weight",
                                  smallBase: 0, minBase: 0).markdown()
        #expect(md.contains("## Effecten"))
        #expect(md.contains("| | Totaal (n=7) | anders (n=1) | man (n=2) | vrouw (n=2) | (onbekend) (n=2) |"))
        #expect(md.contains("| Bravo | 53% | 0% | 33% | 75% | 67% |"))
        #expect(md.contains("| Geen van deze thema's | 21% | 100% | 0% | 25% | 0% |"))
        #expect(md.contains("Gewogen percentages"))
        #expect(!md.contains("indicatief") && !md.contains("ongewogen aantal in plaats"))
        #expect(!md.contains("▲") && !md.contains("significant"), "no marks or legend without significance")
    }

    /// 100 men, 60 with code a; 100 women, 20 with code a; code b never occurs.
    static let contrast: ThemeTable = {
        var units: [CodedUnit] = []
        for i in 0..<100 { units.append(CodedUnit(id: "m\(i)", values: ["geslacht": "man"], codes: i < 60 ? [0] : [])) }
        for i in 0..<100 { units.append(CodedUnit(id: "v\(i)", values: ["geslacht": "vrouw"], codes: i < 20 ? [0] : [])) }
        return ThemeTable(units: units, codeCount: 2, variables: ["geslacht"])
    }()

    @Test func csvCarriesSignificance() {
        let table = Self.contrast
        let csv = ThemeTableWriter(table: table, codebook: Self.codebook, significance: table.significance()).csv()
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "variable,group,code,base_n,count,percent,significance,kind,net")
        #expect(lines.contains("geslacht,man,a,100,60,60.0,higher,code,"))
        #expect(lines.contains("geslacht,vrouw,a,100,20,20.0,lower,code,"))
        #expect(lines.contains("geslacht,man,geen,100,40,40.0,lower,none,"))
        #expect(lines.contains("geslacht,vrouw,geen,100,80,80.0,higher,none,"))
        // The Totaal column and a code that never occurs get no test.
        #expect(lines.contains(",Totaal,a,200,80,40.0,,code,"))
        #expect(lines.contains("geslacht,man,b,100,0,0.0,,code,"))
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 9 })
    }

    @Test func markdownMarksSignificantCellsWithLegend() {
        let table = Self.contrast
        let md = ThemeTableWriter(table: table, codebook: Self.codebook, significance: table.significance()).markdown()
        #expect(md.contains("| Alfa | 40% | 60%▲ | 20%▼ |"), "\(md)")
        #expect(md.contains("| Bravo | 0% | 0% | 0% |"))
        #expect(md.contains(ThemeTableWriter.significanceLegend))
        #expect(md.contains("α = 0,05, zonder correctie voor meervoudig toetsen."))
        let holm = ThemeTableWriter(table: table, codebook: Self.codebook,
                                    significance: table.significance(alpha: 0.01, holm: true)).text()
        #expect(holm.contains("60%▲") && holm.contains("20%▼"))
        #expect(holm.contains("α = 0,01, met Holm-correctie over alle 4 toetsen"), "\(holm)")
    }

    @Test func smallBasesAreMarkedOrCounted() throws {
        // Groups of 5, 20 and 60 units; 2, 10 and 30 of them with code a.
        var units: [CodedUnit] = []
        for (group, size, hits) in [("klein", 5, 2), ("midden", 20, 10), ("groot", 60, 30)] {
            for i in 0..<size { units.append(CodedUnit(id: "\(group)\(i)", values: ["g": group], codes: i < hits ? [0] : [])) }
        }
        let table = ThemeTable(units: units, codeCount: 1, variables: ["g"])
        let writer = ThemeTableWriter(table: table, codebook: Self.codebook)
        let md = writer.markdown()
        // Columns: Totaal (85), groot (60), klein (5), midden (20).
        #expect(md.contains("| Alfa | 49% | 50% | 2 | 50%\\* |"), "\(md)")
        #expect(md.contains("\\* Door het relatief kleine aantal waarnemingen is deze uitkomst indicatief."))
        #expect(md.contains("Bij minder dan 10 waarnemingen staat het ongewogen aantal in plaats van een percentage."))
        let text = writer.text()
        #expect(text.contains(ThemeTableWriter.smallBaseNote))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Alfa") })
        #expect(line.split(separator: " ").map(String.init) == ["Alfa", "49%", "50%", "2", "50%*"])
        // Other thresholds: nothing small.
        let relaxed = ThemeTableWriter(table: table, codebook: Self.codebook, smallBase: 5, minBase: 1).markdown()
        #expect(relaxed.contains("| Alfa | 49% | 50% | 40% | 50% |"))
        #expect(!relaxed.contains("indicatief") && !relaxed.contains("in plaats van een percentage"))
        // CSV keeps both numbers whatever the base.
        #expect(writer.csv().contains("g,klein,a,5,2,40.0,,code,\n"))
    }
}

@Suite("Evaluation and CSV writing")
struct EvaluationTests {
    @Test func scoresPerCodeAndPooled() {
        // Code 0: tp 2, fp 1, fn 1. Code 1: tp 0, fp 0, fn 2.
        let pairs: [(suggested: Set<Int>, human: Set<Int>)] = [
            ([0], [0]), ([0], [0, 1]), ([0], []), ([], [0]), ([], [1]), ([], []),
        ]
        let evaluation = Evaluation(pairs: pairs, codeCount: 2)
        let c0 = evaluation.perCode[0]
        #expect((c0.truePositives, c0.falsePositives, c0.falseNegatives) == (2, 1, 1))
        #expect(abs(c0.precision - 2.0 / 3) < 1e-12 && abs(c0.recall - 2.0 / 3) < 1e-12 && abs(c0.f1 - 2.0 / 3) < 1e-12)
        let c1 = evaluation.perCode[1]
        #expect((c1.truePositives, c1.falsePositives, c1.falseNegatives) == (0, 0, 2))
        #expect(c1.precision == 0 && c1.recall == 0 && c1.f1 == 0)
        #expect((evaluation.micro.truePositives, evaluation.micro.falsePositives, evaluation.micro.falseNegatives) == (2, 1, 3))
        #expect(evaluation.unitsWithoutCodes == 2)
        #expect(evaluation.unitsWithoutCodesSuggested == 1)
    }

    @Test func csvFieldsAreQuotedWhenNeeded() {
        #expect(CSVWriter.row(["a", "b,c", "zei \"ja\"", "regel\nregel", "x\ry", ""]) ==
            "a,\"b,c\",\"zei \"\"ja\"\"\",\"regel\nregel\",\"x\ry\",\n")
        let tricky = ["", "a,b", "\"", "\"\"", "een\ntwee", "👍🏽, één"]
        #expect(parseCSV(CSVWriter.row(tricky)) == [tricky])
    }
}
