import ArgumentParser
import DuidingProject
import DuidingStore
import DuidingWeb
import Foundation

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review and override the suggested codes in your browser.",
        discussion: """
        Starts a small web server on this machine and prints the page's address, with a \
        session key (?token=…) that every request needs. Open it in a browser; the answers, \
        their suggested codes with the evidence highlighted, and your decisions are shown one \
        answer at a time. Keys: Enter accepts the suggestions and moves on, 1–9 toggle a code, \
        a adds a code by label, j/k (or →/←) move, u undoes, m edits the memo, c opens the \
        codebook panel (try a pattern on every answer while typing, save it as a new codebook \
        version, undo that). Every decision is written to the project before the page says it \
        is saved. Stop with Ctrl-C.

        By default the server listens on 127.0.0.1 only, so nothing is reachable from the \
        network; the page loads nothing from elsewhere.

        A project with coder accounts (`duiding coder add`) is served to the team: the server \
        prints its sign-in page, each coder signs in with a password or a one-time link, and \
        every decision is the signed-in coder's. For a team on other machines, keep the server \
        on 127.0.0.1 and put a TLS proxy in front (Caddy, nginx), with --public-url set to the \
        proxy's https address: the server then lets that host in and marks its cookies Secure.
        """
    )

    @Argument(help: "The project file (needs a codebook version: run `duiding recode` first).")
    var project: String

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "Address to listen on. Anything but a loopback address (127.0.0.1, ::1, localhost) exposes the answers to the network.")
    var host = "127.0.0.1"

    @Option(help: "Your name in the decision log (default: $USER, else `coder`); only for a project without coder accounts.")
    var coder: String?

    @Option(help: "The https address a TLS proxy in front serves the page at (e.g. https://duiding.example.org); a team project only.")
    var publicURL: String?

    @Option(help: "Hours a coder's sign-in lasts on a team server.")
    var sessionHours: Double = 12

    @Option(help: "Retrain the suggestions in the background after this many new decisions (0: never).")
    var learnEvery = 15

    @Flag(help: "Blind double coding: the page shows no other coder's codes or memos, and no conflict filter.")
    var blind = false

    @OptionGroup var selection: SelectionOptions

    var coderName: String {
        let name = coder ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        return name.trimmingCharacters(in: .whitespaces).isEmpty ? "coder" : name
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard learnEvery >= 0 else { throw ValidationError("--learn-every must be 0 (never) or a positive number of decisions") }
        if let coder, coder.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--coder must not be empty")
        }
        if host.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--host must not be empty") }
        if let publicURL, URL(string: publicURL)?.host == nil || !["http", "https"].contains(URL(string: publicURL)?.scheme ?? "") {
            throw ValidationError("--public-url must be an address such as https://duiding.example.org, not `\(publicURL)`")
        }
        guard sessionHours > 0 else { throw ValidationError("--session-hours must be more than 0") }
    }

    func run() async throws {
        let store = try ProjectStore.open(at: project)
        guard try store.latestCodebook() != nil else {
            throw ProjectError("\(project) has no codebook version yet, so there is nothing to review; run `duiding recode \(project)` first")
        }
        if !ReviewServer.isLoopback(host) {
            printNote("""
            WARNING: --host \(host) is not a loopback address. Anyone who can reach this machine \
            can try to connect; the answers are personal data. Use --host 127.0.0.1 unless you \
            know why not.
            """)
        }
        let access: ReviewAccess
        if try store.hasCoders() {
            if let coder {
                throw ValidationError("\(project) has coder accounts, so coders sign in on the page; --coder \(coder) is for a project without them (`duiding coder list \(project)`)")
            }
            let url = publicURL.flatMap(URL.init(string:))
            access = .team(Sessions(store: store, lifetime: sessionHours * 3600, secureCookies: url?.scheme == "https"))
        } else {
            if publicURL != nil {
                throw ValidationError("--public-url is for a team project; add coder accounts first (`duiding coder add \(project) NAME`)")
            }
            access = .single(coder: coderName)
        }
        let app = buildApplication(store: store, access: access, host: host, port: port,
                                   learnEvery: learnEvery > 0 ? learnEvery : nil, blind: blind,
                                   scope: try selection.scope(store).map { ReviewScope(ids: $0.ids, description: $0.description, question: $0.question) },
                                   publicURL: publicURL.flatMap(URL.init(string:)))
        // Ctrl-C or SIGTERM shut the service down gracefully.
        do {
            try await app.runService()
        } catch where String(describing: error).contains("Address already in use") {
            throw ProjectError("\(host):\(port) is already in use; choose another --port, or --port 0 for any free one")
        }
    }
}
