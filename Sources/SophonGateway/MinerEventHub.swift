import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// Connections that serve a miner (provers for `ComputeProof`, markets for unsealing), by miner,
/// and the sending of requests to them with fallback. `ProofEventHub` and `MarketEventHub` are
/// this with their own methods on top.
///
/// Invariant: a connection is routable only for a miner that sophon-auth binds to its account.
public actor MinerEventHub {
    /// What the connections are, for logs ("prover", "market").
    public nonisolated let role: String
    let authority: any GatewayAuthority
    let settings: GatewaySettings
    let logger: Logger
    let pending = PendingRequests()
    private var connected: [GatewayUUID: (miner: Address, connection: EventConnection)] = [:]
    private var rotation = 0

    public init(role: String, authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        self.role = role
        self.authority = authority
        self.settings = settings
        self.logger = logger
    }

    /// `Listen*Event` for `miner`: refused unless sophon-auth binds the miner to `account`.
    func listen(account: String, ip: String, miner: Address) async throws -> AsyncStream<RequestEvent> {
        guard try await authority.isMiner(miner, boundTo: account) else {
            throw GatewayError.minerNotBound(miner: miner, account: account)
        }
        let connection = EventConnection(account: account, ip: ip, queueLimit: settings.queueSize, pending: pending) {
            [weak self] id in
            guard let self else { return }
            Task { await self.remove(id) }
        }
        connected[connection.id] = (miner, connection)
        logger.info("\(role) of \(miner) (\(account)) connected on \(connection.id)")
        connection.notify(
            RequestEvent(method: GatewayEventMethod.initConnect,
                         payload: try EventDispatcher.encode(ConnectedCompleted(channelID: connection.id))))
        return connection.events
    }

    private func remove(_ id: GatewayUUID) {
        if let entry = connected.removeValue(forKey: id) {
            logger.info("\(role) of \(entry.miner) disconnected from \(id)")
        }
    }

    /// `Response*Event`.
    nonisolated func respond(_ response: ResponseEvent) throws {
        guard pending.resolve(response) else { throw GatewayError.unknownRequest(response.id) }
    }

    /// The open connections of `miner`, oldest first but rotated on every call to spread the load.
    func connections(for miner: Address) -> [EventConnection] {
        var found = connected.values.filter { $0.miner == miner && !$0.connection.isClosed }.map(\.connection)
        found.sort { $0.createdAt < $1.createdAt }
        guard found.count > 1 else { return found }
        rotation &+= 1
        let shift = rotation % found.count
        return Array(found[shift...] + found[..<shift])
    }

    /// Sends `request` to a connection of `miner`, the others tried when it fails; throws
    /// `noConnection` at once when none is connected.
    nonisolated func send(
        _ method: String, miner: Address, request: some Encodable, timeout: Duration, noConnection: GatewayError
    ) async throws -> Data {
        let targets = await connections(for: miner)
        guard !targets.isEmpty else { throw noConnection }
        return try await EventDispatcher.send(
            method, payload: try EventDispatcher.encode(request), to: targets, timeout: timeout, logger: logger)
    }

    /// The miners with a connection, in the order they first connected.
    public func connectedMiners() -> [Address] {
        var miners: [Address] = []
        for entry in connected.values.sorted(by: { $0.connection.createdAt < $1.connection.createdAt })
        where !miners.contains(entry.miner) {
            miners.append(entry.miner)
        }
        return miners
    }

    /// The connections of `miner`, oldest first.
    public func minerState(_ miner: Address) -> ConnectionStates {
        ConnectionStates(connections: connections(for: miner).sorted { $0.createdAt < $1.createdAt }.map {
            $0.connectState(addresses: [miner])
        })
    }
}
