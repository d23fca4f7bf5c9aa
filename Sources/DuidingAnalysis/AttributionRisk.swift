import Foundation

/// The risk of a quote's own attribution: how many respondents in the data share its values
/// (k). "(dijkgraaf, waterschap)" may be one of four in the sample; below `minGroup` the quote
/// is flagged and a coarser attribution proposed: functions as their type ("bestuurder"), then
/// columns left out from the last, until at least `minGroup` respondents share it.
public struct AttributionRisk: Sendable {
    /// What was found for one attribution.
    public struct Assessment: Sendable, Hashable {
        /// Respondents with the same values in the attribution's columns.
        public let groupSize: Int
        /// People who hold the attribution's function in the country, where known.
        public let population: Int?
        public let flagged: Bool
        /// The proposal ("Bestuurder, waterschap"; empty: no attribution), when flagged.
        public let coarser: String?
        /// Respondents sharing the proposal.
        public let coarserGroupSize: Int?

        /// In Dutch, for the researcher: "toeschrijving gedeeld door 3 respondenten (minder dan 5)".
        public var note: String {
            var parts = ["toeschrijving gedeeld door \(groupSize) respondent\(groupSize == 1 ? "" : "en")"]
            if let population { parts.append("\(population) in het land") }
            if let coarser { parts.append("voorstel: " + (coarser.isEmpty ? "geen toeschrijving" : "(\(coarser))")) }
            return parts.joined(separator: "; ")
        }
    }

    public let columns: [String]
    public let minGroup: Int
    /// A function held by fewer people than this in the country is flagged whatever the sample.
    public var minPopulation = 25
    /// How many respondents have each combination of the columns' values: a panel's million
    /// respondents share a few hundred.
    private var respondents: [[String]: Int] = [:]
    private var respondentCount = 0

    /// `respondents`: one value map per respondent (not per unit). `minGroup` must be at least 1.
    public init(respondents: [[String: String]], columns: [String], minGroup: Int = 5) {
        self.init(columns: columns, minGroup: minGroup)
        for r in respondents { add(r) }
    }

    /// No respondents yet (see `add`). `minGroup` must be at least 1.
    public init(columns: [String], minGroup: Int = 5) {
        precondition(minGroup >= 1, "the smallest group must be at least 1")
        self.columns = columns
        self.minGroup = minGroup
    }

    /// Counts one more respondent, with these values (each respondent once, not each unit).
    public mutating func add(_ respondent: [String: String]) {
        respondents[columns.map { respondent[$0, default: ""] }, default: 0] += 1
        respondentCount += 1
    }

    /// The assessment of one respondent's attribution values.
    public func assess(_ values: [String: String]) -> Assessment {
        let own = columns.map { values[$0, default: ""] }
        let k = count(own)
        let population = own.lazy.compactMap(FunctionPopulation.count(of:)).min()
        let flagged = k < minGroup || (population.map { $0 < minPopulation } ?? false)
        guard flagged else { return Assessment(groupSize: k, population: population, flagged: false, coarser: nil, coarserGroupSize: nil) }
        // Functions as their type, then drop columns from the last; the first that is shared enough.
        let typed = own.map { FunctionPopulation.type(of: $0) ?? $0 }
        for kept in stride(from: columns.count, through: 0, by: -1) {
            let proposal = Array(typed.prefix(kept))
            let shared = respondents.reduce(0) { sum, r in
                sum + (zip(r.key.prefix(kept), proposal).allSatisfy { (FunctionPopulation.type(of: $0) ?? $0) == $1 } ? r.value : 0)
            }
            if (shared >= minGroup && proposal != own) || kept == 0 {
                return Assessment(groupSize: k, population: population, flagged: true,
                                  coarser: AttributionText.sentence(proposal), coarserGroupSize: shared)
            }
        }
        return Assessment(groupSize: k, population: population, flagged: true, coarser: "", coarserGroupSize: respondentCount)
    }

    private func count(_ values: [String]) -> Int { respondents[values] ?? 0 }
}

/// Public functions by type, and how many hold them in the country where that follows from the
/// number of bodies: one burgemeester, griffier and gemeentesecretaris per gemeente (342 on
/// 1 January 2024, CBS, as `DutchMunicipalities`), one commissaris van de Koning, statengriffier
/// and provinciesecretaris per provincie (12), one dijkgraaf and secretaris-directeur per
/// waterschap (21, Unie van Waterschappen).
public enum FunctionPopulation {
    /// The type a function is reported as in the report's tables (bestuurder /
    /// volksvertegenwoordiger / ambtenaar), or nil for a value that is not a known function.
    public static func type(of function: String) -> String? {
        let key = function.lowercased().trimmingCharacters(in: .whitespaces)
        if bestuurders.contains(key) { return "bestuurder" }
        if volksvertegenwoordigers.contains(key) { return "volksvertegenwoordiger" }
        if ambtenaren.contains(key) { return "ambtenaar" }
        return nil
    }

    /// People holding `function` in the Netherlands, where it follows from the number of bodies.
    public static func count(of function: String) -> Int? {
        populations[function.lowercased().trimmingCharacters(in: .whitespaces)]
    }

    private static let bestuurders: Set<String> = [
        "burgemeester", "wethouder", "gedeputeerde", "commissaris van de koning", "cdk", "dijkgraaf", "lid dagelijks bestuur",
        "lid db", "heemraad", "dagelijks bestuurder", "bestuurder",
    ]
    private static let volksvertegenwoordigers: Set<String> = [
        "raadslid", "statenlid", "lid algemeen bestuur", "lid ab", "fractievoorzitter", "commissielid", "burgerlid", "volksvertegenwoordiger",
    ]
    private static let ambtenaren: Set<String> = [
        "griffier", "gemeentesecretaris", "provinciesecretaris", "statengriffier", "secretaris-directeur", "medewerker", "ambtenaar",
    ]
    private static let populations: [String: Int] = [
        "burgemeester": 342, "griffier": 342, "gemeentesecretaris": 342,
        "commissaris van de koning": 12, "cdk": 12, "statengriffier": 12, "provinciesecretaris": 12,
        "dijkgraaf": 21, "secretaris-directeur": 21,
    ]
}

/// How an attribution is written: a capital at the start, the values after the first in lower
/// case unless they have capitals inside ("Gemeente" → "gemeente"; "CdK", "Den Haag" stay), so
/// the attributions of one chapter look alike whatever the data's spelling.
public enum AttributionText {
    /// The non-empty values, separated by commas: ["raadslid", "Gemeente"] → "Raadslid, gemeente".
    public static func sentence(_ values: [String]) -> String {
        let present = values.filter { !$0.isEmpty }
        return capitalised(present.enumerated().map { $0 == 0 ? $1 : inSentence($1) }.joined(separator: ", "))
    }

    /// A value after the start of the attribution: "Gemeente" → "gemeente", "CdK" stays.
    public static func inSentence(_ value: String) -> String {
        guard let first = value.first, first.isUppercase, !value.dropFirst().contains(where: \.isUppercase) else { return value }
        return first.lowercased() + value.dropFirst()
    }

    /// The attribution with a capital at its start.
    public static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
