import Foundation
import Testing

/// The report options of `duiding table` and `duiding quotes`, through the built binary.
@Suite("Command line: statistics and screening", .serialized)
struct StatisticsCLITests {
    @Test func tableCooccurrenceCSV() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", CLITests.csv())
        let run = try DuidingBinary.run(["table", input, "--codebook", TestSupport.defaultCodebookPath, "--cooccurrence",
                                         "--format", "csv"], in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        #expect(rows.first == ["code_a", "code_b", "count", "percent_of_units", "percent_of_code_a"])
        // R1 and R3 have caution: 2 of 5 units.
        #expect(rows.contains(["caution", "caution", "2", "40.0", "100.0"]))
        #expect(rows.contains(["caution", "training_need", "0", "0.0", "0.0"]))
    }

    @Test func tableRejectsBadStatisticsOptions() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", CLITests.csv())
        for extra in [["--by", "geslacht", "--alpha", "1.5"], ["--cooccurrence", "--by", "geslacht"], ["--by", "geslacht", "--min-base", "-1"]] {
            let run = try DuidingBinary.run(["table", input, "--codebook", TestSupport.defaultCodebookPath] + extra, in: dir.url)
            #expect(run.status != 0, "\(extra)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func tableMarkdownHasLegendAndSmallBaseMarks() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", CLITests.csv())
        let run = try DuidingBinary.run(["table", input, "--codebook", TestSupport.defaultCodebookPath, "--by", "geslacht",
                                         "--format", "md", "--holm", "--alpha", "0.1", "--small-base", "3", "--min-base", "2"],
                                        in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        // Totaal n=5 and man/vrouw n=2 are percentages, starred only below 3; (onbekend) n=1 is a count.
        #expect(run.stdout.contains("| Voorzichtigheid | 40% | 50%\\* | 50%\\* | 0 |"), "\(run.stdout)")
        #expect(run.stdout.contains("α = 0,1, met Holm-correctie"))
        #expect(run.stdout.contains("Blauw/▼"))
    }

    @Test func quotesCSVHasPersonalDataColumn() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("antwoorden.csv", """
        id,text
        R1,"Sinds de mail naar jan@example.nl ben ik voorzichtiger geworden, ook met bellen naar 06-12345678."
        R2,Ik ben sindsdien voorzichtiger geworden met wat ik zeg.
        """)
        let run = try DuidingBinary.run(["quotes", input, "--codebook", TestSupport.defaultCodebookPath, "--format", "csv"],
                                        in: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = parseCSV(run.stdout)
        #expect(rows.first == ["code", "id", "quote", "why", "personal_data", "attribution", "group_size", "coarser_attribution"])
        let r1 = try #require(rows.first { $0.count == 8 && $0[1] == "R1" })
        #expect(r1[4] == "email;phone")
        #expect(r1[2].contains("jan@example.nl"), "quotes stay verbatim")
        #expect(rows.first { $0.count == 8 && $0[1] == "R2" }?[4] == "")
        // The clean quote comes first.
        #expect(rows.dropFirst().first?[1] == "R2")
    }
}
