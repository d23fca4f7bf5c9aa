import DuidingCodebook
import DuidingExport
import DuidingInput
import DuidingText

/// Codes units on all cores; results in unit order.
func codeUnits(_ units: [Unit], with compiled: CompiledCodebook) throws -> [[Suggestion]] {
    let batches = stride(from: 0, to: units.count, by: 500).map { Array(units[$0..<min($0 + 500, units.count)]) }
    let progress = Progress(total: batches.count, what: "coding \(units.count) units")
    return try ParallelCoding.map(batches, codebook: compiled, progress: { progress.update($0) }) { coder, batch in
        try batch.map { try coder.code($0.text) }
    }.flatMap { $0 }
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
