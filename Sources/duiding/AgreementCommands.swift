import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingProject
import DuidingStore
import DuidingText

enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, csv }

/// What agreement, calibration and reconcile take: a project, the units (`SelectionOptions`),
/// text or csv, and where to write.
struct QualityOptions: ParsableArguments {
    @Argument(help: "The project file.")
    var project: String

    @OptionGroup var selection: SelectionOptions

    @Option(help: "text or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    /// The project, read only, and the ids of the selected units (nil: all).
    func open() throws -> (store: ProjectStore, scope: Set<String>?) {
        let store = try ProjectStore.open(at: project, access: .read)
        return (store, try selection.scope(store)?.ids)
    }
}

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreement between coders per code: Cohen's kappa (two coders) and Krippendorff's alpha (any number).",
        discussion: """
        A coder's judgement of a unit is the suggestions overridden by that coder's decisions, for \
        every unit the coder reviewed. n counts units reviewed by at least two coders. CSV: \
        code,coders,n,kappa,alpha (kappa empty unless exactly two coders).
        """
    )

    @OptionGroup var options: QualityOptions

    func run() throws {
        let (store, scope) = try options.open()
        let agreement = try ProjectQuality.agreement(store, scope: scope)
        let summary = agreementSummary(agreement)
        if agreement.sharedUnits < ProjectQuality.meaningfulAgreement {
            printNote("note: only \(agreement.sharedUnits) units were reviewed by two coders or more; kappa and alpha mean little below \(ProjectQuality.meaningfulAgreement) (let coders review more of the same units)")
        }
        try write(options.format == .csv ? csv(summary) : text(summary), to: options.output)
    }
}

struct Calibration: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How well the codebook's suggestions match the human decisions: precision, recall and F1 per code.",
        discussion: """
        Compares the latest suggestions with the current state of every reviewed unit, and lists \
        the patterns behind the most frequent false positives and the units most often missed: \
        the codebook entries to fix. CSV: code,precision,recall,f1,tp,fp,fn.
        """
    )

    @OptionGroup var options: QualityOptions

    @Option(help: "Examples of false positives and misses per code (text format).")
    var show = 5

    func run() throws {
        let (store, scope) = try options.open()
        let calibration = try ProjectQuality.calibration(store, scope: scope)
        let summary = calibrationSummary(calibration)
        guard options.format == .text else { return try write(csv(summary), to: options.output) }
        var out = text(summary) + "\n"
        for code in calibration.codes {
            let patterns = calibration.misleadingPatterns[code] ?? [], misses = calibration.misses[code] ?? []
            guard !patterns.isEmpty || !misses.isEmpty else { continue }
            out += "\(code):\n"
            for p in patterns.prefix(show) { out += "    onterecht \(p.units)× door patroon `\(p.pattern)`\n" }
            for unit in misses.prefix(show) { out += "    gemist \(unit.id): \(unit.text.prefix(100))\n" }
        }
        if let learning = try learningSummaries(store) {
            out += "\n" + learning.map { text($0) }.joined(separator: "\n")
        }
        try write(out, to: options.output)
    }
}

/// How a quality summary is printed: for the command's own output (the documented CSV
/// columns, four decimals) or for the report's appendix (Dutch headers, two decimals with a
/// decimal comma).
enum SummaryStyle {
    case tool, report

    func number(_ x: Double) -> String {
        switch self {
        case .tool: String(fixed: x, decimals: 4)
        case .report: String(fixed: x, decimals: 2).replacingOccurrences(of: ".", with: ",")
        }
    }
}

/// Cross-validated quality of pattern-only, learned-only and combined suggestions on the
/// decided units, per code, and the learning curve; nil with too few decisions. In Dutch in
/// either style; `.tool` keeps a decimal point.
func learningSummaries(_ store: ProjectStore, style: SummaryStyle = .tool) throws -> [ReportDocument.Summary]? {
    guard try !store.decisions().isEmpty, let learner = try ProjectLearner(store: store),
          let (report, curve) = try learner.evaluation() else { return nil }
    func f(_ x: Double) -> String {
        let text = String(fixed: x, decimals: 2)
        return style == .report ? text.replacingOccurrences(of: ".", with: ",") : text
    }
    var rows = report.perCode.map { c in
        [c.codeID, String(c.decisions), f(c.pattern.precision), f(c.pattern.recall), f(c.pattern.f1),
         f(c.learned.f1), f(c.combined.precision), f(c.combined.recall), f(c.combined.f1), report.rules[c.codeID].description]
    }
    rows.append(["micro", String(report.perCode.map(\.decisions).reduce(0, +)),
                 f(report.microPattern.precision), f(report.microPattern.recall), f(report.microPattern.f1), f(report.microLearned.f1),
                 f(report.microCombined.precision), f(report.microCombined.recall), f(report.microCombined.f1), ""])
    // In the report the table must fit a page: short headers explained in a note, and no
    // column for the combination rule (a setting of the tool, not a result).
    let quality = style == .report
        ? ReportDocument.Summary(
            title: "Voorstellen getoetst op de beslissingen (5-voudige kruisvalidatie)",
            header: ["code", "n", "patr. P", "patr. R", "patr. F1", "model F1", "samen P", "samen R", "samen F1"],
            rows: rows.map { Array($0.dropLast()) },
            notes: ["n: beoordeelde antwoorden; patr.: alleen de patronen van het codeboek; model: alleen wat uit de beslissingen is geleerd; "
                    + "samen: patronen en model samen, zoals Duiding voorstelt. P: precisie, R: recall."])
        : ReportDocument.Summary(
            title: "Voorstellen getoetst op de beslissingen (5-voudige kruisvalidatie; regel per code)",
            header: ["code", "beslissingen", "patronen P", "patronen R", "patronen F1", "geleerd F1", "samen P", "samen R", "samen F1", "regel"],
            rows: rows)
    let learningCurve = ReportDocument.Summary(
        title: "Leercurve: F1 (micro) naar aantal beoordeelde antwoorden",
        header: ["beoordeeld", "codes met model", "patronen F1", "geleerd F1", "samen F1"],
        rows: curve.map { [String($0.decisions), String($0.codesWithModel), f($0.report.microPattern.f1), f($0.report.microLearned.f1),
                           f($0.report.microCombined.f1)] },
        curve: ReportDocument.Curve(x: curve.map(\.decisions), lines: [
            ("patronen", curve.map(\.report.microPattern.f1)), ("geleerd", curve.map(\.report.microLearned.f1)),
            ("samen", curve.map(\.report.microCombined.f1)),
        ]))
    return [quality, learningCurve]
}

