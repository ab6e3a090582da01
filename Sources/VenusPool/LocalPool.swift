#if canImport(Glibc)
import GoCompat
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FilecoinTypes
import Foundation
import Synchronization
import VenusAPI
import VenusRuntime

/// A pool on loopback made of the real executables from one build folder — sophon-auth,
/// sophon-gateway, venus-wallets and the venus chain node — each with its repo under `root`, each
/// listening on a port the system picks. Used by `venus-pool demo` and the end-to-end tests.
///
/// Invariant: every child started is tracked until `stopAll`, which stops them all.
public final class LocalPool: Sendable {
    /// A running sophon-auth.
    public struct Auth: Sendable {
        public let process: ChildProcess
        public let url: String
        public let adminToken: String
        public let client: SophonAuthClient
    }

    /// A running sophon-gateway.
    public struct GatewayNode: Sendable {
        public let process: ChildProcess
        public let port: Int
        public var httpURL: String { "http://127.0.0.1:\(port)/rpc/v2" }
        public var webSocketURL: String { "ws://127.0.0.1:\(port)/rpc/v2" }
        public var multiaddr: String { "/ip4/127.0.0.1/tcp/\(port)" }
    }

    /// A running venus-wallet.
    public struct WalletNode: Sendable {
        public let process: ChildProcess
        public let repo: String
        public let port: Int
    }

    /// A running `venus daemon`.
    public struct VenusDaemon: Sendable {
        public let process: ChildProcess
        public let repo: String
        public let port: Int
        /// The repo's `token`: the node's local admin token.
        public let adminToken: String
        /// The full-node API v1 over HTTP (`/rpc/v0` serves v0).
        public var url: String { "http://127.0.0.1:\(port)/rpc/v1" }
        public var webSocketURL: String { "ws://127.0.0.1:\(port)/rpc/v1" }
        public var multiaddr: String { "/ip4/127.0.0.1/tcp/\(port)" }
    }

    /// A running sophon-messager.
    public struct MessagerNode: Sendable {
        public let process: ChildProcess
        public let repo: String
        public let port: Int
        /// The repo's `token`: the messager's local admin token, acting for every address.
        public let adminToken: String
        public var url: String { "http://127.0.0.1:\(port)/rpc/v0" }
        public var multiaddr: String { "/ip4/127.0.0.1/tcp/\(port)" }
    }

    public let binDirectory: String
    public let root: String
    /// scrypt N for the wallets' keys: small, because these are throw-away keys.
    public let scryptN: Int
    private let children = Mutex<[ChildProcess]>([])

