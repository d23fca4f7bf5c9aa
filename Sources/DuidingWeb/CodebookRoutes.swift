import DuidingCodebook
import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The review page's codebook panel: try a pattern on every unit while typing, save it to a
/// new codebook version, undo that. Behind the same guard as the rest of the API.
///
/// Routes: `GET /api/codebook` (the latest version's codes and their include patterns),
/// `POST /api/codebook/try` `{pattern, code?, newCode?: {id, label}, examples?}`,
/// `POST /api/codebook/save` (the same body) and `POST /api/codebook/undo` `{version}`; and the
/// panel's own script and style, `/codebook.js` and `/codebook.css`.
final class CodebookRoutes: Sendable {
    let trial: PatternTrial
    /// The review server's retraining: a new codebook version has no learned suggestions yet,
    /// so a save or an undo starts a run at once (as `duiding recode` learns after a version).
    let learning: BackgroundLearning?

    /// Examples a try returns at most, and the text shown around a match in each.
    static let maxExamples = 20
    static let context = 120

    /// Routes over `trial` (shared with the explore panel, which uses its index of the units).
    init(trial: PatternTrial, learning: BackgroundLearning? = nil, warmUp: Bool = true) {
        self.trial = trial
        self.learning = learning
        if warmUp {
            // The index of the units, so that the first try is as fast as the others.
            Task.detached(priority: .utility) { [trial] in try? trial.warmUp() }
        }
    }

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/codebook.js") { _, _ in ReviewController.asset(CodebookPanel.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/codebook.css") { _, _ in ReviewController.asset(CodebookPanel.css, type: "text/css; charset=utf-8") }
        router.get("/api/codebook") { _, _ in try self.codebook() }
        router.post("/api/codebook/try") { request, context in
            try await Self.answering { try self.tryPattern(try await request.decodeJSON(TrialRequest.self, context: context, what: "a pattern to try")) }
        }
        router.post("/api/codebook/save") { request, context in
            try await Self.answering { try self.save(try await request.decodeJSON(TrialRequest.self, context: context, what: "a pattern to save"),
                                                           by: try context.signedIn().coder) }
        }
        router.post("/api/codebook/undo") { request, context in
            try await Self.answering { try self.undo(try await request.decodeJSON(UndoRequest.self, context: context, what: "a version to undo"),
                                                           by: try context.signedIn().coder) }
        }
    }

    /// Turns the library's errors into answers the panel shows.
    private static func answering<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let problem as TrialCodebook.Problem {
            throw APIError(.badRequest, problem.description, column: problem.column)
        } catch let error as ProjectError {
            throw APIError(.conflict, error.description)
        }
    }

    func codebook() throws -> CodebookPanelJSON {
        guard let version = try trial.store.latestCodebook() else {
            throw APIError(.conflict, "the project has no codebook version yet; run `duiding recode` first")
        }
        let patterns = (try? CodebookLoader.parse(version.yaml, file: "codebook version \(version.id)"))
            .map { Dictionary($0.codes.map { ($0.id, $0.include.map(\.source)) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        let versions = try trial.store.codebookVersions()
        return CodebookPanelJSON(
            version: CodebookJSON(id: version.id, name: version.name),
            codes: CodeJSON.list(version).map { CodebookCodeJSON(id: $0.id, label: $0.label, number: $0.number, include: patterns[$0.id] ?? []) },
            versions: versions.count)
    }

    func tryPattern(_ body: TrialRequest) throws -> EditedResponse<TrialJSON> {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try trial.run(pattern: body.pattern, target: try body.target(),
                                   examples: min(Self.maxExamples, max(0, body.examples ?? 5)))
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let json = TrialJSON(version: result.version, pattern: result.pattern, code: result.target.codeID, matched: result.matched.count,
                             new: result.new, examples: result.examples.map { ExampleJSON($0, context: Self.context) }, ms: ms)
        return EditedResponse(headers: [FieldName.serverTiming: "try;dur=\(String(format: "%.2f", ms))"], response: json)
    }

    func save(_ body: TrialRequest, by coder: String) throws -> RevisionJSON {
        let revision = try trial.save(pattern: body.pattern, target: try body.target(), by: coder)
        if let learning { learning.recorded(learning.every) }
        return RevisionJSON(revision)
    }

    func undo(_ body: UndoRequest, by coder: String) throws -> RevisionJSON {
        let revision = try trial.undo(version: body.version, by: coder)
        if let learning { learning.recorded(learning.every) }
        return RevisionJSON(revision)
    }
}

// MARK: - JSON

/// A try or a save: the pattern, and its code (`code`), a new code (`newCode`) or neither.
struct TrialRequest: Codable, Sendable {
    struct NewCode: Codable, Sendable {
        let id: String
        let label: String
    }
    let pattern: String
    let code: String?
    let newCode: NewCode?
    /// Examples to return (default 5, at most 20).
    let examples: Int?

    func target() throws -> TrialCodebook.Target {
        if let newCode {
            guard code == nil else { throw TrialCodebook.Problem("say `code` or `newCode`, not both") }
            let label = newCode.label.trimmingCharacters(in: .whitespaces)
            return .newCode(id: newCode.id, label: label.isEmpty ? newCode.id : label)
        }
        if let code, !code.isEmpty { return .code(code) }
        return .none
    }
}

struct UndoRequest: Codable, Sendable {
    /// The version to undo; it must be the latest.
    let version: Int64
}

struct CodebookCodeJSON: Codable, Sendable {
    let id: String
    let label: String
    let number: Int
    /// The code's include patterns as written.
    let include: [String]
}

struct CodebookPanelJSON: Codable, Sendable {
    let version: CodebookJSON
    let codes: [CodebookCodeJSON]
    /// How many versions the project has.
    let versions: Int
}

/// A matched unit: a stretch of its text around the matches (`text`, cut at spaces; `before`
/// and `after` say whether text was left out) and the matches in it, UTF-16 offsets into `text`.
struct ExampleJSON: Codable, Sendable {
    let unit: String
    let text: String
    let ranges: [Range<Int>]
    let new: Bool
    let before: Bool
    let after: Bool

    init(_ example: PatternTrial.Example, context: Int) {
        let utf16 = Array(example.text.utf16)
        let first = example.ranges.map(\.lowerBound).min() ?? 0
        let last = example.ranges.map(\.upperBound).max() ?? 0
        var start = max(0, first - context), end = min(utf16.count, last + context)
        if start > 0 { start = utf16[start..<first].firstIndex(of: 0x20).map { $0 + 1 } ?? first }
        if end < utf16.count { end = utf16[last..<end].lastIndex(of: 0x20) ?? last }
        unit = example.unitID
        text = String(decoding: utf16[start..<end], as: UTF16.self)
        ranges = example.ranges.map { max(start, $0.lowerBound) - start ..< min(end, $0.upperBound) - start }
        new = example.isNew
        before = start > 0
        after = end < utf16.count
    }
}

struct TrialJSON: Codable, Sendable {
    let version: Int64
    let pattern: String
    let code: String?
    /// Units the pattern matches, and how many of those are new (the code, or without a code any
    /// code, is not among their current codes).
    let matched: Int
    let new: Int
    let examples: [ExampleJSON]
    /// Time the server took.
    let ms: Double
}

/// A stored codebook version made by a save or an undo.
struct RevisionJSON: Codable, Sendable {
    let version: CodebookJSON
    let previous: Int64
    /// For an undo: the version whose text came back.
    let restored: Int64?
    /// For a save: what the pattern matched, and how many of those were new.
    let matched: Int?
    let new: Int?
    let codes: [CodeJSON]

    init(_ r: PatternTrial.Revision) {
        version = CodebookJSON(id: r.version, name: r.name)
        previous = r.previous
        restored = r.restored
        matched = r.trial?.matched.count
        new = r.trial?.new
        codes = r.codes.enumerated().map { CodeJSON(id: $1.id, label: $1.label, number: $0 + 1) }
    }
}

extension FieldName {
    static var serverTiming: Self {
        guard let field = FieldName("Server-Timing") else { preconditionFailure("`Server-Timing` is a valid header name") }
        return field
    }
}