/// Precision, recall and F1 of the suggestions against the decisions, per code.
func calibrationSummary(_ calibration: ProjectQuality.Calibration, style: SummaryStyle = .tool) -> ReportDocument.Summary {
    let rows = calibration.perCode.enumerated().map { c, s in
        [calibration.codes[c], style.number(s.precision), style.number(s.recall), style.number(s.f1),
         String(s.truePositives), String(s.falsePositives), String(s.falseNegatives)]
    }
    let header = style == .tool ? ["code", "precision", "recall", "f1", "tp", "fp", "fn"]
        : ["code", "precisie", "recall", "F1", "terecht voorgesteld", "onterecht voorgesteld", "gemist"]
    let notes = style == .tool ? [] : ["Precisie: aandeel van de voorgestelde codes dat na beoordeling bleef; recall: aandeel van de toegekende codes dat was voorgesteld; F1: hun harmonisch gemiddelde."]
    return ReportDocument.Summary(title: "Suggesties tegen beslissingen (\(calibration.reviewed) beoordeelde antwoorden)", header: header, rows: rows,
                                  notes: notes)
}

/// Kappa (two coders) and alpha per code over the units at least two coders reviewed.
func agreementSummary(_ agreement: ProjectQuality.CoderAgreement, style: SummaryStyle = .tool) -> ReportDocument.Summary {
    let rows = agreement.perCode.map { c in
        [c.code, String(agreement.coders.count), String(agreement.sharedUnits), c.kappa.map(style.number) ?? "", c.alpha.map(style.number) ?? ""]
    }
    let header = style == .tool ? ["code", "coders", "n", "kappa", "alpha"]
        : ["code", "codeurs", "antwoorden", "kappa (Cohen)", "alfa (Krippendorff)"]
    let notes = style == .tool ? [] : ["Over de antwoorden die ten minste twee codeurs beoordeelden; kappa alleen bij precies twee codeurs. 1 is volledige overeenstemming, 0 niet meer dan toeval."]
    return ReportDocument.Summary(title: "Overeenstemming tussen codeurs (\(agreement.coders.joined(separator: ", ")))", header: header, rows: rows,
                                  notes: notes)
}

private func csv(_ summary: ReportDocument.Summary) -> String {
    CSVWriter.row(summary.header) + summary.rows.map(CSVWriter.row).joined()
}

private func text(_ summary: ReportDocument.Summary) -> String {
    let lines = [summary.header] + summary.rows
    let widths = summary.header.indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
    return summary.title + "\n\n" + lines.map { line in
        line.enumerated().map { c, cell in cell.padding(to: widths[c]) }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
}

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List where coders disagree, per unit and code, for a lead to settle with `decide --final`.",
        discussion: """
        A coder's judgement is the suggestions overridden by that coder's decisions, on units the coder \
        reviewed; a unit counts when at least two coders reviewed it, and a code settled by a final \
        decision is left out. CSV: id,code, then one column per coder with +, - or empty (not reviewed).
        """
    )

    @OptionGroup var options: QualityOptions

    func run() throws {
        let (store, scope) = try options.open()
        let reconciliation = try Reconciliation(store, scope: scope)
        func mark(_ says: Bool?) -> String { says.map { $0 ? "+" : "-" } ?? "" }
        if options.format == .csv {
            // Ids and names come from the data and are protected from spreadsheets; a bare + or - runs nothing.
            var out = CSVWriter.spreadsheetRow(["id", "code"] + reconciliation.coders)
            for d in reconciliation.disagreements {
                out += CSVWriter.row([SpreadsheetFormula.protect(d.unitID), SpreadsheetFormula.protect(d.code)] + d.judgements.map(mark))
            }
            return try write(out, to: options.output)
        }
        var out = "\(reconciliation.disagreements.count) disagreements between \(reconciliation.coders.joined(separator: ", "))\n"
        for d in reconciliation.disagreements {
            out += "\(d.unitID)\t\(d.code)\t" + zip(reconciliation.coders, d.judgements).map { "\($0) \(mark($1).isEmpty ? "·" : mark($1))" }.joined(separator: "  ") + "\n"
        }
        if !reconciliation.disagreements.isEmpty {
            out += "settle one: duiding decide \(options.project) ID +code (or -code) --coder LEAD --final\n"
        }
        try write(out, to: options.output)
    }
}
