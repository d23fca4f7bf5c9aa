import DuidingProject
import DuidingStore
import Foundation
import Hummingbird
import Synchronization

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

/// The review page's handlers over one project store, for one coder or a team of signed-in
/// coders (`access`); each request's coder is the guard's `identity`.
///
/// Store calls are synchronous and short (indexed lookups, one small write). A coder's
/// decisions are applied one at a time, so a toggle always sees the state left by that coder's
/// previous decision; a coder's state is made of their own decisions only, so coders do not
/// wait for each other but at SQLite's one writer, and each decision is its own transaction:
/// several coders at once lose none.
public final class ReviewController: Sendable {
    /// The project the decisions go to.
    public let store: ProjectStore
    /// One coder named on the command line, or the project's coder accounts.
    public let access: ReviewAccess
    private let decisionLocks = CoderLocks()
    /// Retrains the models in the background as decisions come in (nil: no learning).
    public let learning: BackgroundLearning?
    /// The units this review is about (a question, `--where`); nil: all.
    public let scope: ReviewScope?
    /// Blind double coding: no other coder's codes or memos, no conflict filter (a lead
    /// still sees them, to reconcile).
    public let blind: Bool
    /// How the coders compare, kept between requests for the team panel and the reconcile view.
    let comparison: TeamComparison
    /// The lists the coders' pages are paging through.
    let lists = KeptLists()

    /// Largest request body accepted (a memo is the only free text).
    static let maxBody = 64 * 1024
    static let maxMemo = 20_000

    /// A controller on `store` for the coders `access` lets in.
    public init(store: ProjectStore, access: ReviewAccess, learning: BackgroundLearning? = nil, scope: ReviewScope? = nil,
                blind: Bool = false) {
        self.store = store
        self.access = access
        self.learning = learning
        self.scope = scope
        self.blind = blind
        self.comparison = TeamComparison(store, scope: scope?.ids)
    }

