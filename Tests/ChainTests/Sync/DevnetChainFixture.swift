import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs
import VenusTesting

/// A real devnet chain at its genesis: `DevnetGenesis` built into a memory block store, a chain
/// store on it, and a state manager running the devnet's actors, as the node assembles them.
/// The miner key comes from a seeded generator so every run builds the same chain.
struct DevnetChainFixture {
    static let timestamp: UInt64 = 1_700_000_000

    let devnet: DevnetGenesis
    let genesis: GenesisBlock
    let store: MemoryBlockstore
    let chain: ChainStore
    let stateManager: StateManager
    let genesisTipSet: TipSet

    init(seed: UInt64 = 42) async throws {
        var generator = SeededGenerator(seed: seed)
        devnet = try DevnetGenesis.make(timestamp: Self.timestamp, key: GenesisKey.generateBLS(using: &generator))
        store = MemoryBlockstore()
        genesis = try devnet.build(into: store)
        chain = try ChainStore(blockstore: store, metadata: MemoryChainMetadata())
        try await chain.setGenesis(genesis.header)
        stateManager = StateManager(
            chain: chain, schedule: .fixed(devnet.template.networkVersion), registry: devnet.parameters.actorRegistry,
            proofs: MockProofs())
        genesisTipSet = try TipSet(blocks: [genesis.header])
    }

    var miner: Address { genesis.miners[0] }
    var minerKey: GenesisKey { devnet.minerKey }
    var presealSectors: [PresealSector] { devnet.template.miners[0].sectors }

    /// The validation context over the chain, with the clock at `now` (the genesis time plus one
    /// epoch by default, when a block at height 1 is due).
    func context(now: UInt64? = nil) -> StateValidationContext {
        let time = now ?? genesis.header.timestamp + devnet.parameters.blockDelaySeconds
        return StateValidationContext(
            stateManager: stateManager, parameters: consensusParameters, powerPolicy: .devnet, clock: { time })
    }

    var consensusParameters: ConsensusParameters {
        var parameters = ConsensusParameters.devnet2k
        parameters.blockDelaySeconds = devnet.parameters.blockDelaySeconds
        return parameters
    }

    func chainSync(now: UInt64? = nil, badBlocks: BadBlockCache = BadBlockCache()) -> ChainSync {
        let validator = BlockValidator(context: context(now: now), beacons: BeaconSchedule(MockBeacon()), verifier: MockProofs())
        return ChainSync(chain: chain, validator: validator, badBlocks: badBlocks)
    }

    /// A block by the genesis miner on the genesis, signed by its worker key, with every field a
    /// block on it carries right (the parent weight, the timestamp of `height`, the genesis state
    /// and receipts, no messages) unless `change` alters it. Its ticket, election proof and
    /// winning PoSt are placeholders: the tests refuse it for the field they change, before those
    /// are looked at, or for the placeholders.
    func block(height: Int64 = 1, _ change: (inout BlockHeader) -> Void = { _ in }) async throws -> FullBlock {
        let header0 = genesis.header
        let emptyMessages = try BlockMessageStore(store: MemoryBlockstore()).write(bls: [], secp: [])
        var header = BlockHeader(
            miner: miner, ticket: Ticket(vrfProof: [UInt8](repeating: 1, count: 96)),
            electionProof: ElectionProof(winCount: 1, vrfProof: [UInt8](repeating: 2, count: 96)), beaconEntries: [],
            winPoStProof: [], parents: [header0.cid], parentWeight: try await chain.weight(of: genesisTipSet), height: height,
            parentStateRoot: header0.parentStateRoot, parentMessageReceipts: header0.parentMessageReceipts,
            messages: emptyMessages, blsAggregate: Signature(kind: .bls, data: [UInt8](repeating: 0, count: 96)),
            timestamp: header0.timestamp + UInt64(height) * devnet.parameters.blockDelaySeconds, blockSig: nil,
            forkSignaling: 0, parentBaseFee: try await stateManager.nextBaseFee(after: genesisTipSet))
        change(&header)
        header.blockSig = try minerKey.sign(header.signingBytes)
        return FullBlock(header: header, blsMessages: [], secpkMessages: [])
    }

    /// A transfer from the miner's owner account (funded at genesis), signed with its key.
    func transfer(nonce: UInt64, to: Address = Address.idAddress(GenesisBuilder.burntFundsID)) throws -> SignedMessage {
        let message = Message(
            to: to, from: minerKey.address, nonce: nonce, value: TokenAmount(wholeFIL: 1), gasLimit: 10_000_000,
            gasFeeCap: TokenAmount(attoFIL: 2_000_000_000), gasPremium: TokenAmount(attoFIL: 100_000))
        return SignedMessage(message: message, signature: try minerKey.sign(message.cid.bytes))
    }
}
