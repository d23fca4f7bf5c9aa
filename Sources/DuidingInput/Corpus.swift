import Foundation

/// One coded unit: an open answer, or a respondent turn of an interview.
public struct Unit: Sendable {
    public let id: String
    public let text: String
    /// Group variables (column → value), e.g. bestuurslaag, geslacht, organisatie.
    public let attributes: [String: String]
    public let file: String
    public let line: Int
}

/// Units read from answer files (CSV/TSV) and interview notes (`.txt`, `.md`).
public struct Corpus: Sendable {
    public var units: [Unit]
    /// Attribute names in the order first seen.
    public var attributeNames: [String]
    public var notes: [String]

    /// Which columns hold the id and the text of a CSV file.
    public struct Columns: Sendable {
        public var id: String
        public var text: String
        public init(id: String = "id", text: String = "text") { self.id = id; self.text = text }
    }

    /// Whether a path is interview notes rather than a table.
    public static func isInterview(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".txt") || lower.hasSuffix(".md")
    }

    /// Reads every file; all problems in all files are reported together. Ids must be unique.
    public static func load(_ paths: [String], columns: Columns = Columns()) throws -> Corpus {
        var corpus = Corpus(units: [], attributeNames: [], notes: [])
        var problems: [InputProblem] = []
        for path in paths {
            do {
                if isInterview(path) { try corpus.addInterview(path) } else { try corpus.addTable(path, columns: columns) }
            } catch let error as InvalidInput {
                problems += error.problems
            }
        }
        var firstLine: [String: (String, Int)] = [:]
        for unit in corpus.units {
            if let (file, line) = firstLine[unit.id] {
                problems.append(InputProblem(file: unit.file, line: unit.line,
                                             message: "id `\(unit.id)` was already used at \(file):\(line); ids must be unique"))
            } else {
                firstLine[unit.id] = (unit.file, unit.line)
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return corpus
    }

    private mutating func addAttributeNames(_ names: [String]) {
        for name in names where !attributeNames.contains(name) { attributeNames.append(name) }
    }

    private mutating func addTable(_ path: String, columns: Columns) throws {
        let file = try CSVFile.load(path: path)
        notes += file.notes
        let idIndex = try file.column(columns.id, option: "--id-column")
        let textIndex = try file.column(columns.text, option: "--text-column")
        let attributeIndices = file.header.indices.filter { $0 != idIndex && $0 != textIndex }
        addAttributeNames(attributeIndices.map { file.header[$0] })
        var problems: [InputProblem] = []
        for row in try file.allRecords() {
            let id = row.values[idIndex].trimmingCharacters(in: .whitespaces)
            if id.isEmpty {
                problems.append(InputProblem(file: path, line: row.line, message: "the id (`\(columns.id)`) is empty"))
                continue
            }
            var attributes: [String: String] = [:]
            for i in attributeIndices { attributes[file.header[i]] = row.values[i].trimmingCharacters(in: .whitespaces) }
            units.append(Unit(id: id, text: row.values[textIndex], attributes: attributes, file: path, line: row.line))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }

    private mutating func addInterview(_ path: String) throws {
        let notes = try InterviewNotes.load(path: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let header = notes.fields.filter { $0.key != "interviewer" }
        addAttributeNames(header.map(\.key) + ["spreker"])
        for turn in notes.respondentTurns {
            var attributes = Dictionary(header.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            attributes["spreker"] = turn.speaker
            units.append(Unit(id: "\(name)#\(turn.number)", text: turn.text, attributes: attributes, file: path, line: turn.line))
        }
    }
}
