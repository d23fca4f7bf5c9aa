import DuidingCodebook
import DuidingStore
import Foundation

/// How one pattern of the latest codebook version does on a project.
public struct PatternStat: Sendable, Hashable {
    public enum Kind: String, Sendable { case include, exclude }

    /// Why a pattern stands out.
    public enum Flag: String, Sendable {
        /// It matches no unit of the project.
        case neverFires = "never fires"
        /// Where people decided, they rejected its code more often than they accepted it.
        case mostlyWrong = "mostly wrong"
    }

    public let code: String
    public let kind: Kind
    /// The pattern as written in the codebook.
    public let pattern: String
    /// Its line in the codebook version's text.
    public let line: Int?
    /// Units it fires on: for an include, the units where it is evidence of its code's
    /// suggestion (as stored for the version); for an exclude, the units it matches in.
    public let fires: Int
    /// Of the units an include fires on: the code accepted or added (right), rejected (wrong),
    /// or not decided. Zero for excludes.
    public let right: Int
    public let wrong: Int
    public let undecided: Int

    /// right / (right + wrong), or nil without decisions.
    public var precision: Double? { right + wrong > 0 ? Double(right) / Double(right + wrong) : nil }

    public var flag: Flag? {
        if fires == 0 { return .neverFires }
        if kind == .include && wrong > right { return .mostlyWrong }
        return nil
    }
}

/// Every pattern of a codebook version with its figures.
public struct PatternStats: Sendable {
    public let version: CodebookVersion
    public let units: Int
    /// Patterns that stand out first (mostly wrong, most wrong first; then never firing), then
    /// the others, each group in codebook order.
    public let patterns: [PatternStat]
}

extension PatternTrial {
    /// Scores every pattern of the latest codebook version against the decisions.
    public func stats() throws -> PatternStats {
        try withLock {
            let stamp = try store.stamp()
            let base = try latestBase(stamp)
            guard let version = try store.latestCodebook(), version.id == base.version else {
                throw ProjectError("the codebook changed while reading it; try again")
            }
            let states = try store.states()

            // Includes: the stored evidence of the version, per code and pattern.
            var firing: [String: Set<String>] = [:]   // "code\0pattern" → units
            for (unit, list) in try store.suggestions(version: version.id) {
                for s in list { firing["\(s.codeID)\u{0}\(s.pattern)", default: []].insert(unit) }
            }

            // Excludes: where each matches, from one pass over the units with a codebook that has a
            // code per exclude pattern (never negated, as exclusions are not).
            var probes: [Code] = []
            for code in base.codebook.codes {
                for (k, pattern) in code.exclude.enumerated() {
                    var p = pattern
                    p.negatable = false
                    probes.append(Code(id: "\(code.id)#\(k)", label: code.id, include: [p]))
                }
            }
            var excludeFires: [String: Int] = [:]
            if !probes.isEmpty {
                let compiled: CompiledCodebook
                do {
                    compiled = try CompiledCodebook(Codebook(name: base.codebook.name, language: base.codebook.language,
                                                             negation: base.codebook.negation, codes: probes))
                } catch let error as CodebookNotUsable {
                    throw ProjectError(error.description)
                }
                let prepared = try corpus(units: stamp.units, language: compiled.language)
                for list in try prepared.corpus.codeAll(with: compiled, workers: workers) {
                    for s in list { excludeFires[s.codeID, default: 0] += 1 }
                }
            }

            var rows: [PatternStat] = []
            for code in base.codebook.codes {
                for pattern in code.include {
                    let units = firing["\(code.id)\u{0}\(pattern.source)"] ?? []
                    var right = 0, wrong = 0
                    for unit in units {
                        switch states[unit]?.decided[code.id]?.action {
                        case .accept?, .add?: right += 1
                        case .reject?: wrong += 1
                        default: break
                        }
                    }
                    rows.append(PatternStat(code: code.id, kind: .include, pattern: pattern.source, line: pattern.location?.line,
                                            fires: units.count, right: right, wrong: wrong, undecided: units.count - right - wrong))
                }
                for (k, pattern) in code.exclude.enumerated() {
                    rows.append(PatternStat(code: code.id, kind: .exclude, pattern: pattern.source, line: pattern.location?.line,
                                            fires: excludeFires["\(code.id)#\(k)"] ?? 0, right: 0, wrong: 0, undecided: 0))
                }
            }
            let wrong = rows.filter { $0.flag == .mostlyWrong }.enumerated().sorted { ($0.element.wrong, -$0.offset) > ($1.element.wrong, -$1.offset) }.map(\.element)
            let never = rows.filter { $0.flag == .neverFires }
            let rest = rows.filter { $0.flag == nil }
            return PatternStats(version: version, units: states.count, patterns: wrong + never + rest)
        }
    }
}
