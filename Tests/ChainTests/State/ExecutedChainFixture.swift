import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// A small actors-v2 devnet state for state-manager tests (the shape of ChainStateTests'
/// ExecutionFixture): system, init, a reward actor paying a fixed epoch reward, a cron stand-in
/// recording the epochs it ticked, burnt funds, miners accepting rewards, and funded BLS and
/// secp256k1 accounts. Chains on it are built with real execution: each new tipset's headers
/// carry the state and receipts the state manager computed for its parent.
struct ExecutedChainFixture {
    static let epochReward = TokenAmount(wholeFIL: 100)
    static let networkVersion: UInt64 = 5

    let store: MemoryBlockstore
    let root: CID
    let blsAccount: Address
    let secpAccount: Address
    let miners: [Address]
    let registry: ActorRegistry
    let emptyReceipts: CID

    init() throws {
        let store = MemoryBlockstore()
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "state-manager-test")
        let v = 2
        try builder.setActor(id: 0, ActorState(code: ActorCodes.code("system", actorsVersion: v), head: try builder.putState([0x80])))
        try builder.setActor(
            id: 2,
            ActorState(
                code: ActorCodes.code("reward", actorsVersion: v), head: try builder.putState(Self.rewardState()),
                balance: TokenAmount(wholeFIL: 1_000_000)))
        try builder.setActor(id: 3, ActorState(code: ActorCodes.code("cron", actorsVersion: v), head: try builder.putState([0x80])))
        try builder.setActor(
            id: 99, ActorState(code: ActorCodes.code("account", actorsVersion: v), head: try builder.putState(Self.accountState(BuiltinAddress.burntFundsActor))))
        miners = [Address.idAddress(1000), Address.idAddress(1001)]
        for id: UInt64 in [1000, 1001] {
            try builder.setActor(id: id, ActorState(code: ActorCodes.code("storageminer", actorsVersion: v), head: try builder.putState([0x80])))
        }
        blsAccount = try Address(bytes: [3] + [UInt8](repeating: 0x11, count: 48))
        secpAccount = try Address(bytes: [1] + [UInt8](repeating: 0xa1, count: 20))
        for address in [blsAccount, secpAccount] {
            let id = try builder.register(address)
            try builder.setActor(
                id: id,
                ActorState(
                    code: ActorCodes.code("account", actorsVersion: v), head: try builder.putState(Self.accountState(address)),
                    balance: TokenAmount(wholeFIL: 1_000)))
        }
        root = try builder.build(initCode: ActorCodes.code("init", actorsVersion: v))
        var receipts = try AMT(store: store, format: .legacy)
        emptyReceipts = try receipts.flush()
        self.store = store
        var registry = ActorRegistry.builtin()
        registry.register(ActorCodes.code("cron", actorsVersion: v), EpochRecordingCron())
        registry.register(ActorCodes.code("storageminer", actorsVersion: v), RewardAcceptingMiner())
        self.registry = registry
    }

    /// A chain store over the fixture's store whose weight is the height (the fixture's states
    /// have no power actor; fork choice is not under test here).
    func chainStore(store: (any Blockstore)? = nil) throws -> ChainStore {
        try ChainStore(
            blockstore: store ?? self.store, metadata: MemoryChainMetadata(),
            weight: { tipset, _ in BigInt(tipset.height) })
    }

    func stateManager(_ chain: ChainStore, schedule: NetworkUpgradeSchedule = .fixed(networkVersion)) -> StateManager {
        StateManager(chain: chain, schedule: schedule, registry: registry, supply: .fixed(.zero))
    }

    func executor(store: (any Blockstore)? = nil) -> TipsetExecutor {
        TipsetExecutor(store: store ?? self.store, registry: registry, schedule: .fixed(Self.networkVersion))
    }

    func genesis() -> BlockHeader {
        BlockHeader(
            miner: Address.idAddress(0), ticket: Ticket(vrfProof: [UInt8](repeating: 0x55, count: 32)),
            electionProof: nil, beaconEntries: [BeaconEntry(round: 1, data: [UInt8](repeating: 1, count: 32))],
            winPoStProof: [], parents: [], parentWeight: 0, height: 0, parentStateRoot: root,
            parentMessageReceipts: emptyReceipts, messages: (try? BlockMessageStore(store: store).write(bls: [], secp: [])) ?? root,
            blsAggregate: nil, timestamp: 1_000, blockSig: nil, forkSignaling: 0, parentBaseFee: BaseFee.initial)
    }

    /// A block at `height` on `parent` whose header carries `parentState` (the parent's
    /// execution result), with the given messages stored in `store`.
    func block(
        on parent: TipSet, parentState: TipSetState, height: Int64? = nil, minerIndex: Int = 0, ticket: UInt8 = 1,
        bls: [Message] = [], secp: [SignedMessage] = [], beacon: [BeaconEntry] = [], baseFee: TokenAmount = TokenAmount(attoFIL: 100)
    ) throws -> BlockHeader {
        let epoch = height ?? parent.height + 1
        let messages = try BlockMessageStore(store: store).write(bls: bls, secp: secp)
        return BlockHeader(
            miner: miners[minerIndex], ticket: Ticket(vrfProof: [UInt8](repeating: ticket, count: 96)),
            electionProof: ElectionProof(winCount: 1, vrfProof: [UInt8](repeating: ticket, count: 96)),
            beaconEntries: beacon, winPoStProof: [], parents: parent.cids, parentWeight: BigInt(parent.height), height: epoch,
            parentStateRoot: parentState.stateRoot, parentMessageReceipts: parentState.receiptsRoot, messages: messages,
            blsAggregate: nil, timestamp: 1_000 + UInt64(epoch) * 30, blockSig: nil, forkSignaling: 0, parentBaseFee: baseFee)
    }

    static func send(from: Address, to: Address, nonce: UInt64, value: Int = 1_000, gasLimit: Int64 = 1_000_000) -> Message {
        Message(
            to: to, from: from, nonce: nonce, value: TokenAmount(attoFIL: value), gasLimit: gasLimit,
            gasFeeCap: TokenAmount(attoFIL: 200), gasPremium: TokenAmount(attoFIL: 10))
    }

    static func signed(_ message: Message) -> SignedMessage {
        SignedMessage(message: message, signature: Signature(kind: .secp256k1, data: [UInt8](repeating: 7, count: 65)))
    }

    func balance(_ address: Address, root: CID) throws -> TokenAmount {
        try StateTreeView(root: root, store: store).actor(at: address)?.balance ?? .zero
    }

    func nonce(_ address: Address, root: CID) throws -> UInt64 {
        try StateTreeView(root: root, store: store).actor(at: address)?.nonce ?? 0
    }

    /// The epochs the recording cron ticked at, in order.
    func cronEpochs(root: CID) throws -> [Int64] {
        guard let cron = try StateTreeView(root: root, store: store).actor(id: 3),
            let bytes = try store.get(cron.head),
            case .array(let values) = try CBORValue(cborBytes: bytes)
        else { return [] }
        return values.compactMap { value in
            if case .unsigned(let epoch) = value { return Int64(epoch) }
            return nil
        }
    }

    static func rewardState() -> [UInt8] {
        func amount(_ value: TokenAmount) -> CBORValue { .bytes(FilecoinBigInt.bytes(of: value.attoFIL)) }
        let zero = amount(.zero)
        let fields: [CBORValue] = [
            zero, zero, .unsigned(0), zero, amount(epochReward), .array([zero, zero]), zero, .unsigned(0), zero, zero, zero,
        ]
        return CBORValue.array(fields).cborBytes
    }

    static func accountState(_ address: Address) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        address.encode(to: &writer)
        return writer.bytes
    }
}

/// Cron stand-in: `EpochTick` (system only) appends the VM's epoch to its state.
struct EpochRecordingCron: BuiltinActor {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard method == 2 else { throw invalidMethod(method) }
        try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
        let (head, bytes) = try rt.stateBegin()
        guard case .array(var epochs)? = try? CBORValue(cborBytes: bytes) else { throw ActorError(.errIllegalState, "cron state") }
        epochs.append(.unsigned(UInt64(rt.epoch)))
        try rt.stateCommit(base: head, bytes: CBORValue.array(epochs).cborBytes)
        return []
    }
}

/// Miner stand-in: accepts ApplyRewards (method 14) from the reward actor.
struct RewardAcceptingMiner: BuiltinActor {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard method == 14 else { throw invalidMethod(method) }
        try rt.validateImmediateCaller(is: BuiltinAddress.rewardActor)
        return []
    }
}
