import DuidingAnalysis
import DuidingCodebook
import DuidingExport
import DuidingLearning
import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The review page's explore panel ("Verkennen", key `v`): the analyses of `duiding explore
/// PROJECT` as JSON, and the project's learning curve. Behind the same guard as the rest of the
/// API; all GET, so the panel's questions never change the project.
///
/// Routes: `GET /api/explore` (units, and the variables with their values that can be groups);
/// `GET /api/explore/frequency?ngrams=&stems=&stopwords=&uncoded=&top=`;
/// `GET /api/explore/kwic?pattern=&window=&fuzzy=&uncoded=&top=`;
/// `GET /api/explore/collocations?stems=&stopwords=&min=&uncoded=&top=`;
/// `GET /api/explore/keyness?by=VAR%3DVALUE&measure=chi2|lr&ngrams=&stems=&stopwords=&uncoded=&top=`;
/// `GET /api/learning/curve`; and the panel's script and style, `/explore.js`, `/explore.css`.
/// Flags are `1`/`0`; `stopwords=1` keeps stop words (the command line's `--keep-stopwords`).
final class ExploreRoutes: Sendable {
    let explorer: ProjectExplorer
    /// Computes the learning curve in the background (nil: the server does not learn).
    let learning: BackgroundLearning?

    /// Rows an answer holds unless `top` says otherwise, and at most.
    static let defaultRows = 100
    static let maxRows = 2_000

