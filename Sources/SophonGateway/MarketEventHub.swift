import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// The markets connected to the gateway, by miner, and the routing of unseal requests to them.
public struct MarketEventHub: Sendable {
    public let hub: MinerEventHub

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        hub = MinerEventHub(role: "market", authority: authority, settings: settings, logger: logger)
    }

    /// `ListenMarketEvent`.
    func listen(account: String, ip: String, policy: MarketRegisterPolicy) async throws -> AsyncStream<RequestEvent> {
        try await hub.listen(account: account, ip: ip, miner: policy.miner)
    }

    /// `ResponseMarketEvent`.
    func respond(_ response: ResponseEvent) throws { try hub.respond(response) }

    /// `SectorsUnsealPiece`, with the longer unseal timeout.
    public func unsealPiece(miner: Address, request: UnsealRequest) async throws {
        _ = try await hub.send(
            GatewayEventMethod.sectorsUnsealPiece, miner: miner, request: request, timeout: hub.settings.unsealTimeout,
            noConnection: .noMarket(miner: miner))
    }

    /// `IsUnsealed`.
    public func isUnsealed(miner: Address, request: UnsealRequest) async throws -> Bool {
        let answer = try await hub.send(
            GatewayEventMethod.isUnsealed, miner: miner, request: request, timeout: hub.settings.timeout,
            noConnection: .noMarket(miner: miner))
        return try EventDispatcher.decode(Bool.self, answer, method: GatewayEventMethod.isUnsealed)
    }

    /// `ListMarketConnectionsState`.
    public func connectionsState() async -> [MarketConnectionState] {
        var states: [MarketConnectionState] = []
        for miner in await hub.connectedMiners() {
            states.append(MarketConnectionState(address: miner, connections: await hub.minerState(miner)))
        }
        return states
    }
}
