import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The units a review session is about: those of a question and `--where` filters, and how
/// the page names them ("vraag `steun`, bestuurslaag=gemeente").
public struct ReviewScope: Sendable {
    public let ids: Set<String>
    public let description: String
    /// The question of the units (nil: interview turns); its codebook gives the page's codes.
    public let question: String?

    public init(ids: Set<String>, description: String, question: String? = nil) {
        self.ids = ids
        self.description = description
        self.question = question
    }
}

/// The review page's handlers over one project store, for one coder.
///
/// Store calls are synchronous and short (indexed lookups, one small write); decisions are
/// applied one at a time, so a toggle always sees the state left by the previous decision.
public final class ReviewController: Sendable {
    /// The project the decisions go to.
    public let store: ProjectStore
    /// Whose decisions these are.
    public let coder: String
    let token: String
    private let decisionLock = NSLock()
    /// Retrains the models in the background as decisions come in (nil: no learning).
    public let learning: BackgroundLearning?
    /// The units this review is about (a question, `--where`); nil: all.
    public let scope: ReviewScope?
    /// Blind double coding: no other coder's codes or memos, no conflict filter.
    public let blind: Bool

    /// Largest request body accepted (a memo is the only free text).
    static let maxBody = 64 * 1024
    static let maxMemo = 20_000

