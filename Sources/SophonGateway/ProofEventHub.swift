import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// The provers connected to the gateway, by miner, and the routing of `ComputeProof` to them.
///
/// Invariant: a prover is routable only for a miner that sophon-auth binds to its account.
public actor ProofEventHub {
    let authority: any GatewayAuthority
    let settings: GatewaySettings
    let logger: Logger
    let pending = PendingRequests()
    private var provers: [GatewayUUID: (miner: Address, connection: EventConnection)] = [:]
    private var rotation = 0

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        self.authority = authority
        self.settings = settings
        self.logger = logger
    }

    /// `ListenProofEvent`.
    func listen(account: String, ip: String, policy: ProofRegisterPolicy) async throws -> AsyncStream<RequestEvent> {
        let miner = policy.minerAddress
        guard try await authority.isMiner(miner, boundTo: account) else {
            throw GatewayError.minerNotBound(miner: miner, account: account)
        }
        let connection = EventConnection(account: account, ip: ip, queueLimit: settings.queueSize, pending: pending) {
            [weak self] id in
            guard let self else { return }
            Task { await self.remove(id) }
        }
        provers[connection.id] = (miner, connection)
        logger.info("prover of \(miner) (\(account)) connected on \(connection.id)")
        connection.notify(
            RequestEvent(method: GatewayEventMethod.initConnect,
                         payload: try EventDispatcher.encode(ConnectedCompleted(channelID: connection.id))))
        return connection.events
    }

    private func remove(_ id: GatewayUUID) {
        if let prover = provers.removeValue(forKey: id) {
            logger.info("prover of \(prover.miner) disconnected from \(id)")
        }
    }

    /// `ResponseProofEvent`.
    nonisolated func respond(_ response: ResponseEvent) throws {
        guard pending.resolve(response) else { throw GatewayError.unknownRequest(response.id) }
    }

    func connections(for miner: Address) -> [EventConnection] {
        var found = provers.values.filter { $0.miner == miner && !$0.connection.isClosed }.map(\.connection)
        found.sort { $0.createdAt < $1.createdAt }
        guard found.count > 1 else { return found }
        rotation &+= 1
        let shift = rotation % found.count
        return Array(found[shift...] + found[..<shift])
    }

    /// `ComputeProof`: fails at once when no prover of `miner` is connected.
    public nonisolated func computeProof(miner: Address, request: ComputeProofRequest) async throws -> [PoStProof] {
        let targets = await connections(for: miner)
        guard !targets.isEmpty else { throw GatewayError.noProver(miner: miner) }
        let answer = try await EventDispatcher.send(
            GatewayEventMethod.computeProof, payload: try EventDispatcher.encode(request), to: targets,
            timeout: settings.timeout, logger: logger)
        return try EventDispatcher.decode([PoStProof].self, answer, method: GatewayEventMethod.computeProof)
    }

    /// `ListConnectedMiners`.
    public func connectedMiners() -> [Address] {
        var miners: [Address] = []
        for prover in provers.values.sorted(by: { $0.connection.createdAt < $1.connection.createdAt })
        where !miners.contains(prover.miner) {
            miners.append(prover.miner)
        }
        return miners
    }

    /// `ListMinerConnection`.
    public func minerState(_ miner: Address) -> MinerState {
        ConnectionStates(connections: connections(for: miner).sorted { $0.createdAt < $1.createdAt }.map {
            $0.connectState(addresses: [miner])
        })
    }
}
