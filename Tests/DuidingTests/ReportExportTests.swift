import Foundation
import Testing

/// The report exports (XLSX, Markdown, HTML, Word) through the built binary, compared with
/// golden files in Fixtures/golden. XLSX is compared by its sheet XML (the zip's timestamps
/// and document properties differ per run). After an intended change of the output, rerun
/// with DUIDING_UPDATE_GOLDEN=1 to rewrite the golden files, and review their diff.
@Suite("Report exports", .serialized)
struct ReportExportTests {
    static let answers = """
        id,geslacht,weight,text
        R1,man,1.5,Ik ben voorzichtiger geworden met wat ik zeg.
        R2,man,1,Ik mijd bepaalde straten en slaap slecht.
        R3,vrouw,0.5,"Mail me op jan@example.nl, ik ben er bang van."
        R4,vrouw,1,Ik heb behoefte aan een training over agressie.
        R5,vrouw,1,Geen effecten.
        R6,man,1,<script>alert('x')</script> Ik ben alerter geworden.

        """

    static let goldenFolder = TestSupport.packageRoot.appendingPathComponent("Tests/DuidingTests/Fixtures/golden")
    static let update = ProcessInfo.processInfo.environment["DUIDING_UPDATE_GOLDEN"] == "1"

    func export(_ format: String, in dir: TemporaryDirectory) throws -> String {
        try dir.write("answers.csv", Self.answers)
        let out = dir.path("report.\(format)")
        let r = try DuidingBinary.run(["export", "answers.csv", "--what", "report", "--by", "geslacht", "--weight", "weight",
                                       "--small-base", "3", "--min-base", "2", "--format", format, "--output", out,
                                       "--codebook", TestSupport.defaultCodebookPath], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    func compare(_ actual: String, golden name: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if Self.update {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; if intended, rerun with DUIDING_UPDATE_GOLDEN=1")
    }

    static func unzip(_ archive: String, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", archive, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(member) missing from \(archive)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "needs unzip (scripts/setup installs it)"))
    func xlsxSheetsMatchTheGoldenFiles() throws {
        let dir = try TemporaryDirectory()
        let path = try export("xlsx", in: dir)
        let tables = try Self.unzip(path, "xl/worksheets/sheet1.xml")
        let strings = try Self.unzip(path, "xl/sharedStrings.xml")
        // Percentages are numbers with a percent format, not text.
        #expect(tables.contains("<v>0.5</v>") || tables.contains("<v>0.4"))
        #expect(strings.contains("Totaal (n=6)"))
        #expect(strings.contains("jan@example.nl"))  // quotes sheet keeps the quote verbatim
        try compare(tables, golden: "report-sheet1.xml")
        try compare(try Self.unzip(path, "xl/worksheets/sheet2.xml"), golden: "report-sheet2.xml")
        try compare(strings, golden: "report-sharedStrings.xml")
        try compare(try Self.unzip(path, "xl/styles.xml"), golden: "report-styles.xml")
    }

    @Test func markdownMatchesTheGoldenFile() throws {
        let dir = try TemporaryDirectory()
        let text = try String(contentsOfFile: try export("md", in: dir), encoding: .utf8)
        #expect(text.contains("### Naar geslacht"))
        #expect(text.contains("persoonsgegevens"))
        try compare(text, golden: "report.md")
    }

    @Test func htmlIsSelfContainedEscapedAndMatchesTheGoldenFile() throws {
        let dir = try TemporaryDirectory()
        let html = try String(contentsOfFile: try export("html", in: dir), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        #expect(html.contains("<svg"))
        try compare(html, golden: "report.html")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "needs pandoc and unzip (scripts/setup installs them)"))
    func wordHasTheTablesAndQuotes() throws {
        let dir = try TemporaryDirectory()
        let document = try Self.unzip(try export("docx", in: dir), "word/document.xml")
        #expect(document.contains("<w:tbl>"))
        #expect(document.contains("Voorzichtigheid"))
        #expect(document.contains("Ik ben voorzichtiger geworden met wat ik zeg."))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs chromium (scripts/setup installs it)"))
    func htmlRendersInChromium() throws {
        let dir = try TemporaryDirectory()
        let html = try export("html", in: dir)
        let png = dir.path("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--window-size=1000,1400", "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))  // a PNG
        #expect(data.count > 20_000)  // a rendered page, not an empty canvas
    }
}