    /// A controller for `coder` on `store`; requests must carry `token`.
    public init(store: ProjectStore, coder: String, token: String, learning: BackgroundLearning? = nil, scope: ReviewScope? = nil,
                blind: Bool = false) {
        self.store = store
        self.coder = coder
        self.token = token
        self.learning = learning
        self.scope = scope
        self.blind = blind
    }

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/") { request, _ in self.page(request) }
        router.get("/app.js") { _, _ in Self.asset(Page.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.asset(Page.css, type: "text/css; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/api/meta") { _, _ in try self.meta() }
        router.get("/api/units") { request, _ in try self.units(request) }
        router.get("/api/unit") { request, _ in try self.unit(request) }
        router.post("/api/rows") { request, context in
            try self.rows(try await request.decodeJSON(RowsRequest.self, context: context, what: "a list of unit ids"))
        }
        router.get("/list.js") { _, _ in Self.asset(ListView.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/list.css") { _, _ in Self.asset(ListView.css, type: "text/css; charset=utf-8") }
        router.post("/api/decision") { request, context in
            try self.decide(try await request.decodeJSON(DecisionRequest.self, context: context, what: "a decision"))
        }
        router.post("/api/quote") { request, context in
            try self.quoteChoice(try await request.decodeJSON(QuoteChoiceRequest.self, context: context, what: "a quote choice"))
        }
        router.post("/api/bulk") { request, context in
            try self.bulk(try await request.decodeJSON(BulkRequest.self, context: context, what: "a bulk decision"))
        }
        router.post("/api/bulk/undo") { request, context in
            try self.undoBulk(try await request.decodeJSON(BulkUndoRequest.self, context: context, what: "a batch to undo"))
        }
        let trial = PatternTrial(store: store)
        CodebookRoutes(trial: trial, coder: coder, learning: learning).addRoutes(to: router)
        ExploreRoutes(explorer: ProjectExplorer(trial: trial), learning: learning).addRoutes(to: router)
    }

    // MARK: - Page

    func page(_ request: Request) -> Response {
        guard let given = request.uri.queryParameters.get("token"), ReviewServer.sameToken(given, token) else {
            return Self.html(Page.forbidden, status: .forbidden)
        }
        return Self.html(Page.html.replacingOccurrences(of: "{{TOKEN}}", with: token), status: .ok)
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Reading

    func meta() throws -> MetaJSON {
        // Without a scope the project has at most one question: its codebook gives the codes.
        let question = try scope.map(\.question) ?? store.questions().first?.name
        let codebook = try store.latestCodebook(question: question)
        let variables = try store.groupValues(maxValues: 200)
        let groups = variables.filter { !$0.tooMany && !$0.values.isEmpty }.map {
            GroupJSON(variable: $0.variable.name, label: $0.variable.label,
                      values: $0.values.map { GroupJSON.Value(value: $0.value, count: $0.count) })
        }
        let project = store.path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "(in memory)"
        return MetaJSON(project: project, coder: coder, codebook: codebook.map { CodebookJSON(id: $0.id, name: $0.name) },
                        codes: CodeJSON.list(codebook), groups: groups,
                        variables: variables.map { VariableJSON(name: $0.variable.name, label: $0.variable.label) },
                        selection: scope?.description, blind: blind)
    }

    func units(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let filter = try reviewFilter(status: query.get("status"), code: query.get("code"), group: query.get("group"), search: query.get("q"))
        let sort = query.get("sort").flatMap { $0.isEmpty ? nil : $0 }
        let list: ReviewList
        do {
            list = try store.reviewList(coder: coder, filter: filter, orderedBy: sort)
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        let json = UnitListJSON(ids: list.ids, reviewed: list.reviewed, total: list.total, reviewedTotal: list.reviewedTotal)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.encoded())))
    }

    /// The filter of the page's controls, within the review's scope; the search index is
    /// brought up to date first when there are words to search.
    func reviewFilter(status: String?, code: String?, group: String?, search: String?) throws -> ReviewFilter {
        var filter = ReviewFilter(scope: scope?.ids)
        if let status, !status.isEmpty {
            guard let parsed = ReviewFilter.Status(rawValue: status) else {
                throw APIError(.badRequest, "unknown status `\(status)`; use one of \(ReviewFilter.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if blind && parsed == .conflict { throw APIError(.badRequest, "blind coding: other coders' codes are not shown, so there is no conflict filter") }
            filter.status = parsed
        }
        if let code, !code.isEmpty { filter.code = code }
        if let group, !group.isEmpty {
            guard let eq = group.firstIndex(of: "=") else {
                throw APIError(.badRequest, "group must be variable=value")
            }
            let variable = String(group[..<eq])
            guard try !store.variables().contains(where: { $0.name == variable && $0.hidden }) else {
                throw APIError(.badRequest, "there is no variable `\(variable)` to filter by")
            }
            filter.group = (variable, String(group[group.index(after: eq)...]))
        }
        if let search, let words = TextSearch(search) {
            try store.updateSearchIndex()
            filter.search = words
        }
        return filter
    }

    func unit(_ request: Request) throws -> UnitJSON {
        guard let id = request.uri.queryParameters.get("id") else { throw APIError(.badRequest, "missing ?id=") }
        guard let review = try store.reviewUnit(id: id, coder: coder) else { throw APIError(.notFound, "no unit `\(id)`") }
        return UnitJSON(review, coder: coder, blind: blind)
    }

    /// The list view's rows for a page of the filter's ids.
    func rows(_ body: RowsRequest) throws -> ListRowsJSON {
        guard body.ids.count <= ProjectStore.maxReviewRows else {
            throw APIError(.badRequest, "at most \(ProjectStore.maxReviewRows) ids at once, not \(body.ids.count); ask for a page of the list")
        }
        return ListRowsJSON(rows: try store.reviewRows(ids: body.ids, coder: coder).map { ListRowJSON($0, coder: coder) })
    }

    // MARK: - Deciding

    func decide(_ decision: DecisionRequest) throws -> DecisionResponse {
        do {
            return try decisionLock.withLock { try apply(decision) }
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
    }

    /// One decision on every unit the page's filter shows: refused unless the filter still
    /// shows the `expected` number of units the coder confirmed.
    func bulk(_ body: BulkRequest) throws -> BulkResponse {
        let filter = try reviewFilter(status: body.status, code: body.code, group: body.group, search: body.q)
        let ids = try store.reviewList(coder: coder, filter: filter).ids
        guard ids.count == body.expected else {
            throw APIError(.conflict, "the filter now shows \(ids.count) answers, not \(body.expected); nothing was recorded, look again and confirm")
        }
        let outcome: BulkOutcome
        do {
            outcome = try decisionLock.withLock { try store.bulkDecide(units: ids, code: body.target, applies: body.applies, coder: coder) }
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        if outcome.recorded > 0 { learning?.recorded(outcome.recorded) }
        return BulkResponse(batch: outcome.batch, recorded: outcome.recorded, unchanged: outcome.unchanged)
    }

    /// Pins the unit as a quote for a code, bans it, or clears that; `duiding quotes` and the
    /// report follow the choice.
    func quoteChoice(_ body: QuoteChoiceRequest) throws -> QuoteChoiceResponse {
        guard let choice = QuoteChoice(rawValue: body.choice) else {
            throw APIError(.badRequest, "choice must be pin, ban or clear, not `\(body.choice)`")
        }
        do {
            try store.setQuoteChoice(choice, unit: body.unit, code: body.code, coder: coder)
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        return QuoteChoiceResponse(unit: body.unit, quotes: try store.quoteChoices(unit: body.unit).mapValues(\.rawValue))
    }

    func undoBulk(_ body: BulkUndoRequest) throws -> BulkResponse {
        let undone = try decisionLock.withLock { try store.undoBatch(body.batch, coder: coder) }
        return BulkResponse(batch: body.batch, recorded: 0, unchanged: 0, undone: undone)
    }

    /// Turns a page action into log entries, records them, and returns the new state.
    private func apply(_ d: DecisionRequest) throws -> DecisionResponse {
        guard let before = try store.reviewUnit(id: d.unit, coder: coder) else {
            throw APIError(.notFound, "no unit `\(d.unit)`")
        }
        guard let codebook = before.codebook else {
            throw APIError(.conflict, "the project has no codebook version yet; run `duiding recode` first")
        }
        let state = before.state
        let wasReviewed = state.reviewedBy.contains(coder)
        func entry(_ action: DecisionAction, _ code: String? = nil, memo: String? = nil, passage: Range<Int>? = nil) -> NewDecision {
            NewDecision(unitID: d.unit, codeID: code, action: action, coder: coder, memo: memo, passage: passage)
        }
        func knownCode() -> String? {
            guard let code = d.code, codebook.codes.contains(where: { $0.id == code }) else { return nil }
            return code
        }
        var entries: [NewDecision] = []
        var undone = 0
        switch d.action {
        case "acceptAll":
            let open = codebook.codes.map(\.id).filter { state.suggested.contains($0) && state.decided[$0] == nil }
            if !open.isEmpty {
                entries = open.map { entry(.accept, $0) }
            } else if !wasReviewed {
                entries = [entry(.done)]
            }
        case "toggle":
            guard let code = knownCode() else { throw unknownCode(d.code, codebook) }
            if state.codes.contains(code) {
                entries = [entry(.reject, code)]
            } else {
                entries = [entry(state.action(code, applies: true), code)]
            }
        case "accept", "add":
            guard let code = knownCode() else { throw unknownCode(d.code, codebook) }
            if d.start != nil || d.end != nil {
                // A passage: the code applies to it, beside the code's other passages.
                guard let start = d.start, let end = d.end else { throw APIError(.badRequest, "a passage needs both start and end") }
                entries = [entry(state.action(code, applies: true), code, passage: try Passage.range(start: start, end: end))]
                break
            }
            let decidedPresent = state.decided[code].map { $0.action != .reject } ?? false
            if !decidedPresent {
                entries = [entry(state.action(code, applies: true), code)]
            }
        case "reject":
            guard let code = knownCode() else { throw unknownCode(d.code, codebook) }
            if state.decided[code]?.action != .reject { entries = [entry(.reject, code)] }
        case "done":
            entries = [entry(.done)]
        case "memo":
            let memo = d.memo ?? ""
            guard memo.utf16.count <= Self.maxMemo else {
                throw APIError(.contentTooLarge, "the memo is longer than \(Self.maxMemo) characters")
            }
            if memo != (state.memo ?? "") { entries = [entry(.memo, memo: memo)] }
        case "undo":
            let count = d.count ?? 1
            guard (1...100).contains(count) else { throw APIError(.badRequest, "count must be 1 to 100") }
            for _ in 0..<count {
                guard try store.undoLast(unit: d.unit, coder: coder) != nil else { break }
                undone += 1
            }
        default:
            throw APIError(.badRequest, "unknown action `\(d.action)`")
        }
        let recorded = entries.isEmpty ? [] : try store.record(entries)
        if !recorded.isEmpty { learning?.recorded(recorded.count) }
        guard let after = try store.reviewUnit(id: d.unit, coder: coder) else {
            throw APIError(.notFound, "no unit `\(d.unit)`")
        }
        return DecisionResponse(unit: d.unit, recorded: recorded, undone: undone, wasReviewed: wasReviewed,
                                state: StateJSON(after.state, coder: coder, codebook: after.codebook))
    }

    private func unknownCode(_ code: String?, _ codebook: CodebookVersion) -> APIError {
        let known = codebook.codes.map(\.id).joined(separator: ", ")
        guard let code else { return APIError(.badRequest, "this action needs a code (one of \(known))") }
        return APIError(.badRequest, "`\(code)` is not a code of the current codebook (\(known))")
    }
}
