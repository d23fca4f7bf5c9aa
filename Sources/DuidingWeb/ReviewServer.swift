import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The review server: one page and a small JSON API over a project, for one coder or a team
/// of coders with accounts (see `ReviewAccess`).
///
/// Routes: `GET /?token=…` the page; `GET /app.js`, `/app.css`; and, with the session token in
/// `X-Duiding-Token`: `GET /api/meta`, `GET /api/units?status=&code=&group=variable%3Dvalue`,
/// `GET /api/unit?id=`, `POST /api/decision`.
public enum ReviewServer {
    /// A new random session token: 64 hex digits (256 bits) from the system's secure generator.
    public static func makeToken() -> String { Secret.make() }

    /// Compares two tokens in time independent of where they differ.
    static func sameToken(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// Whether a listening address keeps the server to this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    /// The page's address with the session token.
    public static func url(host: String, port: Int, token: String) -> String {
        url(host: host, port: port, path: "/?token=\(token)")
    }

    /// An address on the server (`path` starts with `/`).
    public static func url(host: String, port: Int, path: String) -> String {
        let wildcard = host == "0.0.0.0" || host == "::"
        let shown = wildcard ? "127.0.0.1" : (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        return "http://\(shown):\(port)\(path)"
    }

    /// Host names the Host header may name: loopback names, plus the bound host; nil (any)
    /// for a wildcard address, where the origin and token checks still apply.
    static func allowedHosts(boundTo host: String) -> Set<String>? {
        if host == "0.0.0.0" || host == "::" { return nil }
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        let h = host.lowercased()
        hosts.insert(h.contains(":") && !h.hasPrefix("[") ? "[\(h)]" : h)
        return hosts
    }
}

/// The router of the review server: the page, its assets and the JSON API, behind the
/// host, origin, session and token checks. `publicURL`: the address a TLS proxy in front
/// serves the page at (`https://duiding.example.org`); its host and origin are let in.
public func buildRouter(controller: ReviewController, host: String = "127.0.0.1", publicURL: URL? = nil) -> Router<ReviewRequestContext> {
    let router = Router(context: ReviewRequestContext.self)
    var hosts = ReviewServer.allowedHosts(boundTo: host)
    var origin: String?
    if let publicURL, let name = publicURL.host?.lowercased(), let scheme = publicURL.scheme {
        hosts?.insert(name)
        origin = "\(scheme)://\(name)" + (publicURL.port.map { ":\($0)" } ?? "")
    }
    router.middlewares.add(ReviewGuard(access: controller.access, blind: controller.blind, allowedHosts: hosts, publicOrigin: origin))
    controller.addRoutes(to: router)
    return router
}

/// The review application on `store` for the coders `access` lets in, listening on
/// `host:port` (port 0: any free port). `onStarted` gets the page's address (with the token,
/// for one coder; the sign-in page, for a team) once the server listens; by default it is
/// printed to standard output. With `learnEvery`, the models are retrained in the background
/// after that many new decisions. `blind`: coders see no other coder's work (a lead does).
public func buildApplication(store: ProjectStore, access: ReviewAccess, host: String = "127.0.0.1", port: Int = 8080,
                             learnEvery: Int? = 15, blind: Bool = false, scope: ReviewScope? = nil, publicURL: URL? = nil,
                             onStarted: @escaping @Sendable (_ url: String) -> Void = { url in
                                 FileHandle.standardOutput.write(Data("Duiding review: \(url)\n".utf8))
                             }) -> some ApplicationProtocol {
    let controller = ReviewController(store: store, access: access,
                                      learning: learnEvery.map { BackgroundLearning(store: store, every: $0) }, scope: scope, blind: blind)
    // The team panel's comparison of the coders, built while the server starts rather than on the lead's first visit.
    controller.comparison.prepare()
    var app = Application(
        router: buildRouter(controller: controller, host: host, publicURL: publicURL),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "duiding"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? port
            switch access {
            case .single(_, let token): onStarted(ReviewServer.url(host: host, port: port, token: token))
            case .team: onStarted(publicURL.map { $0.absoluteString.hasSuffix("/") ? "\($0)signin" : "\($0)/signin" }
                                  ?? ReviewServer.url(host: host, port: port, path: "/signin"))
            }
        }
    )
    app.logger.logLevel = .warning
    return app
}
