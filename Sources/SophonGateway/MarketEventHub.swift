import DagCBOR
import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// The markets connected to the gateway, by miner, and the routing of unseal requests to them.
///
/// Invariant: a market is routable only for a miner that sophon-auth binds to its account.
public actor MarketEventHub {
    let authority: any GatewayAuthority
    let settings: GatewaySettings
    let logger: Logger
    let pending = PendingRequests()
    private var markets: [GatewayUUID: (miner: Address, connection: EventConnection)] = [:]
    private var rotation = 0

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        self.authority = authority
        self.settings = settings
        self.logger = logger
    }

    /// `ListenMarketEvent`.
    func listen(account: String, ip: String, policy: MarketRegisterPolicy) async throws -> AsyncStream<RequestEvent> {
        let miner = policy.miner
        guard try await authority.isMiner(miner, boundTo: account) else {
            throw GatewayError.minerNotBound(miner: miner, account: account)
        }
        let connection = EventConnection(account: account, ip: ip, queueLimit: settings.queueSize, pending: pending) {
            [weak self] id in
            guard let self else { return }
            Task { await self.remove(id) }
        }
        markets[connection.id] = (miner, connection)
        logger.info("market of \(miner) (\(account)) connected on \(connection.id)")
        connection.notify(
            RequestEvent(method: GatewayEventMethod.initConnect,
                         payload: try EventDispatcher.encode(ConnectedCompleted(channelID: connection.id))))
        return connection.events
    }

    private func remove(_ id: GatewayUUID) {
        if let market = markets.removeValue(forKey: id) {
            logger.info("market of \(market.miner) disconnected from \(id)")
        }
    }

    /// `ResponseMarketEvent`.
    nonisolated func respond(_ response: ResponseEvent) throws {
        guard pending.resolve(response) else { throw GatewayError.unknownRequest(response.id) }
    }

    func connections(for miner: Address) -> [EventConnection] {
        var found = markets.values.filter { $0.miner == miner && !$0.connection.isClosed }.map(\.connection)
        found.sort { $0.createdAt < $1.createdAt }
        guard found.count > 1 else { return found }
        rotation &+= 1
        let shift = rotation % found.count
        return Array(found[shift...] + found[..<shift])
    }

    private nonisolated func send(_ method: String, miner: Address, request: UnsealRequest, timeout: Duration) async throws
        -> Data
    {
        let targets = await connections(for: miner)
        guard !targets.isEmpty else { throw GatewayError.noMarket(miner: miner) }
        return try await EventDispatcher.send(
            method, payload: try EventDispatcher.encode(request), to: targets, timeout: timeout, logger: logger)
    }

    /// `SectorsUnsealPiece`, with the longer unseal timeout.
    public nonisolated func unsealPiece(miner: Address, request: UnsealRequest) async throws {
        _ = try await send(GatewayEventMethod.sectorsUnsealPiece, miner: miner, request: request, timeout: settings.unsealTimeout)
    }

    /// `IsUnsealed`.
    public nonisolated func isUnsealed(miner: Address, request: UnsealRequest) async throws -> Bool {
        let answer = try await send(GatewayEventMethod.isUnsealed, miner: miner, request: request, timeout: settings.timeout)
        return try EventDispatcher.decode(Bool.self, answer, method: GatewayEventMethod.isUnsealed)
    }

    /// `ListMarketConnectionsState`.
    public func connectionsState() -> [MarketConnectionState] {
        var miners: [Address] = []
        for market in markets.values.sorted(by: { $0.connection.createdAt < $1.connection.createdAt })
        where !miners.contains(market.miner) {
            miners.append(market.miner)
        }
        return miners.map { miner in
            MarketConnectionState(
                address: miner,
                connections: ConnectionStates(connections: connections(for: miner).sorted { $0.createdAt < $1.createdAt }
                    .map { $0.connectState(addresses: [miner]) }))
        }
    }
}
