import ArgumentParser
import GoCompat
import VenusNode
import VenusRuntime

/// `venus daemon`: the chain node, serving the full-node API (`/rpc/v0`, `/rpc/v1`) on
/// 127.0.0.1:3453 unless told otherwise.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Run the chain node (full-node API at /rpc/v0 and /rpc/v1).")

    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .long, help: "The network; only devnet (mock beacon, mock proofs) can run here (overrides [Network] Name).")
    var network: String?

    @Option(name: .customLong("auth-url"), help: "sophon-auth's address: its tokens are accepted too (overrides [Auth] URL).")
    var authURL: String?

    @Option(name: .customLong("auth-token"), help: "A sophon-auth token for the node's own calls (overrides [Auth] Token).")
    var authToken: String?

    @Option(name: .long, help: "Listen address, multiaddr or host:port (overrides [API] ListenAddress).")
    var listen: String?

    @Option(name: .long, help: "A genesis CAR to start the chain from (overrides [Network] Genesis); without one a new repo makes a devnet genesis of its own.")
    var genesis: String?

    @Option(name: .customLong("import-snapshot"), help: "A chain snapshot CAR (venus/lotus chain export) to start a new repo from.")
    var importSnapshot: String?

    @Option(name: .customLong("api-max-req-size"), help: "The largest API request body accepted, in bytes (0: go-jsonrpc's 100 MiB).")
    var apiMaxRequestSize: Int = 0

    func run() async throws {
        VenusLogging.bootstrap(level: .info)
        let host = try ServiceHost(
            name: "venus", repo: repoOptions.repo(environmentKey: NodeConfig.environmentKey, defaultPath: NodeConfig.defaultRepoPath))
        var config = try host.loadConfig(NodeConfig())
        if let network { config.network.name = network }
        if let authURL { config.auth.url = authURL }
        if let authToken { config.auth.token = authToken }
        guard config.network.name == "devnet" else {
            throw ValidationError("only the devnet can run here (no public network or proof parameters are reachable): --network devnet")
        }
        if let genesis { config.network.genesis = genesis }
        guard apiMaxRequestSize >= 0 else { throw ValidationError("--api-max-req-size must not be negative") }
        var server = try NodeServer(host: host, config: config)
        if apiMaxRequestSize > 0 { server.maxRequestSize = apiMaxRequestSize }
        let chain = try await server.openChain(source: importSnapshot.map { .snapshot($0) })
        try await server.run(chain: chain, listen: HostPort(listenAddress: listen ?? config.api.listenAddress))
    }
}
