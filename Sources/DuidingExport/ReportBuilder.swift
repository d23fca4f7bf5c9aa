import DuidingAnalysis

extension ThemeTableWriter {
    /// The tables of the report, one per variable with the Totaal column first.
    public func reportTables() -> [ReportDocument.Table] {
        variables.map { variable in
            let indices = [0] + table.columns.indices.filter { table.columns[$0].variable == variable }
            let rows = table.rows.enumerated().map { r, row in
                ReportDocument.Row(label: label(row), level: row.depth, cells: indices.map { c in
                    ReportDocument.Cell(text: cell(r, c), percent: table.columns[c].baseN < minBase ? nil : row.percents[c],
                                        count: row.counts[c], mark: mark(r, c))
                }, isNet: row.net != nil)
            }
            return ReportDocument.Table(variable: variable, heading: heading(variable), header: indices.map { header(table.columns[$0]) },
                                        rows: rows, notes: notes(indices))
        }
    }

    /// One chart per code and net: the percentage of every group (Totaal first).
    public func reportCharts() -> [(theme: String, bars: [ReportDocument.Bar])] {
        table.rows.enumerated().compactMap { r, row in
            guard !row.isNone else { return nil }
            let bars = table.columns.enumerated().map { c, column in
                ReportDocument.Bar(variable: column.variable, group: column.group, percent: row.percents[c], mark: mark(r, c))
            }
            return (label(row), bars)
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
