import Foundation
import Testing
@testable import DuidingAnalysis
@testable import DuidingCodebook
@testable import DuidingExport
import DuidingText

@Suite("Quotes")
struct QuoteTests {
    let coder: Coder
    let tokenizer: Tokenizer

    init() throws {
        coder = try TestSupport.coder(inlineCodebook([("caution", ["voorzicht*"], []), ("psych", ["bang*", "angst*"], [])]))
        tokenizer = try Tokenizer(language: .dutch)
    }

    func candidates(_ texts: [(id: String, text: String, attribution: String)]) throws -> [QuoteCandidate] {
        try texts.map { t in
            QuoteCandidate(unitID: t.id, document: try Document(t.text, tokenizer: tokenizer),
                           suggestions: try coder.code(t.text), attribution: t.attribution)
        }
    }

    func select(_ texts: [(id: String, text: String, attribution: String)], perCode: Int = 5) throws -> [[Quote]] {
        let selector = try QuoteSelector(perCode: perCode, language: .dutch)
        return try selector.select(from: try candidates(texts), codeCount: 2)
    }

    static let longText: String = {
        var sentences = (1...6).map { "Dit is zin nummer \($0) over het werk in de raad en de gemeente." }
        sentences.insert("Sinds de bedreiging ben ik veel voorzichtiger met wat ik online zeg.", at: 3)
        return sentences.joined(separator: " ")
    }()

    @Test func quotesAreVerbatim() throws {
        let texts = [
            (id: "R1", text: "  Ik ben voorzichtiger geworden met wat ik op Facebook zet.\n", attribution: "raadslid"),
            (id: "R2", text: "Ik ben er 's nachts bang van, m.n. als ik alleen thuis ben.", attribution: "wethouder"),
            (id: "R3", text: "Ik “denk” na en ben voorzichtig 👍🏽 met uitspraken in de krant.", attribution: ""),
            (id: "R4", text: Self.longText, attribution: "burgemeester"),
        ]
        let quotes = try select(texts)
        let all = quotes.flatMap { $0 }
        #expect(all.count == 4)
        for quote in all {
            let unit = try #require(texts.first { $0.id == quote.unitID })
            var core = quote.text
            if core.hasPrefix("[...] ") { core.removeFirst(6) }
            if core.hasSuffix(" [...]") { core.removeLast(6) }
            #expect(!core.isEmpty && unit.text.contains(core), "quote of \(quote.unitID) is not verbatim: \(quote.text)")
            #expect(quote.attribution == unit.attribution)
        }
        #expect(all.first { $0.unitID == "R1" }?.text == "Ik ben voorzichtiger geworden met wat ik op Facebook zet.")
    }

    @Test func longUnitsAreShortenedOnSentencesAroundTheEvidence() throws {
        let quotes = try select([(id: "L", text: Self.longText, attribution: "")])
        let quote = try #require(quotes[0].first)
        #expect(quote.text.contains("Sinds de bedreiging ben ik veel voorzichtiger met wat ik online zeg."))
        #expect(quote.text != Self.longText)
        #expect(quote.text.hasPrefix("[...] ") || quote.text.hasSuffix(" [...]"))
        let words = quote.text.split(separator: " ").filter { $0 != "[...]" }
        #expect(words.count <= 45)
        // Whole sentences: the core starts with a capital and ends with a period.
        let core = quote.text.replacingBrackets()
        #expect(core.first == "D" || core.first == "S")
        #expect(core.last == ".")
    }

    @Test func noNearDuplicates() throws {
        let quotes = try select([
            (id: "A", text: "Ik ben voorzichtiger geworden met wat ik zeg op Facebook.", attribution: "raadslid"),
            (id: "B", text: "Ik ben voorzichtiger geworden met wat ik zeg op Facebook!", attribution: "wethouder"),
            (id: "C", text: "ik ben voorzichtiger geworden met wat ik zeg op facebook", attribution: "statenlid"),
            (id: "D", text: "Tijdens raadsvergaderingen formuleer ik alles veel voorzichtiger dan vroeger.", attribution: "raadslid"),
        ])
        let ids = quotes[0].map(\.unitID)
        #expect(ids.count == 2, "\(ids)")
        #expect(ids.contains("D"))
        #expect(ids.filter { ["A", "B", "C"].contains($0) }.count == 1)
    }

