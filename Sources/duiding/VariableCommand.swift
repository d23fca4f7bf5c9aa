import ArgumentParser
import DuidingExport
import DuidingStore

struct VariableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variable",
        abstract: "Show or set how a project's variables appear: their label (the heading of tables), the labels and order of their groups, and whether coders see them.",
        discussion: """
        Without a variable: lists every variable with its label, order, value labels and whether \
        it is hidden. --value 1=man shows the stored value 1 as man in tables, quotes, exports and \
        on the review page; --value 1= drops that label. --order and --where accept a value or its label. \
        SPSS files bring their variable labels and value order; weight and hand-coding columns \
        (weight, gewicht, weegfactor, handcodering, gold) are hidden from coders from the start. \
        Hidden variables are not on the review page; tables still split by them with --by.
        """
    )

    @Argument(help: "The project file.")
    var project: String

    @Argument(help: "The variable to change, e.g. geslacht.")
    var variable: String?

    @Option(help: "The groups in the order tables show them, separated by commas, e.g. man,vrouw,anders (\"\" for no order of its own); repeatable, so a value with a comma can be one --order of its own.")
    var order: [String] = []

    @Option(help: "The label tables use as the variable's heading, e.g. Geslacht (\"\" for the name).")
    var label: String?

    @Option(name: .customLong("value"), help: "A label for a stored value, VALUE=LABEL, e.g. 1=man (VALUE= drops its label); repeatable.")
    var values: [String] = []

    @Flag(help: "Hide the variable from coders (the review page and its API).")
    var hidden = false

    @Flag(help: "Show the variable to coders again.")
    var shown = false

    func validate() throws {
        if hidden && shown { throw ValidationError("--hidden and --shown contradict each other; choose one") }
        if variable == nil && changes {
            throw ValidationError("name the variable to change: duiding variable \(project) VARIABLE …")
        }
    }

    private var changes: Bool { !order.isEmpty || label != nil || hidden || shown || !values.isEmpty }

    func run() throws {
        let store = try ProjectStore.open(at: project, access: changes ? .write : .read)
        guard let variable else {
            print(Self.listing(try store.variables()), terminator: "")
            return
        }
        let valueLabels = try Self.valueLabels(values)
        let change = VariableChange(label: label, order: order.isEmpty ? nil : Self.values(order, of: try names(of: variable, store, valueLabels)),
                                    hidden: hidden ? true : shown ? false : nil, valueLabels: valueLabels)
        let stored = changes ? try store.changeVariable(variable, change) : try store.variable(variable)
        print(Self.listing([stored]) + "values: " + (try store.values(of: variable)).map { value in
            stored.valueLabels[value].map { "\(value) (\($0))" } ?? value
        }.joined(separator: ", "))
    }

    /// What `--order` may name: the variable's values and their labels, old and new.
    private func names(of variable: String, _ store: ProjectStore, _ valueLabels: [String: String]) throws -> [String] {
        try store.values(of: variable) + store.variable(variable).valueLabels.values + valueLabels.values
    }

    /// `--value` arguments as value → label; the first `=` separates them.
    static func valueLabels(_ arguments: [String]) throws -> [String: String] {
        var labels: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals > argument.startIndex else {
                throw ValidationError("--value `\(argument)`: write VALUE=LABEL, e.g. 1=man (or 1= to drop the label)")
            }
            let value = String(argument[..<equals])
            guard labels.updateValue(String(argument[argument.index(after: equals)...]), forKey: value) == nil else {
                throw ValidationError("--value names `\(value)` twice; give each value one label")
            }
        }
        return labels
    }

    /// The values `--order` names: each argument split at its commas, unless it is a value
    /// itself ("lid, dagelijks bestuur"); "" alone names none.
    static func values(_ arguments: [String], of values: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            if argument.isEmpty { return [] }
            return values.contains(argument) ? [argument] : argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// One line per variable: name, label, order (as shown), hidden, value labels; aligned.
    static func listing(_ variables: [Variable]) -> String {
        let lines = [["variable", "label", "order", "coders", "value labels"]] + variables.map { variable in
            [variable.name, variable.label, variable.valueOrder.map(variable.shown).joined(separator: ","),
             variable.hidden ? "hidden" : "shown",
             variable.valueLabels.sorted { $0.key.compare($1.key, options: .numeric) == .orderedAscending }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",")]
        }
        let widths = (0..<5).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.map { line in
            let cells = line.enumerated().map { c, cell in c == 4 ? cell : cell.padding(to: widths[c]) }
            return cells.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }
}
