import CReadStat

/// An SPSS `.sav` file read with libreadstat: variable names and labels, and every value as
/// text, value labels applied (a `geslacht` coded 1/2 reads as "man"/"vrouw").
public struct SPSSFile: Sendable {
    public let path: String
    public let names: [String]
    /// Variable labels, "" where none.
    public let labels: [String]
    /// Per variable its value labels in SPSS's order (by value: 1 = man before 2 = vrouw);
    /// empty where it has none.
    public let valueLabels: [[String]]
    public let rows: [[String]]

    public static func load(path: String) throws -> SPSSFile {
        var error = [CChar](repeating: 0, count: 512)
        guard let sav = duiding_sav_read(path, &error, Int32(error.count)) else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw InvalidInput([InputProblem(file: path, line: 1, message: "cannot read the SPSS file: \(message)")])
        }
        defer { duiding_sav_free(sav) }
        let columns = Int(duiding_sav_columns(sav))
        let names = (0..<columns).map { String(cString: duiding_sav_name(sav, Int32($0))) }
        let labels = (0..<columns).map { String(cString: duiding_sav_label(sav, Int32($0))) }
        let valueLabels = (0..<columns).map { column in
            (0..<duiding_sav_value_label_count(sav, Int32(column))).map { i -> (Double, Int32, String) in
                var number = 0.0
                let label = String(cString: duiding_sav_value_label(sav, Int32(column), i, &number))
                return (number, i, label)
            }
            // Numbers by value; string values (NaN) keep the file's order.
            .sorted { ($0.0.isNaN || $1.0.isNaN) ? $0.1 < $1.1 : ($0.0, $0.1) < ($1.0, $1.1) }
            .map(\.2)
        }
        let rows = (0..<Int(duiding_sav_rows(sav))).map { row in
            (0..<columns).map { String(cString: duiding_sav_value(sav, Int32(row), Int32($0))) }
        }
        return SPSSFile(path: path, names: names, labels: labels, valueLabels: valueLabels, rows: rows)
    }

    /// The index of a variable, or a problem naming the variables there are.
    public func column(_ name: String, option: String) throws -> Int {
        guard let index = names.firstIndex(of: name) else {
            throw InvalidInput([InputProblem(
                file: path, line: 1,
                message: "no variable `\(name)`; the variables are \(names.map { "`\($0)`" }.joined(separator: ", ")); choose one with \(option)")])
        }
        return index
    }
}
