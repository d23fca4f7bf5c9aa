import DuidingCodebook
import DuidingStore

/// Machine suggestions in the store's form: what `recode`, `import` and the review page's
/// codebook panel store for a codebook version.
public enum ProjectCoding {
    /// One stored suggestion per piece of evidence, unit by unit.
    public static func storedSuggestions(_ ids: [String], _ suggestions: [[Suggestion]]) -> [StoredSuggestion] {
        zip(ids, suggestions).flatMap { id, list in
            list.flatMap { s in s.evidence.map { StoredSuggestion(unitID: id, codeID: s.codeID, pattern: $0.pattern, utf16Range: $0.utf16Range) } }
        }
    }

    /// Units a project's coding reads at a time: few enough to keep memory flat however many
    /// units there are (two batches are held: one coded, one stored), many enough that each
    /// batch's work is large against handing it over. The coders are kept from batch to batch
    /// (`CoderPool`).
    public static let unitsPerRead = 200 * ParallelCoding.batchSize

    /// Codes each batch of units that `ProjectStore.addCodebookVersion(…coding:)` reads, on
    /// all cores with `compiled`. `inspect` sees every unit's suggestions as they are made;
    /// `progress` gets the coding batches (`ParallelCoding.batchSize` units) done so far.
    public static func batches(with compiled: CompiledCodebook, progress: ProjectImport.Progress?,
                               inspect: @escaping (_ unit: String, _ suggestions: [Suggestion]) -> Void = { _, _ in }) -> ProjectStore.BatchCoding {
        var batchesDone = 0
        // The same coders for every batch, made with the first.
        var pool: CoderPool?
        return { (units: [(id: String, text: String)]) throws -> [StoredSuggestion] in
            let before = batchesDone
            let report: ProjectImport.Progress = { done in progress?(before + done) }
            let coders = try pool ?? CoderPool(compiled)
            pool = coders
            let suggestions = try ParallelCoding.code(units.map(\.text), with: coders, progress: report)
            batchesDone += (units.count + ParallelCoding.batchSize - 1) / ParallelCoding.batchSize
            for (unit, list) in zip(units, suggestions) { inspect(unit.id, list) }
            return storedSuggestions(units.map(\.id), suggestions)
        }
    }

    /// The codes of a codebook as a version stores them.
    public static func storedCodes(_ codebook: Codebook) -> [StoredCode] {
        codebook.codes.map { StoredCode(id: $0.id, label: $0.label) }
    }

    /// A codebook version compiled once: its default codebook and each question's own.
    public struct CompiledVersion: Sendable {
        let codebooks: VersionCodebooks
        /// Per question with a codebook of its own (nil: the default), the compiled codebook.
        let compiled: [String?: CompiledCodebook]

        public init(_ codebooks: VersionCodebooks) throws {
            self.codebooks = codebooks
            var compiled: [String?: CompiledCodebook] = [:]
            for codebook in [codebooks.standard] + codebooks.own.values {
                compiled[codebook.question] = try CompiledCodebook(CodebookLoader.parse(
                    codebook.yaml, file: "codebook version \(codebook.id)" + (codebook.question.map { " of question `\($0)`" } ?? "")))
            }
            self.compiled = compiled
        }
    }

    /// Codes units each with the codebook of its question in `version` (the question's own,
    /// else the default), and returns their suggestions in the store's form.
    public static func code(_ units: [StoredUnit], with version: CompiledVersion) throws -> [StoredSuggestion] {
        var byCodebook: [String?: [Int]] = [:]
        for (i, unit) in units.enumerated() { byCodebook[version.codebooks.codebook(question: unit.question).question, default: []].append(i) }
        var result: [StoredSuggestion] = []
        for key in byCodebook.keys.sorted(by: { ($0 ?? "") < ($1 ?? "") }) {
            guard let compiled = version.compiled[key] else { preconditionFailure("codebook of question \(key ?? "default") not compiled") }
            let indices = byCodebook[key] ?? []
            let suggestions = try ParallelCoding.code(indices.map { units[$0].text }, with: compiled)
            result += storedSuggestions(indices.map { units[$0].id }, suggestions)
        }
        return result
    }
}
