import Hummingbird

/// Keeps the review server to its own page on this machine:
/// - the Host header must name an allowed host (a loopback name when bound to loopback), so a
///   web page cannot reach the server through DNS rebinding;
/// - a request another site's page made (`Sec-Fetch-Site: cross-site`/`same-site`, or an
///   `Origin` other than the server's own) is refused;
/// - the API needs the session token in `X-Duiding-Token`, and a POST must be JSON;
/// - every response forbids framing, sniffing, caching and loading anything from elsewhere.
struct ReviewGuard<Context: RequestContext>: RouterMiddleware {
    let token: String
    /// Host names (without port) the Host header may carry; nil accepts any (wildcard bind).
    let allowedHosts: Set<String>?

    static var tokenField: FieldName { .duidingToken }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = try check(request) {
            response = refusal
        } else {
            response = try await next(request, context)
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

    /// A refusal, or nil when the request may go on.
    private func check(_ request: Request) throws -> Response? {
        guard let authority = request.head.authority, let host = Self.hostName(authority) else {
            return try refuse("a Host header is required")
        }
        if let allowedHosts, !allowedHosts.contains(host) {
            return try refuse("this server answers only to \(allowedHosts.sorted().joined(separator: ", ")), not to `\(host)`")
        }
        if let site = request.headers[FieldName.fetchSite], site != "same-origin", site != "none" {
            return try refuse("cross-site requests are refused")
        }
        if let origin = request.headers[.origin], origin != "http://\(authority)" {
            return try refuse("requests from \(origin) are refused")
        }
        let path = request.uri.path
        guard path.hasPrefix("/api/") else {
            return request.method == .get || request.method == .head ? nil : try refuse("only GET outside the API")
        }
        guard let given = request.headers[Self.tokenField], ReviewServer.sameToken(given, token) else {
            return try refuse("missing or wrong session token; reload the page from the link `duiding review` printed")
        }
        if request.method == .post {
            guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
                return try ReviewController.error(.unsupportedMediaType, "a POST must be application/json")
            }
        } else if request.method != .get {
            return try refuse("only GET and POST")
        }
        return nil
    }

    private func refuse(_ message: String) throws -> Response {
        try ReviewController.error(.forbidden, message)
    }

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
