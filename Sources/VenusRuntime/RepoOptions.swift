import ArgumentParser

/// The `--repo` option every Venus command shares. The environment variable and default folder
/// differ per service, so the command passes them to `repo(environmentKey:defaultPath:)`.
public struct RepoOptions: ParsableArguments {
    @Option(name: .long, help: "The repo folder (default: the service's env variable, else its ~/.<name> folder).")
    public var repo: String?

    public init() {}

    /// The repo chosen by `--repo`, then `environmentKey`, then `defaultPath`.
    public func repo(environmentKey: String, defaultPath: String) throws(RepoError) -> RepoDirectory {
        try RepoDirectory(explicit: repo, environmentKey: environmentKey, defaultPath: defaultPath)
    }
}
