import Hummingbird

/// Keeps the review server to its own page on this machine (or behind its TLS proxy):
/// - the Host header must name an allowed host (a loopback name when bound to loopback, and the
///   public URL's host), so a web page cannot reach the server through DNS rebinding;
/// - a request another site's page made (`Sec-Fetch-Site: cross-site`/`same-site`, or an
///   `Origin` other than the server's own) is refused;
/// - the API needs the token in `X-Duiding-Token`: the server's token for one coder, or, on a
///   team server, the signed-in session's CSRF token beside its cookie; a POST must be JSON;
/// - every response forbids framing, sniffing, caching and loading anything from elsewhere.
/// It sets the request's `identity`: who is deciding.
struct ReviewGuard: RouterMiddleware {
    typealias Context = ReviewRequestContext
    let access: ReviewAccess
    /// Blind review: a coder without an account does not lead (sees no other coder's work).
    let blind: Bool
    /// Host names (without port) the Host header may carry; nil accepts any (wildcard bind).
    let allowedHosts: Set<String>?
    /// The origin (`https://host`) of the public URL behind a proxy, if any.
    let publicOrigin: String?

    static var tokenField: FieldName { .duidingToken }

    /// Paths a team server serves before sign-in.
    static let open: Set<String> = ["/signin", "/signin.js", "/app.css", "/favicon.ico", "/api/signin"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            var context = context
            context.identity = try check(request)
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Answered here, so that refusals and errors carry the headers below too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        response.headers[FieldName.referrerPolicy] = "no-referrer"
        response.headers[FieldName.frameOptions] = "DENY"
        return response
    }

    /// Who makes the request (nil: nobody signed in, on a path that needs no one); throws the
    /// refusal (an `APIError`) of a request that may not go on.
    private func check(_ request: Request) throws -> ReviewIdentity? {
        guard let authority = request.head.authority, let host = Self.hostName(authority) else {
            throw refusal("a Host header is required")
        }
        if let allowedHosts, !allowedHosts.contains(host) {
            throw refusal("this server answers only to \(allowedHosts.sorted().joined(separator: ", ")), not to `\(host)`")
        }
        if let site = request.headers[FieldName.fetchSite], site != "same-origin", site != "none" {
            throw refusal("cross-site requests are refused")
        }
        if let origin = request.headers[.origin], origin != "http://\(authority)", origin != publicOrigin {
            throw refusal("requests from \(origin) are refused")
        }
        let path = request.uri.path
        if request.method == .post {
            guard path.hasPrefix("/api/") else { throw refusal("only GET outside the API") }
            guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
                throw APIError(.unsupportedMediaType, "a POST must be application/json")
            }
        } else if request.method != .get && (request.method != .head || path.hasPrefix("/api/")) {
            throw refusal(path.hasPrefix("/api/") ? "only GET and POST" : "only GET outside the API")
        }
        let identity: ReviewIdentity?
        switch access {
        case .single(let coder, let token):
            identity = ReviewIdentity(coder: coder, lead: !blind, token: token)
        case .team(let sessions):
            switch try sessions.identity(request) {
            case .signedIn(let signedIn): identity = signedIn
            case .expired where path.hasPrefix("/api/") && !Self.open.contains(path):
                throw APIError(.unauthorized, "your session has run out (or you were signed out); sign in again at /signin")
            case .none where path.hasPrefix("/api/") && !Self.open.contains(path):
                throw APIError(.unauthorized, "not signed in; sign in at /signin")
            case .none, .expired: identity = nil
            }
        }
        guard path.hasPrefix("/api/"), !Self.open.contains(path) else { return identity }
        guard let identity, let given = request.headers[Self.tokenField], ReviewServer.sameToken(given, identity.token) else {
            throw refusal("missing or wrong session token; reload the page from the link `duiding review` printed")
        }
        return identity
    }

    private func refusal(_ message: String) -> APIError { APIError(.forbidden, message) }

    /// The host part of an authority (`127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `[::1]`), lower-cased.
    static func hostName(_ authority: String) -> String? {
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            host = host[...close]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host.isEmpty ? nil : String(host)
    }

}

/// A header name (HTTPTypes' `HTTPField.Name`, which Hummingbird does not re-export by name).
typealias FieldName = HTTPFields.Element.Name

extension FieldName {
    /// The session token header of the review API.
    static var duidingToken: Self { named("X-Duiding-Token") }
    static var referrerPolicy: Self { named("Referrer-Policy") }
    static var frameOptions: Self { named("X-Frame-Options") }
    static var fetchSite: Self { named("Sec-Fetch-Site") }

    private static func named(_ name: String) -> Self {
        guard let field = FieldName(name) else { preconditionFailure("`\(name)` is not a valid header name") }
        return field
    }
}
