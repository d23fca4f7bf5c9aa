import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The review server: one page and a small JSON API over a project, for one coder.
///
/// Routes: `GET /?token=…` the page; `GET /app.js`, `/app.css`; and, with the session token in
/// `X-Duiding-Token`: `GET /api/meta`, `GET /api/units?status=&code=&group=variable%3Dvalue`,
/// `GET /api/unit?id=`, `POST /api/decision`.
public enum ReviewServer {
    /// A new random session token: 64 hex digits (256 bits) from the system's secure generator.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

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
        let wildcard = host == "0.0.0.0" || host == "::"
        let shown = wildcard ? "127.0.0.1" : (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        return "http://\(shown):\(port)/?token=\(token)"
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
/// host, origin and token checks.
public func buildRouter(controller: ReviewController, host: String = "127.0.0.1") -> Router<ReviewRequestContext> {
    let router = Router(context: ReviewRequestContext.self)
    router.middlewares.add(ReviewGuard(token: controller.token, allowedHosts: ReviewServer.allowedHosts(boundTo: host)))
    controller.addRoutes(to: router)
    return router
}

/// The review application for `coder` on `store`, listening on `host:port` (port 0: any free
/// port). `onStarted` gets the page's address with the token once the server listens; by
/// default it is printed to standard output. With `learnEvery`, the models are retrained in
/// the background after that many new decisions. `blind`: the coder sees no other coder's work.
public func buildApplication(store: ProjectStore, coder: String, host: String = "127.0.0.1", port: Int = 8080,
                             token: String = ReviewServer.makeToken(), learnEvery: Int? = 15, blind: Bool = false, scope: ReviewScope? = nil,
                             onStarted: @escaping @Sendable (_ url: String) -> Void = { url in
                                 FileHandle.standardOutput.write(Data("Duiding review: \(url)\n".utf8))
                             }) -> some ApplicationProtocol {
    let controller = ReviewController(store: store, coder: coder, token: token,
                                      learning: learnEvery.map { BackgroundLearning(store: store, every: $0) }, scope: scope, blind: blind)
    var app = Application(
        router: buildRouter(controller: controller, host: host),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "duiding"),
        onServerRunning: { channel in
            onStarted(ReviewServer.url(host: host, port: channel.localAddress?.port ?? port, token: token))
        }
    )
    app.logger.logLevel = .warning
    return app
}