    /// Prepares the store's review lists (`ProjectStore.prepareReview`) and the team
    /// comparison in the background; the requests that come meanwhile wait for them. Standard error says so when it takes a second
    /// or more (a large project), and says what went wrong if it fails: the requests then
    /// report it too.
    func prepare() {
        comparison.prepare()
        let store = store
        Thread.detachNewThread {
            let started = ContinuousClock.now
            let outcome = Result { try store.prepareReview() }
            let took = ContinuousClock.now - started
            switch outcome {
            case .success where took >= .seconds(1):
                let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
                FileHandle.standardError.write(Data("review lists prepared in \(String(format: "%.1f", seconds)) s (the first requests waited for them)\n".utf8))
            case .success: break
            case .failure(let error):
                FileHandle.standardError.write(Data("could not prepare the review lists: \(error)\n".utf8))
            }
        }
    }

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/") { request, context in self.page(request, context.identity) }
        router.get("/app.js") { _, _ in Self.asset(Page.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.asset(Page.css, type: "text/css; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/api/meta") { _, context in try self.meta(try context.signedIn()) }
        router.get("/api/units") { request, context in try self.units(request, try context.signedIn()) }
        router.get("/api/units/page") { request, context in try self.unitsPage(request, try context.signedIn()) }
        router.get("/api/unit") { request, context in try self.unit(request, try context.signedIn()) }
        router.post("/api/rows") { request, context in
            try self.rows(try await request.decodeJSON(RowsRequest.self, context: context, what: "a list of unit ids"), try context.signedIn())
        }
        router.get("/list.js") { _, _ in Self.asset(ListView.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/list.css") { _, _ in Self.asset(ListView.css, type: "text/css; charset=utf-8") }
        router.post("/api/decision") { request, context in
            let decision = try await request.decodeJSON(DecisionRequest.self, context: context, what: "a decision"), who = try context.signedIn()
            return try await offThePool { try self.decide(decision, who) }
        }
        router.post("/api/quote") { request, context in
            try self.quoteChoice(try await request.decodeJSON(QuoteChoiceRequest.self, context: context, what: "a quote choice"), try context.signedIn())
        }
        router.post("/api/bulk") { request, context in
            try self.bulk(try await request.decodeJSON(BulkRequest.self, context: context, what: "a bulk decision"), try context.signedIn())
        }
        router.post("/api/bulk/undo") { request, context in
            try self.undoBulk(try await request.decodeJSON(BulkUndoRequest.self, context: context, what: "a batch to undo"), try context.signedIn())
        }
        let trial = PatternTrial(store: store)
        CodebookRoutes(trial: trial, learning: learning).addRoutes(to: router)
        TeamRoutes(controller: self).addRoutes(to: router)
        if case .team(let sessions) = access { SignInRoutes(sessions: sessions).addRoutes(to: router) }
        ExploreRoutes(explorer: ProjectExplorer(trial: trial), learning: learning).addRoutes(to: router)
    }

    // MARK: - Page

    /// The page, with the token its API requests carry: for one coder, only to whoever has
    /// the printed link with the token; on a team server, to a signed-in coder (anyone else is
    /// sent to sign in).
    func page(_ request: Request, _ identity: ReviewIdentity?) -> Response {
        guard let identity else { return Response(status: .seeOther, headers: [.location: "/signin"]) }
        if case .single = access {
            guard let given = request.uri.queryParameters.get("token"), ReviewServer.sameToken(given, identity.token) else {
                return Self.html(Page.forbidden, status: .forbidden)
            }
        }
        return Self.html(Page.html.replacingOccurrences(of: "{{TOKEN}}", with: identity.token), status: .ok)
    }

    /// Whether `who` sees the other coders' codes and memos.
    func seesOthers(_ who: ReviewIdentity) -> Bool { who.lead || !blind }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Reading

    func meta(_ who: ReviewIdentity) throws -> MetaJSON {
        // Without a scope the project has at most one question: its codebook gives the codes.
        let question = try scope.map(\.question) ?? store.questionNames().first
        let codebook = try store.latestCodebook(question: question)
        let variables = try store.groupValues(maxValues: 200)
        let groups = variables.filter { !$0.tooMany && !$0.values.isEmpty }.map { group in
            let variable = group.variable
            return GroupJSON(variable: variable.name, label: variable.label,
                             values: group.values.map { GroupJSON.Value(value: $0.value, label: variable.shown($0.value), count: $0.count) })
        }
        let project = store.path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "(in memory)"
        return MetaJSON(project: project, coder: who.coder, lead: who.lead, team: { if case .team = access { true } else { false } }(), codebook: codebook.map { CodebookJSON(id: $0.id, name: $0.name) },
                        codes: CodeJSON.list(codebook), groups: groups,
                        variables: variables.map { VariableJSON(name: $0.variable.name, label: $0.variable.label) },
                        selection: scope?.description, blind: !seesOthers(who))
    }

    /// Most ids in one page of a list.
    static let maxPage = 10_000

    /// The units of the page's filter: all of them, or with `limit=` the first page of a list
    /// kept for paging (`unitsPage`), the page with the unit `at=` if it is in the list, else
    /// the one with the first unit the coder has not reviewed.
    func units(_ request: Request, _ who: ReviewIdentity) throws -> Response {
        let query = request.uri.queryParameters
        let filter = try reviewFilter(status: query.get("status"), code: query.get("code"), group: query.get("group"), search: query.get("q"), who)
        let sort = query.get("sort").flatMap { $0.isEmpty ? nil : $0 }
        let limit = try query.get("limit").map { try Self.pageSize($0) }
        let selection: ReviewSelection
        do {
            selection = try store.reviewSelection(coder: who.coder, filter: filter, orderedBy: sort)
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        guard let limit else { return Self.json(UnitListJSON(selection.list).encoded()) }
        let at = query.get("at").flatMap { selection.index(of: $0) }
        let start = at ?? selection.reviewed.firstIndex(of: false) ?? 0
        let page = ListPageJSON(list: lists.keep(selection, for: who.coder), count: selection.count, from: start / limit * limit,
                                start: start, at: at ?? -1)
        return Self.json(UnitListJSON(selection, page: page, limit: limit).encoded(page: page))
    }

    /// `limit=` ids of the kept list `list=` from `from=` (see `units`).
    func unitsPage(_ request: Request, _ who: ReviewIdentity) throws -> Response {
        let query = request.uri.queryParameters
        guard let number = query.get("list").flatMap(Int.init), let from = query.get("from").flatMap(Int.init), from >= 0 else {
            throw APIError(.badRequest, "a page needs list= (the number /api/units gave) and from= (an index from 0)")
        }
        let limit = try Self.pageSize(query.get("limit") ?? "")
        guard let selection = lists.list(number, of: who.coder) else {
            throw APIError(.gone, "list \(number) is no longer kept (newer lists replaced it); ask /api/units for the filter again")
        }
        let page = ListPageJSON(list: number, count: selection.count, from: from, start: from, at: -1)
        return Self.json(UnitListJSON(selection, page: page, limit: limit).encoded(page: page))
    }

    private static func pageSize(_ text: String) throws -> Int {
        guard let limit = Int(text), (1...maxPage).contains(limit) else {
            throw APIError(.badRequest, "limit must be a number of ids from 1 to \(maxPage), not `\(text)`")
        }
        return limit
    }

    private static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The filter of the page's controls, within the review's scope; the search index is
    /// brought up to date first when there are words to search.
    func reviewFilter(status: String?, code: String?, group: String?, search: String?, _ who: ReviewIdentity) throws -> ReviewFilter {
        var filter = ReviewFilter(scope: scope?.ids)
        if let status, !status.isEmpty {
            guard let parsed = ReviewFilter.Status(rawValue: status) else {
                throw APIError(.badRequest, "unknown status `\(status)`; use one of \(ReviewFilter.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !seesOthers(who) && parsed == .conflict { throw APIError(.badRequest, "blind coding: other coders' codes are not shown, so there is no conflict filter") }
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

    func unit(_ request: Request, _ who: ReviewIdentity) throws -> UnitJSON {
        guard let id = request.uri.queryParameters.get("id") else { throw APIError(.badRequest, "missing ?id=") }
        guard let review = try store.reviewUnit(id: id, coder: who.coder) else { throw APIError(.notFound, "no unit `\(id)`") }
        return UnitJSON(review, coder: who.coder, blind: !seesOthers(who))
    }

    /// The list view's rows for a page of the filter's ids.
    func rows(_ body: RowsRequest, _ who: ReviewIdentity) throws -> ListRowsJSON {
        guard body.ids.count <= ProjectStore.maxReviewRows else {
            throw APIError(.badRequest, "at most \(ProjectStore.maxReviewRows) ids at once, not \(body.ids.count); ask for a page of the list")
        }
        return ListRowsJSON(rows: try store.reviewRows(ids: body.ids, coder: who.coder).map { ListRowJSON($0, coder: who.coder) })
    }

    // MARK: - Deciding

    func decide(_ decision: DecisionRequest, _ who: ReviewIdentity) throws -> DecisionResponse {
        try Self.check(decision.coder, is: who)
        do {
            return try decisionLocks.withLock(for: who.coder) { try apply(decision, who) }
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
    }

    /// One decision on every unit the page's filter shows: refused unless the filter still
    /// shows the `expected` number of units the coder confirmed.
    func bulk(_ body: BulkRequest, _ who: ReviewIdentity) throws -> BulkResponse {
        try Self.check(body.coder, is: who)
        let filter = try reviewFilter(status: body.status, code: body.code, group: body.group, search: body.q, who)
        let ids = try store.reviewList(coder: who.coder, filter: filter).ids
        guard ids.count == body.expected else {
            throw APIError(.conflict, "the filter now shows \(ids.count) answers, not \(body.expected); nothing was recorded, look again and confirm")
        }
        let outcome: BulkOutcome
        do {
            outcome = try decisionLocks.withLock(for: who.coder) { try store.bulkDecide(units: ids, code: body.target, applies: body.applies, coder: who.coder) }
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        if outcome.recorded > 0 { learning?.recorded(outcome.recorded) }
        return BulkResponse(batch: outcome.batch, recorded: outcome.recorded, unchanged: outcome.unchanged)
    }

    /// Pins the unit as a quote for a code, bans it, or clears that; `duiding quotes` and the
    /// report follow the choice.
    func quoteChoice(_ body: QuoteChoiceRequest, _ who: ReviewIdentity) throws -> QuoteChoiceResponse {
        guard let choice = QuoteChoice(rawValue: body.choice) else {
            throw APIError(.badRequest, "choice must be pin, ban or clear, not `\(body.choice)`")
        }
        do {
            try store.setQuoteChoice(choice, unit: body.unit, code: body.code, coder: who.coder)
        } catch let error as ProjectError {
            throw APIError(.badRequest, error.description)
        }
        return QuoteChoiceResponse(unit: body.unit, quotes: try store.quoteChoices(unit: body.unit).mapValues(\.rawValue))
    }

    func undoBulk(_ body: BulkUndoRequest, _ who: ReviewIdentity) throws -> BulkResponse {
        let undone = try decisionLocks.withLock(for: who.coder) { try store.undoBatch(body.batch, coder: who.coder) }
        return BulkResponse(batch: body.batch, recorded: 0, unchanged: 0, undone: undone)
    }

    /// Turns a page action into log entries, records them, and returns the new state.
    private func apply(_ d: DecisionRequest, _ who: ReviewIdentity) throws -> DecisionResponse {
        let coder = who.coder
        guard let before = try store.decisionState(unit: d.unit, coder: coder) else {
            throw APIError(.notFound, "no unit `\(d.unit)`")
        }
        guard let codes = before.codes else {
            throw APIError(.conflict, "the project has no codebook version yet; run `duiding recode` first")
        }
        let state = before.state
        let wasReviewed = state.reviewedBy.contains(coder)
        func entry(_ action: DecisionAction, _ code: String? = nil, memo: String? = nil, passage: Range<Int>? = nil) -> NewDecision {
            NewDecision(unitID: d.unit, codeID: code, action: action, coder: coder, memo: memo, passage: passage)
        }
        func knownCode() -> String? {
            guard let code = d.code, codes.contains(where: { $0.id == code }) else { return nil }
            return code
        }
        var entries: [NewDecision] = []
        var undone = 0
        switch d.action {
        case "acceptAll":
            let open = codes.map(\.id).filter { state.suggested.contains($0) && state.decided[$0] == nil }
            if !open.isEmpty {
                entries = open.map { entry(.accept, $0) }
            } else if !wasReviewed {
                entries = [entry(.done)]
            }
        case "toggle":
            guard let code = knownCode() else { throw unknownCode(d.code, codes) }
            if state.codes.contains(code) {
                entries = [entry(.reject, code)]
            } else {
                entries = [entry(state.action(code, applies: true), code)]
            }
        case "accept", "add":
            guard let code = knownCode() else { throw unknownCode(d.code, codes) }
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
            guard let code = knownCode() else { throw unknownCode(d.code, codes) }
            if state.decided[code]?.action != .reject { entries = [entry(.reject, code)] }
        case "final":
            guard who.lead else { throw APIError(.forbidden, "only a lead makes final decisions; \(coder) is not one (`duiding coder add --lead`)") }
            guard let code = knownCode(), let applies = d.applies else { throw unknownCode(d.code, codes) }
            entries = [NewDecision(unitID: d.unit, codeID: code, action: state.action(code, applies: applies), coder: coder, final: true)]
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
        guard let after = try store.decisionState(unit: d.unit, coder: coder) else {
            throw APIError(.notFound, "no unit `\(d.unit)`")
        }
        return DecisionResponse(unit: d.unit, recorded: recorded, undone: undone, wasReviewed: wasReviewed,
                                state: StateJSON(after.state, coder: coder, codes: after.codes ?? []))
    }

    /// A body that names a coder must name the one who sends it.
    static func check(_ named: String?, is who: ReviewIdentity) throws {
        if let named, named != who.coder {
            throw APIError(.forbidden, "you are signed in as \(who.coder); a decision for \(named) is refused, nothing was recorded")
        }
    }

    private func unknownCode(_ code: String?, _ codes: [StoredCode]) -> APIError {
        let known = codes.map(\.id).joined(separator: ", ")
        guard let code else { return APIError(.badRequest, "this action needs a code (one of \(known))") }
        return APIError(.badRequest, "`\(code)` is not a code of the current codebook (\(known))")
    }
}

/// One lock per coder: a coder's read-decide-write steps run one at a time.
final class CoderLocks: Sendable {
    private let locks = Mutex<[String: NSLock]>([:])

    func withLock<T>(for coder: String, _ body: () throws -> T) rethrows -> T {
        let lock = locks.withLock { locks in
            if let lock = locks[coder] { return lock }
            let lock = NSLock()
            locks[coder] = lock
            return lock
        }
        return try lock.withLock(body)
    }
}
