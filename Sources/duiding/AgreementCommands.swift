import ArgumentParser
import DuidingAnalysis
import DuidingExport
import DuidingProject
import DuidingStore

enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, csv }

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

    @Argument(help: "The project file.")
    var project: String

    @Option(help: "text or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        let summary = try agreementSummary(ProjectStore.open(at: project, access: .read))
        try write(format == .csv ? csv(summary) : text(summary), to: output)
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

    @Argument(help: "The project file.")
    var project: String

    @Option(help: "text or csv.")
    var format: ReportFormat = .text

    @Option(help: "Examples of false positives and misses per code (text format).")
    var show = 5

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        let store = try ProjectStore.open(at: project, access: .read)
        let summary = try calibrationSummary(store)
        guard format == .text else { return try write(csv(summary), to: output) }
        var out = text(summary) + "\n"
        let calibration = try CalibrationData(store)
        for code in calibration.codebook.codes.map(\.id) {
            var patterns: [String: Int] = [:]
            var misses: [String] = []
            for unit in calibration.reviewed {
                guard let state = calibration.states[unit.id] else { continue }
                if state.suggested.contains(code) && !state.codes.contains(code) {
                    for p in Set(calibration.evidence[unit.id, default: []].filter { $0.codeID == code }.map(\.pattern)) {
                        patterns[p, default: 0] += 1
                    }
                } else if !state.suggested.contains(code) && state.codes.contains(code) {
                    misses.append("\(unit.id): \(unit.text.prefix(100))")
                }
            }
            guard !patterns.isEmpty || !misses.isEmpty else { continue }
            out += "\(code):\n"
            for (p, n) in patterns.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(show) {
                out += "    onterecht \(n)× door patroon `\(p)`\n"
            }
            for m in misses.prefix(show) { out += "    gemist \(m)\n" }
        }
        if let learning = try learningSummaries(store) {
            out += "\n" + learning.map { text($0) }.joined(separator: "\n")
        }
        try write(out, to: output)
    }
}

/// Cross-validated quality of pattern-only, learned-only and combined suggestions on the
/// decided units, per code, and the learning curve; nil with too few decisions.
func learningSummaries(_ store: ProjectStore) throws -> [ReportDocument.Summary]? {
    guard try !store.decisions().isEmpty, let learner = try ProjectLearner(store: store),
          let (report, curve) = try learner.evaluation() else { return nil }
    func f(_ x: Double) -> String { String(fixed: x, decimals: 2) }
    var rows = report.perCode.map { c in
        [c.codeID, String(c.decisions), f(c.pattern.precision), f(c.pattern.recall), f(c.pattern.f1),
         f(c.learned.f1), f(c.combined.precision), f(c.combined.recall), f(c.combined.f1), report.rules[c.codeID].description]
    }
    rows.append(["micro", String(report.perCode.map(\.decisions).reduce(0, +)),
                 f(report.microPattern.precision), f(report.microPattern.recall), f(report.microPattern.f1), f(report.microLearned.f1),
                 f(report.microCombined.precision), f(report.microCombined.recall), f(report.microCombined.f1), ""])
    let quality = ReportDocument.Summary(
        title: "Voorstellen getoetst op de beslissingen (5-voudige kruisvalidatie; regel per code)",
        header: ["code", "beslissingen", "patronen P", "patronen R", "patronen F1", "geleerd F1", "samen P", "samen R", "samen F1", "regel"],
        rows: rows)
    let learningCurve = ReportDocument.Summary(
        title: "Leercurve: F1 (micro) naar aantal beoordeelde eenheden",
        header: ["beoordeeld", "codes met model", "patronen F1", "geleerd F1", "samen F1"],
        rows: curve.map { [String($0.decisions), String($0.codesWithModel), f($0.report.microPattern.f1), f($0.report.microLearned.f1),
                           f($0.report.microCombined.f1)] },
        curve: ReportDocument.Curve(x: curve.map(\.decisions), lines: [
            ("patronen", curve.map(\.report.microPattern.f1)), ("geleerd", curve.map(\.report.microLearned.f1)),
            ("samen", curve.map(\.report.microCombined.f1)),
        ]))
    return [quality, learningCurve]
}

/// What calibration compares: suggestions and current state of every reviewed unit.
private struct CalibrationData {
    let codebook: CodebookVersion
    let states: [String: UnitState]
    let evidence: [String: [StoredSuggestion]]
    let reviewed: [StoredUnit]

    init(_ store: ProjectStore) throws {
        guard let codebook = try store.latestCodebook() else { throw ValidationError("the project has no codebook yet; run `duiding recode`") }
        self.codebook = codebook
        states = try store.states()
        evidence = try store.suggestions(version: codebook.id)
        reviewed = try store.units().filter { [states] in states[$0.id]?.reviewedBy.isEmpty == false }
    }
}

/// Precision, recall and F1 of the suggestions against the decisions, per code.
func calibrationSummary(_ store: ProjectStore) throws -> ReportDocument.Summary {
    let data = try CalibrationData(store)
    let index = Dictionary(uniqueKeysWithValues: data.codebook.codes.enumerated().map { ($1.id, $0) })
    let pairs = data.reviewed.map { unit -> (suggested: Set<Int>, human: Set<Int>) in
        let s = data.states[unit.id]
        return (Set((s?.suggested ?? []).compactMap { index[$0] }), Set((s?.codes ?? []).compactMap { index[$0] }))
    }
    let evaluation = Evaluation(pairs: pairs, codeCount: data.codebook.codes.count)
    let rows = evaluation.perCode.enumerated().map { c, s in
        [data.codebook.codes[c].id, String(fixed: s.precision, decimals: 4), String(fixed: s.recall, decimals: 4), String(fixed: s.f1, decimals: 4),
         String(s.truePositives), String(s.falsePositives), String(s.falseNegatives)]
    }
    return ReportDocument.Summary(title: "Suggesties tegen beslissingen (\(data.reviewed.count) beoordeelde eenheden)",
                                  header: ["code", "precision", "recall", "f1", "tp", "fp", "fn"], rows: rows)
}

/// Kappa (two coders) and alpha per code over the units at least two coders reviewed.
func agreementSummary(_ store: ProjectStore) throws -> ReportDocument.Summary {
    guard let codebook = try store.latestCodebook() else { throw ValidationError("the project has no codebook yet; run `duiding recode`") }
    let coders = Array(Set(try store.decisions().map(\.coder))).sorted()
    let perCoder = try coders.map { try store.states(coder: $0) }
    let shared = try store.units().map(\.id).filter { id in perCoder.filter { $0[id]?.reviewedBy.isEmpty == false }.count >= 2 }
    let rows = codebook.codes.map { code -> [String] in
        let matrix: [[Int?]] = shared.map { id in
            perCoder.map { states in
                guard let s = states[id], !s.reviewedBy.isEmpty else { return nil }
                return s.codes.contains(code.id) ? 1 : 0
            }
        }
        var kappa: Double?
        if coders.count == 2 {
            kappa = Agreement.cohensKappa(matrix.compactMap { row in
                guard let a = row[0], let b = row[1] else { return nil }
                return (a == 1, b == 1)
            })
        }
        let alpha = Agreement.krippendorffAlpha(matrix)
        return [code.id, String(coders.count), String(shared.count), kappa.map { String(fixed: $0, decimals: 4) } ?? "", alpha.map { String(fixed: $0, decimals: 4) } ?? ""]
    }
    return ReportDocument.Summary(title: "Overeenstemming tussen codeurs (\(coders.joined(separator: ", ")))",
                                  header: ["code", "coders", "n", "kappa", "alpha"], rows: rows)
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
