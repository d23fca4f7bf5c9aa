import DuidingCodebook
import DuidingStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A small review project: answers with group values, suggestions from the default codebook.
enum ReviewFixture {
    static let coder = "tester"
    static let token = "0123456789abcdef0123456789abcdef"
    /// An answer that would run script if the page inserted it as HTML.
    static let scriptAnswer = #"<script>window.__pwned = 1; document.title = "pwned";</script><img src=x onerror="window.__pwned = 2"> Sindsdien ben ik alerter op straat."#

    static let answers: [(id: String, text: String, geslacht: String, functie: String)] = [
        ("R1", "Ik ben voorzichtiger geworden met uitspraken.", "man", "raadslid"),
        ("R2", "Het weer was mooi.", "vrouw", "wethouder"),
        ("R3", "👍🏽 Sinds vorig jaar ben ik voorzichtiger geworden.", "vrouw", "raadslid"),
        ("R4", "Ik heb behoefte aan een training over agressie.", "man", "burgemeester"),
        ("R5", scriptAnswer, "vrouw", "raadslid"),
    ]

    /// Codebook order of the default codebook (the page's key numbers 1–5).
    static let codeOrder = ["caution", "avoidance", "vigilance", "psych_impact", "training_need"]

    /// Imports `answers` (or generated ones) and stores a codebook version with the
    /// suggestions the default codebook makes.
    static func populate(_ store: ProjectStore, answers: [(id: String, text: String, geslacht: String, functie: String)] = answers) throws {
        let compiled = try TestSupport.defaultCompiled.get()
        let coder = try Coder(compiled)
        let units = answers.enumerated().map { i, a in
            NewUnit(id: a.id, text: a.text, kind: .answer, values: ["geslacht": a.geslacht, "functie": a.functie],
                    file: "antwoorden.csv", line: i + 2)
        }
        try store.importUnits(units, file: "antwoorden.csv",
                              variables: [Variable(name: "geslacht", label: "Geslacht"), Variable(name: "functie", label: "Functie")])
        var suggestions: [StoredSuggestion] = []
        for unit in units {
            for s in try coder.code(unit.text) {
                for e in s.evidence {
                    suggestions.append(StoredSuggestion(unitID: unit.id, codeID: s.codeID, pattern: e.pattern, utf16Range: e.utf16Range))
                }
            }
        }
        try store.addCodebookVersion(name: compiled.codebook.name, source: TestSupport.defaultCodebookPath,
                                     yaml: try String(contentsOfFile: TestSupport.defaultCodebookPath, encoding: .utf8),
                                     codes: compiled.codebook.codes.map { StoredCode(id: $0.id, label: $0.label) },
                                     suggestions: suggestions, ifLatestIs: nil)
    }

    /// A project file on disk in `dir`.
    static func projectFile(in dir: TemporaryDirectory) throws -> String {
        let path = dir.path("project.duiding")
        let store = try ProjectStore.create(at: path)
        try populate(store)
        return path
    }
}

/// Polls `condition` until it holds or `seconds` pass; returns whether it held.
func eventually(within seconds: Double, every interval: Double = 0.05, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
    }
    return try await condition()
}

/// A free TCP port on 127.0.0.1 (bound, read, released; good enough for tests).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    try #require(bound, "cannot bind a loopback port")
    return Int(UInt16(bigEndian: address.sin_port))
}

/// HTTP over URLSession with a bounded wait, for talking to the review server and chromedriver.
enum HTTP {
    struct Reply: Sendable {
        let status: Int
        let body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func send(_ method: String, _ url: String, json: Any? = nil, headers: [String: String] = [:],
                     timeout: Double = 30) async throws -> Reply {
        let target = try #require(URL(string: url), "bad URL \(url)")
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            if headers["Content-Type"] == nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { continuation.resume(throwing: error); return }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(returning: Reply(status: status, body: data ?? Data()))
            }.resume()
        }
    }
}

