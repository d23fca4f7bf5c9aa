/// The QDA tool a `.qdpx` is written for, and how that tool counts positions in a text.
public enum QDATool: String, Sendable, CaseIterable {
    /// The REFI-QDA standard (ATLAS.ti, MAXQDA, NVivo): the texts exactly as stored, positions
    /// in Unicode code points (CR LF is two), group values on the cases.
    case standard
    /// QualCoder: it reads a text file with universal newlines (CR LF and CR become LF; a
    /// first CR LF makes it put a space after every line break) and paints positions as
    /// Qt's UTF-16 units; it reads group values only inside a source. So its texts get LF
    /// line breaks, its positions count UTF-16 units of that text, and each source carries
    /// its unit's values.
    case qualcoder

    /// The tool that wrote a project, from `<Project origin="…">` (QualCoder writes its version,
    /// "QualCoder 3.7").
    public static func writer(origin: String?) -> QDATool {
        origin?.lowercased().hasPrefix("qualcoder") == true ? .qualcoder : .standard
    }

    /// The text as the tool holds it.
    public func text(_ text: String) -> String {
        guard self == .qualcoder, text.unicodeScalars.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// The positions a tool counts in a text, for every Unicode scalar offset of the text as
/// Duiding stores it: the bridge between Duiding's passages and a tool's selections.
public struct ToolPositions: Sendable {
    /// `positions[i]`: the tool's position before the text's scalar `i` (the last: the end).
    private let positions: [Int]

    public init(_ text: String, tool: QDATool) {
        var positions: [Int] = []
        positions.reserveCapacity(text.unicodeScalars.count + 1)
        var position = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            if tool == .qualcoder && previousCR && scalar == "\n" {
                positions.append(position - 1)   // CR LF is one LF: the LF shares the CR's place
            } else {
                positions.append(position)
                position += tool == .standard ? 1 : scalar.utf16.count
            }
            previousCR = scalar == "\r"
        }
        positions.append(position)
        self.positions = positions
    }

    /// The tool's length of the text.
    public var end: Int { positions[positions.count - 1] }

    /// The tool's position of a scalar offset (clamped to the text).
    public func position(ofScalar offset: Int) -> Int { positions[min(max(offset, 0), positions.count - 1)] }

    /// The first scalar offset at or after the tool's `position` (a position inside a
    /// character moves to its end); nil past the end of the text.
    public func scalar(ofPosition position: Int) -> Int? {
        guard position >= 0, position <= end else { return nil }
        var low = 0, high = positions.count - 1
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < position { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
