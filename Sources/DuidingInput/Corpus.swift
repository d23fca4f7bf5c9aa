import Foundation

/// One coded unit: a respondent's answer to one open question, or a respondent turn of an
/// interview.
public struct Unit: Sendable {
    public let id: String
    public let text: String
    /// Its values of the group variables (variable → value), e.g. bestuurslaag, geslacht, organisatie.
    public let values: [String: String]
    public let file: String
    public let line: Int
    /// The open question the unit answers; nil for an interview turn.
    public let question: String?
    /// Who gave the unit: the respondent's id, or the interview's file name. A base counts
    /// respondents, so a respondent with several units is counted once.
    public let respondent: String
    /// For an interview turn, the interviewer's question (turn) before it; nil elsewhere.
    public var prompt: String?

    public init(id: String, text: String, values: [String: String], file: String, line: Int,
                question: String? = nil, respondent: String? = nil) {
        self.id = id
        self.text = text
        self.values = values
        self.file = file
        self.line = line
        self.question = question
        self.respondent = respondent ?? id
    }
}

/// An open question of a survey: the column (or value of the question column) that holds its
/// answers, and a label where the file has one (an SPSS variable label).
public struct Question: Sendable, Hashable {
    public let name: String
    public let label: String

    public init(name: String, label: String = "") {
        self.name = name
        self.label = label
    }
}

/// Units read from answer files (CSV/TSV, SPSS) and interview notes (`.txt`, `.md`, `.docx`,
/// `.odt`, `.srt`, `.vtt`).
public struct Corpus: Sendable {
    public var units: [Unit]
    /// Attribute names in the order first seen.
    public var variableNames: [String]
    /// Labels of variables where the file has them (SPSS variable labels).
    public var variableLabels: [String: String] = [:]
    /// Values of variables in the file's order where it has one (SPSS value labels by value).
    public var valueOrders: [String: [String]] = [:]
    public var notes: [String]
    /// Rows left out because they were broken (only with `skipBadRows`).
    public var skipped: [InputProblem] = []
    /// The open questions, in the order first seen.
    public var questions: [Question] = []
    /// The interview notes read, in file order (their speakers, turns and warnings).
    public var interviews: [InterviewNotes] = []

    public init(units: [Unit], variableNames: [String], notes: [String]) {
        self.units = units
        self.variableNames = variableNames
        self.notes = notes
    }

    /// Which columns hold the respondent's id and the answers of a table.
    ///
    /// - One text column: each row is one unit, its id the row's id.
    /// - Several text columns (a wide export, one row per respondent): each non-empty answer is
    ///   a unit of the question its column holds, with id `ID/COLUMN`.
    /// - A question column (a long file, one row per answer): it names each row's question.
    ///
    /// An empty answer is not a unit: it does not count in any base.
    public struct Columns: Sendable {
        public var id: String
        public var texts: [String]
        public var question: String?
        /// The question the one text column answers, when it is not the column's name (a second
        /// wave whose column is named differently).
        public var questionName: String?

        public init(id: String = "id", texts: [String], question: String? = nil, questionName: String? = nil) {
            precondition(!texts.isEmpty, "a table needs at least one text column")
            precondition(questionName == nil || (texts.count == 1 && question == nil), "a question name is for one text column")
            self.id = id
            self.texts = texts
            self.question = question
            self.questionName = questionName
        }

        public init(id: String = "id", text: String = "text") { self.init(id: id, texts: [text]) }
    }

    /// Whether a path is an SPSS data file.
    public static func isSPSS(_ path: String) -> Bool { path.lowercased().hasSuffix(".sav") }

