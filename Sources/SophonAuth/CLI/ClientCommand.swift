import ArgumentParser
import VenusAPI
import VenusRuntime

/// Where a CLI command finds the running server: `--repo` (then `SOPHON_AUTH_PATH`, then
/// `~/.sophon-auth`) for the token, and `--listen` or the repo's `api`/config for the address.
public struct ClientOptions: ParsableArguments {
    @OptionGroup public var repoOptions: RepoOptions

    @Option(name: .long, help: "The server's address (host:port or multiaddr); default from the repo.")
    public var listen: String?

    public init() {}

    public func repo() throws -> RepoDirectory {
        try repoOptions.repo(
            environmentKey: SophonAuthServer.environmentKey, defaultPath: SophonAuthServer.defaultRepoPath)
    }

    public func client() throws -> SophonAuthClient {
        try SophonAuthServer.client(repo: repo(), listen: listen)
    }
}

/// A CLI command that talks to the running server over REST. `execute` returns what the
/// command prints, so tests run commands against a server without capturing stdout.
public protocol ClientCommand: AsyncParsableCommand {
    var options: ClientOptions { get }
    func execute(with client: SophonAuthClient) async throws -> String
}

extension ClientCommand {
    public mutating func run() async throws {
        let output = try await execute(with: options.client())
        if !output.isEmpty { print(output) }
    }
}

/// A usage error for arguments ArgumentParser cannot check itself.
struct CLIUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func parseAddressArgument(_ text: String) throws -> FilecoinAddress {
    do {
        return try FilecoinAddress(text)
    } catch {
        throw CLIUsageError("invalid address \(text): \(error)")
    }
}
