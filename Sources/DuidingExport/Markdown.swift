/// Markdown that shows text as written: every character Markdown (or pandoc's HTML reader)
/// would interpret is escaped, so a label `<zelf>`, a group `*` or a name `_x_` reaches the
/// reader unchanged. The text itself is never altered.
public enum Markdown {
    /// Running text or a list item.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "^", "$", "@": out += "\\\(ch)"
            case "&": out += "&amp;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A table cell or heading: escaped, and on one line.
    public static func cell(_ text: String) -> String {
        escaped(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
