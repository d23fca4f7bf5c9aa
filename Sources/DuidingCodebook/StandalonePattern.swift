import DuidingText

extension Pattern {
    /// A pattern typed outside a codebook (such as `duiding explore --kwic PATTERN`), read with
    /// the codebook's pattern syntax and normalised as a codebook of `language` normalises its
    /// pattern words (folded, clitics written out), so `~stam`, `prefix*`, `deel+`, `a|b` and
    /// phrases with gaps mean what they mean in a codebook.
    ///
    /// A bad pattern throws the codebook's own message, located at `origin:1:COLUMN`: line 1
    /// is the typed text and the column is where in it the problem is, as the review page's
    /// codebook panel reports a typed pattern (`TrialCodebook.Problem`).
    public static func standalone(_ source: String, language: String, origin: String, gap: Int = CodebookLoader.defaultGap,
                                  fuzzy: Bool = false) throws -> Pattern {
        let resources = LanguageResources.forLanguage(language)
        let normalize = { (word: String) -> String in
            let folded = foldForMatching(word)
            return resources.clitics[folded] ?? folded
        }
        switch PatternSyntax.parse(source, gap: gap, normalize: normalize) {
        case .success(let elements):
            return Pattern(source: source, elements: elements, fuzzy: fuzzy, negatable: false,
                           location: SourceLocation(file: origin, line: 1, column: 1))
        case .failure(let problem):
            throw InvalidCodebook(problems: [CodebookProblem(location: SourceLocation(file: origin, line: 1, column: problem.column),
                                                             message: "pattern `\(source)`: \(problem.message)")])
        }
    }
}
