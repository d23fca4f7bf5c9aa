import DuidingStore

/// Which units a table, a quote selection, an export or the review queue looks at: the
/// answers to one open question (or the interview turns), of the respondents that meet every
/// condition. The same selection means the same units in every command and in the review server.
public struct UnitSelection: Sendable, Hashable {
    /// The question; nil: the project's only question (an error when it has several).
    public var question: String?
    /// The interview turns instead of a survey question.
    public var interviews: Bool
    /// `--where` conditions; a unit passes when it meets all of them.
    public var conditions: [Condition]

    public init(question: String? = nil, interviews: Bool = false, conditions: [Condition] = []) {
        self.question = question
        self.interviews = interviews
        self.conditions = conditions
    }

    /// Every unit of the project's only question (or its interviews when it has no question).
    public static let all = UnitSelection()

    /// One `--where` condition: `VAR=VALUE`, `VAR=a,b` (any of the values) or `VAR!=VALUE`
    /// (none of the values). Values are compared as imported (trimmed, case-sensitive); a
    /// value's label (`duiding variable --value`) names it too.
    public struct Condition: Sendable, Hashable, CustomStringConvertible {
        public let variable: String
        public let values: [String]
        public let negated: Bool

        public init(variable: String, values: [String], negated: Bool = false) {
            self.variable = variable
            self.values = values
            self.negated = negated
        }

        /// Parses `VAR=VALUE`, `VAR=a,b` or `VAR!=VALUE`.
        public init(parsing text: String) throws {
            guard let equals = text.firstIndex(of: "=") else {
                throw SelectionError("--where `\(text)`: write VARIABLE=VALUE, VARIABLE=a,b or VARIABLE!=VALUE")
            }
            var name = String(text[..<equals])
            let negated = name.hasSuffix("!")
            if negated { name.removeLast() }
            name = name.trimmingCharacters(in: .whitespaces)
            let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !name.isEmpty, !values.contains(where: \.isEmpty) else {
                throw SelectionError("--where `\(text)`: a variable and at least one value are needed, e.g. bestuurslaag=gemeente")
            }
            self.init(variable: name, values: values, negated: negated)
        }

        /// Whether a unit with these values meets the condition (a unit without the variable
        /// meets only a negated one).
        public func admits(_ values: [String: String]) -> Bool {
            let hit = values[variable].map { self.values.contains($0) } ?? false
            return hit != negated
        }

        public var description: String { "\(variable)\(negated ? "!=" : "=")\(values.joined(separator: ","))" }
    }

    /// E.g. "vraag `effecten`, bestuurslaag=gemeente" (for titles and notes).
    public var description: String {
        let source = interviews ? "interviews" : question.map { "vraag `\($0)`" }
        return ([source].compactMap { $0 } + conditions.map(\.description)).joined(separator: ", ")
    }
}

/// A selection that names what is not there: the message says what there is.
public struct SelectionError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension UnitSelection {
    /// The units of `units` this selection takes, after checking it against the project: the
    /// question exists (or there is just one), every condition's variable exists and its values
    /// (stored values, or their labels) occur among the question's units.
    public func resolve(_ units: [StoredUnit], questions: [StoredQuestion], variables: [Variable]) throws -> [StoredUnit] {
        let source: [StoredUnit]
        switch try self.source(questions: questions, hasInterviews: units.contains { $0.kind == .interview }) {
        case .interviews: source = units.filter { $0.kind == .interview }
        case .question(let name): source = units.filter { $0.question == name }
        }
        let stored = try storedConditions(variables: variables) { name in Set(source.compactMap { $0.values[name] }) }
        return source.filter { unit in stored.allSatisfy { $0.admits(unit.values) } }
    }

    /// The conditions in stored values (a value's label names the value), after checking that
    /// each variable exists and each value occurs among the source's units (`present` gives
    /// the values a variable takes there).
    public func storedConditions(variables: [Variable], present: (_ variable: String) throws -> Set<String>) throws -> [Condition] {
        try conditions.map { condition in
            guard let variable = variables.first(where: { $0.name == condition.variable }) else {
                throw SelectionError("--where: no variable `\(condition.variable)`; the variables are \(Self.list(variables.map(\.name)))")
            }
            let present = try present(condition.variable)
            let values = condition.values.map { variable.value($0, among: present) }
            if let unknown = values.first(where: { !present.contains($0) }) {
                let named = present.sorted().map { value in variable.valueLabels[value].map { "\(value) (\($0))" } ?? value }
                throw SelectionError("--where: `\(condition.variable)` has no value `\(unknown)` here; its values are \(Self.list(named))")
            }
            return Condition(variable: condition.variable, values: values, negated: condition.negated)
        }
    }

    /// The units the selection takes before its conditions: the chosen question's answers,
    /// the interview turns, or the only question's answers (a project without questions: its
    /// interview turns). Fails when the question does not exist or one must be chosen.
    public func source(questions: [StoredQuestion], hasInterviews: Bool) throws -> UnitSource {
        let interviewsNote = hasInterviews ? " (or --interviews for the interview turns)" : ""
        if interviews {
            guard question == nil else { throw SelectionError("choose a question or --interviews, not both") }
            guard hasInterviews else { throw SelectionError("there are no interview turns here") }
            return .interviews
        } else if let question {
            guard questions.contains(where: { $0.name == question }) else {
                throw SelectionError("no question `\(question)`; the questions are \(Self.list(questions.map(\.name)))\(interviewsNote)")
            }
            return .question(question)
        } else if questions.count > 1 {
            throw SelectionError("there are \(questions.count) questions: \(Self.list(questions.map(\.name))); choose one with --question\(interviewsNote)")
        }
        return questions.first.map { .question($0.name) } ?? .interviews
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "(none)" : names.map { "`\($0)`" }.joined(separator: ", ")
    }
}
