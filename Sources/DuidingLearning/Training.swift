import CLiblinear
import DuidingCodebook
import Foundation

/// An answer with the human decisions on it, as plain values: the codes a person said apply
/// (accepted or added) and the codes a person said do not apply (rejected, or left off an
/// answer they reviewed). A code in neither set is undecided for this answer and is not used
/// to train or score that code; a code in both is contradictory and is likewise left out.
public struct DecidedAnswer: Sendable, Hashable {
    /// The answer, verbatim.
    public var text: String
    /// Codes a person said apply.
    public var positives: Set<String>
    /// Codes a person said do not apply.
    public var negatives: Set<String>

    public init(text: String, positives: Set<String>, negatives: Set<String>) {
        self.text = text
        self.positives = positives
        self.negatives = negatives
    }

    /// A reviewed answer whose current codes are `codes`: every other code of `allCodes` is a
    /// negative. This is how a fully reviewed unit reads (its current state is the truth).
    public init(text: String, codes: Set<String>, allCodes: [String]) {
        self.init(text: text, positives: codes, negatives: Set(allCodes).subtracting(codes))
    }
}

/// A decided answer with its features, computed once (see `Featurizer`).
public struct TrainingExample: Sendable {
    public let features: AnswerFeatures
    public let positives: Set<String>
    public let negatives: Set<String>

    public init(features: AnswerFeatures, positives: Set<String>, negatives: Set<String>) {
        self.features = features
        self.positives = positives
        self.negatives = negatives
    }

    /// The human label for a code: true (applies), false (does not), nil (undecided or
    /// contradictory).
    public func label(_ codeID: String) -> Bool? {
        let p = positives.contains(codeID), n = negatives.contains(codeID)
        return p == n ? nil : p
    }
}

extension Featurizer {
    /// Training examples for decided answers, in the same order.
    public func examples(_ answers: [DecidedAnswer]) throws -> [TrainingExample] {
        try answers.map { TrainingExample(features: try features(of: $0.text), positives: $0.positives, negatives: $0.negatives) }
    }
}

/// How models are trained. The defaults were chosen by cross-validation on the demo corpus.
public struct TrainingOptions: Sendable, Hashable, Codable {
    /// LIBLINEAR's C: the cost of training errors against the L2 penalty on the weights
    /// (larger C fits the decisions more closely).
    public var cost: Double
    /// LIBLINEAR's stopping tolerance for L2R_LR (its default is 0.01).
    public var tolerance: Double
    /// The value of the constant bias feature (LIBLINEAR's -B; LIBLINEAR 2.3 regularises the
    /// bias weight like any other).
    public var bias: Double
    /// Weight the rarer class up so that both classes weigh alike in the loss (LIBLINEAR's
    /// per-class C). Off by default: it inflates the probabilities of rare codes, and the
    /// combination threshold already trades precision against recall.
    public var balancesClasses: Bool
    /// A code needs at least this many positive decisions for a model (below: `.tooFewPositives`).
    public var minimumPositives: Int
    /// … and at least this many negative ones (below: `.tooFewNegatives`).
    public var minimumNegatives: Int
    /// Threads used to train the codes' models side by side (results do not depend on it).
    public var workers: Int

    public init(cost: Double = 30, tolerance: Double = 0.01, bias: Double = 1, balancesClasses: Bool = false,
                minimumPositives: Int = 5, minimumNegatives: Int = 5, workers: Int = LearningParallel.defaultWorkers) {
        self.cost = cost
        self.tolerance = tolerance
        self.bias = bias
        self.balancesClasses = balancesClasses
        self.minimumPositives = minimumPositives
        self.minimumNegatives = minimumNegatives
        self.workers = workers
    }

    /// C = 30, tolerance 0.01, bias 1, no class weights, at least 5 positives and 5 negatives.
    public static let standard = TrainingOptions()
}

/// Why a code has no learned model. Not a failure: the code is then suggested by its
/// patterns alone.
public enum NoModelReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Nobody decided on the code yet.
    case noDecisions
    /// All decisions on the code say the same (all positive or all negative).
    case oneClassOnly
    /// Fewer positive decisions than `TrainingOptions.minimumPositives` (the count is given).
    case tooFewPositives(Int)
    /// Fewer negative decisions than `TrainingOptions.minimumNegatives` (the count is given).
    case tooFewNegatives(Int)

    /// For people, in Dutch (the review page's tooltip).
    public var description: String {
        switch self {
        case .noDecisions: "nog geen beslissingen"
        case .oneClassOnly: "alle beslissingen zijn gelijk (alleen ja of alleen nee)"
        case .tooFewPositives(let n): "te weinig antwoorden met deze code (\(n))"
        case .tooFewNegatives(let n): "te weinig antwoorden zonder deze code (\(n))"
        }
    }
}

