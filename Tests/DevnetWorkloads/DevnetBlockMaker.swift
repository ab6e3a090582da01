import BigInt
import Chain
import ChainState
import FilecoinTypes
import Proofs

/// Produces the next valid blocks of a devnet for tests and benchmarks, as sophon-miner does for a
/// pool: for each miner, base info (`MiningBase`), the beacon entries, the ticket and election VRFs
/// by the worker key, the mock winning PoSt, then `BlockAssembler` with a local signer. A round no
/// miner wins is a null round: the next round is tried on the same base.
public struct DevnetBlockMaker: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        /// No miner won in this many rounds after the base.
        case noWinner(base: TipSetKey, rounds: Int)
        case noHead
        /// The round's timestamp does not fit in 64 bits.
        case timestampOverflow(round: Int64)

        public var description: String {
            switch self {
            case .noWinner(let base, let rounds): "no miner won in \(rounds) rounds after \(base)"
            case .noHead: "the chain has no head"
            case .timestampOverflow(let round): "the timestamp of round \(round) overflows"
            }
        }
    }

    public let chain: ChainStore
    public let context: any BlockValidationContext
    public let beacons: BeaconSchedule
    public let prover: any Prover
    public let verifier: any ProofVerifier
    public let signer: MiningSigner
    public let miners: [Address]

    /// A maker for `miners`, whose worker keys are among `keys`.
    public init(
        chain: ChainStore, context: any BlockValidationContext, beacons: BeaconSchedule = BeaconSchedule(MockBeacon()),
        miners: [Address], keys: [GenesisKey], proofs: MockProofs = MockProofs()
    ) {
        self.chain = chain
        self.context = context
        self.beacons = beacons
        self.prover = proofs
        self.verifier = proofs
        self.signer = MiningSigner.local(keys)
        self.miners = miners
    }

    /// The blocks of the miners that win `round` on `base` (empty for a null round). The first
    /// winner's block carries `messages`; `sign: false` leaves the block signatures empty.
    public func blocks(
        round: Int64, base: TipSet, messages: [SignedMessage] = [], sign: Bool = true
    ) async throws -> [FullBlock] {
        let mining = MiningBase(context: context, beacons: beacons, verifier: verifier)
        let assembler = BlockAssembler(chain: chain, context: context)
        let parameters = context.parameters
        var blocks: [FullBlock] = []
        for miner in miners {
            guard let info = try await mining.info(miner: miner, round: round, base: base), info.eligibleForMining else {
                continue
            }
            guard let proof = try await Election.electionProof(
                miner: miner, round: round, beaconBase: info.beaconBase, worker: info.workerKey, minerPower: info.minerPower,
                networkPower: info.networkPower, blocksPerEpoch: parameters.blocksPerEpoch, signer: signer)
            else { continue }
            let ticket = try await Election.ticket(
                miner: miner, round: round, base: base, beaconBase: info.beaconBase, worker: info.workerKey, signer: signer,
                parameters: parameters)
            let winningPoSt = try Election.winningPoSt(miner: miner, round: round, baseInfo: info, prover: prover)
            guard let timestamp = Election.timestamp(round: round, base: base, blockDelaySeconds: parameters.blockDelaySeconds)
            else { throw Failure.timestampOverflow(round: round) }
            let template = BlockTemplate(
                miner: miner, parents: base.key, ticket: ticket, electionProof: proof, beaconValues: info.beaconEntries,
                messages: blocks.isEmpty ? messages : [], epoch: round,
                timestamp: timestamp,
                winningPoStProof: winningPoSt)
            blocks.append(try await assembler.createBlock(template, signer: sign ? signer : nil))
        }
        return blocks
    }

    /// Mines the next tipset on `base` (the head when nil): the first round after it that some
    /// miner wins, at most `maxRounds` rounds on. Stores the headers and takes the tipset as the
    /// head if it is heavier.
    @discardableResult
    public func mineNext(
        on base: TipSet? = nil, messages: [SignedMessage] = [], maxRounds: Int = 50
    ) async throws -> (tipset: TipSet, blocks: [FullBlock]) {
        let start: TipSet
        if let base {
            start = base
        } else {
            guard let head = await chain.head else { throw Failure.noHead }
            start = head
        }
        for offset in 1...max(1, maxRounds) {
            let made = try await blocks(round: start.height + Int64(offset), base: start, messages: messages)
            guard !made.isEmpty else { continue }
            let tipset = try TipSet(blocks: made.map(\.header))
            try await chain.putTipSet(tipset)
            return (tipset, made)
        }
        throw Failure.noWinner(base: start.key, rounds: maxRounds)
    }
}
