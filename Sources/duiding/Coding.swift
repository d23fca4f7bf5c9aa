import DuidingCodebook
import DuidingExport
import DuidingInput
import DuidingProject
import DuidingStore
import DuidingText

/// Codes units on all cores; results in unit order.
func codeUnits(_ units: [Unit], with compiled: CompiledCodebook) throws -> [[Suggestion]] {
    let progress = Progress(total: (units.count + ParallelCoding.batchSize - 1) / ParallelCoding.batchSize, what: "coding \(units.count) units")
    return try ParallelCoding.code(units.map(\.text), with: compiled, progress: { progress.update($0) })
}

/// Rows of the `code` output: `id,code,evidence,pattern,start,end` for each (unit, code);
/// start and end are Unicode scalar offsets into the unit's text, end exclusive.
enum CodeRows {
    static let header = ["id", "code", "evidence", "pattern", "start", "end"]

    static func append(id: String, text: UnsafeBufferPointer<UInt16>, suggestions: [Suggestion], to out: inout String) {
        for s in suggestions {
            guard let e = s.evidence.first else { continue }
            let evidence = String(decoding: UnsafeBufferPointer(rebasing: text[e.utf16Range]), as: UTF16.self)
            let start = scalarOffset(in: text, utf16: e.utf16Range.lowerBound)
            let end = start + scalarOffset(in: UnsafeBufferPointer(rebasing: text[e.utf16Range]), utf16: e.utf16Range.count)
            CSVWriter.appendRow([id, s.codeID, evidence, e.pattern, String(start), String(end)], to: &out)
        }
    }
}