/// A logistic regression model for one code: P(code applies | answer) =
/// 1 / (1 + exp(−(w·x + b))), with x the answer's `AnswerFeatures` values.
public struct CodeModel: Sendable, Hashable, Codable {
    public let codeID: String
    /// Decisions it was trained on.
    public let positives: Int
    public let negatives: Int
    /// Weight per feature of the shared vocabulary (`LearnedModels.vocabulary`); 0 for
    /// features that occurred in none of this code's decided answers.
    public let weights: [Double]
    /// The bias term's weight, times the bias feature's value.
    public let intercept: Double
    /// Per vocabulary feature: in how many of the code's positive and negative decisions'
    /// answers it occurs (used to keep words that are no more typical of the code than of
    /// other answers out of the evidence).
    public let positiveCounts: [Int32]
    public let negativeCounts: [Int32]

    /// Number of decisions (positive and negative) the model learned from.
    public var decisions: Int { positives + negatives }
}

/// Per code of a codebook, a trained model or the reason there is none, over one vocabulary
/// of features. Immutable and `Sendable`: share it across threads. It is a cache of the
/// decisions: rebuild it from them at any time (same decisions in the same order → the same
/// models, bit for bit), persist it (`Codable`) only for speed, keyed by the last decision.
public struct LearnedModels: Sendable, Codable {
    /// The codebook's codes, in codebook order.
    public let codes: [String]
    /// Models of the codes that have one.
    public let models: [String: CodeModel]
    /// Why the other codes have none.
    public let reasons: [String: NoModelReason]
    /// The features of the training answers, in order of first appearance; a model's weights
    /// line up with these.
    public let vocabulary: [FeatureID]
    /// How the training answers were featurised (answers to predict must match).
    public let features: FeatureConfiguration
    /// How the models were trained.
    public let options: TrainingOptions
    private let index: FeatureRows
    /// The models of the codes that have one, in codebook order: the columns of `denseWeights`.
    let modelled: [CodeModel]
    /// Per code of `codes`, its column in `modelled` (−1: no model).
    let column: [Int]
    /// Per vocabulary row, the weights of every model in `modelled` side by side
    /// (`row * modelled.count + column`), so one pass over an answer's features gives every
    /// model's decision value.
    let denseWeights: [Double]

    private enum CodingKeys: String, CodingKey { case codes, models, reasons, vocabulary, features, options }

    init(codes: [String], models: [String: CodeModel], reasons: [String: NoModelReason], vocabulary: [FeatureID],
         features: FeatureConfiguration, options: TrainingOptions) {
        self.codes = codes
        self.models = models
        self.reasons = reasons
        self.vocabulary = vocabulary
        self.features = features
        self.options = options
        self.index = FeatureRows(vocabulary)
        let modelled = codes.compactMap { models[$0] }
        self.modelled = modelled
        self.column = codes.map { code in modelled.firstIndex { $0.codeID == code } ?? -1 }
        var dense = [Double](repeating: 0, count: vocabulary.count * modelled.count)
        for (j, model) in modelled.enumerated() {
            precondition(model.weights.count == vocabulary.count, "a model's weights line up with the vocabulary")
            for (row, weight) in model.weights.enumerated() { dense[row * modelled.count + j] = weight }
        }
        self.denseWeights = dense
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(codes: try c.decode([String].self, forKey: .codes), models: try c.decode([String: CodeModel].self, forKey: .models),
                  reasons: try c.decode([String: NoModelReason].self, forKey: .reasons),
                  vocabulary: try c.decode([FeatureID].self, forKey: .vocabulary),
                  features: try c.decode(FeatureConfiguration.self, forKey: .features),
                  options: try c.decode(TrainingOptions.self, forKey: .options))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(codes, forKey: .codes)
        try c.encode(models, forKey: .models)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(vocabulary, forKey: .vocabulary)
        try c.encode(features, forKey: .features)
        try c.encode(options, forKey: .options)
    }

    /// The vocabulary row of a feature, or −1 when no training answer had it.
    func row(of feature: FeatureID) -> Int32 { index.row(of: feature) }