/// A child process whose standard output is collected line by line; terminated when released.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errorOutput = ""

    init(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.output += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.errorOutput += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { output } }
    var stderr: String { lock.withLock { errorOutput } }

    /// The first line of standard output containing `marker`, waiting at most `seconds`.
    func line(containing marker: String, within seconds: Double) async -> String? {
        _ = await eventually(within: seconds) { stdout.contains(marker) || !process.isRunning }
        return stdout.split(separator: "\n").first { $0.contains(marker) }.map(String.init)
    }

    /// Sends a signal and waits (bounded) for the process to end.
    func stop(signal: Int32 = SIGTERM, within seconds: Double = 10) async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        if !(await eventually(within: seconds) { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            _ = await eventually(within: 5) { !process.isRunning }
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// `duiding review` started on a project, on a free loopback port.
struct ReviewServerProcess {
    let child: ChildProcess
    /// The page's address with the token, as the server printed it.
    let url: String
    let base: String
    let token: String

    static func start(project: String, coder: String = ReviewFixture.coder, in dir: URL) async throws -> ReviewServerProcess {
        let binary = try #require(DuidingBinary.url, "the duiding executable was not found next to the test bundle")
        let child = try ChildProcess(binary, ["review", project, "--port", "0", "--coder", coder], in: dir)
        let line = await child.line(containing: "http://", within: 30)
        let printed = try #require(line, "duiding review printed no address; stderr: \(child.stderr)")
        let url = try #require(printed.split(separator: " ").last.map(String.init))
        let components = try #require(URLComponents(string: url))
        let token = try #require(components.queryItems?.first { $0.name == "token" }?.value)
        let host = try #require(components.host), port = try #require(components.port)
        #expect(host == "127.0.0.1")
        return ReviewServerProcess(child: child, url: url, base: "http://\(host):\(port)", token: token)
    }

    func post(_ body: [String: Any]) async throws -> HTTP.Reply {
        try await HTTP.send("POST", base + "/api/decision", json: body, headers: ["X-Duiding-Token": token])
    }

    func get(_ path: String) async throws -> HTTP.Reply {
        try await HTTP.send("GET", base + path, headers: ["X-Duiding-Token": token])
    }
}

/// HTTP/1.1 over a plain socket to 127.0.0.1, for what URLSession cannot do here: set the Host
/// header, and read chromedriver's answers (it writes `Content-Length:249` without a space,
/// which FoundationNetworking in Swift 6.3 rejects as "Failed writing header"; fixed upstream
/// in swift-corelibs-foundation#5527). One request per connection; bounded by `timeout`.
enum LoopbackHTTP {
    static func exchange(port: Int, method: String, path: String, host: String? = nil, headers: [String: String] = [:],
                         json: Any? = nil, timeout: Int = 30) async throws -> HTTP.Reply {
        var body = Data()
        if let json { body = try JSONSerialization.data(withJSONObject: json) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if json != nil { head += "Content-Type: application/json\r\n" }
        if json != nil || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let request = Data((head + "\r\n").utf8) + body
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try roundTrip(port: port, request: request, timeout: timeout) })
            }
        }
    }

    private static func roundTrip(port: Int, request: Data, timeout: Int) throws -> HTTP.Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError("socket() failed") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw LoopbackError("cannot connect to 127.0.0.1:\(port)") }
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress.map { $0 + sent }, request.count - sent, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LoopbackError("send failed") }
            sent += n
        }
        // Read until the body is complete (Content-Length) or the peer closes; some servers
        // keep the connection open despite `Connection: close`.
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headEnd: Range<Data.Index>?
        var length: Int?
        while true {
            if headEnd == nil, let end = response.range(of: Data("\r\n\r\n".utf8)) {
                headEnd = end
                let head = String(decoding: response[..<end.lowerBound], as: UTF8.self).lowercased()
                length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
            }
            if let headEnd, let length, response.count - headEnd.upperBound >= length { break }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw LoopbackError("no answer from 127.0.0.1:\(port) within \(timeout) s") }
            response.append(contentsOf: buffer[..<n])
        }
        guard let end = headEnd ?? response.range(of: Data("\r\n\r\n".utf8)) else { throw LoopbackError("malformed answer") }
        let head = String(decoding: response[..<end.lowerBound], as: UTF8.self)
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let payload = response[end.upperBound...]
        return HTTP.Reply(status: status, body: Data(length.map { payload.prefix($0) } ?? payload))
    }

    struct LoopbackError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
