import DuidingText
import Foundation

/// A pattern someone typed, compiled exactly as it would be if it stood in the codebook: the
/// codebook's folding, language, negation rule and defaults (`fuzzy`, `gap`, `negatable`, also a
/// code's own), and with a code, that code's exclude patterns.
///
/// It is made by adding the pattern to the codebook's text (`CodebookEdit`) and reading that
/// text back, so what a try shows is what saving the same pattern would suggest.
public struct TrialCodebook: Sendable {
    /// Which code the pattern is for.
    public enum Target: Sendable, Hashable {
        /// No code: the pattern alone (with the codebook's defaults and negation).
        case none
        /// An existing code of the codebook.
        case code(String)
        /// A new code, added with the pattern as its only include.
        case newCode(id: String, label: String)

        /// The code id, or nil for `.none`.
        public var codeID: String? {
            switch self {
            case .none: nil
            case .code(let id): id
            case .newCode(let id, _): id
            }
        }
    }

    /// Something wrong with a try: the pattern (with its column, line 1 being the typed text) or
    /// the code.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let message: String
        /// Column in the typed pattern (from 1) when the pattern itself is wrong.
        public let column: Int?

        public init(_ message: String, column: Int? = nil) {
            self.message = message
            self.column = column
        }

        /// `1:COLUMN: message` for a bad pattern, as a codebook file's problems read.
        public var description: String { column.map { "1:\($0): \(message)" } ?? message }
    }

    public let pattern: String
    public let target: Target
    /// The codebook with the pattern added, and its text: what saving stores. Nil for `.none`.
    public let edited: CodebookEdit.Result?
    /// The pattern as the codebook reads it (with its options).
    public let compiledPattern: Pattern
    /// A codebook of one code: the pattern as its include, the code's excludes, the codebook's
    /// language and negation. Code 0 is the one to look at.
    public let compiled: CompiledCodebook

    /// Prepares `pattern` for `target` against the codebook text `yaml` (read as `file` in messages).
    public init(pattern: String, target: Target, yaml: String, file: String = "codebook") throws {
        let source: CodebookEdit.Source
        do { source = try CodebookEdit.Source(yaml, file: file) } catch let error as InvalidCodebook {
            throw Problem("the codebook itself has problems: \(error.description)")
        } catch let failure as CodebookEdit.Failure {
            throw Problem(failure.description)
        }
        try self.init(pattern: pattern, target: target, source: source)
    }

    /// Prepares `pattern` for `target` against a codebook text read before. With `readBack`
    /// (needed to save) the pattern is added to the text and the whole text read back; without,
    /// the pattern is read with the options the text gives it (the same result, tested, at a
    /// fraction of the cost) and `edited` is nil.
    public init(pattern: String, target: Target, source: CodebookEdit.Source, readBack: Bool = true) throws {
        let original = source.codebook
        let language = original.language
        if case .failure(let problem) = PatternSyntax.parse(pattern, gap: CodebookLoader.defaultGap,
                                                             normalize: { CodebookLoader.normalizedWord($0, language: language) }) {
            throw Problem("pattern `\(pattern)`: \(problem.message)", column: problem.column)
        }
        // A codebook file cannot hold these in a pattern as typed (and SQLite cuts text at U+0000).
        if let bad = pattern.firstIndex(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
            throw Problem("a pattern is one line of text without control characters", column: pattern.distance(from: pattern.startIndex, to: bad) + 1)
        }
        let edited: CodebookEdit.Result?
        let added: Pattern
        var excludes: [Pattern] = []
        if !readBack {
            var existing: String?
            switch target {
            case .code(let id):
                guard let code = original.codes.first(where: { $0.id == id }) else {
                    throw Problem("the codebook has no code `\(id)` (\(original.codes.map(\.id).joined(separator: ", ")))")
                }
                excludes = code.exclude
                existing = id
            case .newCode(let id, let label):
                try Self.checkNewCode(id: id, label: label, in: original)
            case .none:
                break
            }
            let options = source.patternOptions(forCode: existing)
            guard case .success(let elements) = PatternSyntax.parse(pattern, gap: options.gap,
                                                                   normalize: { CodebookLoader.normalizedWord($0, language: language) }) else {
                throw Problem("pattern `\(pattern)` could not be read")
            }
            added = Pattern(source: pattern, elements: elements, fuzzy: options.fuzzy, negatable: options.negatable)
            edited = nil
        } else {
            do {
                let result: CodebookEdit.Result
                switch target {
                case .code(let id):
                    guard let code = original.codes.first(where: { $0.id == id }) else {
                        throw Problem("the codebook has no code `\(id)` (\(original.codes.map(\.id).joined(separator: ", ")))")
                    }
                    excludes = code.exclude
                    result = try source.addingPattern(pattern, toCode: id)
                case .newCode(let id, let label):
                    try Self.checkNewCode(id: id, label: label, in: original)
                    result = try source.addingCode(id: id, label: label, pattern: pattern)
                case .none:
                    // A code of its own, only to read the pattern with the codebook's defaults.
                    var id = "try"
                    while original.codes.contains(where: { $0.id == id }) { id += "_" }
                    result = try source.addingCode(id: id, label: id, pattern: pattern)
                }
                let code = target.codeID.flatMap { id in result.codebook.codes.first { $0.id == id } } ?? result.codebook.codes.last
                guard let last = code?.include.last else { throw Problem("the pattern was not added") }
                added = last
                edited = result
            } catch let failure as CodebookEdit.Failure {
                throw Problem(failure.description)
            }
        }
        let one = Code(id: target.codeID ?? "try", label: target.codeID ?? "try", include: [added], exclude: excludes)
        do {
            compiled = try CompiledCodebook(Codebook(name: original.name, language: original.language, negation: original.negation, codes: [one]))
        } catch let error as CodebookNotUsable {
            throw Problem(error.description, column: 1)
        }
        self.pattern = pattern
        self.target = target
        self.edited = target == .none ? nil : edited
        self.compiledPattern = added
    }

    /// A new code's id and label must be usable (the same rules as in a codebook file).
    static func checkNewCode(id: String, label: String, in codebook: Codebook) throws {
        if id.isEmpty || !id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) {
            throw Problem("code id `\(id)` may only contain a–z, 0–9, `_` and `-`")
        }
        if codebook.codes.contains(where: { $0.id == id }) { throw Problem("code `\(id)` is already in the codebook; choose it instead of a new code") }
        if label.trimmingCharacters(in: .whitespaces).isEmpty { throw Problem("a new code needs a label") }
        if label.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.properties.generalCategory == .lineSeparator
                                                   || $0.properties.generalCategory == .paragraphSeparator || $0.value == 0x85 }) {
            throw Problem("a label is one line of text without control characters")
        }
        if codebook.codes.count >= CodebookLimits.codes { throw Problem("the codebook has \(codebook.codes.count) codes; Duiding takes at most \(CodebookLimits.codes)") }
    }
}
