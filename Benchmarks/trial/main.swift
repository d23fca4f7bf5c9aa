// Figures for trying a pattern (DuidingProject's PatternTrial), in process, printed, never asserted:
//
//   duiding-trial-bench PROJECT [ROUNDS]
//
// Opens the project read-only, builds the index once (timed), then tries a mix of patterns
// ROUNDS times (default 10) and prints the median and p95 of a try, and of its parts: reading
// the pattern as the codebook would (TrialCodebook) and the rest (candidates, coding them, the
// new count, examples). scripts/bench-try measures the same through the review server.
import DuidingCodebook
import DuidingProject
import DuidingStore
import Foundation

func ms(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func summary(_ name: String, _ values: [Double]) -> String {
    let v = values.sorted()
    let median = v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    let p95 = v[min(v.count - 1, Int(0.95 * Double(v.count)))]
    return name.padding(toLength: 38, withPad: " ", startingAt: 0)
        + String(format: "%6d %9.1f %9.1f %9.1f", v.count, median, p95, v.last ?? 0)
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: duiding-trial-bench PROJECT [ROUNDS]\n".utf8))
    exit(2)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let store = try ProjectStore.open(at: arguments[1], access: .read)
let trial = PatternTrial(store: store)
var start = now()
try trial.warmUp()
print(String(format: "index and current codes of %d units: %.0f ms", try store.unitCount(), ms(start)))

let patterns: [(String, TrialCodebook.Target)] = [
    ("voorzicht*", .code("caution")), ("terughoudend*", .code("caution")), ("denk * keer na", .code("caution")),
    ("~voorzichtig", .code("caution")), ("mijd|vermijd*", .code("avoidance")), ("niet meer alleen", .code("avoidance")),
    ("alert*", .code("vigilance")), ("let * op", .code("vigilance")), ("om me heen", .code("vigilance")),
    ("angst*|bang*", .code("psych_impact")), ("~onzeker", .code("psych_impact")), ("stress*", .code("psych_impact")),
    ("training+", .code("training_need")), ("cursus*|training*", .code("training_need")), ("weerbaar*", .code("training_need")),
    ("bedreig*", .none), ("ik", .none), ("niet * meer", .none), ("gemeente*", .none), ("sociale media", .none),
    ("boze bewoners", .code("caution")), ("agressie+", .code("vigilance")), ("intimid*", .code("psych_impact")),
    ("bedreig* * thuis", .newCode(id: "bench_new", label: "Nieuw")),
]
guard let version = try store.latestCodebook() else { exit(1) }
let yaml = version.yaml
let source = try CodebookEdit.Source(yaml, file: "bench")
var whole: [Double] = [], reading: [Double] = [], broad: [Double] = []
var rows: [String] = []
for round in 0..<rounds {
    for (pattern, target) in patterns {
        start = now()
        _ = try TrialCodebook(pattern: pattern, target: target, source: source, readBack: false)
        reading.append(ms(start))
        start = now()
        let result = try trial.run(pattern: pattern, target: target, examples: 8)
        let t = ms(start)
        whole.append(t)
        if result.matched.count > 20_000 { broad.append(t) }
        if round == 0 { rows.append("  \(pattern.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(result.matched.count).leftPad(7)) matched \(String(result.new).leftPad(7)) new") }
    }
}
print(rows.joined(separator: "\n"))
print("\n" + "".padding(toLength: 38, withPad: " ", startingAt: 0) + "     n    median       p95       max   (ms)")
print(summary("a try (PatternTrial.run)", whole))
print(summary("  of which reading the pattern", reading))
if !broad.isEmpty { print(summary("  tries matching over 20,000 units", broad)) }

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
