import DuidingText

extension Pattern {
    /// A pattern typed outside a codebook (such as `duiding explore --kwic PATTERN`), read with
    /// the codebook's pattern syntax and normalised as a codebook of `language` normalises its
    /// pattern words (folded, clitics written out), so `~stam`, `prefix*`, `deel+`, `a|b` and
    /// phrases with gaps mean what they mean in a codebook.
    ///
    /// A bad pattern throws the codebook's own message, located at `origin:1:1` the way a
    /// codebook locates a bad pattern at the start of its text.
    public static func standalone(_ source: String, language: String, origin: String, gap: Int = CodebookLoader.defaultGap,
                                  fuzzy: Bool = false) throws -> Pattern {
        let resources = LanguageResources.forLanguage(language)
        let normalize = { (word: String) -> String in
            let folded = foldForMatching(word)
            return resources.clitics[folded] ?? folded
        }
        let location = SourceLocation(file: origin, line: 1, column: 1)
        switch PatternSyntax.parse(source, gap: gap, normalize: normalize) {
        case .success(let elements):
            return Pattern(source: source, elements: elements, fuzzy: fuzzy, negatable: false, location: location)
        case .failure(let problem):
            throw InvalidCodebook(problems: [CodebookProblem(location: location, message: "pattern `\(source)`: \(problem.message)")])
        }
    }
}