    public init(binDirectory: String, root: String, scryptN: Int = 1 << 12) throws {
        self.binDirectory = binDirectory
        self.root = root
        self.scryptN = scryptN
        for name in ["sophon-auth", "sophon-gateway", "venus-wallet"] {
            guard FileManager.default.isExecutableFile(atPath: binDirectory + "/" + name) else {
                throw LocalPoolError.missingExecutable(binDirectory + "/" + name)
            }
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// The folder holding the sibling executables of `executable` (its own folder).
    public static func siblingsFolder(of executable: String) -> String {
        URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    private func start(_ name: String, _ executable: String, _ arguments: [String]) throws -> ChildProcess {
        let count = children.withLock { $0.count }
        let child = try ChildProcess(
            name: name, executable: binDirectory + "/" + executable, arguments: arguments,
            logPath: root + "/\(name)-\(count).log")
        children.withLock { $0.append(child) }
        return child
    }

    /// Waits until `<repo>/api` names a port (the child has bound it).
    private func waitForAPI(_ child: ChildProcess, repo: String, timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let directory = try? RepoDirectory(path: repo), let api = try? directory.readAPI(),
                let parsed = try? HostPort.parse(multiaddr: api), parsed.0.port != 0
            {
                return parsed.0.port
            }
            guard child.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LocalPoolError.notReady(child.name, log: child.logTail())
    }

    /// Starts sophon-auth on a free loopback port.
    public func startAuth(name: String = "sophon-auth") async throws -> Auth {
        let repo = root + "/" + name
        let child = try start(name, "sophon-auth", ["run", "--repo", repo, "--listen", "127.0.0.1:0"])
        let port = try await waitForAPI(child, repo: repo)
        let token = try RepoDirectory(path: repo).readToken()
        let url = "http://127.0.0.1:\(port)"
        return Auth(process: child, url: url, adminToken: token, client: try SophonAuthClient(address: url, token: token))
    }

    /// Starts sophon-gateway against `auth` on a free loopback port.
    /// - Parameters:
    ///   - port: the port to listen on; 0 lets the system pick one.
    ///   - config: config.toml text written to the repo first (the flags still override it).
    public func startGateway(
        auth: Auth, name: String = "sophon-gateway", port: Int = 0, config: String? = nil, extraArguments: [String] = []
    ) async throws -> GatewayNode {
        let repo = root + "/" + name
        if let config {
            let directory = try RepoDirectory(path: repo)
            try directory.create()
            try directory.writeText(config, to: RepoDirectory.configFileName)
        }
        // A restarted gateway must not be mistaken as up because of its last run's api file.
        try? FileManager.default.removeItem(atPath: repo + "/" + RepoDirectory.apiFileName)
        let child = try start(
            name, "sophon-gateway",
            ["run", "--repo", repo, "--auth-url", auth.url, "--auth-token", auth.adminToken, "--listen", "127.0.0.1:\(port)"]
                + extraArguments)
        return GatewayNode(process: child, port: try await waitForAPI(child, repo: repo))
    }

    /// Starts `venus daemon` on a devnet from the genesis CAR `genesis` on a free loopback port.
    /// - Parameters:
    ///   - blockDelaySeconds: the devnet's block delay, written to the repo's `config.toml`
    ///     (`[Network] BlockDelay`) when given; it must be the one the genesis was made with
    ///     (the node's default is 4 s).
    ///   - config: more config.toml text, appended (the flags still override it).
    ///   - extraArguments: more `venus daemon` flags (`--auth-url`, `--api-max-req-size`, ...).
    public func startVenus(
        genesis: String, name: String = "venus", blockDelaySeconds: UInt64? = nil, config: String? = nil,
        extraArguments: [String] = []
    ) async throws -> VenusDaemon {
        guard FileManager.default.isExecutableFile(atPath: binDirectory + "/venus") else {
            throw LocalPoolError.missingExecutable(binDirectory + "/venus")
        }
        let repo = root + "/" + name
        var text = blockDelaySeconds.map { "[Network]\nBlockDelay = \"\($0)s\"\n" } ?? ""
        if let config { text += config }
        if !text.isEmpty {
            let directory = try RepoDirectory(path: repo)
            try directory.create()
            // Kept when the repo has one: a restart must not lose what the node saved (its JWT secret).
            if !FileManager.default.fileExists(atPath: directory.file(RepoDirectory.configFileName)) {
                try directory.writeText(text, to: RepoDirectory.configFileName)
            }
        }
        // A restarted node must not be mistaken as up because of its last run's api file.
        try? FileManager.default.removeItem(atPath: repo + "/" + RepoDirectory.apiFileName)
        let child = try start(
            name, "venus",
            ["daemon", "--repo", repo, "--network", "devnet", "--genesis", genesis, "--listen", "127.0.0.1:0"] + extraArguments)
        // Opening a chain store may take a while on a loaded machine; the limit only catches a broken build.
        let port = try await waitForAPI(child, repo: repo, timeout: .seconds(180))
        let token = try RepoDirectory(path: repo).readToken().trimmingCharacters(in: .whitespacesAndNewlines)
        return VenusDaemon(process: child, repo: repo, port: port, adminToken: token)
    }

    /// Starts sophon-messager following `node`, signing through `gateway` (with a token of admin
    /// permission there), accepting `auth`'s users, on a free loopback port. The same name
    /// restarts on the same repo (its database and settings kept).
    /// - Parameters:
    ///   - extraArguments: more `sophon-messager run` flags (`--head-settle`, `--rescue`, ...).
    public func startMessager(
        node: VenusDaemon, gateway: GatewayNode, gatewayToken: String, auth: Auth, name: String = "sophon-messager",
        extraArguments: [String] = []
    ) async throws -> MessagerNode {
        guard FileManager.default.isExecutableFile(atPath: binDirectory + "/sophon-messager") else {
            throw LocalPoolError.missingExecutable(binDirectory + "/sophon-messager")
        }
        let repo = root + "/" + name
        try? FileManager.default.removeItem(atPath: repo + "/" + RepoDirectory.apiFileName)
        let child = try start(
            name, "sophon-messager",
            [
                "run", "--repo", repo, "--listen", "127.0.0.1:0", "--node-url", node.multiaddr, "--node-token", node.adminToken,
                "--gateway-url", gateway.multiaddr, "--gateway-token", gatewayToken, "--auth-url", auth.url,
                "--auth-token", auth.adminToken,
            ] + extraArguments)
        let port = try await waitForAPI(child, repo: repo)
        let token = try RepoDirectory(path: repo).readToken().trimmingCharacters(in: .whitespacesAndNewlines)
        return MessagerNode(process: child, repo: repo, port: port, adminToken: token)
    }

    /// Creates (or adds to) the wallet repo `name` with `password`, importing `keys` (KeyInfo JSON
    /// or its hex, one per entry); returns their addresses.
    public func importWallet(name: String, password: String, keys: [String]) async throws -> [Address] {
        let repo = root + "/" + name
        let file = root + "/\(name)-import.keys"
        try keys.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lines = try await walletCommand(
            ["import", file, "--repo", repo, "--password", password, "--scrypt-n", "\(scryptN)"])
        return try lines.map { try Address($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Runs a venus-wallet command to completion and returns its output lines.
    public func walletCommand(_ arguments: [String]) async throws -> [String] {
        try await command("venus-wallet", arguments)
    }

    /// Runs one of the executables to completion and returns its output lines.
    public func command(_ executable: String, _ arguments: [String]) async throws -> [String] {
        let output = root + "/\(executable)-cli.out"
        let label = "\(executable) \(arguments.first ?? "")"
        let child = try ChildProcess(
            name: label, executable: binDirectory + "/" + executable, arguments: arguments, logPath: output)
        guard await child.waitForExit(within: .seconds(120)) else {
            child.signal(SIGKILL)
            throw LocalPoolError.commandFailed(label, status: -1, output: "timed out")
        }
        let text = (FileManager.default.contents(atPath: output)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let status = child.exitStatus
        guard status == 0 else { throw LocalPoolError.commandFailed(label, status: status, output: text) }
        return text.split(separator: "\n").map(String.init)
    }

    /// Creates a wallet repo with `password` and one new key per type; returns their addresses.
    public func createWallet(name: String, password: String, keyTypes: [String]) async throws -> [Address] {
        let repo = root + "/" + name
        var addresses: [Address] = []
        for type in keyTypes {
            let lines = try await walletCommand(
                ["new", type, "--repo", repo, "--password", password, "--scrypt-n", "\(scryptN)"])
            guard let line = lines.last else {
                throw LocalPoolError.commandFailed("venus-wallet new \(type)", status: 0, output: "no address printed")
            }
            addresses.append(try Address(line.trimmingCharacters(in: .whitespaces)))
        }
        return addresses
    }

    /// Starts the wallet in repo `name`, unlocked, joined to `gateways` with `token`.
    public func startWallet(
        name: String, password: String, gateways: [String], token: String, supportAccounts: [String] = []
    ) async throws -> WalletNode {
        let repo = root + "/" + name
        var arguments = ["run", "--repo", repo, "--password", password, "--listen", "127.0.0.1:0", "--gateway-token", token]
        for gateway in gateways { arguments += ["--gateway-api", gateway] }
        for account in supportAccounts { arguments += ["--support-accounts", account] }
        let child = try start(name, "venus-wallet", arguments)
        return WalletNode(process: child, repo: repo, port: try await waitForAPI(child, repo: repo))
    }

    /// Every child still tracked.
    public var processes: [ChildProcess] { children.withLock { $0 } }

    /// Stops every child (SIGTERM, then SIGKILL after `grace`).
    public func stopAll(grace: Duration = .seconds(5)) async {
        let all = children.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            for child in all { group.addTask { await child.stop(grace: grace) } }
        }
    }

    /// Sends SIGKILL to every child at once, for signal handlers that cannot wait.
    public func killAllNow() {
        for child in children.withLock({ $0 }) { child.signal(SIGKILL) }
    }
}
