import Foundation
import Testing

/// `duiding explore` end to end: the thin command, its input and its messages for bad input.
@Suite("Command line: explore", .serialized)
struct ExploreCLITests {
    static let csv = """
        id,text,geslacht
        R1,Ik ben voorzichtiger geworden op sociale media.,vrouw
        R2,"Op sociale media ben ik stiller, ik post minder.",man
        R3,Het weer was mooi.,vrouw

        """

    func run(_ arguments: [String], files: [String: String] = ["a.csv": csv]) throws -> DuidingBinary.Run {
        let dir = try TemporaryDirectory()
        for (name, text) in files { try dir.write(name, text) }
        return try DuidingBinary.run(["explore"] + arguments + ["--codebook", TestSupport.defaultCodebookPath], in: dir.url)
    }

    @Test func frequencyAsCSV() throws {
        let r = try run(["a.csv", "--format", "csv", "--ngrams", "2"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(r.stdout)
        #expect(rows.first == ["feature", "frequency", "rank", "docfreq"])
        #expect(rows.dropFirst().first == ["sociale media", "2", "1", "2"])
    }

    @Test func kwicAndUncoded() throws {
        let kwic = try run(["a.csv", "--kwic", "sociale media", "--window", "2", "--format", "csv"])
        #expect(kwic.status == 0, "stderr: \(kwic.stderr)")
        #expect(parseCSV(kwic.stdout) == [["docname", "from", "to", "pre", "keyword", "post", "pattern"],
                                          ["R1", "6", "7", "geworden op", "sociale media", "", "sociale media"],
                                          ["R2", "2", "3", "Op", "sociale media", "ben ik", "sociale media"]])
        let uncoded = try run(["a.csv", "--uncoded", "--format", "csv"])
        #expect(uncoded.status == 0, "stderr: \(uncoded.stderr)")
        // R1 (voorzicht*) and R2 (post … minder) are coded caution; R3 is not.
        let features = Set(parseCSV(uncoded.stdout).dropFirst().map { $0[0] })
        #expect(features == ["weer", "mooi"])
        #expect(uncoded.stderr.contains("1 of 3 answers have no code"), "\(uncoded.stderr)")
    }

    @Test func keynessByGroup() throws {
        let r = try run(["a.csv", "--keyness", "--by", "geslacht=man", "--measure", "lr", "--format", "csv"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(r.stdout)
        #expect(rows.first == ["feature", "statistic", "p", "n_target", "n_reference"])
        let stiller = try #require(rows.first { $0.first == "stiller" })
        #expect(stiller[3] == "1" && stiller[4] == "0" && (Double(stiller[1]) ?? 0) > 0)
        let voorzichtiger = try #require(rows.first { $0.first == "voorzichtiger" })
        #expect(voorzichtiger[3] == "0" && voorzichtiger[4] == "1" && (Double(voorzichtiger[1]) ?? 0) < 0)
        #expect(rows.count == 1 + 9, "each of the 9 words that are not stop words: \(rows)")
    }

    @Test func anUnknownByVariableOrValueNamesWhatThereIs() throws {
        let variable = try run(["a.csv", "--keyness", "--by", "functie=raadslid"])
        #expect(variable.status != 0)
        #expect(variable.stderr.contains("there is no variable `functie`; the variables are: `geslacht`"), "\(variable.stderr)")
        let value = try run(["a.csv", "--keyness", "--by", "geslacht=x"])
        #expect(value.status != 0)
        #expect(value.stderr.contains("`geslacht` has no value `x`; its values are: `vrouw` (2), `man` (1)"), "\(value.stderr)")
        let missing = try run(["a.csv", "--keyness"])
        #expect(missing.status != 0 && missing.stderr.contains("--keyness needs a target group"))
    }

    @Test func aBadKwicPatternIsLocatedLikeACodebookProblem() throws {
        let r = try run(["a.csv", "--kwic", "vo*"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--kwic:1:1: pattern `vo*`: prefix `vo*` is too short"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func anEmptyFileOrOneWithOnlyAHeader() throws {
        let empty = try run(["leeg.csv"], files: ["leeg.csv": ""])
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("leeg.csv:1: the file is empty"), "\(empty.stderr)")
        let header = try run(["kop.csv"], files: ["kop.csv": "id,text\n"])
        #expect(header.status != 0)
        #expect(header.stderr.contains("kop.csv: there are no answers to explore"), "\(header.stderr)")
    }
}
