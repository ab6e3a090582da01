import BigInt
import Chain
import ChainState
import DevnetWorkloads
import FilecoinTypes
import IPLD
import Proofs
import VenusTesting

/// A real devnet to produce blocks on: `DevnetGenesis` (t01000 with presealed 2 KiB sectors, its
/// owner/worker key funded) built into a memory store, a chain store and a state manager running
/// the devnet's actors with the mock proofs, the mock beacon, and a block maker holding the
/// miner's key. The clock stands well after the genesis so produced blocks are never "future".
struct MiningFixture {
    static let genesisTimestamp: UInt64 = 1_700_000_000

    let devnet: DevnetGenesis
    let chain: ChainStore
    let states: StateManager
    let context: DevnetStateContext
    let genesis: TipSet
    let beacons = BeaconSchedule(MockBeacon())
    let maker: DevnetBlockMaker

    var miner: Address { GenesisBuilder.minerAddress(index: 0) }
    var workerKey: GenesisKey { devnet.minerKey }

    init(seed: UInt64 = 1, sectorCount: Int = DevnetGenesis.defaultSectorCount) async throws {
        var generator = SeededGenerator(seed: seed)
        let key = GenesisKey.generateBLS(using: &generator)
        devnet = try DevnetGenesis.make(timestamp: Self.genesisTimestamp, sectorCount: sectorCount, key: key)
        let store = MemoryBlockstore()
        let block = try devnet.build(into: store)
        chain = try ChainStore(blockstore: store, metadata: MemoryChainMetadata())
        try await chain.setGenesis(block.header)
        genesis = try TipSet(blocks: [block.header])
        try await chain.setHead(genesis)
        states = StateManager(
            chain: chain, schedule: .fixed(devnet.template.networkVersion), registry: devnet.parameters.actorRegistry,
            proofs: MockProofs())
        var parameters = ConsensusParameters.devnet2k
        parameters.blockDelaySeconds = devnet.parameters.blockDelaySeconds
        context = DevnetStateContext(
            chain: chain, states: states, parameters: parameters, clock: { Self.genesisTimestamp + 1_000_000 })
        maker = DevnetBlockMaker(
            chain: chain, context: context, beacons: beacons, miners: [GenesisBuilder.minerAddress(index: 0)],
            keys: [key])
    }

    var validator: BlockValidator { BlockValidator(context: context, beacons: beacons, verifier: MockProofs()) }
    var mining: MiningBase { MiningBase(context: context, beacons: beacons, verifier: MockProofs()) }

    /// The balance of `address` in the state `tipset`'s execution leaves (zero when it has no actor).
    func balance(_ address: Address, after tipset: TipSet) async throws -> TokenAmount {
        let root = try await states.tipSetState(tipset).stateRoot
        return try await context.senderActor(address, stateRoot: root)?.balance ?? .zero
    }
}
