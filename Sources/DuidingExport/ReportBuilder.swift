import DuidingAnalysis

extension ThemeTableWriter {
    /// The tables of the report, one per variable with the Totaal column first.
    public func reportTables() -> [ReportDocument.Table] {
        variables.map { variable in
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            let rows = table.rows.enumerated().map { r, row in
                ReportDocument.Row(label: label(row), level: row.depth, cells: indices.map { c in
                    let baseN = table.columns[c].baseN
                    return ReportDocument.Cell(text: cell(r, c), percent: baseN < minBase ? nil : row.percents[c], count: row.counts[c],
                                               mark: mark(r, c), small: baseN < smallBase && baseN >= minBase)
                }, isNet: row.net != nil)
            }
            return ReportDocument.Table(variable: variable, heading: heading(variable),
                                        columns: indices.map { ReportDocument.Column(group: table.columns[$0].group, baseN: table.columns[$0].baseN) },
                                        rows: rows, notes: notes(indices))
        }
    }

    private func mark(_ r: Int, _ c: Int) -> ReportDocument.Mark? {
        switch direction(r, c) {
        case .higher: return .higher
        case .lower: return .lower
        case nil: return nil
        }
    }
}

extension QuoteWriter {
    /// The quotes chapter: themes most mentioned first, each with its introducing sentence.
    public func reportSections() -> [ReportDocument.QuoteSection] {
        order.map { code in
            ReportDocument.QuoteSection(
                codeID: codebook.codes[code].id, title: codebook.codes[code].label, intro: intro(code),
                quotes: quotes[code].map {
                    ReportDocument.QuoteItem(text: $0.text, attribution: $0.attribution, unitID: $0.unitID, why: $0.why,
                                             personalData: $0.personalDataKinds.map(\.label) + ($0.attributionRisk?.flagged == true ? ["kleine groep (\($0.attributionRisk?.note ?? ""))"] : []),
                                             redacted: $0.proposedRedaction)
                })
        }
    }
}
