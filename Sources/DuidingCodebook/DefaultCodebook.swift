/// The default codebook, `Codebooks/agressie-effecten.yml`, compiled into the library at build
/// time, so every command has it whatever the working folder and wherever `duiding` is installed.
/// The file in the repository stays the source of truth; a build picks up its changes.
public enum DefaultCodebook {
    /// The name messages give it, so that `name:line:column` still points into something a user
    /// can look at (`duiding codebook show` prints it).
    public static let name = "agressie-effecten.yml (built in)"

    /// The codebook's YAML, byte for byte as in the repository.
    public static var yaml: String { String(decoding: PackageResources.agressie_effecten_yml, as: UTF8.self) }

    /// The codebook, read as a file of that name would be.
    public static func codebook() throws -> Codebook { try CodebookLoader.parse(yaml, file: name) }
}