    @Test func markupAndTooShortAnswersAreNotQuoted() throws {
        let quotes = try select([
            (id: "H", text: "<i>voorzichtiger</i> met uitspraken, verder niks", attribution: ""),
            (id: "S", text: "voorzichtiger", attribution: ""),
            (id: "OK", text: "Ik ben bang dat het weer gebeurt.", attribution: ""),
        ])
        #expect(quotes[0].isEmpty, "\(quotes[0].map(\.unitID))")
        #expect(quotes[1].map(\.unitID) == ["OK"])
    }

    @Test func perCodeLimitAndSpreadOverGroups() throws {
        let texts = (1...6).map { i in
            (id: "R\(i)", text: "Antwoord \(i): " + ["ik ben voorzichtiger geworden in de raad", "voorzichtig met de pers en mijn woorden",
                                                       "veel voorzichtiger online sinds vorig jaar", "voorzichtigheid is nu mijn tweede natuur",
                                                       "uit voorzichtigheid zeg ik minder", "ik formuleer alles voorzichtig tegenwoordig"][i - 1] + ".",
             attribution: i <= 4 ? "raadslid" : "wethouder")
        }
        let quotes = try select(texts, perCode: 2)
        #expect(quotes[0].count == 2)
        #expect(Set(quotes[0].map(\.attribution)) == ["raadslid", "wethouder"])
        #expect(quotes[1].isEmpty)
    }

    @Test func markdownEscapesAndAttributes() {
        let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [
            Code(id: "caution", label: "Voorzichtigheid", include: []),
            Code(id: "psych", label: "Psychische impact", include: []),
        ])
        let quotes: [[Quote]] = [
            [Quote(codeIndex: 0, unitID: "R1", text: "Ik schreef <script>alert(1)</script> en *nu* ben ik voorzichtig [...]",
                   attribution: "raadslid, gemeente", why: ""),
             Quote(codeIndex: 0, unitID: "R2", text: "Regel een\nregel twee & meer", attribution: "", why: "")],
            [],
        ]
        let md = QuoteWriter(quotes: quotes, codebook: codebook, unitsWithCode: [12, 3], unitCount: 1082).markdown()
        #expect(md.contains("- “Ik schreef \\<script\\>alert(1)\\</script\\> en \\*nu\\* ben ik voorzichtig [...]” (raadslid, gemeente)\n"))
        #expect(!md.contains("<script>"))
        #expect(md.contains("- “Regel een\n  regel twee &amp; meer”\n"))
        #expect(md.contains("## Voorzichtigheid"))
        #expect(md.contains("Voorzichtigheid komt naar voren in 12 van de 1.082 antwoorden (1%)."))
        #expect(md.contains("Er is geen geschikt citaat gevonden."))
        // Themes are ordered by how often they occur.
        let first = md.range(of: "## Voorzichtigheid")!.lowerBound
        let second = md.range(of: "## Psychische impact")!.lowerBound
        #expect(first < second)
    }

    @Test func quotesCSV() {
        let codebook = Codebook(name: "t", language: "nl", negation: .none, codes: [Code(id: "caution", label: "V", include: [])])
        let quotes = [[Quote(codeIndex: 0, unitID: "R1", text: "Hij zei \"nee\", echt", attribution: "", why: "typisch")]]
        let csv = QuoteWriter(quotes: quotes, codebook: codebook, unitsWithCode: [1], unitCount: 1).csv()
        #expect(parseCSV(csv) == [["code", "id", "quote", "why", "personal_data", "attribution", "group_size", "coarser_attribution"],
                                  ["caution", "R1", "Hij zei \"nee\", echt", "typisch", "", "", "", ""]])
    }
}
