import DuidingStore
import Foundation
import Hummingbird
import Synchronization

/// Who makes a request: set by `ReviewGuard` before a handler runs.
public struct ReviewIdentity: Sendable, Hashable {
    public let coder: String
    /// A lead sees every coder's work, the reconcile view and the team's agreement, and makes
    /// final decisions.
    public let lead: Bool
    /// The CSRF token the page sends with every API request (`X-Duiding-Token`).
    let token: String
}

/// How coders get into the review server.
public enum ReviewAccess: Sendable {
    /// One coder, named on the command line (a project without coder accounts); the page's
    /// address carries the token. That coder leads unless the review is blind.
    case single(coder: String, token: String = ReviewServer.makeToken())
    /// The project's coder accounts: each coder signs in on the page; sessions are cookies.
    case team(Sessions)
}

/// The signed-in coders of a team server: a random session id (the cookie, HttpOnly,
/// SameSite=Strict) and a CSRF token per sign-in, kept in memory until they run out. Each
/// request looks the account up again, so a removed coder is signed out at once.
///
/// Written here rather than taken from HummingbirdAuth's session middleware: that one needs a
/// persist driver and a context of its own, and provides no CSRF token; a locked dictionary
/// of random ids is all the job needs.
public final class Sessions: Sendable {
    struct Session: Sendable {
        let coder: String
        let token: String
        let expires: Date
    }

    /// The session cookie's name.
    static let cookie = "duiding_session"

    let store: ProjectStore
    /// How long a sign-in lasts.
    public let lifetime: TimeInterval
    /// Cookies with `Secure`: the server is behind a TLS proxy (`--public-url https://…`).
    public let secureCookies: Bool
    /// The time now (a test moves it on).
    let clock: @Sendable () -> Date
    /// Wrong passwords per coder name.
    let guesses = PasswordGuesses()
    private let table = Mutex<[String: Session]>([:])

    public init(store: ProjectStore, lifetime: TimeInterval = 12 * 3600, secureCookies: Bool = false,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.lifetime = lifetime
        self.secureCookies = secureCookies
        self.clock = clock
    }

