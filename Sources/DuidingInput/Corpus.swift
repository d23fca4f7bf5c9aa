import Foundation

/// One coded unit: an open answer, or a respondent turn of an interview.
public struct Unit: Sendable {
    public let id: String
    public let text: String
    /// Group variables (column → value), e.g. bestuurslaag, geslacht, organisatie.
    public let attributes: [String: String]
    public let file: String
    public let line: Int

    public init(id: String, text: String, attributes: [String: String], file: String, line: Int) {
        self.id = id
        self.text = text
        self.attributes = attributes
        self.file = file
        self.line = line
    }
}

/// Units read from answer files (CSV/TSV) and interview notes (`.txt`, `.md`).
public struct Corpus: Sendable {
    public var units: [Unit]
    /// Attribute names in the order first seen.
    public var attributeNames: [String]
    /// Labels of attributes where the file has them (SPSS variable labels).
    public var attributeLabels: [String: String] = [:]
    public var notes: [String]
    /// Rows left out because they were broken (only with `skipBadRows`).
    public var skipped: [InputProblem] = []

    public init(units: [Unit], attributeNames: [String], notes: [String]) {
        self.units = units
        self.attributeNames = attributeNames
        self.notes = notes
    }

    /// Which columns hold the id and the text of a CSV file.
    public struct Columns: Sendable {
        public var id: String
        public var text: String
        public init(id: String = "id", text: String = "text") { self.id = id; self.text = text }
    }

    /// Whether a path is an SPSS data file.
    public static func isSPSS(_ path: String) -> Bool { path.lowercased().hasSuffix(".sav") }

    /// Whether a path is interview notes rather than a table.
    public static func isInterview(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".txt") || lower.hasSuffix(".md")
    }

    /// Reads every file; all problems in all files are reported together. Ids must be unique.
    /// With `skipBadRows`, broken rows are left out and listed in `skipped` instead.
    public static func load(_ paths: [String], columns: Columns = Columns(), skipBadRows: Bool = false) throws -> Corpus {
        var corpus = Corpus(units: [], attributeNames: [], notes: [])
        var problems: [InputProblem] = []
        for path in paths {
            do {
                if isInterview(path) { try corpus.addInterview(path) }
                else if isSPSS(path) { try corpus.addSPSS(path, columns: columns) }
                else { try corpus.addTable(path, columns: columns, skipBadRows: skipBadRows) }
            } catch let error as InvalidInput {
                problems += error.problems
            }
        }
        var ids = UniqueIDs()
        for unit in corpus.units {
            if let problem = ids.add(unit.id, file: unit.file, line: unit.line) { problems.append(problem) }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return corpus
    }

    private mutating func addAttributeNames(_ names: [String]) {
        for name in names where !attributeNames.contains(name) { attributeNames.append(name) }
    }

    private mutating func addTable(_ path: String, columns: Columns, skipBadRows: Bool) throws {
        let file = try CSVFile.load(path: path)
        notes += file.notes
        let idIndex = try file.column(columns.id, option: "--id-column")
        let textIndex = try file.column(columns.text, option: "--text-column")
        let attributeIndices = file.header.indices.filter { $0 != idIndex && $0 != textIndex }
        addAttributeNames(attributeIndices.map { file.header[$0] })
        let (rows, rowProblems) = file.readAll()
        var problems: [InputProblem] = []
        if skipBadRows { skipped += rowProblems } else { problems += rowProblems }
        for row in rows {
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

    private mutating func addSPSS(_ path: String, columns: Columns) throws {
        let file = try SPSSFile.load(path: path)
        let idIndex = try file.column(columns.id, option: "--id-column")
        let textIndex = try file.column(columns.text, option: "--text-column")
        let attributeIndices = file.names.indices.filter { $0 != idIndex && $0 != textIndex }
        addAttributeNames(attributeIndices.map { file.names[$0] })
        for i in attributeIndices where !file.labels[i].isEmpty { attributeLabels[file.names[i]] = file.labels[i] }
        var problems: [InputProblem] = []
        for (r, row) in file.rows.enumerated() {
            let id = row[idIndex].trimmingCharacters(in: .whitespaces)
            // SPSS has no lines; the case number stands in for one.
            guard !id.isEmpty else {
                problems.append(InputProblem(file: path, line: r + 1, message: "case \(r + 1): the id (`\(columns.id)`) is empty"))
                continue
            }
            var attributes: [String: String] = [:]
            for i in attributeIndices { attributes[file.names[i]] = row[i] }
            units.append(Unit(id: id, text: row[textIndex], attributes: attributes, file: path, line: r + 1))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }

    private mutating func addInterview(_ path: String) throws {
        let notes = try InterviewNotes.load(path: path)
        self.notes += notes.warnings.map { "warning: \($0)" }
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
