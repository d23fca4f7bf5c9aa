import Foundation
import Testing
@testable import DuidingAnalysis

/// Agreement statistics against reference implementations: scikit-learn's
/// `cohen_kappa_score` and the `krippendorff` package (Fixtures/make_agreement_fixtures.py,
/// run once; its output is Fixtures/agreement.json).
@Suite("Agreement between coders")
struct AgreementTests {
    struct Fixtures: Decodable {
        struct KappaCase: Decodable { let a: [Int]; let b: [Int]; let kappa: Double }
        struct AlphaCase: Decodable { let units: [[Int?]]; let alpha: Double }
        let kappa: [KappaCase]
        let alpha: [AlphaCase]
    }

    static func fixtures() throws -> Fixtures {
        try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: TestSupport.fixture("agreement.json")))
    }

    @Test func kappaMatchesScikitLearn() throws {
        let cases = try Self.fixtures().kappa
        #expect(cases.count >= 10)
        for c in cases {
            let kappa = try #require(Agreement.cohensKappa(zip(c.a, c.b).map { ($0 == 1, $1 == 1) }))
            #expect(abs(kappa - c.kappa) < 1e-9, "kappa \(kappa) vs \(c.kappa) for \(c.a) / \(c.b)")
        }
    }

    @Test func alphaMatchesTheKrippendorffPackageWithMissingValues() throws {
        let cases = try Self.fixtures().alpha
        #expect(cases.count >= 10)
        #expect(cases.contains { $0.units.contains { $0.contains(nil) } })
        for c in cases {
            let alpha = try #require(Agreement.krippendorffAlpha(c.units))
            #expect(abs(alpha - c.alpha) < 1e-9, "alpha \(alpha) vs \(c.alpha)")
        }
    }

    @Test func perfectAndUndefinedAgreement() {
        #expect(Agreement.cohensKappa([(true, true), (false, false), (true, true)]) == 1)
        #expect(Agreement.cohensKappa([(true, true), (true, true)]) == nil)
        #expect(Agreement.krippendorffAlpha([[1, 1], [0, 0], [1, nil, 1]]) == 1)
        #expect(Agreement.krippendorffAlpha([[1, nil], [nil, 0]]) == nil)  // nothing pairable
        #expect(Agreement.krippendorffAlpha([[1, 1], [1, 1]]) == nil)      // no variation
    }
}
