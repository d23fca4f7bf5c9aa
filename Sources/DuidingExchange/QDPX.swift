import DuidingCodebook
import DuidingStore
import Foundation
import ZIPFoundation

/// REFI-QDA projects (`.qdpx`: a ZIP with `project.qde`, namespace `urn:QDA-XML:project:1.0`,
/// and the source texts in `sources/`). Positions count Unicode code points, or as the tool a
/// project is written for or was written by counts them (`QDATool`).
public enum QDPXProject {
    public static let namespace = "urn:QDA-XML:project:1.0"
    /// The user named for machine suggestions.
    public static let machineUser = "duiding"

    // MARK: export

    /// The project as `project.qde` text plus the source files (`sources/<guid>.txt`), for `tool`.
    public static func build(_ store: ProjectStore, name: String, for tool: QDATool = .standard) throws
        -> (qde: String, sources: [(path: String, data: Data)], warnings: [String]) {
        let units = try store.units()
        let states = try store.states()
        let codebooks = try store.latestCodebooks()
        let evidence = try codebooks.map { try store.suggestions(version: $0.version) } ?? [:]
        // One code tree: the default codebook's codes, then those only a question's own has.
        var codebook: ExchangeCodebook?
        for version in [codebooks?.standard].compactMap({ $0 }) + (codebooks?.own.values.sorted { $0.question ?? "" < $1.question ?? "" } ?? []) {
            let parsed = ExchangeCodebook(try CodebookLoader.parse(version.yaml, file: "codebook version \(version.id)"))
            guard var merged = codebook else { codebook = parsed; continue }
            let known = Set(merged.codes.map(\.id))
            merged.codes += parsed.codes.filter { !known.contains($0.id) }
            codebook = merged
        }
        let log = try store.decisions()
        let undone = Set(log.compactMap(\.undoes))
        var memoAuthor: [String: String] = [:]
        for d in log where d.action != .undo && !undone.contains(d.seq) && d.memo != nil { memoAuthor[d.unitID] = d.coder }
        let coders = Set(log.map(\.coder)).subtracting([machineUser]).sorted() + [machineUser]
        let userGUID = { (name: String) in GUID.make("user:" + name) }
        let variables = try store.variables()

        var xml = XMLWriter()
        xml.start("Project", [("xmlns", namespace), ("name", name), ("origin", "Duiding")])
        xml.start("Users")
        for coder in coders { xml.start("User", [("guid", userGUID(coder)), ("name", coder)], empty: true) }
        xml.end()
        if let codebook, !codebook.codes.isEmpty {
            xml.start("CodeBook")
            CodeTree.write(codebook.codes, into: &xml)
            xml.end()
        }
        if !variables.isEmpty {
            xml.start("Variables")
            for v in variables {
                xml.start("Variable", [("guid", GUID.make("variable:" + v.name)), ("name", v.name), ("typeOfVariable", "Text")])
                if !v.label.isEmpty { xml.element("Description", v.label) }
                xml.end()
            }
            xml.end()
        }
        let sourceGUID = { (unit: String) in GUID.make("source:" + unit) }
        func writeValues(_ unit: StoredUnit) {
            for v in variables {
                guard let value = unit.values[v.name] else { continue }
                xml.start("VariableValue")
                xml.start("VariableRef", [("targetGUID", GUID.make("variable:" + v.name))], empty: true)
                xml.element("TextValue", value)
                xml.end()
            }
        }
        if !units.isEmpty && tool == .standard {
            xml.start("Cases")
            for unit in units {
                xml.start("Case", [("guid", GUID.make("case:" + unit.id)), ("name", unit.id)])
                writeValues(unit)
                xml.start("SourceRef", [("targetGUID", sourceGUID(unit.id))], empty: true)
                xml.end()
            }
            xml.end()
        }
        if !units.isEmpty { xml.start("Sources") }
        var files: [(path: String, data: Data)] = []
        var memoUnits: [StoredUnit] = []
        for unit in units {
            let guid = sourceGUID(unit.id)
            let text = tool.text(unit.text)
            let positions = ToolPositions(unit.text, tool: tool)
            files.append(("sources/\(guid).txt", Data(text.utf8)))
            xml.start("TextSource", [("guid", guid), ("name", unit.id), ("plainTextPath", "internal://\(guid).txt")])
            xml.element("PlainTextContent", text)
            let state = states[unit.id]
            for code in (state?.codes ?? []).sorted() {
                // A code's passages, else a suggestion's evidence, else the whole text (scalar offsets).
                var ranges = [0..<unit.text.unicodeScalars.count]
                var key = "\(unit.id)\u{0}\(code)"
                if let passages = state?.passages[code] {
                    ranges = passages
                } else if state?.suggested.contains(code) == true, let e = evidence[unit.id]?.first(where: { $0.codeID == code }) {
                    ranges = [TextOffsets.scalarOffset(ofUTF16: e.utf16Range.lowerBound, in: unit.text)
                        ..< TextOffsets.scalarOffset(ofUTF16: e.utf16Range.upperBound, in: unit.text)]
                }
                let user = userGUID(state?.decided[code]?.coder ?? machineUser)
                for range in ranges {
                    if state?.passages[code] != nil { key = "\(unit.id)\u{0}\(code)\u{0}\(range.lowerBound)-\(range.upperBound)" }
                    xml.start("PlainTextSelection", [("guid", GUID.make("selection:" + key)),
                                                     ("startPosition", String(positions.position(ofScalar: range.lowerBound))),
                                                     ("endPosition", String(positions.position(ofScalar: range.upperBound))),
                                                     ("creatingUser", user)])
                    xml.start("Coding", [("guid", GUID.make("coding:" + key)), ("creatingUser", user)])
                    xml.start("CodeRef", [("targetGUID", CodeTree.guid(code))], empty: true)
                    xml.end()
                    xml.end()
                }
            }
            if state?.memo != nil {
                xml.start("NoteRef", [("targetGUID", GUID.make("note:" + unit.id))], empty: true)
                memoUnits.append(unit)
            }
            if tool == .qualcoder { writeValues(unit) }
            xml.end()
        }
        if !units.isEmpty { xml.end() }
        if !memoUnits.isEmpty {
            xml.start("Notes")
            for unit in memoUnits {
                xml.start("Note", [("guid", GUID.make("note:" + unit.id)), ("name", "memo \(unit.id)"),
                                   ("creatingUser", userGUID(memoAuthor[unit.id] ?? machineUser))])
                xml.element("PlainTextContent", states[unit.id]?.memo ?? "")
                xml.end()
            }
            xml.end()
        }
        xml.end()
        var warnings: [String] = []
        if let codebook {
            warnings += REFICodebook.lossWarnings(codebook, format: "REFI-QDA").filter { !$0.contains("patterns of") }
        }
        if tool == .qualcoder && units.contains(where: { $0.text.unicodeScalars.contains("\r") }) {
            warnings.append("for QualCoder, CR LF and CR line breaks were written as LF (QualCoder reads text files so); the passages keep their place")
        }
        if xml.replacedCharacters {
            warnings.append("control characters that XML cannot carry were replaced by U+FFFD in project.qde; the sources/*.txt files keep the exact text")
        }
        return (xml.text, files, warnings)
    }

