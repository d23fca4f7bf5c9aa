import DuidingInput
@testable import DuidingStore
@testable import DuidingWeb
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Variables as the report wants them: SPSS value labels in SPSS order and variable labels as
/// headings; the project's `duiding variable` settings (order, label, hidden); hidden
/// variables absent from everything the review page reads.
@Suite("Variables", .serialized)
struct VariableTests {
    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> DuidingBinary.Run {
        try DuidingBinary.run(arguments, in: dir.url)
    }

    /// variables.sav (see make_variables_sav.py) imported and coded with the default codebook.
    func savProject(in dir: TemporaryDirectory) throws -> String {
        try TestSupport.codedProject(importing: [try TestSupport.fixture("variables.sav").path, "--text-column", "tekst"], in: dir)
    }

    /// The groups of the `table --format csv` columns of `variable`, in order.
    func groups(_ csv: String, _ variable: String) -> [String] {
        var seen: [String] = []
        for row in parseCSV(csv).dropFirst() where row.first == variable && !seen.contains(row[1]) { seen.append(row[1]) }
        return seen
    }

    @Test func spssValueLabelsKeepTheirOrderByValue() throws {
        let file = try SPSSFile.load(path: try TestSupport.fixture("variables.sav").path)
        let labels = Dictionary(uniqueKeysWithValues: zip(file.names, file.valueLabels))
        #expect(labels["geslacht"] == ["vrouw", "man", "anders", "zeg ik liever niet"])
        // Written 3, 1, 2 in the file; SPSS orders by value.
        #expect(labels["ernst"] == ["niet ernstig", "ernstig", "zeer ernstig"])
        #expect(labels["weegfactor"] == [])
    }

    @Test func tablesFollowSPSSOrderWithVariableLabelsAsHeadings() throws {
        let dir = try TemporaryDirectory()
        let project = try savProject(in: dir)
        let csv = try run(["table", project, "--by", "geslacht", "--by", "ernst", "--format", "csv"], in: dir)
        try #require(csv.status == 0, "\(csv.stderr)")
        // Not alphabetical (anders, man, vrouw); a label no respondent has is no column.
        #expect(groups(csv.stdout, "geslacht") == ["vrouw", "man", "anders"])
        #expect(groups(csv.stdout, "ernst") == ["niet ernstig", "ernstig", "zeer ernstig"])
        let md = try run(["table", project, "--by", "geslacht", "--format", "md"], in: dir)
        #expect(md.stdout.contains("### Naar Geslacht van de respondent\n"), "\(md.stdout)")
        #expect(md.stdout.contains("| | Totaal (n=5) | vrouw (n=2) | man (n=2) | anders (n=1) |"), "\(md.stdout)")
        // The SPSS file read directly (a project in memory) is ordered the same way.
        let direct = try run(["table", try TestSupport.fixture("variables.sav").path, "--text-column", "tekst", "--by", "geslacht",
                              "--format", "csv", "--codebook", TestSupport.defaultCodebookPath], in: dir)
        #expect(groups(direct.stdout, "geslacht") == ["vrouw", "man", "anders"], "\(direct.stderr)")
    }

