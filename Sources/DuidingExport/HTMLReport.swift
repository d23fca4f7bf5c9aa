import Foundation
/// A self-contained HTML report (no scripts, no external files): theme tables with the
/// significance colours, an SVG bar chart per theme, the quotes chapter and summaries.
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
        out += "<h2>Thema's per groep</h2>\n"
        for table in report.tables {
            out += "<h3>\(escape(table.heading))</h3>\n<table>\n<thead><tr><th></th>"
            out += table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr><th scope=\"row\">\(escape(row.label))</th>"
                out += row.cells.map { "<td class=\"\($0.mark?.rawValue ?? "")\">\(escape($0.text))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += table.notes.map { "<p class=\"note\">\(escape($0))</p>\n" }.joined()
        }
        if !report.charts.isEmpty {
            out += "<h2>Per thema</h2>\n"
            for chart in report.charts { out += "<figure>\n<figcaption>\(escape(chart.theme))</figcaption>\n\(svg(chart.bars))</figure>\n" }
        }
        out += "<h2>Citaten per thema</h2>\n"
        for section in report.quotes {
            out += "<h3>\(escape(section.title))</h3>\n<p>\(escape(section.intro))</p>\n<ul class=\"quotes\">\n"
            for q in section.quotes {
                out += "<li>“\(escape(q.text))”" + (q.attribution.isEmpty ? "" : " <span class=\"who\">(\(escape(q.attribution)))</span>")
                if !q.personalData.isEmpty {
                    out += "<div class=\"flag\">Bevat mogelijk persoonsgegevens: \(escape(q.personalData.joined(separator: ", ")))"
                    if let r = q.redacted { out += "; voorstel: “\(escape(r))”" }
                    out += "</div>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<p class=\"note\">\(escape(report.quoteNote))</p>\n"
        for summary in report.summaries {
            out += "<h2>\(escape(summary.title))</h2>\n<table>\n<thead><tr>" + summary.header.map { "<th>\(escape($0))</th>" }.joined()
            out += "</tr></thead>\n<tbody>\n"
            for row in summary.rows { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
            out += "</tbody>\n</table>\n"
            if let curve = summary.curve { out += "<figure>\n\(svg(curve))</figure>\n" }
        }
        return out + "</body>\n</html>\n"
    }

    /// Horizontal bars, one per group, grouped by variable; red/blue where significant.
    static func svg(_ bars: [ReportDocument.Bar]) -> String {
        let rowHeight = 22, labelWidth = 230, barWidth = 360, top = 6
        let height = top + rowHeight * bars.count + 8
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" role=\"img\">\n"
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let width = Int((Double(barWidth) * min(max(bar.percent, 0), 100) / 100).rounded())
            let fill = bar.mark == .higher ? "#c00000" : bar.mark == .lower ? "#0070c0" : "#8c8c8c"
            let label = bar.variable.isEmpty ? bar.group : "\(bar.variable): \(bar.group)"
            out += "<text x=\"\(labelWidth - 6)\" y=\(quoted(y + 15)) text-anchor=\"end\">\(escape(label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\(quoted(y + 3)) width=\(quoted(width)) height=\"16\" fill=\"\(fill)\"/>"
            out += "<text x=\(quoted(labelWidth + width + 5)) y=\(quoted(y + 15))>\(Int(bar.percent.rounded()))%</text>\n"
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
        td.higher{color:#c00000;font-weight:600}td.lower{color:#0070c0;font-weight:600}\
        .note{font-size:.8rem;color:#555;margin:.2rem 0}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}\
        svg text{font-size:12px;fill:#333}ul.quotes li{margin:.4rem 0}.who{color:#555}\
        .flag{font-size:.8rem;color:#8a4b00;background:#fff4e0;padding:.1rem .4rem;margin-top:.2rem}
        """
}
