import DuidingCodebook
import DuidingText
import Foundation

/// The tokenizer and matcher on arbitrary UTF-16 (byte pairs, little-endian; lone surrogates
/// included) with the default codebook: tokens joined give back the text, and every piece of
/// evidence lies within the text on token boundaries. Sentences of the same text (repaired
/// to valid Unicode, as a `String` is) lie within it, in order.
public func fuzzMatcher(_ data: Data) {
    var units = [UInt16](repeating: 0, count: data.count / 2)
    data.withUnsafeBytes { raw in
        for i in units.indices { units[i] = UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8 }
    }
    DefaultCoder.shared.with { coder, sentences in
        units.withUnsafeBufferPointer { checkCoding(coder, $0) }
        let text = String(decoding: units, as: UTF16.self)
        let document: Document
        do { document = try Document(text, tokenizer: coder.tokenizer) } catch { preconditionFailure("Document failed: \(error)") }
        checkTokens(document.tokens, count: document.utf16.count)
        let ranges: [Range<Int>]
        do { ranges = try sentences.sentences(of: document) } catch { preconditionFailure("sentence segmentation failed: \(error)") }
        var end = 0
        for r in ranges {
            precondition(r.lowerBound >= end && r.upperBound <= document.utf16.count && !r.isEmpty,
                         "sentence \(r) overlaps the previous one or leaves the text (\(document.utf16.count) code units)")
            end = r.upperBound
        }
    }
}

/// One coder with the built-in default codebook (`DefaultCodebook`), built on first use and
/// shared; coders are not thread-safe, so uses take turns.
final class DefaultCoder: @unchecked Sendable {
    static let shared = DefaultCoder()
    private let lock = NSLock()
    private var state: (Coder, SentenceSegmenter)?

    func with(_ body: (Coder, SentenceSegmenter) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if state == nil {
            do {
                let compiled = try CompiledCodebook(DefaultCodebook.codebook())
                state = (try Coder(compiled), try SentenceSegmenter(language: compiled.language))
            } catch {
                preconditionFailure("cannot load the default codebook \(DefaultCodebook.name): \(error)")
            }
        }
        guard let (coder, sentences) = state else { return }
        body(coder, sentences)
    }
}
