import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingProject
@testable import DuidingStore

/// The comparison of coders the review server keeps between requests (`TeamComparison`) gives
/// the figures a plain recomputation gives, whatever the coders did in between.
@Suite("Team comparison kept between requests")
struct TeamComparisonTests {
    /// What the lead's panel shows, computed plainly: every coder's state of every unit
    /// (`states(coder:)`), as agreement and the reconcile queue were computed before they were kept.
    struct Plain {
        var coders: [String] = []
        var disagreements: [Reconciliation.Disagreement] = []
        var everyone: [String] = []
        var shared = 0
        var perCode: [(code: String, kappa: Double?, alpha: Double?)] = []
        var reviewed: [String: Int] = [:]
    }

    static func plain(_ store: ProjectStore, scope: Set<String>?) throws -> Plain {
        let codebooks = try #require(try store.latestCodebooks())
        let log = try store.decisions()
        let undone = Set(log.compactMap(\.undoes))
        var plain = Plain()
        plain.everyone = Set(log.map(\.coder)).sorted()
        let states = try plain.everyone.map { try store.states(coder: $0) }
        let units = try store.units().filter { scope?.contains($0.id) ?? true }
        func reviewers(_ id: String) -> [String] {
            plain.everyone.indices.filter { states[$0][id]?.reviewedBy.isEmpty == false }.map { plain.everyone[$0] }
        }
        for unit in units { for coder in reviewers(unit.id) { plain.reviewed[coder, default: 0] += 1 } }
        plain.coders = plain.reviewed.keys.sorted()
        let shared = units.filter { reviewers($0.id).count >= 2 }
        plain.shared = shared.count
        for unit in shared {
            let who = Set(reviewers(unit.id))
            let settled = Set(log.filter { $0.unitID == unit.id && $0.final && !undone.contains($0.seq) }.compactMap(\.codeID))
            for code in codebooks.codebook(question: unit.question).codes.map(\.id) where !settled.contains(code) {
                let says = plain.coders.map { coder -> Bool? in
                    guard who.contains(coder), let i = plain.everyone.firstIndex(of: coder) else { return nil }
                    return states[i][unit.id]?.codes.contains(code)
                }
                if Set(says.compactMap { $0 }).count > 1 { plain.disagreements.append(Reconciliation.Disagreement(unitID: unit.id, code: code, judgements: says)) }
            }
        }
        plain.perCode = codebooks.codes(of: units).map { code in
            let matrix: [[Int?]] = shared.map { unit in
                states.map { s in s[unit.id].flatMap { $0.reviewedBy.isEmpty ? nil : ($0.codes.contains(code.id) ? 1 : 0) } }
            }
            let kappa = plain.everyone.count == 2
                ? Agreement.cohensKappa(matrix.compactMap { row in row[0].flatMap { a in row[1].map { b in (a == 1, b == 1) } } }) : nil
            return (code.id, kappa, Agreement.krippendorffAlpha(matrix))
        }
        return plain
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) < 1e-12
        default: false
        }
    }

    /// Checks `figures` against the plain recomputation; `what` says which comparison and when.
    static func check(_ figures: TeamComparison.Figures, against plain: Plain, _ what: String) throws {
        let reconciliation = try #require(figures.reconciliation, "\(what): no reconciliation")
        let agreement = try #require(figures.agreement, "\(what): no agreement")
        #expect(reconciliation.coders == plain.coders, "\(what): reconcile coders")
        #expect(reconciliation.disagreements == plain.disagreements,
                "\(what): the queue has \(reconciliation.disagreements.count), a recomputation \(plain.disagreements.count)")
        #expect(figures.reviewed == plain.reviewed, "\(what): progress \(figures.reviewed) vs \(plain.reviewed)")
        #expect(figures.coders.sorted() == plain.everyone && agreement.coders == plain.everyone, "\(what): coders")
        #expect(agreement.sharedUnits == plain.shared, "\(what): shared units \(agreement.sharedUnits) vs \(plain.shared)")
        #expect(agreement.perCode.map(\.code) == plain.perCode.map(\.code), "\(what): codes")
        for (kept, fresh) in zip(agreement.perCode, plain.perCode) {
            #expect(same(kept.kappa, fresh.kappa) && same(kept.alpha, fresh.alpha),
                    "\(what): \(kept.code) kappa \(String(describing: kept.kappa)) alpha \(String(describing: kept.alpha)), recomputed \(String(describing: fresh.kappa)) \(String(describing: fresh.alpha))")
        }
    }

    @Test func keptFiguresEqualARecomputationAfterEveryDecision() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("TeamComparisonTests seed: \(seed)")
        var random = SeededGenerator(seed: seed)
        let store = try ProjectStore.inMemory()
        let answers = (1...40).map { i in
            let a = ReviewFixture.answers[i % ReviewFixture.answers.count]
            return (id: "A\(i)", text: a.text, geslacht: a.geslacht, functie: a.functie)
        }
        try ReviewFixture.populate(store, answers: answers)
        let ids = answers.map(\.id)
        let scope = Set(ids.prefix(25))
        let whole = TeamComparison(store), scoped = TeamComparison(store, scope: scope)
        let coders = ["anna", "bob", "cem"]
        var undos = 0, finals = 0
        for step in 1...160 {
            let unit = ids[Int.random(in: 0..<ids.count, using: &random)]
            let code = ReviewFixture.codeOrder[Int.random(in: 0..<ReviewFixture.codeOrder.count, using: &random)]
            let coder = coders[Int.random(in: 0..<coders.count, using: &random)]
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2: try store.record([NewDecision(unitID: unit, codeID: code, action: .accept, coder: coder)])
            case 3...4: try store.record([NewDecision(unitID: unit, codeID: code, action: .reject, coder: coder)])
            case 5: try store.record([NewDecision(unitID: unit, codeID: nil, action: .done, coder: coder)])
            case 6: try store.record([NewDecision(unitID: unit, codeID: nil, action: .memo, coder: "dirk", memo: "alleen een notitie")])
            case 7...8:
                // Mostly where the coder decided last, so that there is something to undo.
                let last = try store.decisions().last { $0.coder == coder && $0.action != .undo }?.unitID
                if try store.undoLast(unit: Bool.random(using: &random) ? last ?? unit : unit, coder: coder) != nil { undos += 1 }
            default:
                try store.record([NewDecision(unitID: unit, codeID: code, action: Bool.random(using: &random) ? .accept : .reject, coder: "lea", final: true)])
                finals += 1
            }
            if step == 100 {
                // A recode: a new version that suggests less, so every judgement rests on other suggestions.
                let latest = try #require(try store.latestCodebook())
                let suggestions = try store.suggestions(version: latest.id).filter { $0.key < "A2" }.flatMap(\.value)
                _ = try store.addCodebookVersion(name: latest.name, source: latest.source, yaml: latest.yaml, codes: latest.codes,
                                                 suggestions: suggestions, ifLatestIs: latest.id)
            }
            // The kept comparisons are asked after every step (as the panel polls), sometimes twice.
            if step.isMultiple(of: 7) { _ = try whole.figures() }
            try Self.check(try whole.figures(), against: try Self.plain(store, scope: nil), "seed \(seed), step \(step), whole project")
            try Self.check(try scoped.figures(), against: try Self.plain(store, scope: scope), "seed \(seed), step \(step), 25 answers")
        }
        try Self.check(try TeamComparison(store).figures(), against: try Self.plain(store, scope: nil), "seed \(seed), afresh")
        #expect(undos > 5 && finals > 5, "the sequence undid \(undos) and settled \(finals): too few to test those")
        #expect(try Self.plain(store, scope: nil).disagreements.count > 3, "the sequence should leave disagreements to compare")
    }

    /// What the review server does as it starts (`prepare()`): the comparison is built on a
    /// thread of its own while coders go on deciding; the first figures asked for, and every
    /// later ones, are those of a recomputation, none of the decisions made meanwhile missed.
    @Test func preparedWhileCodersDecideItMissesNoDecision() throws {
        let dir = try TemporaryDirectory()
        let store = try ProjectStore.create(at: dir.path("team.duiding"))   // a file, read and written at once, as by the server
        let answers = (1...60).map { i in
            let a = ReviewFixture.answers[i % ReviewFixture.answers.count]
            return (id: "A\(i)", text: a.text, geslacht: a.geslacht, functie: a.functie)
        }
        try ReviewFixture.populate(store, answers: answers)
        let ids = answers.map(\.id)
        // A log to build from: anna and bob differ on every answer.
        for (coder, action) in [("anna", DecisionAction.accept), ("bob", .reject)] {
            try store.record(ids.flatMap { id in ReviewFixture.codeOrder.map { NewDecision(unitID: id, codeID: $0, action: action, coder: coder) } })
        }
        for round in 1...5 {
            let comparison = TeamComparison(store)
            comparison.prepare()
            // Meanwhile cem and a lead decide, one entry at a time, as from the page.
            for (i, id) in ids.enumerated() where i % 5 == round - 1 {
                try store.record([NewDecision(unitID: id, codeID: ReviewFixture.codeOrder[i % ReviewFixture.codeOrder.count], action: .reject, coder: "cem")])
                try store.record([NewDecision(unitID: id, codeID: ReviewFixture.codeOrder[0], action: .accept, coder: "lea", final: true)])
            }
            try Self.check(try comparison.figures(), against: try Self.plain(store, scope: nil), "round \(round), the first figures after prepare()")
            try store.record([NewDecision(unitID: ids[round], codeID: ReviewFixture.codeOrder[1], action: .accept, coder: "cem")])
            try Self.check(try comparison.figures(), against: try Self.plain(store, scope: nil), "round \(round), after one more decision")
        }
    }

    @Test func withoutACodebookThereIsProgressButNoComparison() throws {
        let store = try ProjectStore.inMemory()
        try store.importUnits([NewUnit(id: "R1", text: "Een antwoord.", kind: .answer, values: [:], file: "a.csv", line: 2)],
                              file: "a.csv", variables: [])
        try store.record([NewDecision(unitID: "R1", codeID: nil, action: .done, coder: "anna")])
        let figures = try TeamComparison(store).figures()
        #expect(figures.reviewed == ["anna": 1] && figures.reconciliation == nil && figures.agreement == nil)
        #expect(throws: SelectionError.self) { try Reconciliation(store) }
    }
}
