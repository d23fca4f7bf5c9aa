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

    /// The codes of a codebook as a version stores them.
    public static func storedCodes(_ codebook: Codebook) -> [StoredCode] {
        codebook.codes.map { StoredCode(id: $0.id, label: $0.label) }
    }

    /// Codes units each with the codebook of its question in `codebooks` (the question's own,
    /// else the default), and returns their suggestions in the store's form.
    public static func code(_ units: [(id: String, text: String, question: String?)], with codebooks: VersionCodebooks,
                            progress: ProjectImport.Progress? = nil) throws -> [StoredSuggestion] {
        var byCodebook: [String?: [Int]] = [:]
        for (i, unit) in units.enumerated() { byCodebook[codebooks.codebook(question: unit.question).question, default: []].append(i) }
        var result: [StoredSuggestion] = []
        for key in byCodebook.keys.sorted(by: { ($0 ?? "") < ($1 ?? "") }) {
            let codebook = codebooks.codebook(question: key)
            let compiled = try CompiledCodebook(CodebookLoader.parse(codebook.yaml, file: "codebook version \(codebook.id)"
                                                                     + (key.map { " of question `\($0)`" } ?? "")))
            let indices = byCodebook[key] ?? []
            let suggestions = try ParallelCoding.code(indices.map { units[$0].text }, with: compiled, progress: progress)
            result += storedSuggestions(indices.map { units[$0].id }, suggestions)
        }
        return result
    }
}
