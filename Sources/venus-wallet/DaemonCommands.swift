import VenusAPI
import GoCompat
import ArgumentParser
import Foundation
import JSONRPC
import VenusRuntime
import VenusWallet

/// Options of commands that talk to a running `venus-wallet run` through `<repo>/api` and
/// `<repo>/token`.
struct DaemonOptions: ParsableArguments {
    @OptionGroup var repoOptions: RepoOptions

    func directory() throws -> RepoDirectory { try WalletService.repo(path: repoOptions.repo) }

    func client() throws -> RPCHTTPClient {
        let directory = try directory()
        let api = try directory.readAPI().trimmingCharacters(in: .whitespacesAndNewlines)
        let token = try directory.readToken().trimmingCharacters(in: .whitespacesAndNewlines)
        return RPCHTTPClient(url: try Endpoint(parsing: api).withDefaultPath("/rpc/v0").httpURL(), token: token)
    }
}

struct UnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock the running wallet.")
    @OptionGroup var options: DaemonOptions
    @Option(name: .long) var password: String

    func run() async throws {
        _ = try await options.client().call(WalletAPI.unlock, Params1(password))
        emit("wallet unlocked")
    }
}

struct LockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lock", abstract: "Lock the running wallet.")
    @OptionGroup var options: DaemonOptions
    @Option(name: .long) var password: String

    func run() async throws {
        _ = try await options.client().call(WalletAPI.lock, Params1(password))
        emit("wallet locked")
    }
}

struct LockStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lock-state", abstract: "Whether the running wallet is locked.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        let locked = try await options.client().call(WalletAPI.lockState)
        emit(locked ? "wallet state: locked" : "wallet state: unlocked")
    }
}

struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth", abstract: "API tokens.", subcommands: [APIInfo.self])

    struct APIInfo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "api-info", abstract: "Print <token>:<multiaddr> for a new token with --perm.")
        @OptionGroup var options: DaemonOptions
        @Option(name: .long, help: "read, write, sign or admin.") var perm: String

        func run() async throws {
            guard let permission = Permission(rawValue: perm) else { throw ValidationError("unknown permission \(perm)") }
            let token = try await options.client().call(WalletAPI.authNew, Params1(permission.withImplied))
            let api = try options.directory().readAPI().trimmingCharacters(in: .whitespacesAndNewlines)
            emit(String(decoding: token, as: UTF8.self) + ":" + api)
        }
    }
}