    /// Writes the project as a `.qdpx` for `tool` (to a temporary file, then renamed). Returns warnings.
    @discardableResult
    public static func export(_ store: ProjectStore, to path: String, for tool: QDATool = .standard) throws -> [String] {
        let name = URL(fileURLWithPath: store.path ?? path).deletingPathExtension().lastPathComponent
        let (qde, sources, warnings) = try build(store, name: name, for: tool)
        let target = URL(fileURLWithPath: path)
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try Archive(url: temp, accessMode: .create)
            for (entry, data) in [("project.qde", Data(qde.utf8))] + sources {
                try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            if FileManager.default.fileExists(atPath: target.path) { _ = try FileManager.default.replaceItemAt(target, withItemAt: temp) }
            else { try FileManager.default.moveItem(at: temp, to: target) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ExchangeError("\(path): cannot write the .qdpx (\(error.localizedDescription))")
        }
        return warnings
    }

    // MARK: import

    /// One coding read from a project: a code applied to a unit, or to a passage of it, by a coder.
    public struct ReadCoding: Sendable, Hashable {
        public let unitID: String
        public let codeID: String
        public let coder: String
        /// The passage in the unit's text (Unicode scalar offsets, as `Passage`); nil: the whole text.
        public let passage: Range<Int>?
    }

    /// A project read from a `.qdpx`, before anything is stored.
    public struct Content: Sendable {
        public var units: [NewUnit] = []
        public var variables: [Variable] = []
        public var codebook: ExchangeCodebook?
        public var codings: [ReadCoding] = []
        /// Memos per unit id, with their author.
        public var memos: [(unitID: String, coder: String, text: String)] = []
        public var warnings: [String] = []
    }

    /// What a `.qdpx` may hold before it is refused: protects against archives that unpack
    /// to far more than they weigh (a "zip bomb"). Checked against the sizes the archive
    /// declares before anything is read, and again against the bytes actually unpacked.
    public enum ArchiveLimits {
        /// Largest `project.qde`.
        public static let projectXML: Int64 = 512 << 20
        /// Largest source text.
        public static let sourceEntry: Int64 = 64 << 20
        /// All entries together.
        public static let total: Int64 = 2 << 30
        /// Entries in the archive.
        public static let entries = 2_000_000
    }

    /// Reads a `.qdpx` (ZIP) file. Source texts come only from the archive itself (or the
    /// `<PlainTextContent>` element): a `plainTextPath` that points outside the archive
    /// (`file://`, an absolute path, `..`) is an error naming the source, never a read of a
    /// file on this machine.
    public static func read(path: String) throws -> Content {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw ExchangeError("\(path): not a .qdpx (ZIP) file (\(error.localizedDescription))")
        }
        let zip = try ZIPEntries(path: path, archive: archive)
        var entries: [String: Entry] = [:]
        var declared: Int64 = 0
        for entry in archive where entry.type == .file {
            guard entries.count < ArchiveLimits.entries else {
                throw ExchangeError("\(path): the archive has more than \(ArchiveLimits.entries) entries; Duiding does not read it")
            }
            entries[entry.path.lowercased()] = entry
            declared += Int64(entry.uncompressedSize)
        }
        guard declared <= ArchiveLimits.total else {
            throw ExchangeError("\(path): the archive unpacks to \(megabytes(declared)), more than the \(megabytes(ArchiveLimits.total)) Duiding reads from a .qdpx")
        }
        var unpacked: Int64 = 0
        func data(_ name: String, limit: Int64) throws -> Data? {
            guard let entry = entries[name.lowercased()] else { return nil }
            let tooLarge = ExchangeError("\(path)!\(entry.path): unpacks to more than \(megabytes(limit)), the largest entry Duiding reads from a .qdpx")
            guard Int64(entry.uncompressedSize) <= limit else { throw tooLarge }
            var out = Data()
            do {
                try zip.extract(entry, from: archive) { chunk in
                    // The declared size can lie; count what is really unpacked.
                    guard Int64(out.count + chunk.count) <= limit else { throw tooLarge }
                    out.append(chunk)
                }
            } catch let error as ExchangeError {
                throw error
            } catch {
                throw ExchangeError("\(path)!\(entry.path): cannot be unpacked (\(error.localizedDescription)); the archive is damaged")
            }
            unpacked += Int64(out.count)
            guard unpacked <= ArchiveLimits.total else {
                throw ExchangeError("\(path): the archive unpacks to more than \(megabytes(ArchiveLimits.total)), the most Duiding reads from a .qdpx")
            }
            return out
        }
        let qdeName = entries.keys.first { $0 == "project.qde" } ?? entries.keys.sorted().first { $0.hasSuffix(".qde") }
        guard let qdeName, let qde = try data(qdeName, limit: ArchiveLimits.projectXML) else { throw ExchangeError("\(path): the archive has no project.qde") }
        return try read(qde: qde, file: path, resolve: { reference in
            guard let entry = archiveEntry(reference) else {
                throw ExchangeError("plainTextPath `\(reference)` points outside the archive; Duiding reads sources only from inside the .qdpx")
            }
            for candidate in ["sources/" + entry, entry] { if let d = try data(candidate, limit: ArchiveLimits.sourceEntry) { return d } }
            return nil
        })
    }