    /// Whether a path is interview notes rather than a table.
    public static func isInterview(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return InterviewNotes.extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Reads every file; all problems in all files are reported together. Ids must be unique.
    /// With `skipBadRows`, broken rows are left out and listed in `skipped` instead.
    /// `interviewFields` add header fields to every interview (or replace the file's).
    public static func load(_ paths: [String], columns: Columns = Columns(), skipBadRows: Bool = false,
                            interviewFields: [InterviewNotes.Field] = []) throws -> Corpus {
        var corpus = Corpus(units: [], variableNames: [], notes: [])
        var problems: [InputProblem] = []
        for path in paths {
            do {
                if isInterview(path) { try corpus.addInterview(path, set: interviewFields) }
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

    private mutating func addVariableNames(_ names: [String]) {
        for name in names where !variableNames.contains(name) { variableNames.append(name) }
    }

    private mutating func addTable(_ path: String, columns: Columns, skipBadRows: Bool) throws {
        let file = try CSVFile.load(path: path)
        notes += file.notes
        let layout = try Layout(columns, names: file.header, path: path) { try file.column($0, option: $1) }
        addVariableNames(layout.variables.map { file.header[$0] })
        let (rows, rowProblems) = file.readAll()
        var problems: [InputProblem] = []
        if skipBadRows { skipped += rowProblems } else { problems += rowProblems }
        for row in rows {
            addRow(row.values, layout, names: file.header, labels: [:], file: path, line: row.line, problems: &problems)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }

    private mutating func addSPSS(_ path: String, columns: Columns) throws {
        let file = try SPSSFile.load(path: path)
        let layout = try Layout(columns, names: file.names, path: path) { try file.column($0, option: $1) }
        addVariableNames(layout.variables.map { file.names[$0] })
        for i in layout.variables where !file.labels[i].isEmpty { variableLabels[file.names[i]] = file.labels[i] }
        for i in layout.variables where !file.valueLabels[i].isEmpty { valueOrders[file.names[i]] = file.valueLabels[i] }
        let labels = Dictionary(zip(file.names, file.labels).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a })
        var problems: [InputProblem] = []
        for (r, row) in file.rows.enumerated() {
            // SPSS has no lines; the case number stands in for one.
            addRow(row, layout, names: file.names, labels: labels, file: path, line: r + 1, problems: &problems, case: true)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }

    /// Where a table's id, answers and question are, by column index.
    private struct Layout {
        let columns: Columns
        let id: Int
        let texts: [Int]
        let question: Int?
        /// The other columns: the respondent's variables.
        let variables: [Int]

        init(_ columns: Columns, names: [String], path: String, index: (String, String) throws -> Int) throws {
            var seen: Set<String> = []
            for text in columns.texts where !seen.insert(text).inserted {
                throw InvalidInput([InputProblem(file: path, line: 1, message: "--text-column `\(text)` is named twice")])
            }
            self.columns = columns
            id = try index(columns.id, "--id-column")
            texts = try columns.texts.map { try index($0, "--text-column") }
            question = try columns.question.map { try index($0, "--question-column") }
            let special = Set([id] + texts + (question.map { [$0] } ?? []))
            variables = names.indices.filter { !special.contains($0) }
        }
    }

    /// The units of one row: one per non-empty answer.
    private mutating func addRow(_ values: [String], _ layout: Layout, names: [String], labels: [String: String], file: String,
                                 line: Int, problems: inout [InputProblem], case isCase: Bool = false) {
        let id = values[layout.id].trimmingWhitespace
        guard !id.isEmpty else {
            let what = "the id (`\(layout.columns.id)`) is empty"
            problems.append(InputProblem(file: file, line: line, message: isCase ? "case \(line): \(what)" : what))
            return
        }
        var unitValues: [String: String] = [:]
        for i in layout.variables { unitValues[names[i]] = values[i].trimmingWhitespace }
        for t in layout.texts {
            let text = values[t]
            if text.allSatisfy({ $0.isWhitespace }) { continue }
            let question: String
            if let q = layout.question {
                question = values[q].trimmingWhitespace
                if question.isEmpty {
                    problems.append(InputProblem(file: file, line: line, message: "the question (`\(names[q])`) is empty"))
                    continue
                }
            } else {
                question = layout.columns.questionName ?? names[t]
            }
            if !questions.contains(where: { $0.name == question }) {
                questions.append(Question(name: question, label: layout.question == nil ? labels[names[t]] ?? "" : ""))
            }
            let unitID = layout.texts.count > 1 ? "\(id)/\(names[t])" : id
            units.append(Unit(id: unitID, text: text, values: unitValues, file: file, line: line, question: question, respondent: id))
        }
    }

    private mutating func addInterview(_ path: String, set: [InterviewNotes.Field]) throws {
        let notes = try InterviewNotes.load(path: path, set: set)
        interviews.append(notes)
        self.notes += notes.warnings.map { "warning: \($0)" }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let header = notes.fields.filter { $0.key != "interviewer" }
        let timed = notes.turns.contains { $0.time != nil }
        addVariableNames(header.map(\.key) + ["spreker"] + (timed ? ["tijd"] : []))
        var question: String?
        for turn in notes.turns {
            guard !notes.interviewers.contains(turn.speaker.lowercased()) else { question = turn.text; continue }
            var values = Dictionary(header.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            values["spreker"] = turn.speaker
            if let time = turn.time { values["tijd"] = time }
            var unit = Unit(id: "\(name)#\(turn.number)", text: turn.text, values: values, file: path, line: turn.line, respondent: name)
            unit.prompt = question
            units.append(unit)
        }
    }
}
