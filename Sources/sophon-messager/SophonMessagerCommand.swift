import ArgumentParser
import Foundation
import GoCompat
import SophonMessager
import VenusRuntime

@main
struct SophonMessagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sophon-messager",
        abstract: "The pool's message service: nonces, gas, remote signing, pushing and following messages to the chain.",
        version: MessagerServer.version,
        subcommands: [
            RunCommand.self, MsgCommand.self, AddressCommand.self, SharedParamsCommand.self, NodeCommand.self,
            ActorCfgCommand.self,
        ])
}

/// Writes a line to stdout unbuffered.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Writes `value` as indented JSON (the messager's wire form, upstream's `--output-type json`).
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    emit(String(decoding: try encoder.encode(value), as: UTF8.self))
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Serve the messager API (JSON-RPC at /rpc/v0) and follow the chain.")

    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .customLong("node-url"), help: "The venus node to follow and push to (overrides [Node] URL).")
    var nodeURL: String?
    @Option(name: .customLong("node-token"), help: "A token of that node (overrides [Node] Token).")
    var nodeToken: String?
    @Option(name: .customLong("gateway-url"), help: "sophon-gateway, through which wallets sign (overrides [Gateway] URL).")
    var gatewayURL: String?
    @Option(name: .customLong("gateway-token"), help: "An admin token of the gateway (overrides [Gateway] Token).")
    var gatewayToken: String?
    @Option(name: .customLong("auth-url"), help: "sophon-auth: users' tokens and signers (overrides [Auth] URL).")
    var authURL: String?
    @Option(name: .customLong("auth-token"), help: "A sophon-auth admin token (overrides [Auth] Token).")
    var authToken: String?
    @Option(name: .long, help: "Listen address, multiaddr or host:port (overrides [API] ListenAddress).")
    var listen: String?
    @Option(name: .customLong("db-type"), help: "The database: sqlite (overrides [DB] Type).")
    var dbType: String?
    @Option(name: .customLong("sqlite-path"), help: "The SQLite file, relative to the repo (overrides [DB] SQLitePath).")
    var sqlitePath: String?
    @Option(name: .customLong("head-settle"), help: "How long a new head must stay before messages are selected on it, e.g. 2s (overrides [MessageService] WaitingChainHeadStableDuration).")
    var headSettle: String?
    @Option(name: .customLong("rescue"), help: "Replace stuck messages and fill nonce gaps: true or false (overrides [Rescue] Enabled).")
    var rescue: Bool?
    @Option(name: .customLong("stuck-epochs"), help: "Epochs a signed message may wait before it is replaced (overrides [Rescue] StuckEpochs).")
    var stuckEpochs: Int64?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, warn or error.")
    var logLevel = "info"

    func run() async throws {
        guard let level = VenusLogging.level(named: logLevel) else { throw ValidationError("unknown log level \(logLevel)") }
        VenusLogging.bootstrap(level: level)
        let host = try ServiceHost(
            name: "sophon-messager",
            repo: repoOptions.repo(environmentKey: MessagerConfig.environmentKey, defaultPath: MessagerConfig.defaultRepoPath))
        var config = try host.loadConfig(MessagerConfig())
        if let nodeURL { config.node.url = nodeURL }
        if let nodeToken { config.node.token = nodeToken }
        if let gatewayURL { config.gateway.url = gatewayURL }
        if let gatewayToken { config.gateway.token = gatewayToken }
        if let authURL { config.auth.url = authURL }
        if let authToken { config.auth.token = authToken }
        if let dbType { config.db.type = dbType }
        if let sqlitePath { config.db.sqlitePath = sqlitePath }
        if let headSettle {
            do { config.messageService.waitingChainHeadStableDuration = try GoDuration(parsing: headSettle) } catch {
                throw ValidationError("--head-settle \(headSettle): \(error)")
            }
        }
        if let rescue { config.rescue.enabled = rescue }
        if let stuckEpochs {
            guard stuckEpochs > 0 else { throw ValidationError("--stuck-epochs must be positive") }
            config.rescue.stuckEpochs = stuckEpochs
        }
        // Flags persist, as upstream's do, so the CLI finds the same settings later.
        try host.saveConfig(config)
        let server = try MessagerServer(host: host, config: config)
        try await server.run(listen: HostPort(listenAddress: listen ?? config.api.listenAddress))
    }
}