    /// The model of a code, or why there is none (nil for a code not in `codes`).
    public func status(of codeID: String) -> ModelStatus? {
        if let m = models[codeID] { return .trained(m) }
        if let r = reasons[codeID] { return .untrained(r) }
        return nil
    }
}

/// What `LearnedModels` holds for one code.
public enum ModelStatus: Sendable, Hashable {
    case trained(CodeModel)
    case untrained(NoModelReason)
}

/// A failure inside LIBLINEAR (bad parameters, no memory); never caused by the decisions.
public struct LearningError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Trains per-code models from decisions.
public enum Learner {
    /// Trains a model for every code of `codes` (codebook order) that has enough decisions.
    /// Only the examples' human decisions are used; the pattern hits enter as features.
    /// All examples must come from featurisers with the same `FeatureConfiguration`.
    public static func train(_ examples: [TrainingExample], codes: [String], options: TrainingOptions = .standard) throws -> LearnedModels {
        let matrix = FeatureMatrix(examples.map(\.features))
        return try train(matrix, labels: { i, code in examples[i].label(code) }, rows: Array(examples.indices), codes: codes,
                         options: options)
    }

    /// Trains on the rows `rows` of a prepared matrix (cross-validation reuses one matrix for
    /// every fold). The vocabulary is that of the chosen rows only.
    static func train(_ matrix: FeatureMatrix, labels: (Int, String) -> Bool?, rows: [Int], codes: [String],
                      options: TrainingOptions) throws -> LearnedModels {
        try train(matrix, labels: labels, parts: [rows], codes: codes, options: options)[0]
    }

    /// Trains one set of models per part (a list of matrix rows), all parts' and codes' models
    /// side by side on `options.workers` threads, so that k folds of five codes keep every core
    /// busy instead of waiting for each fold's slowest code. A part's vocabulary holds the
    /// features of its rows, in the matrix's column order (order of first appearance over all
    /// its rows): for all rows in order, that is their order of first appearance. Results do
    /// not depend on the number of threads.
    static func train(_ matrix: FeatureMatrix, labels: (Int, String) -> Bool?, parts: [[Int]], codes: [String],
                      options: TrainingOptions) throws -> [LearnedModels] {
        let problems = parts.map { matrix.problem(rows: $0) }

        // Per part and code: its decided rows and labels, or the reason it gets no model.
        struct Job: Sendable {
            let part: Int
            let code: String
            let rowIDs: [Int32]
            let labels: [Double]
            let positives: Int
            let negatives: Int
        }
        var jobs: [Job] = []
        var reasons = [[String: NoModelReason]](repeating: [:], count: parts.count)
        for (p, rows) in parts.enumerated() {
            for code in codes {
                var ids: [Int32] = [], y: [Double] = []
                for (i, r) in rows.enumerated() {
                    guard let label = labels(r, code) else { continue }
                    ids.append(Int32(i))
                    y.append(label ? 1 : -1)
                }
                let positives = y.lazy.filter { $0 > 0 }.count, negatives = y.count - positives
                if y.isEmpty { reasons[p][code] = .noDecisions }
                else if positives == 0 || negatives == 0 { reasons[p][code] = .oneClassOnly }
                else if positives < options.minimumPositives { reasons[p][code] = .tooFewPositives(positives) }
                else if negatives < options.minimumNegatives { reasons[p][code] = .tooFewNegatives(negatives) }
                else { jobs.append(Job(part: p, code: code, rowIDs: ids, labels: y, positives: positives, negatives: negatives)) }
            }
        }

        let results = try LearningParallel.map(jobs, workers: options.workers) { job -> CodeModel in
            let problem = problems[job.part]
            let featureCount = problem.vocabulary.count
            var weights = [Double](repeating: 0, count: featureCount + 1)
            let l = Double(job.labels.count)
            let (wp, wn) = options.balancesClasses ? (l / (2 * Double(job.positives)), l / (2 * Double(job.negatives))) : (1.0, 1.0)
            var message: UnsafePointer<CChar>?
            let status = problem.rowStarts.withUnsafeBufferPointer { starts in
                problem.indices.withUnsafeBufferPointer { idx in
                    problem.values.withUnsafeBufferPointer { vals in
                        weights.withUnsafeMutableBufferPointer { w in
                            duiding_linear_train(Int32(job.labels.count), job.rowIDs, Int32(featureCount), starts.baseAddress,
                                                 idx.baseAddress, vals.baseAddress, job.labels, options.bias, options.cost,
                                                 options.tolerance, wp, wn, w.baseAddress, &message)
                        }
                    }
                }
            }
            guard status == 0 else {
                let detail = message.map { String(cString: $0) } ?? (status == -3 ? "out of memory" : "status \(status)")
                throw LearningError(description: "LIBLINEAR could not train a model for `\(job.code)`: \(detail)")
            }
            let intercept = options.bias >= 0 ? weights[featureCount] * options.bias : 0
            weights.removeLast()
            var positiveCounts = [Int32](repeating: 0, count: featureCount), negativeCounts = positiveCounts
            for (k, r) in job.rowIDs.enumerated() {
                for i in Int(problem.rowStarts[Int(r)])..<Int(problem.rowStarts[Int(r) + 1]) {
                    let column = Int(problem.indices[i]) - 1
                    if job.labels[k] > 0 { positiveCounts[column] += 1 } else { negativeCounts[column] += 1 }
                }
            }
            return CodeModel(codeID: job.code, positives: job.positives, negatives: job.negatives, weights: weights,
                             intercept: intercept, positiveCounts: positiveCounts, negativeCounts: negativeCounts)
        }
        var models = [[String: CodeModel]](repeating: [:], count: parts.count)
        for (job, model) in zip(jobs, results) { models[job.part][model.codeID] = model }
        return parts.indices.map { p in
            LearnedModels(codes: codes, models: models[p], reasons: reasons[p], vocabulary: problems[p].vocabulary,
                          features: matrix.configuration, options: options)
        }
    }
}

