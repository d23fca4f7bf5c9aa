import DuidingAnalysis

/// `duiding evaluate`'s report: scores per code and pooled, uncoded answers that got a code,
/// and with `showErrors` up to that many wrongly coded examples per code. Markdown.
public enum GoldComparisonReport {
    public static func markdown(_ comparison: GoldComparison, showErrors: Int = 0) -> String {
        func f(_ x: Double) -> String { String(fixed: x, decimals: 2) }
        func row(_ name: String, _ s: Evaluation.Score) -> String {
            "| \(name) | \(f(s.precision)) | \(f(s.recall)) | \(f(s.f1)) | \(s.truePositives) | \(s.falsePositives) | \(s.falseNegatives) |\n"
        }
        let evaluation = comparison.evaluation
        var out = "# Codebook tegen handcodering\n\n"
        out += "Codebook: \(comparison.codebookName) — \(comparison.rows.count) antwoorden met `\(comparison.goldColumn)`.\n\n"
        out += "| code | precision | recall | F1 | tp | fp | fn |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for (c, s) in evaluation.perCode.enumerated() { out += row(comparison.codes[c], s) }
        out += row("**micro**", evaluation.micro) + "\n"
        out += "Eenheden zonder thema volgens de handcodering: \(evaluation.unitsWithoutCodes); daarvan kregen er \(evaluation.unitsWithoutCodesSuggested) toch een code"
        if evaluation.unitsWithoutCodes > 0 {
            out += " (\(f(Double(evaluation.unitsWithoutCodesSuggested) / Double(evaluation.unitsWithoutCodes))))"
        }
        out += ".\n"
        guard showErrors > 0 else { return out }
        for (c, code) in comparison.codes.enumerated() {
            let wrong = comparison.errors(code: c)
            guard !wrong.isEmpty else { continue }
            out += "\n## \(code): fouten\n\n"
            for (row, suggestedWrongly) in wrong.prefix(showErrors) {
                out += "- \(suggestedWrongly ? "onterecht" : "gemist") \(row.id): \(row.text.replacingOccurrences(of: "\n", with: " "))\n"
            }
        }
        return out
    }
}
