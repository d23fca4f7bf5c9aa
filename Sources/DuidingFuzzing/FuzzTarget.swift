import Foundation

/// The parsers that are fuzzed, each with the function libFuzzer calls and the replay test
/// feeds with `Fuzz/corpus/<name>/` and `Fuzz/regressions/<name>/`.
///
/// Every function runs a parser on arbitrary bytes. A thrown error is the parser refusing bad
/// input, which is fine; a broken invariant is a `precondition` failure, and a crash of any
/// kind (trap, sanitizer report, timeout, memory blow-up) is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case csv, interview, codebook, pattern, qdc, qdpx
    case qdpxZip = "qdpx-zip"
    case sav, matcher

    /// Runs the target's parser on `data`.
    public func run(_ data: Data) {
        switch self {
        case .csv: fuzzCSV(data)
        case .interview: fuzzInterview(data)
        case .codebook: fuzzCodebook(data)
        case .pattern: fuzzPattern(data)
        case .qdc: fuzzQDC(data)
        case .qdpx: fuzzQDPX(data)
        case .qdpxZip: fuzzQDPXZip(data)
        case .sav: fuzzSAV(data)
        case .matcher: fuzzMatcher(data)
        }
    }

    /// Largest input worth fuzzing with (`-max_len`): big enough for every structure the
    /// format has, small enough that a run spends its time on shapes, not on sheer size
    /// (the matcher is known to be slow on very long answers).
    public var maxLength: Int {
        switch self {
        case .pattern: return 512
        case .matcher: return 4096
        case .csv, .interview, .codebook, .qdc: return 8192
        case .qdpx, .qdpxZip, .sav: return 16384
        }
    }
}

/// Files some parsers can only read from disk (SPSS through libreadstat, ZIP archives) go
/// into a folder of this process's own under the temporary directory, one per target.
enum Scratch {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("duiding-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `data` to `<folder>/<target>/<name>` and returns the path.
    static func file(_ data: Data, target: String, name: String) -> String {
        let dir = folder.appendingPathComponent(target, isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        do { try data.write(to: url) } catch { preconditionFailure("cannot write the scratch file \(url.path): \(error)") }
        return url.path
    }
}
