import Foundation
/// A self-contained HTML report (no scripts, no external files): per question its theme tables
/// with the significance colours, an SVG bar chart per table, the quotes, then the appendix.
public enum HTMLReport {
    public static func render(_ report: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(report.title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <h1>\(escape(report.title))</h1>

            """
        for section in report.sections {
            out += "<section>\n<h2>\(escape(section.heading))</h2>\n"
            if !section.questionText.isEmpty { out += "<p class=\"question\">Vraag: “\(escape(section.questionText))”</p>\n" }
            out += "<p class=\"base\">\(escape(section.base))</p>\n"
            for table in section.tables {
                out += "<h3>\(escape(table.heading))</h3>\n<table>\n<thead><tr><th></th>"
                out += table.columns.map { "<th>\(escape($0.header))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    let classes = (row.level > 0 ? ["level\(min(row.level, 3))"] : []) + (row.isNet ? ["net"] : [])
                    out += "<tr><th scope=\"row\"" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + ">\(escape(row.label))</th>"
                    out += row.cells.map { "<td class=\"\($0.mark?.rawValue ?? "")\">\(escape($0.text))</td>" }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
                out += table.notes.map { "<p class=\"note\">\(escape($0))</p>\n" }.joined()
                out += "<figure>\n<figcaption>\(escape(table.heading))</figcaption>\n\(svg(table))</figure>\n"
            }
            if !section.quotes.isEmpty {
                out += "<h3>Citaten</h3>\n"
                for theme in section.quotes { out += quotes(theme) }
                out += "<p class=\"note\">\(escape(report.quoteNote))</p>\n"
            }
            out += "</section>\n"
        }
        if !report.appendix.isEmpty { out += "<h1>\(escape(ReportDocument.appendixTitle))</h1>\n" }
        for summary in report.appendix {
            out += "<h2>\(escape(summary.title))</h2>\n<table>\n<thead><tr>" + summary.header.map { "<th>\(escape($0))</th>" }.joined()
            out += "</tr></thead>\n<tbody>\n"
            for row in summary.rows { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
            out += "</tbody>\n</table>\n" + summary.notes.map { "<p class=\"note\">\(escape($0))</p>\n" }.joined()
            if let curve = summary.curve { out += "<figure>\n\(svg(curve))</figure>\n" }
        }
        return out + "</body>\n</html>\n"
    }

    private static func quotes(_ theme: ReportDocument.QuoteSection) -> String {
        var out = "<h4>\(escape(theme.title))</h4>\n<p>\(escape(theme.intro))</p>\n<ul class=\"quotes\">\n"
        for q in theme.quotes {
            out += "<li>“\(escape(q.text))”" + (q.attribution.isEmpty ? "" : " <span class=\"who\">(\(escape(q.attribution)))</span>")
            if !q.personalData.isEmpty {
                out += "<div class=\"flag\">Bevat mogelijk persoonsgegevens: \(escape(q.personalData.joined(separator: ", ")))"
                if let r = q.redacted { out += "; voorstel: “\(escape(r))”" }
                out += "</div>"
            }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    /// The chart of one table: per theme a bar per column (Totaal, then the groups), by the
    /// table's rules — a bar and a percentage only where the table prints one (below the
    /// minimum base the count of the base: "2 van 4"), `*` on a small base, ▲/▼ and red/blue
    /// where significant.
    static func svg(_ table: ReportDocument.Table) -> String {
        let rowHeight = 20, labelWidth = 230, barWidth = 340, top = 4
        let lines = table.rows.count * (table.columns.count + 1)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 90)\" height=\"\(top + rowHeight * lines + 6)\" role=\"img\">\n"
        var y = top
        for row in table.rows {
            out += "<text x=\"0\" y=\(quoted(y + 15)) font-weight=\"600\">\(escape(row.label))</text>\n"
            y += rowHeight
            for (column, cell) in zip(table.columns, row.cells) {
                out += "<text x=\"\(labelWidth - 6)\" y=\(quoted(y + 14)) text-anchor=\"end\">\(escape(column.group))</text>"
                if let percent = cell.percent {
                    let width = Int((Double(barWidth) * min(max(percent, 0), 100) / 100).rounded())
                    let fill = cell.mark == .higher ? "#c00000" : cell.mark == .lower ? "#0070c0" : "#8c8c8c"
                    out += "<rect x=\"\(labelWidth)\" y=\(quoted(y + 3)) width=\(quoted(width)) height=\"14\" fill=\"\(fill)\"/>"
                    out += "<text x=\(quoted(labelWidth + width + 5)) y=\(quoted(y + 14))>\(escape(cell.text))</text>\n"
                } else {
                    out += "<text x=\"\(labelWidth + 5)\" y=\(quoted(y + 14)) class=\"count\">\(cell.count) van \(column.baseN)</text>\n"
                }
                y += rowHeight
            }
        }
        return out + "</svg>\n"
    }

    /// A small line chart: values 0–1 (e.g. F1) against counts on a logarithmic axis, as an
    /// SVG element (the report's learning curve; the review page draws the same chart).
    public static func svg(_ curve: ReportDocument.Curve) -> String {
        let width = 480, height = 220, left = 40, bottom = 30, top = 10, right = 120
        let plotW = width - left - right, plotH = height - top - bottom
        let xs = curve.x.map { log(Double(max($0, 1))) }
        let lo = xs.min() ?? 0, hi = max(xs.max() ?? 1, lo + 1e-9)
        func px(_ i: Int) -> Int { left + Int((Double(plotW) * (xs[i] - lo) / (hi - lo)).rounded()) }
        func py(_ v: Double) -> Int { top + plotH - Int((Double(plotH) * min(max(v, 0), 1)).rounded()) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\">\n"
        out += "<line x1=\(quoted(left)) y1=\(quoted(top + plotH)) x2=\(quoted(left + plotW)) y2=\(quoted(top + plotH)) stroke=\"#999\"/>"
        out += "<line x1=\(quoted(left)) y1=\(quoted(top)) x2=\(quoted(left)) y2=\(quoted(top + plotH)) stroke=\"#999\"/>\n"
        for v in [0.0, 0.5, 1.0] {
            out += "<text x=\(quoted(left - 4)) y=\(quoted(py(v) + 4)) text-anchor=\"end\">\(String(fixed: v, decimals: 1))</text>"
        }
        for (i, x) in curve.x.enumerated() {
            out += "<text x=\(quoted(px(i))) y=\(quoted(top + plotH + 16)) text-anchor=\"middle\">\(x)</text>"
        }
        let colours = ["#8c8c8c", "#0070c0", "#c00000", "#2e7d32"]
        for (k, line) in curve.lines.enumerated() where line.values.count == curve.x.count {
            let points = line.values.indices.map { "\(px($0)),\(py(line.values[$0]))" }.joined(separator: " ")
            let colour = colours[k % colours.count]
            out += "\n<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            out += "<text x=\(quoted(left + plotW + 8)) y=\(quoted(top + 14 + 16 * k)) fill=\"\(colour)\">\(escape(line.name))</text>"
        }
        return out + "\n</svg>\n"
    }

    private static func quoted(_ n: Int) -> String { "\"\(n)\"" }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
        body{font-family:"Segoe UI",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\
        h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}\
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3}\
        td{text-align:right}thead th{text-align:right;font-weight:600}tbody th{text-align:left;font-weight:normal}\
        td.higher{color:#c00000;font-weight:600}td.lower{color:#0070c0;font-weight:600}th.level1{padding-left:1.6rem}th.level2{padding-left:3.2rem}th.level3{padding-left:4.8rem}th.net{font-weight:700}\
        .note{font-size:.8rem;color:#555;margin:.2rem 0}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}\
        svg text{font-size:12px;fill:#333}svg text.count{font-style:italic}.question{font-style:italic}ul.quotes li{margin:.4rem 0}.who{color:#555}\
        .flag{font-size:.8rem;color:#8a4b00;background:#fff4e0;padding:.1rem .4rem;margin-top:.2rem}
        """
}
