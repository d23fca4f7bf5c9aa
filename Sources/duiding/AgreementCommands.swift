import ArgumentParser
import DuidingAnalysis
import DuidingExport
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
        let store = try ProjectStore.open(at: project)
        guard let codebook = try store.latestCodebook() else { throw ValidationError("\(project) has no codebook yet; run `duiding recode \(project)`") }
        let coders = Array(Set(try store.decisions().map(\.coder))).sorted()
        let perCoder = try coders.map { try store.states(coder: $0) }
        let units = try store.units().map(\.id)
        let shared = units.filter { id in perCoder.filter { $0[id]?.reviewedBy.isEmpty == false }.count >= 2 }
        var out = format == .csv ? CSVWriter.row(["code", "coders", "n", "kappa", "alpha"])
            : "Overeenstemming tussen \(coders.count) codeurs (\(coders.joined(separator: ", "))) op \(shared.count) eenheden\n\n"
        for code in codebook.codes {
            let matrix: [[Int?]] = shared.map { id in
                perCoder.map { states in
                    guard let s = states[id], !s.reviewedBy.isEmpty else { return nil }
                    return s.codes.contains(code.id) ? 1 : 0
                }
            }
            let alpha = Agreement.krippendorffAlpha(matrix)
            var kappa: Double?
            if coders.count == 2 {
                kappa = Agreement.cohensKappa(matrix.compactMap { row in
                    guard let a = row[0], let b = row[1] else { return nil }
                    return (a == 1, b == 1)
                })
            }
            let k = kappa.map { String(format4: $0) } ?? ""
            let a = alpha.map { String(format4: $0) } ?? ""
            if format == .csv {
                out += CSVWriter.row([code.id, String(coders.count), String(shared.count), k, a])
            } else {
                out += "\(code.id.padding(toLength: 16)) kappa \(k.isEmpty ? "–" : k)  alpha \(a.isEmpty ? "–" : a)\n"
            }
        }
        try write(out, to: output)
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
        let store = try ProjectStore.open(at: project)
        guard let codebook = try store.latestCodebook() else { throw ValidationError("\(project) has no codebook yet; run `duiding recode \(project)`") }
        let states = try store.states()
        let evidence = try store.suggestions(version: codebook.id)
        let reviewed = try store.units().filter { states[$0.id]?.reviewedBy.isEmpty == false }
        let index = Dictionary(uniqueKeysWithValues: codebook.codes.enumerated().map { ($1.id, $0) })
        let pairs = reviewed.map { unit -> (suggested: Set<Int>, human: Set<Int>) in
            let s = states[unit.id]
            return (Set((s?.suggested ?? []).compactMap { index[$0] }), Set((s?.codes ?? []).compactMap { index[$0] }))
        }
        let evaluation = Evaluation(pairs: pairs, codeCount: codebook.codes.count)
        var out: String
        if format == .csv {
            out = CSVWriter.row(["code", "precision", "recall", "f1", "tp", "fp", "fn"])
            for (c, s) in evaluation.perCode.enumerated() {
                out += CSVWriter.row([codebook.codes[c].id, String(format4: s.precision), String(format4: s.recall), String(format4: s.f1),
                                      String(s.truePositives), String(s.falsePositives), String(s.falseNegatives)])
            }
        } else {
            out = "Suggesties tegen beslissingen op \(reviewed.count) beoordeelde eenheden\n\n"
            for (c, s) in evaluation.perCode.enumerated() {
                let code = codebook.codes[c].id
                out += "\(code.padding(toLength: 16)) precision \(String(format4: s.precision))  recall \(String(format4: s.recall))  F1 \(String(format4: s.f1))  (tp \(s.truePositives), fp \(s.falsePositives), fn \(s.falseNegatives))\n"
                var patterns: [String: Int] = [:]
                var misses: [String] = []
                for unit in reviewed {
                    guard let st = states[unit.id] else { continue }
                    if st.suggested.contains(code) && !st.codes.contains(code) {
                        for p in Set(evidence[unit.id, default: []].filter { $0.codeID == code }.map(\.pattern)) { patterns[p, default: 0] += 1 }
                    } else if !st.suggested.contains(code) && st.codes.contains(code) {
                        misses.append("\(unit.id): \(unit.text.prefix(100))")
                    }
                }
                for (p, n) in patterns.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(show) {
                    out += "    onterecht \(n)× door patroon `\(p)`\n"
                }
                for m in misses.prefix(show) { out += "    gemist \(m)\n" }
            }
        }
        try write(out, to: output)
    }
}

extension String {
    init(format4 value: Double) {
        let scaled = Int((value * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % 10_000)
        self = "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }

    func padding(toLength length: Int) -> String { self + String(repeating: " ", count: max(0, length - count)) }
}
