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
    let context: StateValidationContext
    let genesis: TipSet
    let beacons = BeaconSchedule(MockBeacon())
    let maker: DevnetBlockMaker

    /// Every miner's worker key, t01000's first.
    let keys: [GenesisKey]

    var miner: Address { GenesisBuilder.minerAddress(index: 0) }
    var miners: [Address] { keys.indices.map { GenesisBuilder.minerAddress(index: $0) } }
    var workerKey: GenesisKey { devnet.minerKey }

    /// A devnet with one miner per entry of `sectorCounts` (t01000, t01001, …), each with its own
    /// seeded worker key; the block maker mines for all of them.
    init(seed: UInt64 = 1, sectorCounts: [Int] = [DevnetGenesis.defaultSectorCount]) async throws {
        var generator = SeededGenerator(seed: seed)
        let keys = sectorCounts.map { _ in GenesisKey.generateBLS(using: &generator) }
        var devnet = try DevnetGenesis.make(timestamp: Self.genesisTimestamp, sectorCount: sectorCounts[0], key: keys[0])
        for index in sectorCounts.indices.dropFirst() {
            let preseal = try Preseal.make(
                miner: GenesisBuilder.minerAddress(index: index), sectorSize: 2048, sectorCount: sectorCounts[index],
                key: keys[index], networkVersion: devnet.template.networkVersion)
            try devnet.template.addMiner(preseal.miner)
        }
        self.devnet = devnet
        self.keys = keys
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
        context = StateValidationContext(
            stateManager: states, parameters: parameters, powerPolicy: .devnet, clock: { Self.genesisTimestamp + 1_000_000 })
        maker = DevnetBlockMaker(
            chain: chain, context: context, beacons: beacons,
            miners: keys.indices.map { GenesisBuilder.minerAddress(index: $0) }, keys: keys)
    }

    var validator: BlockValidator { BlockValidator(context: context, beacons: beacons, verifier: MockProofs()) }
    var mining: MiningBase { MiningBase(context: context, beacons: beacons, verifier: MockProofs()) }

    /// The balance of `address` in the state `tipset`'s execution leaves (zero when it has no actor).
    func balance(_ address: Address, after tipset: TipSet) async throws -> TokenAmount {
        let root = try await states.tipSetState(tipset).stateRoot
        return try await context.senderActor(address, stateRoot: root)?.balance ?? .zero
    }
}
