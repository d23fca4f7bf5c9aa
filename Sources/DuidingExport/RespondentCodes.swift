import DuidingAnalysis
import DuidingCodebook

/// The codes as a matrix: one row per respondent, one 0/1 column per code and then per net
/// (1 when any of the net's codes applies), the layout survey tools and QDA users read.
public enum RespondentCodes {
    /// `id,CODE…,NET…` with the respondents' ids and 0/1 cells, codes and nets in codebook order.
    public static func csv(_ units: [CodedUnit], codebook: Codebook) -> String {
        let netCodes = codebook.tree.netCodes
        var out = CSVWriter.spreadsheetRow(["id"] + codebook.codes.map(\.id) + codebook.nets.map(\.id))
        for unit in units {
            let cells = codebook.codes.indices.map { unit.codes.contains($0) } + netCodes.map { !unit.codes.isDisjoint(with: $0) }
            out += CSVWriter.spreadsheetRow([unit.id] + cells.map { $0 ? "1" : "0" })
        }
        return out
    }
}
