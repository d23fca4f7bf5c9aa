import DuidingCodebook
import DuidingExchange
import DuidingStore
import Foundation

/// REFI-QDA codebooks (`.qdc`): the XML code tree flattened to Duiding codes. Ids must be
/// valid and unique, and a codebook written back as `.qdc` must read back with the same ids.
public func fuzzQDC(_ data: Data) {
    let read: ExchangeImport
    do { read = try REFICodebook.read(data: data, file: "fuzz.qdc") } catch { return }
    let codes = read.codebook.codes
    precondition(!codes.isEmpty, "a .qdc without codes was accepted")
    checkIDs(codes.map(\.id))
    _ = try? read.codebook.validated(file: "fuzz.qdc (codebook)")
    let written = REFICodebook.write(read.codebook)
    let again: ExchangeImport
    do { again = try REFICodebook.read(data: Data(written.text.utf8), file: "written.qdc") } catch {
        preconditionFailure("the .qdc written for an accepted codebook does not read:\n\(error)\n--- written:\n\(written.text)")
    }
    precondition(again.codebook.codes.map(\.id) == codes.map(\.id),
                 "code ids \(codes.map(\.id)) came back as \(again.codebook.codes.map(\.id))")
}

/// REFI-QDA project XML (`project.qde`), with source files served from memory: a
/// `plainTextPath` of `internal://TEXT` resolves to the bytes TEXT, anything else to nothing.
public func fuzzQDPX(_ data: Data) {
    let content: QDPXProject.Content
    do {
        content = try QDPXProject.read(qde: data, file: "fuzz.qdpx", resolve: { reference in
            guard reference.hasPrefix("internal://") else { return nil }
            return Data(reference.dropFirst("internal://".count).utf8)
        })
    } catch { return }
    checkProject(content)
}

/// A whole `.qdpx` (ZIP): the archive goes to a scratch file, alone in its folder, and is
/// read the way `duiding import` reads it.
public func fuzzQDPXZip(_ data: Data) {
    let path = Scratch.file(data, target: "qdpx", name: "project.qdpx")
    let content: QDPXProject.Content
    do { content = try QDPXProject.read(path: path) } catch { return }
    checkProject(content)
}

/// Every coding and memo belongs to a unit that was read, and every coding's passage lies
/// within that unit's text.
func checkProject(_ content: QDPXProject.Content) {
    var lengths: [String: [Int]] = [:]
    for unit in content.units { lengths[unit.id, default: []].append(unit.text.unicodeScalars.count) }
    for coding in content.codings {
        guard let candidates = lengths[coding.unitID] else { preconditionFailure("a coding for unit `\(coding.unitID)`, which was not read") }
        if let r = coding.passage {
            precondition(r.lowerBound >= 0 && !r.isEmpty && candidates.contains { r.upperBound <= $0 },
                         "passage \(r) of `\(coding.codeID)` is not within unit `\(coding.unitID)` (\(candidates) characters)")
        }
        precondition(!coding.coder.isEmpty, "a coding without a coder")
        if let codebook = content.codebook {
            precondition(codebook.codes.contains { $0.id == coding.codeID }, "a coding with code `\(coding.codeID)`, which is not in the codebook")
        }
    }
    for memo in content.memos { precondition(lengths[memo.unitID] != nil, "a memo for unit `\(memo.unitID)`, which was not read") }
    if let codebook = content.codebook {
        checkIDs(codebook.codes.map(\.id))
        _ = try? codebook.validated(file: "fuzz.qdpx (codebook)")
    }
}

func checkIDs(_ ids: [String]) {
    var seen = Set<String>()
    for id in ids {
        precondition(CodeIDAllocator.isValid(id), "code id `\(id)` is not a valid Duiding id")
        precondition(seen.insert(id).inserted, "code id `\(id)` was given twice")
    }
}
