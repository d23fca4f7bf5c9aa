import DuidingCodebook
import DuidingStore
import DuidingText
import Foundation

extension PatternTrial {
    /// A codebook version made from the latest one.
    public struct Revision: Sendable {
        /// The version stored.
        public let version: Int64
        /// The version it was made from (the latest before).
        public let previous: Int64
        /// For an undo: the version whose text it restores.
        public let restored: Int64?
        /// What the saved pattern matched, just before it was saved (nil for an undo).
        public let trial: Result?
        /// The codes of the new version.
        public let codes: [StoredCode]
        public let name: String
    }

    /// Adds `pattern` to code `target` (or a new code with it) in a new codebook version, with
    /// every unit's suggestions recomputed; decisions stay as they are. The version's text is the
    /// latest version's text with one entry added (see `CodebookEdit`).
    public func save(pattern: String, target: TrialCodebook.Target, by coder: String) throws -> Revision {
        try withLock {
            guard target != .none else { throw TrialCodebook.Problem("choose the code to add the pattern to, or a new code") }
            let (result, trial, stamp, prepared) = try tryLocked(pattern: pattern, target: target, examples: 0, readBack: true)
            guard let edited = trial.edited, let previous = stamp.version else { throw TrialCodebook.Problem("nothing to save") }
            let what: String
            switch target {
            case .newCode(let id, _): what = "new code `\(id)` with `\(pattern)`"
            default: what = "`\(pattern)` added to `\(target.codeID ?? "")`"
            }
            let version = try storeVersion(edited.yaml, codebook: edited.codebook, source: "review page (\(coder)): \(what)",
                                    after: previous, prepared: prepared)
            return Revision(version: version, previous: previous, restored: nil, trial: result,
                            codes: ProjectCoding.storedCodes(edited.codebook), name: edited.codebook.name)
        }
    }

    /// Undoes the latest version `version` by storing the text of the version before it as a
    /// new version (versions are never deleted). Refused unless `version` is the latest.
    public func undo(version: Int64, by coder: String) throws -> Revision {
        try withLock {
            let stamp = try store.stamp()
            guard let latest = stamp.version, latest == version else {
                throw ProjectError("codebook version \(version) is not the latest (\(stamp.version.map(String.init) ?? "none") is); only the latest version can be undone")
            }
            let versions = try store.codebookVersions()
            if let question = versions.last?.question {
                throw ProjectError("codebook version \(version) gave question `\(question)` a codebook of its own; the review page undoes only its own edits of the default codebook (use `duiding recode --question \(question)`)")
            }
            guard let before = versions.last(where: { $0.id < version }),
                  let yaml = try store.codebookYAML(version: before.id) else {
                throw ProjectError("codebook version \(version) is the first; there is nothing to go back to")
            }
            let codebook: Codebook
            do { codebook = try CodebookLoader.parse(yaml, file: "codebook version \(before.id)") } catch let error as InvalidCodebook {
                throw ProjectError("codebook version \(before.id) cannot be read: \(error.description)")
            }
            let prepared = try corpus(units: stamp.units, language: LanguageResources.forLanguage(codebook.language))
            let stored = try storeVersion(yaml, codebook: codebook, source: "review page (\(coder)): undo of version \(version), back to version \(before.id)",
                                   after: version, prepared: prepared)
            return Revision(version: stored, previous: version, restored: before.id, trial: nil,
                            codes: ProjectCoding.storedCodes(codebook), name: codebook.name)
        }
    }

    /// Codes every unit with `codebook` and stores it as the version after `previous`.
    private func storeVersion(_ yaml: String, codebook: Codebook, source: String, after previous: Int64, prepared: Prepared) throws -> Int64 {
        let compiled: CompiledCodebook
        do { compiled = try CompiledCodebook(codebook) } catch let error as CodebookNotUsable {
            throw TrialCodebook.Problem(error.description)
        }
        let suggestions = try prepared.corpus.codeAll(with: compiled, workers: workers)
        let version = try store.addCodebookVersion(name: codebook.name, source: source, yaml: yaml, codes: ProjectCoding.storedCodes(codebook),
                                                   suggestions: ProjectCoding.storedSuggestions(prepared.ids, suggestions), ifLatestIs: previous)
        // The current codes under the new version, from what was just stored (a new version has
        // no learned suggestions yet): the next try need not read them all from the project.
        let stamp = try store.stamp()
        if stamp.version == version, stamp.learning == nil, stamp.units == prepared.units {
            var logs: [String: [Decision]] = [:]
            for d in try store.decisions() { logs[d.unitID, default: []].append(d) }
            var codes: [String: Set<String>] = [:]
            codes.reserveCapacity(prepared.ids.count)
            for (k, id) in prepared.ids.enumerated() {
                let suggested = Set(suggestions[k].map(\.codeID))
                codes[id] = logs[id].map { UnitState(suggested: suggested, log: $0).codes } ?? suggested
            }
            current = Current(stamp: stamp, codes: codes)
        }
        return version
    }
}
