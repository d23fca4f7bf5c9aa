import ArgumentParser
import DuidingCodebook
import DuidingExchange
import Foundation

/// `duiding codebook import|export`: codebooks to and from other tools' formats; `show`
/// (CodebookShowCommand.swift): the built-in or a project's codebook; `try` and `stats`
/// (CodebookTryCommands.swift): patterns on a project.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show the built-in or a project's codebook, convert codebooks (REFI-QDA .qdc, LIWC .dic, quanteda YAML), try a pattern on a project, score a project's patterns.",
        subcommands: [CodebookShow.self, CodebookVersions.self, CodebookImport.self, CodebookExport.self, CodebookTry.self, CodebookStats.self]
    )
}

enum CodebookSourceFormat: String, ExpressibleByArgument, CaseIterable { case qdc, liwc, quanteda }

struct CodebookImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a .qdc, LIWC .dic or quanteda YAML dictionary and write a Duiding codebook.",
        discussion: "What Duiding cannot express is listed on standard error per code. Codes without patterns are kept (coded by hand)."
    )

    @Argument(help: "The codebook or dictionary to read.")
    var file: String

    @Option(help: "qdc, liwc or quanteda (default: from the extension: .qdc, .dic, .yml/.yaml).")
    var from: CodebookSourceFormat?

    @Option(name: .shortAndLong, help: "Write the Duiding codebook here instead of to standard output.")
    var output: String?

    func run() throws {
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        guard let format = from ?? ["qdc": .qdc, "dic": .liwc, "yml": .quanteda, "yaml": .quanteda][ext] else {
            throw ValidationError("\(file): unknown extension `.\(ext)`; say --from qdc|liwc|quanteda")
        }
        let imported: ExchangeImport
        switch format {
        case .qdc: imported = try REFICodebook.read(path: file)
        case .liwc: imported = try LIWCDictionary.read(path: file)
        case .quanteda: imported = try QuantedaDictionary.read(path: file)
        }
        _ = try imported.codebook.validated(file: output ?? "\(file) (converted)")
        for warning in imported.warnings { printNote("warning: \(warning)") }
        try write(imported.codebook.yaml(), to: output)
        if let output { printNote("\(imported.codebook.codes.count) codes written to \(output)") }
    }
}

enum CodebookTargetFormat: String, ExpressibleByArgument, CaseIterable { case qdc, yaml, liwc }

struct CodebookExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a Duiding codebook as a REFI-QDA .qdc, a quanteda YAML dictionary or a LIWC .dic.",
        discussion: "What the format cannot express is listed on standard error. In a .qdc the patterns are kept in each code's Description."
    )

    @Argument(help: "A Duiding codebook (YAML).")
    var file: String

    @Option(help: "qdc, yaml (quanteda dictionary) or liwc.")
    var format: CodebookTargetFormat

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        let codebook = ExchangeCodebook(try CodebookLoader.load(path: file))
        let result: ExchangeOutput
        switch format {
        case .qdc: result = REFICodebook.write(codebook)
        case .yaml: result = QuantedaDictionary.write(codebook)
        case .liwc: result = LIWCDictionary.write(codebook)
        }
        for warning in result.warnings { printNote("warning: \(warning)") }
        try write(result.text, to: output)
    }
}