/// Many answers' features in one flat CSR matrix, numbered once: column numbers follow the
/// features' first appearance over the rows, and each row's entries are sorted by column.
struct FeatureMatrix: Sendable {
    /// Column → feature.
    let features: [FeatureID]
    /// Per entry: its column (0-based) and value.
    let columns: [Int32]
    let values: [Double]
    let starts: [Int]
    let configuration: FeatureConfiguration

    init(_ answers: [AnswerFeatures]) {
        let configuration = answers.first?.configuration ?? .standard
        precondition(answers.allSatisfy { $0.configuration == configuration },
                     "training answers were featurised with different configurations")
        self.configuration = configuration
        var number: [FeatureID: Int32] = [:]
        var features: [FeatureID] = []
        var columns: [Int32] = [], values: [Double] = [], starts = [0]
        let count = answers.reduce(0) { $0 + $1.featureIDs.count }
        columns.reserveCapacity(count)
        values.reserveCapacity(count)
        var scratch: [(Int32, Double)] = []
        for a in answers {
            scratch.removeAll(keepingCapacity: true)
            for (f, v) in zip(a.featureIDs, a.featureValues) {
                let n: Int32
                if let existing = number[f] { n = existing } else {
                    n = Int32(features.count)
                    features.append(f)
                    number[f] = n
                }
                scratch.append((n, v))
            }
            scratch.sort { $0.0 < $1.0 }
            for (n, v) in scratch { columns.append(n); values.append(v) }
            starts.append(columns.count)
        }
        self.features = features
        self.columns = columns
        self.values = values
        self.starts = starts
    }

    /// The rows `rows` as a LIBLINEAR problem: the columns they use, renumbered 1… in column
    /// order (so each row stays sorted), and their entries in CSR form.
    func problem(rows: [Int]) -> Problem {
        var local = [Int32](repeating: 0, count: features.count)
        var entries = 0
        for r in rows {
            entries += starts[r + 1] - starts[r]
            for k in starts[r]..<starts[r + 1] { local[Int(columns[k])] = 1 }
        }
        var vocabulary: [FeatureID] = []
        for c in local.indices where local[c] != 0 {
            vocabulary.append(features[c])
            local[c] = Int32(vocabulary.count)
        }
        var rowStarts: [Int64] = [0], indices: [Int32] = [], entryValues: [Double] = []
        rowStarts.reserveCapacity(rows.count + 1)
        indices.reserveCapacity(entries)
        entryValues.reserveCapacity(entries)
        for r in rows {
            for k in starts[r]..<starts[r + 1] {
                indices.append(local[Int(columns[k])])
                entryValues.append(values[k])
            }
            rowStarts.append(Int64(indices.count))
        }
        return Problem(vocabulary: vocabulary, rowStarts: rowStarts, indices: indices, values: entryValues)
    }

    /// Rows of a training problem: feature numbers 1… (LIBLINEAR's), vocabulary[n − 1] the feature of number n.
    struct Problem: Sendable {
        let vocabulary: [FeatureID]
        let rowStarts: [Int64]
        let indices: [Int32]
        let values: [Double]
    }
}
