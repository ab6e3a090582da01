import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// The provers connected to the gateway, by miner, and the routing of `ComputeProof` to them.
public struct ProofEventHub: Sendable {
    public let hub: MinerEventHub

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        hub = MinerEventHub(role: "prover", authority: authority, settings: settings, logger: logger)
    }

    /// `ListenProofEvent`.
    func listen(account: String, ip: String, policy: ProofRegisterPolicy) async throws -> AsyncStream<RequestEvent> {
        try await hub.listen(account: account, ip: ip, miner: policy.minerAddress)
    }

    /// `ResponseProofEvent`.
    func respond(_ response: ResponseEvent) throws { try hub.respond(response) }

    /// `ComputeProof`: fails at once when no prover of `miner` is connected.
    public func computeProof(miner: Address, request: ComputeProofRequest) async throws -> [PoStProof] {
        let answer = try await hub.send(
            GatewayEventMethod.computeProof, miner: miner, request: request, timeout: hub.settings.timeout,
            noConnection: .noProver(miner: miner))
        return try EventDispatcher.decode([PoStProof].self, answer, method: GatewayEventMethod.computeProof)
    }

    /// `ListConnectedMiners`.
    public func connectedMiners() async -> [Address] { await hub.connectedMiners() }

    /// `ListMinerConnection`.
    public func minerState(_ miner: Address) async -> MinerState { await hub.minerState(miner) }
}
