import DuidingCodebook
import DuidingText

/// Rows of the `code` output: `id,code,evidence,pattern,start,end` for each (unit, code);
/// start and end are Unicode scalar offsets into the unit's text, end exclusive.
public enum CodeRows {
    public static let header = ["id", "code", "evidence", "pattern", "start", "end"]

    public static func append(id: String, text: UnsafeBufferPointer<UInt16>, suggestions: [Suggestion], to out: inout String) {
        for s in suggestions {
            guard let e = s.evidence.first else { continue }
            let evidence = String(decoding: UnsafeBufferPointer(rebasing: text[e.utf16Range]), as: UTF16.self)
            let start = scalarOffset(in: text, utf16: e.utf16Range.lowerBound)
            let end = start + scalarOffset(in: UnsafeBufferPointer(rebasing: text[e.utf16Range]), utf16: e.utf16Range.count)
            // Field by field, as `CSVWriter.appendRow` writes them, without an array per row.
            CSVWriter.append(id, to: &out)
            out += ","
            CSVWriter.append(s.codeID, to: &out)
            out += ","
            CSVWriter.append(evidence, to: &out)
            out += ","
            CSVWriter.append(e.pattern, to: &out)
            out += ",\(start),\(end)\n"
        }
    }
}
