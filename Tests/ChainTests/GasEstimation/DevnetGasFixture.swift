import BigInt
import Chain
import ChainState
import FilecoinCrypto
import FilecoinTypes
import IPLD
import Proofs
import VenusTesting

/// A real devnet for gas estimation tests: `DevnetGenesis` (one presealed miner, its BLS owner
/// with 50 million FIL) plus a secp256k1 account with 1,000 FIL, built into a memory blockstore,
/// with a chain store and a state manager running the devnet's actors. Blocks on it are executed
/// by the state manager, so what a message is charged in a block is the VM's real charge.
struct DevnetGasFixture {
    static let secpBalance = TokenAmount(wholeFIL: 1_000)

    let devnet: DevnetGenesis
    let store: MemoryBlockstore
    let genesis: TipSet
    let chain: ChainStore
    let state: StateManager
    /// The miner's owner: a BLS account with 50 million FIL.
    let funded: Address
    let secp: Address
    let secpKey: Secp256k1PrivateKey
    let miner: Address

    init(schedule: NetworkUpgradeSchedule? = nil) async throws {
        var generator = SeededGenerator(seed: 0x6a5)
        var devnet = try DevnetGenesis.make(timestamp: 1_700_000_000, key: GenesisKey.generateBLS(using: &generator))
        let secpKey = try GenesisKey(type: .secp256k1, privateKey: [UInt8](repeating: 0x42, count: 32))
        devnet.template.accounts.append(.account(secpKey.address, balance: Self.secpBalance))
        let store = MemoryBlockstore()
        let block = try devnet.build(into: store)
        let chain = try ChainStore(blockstore: store, metadata: MemoryChainMetadata())
        try await chain.setGenesis(block.header)
        self.devnet = devnet
        self.store = store
        self.genesis = try TipSet(blocks: [block.header])
        self.chain = chain
        self.state = StateManager(
            chain: chain, schedule: schedule ?? .fixed(devnet.template.networkVersion), registry: devnet.parameters.actorRegistry,
            proofs: MockProofs())
        self.funded = devnet.minerKey.address
        self.secp = secpKey.address
        self.secpKey = try Secp256k1PrivateKey(bytes: secpKey.privateKey)
        self.miner = block.miners[0]
    }

    /// The estimator over the chain store and state manager, with no pool (or the given
    /// pending messages) and the noise fixed.
    func estimator(pending: [SignedMessage] = [], noise: Double = 0, config: GasEstimatorConfig = GasEstimatorConfig()) -> GasEstimator {
        let base = ChainGasEstimationSource(chain: chain, state: state, pool: nil)
        return GasEstimator(source: PendingSource(base: base, pendingMessages: pending), config: config, noise: .fixed(noise))
    }

    /// A block by the devnet's miner at the next height on `parent`, carrying `bls` and `secp`
    /// messages, with the parent's computed state and the base fee its children pay; stored and
    /// made the head.
    @discardableResult
    func mine(on parent: TipSet, bls: [Message] = [], secp: [SignedMessage] = []) async throws -> TipSet {
        let parentState = try await state.tipSetState(parent)
        let messages = try BlockMessageStore(store: store).write(bls: bls, secp: secp)
        let height = parent.height + 1
        let header = BlockHeader(
            miner: miner, ticket: Ticket(vrfProof: [UInt8](repeating: UInt8(truncatingIfNeeded: height), count: 96)),
            electionProof: ElectionProof(winCount: 1, vrfProof: [UInt8](repeating: 7, count: 96)), beaconEntries: [],
            winPoStProof: [], parents: parent.cids, parentWeight: try await chain.weight(of: parent), height: height,
            parentStateRoot: parentState.stateRoot, parentMessageReceipts: parentState.receiptsRoot, messages: messages,
            blsAggregate: nil, timestamp: devnet.template.timestamp + UInt64(height) * 4, blockSig: nil, forkSignaling: 0,
            parentBaseFee: try await state.nextBaseFee(after: parent))
        let tipset = try TipSet(blocks: [header])
        try await chain.putTipSet(tipset)
        try await chain.setHead(tipset)
        return tipset
    }

    static func transfer(from: Address, to: Address, value: TokenAmount, nonce: UInt64 = 0) -> Message {
        Message(to: to, from: from, nonce: nonce, value: value, gasLimit: 0, gasFeeCap: .zero, gasPremium: .zero)
    }

    /// A pooled BLS message (its signature is never checked on the way to the VM).
    static func pooled(_ message: Message) -> SignedMessage {
        SignedMessage(message: message, signature: Signature(kind: .bls, data: [UInt8](repeating: 0, count: 96)))
    }

    /// The on-chain size charge of `mined` beyond that of `estimated` (the legacy price list's
    /// 1,000 gas a byte), which is all that separates their gas used.
    static func sizeCharge(_ mined: ChainMessage, over estimated: ChainMessage) -> Int64 {
        let prices = Pricelist.forEpoch(1)
        return prices.onChainMessage(size: mined.chainLength).total - prices.onChainMessage(size: estimated.chainLength).total
    }

    func balance(_ address: Address, after tipset: TipSet) async throws -> TokenAmount {
        let root = try await state.tipSetState(tipset).stateRoot
        return try StateTreeView(root: root, store: store).actor(at: address)?.balance ?? .zero
    }
}

/// The chain-backed source with a fixed set of pending messages standing in for the pool, and a
/// record of the calls made.
struct PendingSource: GasEstimationSource {
    let base: ChainGasEstimationSource
    let pendingMessages: [SignedMessage]
    let calls = CallRecorder()

    func tipSet(_ key: TipSetKey) async throws -> TipSet { try await base.tipSet(key) }
    func messages(of tipset: TipSet) async throws -> [Message] { try await base.messages(of: tipset) }
    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address { try await base.resolveToKey(address, at: tipset) }
    func pending(from sender: Address) async throws -> (messages: [SignedMessage], tipset: TipSet) {
        (pendingMessages.filter { $0.message.from == sender }, try await base.chain.requireHead())
    }
    func gasLimitOverestimation() async -> Double { await base.gasLimitOverestimation() }
    func callWithGas(_ message: Message, priorMessages: [ChainMessage], on tipset: TipSet) async throws -> CallResult {
        let result = try await base.callWithGas(message, priorMessages: priorMessages, on: tipset)
        await calls.record(result, prior: priorMessages.count)
        return result
    }
    func actor(_ address: Address, inParentStateOf tipset: TipSet) async throws -> ActorState? {
        try await base.actor(address, inParentStateOf: tipset)
    }
}

actor CallRecorder {
    private(set) var results: [(result: CallResult, prior: Int)] = []
    func record(_ result: CallResult, prior: Int) { results.append((result, prior)) }
}
