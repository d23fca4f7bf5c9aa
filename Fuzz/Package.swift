// swift-tools-version:5.4
// libFuzzer targets for Duiding's parsers; a package of its own so that the main package never
// needs sanitizer flags. Build and run with `scripts/fuzz` (see README, "Fuzzing").
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM compiles an executable's entry point as
// `<module>_main` and links with `--defsym main=<module>_main`, which replaces libFuzzer's own
// `main` and fails to link a target that has no entry point of its own.
import PackageDescription

let targets: [(name: String, function: String)] = [
    ("csv", "fuzzCSV"), ("interview", "fuzzInterview"), ("codebook", "fuzzCodebook"), ("pattern", "fuzzPattern"),
    ("qdc", "fuzzQDC"), ("qdpx", "fuzzQDPX"), ("qdpx-zip", "fuzzQDPXZip"), ("sav", "fuzzSAV"), ("matcher", "fuzzMatcher"),
]

let package = Package(
    name: "DuidingFuzz",
    dependencies: [.package(name: "Duiding", path: "..")],
    targets: targets.map { target in
        .executableTarget(name: "fuzz-\(target.name)", dependencies: [.product(name: "DuidingFuzzing", package: "Duiding")])
    }
)
