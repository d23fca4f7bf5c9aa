import ArgumentParser
import DuidingExport
import DuidingStore

struct VariableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variable",
        abstract: "Show or set how a project's variables appear: their label (the heading of tables), the order of their groups, and whether coders see them.",
        discussion: """
        Without a variable: lists every variable with its label, order and whether it is hidden. \
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

    @Flag(help: "Hide the variable from coders (the review page and its API).")
    var hidden = false

    @Flag(help: "Show the variable to coders again.")
    var shown = false

    func validate() throws {
        if hidden && shown { throw ValidationError("--hidden and --shown contradict each other; choose one") }
        if variable == nil && (!order.isEmpty || label != nil || hidden || shown) {
            throw ValidationError("name the variable to change: duiding variable \(project) VARIABLE …")
        }
    }

    func run() throws {
        let changes = !order.isEmpty || label != nil || hidden || shown
        let store = try ProjectStore.open(at: project, access: changes ? .write : .read)
        guard let variable else {
            print(Self.listing(try store.variables()), terminator: "")
            return
        }
        let values = order.isEmpty ? [] : try store.values(of: variable)
        let change = VariableChange(label: label, order: order.isEmpty ? nil : Self.values(order, of: values),
                                    hidden: hidden ? true : shown ? false : nil)
        let stored = changes ? try store.changeVariable(variable, change) : try store.variable(variable)
        print(Self.listing([stored]) + "values: " + (try store.values(of: variable)).joined(separator: ", "))
    }

    /// The values `--order` names: each argument split at its commas, unless it is a value
    /// itself ("lid, dagelijks bestuur"); "" alone names none.
    static func values(_ arguments: [String], of values: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            if argument.isEmpty { return [] }
            return values.contains(argument) ? [argument] : argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// One line per variable: name, label, order, hidden; aligned.
    static func listing(_ variables: [Variable]) -> String {
        let lines = [["variable", "label", "order", "coders"]] + variables.map {
            [$0.name, $0.label, $0.valueOrder.joined(separator: ","), $0.hidden ? "hidden" : "shown"]
        }
        let widths = (0..<4).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { c, cell in c == 3 ? cell : cell.padding(to: widths[c]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
