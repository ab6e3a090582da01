import GoCompat
import ArgumentParser
import FilecoinTypes
import Foundation
import JSONRPC
import Logging
import SophonGateway
import VenusAPI
import VenusRuntime

@main
struct SophonGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sophon-gateway",
        abstract: "The pool's gateway: storage providers' wallets, provers and markets dial in; pool services call through it.",
        version: Gateway.version,
        subcommands: [RunCommand.self, WalletCommand.self, MinerCommand.self, MarketCommand.self])
}

/// Writes a line to stdout unbuffered.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Serve the gateway API (JSON-RPC at /rpc/v2 and /rpc/v1).")

    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .customLong("auth-url"), help: "sophon-auth's address (overrides [Auth] URL).")
    var authURL: String?

    @Option(name: .customLong("auth-token"), help: "A sophon-auth admin token (overrides [Auth] Token).")
    var authToken: String?

    @Option(name: .long, help: "Listen address, multiaddr or host:port (overrides [API] ListenAddress).")
    var listen: String?

    func run() async throws {
        VenusLogging.bootstrap(level: .info)
        let host = try ServiceHost(
            name: "sophon-gateway",
            repo: repoOptions.repo(environmentKey: GatewayConfig.environmentKey, defaultPath: GatewayConfig.defaultRepoPath))
        var config = try host.loadConfig(GatewayConfig())
        if let authURL { config.auth.url = authURL }
        if let authToken { config.auth.token = authToken }
        // Flags persist, as upstream's do, so the CLI commands find the token and address later.
        try host.saveConfig(config)
        guard !config.auth.token.isEmpty else {
            throw ValidationError("a sophon-auth admin token is needed: --auth-token or [Auth] Token")
        }
        let server = try GatewayServer(
            authURL: config.auth.url, authToken: config.auth.token, settings: GatewaySettings(config: config),
            logger: host.logger)
        try await server.run(host: host, listen: HostPort(listenAddress: listen ?? config.api.listenAddress))
    }
}

/// Where the CLI finds the running gateway: `<repo>/api` (else the config's listen address) and
/// the token given, else the config's `[Auth] Token`.
struct ClientOptions: ParsableArguments {
    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .long, help: "A token with admin permission (default: the repo's [Auth] Token).")
    var token: String?

    func client() throws -> RPCHTTPClient {
        let repo = try repoOptions.repo(environmentKey: GatewayConfig.environmentKey, defaultPath: GatewayConfig.defaultRepoPath)
        let config = try ConfigFile.load(GatewayConfig.self, from: repo)
        let address = (try? repo.readAPI()) ?? config.api.listenAddress
        return RPCHTTPClient(
            url: try Endpoint(parsing: address).withDefaultPath("/rpc/v2").httpURL(), token: token ?? config.auth.token)
    }
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    emit(String(decoding: try encoder.encode(value), as: UTF8.self))
}

struct WalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet", abstract: "Connected wallets.", subcommands: [List.self, State.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every connected wallet, by account.")
        @OptionGroup var options: ClientOptions
        func run() async throws { try printJSON(try await options.client().call(GatewayAPI.listWalletInfo, NoParams())) }
    }

    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "state", abstract: "The wallets of one account.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The account (sophon-auth user).") var account: String
        func run() async throws {
            try printJSON(try await options.client().call(GatewayAPI.listWalletInfoByWallet, Params1(account)))
        }
    }
}

struct MinerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miner", abstract: "Connected provers.", subcommands: [List.self, State.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Miners with a connected prover.")
        @OptionGroup var options: ClientOptions
        func run() async throws {
            for miner in try await options.client().call(GatewayAPI.listConnectedMiners, NoParams()) { emit(miner.description) }
        }
    }

    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "state", abstract: "The prover connections of a miner.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The miner address.") var miner: String
        func run() async throws {
            let address: Address
            do { address = try Address(miner) } catch { throw ValidationError("invalid miner address \(miner): \(error)") }
            try printJSON(try await options.client().call(GatewayAPI.listMinerConnection, Params1(address)))
        }
    }
}

struct MarketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market", abstract: "Connected markets.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every connected market, by miner.")
        @OptionGroup var options: ClientOptions
        func run() async throws {
            try printJSON(try await options.client().call(GatewayAPI.listMarketConnectionsState, NoParams()))
        }
    }
}