    /// The archive entry a `plainTextPath` names (`internal://x.txt` → `x.txt`), or nil when it
    /// points anywhere else: another scheme, an absolute path, or a `..` component.
    static func archiveEntry(_ reference: String) -> String? {
        var relative = reference
        let lower = reference.lowercased()
        if lower.hasPrefix("internal://") { relative.removeFirst("internal://".count) }
        else if lower.contains("://") || lower.hasPrefix("file:") { return nil }
        relative = relative.removingPercentEncoding ?? relative
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\"), !relative.contains("\u{0}") else { return nil }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0 == ".." || $0.isEmpty }) else { return nil }
        return relative
    }

    private static func megabytes(_ bytes: Int64) -> String { "\(bytes >> 20) MB" }

    /// Reads `project.qde` text; `resolve` returns the bytes of a `plainTextPath` inside the
    /// archive, nil when the archive lacks it, and throws when it may not be read.
    public static func read(qde: Data, file: String, resolve: (String) throws -> Data?) throws -> Content {
        let qdeFile = file + "!project.qde"
        let root = try XMLTree.parse(qde, file: qdeFile)
        guard root.name == "Project" else { throw ExchangeError("\(qdeFile):\(root.line): the root element is <\(root.name)>, not <Project>") }
        var content = Content()
        var problems: [String] = []
        let tool = QDATool.writer(origin: root["origin"])
        if root.namespace != namespace {
            content.warnings.append("\(qdeFile):\(root.line): namespace `\(root.namespace ?? "none")` is not \(namespace); read anyway")
        }
        var users: [String: String] = [:]
        for user in root.first("Users")?.all("User") ?? [] {
            if let guid = user["guid"] { users[guid] = user["name"] ?? user["id"] ?? guid }
        }
        func coder(_ guid: String?) -> String {
            guard let guid else { return "unknown" }
            let name = (users[guid] ?? guid).trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? "unknown" : name
        }
        var codeIDs: [String: String] = [:]
        if let codes = root.first("CodeBook")?.first("Codes") {
            let flat = try CodeTree.read(codes, sets: root.first("Sets"), file: qdeFile)
            codeIDs = flat.ids
            content.warnings += flat.warnings
            if !flat.codes.isEmpty {
                content.codebook = ExchangeCodebook(name: root["name"] ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                                                    codes: flat.codes)
            }
        }
        var variableNames: [String: String] = [:]
        for v in root.first("Variables")?.all("Variable") ?? [] {
            guard let guid = v["guid"], let name = v["name"] else { continue }
            variableNames[guid] = name
            content.variables.append(Variable(name: name, label: v.first("Description")?.text ?? ""))
        }
        func values(_ node: XMLNode) -> [String: String] {
            var out: [String: String] = [:]
            for vv in node.all("VariableValue") {
                guard let ref = vv.first("VariableRef")?["targetGUID"], let name = variableNames[ref] else { continue }
                let value = vv.children.first { $0.name != "VariableRef" }?.text ?? ""
                out[name] = value
            }
            return out
        }
        var caseValues: [String: [String: String]] = [:]
        for c in root.first("Cases")?.all("Case") ?? [] {
            let v = values(c)
            for ref in c.all("SourceRef") { if let g = ref["targetGUID"] { caseValues[g, default: [:]].merge(v) { a, _ in a } } }
        }
        var notes: [String: (user: String, text: String)] = [:]
        for note in root.first("Notes")?.all("Note") ?? [] {
            guard let guid = note["guid"] else { continue }
            var text = note.first("PlainTextContent")?.text
            if text == nil, let p = note["plainTextPath"] {
                do { text = try resolve(p).flatMap(decode) } catch let error as ExchangeError {
                    problems.append("\(qdeFile):\(note.line): note `\(guid)`: \(error.description)")
                }
            }
            notes[guid] = (coder(note["creatingUser"]), text ?? "")
        }
        let sourceNodes = root.first("Sources")?.children ?? []
        let textSources = sourceNodes.filter { $0.name == "TextSource" }
        if textSources.count < sourceNodes.count {
            content.warnings.append("\(qdeFile): \(sourceNodes.count - textSources.count) sources that are not text (pictures, PDF, audio, video) were skipped")
        }
        var nameCount: [String: Int] = [:]
        for s in textSources { if let n = s["name"], !n.isEmpty { nameCount[n, default: 0] += 1 } }
        var usedNotes = Set<String>()
        for (index, source) in textSources.enumerated() {
            guard let guid = source["guid"] else { problems.append("\(qdeFile):\(source.line): <TextSource> has no guid"); continue }
            let id = source["name"].flatMap { nameCount[$0] == 1 ? $0 : nil } ?? guid
            var text: String?
            if let p = source["plainTextPath"] {
                do {
                    if let d = try resolve(p) {
                        text = decode(d)
                        if text == nil { problems.append("\(qdeFile):\(source.line): source `\(id)`: \(p) is not UTF-8 text") }
                    }
                } catch let error as ExchangeError {
                    problems.append("\(qdeFile):\(source.line): source `\(id)`: \(error.description)")
                    continue
                }
            }
            if text == nil { text = source.first("PlainTextContent")?.text }
            guard let text else {
                problems.append("\(qdeFile):\(source.line): source `\(id)` has no text: \(source["plainTextPath"].map { "`\($0)` is not in the archive" } ?? "no plainTextPath") and no <PlainTextContent>")
                continue
            }
            var unitValues = caseValues[guid] ?? [:]
            unitValues.merge(values(source)) { a, _ in a }
            content.units.append(NewUnit(id: id, text: text, kind: .answer, values: unitValues, file: file, line: index + 1))
            let length = text.unicodeScalars.count
            let positions = ToolPositions(text, tool: tool)
            func attach(_ note: String) {
                guard let n = notes[note], !n.text.isEmpty else { return }
                content.memos.append((id, n.user, n.text))
            }
            func coding(_ node: XMLNode, range: Range<Int>, fallbackUser: String?) {
                guard let ref = node.first("CodeRef")?["targetGUID"] else { return }
                guard let code = codeIDs[ref] else {
                    problems.append("\(qdeFile):\(node.line): coding refers to code \(ref), which is not in the codebook"); return
                }
                let who = coder(node["creatingUser"] ?? fallbackUser)
                content.codings.append(ReadCoding(unitID: id, codeID: code, coder: who, passage: range == 0..<length ? nil : range))
            }
            for selection in source.all("PlainTextSelection") {
                guard let range = selectionRange(selection, positions: positions, warning: { what in
                    content.warnings.append("\(qdeFile):\(selection.line): source `\(id)`: selection \(selection["startPosition"] ?? "?")-\(selection["endPosition"] ?? "?") \(what) (the text has \(positions.end) positions)")
                }) else { continue }
                for c in selection.all("Coding") { coding(c, range: range, fallbackUser: selection["creatingUser"]) }
                for n in selection.all("NoteRef") { if let g = n["targetGUID"] { usedNotes.insert(g); attach(g) } }
            }
            for c in source.all("Coding") { coding(c, range: 0..<length, fallbackUser: source["creatingUser"]) }
            for n in source.all("NoteRef") { if let g = n["targetGUID"] { usedNotes.insert(g); attach(g) } }
        }
        if !problems.isEmpty { throw ExchangeError(problems) }
        let loose = Set(notes.keys).subtracting(usedNotes).count
        if loose > 0 { content.warnings.append("\(qdeFile): \(loose) notes not attached to a text source (project or code memos) were not imported") }
        return content
    }

