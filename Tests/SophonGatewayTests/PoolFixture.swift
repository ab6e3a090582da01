import FilecoinTypes
import Foundation
import JSONRPC
import SophonGateway
import Testing
import VenusAPI
import VenusTesting

/// The build folder holding sophon-auth, sophon-gateway and venus-wallet: the test runner's own
/// folder first (so a release test run uses release executables), then `.build/release|debug`.
enum PoolExecutables {
    static let folder: String? = {
        var candidates: [URL] = []
        if let runner = Bundle.main.executableURL { candidates.append(runner.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for configuration in ["release", "debug"] {
            candidates.append(TestVectors.projectRoot.appendingPathComponent(".build/\(configuration)"))
        }
        return candidates.map(\.path).first { folder in
            ["sophon-auth", "sophon-gateway", "venus-wallet"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: folder + "/" + $0)
            }
        }
    }()

    /// Runs where the executables are built, and always under CI (where a missing one fails).
    static var available: Bool { folder != nil || ProcessInfo.processInfo.environment["CI"] == "true" }
    static let missing = "sophon-auth, sophon-gateway and venus-wallet are not built (swift build)"
}

/// A fresh local pool in a temporary folder; `stop` ends every child process.
struct PoolFixture {
    let pool: LocalPool
    let auth: LocalPool.Auth
    let gateway: LocalPool.GatewayNode

    static func start(_ name: String, gatewayConfig: String? = nil) async throws -> PoolFixture {
        let folder = try #require(PoolExecutables.folder, Comment(rawValue: PoolExecutables.missing))
        let root = NSTemporaryDirectory() + "sophon-gateway-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))"
        let pool = try LocalPool(binDirectory: folder, root: root)
        do {
            let auth = try await pool.startAuth()
            let gateway = try await pool.startGateway(auth: auth, config: gatewayConfig)
            return PoolFixture(pool: pool, auth: auth, gateway: gateway)
        } catch {
            await pool.stopAll(grace: .seconds(1))
            throw error
        }
    }

    func stop() async {
        await pool.stopAll(grace: .seconds(2))
        try? FileManager.default.removeItem(atPath: pool.root)
    }

    /// A sophon-auth user with a token of `perm`.
    func user(_ name: String, perm: SophonPermission) async throws -> String {
        _ = try await auth.client.createUser(name: name)
        return try await auth.client.generateToken(name: name, perm: perm)
    }

    /// A service-side client (admin token) over WebSocket, for many concurrent calls.
    func service(token: String, path: String = "/rpc/v2") async throws -> RPCWebSocketClient {
        try await RPCWebSocketClient.connect(
            url: "ws://127.0.0.1:\(gateway.port)\(path)", configuration: .init(token: token))
    }

    /// Waits until `account` has `connections` verified wallet connections serving `addresses`.
    func waitForWallets(_ service: some RPCClient, account: String, connections: Int, addresses: Set<Address>) async throws {
        try await waitUntil("\(account) has \(connections) wallet connection(s) serving \(addresses)") {
            let detail = try await service.call(GatewayAPI.listWalletInfoByWallet, Params1(account))
            return detail.connectStates.count == connections
                && detail.connectStates.allSatisfy { Set($0.addresses) == addresses }
        }
    }
}

/// Wraps an async body so the pool stops whether it passes, fails or throws.
func withPool(
    _ name: String, gatewayConfig: String? = nil, _ body: (PoolFixture) async throws -> Void
) async throws {
    let fixture = try await PoolFixture.start(name, gatewayConfig: gatewayConfig)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