    @Test func orderAndLabelSetForACSVVariableShowInTables() throws {
        let dir = try TemporaryDirectory()
        let project = try QuestionsTests().project(in: dir)
        let before = try run(["table", project, "--question", "q1", "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(groups(before.stdout, "geslacht") == ["man", "vrouw"])
        let set = try run(["variable", project, "geslacht", "--order", "vrouw,man", "--label", "Geslacht"], in: dir)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("geslacht  Geslacht  vrouw,man  shown"), "\(set.stdout)")
        #expect(set.stdout.contains("values: vrouw, man"), "\(set.stdout)")
        let csv = try run(["table", project, "--question", "q1", "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(groups(csv.stdout, "geslacht") == ["vrouw", "man"])
        let text = try run(["table", project, "--question", "q1", "--by", "geslacht"], in: dir)
        #expect(text.stdout.contains("\nGeslacht "), "\(text.stdout)")
        let vrouw = try #require(text.stdout.range(of: "vrouw (n=3)")), man = try #require(text.stdout.range(of: "man (n=1)"))
        #expect(vrouw.lowerBound < man.lowerBound, "\(text.stdout)")
        // The listing shows every variable's settings; the weight column is hidden from the start.
        let list = try run(["variable", project], in: dir)
        #expect(list.stdout.contains("geslacht  Geslacht  vrouw,man  shown"), "\(list.stdout)")
        #expect(list.stdout.contains("gewicht"), "\(list.stdout)")
        #expect(list.stdout.split(separator: "\n").first { $0.hasPrefix("gewicht") }?.hasSuffix("hidden") == true, "\(list.stdout)")
        // An empty --order goes back to the values' own order.
        _ = try run(["variable", project, "geslacht", "--order", ""], in: dir)
        let reset = try run(["table", project, "--question", "q1", "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(groups(reset.stdout, "geslacht") == ["man", "vrouw"])
    }

    @Test func aValueWithACommaIsAnOrderOfItsOwn() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.csv", "id,functie,text\nA,raadslid,bang\nB,\"lid, dagelijks bestuur\",bang\nC,wethouder,bang\n")
        let project = dir.path("p.duiding")
        for arguments in [["init", project], ["import", project, "a.csv"], ["recode", project, "--codebook", TestSupport.defaultCodebookPath]] {
            let r = try run(arguments, in: dir)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        let set = try run(["variable", project, "functie", "--order", "wethouder", "--order", "lid, dagelijks bestuur", "--order", "raadslid"], in: dir)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try ProjectStore.open(at: project, access: .read).variable("functie").valueOrder == ["wethouder", "lid, dagelijks bestuur", "raadslid"])
        let csv = try run(["table", project, "--by", "functie", "--format", "csv"], in: dir)
        #expect(groups(csv.stdout, "functie") == ["wethouder", "lid, dagelijks bestuur", "raadslid"])
        _ = try run(["variable", project, "functie", "--order", "raadslid,wethouder"], in: dir)
        #expect(try ProjectStore.open(at: project, access: .read).variable("functie").valueOrder == ["raadslid", "wethouder"])
    }

    @Test func badSettingsNameWhatThereIsAndChangeNothing() throws {
        let dir = try TemporaryDirectory()
        let project = try QuestionsTests().project(in: dir)
        let before = try ProjectStore.open(at: project, access: .read).variables()
        let unknownValue = try run(["variable", project, "geslacht", "--order", "vrouw,mannen", "--label", "Geslacht"], in: dir)
        #expect(unknownValue.status != 0)
        #expect(unknownValue.stderr.contains("`geslacht` has no value `mannen`; its values are `man`, `vrouw`; nothing was changed"), "\(unknownValue.stderr)")
        let twice = try run(["variable", project, "geslacht", "--order", "man,man"], in: dir)
        #expect(twice.status != 0 && twice.stderr.contains("names `man` twice"), "\(twice.stderr)")
        let unknownVariable = try run(["variable", project, "sekse", "--hidden"], in: dir)
        #expect(unknownVariable.status != 0)
        #expect(unknownVariable.stderr.contains("has no variable `sekse`; its variables are `geslacht`, `gewicht`"), "\(unknownVariable.stderr)")
        let both = try run(["variable", project, "geslacht", "--hidden", "--shown"], in: dir)
        #expect(both.status != 0)
        #expect(try ProjectStore.open(at: project, access: .read).variables() == before)
    }

    @Test func weightAndHandCodingAreHiddenByDefaultAndSettingsSurviveAnImport() throws {
        let store = try ProjectStore.inMemory()
        try store.importUnits([NewUnit(id: "A", text: "x", kind: .answer, values: ["geslacht": "man", "weight": "1", "Weegfactor": "2",
                                                                                    "handcodering": "caution", "gold_codes": ""],
                                       file: "a.csv", line: 2)], file: "a.csv", variables: [])
        let hidden = Dictionary(uniqueKeysWithValues: try store.variables().map { ($0.name, $0.hidden) })
        #expect(hidden == ["geslacht": false, "weight": true, "Weegfactor": true, "handcodering": true, "gold_codes": true])
        try store.changeVariable("weight", VariableChange(hidden: false))
        try store.changeVariable("geslacht", VariableChange(label: "Geslacht", order: ["man"]))
        // A second file with the same columns and other labels keeps the project's settings.
        try store.importUnits([NewUnit(id: "B", text: "y", kind: .answer, values: ["geslacht": "vrouw", "weight": "1"], file: "b.sav", line: 1)],
                              file: "b.sav", variables: [Variable(name: "geslacht", label: "Sekse", valueOrder: ["vrouw", "man"])])
        let geslacht = try store.variable("geslacht")
        #expect(geslacht.label == "Geslacht" && geslacht.valueOrder == ["man"])
        #expect(try store.variable("weight").hidden == false)
    }

    // MARK: - Value labels

    /// A CSV coded 1/2/3 for geslacht, coded with the two-word codebook of `QuestionsTests`:
    /// `1` R1 bang, R5 bang; `2` R2 bang+training, R3 training, R6 bang; `3` R4 niets.
    func codedCSVProject(in dir: TemporaryDirectory) throws -> String {
        try dir.write("codes.csv", "id,geslacht,text\nR1,1,ik ben bang\nR2,2,bang en een training\nR3,2,een training\nR4,3,niets\nR5,1,bang\nR6,2,bang\n")
        try dir.write("boek.yml", QuestionsTests.codebook)
        let project = dir.path("p.duiding")
        for arguments in [["init", project], ["import", project, "codes.csv"], ["recode", project, "--codebook", "boek.yml"]] {
            let r = try run(arguments, in: dir)
            try #require(r.status == 0, "\(arguments[0]): \(r.stderr)")
        }
        return project
    }

    @Test func valueLabelsOfACSVShowInTablesInTheGivenOrder() throws {
        let dir = try TemporaryDirectory()
        let project = try codedCSVProject(in: dir)
        // --order may name a value (2) or a label (anders, man) given in the same command.
        let set = try run(["variable", project, "geslacht", "--value", "1=man", "--value", "2=vrouw", "--value", "3=anders",
                           "--order", "2,anders,man"], in: dir)
        try #require(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("geslacht         vrouw,anders,man  shown   1=man,2=vrouw,3=anders"), "\(set.stdout)")
        #expect(set.stdout.contains("values: 2 (vrouw), 3 (anders), 1 (man)"), "\(set.stdout)")
        #expect(try ProjectStore.open(at: project, access: .read).variable("geslacht").valueOrder == ["2", "3", "1"])
        let csv = try run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir)
        try #require(csv.status == 0, "\(csv.stderr)")
        #expect(groups(csv.stdout, "geslacht") == ["vrouw", "anders", "man"])
        // By hand: vrouw R2 R3 R6 (fear 2, training 2), anders R4 (none), man R1 R5 (fear 2).
        let rows = parseCSV(csv.stdout)
        let header = try #require(rows.first)
        let (group, code, base, count) = (try #require(header.firstIndex(of: "group")), try #require(header.firstIndex(of: "code")),
                                          try #require(header.firstIndex(of: "base_n")), try #require(header.firstIndex(of: "count")))
        let cells = Dictionary(rows.dropFirst().filter { $0.first == "geslacht" }.map { ("\($0[group]):\($0[code])", "\($0[base])/\($0[count])") },
                               uniquingKeysWith: { a, _ in a })
        #expect(cells["vrouw:fear"] == "3/2" && cells["vrouw:training"] == "3/2")
        #expect(cells["man:fear"] == "2/2" && cells["man:training"] == "2/0")
        #expect(cells["anders:fear"] == "1/0" && cells["anders:training"] == "1/0")
        #expect(!csv.stdout.contains("geslacht,1,") && !csv.stdout.contains("geslacht,2,"), "\(csv.stdout)")
        let md = try run(["table", project, "--by", "geslacht", "--format", "md"], in: dir)
        #expect(md.stdout.contains("| | Totaal (n=6) | vrouw (n=3) | anders (n=1) | man (n=2) |"), "\(md.stdout)")
        // --where takes the stored value or its label, and they select the same respondents.
        for condition in ["geslacht=2", "geslacht=vrouw"] {
            let filtered = try run(["table", project, "--where", condition, "--by", "geslacht", "--format", "md"], in: dir)
            #expect(filtered.status == 0 && filtered.stdout.contains("| | Totaal (n=3) | vrouw (n=3) |"), "\(condition): \(filtered.stdout)\(filtered.stderr)")
        }
        let unknown = try run(["table", project, "--where", "geslacht=vrouwen", "--by", "geslacht"], in: dir)
        #expect(unknown.stderr.contains("has no value `vrouwen` here; its values are `1 (man)`, `2 (vrouw)`, `3 (anders)`"), "\(unknown.stderr)")
        // `1=` drops a label: the stored value shows again.
        _ = try run(["variable", project, "geslacht", "--value", "1="], in: dir)
        let dropped = try run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(groups(dropped.stdout, "geslacht") == ["vrouw", "anders", "1"])
    }

    @Test func quotesAreAttributedWithTheValueLabel() throws {
        let dir = try TemporaryDirectory()
        let project = try codedCSVProject(in: dir)
        _ = try run(["variable", project, "geslacht", "--value", "1=man", "--value", "2=vrouw", "--value", "3=anders"], in: dir)
        let quotes = try run(["quotes", project, "--attribution", "{geslacht}", "--min-group", "1", "--format", "csv"], in: dir)
        try #require(quotes.status == 0, "\(quotes.stderr)")
        let rows = parseCSV(quotes.stdout)
        let header = try #require(rows.first)
        let (id, attribution) = (try #require(header.firstIndex(of: "id")), try #require(header.firstIndex(of: "attribution")))
        let attributed = Dictionary(rows.dropFirst().filter { $0.count == header.count }.map { ($0[id], $0[attribution]) }, uniquingKeysWith: { a, _ in a })
        #expect(!attributed.isEmpty)
        let expected = ["R1": "Man", "R2": "Vrouw", "R3": "Vrouw", "R5": "Man", "R6": "Vrouw"]
        for (unit, text) in attributed { #expect(text == expected[unit], "\(unit): \(text)") }
    }

    @Test func badValueLabelsNameWhatThereIsAndChangeNothing() throws {
        let dir = try TemporaryDirectory()
        let project = try codedCSVProject(in: dir)
        _ = try run(["variable", project, "geslacht", "--value", "1=man"], in: dir)
        let before = try ProjectStore.open(at: project, access: .read).variables()
        let unknown = try run(["variable", project, "geslacht", "--value", "4=onbekend", "--label", "Geslacht"], in: dir)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("`geslacht` has no value `4`; its values are `1`, `2`, `3`; nothing was changed"), "\(unknown.stderr)")
        // Two values under one label would merge their columns: refused, also against a label there is.
        for values in [["2=vrouw", "3=vrouw"], ["2=man"], ["2=3"]] {
            let same = try run(["variable", project, "geslacht", "--label", "Geslacht"] + values.flatMap { ["--value", $0] }, in: dir)
            #expect(same.status != 0 && same.stderr.contains("would both show as"), "\(values): \(same.stderr)")
        }
        let malformed = try run(["variable", project, "geslacht", "--value", "vrouw"], in: dir)
        #expect(malformed.status != 0 && malformed.stderr.contains("write VALUE=LABEL"), "\(malformed.stderr)")
        let badOrder = try run(["variable", project, "geslacht", "--value", "2=vrouw", "--order", "vrouw,mannen"], in: dir)
        #expect(badOrder.status != 0 && badOrder.stderr.contains("has no value `mannen`"), "\(badOrder.stderr)")
        #expect(try ProjectStore.open(at: project, access: .read).variables() == before)
    }

    @Test func aProjectValueLabelOverridesAnSPSSLabel() throws {
        let dir = try TemporaryDirectory()
        let project = try savProject(in: dir)
        let set = try run(["variable", project, "geslacht", "--value", "vrouw=vrouwen"], in: dir)
        try #require(set.status == 0, "\(set.stderr)")
        let csv = try run(["table", project, "--by", "geslacht", "--format", "csv"], in: dir)
        #expect(groups(csv.stdout, "geslacht") == ["vrouwen", "man", "anders"], "\(csv.stderr)")
    }

    // MARK: - The review page

    /// The review fixture with `functie` hidden.
    static func hiddenFunctie() throws -> ProjectStore {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        try store.changeVariable("functie", VariableChange(hidden: true))
        return store
    }

    @Test func hiddenVariablesAreAbsentFromTheReviewAPI() async throws {
        let store = try Self.hiddenFunctie()
        let app = buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
        try await app.test(.router) { client in
            let headers = ReviewWebTests.tokenHeader
            let meta = try ReviewWebTests.decode(MetaJSON.self, try await client.execute(uri: "/api/meta", method: .get, headers: headers))
            #expect(meta.variables.map(\.name) == ["geslacht"])
            #expect(meta.groups.map(\.variable) == ["geslacht"])
            let unit = try ReviewWebTests.decode(UnitJSON.self, try await client.execute(uri: "/api/unit?id=R1", method: .get, headers: headers))
            #expect(unit.groups.map(\.variable) == ["geslacht"])
            let rows = try await client.execute(uri: "/api/rows", method: .post, headers: ReviewWebTests.jsonHeaders,
                                                body: try ReviewWebTests.body(["ids": ["R1", "R2"]]))
            let list = try ReviewWebTests.decode(ListRowsJSON.self, rows)
            #expect(list.rows.map(\.values) == [["geslacht": "man"], ["geslacht": "vrouw"]])
            let explore = try ReviewWebTests.decode(ExploreInfoJSON.self, try await client.execute(uri: "/api/explore", method: .get, headers: headers))
            #expect(explore.variables.map(\.name) == ["geslacht"])
            for uri in ["/api/units?group=functie%3Draadslid", "/api/units?sort=functie"] {
                let refused = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(refused.status == .badRequest, "\(uri)")
                #expect(String(buffer: refused.body).contains("no variable `functie`"), "\(uri): \(String(buffer: refused.body))")
            }
            // Nothing of the hidden values in any answer the page reads.
            for uri in ["/api/meta", "/api/unit?id=R4", "/api/explore"] {
                let body = String(buffer: try await client.execute(uri: uri, method: .get, headers: headers).body)
                #expect(!body.contains("burgemeester") && !body.contains("wethouder"), "\(uri)")
            }
        }
        // Shown again, it is back.
        try store.changeVariable("functie", VariableChange(hidden: false))
        try await app.test(.router) { client in
            let meta = try ReviewWebTests.decode(MetaJSON.self, try await client.execute(uri: "/api/meta", method: .get, headers: ReviewWebTests.tokenHeader))
            #expect(meta.variables.map(\.name) == ["geslacht", "functie"])
        }
    }

    @Test func theReviewAPIShowsValueLabels() async throws {
        let store = try ProjectStore.inMemory()
        try ReviewFixture.populate(store)
        try store.changeVariable("geslacht", VariableChange(valueLabels: ["man": "mannen"]))
        let app = buildApplication(store: store, access: .single(coder: ReviewFixture.coder, token: ReviewFixture.token), port: 0, onStarted: { _ in })
        try await app.test(.router) { client in
            let headers = ReviewWebTests.tokenHeader
            let meta = try ReviewWebTests.decode(MetaJSON.self, try await client.execute(uri: "/api/meta", method: .get, headers: headers))
            let geslacht = try #require(meta.groups.first { $0.variable == "geslacht" })
            #expect(geslacht.values.map(\.value) == ["man", "vrouw"] && geslacht.values.map(\.label) == ["mannen", "vrouw"])
            let unit = try ReviewWebTests.decode(UnitJSON.self, try await client.execute(uri: "/api/unit?id=R1", method: .get, headers: headers))
            #expect(unit.groups.first { $0.variable == "geslacht" }.map { [$0.value, $0.valueLabel] } == ["man", "mannen"])
            let rows = try await client.execute(uri: "/api/rows", method: .post, headers: ReviewWebTests.jsonHeaders,
                                                body: try ReviewWebTests.body(["ids": ["R1", "R2"]]))
            #expect(try ReviewWebTests.decode(ListRowsJSON.self, rows).rows.map { $0.values["geslacht"] } == ["mannen", "vrouw"])
            // The filter names the stored value.
            let filtered = try await client.execute(uri: "/api/units?group=geslacht%3Dman", method: .get, headers: headers)
            #expect(filtered.status == .ok, "\(String(buffer: filtered.body))")
        }
    }

    @Test func tablesStillSplitByAHiddenVariableWhenAsked() throws {
        let dir = try TemporaryDirectory()
        let project = try QuestionsTests().project(in: dir)
        let r = try run(["table", project, "--question", "q1", "--by", "gewicht", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(groups(r.stdout, "gewicht") == ["0.5", "1.0", "1.5", "2.0"])
    }
}

/// A project made before variable settings (schema v7) gets them on upgrade, its weight and
/// hand coding hidden, everything else as it was.
@Suite("Variable settings migration")
struct VariableMigrationTests {
    @Test func upgradingAV7ProjectHidesItsWeightAndGoldColumns() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("oud.duiding")
        let queue = try DatabaseQueue(path: path)
        try ProjectStore.migrator.migrate(queue, upTo: "v7 search, decision batches, final decisions")
        try queue.write { db in
            for (i, name) in ["geslacht", "weight", "handcodering"].enumerated() {
                try db.execute(sql: "INSERT INTO variable (name, label, position) VALUES (?, ?, ?)", arguments: [name, name == "geslacht" ? "Geslacht" : "", i])
            }
        }
        try queue.close()
        #expect(throws: ProjectError.self) { try ProjectStore.open(at: path, access: .read) }
        try ProjectStore.upgrade(at: path)
        let variables = try ProjectStore.open(at: path, access: .read).variables()
        #expect(variables == [Variable(name: "geslacht", label: "Geslacht"), Variable(name: "weight", label: "", hidden: true),
                              Variable(name: "handcodering", label: "", hidden: true)])
    }
}
