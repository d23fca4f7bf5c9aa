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
        let reader = Reader(paths, columns: columns, skipBadRows: skipBadRows, interviewFields: interviewFields)
        var corpus = Corpus(units: [], variableNames: [], notes: [])
        var units: [Unit] = []
        var problems: [InputProblem] = []
        var repeated: [InputProblem] = []
        var ids = UniqueIDs()
        while let part = try reader.next() {
            problems += part.problems
            for unit in part.corpus.units {
                if let problem = ids.add(unit.id, file: unit.file, line: unit.line) { repeated.append(problem) }
            }
            units += part.corpus.units
            corpus = part.corpus
        }
        problems += repeated
        if !problems.isEmpty { throw InvalidInput(problems) }
        corpus.units = units
        return corpus
    }

    /// Reads answer files and interview notes part by part, in file order, so that memory
    /// stays bounded by a part however large a file is: a CSV/TSV file in parts of about
    /// `partBytes` (`CSVFile.Reader`, the reader `duiding code` streams with), an SPSS file in
    /// runs of cases, interview notes whole. Ids are not checked here: that takes every id
    /// (`Corpus.load` keeps them; an import lets the project's unique key check them).
    ///
    /// Not thread-safe: read it from one thread at a time.
    public final class Reader {
        /// A part of the input: a corpus with the part's units and everything else met so far
        /// (variables, questions, labels, notes, interviews, skipped rows), and the problems
        /// found in this part (a file that cannot be read at all is a part without units).
        public struct Part: Sendable {
            public let corpus: Corpus
            public let problems: [InputProblem]
        }

        private var paths: ArraySlice<String>
        private let columns: Columns
        private let skipBadRows: Bool
        private let interviewFields: [InterviewNotes.Field]
        private let partBytes: Int
        /// What was met so far; its units are those of the part being read.
        private var seen = Corpus(units: [], variableNames: [], notes: [])
        private var open: OpenFile?
        private var finished = false

        /// The file being read and where.
        private enum OpenFile {
            case table(CSVFile.Reader, Layout)
            case spss(SPSSFile, Layout, labels: [String: String], nextCase: Int)
        }

        /// Cases of an SPSS file per part.
        private let casesPerPart: Int

        /// `partBytes`: about how many bytes of a table make a part; `casesPerPart`: how many
        /// cases of an SPSS file.
        public init(_ paths: [String], columns: Columns = Columns(), skipBadRows: Bool = false,
                    interviewFields: [InterviewNotes.Field] = [], partBytes: Int = 1 << 20, casesPerPart: Int = 10_000) {
            self.paths = paths[...]
            self.casesPerPart = casesPerPart
            self.columns = columns
            self.skipBadRows = skipBadRows
            self.interviewFields = interviewFields
            self.partBytes = partBytes
        }

        /// About how many parts the files give (a table's size over `partBytes`, one for any
        /// other file), for progress.
        public var expectedParts: Int {
            paths.reduce(1) { parts, path in
                guard !isInterview(path), !isSPSS(path) else { return parts + 1 }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return parts + (size + partBytes - 1) / partBytes
            }
        }

        /// The next part, or nil when every file has been read. The last part has no units and
        /// everything met in all files (notes are complete only there).
        public func next() throws -> Part? {
            var problems: [InputProblem] = []
            do {
                while seen.units.isEmpty && problems.isEmpty {
                    guard let file = open else {
                        guard let path = paths.popFirst() else {
                            guard !finished else { return nil }
                            finished = true
                            return Part(corpus: seen, problems: [])
                        }
                        try start(path)
                        continue
                    }
                    try read(file, problems: &problems)
                }
            } catch let error as InvalidInput {
                open = nil
                problems += error.problems
            }
            defer { seen.units = [] }
            return Part(corpus: seen, problems: problems)
        }

        /// Opens a file; interview notes are read at once.
        private func start(_ path: String) throws {
            if isInterview(path) {
                try seen.addInterview(path, set: interviewFields)
            } else if isSPSS(path) {
                let file = try SPSSFile.load(path: path)
                let layout = try Layout(columns, names: file.names, path: path) { try file.column($0, option: $1) }
                seen.addVariableNames(layout.variables.map { file.names[$0] })
                for i in layout.variables where !file.labels[i].isEmpty { seen.variableLabels[file.names[i]] = file.labels[i] }
                for i in layout.variables where !file.valueLabels[i].isEmpty { seen.valueOrders[file.names[i]] = file.valueLabels[i] }
                let labels = Dictionary(zip(file.names, file.labels).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a })
                open = .spss(file, layout, labels: labels, nextCase: 0)
            } else {
                let reader = try CSVFile.Reader(path: path, partBytes: partBytes)
                let layout = try Layout(columns, names: reader.header, path: path) { try reader.column($0, option: $1) }
                seen.addVariableNames(layout.variables.map { reader.header[$0] })
                open = .table(reader, layout)
            }
        }

        /// Reads the open file's next run of rows (or cases) into `seen.units`.
        private func read(_ file: OpenFile, problems: inout [InputProblem]) throws {
            switch file {
            case .table(let reader, let layout):
                guard let part = try reader.next() else {
                    seen.notes += reader.notes
                    open = nil
                    return
                }
                var rows: [(line: Int, values: [String])] = []
                var rowProblems: [InputProblem] = []
                part.forEachRecord(in: part.body, problem: { rowProblems.append($0) }) { line, fields in
                    rows.append((line, fields.map { part.string($0) }))
                }
                if skipBadRows { seen.skipped += rowProblems } else { problems += rowProblems }
                for row in rows {
                    seen.addRow(row.values, layout, names: part.header, labels: [:], file: reader.path, line: row.line, problems: &problems)
                }
            case .spss(let spss, let layout, let labels, let first):
                let end = min(first + casesPerPart, spss.rows.count)
                for r in first..<end {
                    // SPSS has no lines; the case number stands in for one.
                    seen.addRow(spss.rows[r], layout, names: spss.names, labels: labels, file: spss.path, line: r + 1,
                                problems: &problems, case: true)
                }
                open = end < spss.rows.count ? .spss(spss, layout, labels: labels, nextCase: end) : nil
            }
        }
    }

    private mutating func addVariableNames(_ names: [String]) {
        for name in names where !variableNames.contains(name) { variableNames.append(name) }
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