    init(explorer: ProjectExplorer, learning: BackgroundLearning?) {
        self.explorer = explorer
        self.learning = learning
    }

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/explore.js") { _, _ in ReviewController.asset(ExplorePanel.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/explore.css") { _, _ in ReviewController.asset(ExplorePanel.css, type: "text/css; charset=utf-8") }
        router.get("/api/explore") { _, _ in try self.answer { try self.info() } }
        router.get("/api/explore/frequency") { request, _ in try self.answer { try self.frequency(ExploreQuery(request)) } }
        router.get("/api/explore/kwic") { request, _ in try self.answer { try self.kwic(ExploreQuery(request)) } }
        router.get("/api/explore/collocations") { request, _ in try self.answer { try self.collocations(ExploreQuery(request)) } }
        router.get("/api/explore/keyness") { request, _ in try self.answer { try self.keyness(ExploreQuery(request)) } }
        router.get("/api/learning/curve") { _, _ in try self.curve() }
    }

    /// Runs an analysis, timed, and turns what the user can fix into a 400 the panel shows.
    private func answer<T: ResponseEncodable>(_ work: () throws -> T) throws -> EditedResponse<T> {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let value = try work()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            return EditedResponse(headers: [FieldName.serverTiming: "explore;dur=\(String(format: "%.2f", ms))"], response: value)
        } catch let error as InvalidCodebook {
            // A bad pattern: `1:COLUMN: message`, as the command line and the codebook panel say it.
            let problem = error.problems.first
            let located = problem.map { "\($0.location.line):\($0.location.column): \($0.message)" } ?? error.description
            throw APIError(.badRequest, located, column: problem?.location.column)
        } catch let error as ExploreQuery.Invalid {
            throw APIError(.badRequest, error.description)
        } catch let error as ExploreError {
            throw APIError(.badRequest, error.description)
        } catch let error as ProjectError {
            throw APIError(.conflict, error.description)
        }
    }

    // MARK: - Analyses

    /// Variables with more values than this (a weight, an id) are not offered as groups.
    static let maxGroupValues = 200

    func info() throws -> ExploreInfoJSON {
        let scope = try explorer.scope(uncoded: false)
        // The page is the coders': variables hidden from them are not offered.
        let hidden = Set(try explorer.trial.store.variables().filter(\.hidden).map(\.name))
        let variables = scope.variables.compactMap { variable -> ExploreInfoJSON.Variable? in
            let values = scope.corpus.values(of: variable)
            guard values.count <= Self.maxGroupValues, !hidden.contains(variable) else { return nil }
            return ExploreInfoJSON.Variable(name: variable, values: values.map { .init(value: $0.value, count: $0.texts) })
        }
        return ExploreInfoJSON(units: scope.allTexts, language: scope.language, variables: variables)
    }

    func frequency(_ query: ExploreQuery) throws -> RowsJSON<FeatureFrequency> {
        let scope = try explorer.scope(uncoded: try query.flag("uncoded"))
        let rows = scope.corpus.frequency(try query.features())
        return RowsJSON(rows, top: try query.top(), scope: scope)
    }

    func kwic(_ query: ExploreQuery) throws -> KWICJSON {
        let pattern = try query.required("pattern")
        let uncoded = try query.flag("uncoded")
        let found = try explorer.keywordsInContext(pattern, window: try query.integer("window", default: 5, in: 0...50),
                                                   fuzzy: try query.flag("fuzzy"), uncoded: uncoded)
        let top = try query.top()
        return KWICJSON(pattern: pattern, rows: Array(found.rows.prefix(top)), total: found.rows.count,
                        matchedTexts: Set(found.rows.map(\.docname)).count, texts: found.texts,
                        allTexts: try explorer.scope(uncoded: false).allTexts)
    }

    func collocations(_ query: ExploreQuery) throws -> RowsJSON<Collocation> {
        let scope = try explorer.scope(uncoded: try query.flag("uncoded"))
        let rows = scope.corpus.collocations(stems: try query.flag("stems"), removeStopWords: !(try query.flag("stopwords")),
                                             minCount: try query.integer("min", default: 2, in: 1...1_000_000))
        return RowsJSON(rows, top: try query.top(), scope: scope)
    }

    func keyness(_ query: ExploreQuery) throws -> KeynessJSON {
        let group = try GroupSelection(parsing: try query.required("by"))
        let measureName = query.string("measure") ?? KeynessMeasure.chi2.rawValue
        guard let measure = KeynessMeasure(rawValue: measureName) else {
            throw ExploreQuery.Invalid("measure must be chi2 or lr, not `\(measureName)`")
        }
        let scope = try explorer.scope(uncoded: try query.flag("uncoded"))
        let result = try scope.corpus.keyness(group, measure: measure, options: try query.features())
        return KeynessJSON(result, top: try query.top(), scope: scope)
    }

    // MARK: - Learning curve

    func curve() throws -> LearningCurveJSON {
        guard let learning else {
            return LearningCurveJSON(state: "off", reason: "leren staat uit in deze server (--learn-every 0)", computing: false)
        }
        learning.refreshCurve()
        let (latest, computing, problem) = learning.curve
        guard let latest else {
            return LearningCurveJSON(state: problem == nil ? "computing" : "failed", reason: problem, computing: computing)
        }
        return LearningCurveJSON(latest, computing: computing, problem: problem)
    }
}

/// The query of an explore request, read strictly: a value that is not what a parameter takes
/// is refused with its name, never guessed.
struct ExploreQuery {
    let parameters: [String: String]

    struct Invalid: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
        self.parameters = parameters
    }

    func string(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }

    func required(_ name: String) throws -> String {
        guard let value = string(name) else { throw Invalid("`\(name)` is missing") }
        return value
    }

    func flag(_ name: String) throws -> Bool {
        switch parameters[name] {
        case nil, "", "0", "false": return false
        case "1", "true": return true
        case let other?: throw Invalid("`\(name)` must be 1 or 0, not `\(other)`")
        }
    }

    func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Invalid("`\(name)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(text)`")
        }
        return number
    }

    /// Rows to return: `top` (1 to the maximum), default `ExploreRoutes.defaultRows`.
    func top() throws -> Int { try integer("top", default: ExploreRoutes.defaultRows, in: 1...ExploreRoutes.maxRows) }

    /// `ngrams` (1–3), `stems`, and `stopwords` (1 keeps them).
    func features() throws -> FeatureOptions {
        FeatureOptions(ngrams: try integer("ngrams", default: 1, in: 1...3), stems: try flag("stems"), removeStopWords: !(try flag("stopwords")))
    }
}

