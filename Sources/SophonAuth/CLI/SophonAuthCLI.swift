import GoCompat
import ArgumentParser
import Logging
import VenusAPI
import VenusRuntime

/// `sophon-auth`: the daemon (`run`) and the management commands, verbs as upstream's CLI.
public struct SophonAuthCLI: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sophon-auth",
        abstract: "The pool's token authority: users, tokens, miners, signers, rate limits.",
        version: AuthRouter.version,
        subcommands: [RunCommand.self, TokenCommand.self, UserCommand.self])

    public init() {}
}

/// `sophon-auth run`: serves the REST API until SIGINT/SIGTERM.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the sophon-auth daemon.")

    @OptionGroup public var repoOptions: RepoOptions

    @Option(name: .long, help: "Listen address host:port (overrides the config's Listen).")
    public var listen: String?

    public init() {}

    public func run() async throws {
        let repo = try repoOptions.repo(
            environmentKey: SophonAuthServer.environmentKey, defaultPath: SophonAuthServer.defaultRepoPath)
        try repo.create()
        let config = try ConfigFile.loadOrCreate(SophonAuthConfig(), in: repo)
        VenusLogging.bootstrap(level: VenusLogging.level(named: config.log.logLevel) ?? .info)
        let server = try await SophonAuthServer.open(repo: repo, logger: Logger(label: "sophon-auth"))
        let endpoint = try listen.map { text throws in try HostPort(parsing: text) }
        try await server.run(listen: endpoint)
    }
}