    /// A selection's passage in scalar offsets: one that ends past the text is clamped to its
    /// end, one that cannot be read (no number, negative, reversed, or empty once clamped) is
    /// skipped; both with a `warning`, never refusing the whole file.
    private static func selectionRange(_ selection: XMLNode, positions: ToolPositions, warning: (String) -> Void) -> Range<Int>? {
        guard let start = selection["startPosition"].flatMap({ Int($0) }), let end = selection["endPosition"].flatMap({ Int($0) }) else {
            warning("has no numeric start and end; skipped"); return nil
        }
        guard start >= 0, start <= end else { warning("is reversed or negative; skipped"); return nil }
        guard start < positions.end else { warning("starts past the end of the text; skipped"); return nil }
        if end > positions.end { warning("ends past the text; clamped to \(start)-\(positions.end)") }
        guard let lower = positions.scalar(ofPosition: start), let upper = positions.scalar(ofPosition: min(end, positions.end)),
              lower < upper else { warning("is empty; skipped"); return nil }
        return lower..<upper
    }

    private static func decode(_ data: Data) -> String? {
        var d = data
        if d.starts(with: [0xEF, 0xBB, 0xBF]) { d.removeFirst(3) }
        return String(data: d, encoding: .utf8)
    }

    /// What `importProject` stored.
    public struct ImportSummary: Sendable {
        public let units: Int
        public let codes: Int
        public let decisions: Int
        public let memos: Int
        public let warnings: [String]
    }

