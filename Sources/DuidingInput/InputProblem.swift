import Foundation

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
    /// The file (an index into `files`) and line where each id was first used.
    private var first: [String: (file: Int32, line: Int)] = [:]
    private var files: [String] = []

    public init() {}

    /// Records an id; returns a problem if it was used before.
    public mutating func add(_ id: String, file: String, line: Int) -> InputProblem? {
        if files.last != file { files.append(file) }
        if let seen = first.updateValue((Int32(files.count - 1), line), forKey: id) {
            first[id] = seen
            return InputProblem(file: file, line: line, message: "id `\(id)` was already used at \(files[Int(seen.file)]):\(seen.line); ids must be unique")
        }
        return nil
    }
}

/// How large input may be; past these Duiding refuses with a message naming the file and line.
public enum InputLimits {
    /// Largest answer file or interview file (it is read into memory whole).
    public static let fileBytes = 4 << 30
    /// Largest single field of a CSV row, answer, or interview turn (UTF-8 bytes).
    public static let fieldBytes = 16 << 20

    /// Reads a whole input file, refusing one larger than `fileBytes` before reading it.
    static func read(_ path: String) throws -> [UInt8] {
        _ = try checkSize(path)
        do { return Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the file: \(error.localizedDescription)")])
        }
    }

    /// The size of an input file, refusing one larger than `fileBytes`.
    static func checkSize(_ path: String) throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > fileBytes {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "the file is \(size >> 20) MB; Duiding reads files up to \(fileBytes >> 20) MB; split it")])
        }
        return size
    }

    static func tooLarge(_ bytes: Int, what: String) -> String {
        "\(what) is \(bytes >> 20) MB; Duiding takes up to \(fieldBytes >> 20) MB per answer or turn; split it"
    }
}
