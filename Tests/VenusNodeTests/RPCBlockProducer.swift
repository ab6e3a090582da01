import BigInt
import Chain
import DagCBOR
import FilecoinTypes
import JSONRPC
import Proofs
import VenusAPI

/// A block producer that, like sophon-miner, knows the chain only through a node's API: for each
/// miner it asks `MinerGetBaseInfo`, draws the election and ticket with the miner's worker key
/// (held here, as an SP's wallet holds it), proves with the mock prover, has the node assemble
/// the block with `MinerCreateBlock`, signs it if the node left it unsigned, and offers it with
/// `SyncSubmitBlock`.
struct RPCBlockProducer {
    struct NoWinner: Error, CustomStringConvertible {
        let base: TipSetKey
        let rounds: Int
        var description: String { "no miner won any of \(rounds) rounds on \(base)" }
    }

    let client: any RPCClient
    let miners: [Address]
    let signer: MiningSigner
    let parameters: ConsensusParameters
    let prover = MockProofs()

    init(client: any RPCClient, miners: [Address], keys: [GenesisKey], blockDelaySeconds: UInt64) {
        self.client = client
        self.miners = miners
        self.signer = MiningSigner.local(keys)
        var parameters = ConsensusParameters.devnet2k
        parameters.blockDelaySeconds = blockDelaySeconds
        self.parameters = parameters
    }

    /// The blocks `miners` win at `round` on `base`, assembled by the node (not yet submitted).
    func blocks(round: Int64, base: TipSet, messages: [SignedMessage] = [], only: [Address]? = nil) async throws -> [FullNodeAPI.BlockMsg] {
        var made: [FullNodeAPI.BlockMsg] = []
        for miner in only ?? miners {
            guard let api = try await client.call(FullNodeAPI.minerGetBaseInfo, .init(miner, round, base.key)),
                api.eligibleForMining
            else { continue }
            let info = MiningBaseInfo(
                minerPower: api.minerPower.value, networkPower: api.networkPower.value,
                sectors: api.sectors.map {
                    SectorInfo(sealProof: RegisteredSealProof(rawValue: $0.sealProof), sectorNumber: $0.sectorNumber, sealedCID: $0.sealedCID)
                },
                workerKey: api.workerKey, sectorSize: api.sectorSize, prevBeaconEntry: api.prevBeaconEntry,
                beaconEntries: api.beaconEntries, eligibleForMining: api.eligibleForMining)
            guard let proof = try await Election.electionProof(
                miner: miner, round: round, beaconBase: info.beaconBase, worker: info.workerKey, minerPower: info.minerPower,
                networkPower: info.networkPower, blocksPerEpoch: parameters.blocksPerEpoch, signer: signer)
            else { continue }
            let ticket = try await Election.ticket(
                miner: miner, round: round, base: base, beaconBase: info.beaconBase, worker: info.workerKey, signer: signer,
                parameters: parameters)
            let winningPoSt = try Election.winningPoSt(miner: miner, round: round, baseInfo: info, prover: prover)
            guard let timestamp = Election.timestamp(round: round, base: base, blockDelaySeconds: parameters.blockDelaySeconds)
            else { continue }
            let template = FullNodeAPI.BlockTemplate(
                miner: miner, parents: base.key, ticket: ticket, eproof: proof, beaconValues: info.beaconEntries,
                messages: made.isEmpty ? messages : [], epoch: round, timestamp: timestamp, winningPoStProof: winningPoSt)
            var block = try await client.call(FullNodeAPI.minerCreateBlock, .init(template))
            if block.header.blockSig == nil {
                block.header.blockSig = try await signer.sign(block.header.signingBytes, by: info.workerKey)
            }
            made.append(block)
        }
        return made
    }

    /// Produces and submits the next tipset on `base` (the head when nil): the first round after
    /// it that some miner wins. Returns the blocks submitted.
    @discardableResult
    func mineNext(on base: TipSet? = nil, messages: [SignedMessage] = [], only: [Address]? = nil, maxRounds: Int = 40)
        async throws -> [FullNodeAPI.BlockMsg]
    {
        let start: TipSet
        if let base { start = base } else { start = try await client.call(FullNodeAPI.chainHead) }
        for offset in 1...maxRounds {
            let made = try await blocks(round: start.height + Int64(offset), base: start, messages: messages, only: only)
            guard !made.isEmpty else { continue }
            for block in made { _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(block)) }
            return made
        }
        throw NoWinner(base: start.key, rounds: maxRounds)
    }
}