// MARK: - JSON

struct ExploreInfoJSON: Codable, Sendable {
    struct Value: Codable, Sendable {
        let value: String
        let count: Int
    }
    struct Variable: Codable, Sendable {
        let name: String
        let values: [Value]
    }
    let units: Int
    let language: String
    let variables: [Variable]
}

/// The first rows of a table, how many there are, and the units counted (`texts` of `allTexts`:
/// fewer when only the units without a code were counted).
struct RowsJSON<Row: Codable & Sendable>: Codable, Sendable {
    let rows: [Row]
    let total: Int
    let texts: Int
    let allTexts: Int

    init(_ all: [Row], top: Int, scope: ProjectExplorer.Scope) {
        rows = Array(all.prefix(top))
        total = all.count
        texts = scope.texts
        allTexts = scope.allTexts
    }
}

struct KWICJSON: Codable, Sendable {
    let pattern: String
    let rows: [KWICRow]
    /// Matches, and the units they are in.
    let total: Int
    let matchedTexts: Int
    let texts: Int
    let allTexts: Int
}

struct KeynessJSON: Codable, Sendable {
    let variable: String
    let value: String
    let measure: KeynessMeasure
    let rows: [Keyness]
    let total: Int
    let targetTexts: Int
    let referenceTexts: Int
    let textsWithoutValue: Int
    let targetTotal: Int
    let referenceTotal: Int
    let texts: Int
    let allTexts: Int

    init(_ result: KeynessResult, top: Int, scope: ProjectExplorer.Scope) {
        variable = result.variable
        value = result.value
        measure = result.measure
        rows = Array(result.rows.prefix(top))
        total = result.rows.count
        targetTexts = result.targetTexts
        referenceTexts = result.referenceTexts
        textsWithoutValue = result.textsWithoutValue
        targetTotal = result.targetTotal
        referenceTotal = result.referenceTotal
        texts = scope.texts
        allTexts = scope.allTexts
    }
}

/// The learning curve for the page: `state` is `ready` (points and the report's chart),
/// `unavailable` (too few decisions: `reason`), `computing` (none yet), `failed` or `off`.
/// `computing` is also true while a newer curve is on its way.
struct LearningCurveJSON: Codable, Sendable {
    struct Point: Codable, Sendable {
        let decisions: Int
        let codesWithModel: Int
        /// Micro F1 of pattern-only, learned-only and combined suggestions.
        let pattern: Double
        let learned: Double
        let combined: Double
    }
    let state: String
    let reason: String?
    let computing: Bool
    let decidedAnswers: Int?
    let lastDecision: Int64?
    let points: [Point]
    /// The chart (the HTML report's SVG): pattern-only against combined.
    let svg: String?

    init(state: String, reason: String?, computing: Bool) {
        self.state = state
        self.reason = reason
        self.computing = computing
        decidedAnswers = nil
        lastDecision = nil
        points = []
        svg = nil
    }

    init(_ snapshot: LearningCurveSnapshot, computing: Bool, problem: String?) {
        let points = snapshot.points
        state = points.isEmpty ? "unavailable" : "ready"
        reason = snapshot.reason ?? problem
        self.computing = computing
        decidedAnswers = snapshot.decidedAnswers
        lastDecision = snapshot.lastDecision
        self.points = points.map {
            Point(decisions: $0.decisions, codesWithModel: $0.codesWithModel, pattern: $0.report.microPattern.f1,
                  learned: $0.report.microLearned.f1, combined: $0.report.microCombined.f1)
        }
        svg = points.isEmpty ? nil : HTMLReport.svg(ReportDocument.Curve(x: points.map(\.decisions), lines: [
            ("patronen", points.map(\.report.microPattern.f1)), ("samen", points.map(\.report.microCombined.f1)),
        ]))
    }
}
