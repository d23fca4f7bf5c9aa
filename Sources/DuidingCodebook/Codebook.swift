/// A place in a codebook file, for messages a user can act on.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A codebook: codes with the patterns that suggest them, the negation rule, and the nets
/// that group codes for tables.
public struct Codebook: Sendable {
    public var name: String
    /// ISO 639-1 code of the answers' language ("nl"); chooses segmentation, stemming and clitics.
    public var language: String
    public var negation: NegationRule
    public var codes: [Code]
    /// Parent themes over codes (and smaller nets); every code and net is in at most one net.
    public var nets: [Net]

    public init(name: String, language: String, negation: NegationRule, codes: [Code], nets: [Net] = []) {
        self.name = name
        self.language = language
        self.negation = negation
        self.codes = codes
        self.nets = nets
    }
}

/// A net: a parent theme that a respondent has once when any of its codes applies, the way
/// survey coding reports a theme over its sub-themes. It suggests nothing itself.
public struct Net: Sendable, Identifiable {
    /// Stable identifier, distinct from every code id (`psychisch`).
    public var id: String
    public var label: String
    /// Ids of its codes and smaller nets, as written.
    public var members: [String]
    public var location: SourceLocation?

    public init(id: String, label: String, members: [String], location: SourceLocation? = nil) {
        self.id = id
        self.label = label
        self.members = members
        self.location = location
    }
}

/// Where codes and nets sit in a codebook's nets, by index into `codes` and `nets`.
public struct CodeTree: Sendable, Equatable {
    /// Per code, the net it is a member of.
    public let codeParent: [Int?]
    /// Per net, the net it is a member of.
    public let netParent: [Int?]
    /// Per net, every code under it (directly or through smaller nets).
    public let netCodes: [Set<Int>]

    /// Codes without nets.
    public static func flat(codeCount: Int) -> CodeTree {
        CodeTree(codeParent: Array(repeating: nil, count: codeCount), netParent: [], netCodes: [])
    }

    public init(codeParent: [Int?], netParent: [Int?], netCodes: [Set<Int>]) {
        precondition(netParent.count == netCodes.count, "one parent and one code set per net")
        self.codeParent = codeParent
        self.netParent = netParent
        self.netCodes = netCodes
    }
}

extension Codebook {
    /// The nets as indices. The loader has checked that members exist, sit in one net each
    /// and form no cycle.
    public var tree: CodeTree {
        let codeIndex = Dictionary(codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let netIndex = Dictionary(nets.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var codeParent = [Int?](repeating: nil, count: codes.count)
        var netParent = [Int?](repeating: nil, count: nets.count)
        for (n, net) in nets.enumerated() {
            for member in net.members {
                if let c = codeIndex[member] { codeParent[c] = n } else if let m = netIndex[member] { netParent[m] = n }
            }
        }
        var netCodes = [Set<Int>](repeating: [], count: nets.count)
        for c in codes.indices {
            var net = codeParent[c]
            var steps = 0
            while let n = net, steps <= nets.count {
                netCodes[n].insert(c)
                net = netParent[n]
                steps += 1
            }
        }
        return CodeTree(codeParent: codeParent, netParent: netParent, netCodes: netCodes)
    }
}

/// When a match does not count: a cue (`niet`, `geen`, …) shortly before it, or one of the
/// `afterCues` (`niets`, `niemand`) right after it, within the same clause and scope.
/// `scopeBreakers` (`maar`, `omdat`, …) start a new scope: "niet bang maar wel voorzichtig".
public struct NegationRule: Sendable, Equatable {
    public var cues: [String]
    public var window: Int
    public var afterCues: [String]
    public var afterWindow: Int
    public var scopeBreakers: [String]

    public init(cues: [String], window: Int, afterCues: [String] = [], afterWindow: Int = 0, scopeBreakers: [String] = []) {
        self.cues = cues
        self.window = window
        self.afterCues = afterCues
        self.afterWindow = afterWindow
        self.scopeBreakers = scopeBreakers
    }

    /// No negation at all.
    public static let none = NegationRule(cues: [], window: 0)
}

/// One code (theme) of a codebook.
public struct Code: Sendable, Identifiable {
    /// Stable identifier used in every output (`caution`).
    public var id: String
    /// Label shown to people (`Voorzichtigheid`).
    public var label: String
    public var description: String
    /// Any include pattern that matches (and is not negated or excluded) suggests the code.
    public var include: [Pattern]
    /// An exclude pattern that matches in a clause cancels the include matches in that clause.
    public var exclude: [Pattern]
    public var location: SourceLocation?

    public init(id: String, label: String, description: String = "", include: [Pattern], exclude: [Pattern] = [],
                location: SourceLocation? = nil) {
        self.id = id
        self.label = label
        self.description = description
        self.include = include
        self.exclude = exclude
        self.location = location
    }
}

/// A pattern: a sequence of elements matched against consecutive words of one clause.
public struct Pattern: Sendable, Hashable {
    /// The pattern as written in the codebook.
    public var source: String
    public var elements: [PatternElement]
    /// Tolerate common misspellings (sound-alike Dutch spellings, one typo in long words).
    public var fuzzy: Bool
    /// When false the match counts even after a negation cue ("niet meer alleen").
    public var negatable: Bool
    public var location: SourceLocation?

    public init(source: String, elements: [PatternElement], fuzzy: Bool = false, negatable: Bool = true,
                location: SourceLocation? = nil) {
        self.source = source
        self.elements = elements
        self.fuzzy = fuzzy
        self.negatable = negatable
        self.location = location
    }
}

/// One position of a pattern. Words are stored folded (lower case, no diacritics).
public enum PatternElement: Sendable, Hashable {
    /// The whole word (`voorzichtig`).
    case word(String)
    /// A word starting with this (`voorzicht*`).
    case prefix(String)
    /// A word with the same Snowball stem (`~voorzichtig`).
    case stem(String)
    /// The word, or a compound with it as a part (`training+` matches `weerbaarheidstraining`
    /// and `trainingsbehoefte`).
    case compound(String)
    /// Any one of several elements (`politie|gemeente|partij`).
    case anyOf([PatternElement])
    /// Between zero and `max` words of any kind (`*` in `denk * keer na`).
    case gap(max: Int)
}
