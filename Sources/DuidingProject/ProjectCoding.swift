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
}
