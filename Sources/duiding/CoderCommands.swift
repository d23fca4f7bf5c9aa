import ArgumentParser
import DuidingStore
import Foundation

struct CoderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coder",
        abstract: "Coder accounts: one `duiding review` server for a team.",
        discussion: """
        With accounts, `duiding review PROJECT` serves the team: each coder signs in on the page \
        (a password, or a one-time link), and every decision is attributed to the signed-in coder. \
        Passwords are read from standard input or a prompt, never from the command line, and \
        stored as bcrypt hashes only.
        """,
        subcommands: [CoderAdd.self, CoderList.self, CoderLink.self, CoderRemove.self]
    )
}

/// Options every link-printing coder command has.
struct SignInLinkOptions: ParsableArguments {
    @Option(help: "The address coders open the review server at (the --public-url, or http://127.0.0.1:PORT).")
    var url = "http://127.0.0.1:8080"

    @Option(help: "Hours the one-time sign-in link stays valid.")
    var linkHours: Double = 72

    func validate() throws {
        guard linkHours > 0 else { throw ValidationError("--link-hours must be more than 0") }
        guard let parsed = URL(string: url), parsed.host != nil, ["http", "https"].contains(parsed.scheme ?? "") else {
            throw ValidationError("--url must be an address such as http://127.0.0.1:8080, not `\(url)`")
        }
    }

    func link(coder: String, key: String) -> String {
        var components = URLComponents(string: url.hasSuffix("/") ? url + "signin" : url + "/signin")
        components?.queryItems = [URLQueryItem(name: "coder", value: coder), URLQueryItem(name: "key", value: key)]
        return components?.string ?? url
    }
}

struct CoderAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a coder account; prints a one-time sign-in link, or sets a password (--password).",
        discussion: """
        duiding coder add PROJECT anna                  prints a link anna signs in with, once \
        duiding coder add PROJECT anna --password       reads the password from standard input (or asks) \
        duiding coder add PROJECT lea --lead            lea reconciles: the reconcile view, final decisions
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The coder's name in the decision log (letters, digits, `.`, `_`, `-`).")
    var name: String

    @Flag(help: "Set a password, read from standard input (a prompt without echo on a terminal); no link then, unless --link.")
    var password = false

    @Flag(help: "Also print a one-time sign-in link when setting a password.")
    var link = false

    @Flag(help: "A lead: sees every coder's work, the reconcile view and agreement, and makes final decisions.")
    var lead = false

    @OptionGroup var signIn: SignInLinkOptions

    func run() throws {
        let store = try ProjectStore.open(at: project)
        let secret = password ? try readPassword(prompt: "Wachtwoord voor \(name): ") : nil
        let key = try store.addCoder(name, lead: lead, password: secret, link: !password || link, linkValidity: signIn.linkHours * 3600)
        print("coder \(name) added\(lead ? " (lead)" : "")\(secret != nil ? " with a password" : "")")
        if let key {
            print("sign-in link (once, within \(formatHours(signIn.linkHours))): \(signIn.link(coder: name, key: key))")
        }
    }
}

struct CoderLink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "A new one-time sign-in link for a coder (an earlier link stops working)."
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The coder's name.")
    var name: String

    @OptionGroup var signIn: SignInLinkOptions

    func run() throws {
        let store = try ProjectStore.open(at: project)
        let key = try store.newSignInLink(for: name, validity: signIn.linkHours * 3600)
        print("sign-in link (once, within \(formatHours(signIn.linkHours))): \(signIn.link(coder: name, key: key))")
    }
}

struct CoderList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the coder accounts.")

    @Argument(help: "The project file.")
    var project: String

    func run() throws {
        let store = try ProjectStore.open(at: project, access: .read)
        let coders = try store.coders()
        guard !coders.isEmpty else {
            print("no coder accounts; `duiding review` serves one coder (--coder NAME). Add one: duiding coder add \(project) NAME")
            return
        }
        let now = Date()
        for c in coders {
            var how: [String] = []
            if c.hasPassword { how.append("password") }
            if let expires = c.linkExpires { how.append(expires > now ? "sign-in link until \(ISO8601DateFormatter().string(from: expires))" : "sign-in link ran out") }
            print("\(c.name)\t\(c.lead ? "lead" : "coder")\t\(how.isEmpty ? "no way to sign in (`duiding coder link`)" : how.joined(separator: ", "))")
        }
    }
}

struct CoderRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a coder account; the coder's decisions stay in the log, and a running server signs the coder out."
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The coder's name.")
    var name: String

    func run() throws {
        try ProjectStore.open(at: project).removeCoder(name)
        print("coder \(name) removed; their decisions stay in the project")
    }
}

private func formatHours(_ hours: Double) -> String {
    hours == hours.rounded() ? "\(Int(hours)) hours" : "\(hours) hours"
}

/// A password from standard input: on a terminal, asked for without echo; otherwise the
/// first line. Never from the command line, where other users can see it.
func readPassword(prompt: String) throws -> String {
    let terminal = isatty(STDIN_FILENO) == 1
    var saved = termios()
    if terminal {
        FileHandle.standardError.write(Data(prompt.utf8))
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    }
    let line = readLine(strippingNewline: true)
    if terminal {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line, !line.isEmpty else {
        throw ValidationError("no password given: type it at the prompt, or pipe it in (`… --password < file`); nothing changed")
    }
    return line
}
