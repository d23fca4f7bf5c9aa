import DuidingCodebook
import DuidingStore

/// A new codebook version applied to the units it codes (every unit, or one question's answers
/// when that question gets a codebook of its own): the suggestions are stored as the new version
/// in one transaction; decisions stay and win. What changed against the
/// previous version, and which suggestions now contradict a decision, come back for people to
/// read (they point at the codebook's mistakes).
public enum ProjectRecode {
    public struct Outcome: Sendable {
        public let version: Int64
        public let units: Int
        /// Whether there was a version before (without one, `added` and `withdrawn` are empty).
        public let hadPrevious: Bool
        /// "R1 +caution": suggestions the previous version did not make.
        public let added: [String]
        /// "R1 -caution": suggestions the previous version made and this one does not.
        public let withdrawn: [String]
        /// "R1 caution: suggested, but rejected by anna", sorted.
        public let contradicting: [String]
    }

    /// Makes `yaml` (read from `source`) the codebook of `question` (nil: the default, for
    /// every question without a codebook of its own) in a new latest version, and codes the
    /// units it applies to; every other unit keeps its suggestions.
    public static func recode(_ store: ProjectStore, yaml: String, source: String, question: String? = nil,
                              progress: ProjectImport.Progress? = nil) throws -> Outcome {
        let compiled = try CompiledCodebook(CodebookLoader.parse(yaml, file: source))
        let previous = try store.latestCodebook()
        let decided = try store.decidedCodes()
        var contradicting: [String] = []
        // Each unit's new suggestions are checked against its decisions as its batch is coded.
        let coding = ProjectCoding.batches(with: compiled, progress: progress) { id, suggestions in
            guard let decisions = decided[id] else { return }
            let now = Set(suggestions.map(\.codeID))
            for (code, decision) in decisions {
                if decision.action == .reject && now.contains(code) {
                    contradicting.append("\(id) \(code): suggested, but rejected by \(decision.coder)")
                } else if decision.action == .accept && !now.contains(code) {
                    contradicting.append("\(id) \(code): accepted by \(decision.coder), no longer suggested")
                }
            }
        }
        let (version, units) = try store.addCodebookVersion(
            name: compiled.codebook.name, source: source, yaml: yaml, codes: ProjectCoding.storedCodes(compiled.codebook),
            question: question, ifLatestIs: previous?.id, batchSize: ProjectCoding.unitsPerRead, coding: coding)
        let changes = try previous.map { try store.suggestionChanges(from: $0.id, to: version) } ?? ([], [])
        return Outcome(version: version, units: units, hadPrevious: previous != nil,
                       added: changes.0.map { "\($0.unit) +\($0.code)" }, withdrawn: changes.1.map { "\($0.unit) -\($0.code)" },
                       contradicting: contradicting.sorted())
    }
}
