import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingProject
import DuidingStore

enum ScreenFormat: String, ExpressibleByArgument, CaseIterable { case text, csv }

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every answer with personal data: kind, exact span and a proposed redaction.",
        discussion: """
        Reads a project (read-only) or answer files; nothing is changed. Kinds: \
        \(PersonalDataKind.allCases.map(\.rawValue).joined(separator: ", ")). \
        Offsets are UTF-16 code units into the answer as stored. CSV columns: \
        id,kind,risk,reason,utf16_start,utf16_end,text,placeholder,redacted (one row per finding; \
        `redacted` is the whole answer with every finding replaced).
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Only these kinds, comma-separated (raw names or Dutch: naam, woonplaats, geboortedatum, kenteken, …).")
    var kinds: [String] = []

    @Option(help: "Leave out findings below this risk: laag (default; a place name on its own), middel or hoog.")
    var minRisk = "laag"

    @Option(help: "text or csv.")
    var format: ScreenFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func validate() throws {
        do { _ = try Screening.kinds(parsing: kinds) } catch { throw ValidationError("--kinds: \(error)") }
        if PersonalDataRisk(named: minRisk) == nil { throw ValidationError("--min-risk `\(minRisk)`: write laag, middel or hoog") }
    }

    func run() throws {
        let chosen = kinds.isEmpty ? Set(PersonalDataKind.allCases) : try Screening.kinds(parsing: kinds)
        let screening = Screening(kinds: chosen, minRisk: PersonalDataRisk(named: minRisk) ?? .low)
        let results: [ScreenedText], screened: Int
        if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
            let units = try Screening.units(ProjectStore.open(at: input.files[0], access: .read), selection: try selection.selection())
            units.compactMap(Screening.longAnswerNote).forEach(printNote)
            (results, screened) = (screening.screen(units), units.count)
        } else {
            let found = try screening.screen(files: input.files, columns: input.columns, interviewFields: input.interview.fields,
                                             selection: try selection.selection(), notes: printNote)
            (results, screened) = (found.results, found.screened)
        }
        try write(format == .csv ? ScreenReport.csv(results) : ScreenReport.text(results, screened: screened), to: output)
    }
}

/// The selected units as stored: of a project (opened read-only), or of answer files as a
/// project in memory.
func storedUnits(_ input: InputOptions, _ selection: SelectionOptions) throws -> [StoredUnit] {
    if input.files.count == 1, ProjectStore.isProject(input.files[0]) {
        return try Screening.units(ProjectStore.open(at: input.files[0], access: .read), selection: try selection.selection())
    }
    return try Screening.units(files: input.files, columns: input.columns, interviewFields: input.interview.fields,
                               selection: try selection.selection(), notes: printNote)
}
