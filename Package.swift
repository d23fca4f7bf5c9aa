// swift-tools-version:6.0
import PackageDescription

// The hot loops (tokenising, matching) touch class-held buffers; exclusivity is checked at
// compile time, and run-time checks cost about 7% of coding time in release builds. SwiftPM
// refuses unsafe flags in a package used as a remote dependency, so the package publishes no
// library product for others: the command, and the fuzzing library for the local Fuzz/ package.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Duiding",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "duiding", targets: ["duiding"]),
        // For the fuzz targets in Fuzz/ (a package of its own, built with sanitizers).
        .library(name: "DuidingFuzzing", targets: ["DuidingFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Coder passwords and sign-in keys: bcrypt (HummingbirdBcrypt, a C implementation kept by
        // the Hummingbird project; only that target is built, not the rest of the package).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // Thin C wrappers around ICU and Snowball. The public header has no ICU types
        // (Foundation ships its own ICU headers; see DESIGN.md).
        .target(
            name: "CDuidingNative",
            linkerSettings: [
                .linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("stemmer"),
            ]
        ),
        // SPSS .sav files through Debian's libreadstat.
        .target(name: "CReadStat", linkerSettings: [.linkedLibrary("readstat")]),
        // Spreadsheets through Debian's libxlsxwriter.
        .target(name: "CXLSXWriter", linkerSettings: [.linkedLibrary("xlsxwriter")]),
        // L2-regularised logistic regression through Debian's liblinear (flat arrays in, weights out).
        .target(name: "CLiblinear", linkerSettings: [.linkedLibrary("linear")]),
        .target(name: "DuidingText", dependencies: ["CDuidingNative"], swiftSettings: fast),
        // The default codebook is compiled into the library (not a bundle next to the binary, which an
        // installed `duiding` would not find): Resources/agressie-effecten.yml links to Codebooks/.
        .target(name: "DuidingCodebook", dependencies: ["DuidingText", "Yams"],
                resources: [.embedInCode("Resources/agressie-effecten.yml")], swiftSettings: fast),
        // Suggestions learned from human decisions: features, LIBLINEAR models, evidence, cross-validation.
        // Takes plain values; knows nothing of the store.
        .target(name: "DuidingLearning", dependencies: ["DuidingText", "DuidingCodebook", "CLiblinear"], swiftSettings: fast),
        .target(name: "DuidingInput", dependencies: ["DuidingText", "CReadStat"], swiftSettings: fast),
        .target(name: "DuidingStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift"),
                                                     .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]),
        .target(name: "DuidingAnalysis", dependencies: ["DuidingText", "DuidingCodebook"]),
        .target(name: "DuidingExport", dependencies: ["DuidingText", "DuidingAnalysis", "CXLSXWriter"]),
        // A project's work across layers: learning from its decisions; trying a pattern on every
        // unit, saving it as a new codebook version (and undoing that), scoring patterns.
        // Exploring a project's units (once segmented) for the review server and the command line;
        // answer files and projects read the same way (CodedCorpus), questions and filters.
        .target(name: "DuidingProject", dependencies: ["DuidingText", "DuidingCodebook", "DuidingInput", "DuidingStore", "DuidingAnalysis", "DuidingLearning",
                                                     "DuidingExport"]),
        // The review server: one page and a JSON API over the project store, on loopback; its
        // explore panel and learning curve use the analysis layer and the report's chart.
        .target(name: "DuidingWeb", dependencies: ["DuidingStore", "DuidingCodebook", "DuidingProject", "DuidingAnalysis", "DuidingExport",
                                                   "DuidingLearning", .product(name: "Hummingbird", package: "hummingbird")]),
        // Exchange with other tools: REFI-QDA codebooks (.qdc) and projects (.qdpx), LIWC and quanteda dictionaries.
        .target(name: "DuidingExchange", dependencies: ["DuidingCodebook", "DuidingStore", "ZIPFoundation"]),
        // One function per parser that runs it on arbitrary bytes and checks its invariants;
        // called by the libFuzzer targets in Fuzz/ and by the corpus replay test.
        .target(name: "DuidingFuzzing", dependencies: ["DuidingText", "DuidingCodebook", "DuidingInput", "DuidingStore", "DuidingExchange"]),
        .executableTarget(
            name: "duiding",
            dependencies: [
                "DuidingText", "DuidingCodebook", "DuidingInput", "DuidingAnalysis", "DuidingExport", "DuidingStore", "DuidingWeb",
                "DuidingExchange", "DuidingProject", "DuidingLearning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Figures for the learning layer: training/prediction speed on a generated corpus, a
        // project's learning run phase by phase, learned against pattern suggestions at scale, and
        // the held-out evaluation (scripts/bench-learning, scripts/evaluate-learning).
        .executableTarget(
            name: "duiding-learning-bench",
            dependencies: ["DuidingLearning", "DuidingCodebook", "DuidingInput", "DuidingStore", "DuidingProject"],
            path: "Benchmarks/learning",
            swiftSettings: fast
        ),
        // Figures for trying a pattern on a project, in process (scripts/bench-try).
        .executableTarget(
            name: "duiding-trial-bench",
            dependencies: ["DuidingProject", "DuidingCodebook", "DuidingStore"],
            path: "Benchmarks/trial"
        ),
        .testTarget(name: "DuidingLearningTests", dependencies: ["DuidingLearning", "DuidingCodebook", "DuidingText", "CLiblinear"]),
        .testTarget(
            name: "DuidingTests",
            dependencies: ["DuidingText", "DuidingCodebook", "DuidingInput", "DuidingAnalysis", "DuidingExport", "DuidingStore", "duiding",
                           "DuidingWeb", "DuidingExchange", "DuidingProject", "DuidingLearning", "DuidingFuzzing",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
