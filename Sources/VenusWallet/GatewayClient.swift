import GoCompat
import FilecoinTypes
import Foundation
import JSONRPC
import Logging
import Synchronization
import VenusAPI
import VenusRuntime

/// The wallet's side of sophon-gateway: for each gateway in `[APIRegisterHub]`, keeps a
/// `ListenWalletEvent` channel open and answers what the gateway sends — `WalletList`,
/// `WalletSign` (including the `verifyaddress` challenge, which the signing policy signs only
/// when `ToSign == sha256(Extra ‖ our random bytes)`) — and announces keys added or deleted
/// afterwards (`AddNewAddress`, `RemoveAddress`).
///
/// While a gateway is down or refuses the wallet, it is dialled again every `retryInterval`.
public final class GatewayClient: Sendable {
    /// What happened on one gateway, for logs and tests.
    public enum Event: Sendable, Hashable {
        case connected(url: String, channel: GatewayUUID)
        case refused(url: String, reason: String)
        case disconnected(url: String, reason: String)
        case announced(url: String, added: [Address], removed: [Address])
    }

    public let wallet: Wallet
    public let config: APIRegisterHubConfig
    public let retryInterval: Duration
    public let rescanInterval: Duration
    private let logger: Logger
    private let observer: @Sendable (Event) -> Void

    public init(
        wallet: Wallet, config: APIRegisterHubConfig, retryInterval: Duration = .seconds(1),
        rescanInterval: Duration = .seconds(1), logger: Logger = Logger(label: "venus-wallet.gateway"),
        observer: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.wallet = wallet
        self.config = config
        self.retryInterval = retryInterval
        self.rescanInterval = rescanInterval
        self.logger = logger
        self.observer = observer
    }

    /// The WebSocket URL for a `RegisterAPI` entry: its own path, or `/rpc/v2`.
    /// - Throws: `EndpointError` for an entry that is none of the accepted forms.
    public static func webSocketURL(for entry: String) throws -> String {
        try Endpoint(parsing: entry).withDefaultPath("/rpc/v2").webSocketURL()
    }

    /// Serves every configured gateway until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for entry in config.registerAPI {
                group.addTask { await self.serve(entry) }
            }
        }
    }

    private func serve(_ entry: String) async {
        let url: String
        do {
            url = try Self.webSocketURL(for: entry)
        } catch {
            logger.error("APIRegisterHub entry \(entry) is not an address: \(error)")
            return
        }
        while !Task.isCancelled {
            let reason: String
            do {
                reason = try await session(url)
            } catch is CancellationError {
                return
            } catch {
                reason = "\(error)"
            }
            if Task.isCancelled { return }
            logger.warning("gateway \(url): \(reason); dialling again in \(retryInterval)")
            observer(.disconnected(url: url, reason: reason))
            try? await Task.sleep(for: retryInterval)
        }
    }

    /// One connection's life; returns why it ended.
    private func session(_ url: String) async throws -> String {
        var configuration = RPCWebSocketClient.Configuration(token: config.token.isEmpty ? nil : config.token)
        configuration.reconnect = false
        configuration.connectTimeout = .seconds(10)
        let client = try await RPCWebSocketClient.connect(url: url, configuration: configuration, logger: logger)
        defer { client.close() }
        let policy = WalletRegisterPolicy(
            supportAccounts: config.supportAccounts, signBytes: Data(wallet.policy.randomBytes))
        let events = try await client.subscribe(GatewayAPI.listenWalletEvent, Params1(policy))
        let announced = AnnouncedAddresses()
        var watcher: Task<Void, Never>?
        defer { watcher?.cancel() }
        var refusal: String?
        do {
            for try await event in events {
                switch event.method {
                case GatewayEventMethod.initConnect:
                    let completed = try JSONDecoder().decode(ConnectedCompleted.self, from: event.payload)
                    logger.info("joined gateway \(url) on channel \(completed.channelID)")
                    observer(.connected(url: url, channel: completed.channelID))
                    watcher?.cancel()
                    watcher = Task { await self.watchAddresses(client, url: url, channel: completed.channelID, announced) }
                case GatewayEventMethod.connectRefused:
                    let refused = try? JSONDecoder().decode(ConnectRefused.self, from: event.payload)
                    refusal = refused?.reason ?? "refused"
                    logger.error("gateway \(url) refused this wallet: \(refusal ?? "")")
                    observer(.refused(url: url, reason: refusal ?? ""))
                default:
                    Task { await self.answer(event, client: client, announced: announced) }
                }
            }
        } catch let error as RPCClientError {
            return refusal.map { "refused: \($0)" } ?? "\(error)"
        }
        return refusal.map { "refused: \($0)" } ?? "the gateway closed the channel"
    }

    private func answer(_ event: RequestEvent, client: RPCWebSocketClient, announced: AnnouncedAddresses) async {
        var response = ResponseEvent(id: event.id)
        do {
            switch event.method {
            case GatewayEventMethod.walletList:
                let addresses = try await wallet.list()
                announced.set.withLock { $0 = Set(addresses) }
                response.payload = try JSONEncoder().encode(addresses)
            case GatewayEventMethod.walletSign:
                let request = try JSONDecoder().decode(WalletSignRequest.self, from: event.payload)
                guard let type = MsgType(rawValue: request.meta.type) else {
                    throw WalletError.signRefused("unsupported msgtype: \(request.meta.type)")
                }
                let signature = try await wallet.sign(
                    signer: request.signer, data: Array(request.toSign),
                    meta: WalletMsgMeta(type: type, extra: Array(request.meta.extra)))
                response.payload = try JSONEncoder().encode(signature)
            default:
                throw WalletError.signRefused("unknown gateway request \(event.method)")
            }
        } catch {
            response.error = "\(error)"
        }
        do {
            _ = try await client.call(GatewayAPI.responseWalletEvent, Params1(response))
        } catch {
            logger.warning("answering \(event.method) \(event.id): \(error)")
        }
    }

    /// Announces keys added or deleted since the last look, every `rescanInterval`.
    private func watchAddresses(
        _ client: RPCWebSocketClient, url: String, channel: GatewayUUID, _ announced: AnnouncedAddresses
    ) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: rescanInterval)
            guard !Task.isCancelled, let current = try? await wallet.list() else { continue }
            let known = announced.set.withLock { $0 }
            let added = current.filter { !known.contains($0) }
            let removed = known.filter { !current.contains($0) }.sorted { $0.description < $1.description }
            if added.isEmpty && removed.isEmpty { continue }
            do {
                if !added.isEmpty {
                    _ = try await client.call(GatewayAPI.addNewAddress, Params2(channel, added))
                    announced.set.withLock { $0.formUnion(added) }
                }
                if !removed.isEmpty {
                    _ = try await client.call(GatewayAPI.removeAddress, Params2(channel, removed))
                    announced.set.withLock { $0.subtract(removed) }
                }
                logger.info("gateway \(url): announced added \(added.map(\.description)) removed \(removed.map(\.description))")
                observer(.announced(url: url, added: added, removed: removed))
            } catch {
                logger.warning("gateway \(url): announcing address changes failed: \(error)")
            }
        }
    }
}

/// The addresses a gateway has been told of on one channel.
private final class AnnouncedAddresses: Sendable {
    let set = Mutex<Set<Address>>([])
}