    /// Imports a `.qdpx` into a project that has no codebook yet: text sources become units,
    /// the codebook a codebook version (its YAML stored), codings `add` decisions by their coder,
    /// memos `memo` decisions.
    public static func importProject(_ store: ProjectStore, path: String) throws -> ImportSummary {
        if try store.latestCodebook() != nil {
            throw ExchangeError("\(store.path ?? "the project") already has a codebook; import a .qdpx into a new project (duiding init NEW.duiding)")
        }
        let content = try read(path: path)
        guard !content.units.isEmpty else { throw ExchangeError("\(path): the project has no text sources") }
        var yaml: String?
        if let codebook = content.codebook {
            _ = try codebook.validated(file: path + " (codebook)")
            yaml = codebook.yaml()
        }
        var decisions: [NewDecision] = []
        var codebook: (name: String, yaml: String, codes: [StoredCode])?
        if let exchange = content.codebook, let yaml {
            codebook = (exchange.name, yaml, exchange.codes.map { StoredCode(id: $0.id, label: $0.label) })
            var seen = Set<ReadCoding>()
            for c in content.codings where seen.insert(c).inserted {
                decisions.append(NewDecision(unitID: c.unitID, codeID: c.codeID, action: .add, coder: c.coder, passage: c.passage))
            }
        }
        for m in content.memos { decisions.append(NewDecision(unitID: m.unitID, codeID: nil, action: .memo, coder: m.coder, memo: m.text)) }
        try store.importProject(units: content.units, file: path, variables: content.variables, codebook: codebook, decisions: decisions)
        return ImportSummary(units: content.units.count, codes: content.codebook?.codes.count ?? 0,
                             decisions: decisions.count - content.memos.count, memos: content.memos.count, warnings: content.warnings)
    }
}