    /// A new session for `account`; returns the cookie that carries it.
    func open(_ account: CoderAccount) -> Cookie {
        let id = Secret.make()
        let now = clock()
        let session = Session(coder: account.name, token: Secret.make(), expires: now.addingTimeInterval(lifetime))
        table.withLock { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            sessions[id] = session
        }
        return Cookie(name: Self.cookie, value: id, maxAge: Int(lifetime), path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The signed-in coder of a request, if its session is valid and the account still there.
    func identity(_ request: Request) throws -> Identified {
        guard let id = request.cookies[Self.cookie]?.value else { return .none }
        guard let session = table.withLock({ $0[id] }) else { return .expired }
        guard session.expires > clock() else {
            close(request)
            return .expired
        }
        guard let account = try store.coder(named: session.coder) else { return .expired }
        return .signedIn(ReviewIdentity(coder: account.name, lead: account.lead, token: session.token))
    }

    enum Identified { case none, expired, signedIn(ReviewIdentity) }

    /// Ends the request's session; returns the cookie that clears it in the browser.
    @discardableResult
    func close(_ request: Request) -> Cookie {
        if let id = request.cookies[Self.cookie]?.value { _ = table.withLock { $0.removeValue(forKey: id) } }
        return Cookie(name: Self.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}

/// A limit on password guesses per coder name: after `allowed` wrong passwords in a row, a
/// sign-in with that name is refused without looking at the password until `pause` has passed
/// since the last of them; each further wrong one starts the pause again. A right password
/// clears the count. Names without an account count alike, so the refusal tells nothing.
final class PasswordGuesses: Sendable {
    static let allowed = 5
    static let pause: TimeInterval = 60
    /// Names kept at most: past that, the oldest entries are dropped (someone trying many names
    /// cannot fill the memory).
    static let kept = 10_000

    private let failures = Mutex<[String: (count: Int, last: Date)]>([:])

    /// Seconds until a sign-in with `name` is heard again; nil: now.
    func wait(_ name: String, now: Date) -> Int? {
        failures.withLock { failures in
            guard let entry = failures[name], entry.count >= Self.allowed else { return nil }
            let left = entry.last.addingTimeInterval(Self.pause).timeIntervalSince(now)
            return left > 0 ? Int(left.rounded(.up)) : nil
        }
    }

    func failed(_ name: String, now: Date) {
        failures.withLock { failures in
            if failures.count >= Self.kept, failures[name] == nil,
               let oldest = failures.min(by: { $0.value.last < $1.value.last })?.key {
                failures.removeValue(forKey: oldest)
            }
            failures[name] = ((failures[name]?.count ?? 0) + 1, now)
        }
    }

    func succeeded(_ name: String) {
        _ = failures.withLock { $0.removeValue(forKey: name) }
    }
}

/// The sign-in page and its API, for a team server.
///
/// Routes: `GET /signin` (also `?coder=…&key=…`, a one-time link), `/signin.js`;
/// `POST /api/signin` `{coder, password}` or `{coder, key}`, which sets the session cookie;
/// `POST /api/signout`.
struct SignInRoutes: Sendable {
    let sessions: Sessions

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/signin") { _, _ in ReviewController.html(SignInPage.html, status: .ok) }
        router.get("/signin.js") { _, _ in ReviewController.asset(SignInPage.javascript, type: "text/javascript; charset=utf-8") }
        router.post("/api/signin") { request, context in
            try await self.signIn(try await request.decodeJSON(SignInRequest.self, context: context, what: "a coder name with a password or key"))
        }
        router.post("/api/signout") { request, _ in
            var response = Response(status: .noContent)
            response.setCookie(self.sessions.close(request))
            return response
        }
    }

    func signIn(_ body: SignInRequest) async throws -> Response {
        let store = sessions.store
        let guesses = sessions.guesses
        let byPassword = body.key == nil
        if byPassword, let wait = guesses.wait(body.coder, now: sessions.clock()) {
            throw APIError(.tooManyRequests, "too many wrong passwords for `\(body.coder)`; try again in \(wait) seconds; nothing changed")
        }
        // bcrypt takes a while on purpose: on a thread of its own, not one the server's tasks share.
        let account: CoderAccount = try await offThePool {
            do {
                if let key = body.key { return try store.signIn(coder: body.coder, key: key) }
                return try store.signIn(coder: body.coder, password: body.password ?? "")
            } catch let error as ProjectError {
                if byPassword { guesses.failed(body.coder, now: self.sessions.clock()) }
                throw APIError(.unauthorized, error.description)
            }
        }
        if byPassword { guesses.succeeded(body.coder) }
        var response = Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try ReviewRequestContext.encoder.encode(
                                    SignedInJSON(coder: account.name, lead: account.lead)))))
        response.setCookie(sessions.open(account))
        return response
    }
}

struct SignInRequest: Codable, Sendable {
    let coder: String
    let password: String?
    let key: String?
}

struct SignedInJSON: Codable, Sendable {
    let coder: String
    let lead: Bool
}

enum SignInPage {
    static let html = #"""
    <!doctype html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Duiding — aanmelden</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/signin.js" defer></script>
    </head>
    <body>
    <main id="signin">
      <h1>Duiding <span>aanmelden</span></h1>
      <form id="signin-form">
        <label>Naam <input id="signin-coder" name="coder" autocomplete="username" required></label>
        <label>Wachtwoord <input id="signin-password" name="password" type="password" autocomplete="current-password"></label>
        <button id="signin-submit" type="submit">aanmelden</button>
      </form>
      <p id="signin-message" role="alert"></p>
      <p class="hint">Nog geen wachtwoord? Open de aanmeldlink die je van de projectleider kreeg
      (<code>duiding coder add</code> of <code>duiding coder link</code> maakt er een).</p>
    </main>
    </body>
    </html>
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const $ = (id) => document.getElementById(id);
      async function signIn(body) {
        const response = await fetch("/api/signin", {
          method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify(body), credentials: "same-origin", cache: "no-store",
        });
        let data = null;
        try { data = await response.json(); } catch (e) { data = null; }
        if (!response.ok) throw new Error((data && data.error) || ("HTTP " + response.status));
        location.replace("/");
      }
      const fail = (error) => { $("signin-message").textContent = "Aanmelden mislukt: " + error.message; };
      const params = new URLSearchParams(location.search);
      if (params.get("key")) {
        // A one-time link: used at once, and its key taken out of the address bar.
        history.replaceState(null, "", "/signin");
        signIn({ coder: params.get("coder") || "", key: params.get("key") }).catch(fail);
      }
      $("signin-form").addEventListener("submit", (event) => {
        event.preventDefault();
        signIn({ coder: $("signin-coder").value, password: $("signin-password").value }).catch(fail);
      });
    })();
    """#
}
