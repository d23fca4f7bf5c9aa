/// Something wrong with an input file, at a line a user can open.
public struct InputProblem: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Every problem found in the input, reported together.
public struct InvalidInput: Error, CustomStringConvertible {
    public let problems: [InputProblem]

    public init(_ problems: [InputProblem]) { self.problems = problems }

    /// At most `limit` problems, then a count of the rest.
    public func summary(limit: Int = 50) -> String {
        var lines = problems.prefix(limit).map(\.description)
        if problems.count > limit { lines.append("… and \(problems.count - limit) more problems") }
        return lines.joined(separator: "\n")
    }

    public var description: String { summary() }
}

/// Checks that ids are unique across all input files, remembering where each was first used.
public struct UniqueIDs {
    private var first: [String: (file: String, line: Int)] = [:]

    public init() {}

    /// Records an id; returns a problem if it was used before.
    public mutating func add(_ id: String, file: String, line: Int) -> InputProblem? {
        if let seen = first[id] {
            return InputProblem(file: file, line: line, message: "id `\(id)` was already used at \(seen.file):\(seen.line); ids must be unique")
        }
        first[id] = (file, line)
        return nil
    }
}
