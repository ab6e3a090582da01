import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// A small actors-v2 devnet state for block-application tests: system, init, a reward actor with
/// a fixed epoch reward, a recording cron stand-in, burnt funds, miners (a stand-in accepting
/// ApplyRewards) and funded BLS and secp256k1 accounts.
struct ExecutionFixture {
    /// 100 FIL reward per epoch, so a win pays 20 FIL.
    static let epochReward = TokenAmount(wholeFIL: 100)
    static let actorsVersion = 2

    let store: MemoryBlockstore
    let root: CID
    let blsAccounts: [Address]
    let secpAccounts: [Address]
    let miners: [Address]
    let registry: ActorRegistry

    init(accounts: Int = 2, miners minerCount: Int = 2, balance: TokenAmount = TokenAmount(wholeFIL: 1_000)) throws {
        let store = MemoryBlockstore()
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "devnet-test")
        let v = Self.actorsVersion
        try builder.setActor(id: 0, ActorState(code: ActorCodes.code("system", actorsVersion: v), head: try builder.putState([0x80])))
        try builder.setActor(
            id: 2,
            ActorState(
                code: ActorCodes.code("reward", actorsVersion: v), head: try builder.putState(Self.rewardState()),
                balance: TokenAmount(wholeFIL: 1_000_000)))
        try builder.setActor(id: 3, ActorState(code: ActorCodes.code("cron", actorsVersion: v), head: try builder.putState(RecordingCronActor.emptyState)))
        try builder.setActor(id: 99, ActorState(code: ActorCodes.code("account", actorsVersion: v), head: try builder.putState(Self.accountState(BuiltinAddress.burntFundsActor))))
        var minerAddresses: [Address] = []
        for index in 0..<minerCount {
            let id: UInt64 = 1000 + UInt64(index)
            try builder.setActor(id: id, ActorState(code: ActorCodes.code("storageminer", actorsVersion: v), head: try builder.putState([0x80])))
            minerAddresses.append(Address.idAddress(id))
        }
        var bls: [Address] = []
        var secp: [Address] = []
        for index in 0..<accounts {
            let blsAddress = try Address(bytes: [3] + [UInt8](repeating: UInt8(index & 0xff), count: 47) + [UInt8(index >> 8)])
            let secpAddress = try Address(bytes: [1] + [UInt8](repeating: 0xa0 ^ UInt8(index & 0xff), count: 19) + [UInt8(index >> 8)])
            for address in [blsAddress, secpAddress] {
                let id = try builder.register(address)
                try builder.setActor(
                    id: id, ActorState(code: ActorCodes.code("account", actorsVersion: v), head: try builder.putState(Self.accountState(address)), balance: balance))
            }
            bls.append(blsAddress)
            secp.append(secpAddress)
        }
        root = try builder.build(initCode: ActorCodes.code("init", actorsVersion: v))
        self.store = store
        blsAccounts = bls
        secpAccounts = secp
        miners = minerAddresses
        var registry = ActorRegistry.builtin()
        registry.register(ActorCodes.code("cron", actorsVersion: v), RecordingCronActor())
        registry.register(ActorCodes.code("storageminer", actorsVersion: v), RewardedMinerActor())
        self.registry = registry
    }

    func executor(schedule: NetworkUpgradeSchedule = .fixed(5), store: (any Blockstore)? = nil) -> TipsetExecutor {
        TipsetExecutor(store: store ?? self.store, registry: registry, schedule: schedule)
    }

    /// specs-actors v2 reward state: 11 fields, only ThisEpochReward (4) set.
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

    static func send(from: Address, to: Address, nonce: UInt64, value: TokenAmount = TokenAmount(attoFIL: 1_000),
                     gasLimit: Int64 = 1_000_000, feeCap: TokenAmount = TokenAmount(attoFIL: 200),
                     premium: TokenAmount = TokenAmount(attoFIL: 10)) -> Message {
        Message(to: to, from: from, nonce: nonce, value: value, gasLimit: gasLimit, gasFeeCap: feeCap, gasPremium: premium)
    }

    /// A secp256k1 message as a block carries it (signature bytes are not checked by the VM).
    static func signed(_ message: Message) -> ChainMessage {
        .signed(SignedMessage(message: message, signature: Signature(kind: .secp256k1, data: [UInt8](repeating: 7, count: 65))))
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
}

/// Cron stand-in: `EpochTick` (system only) appends the VM's epoch to its state.
struct RecordingCronActor: BuiltinActor {
    static let emptyState: [UInt8] = [0x80]

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

/// Miner stand-in: accepts ApplyRewards (method 14) from the reward actor, keeping the value.
struct RewardedMinerActor: BuiltinActor {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard method == 14 else { throw invalidMethod(method) }
        try rt.validateImmediateCaller(is: BuiltinAddress.rewardActor)
        return []
    }
}
