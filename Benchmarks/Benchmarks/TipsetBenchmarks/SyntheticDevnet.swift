import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// A synthetic actors-v2 devnet state (state tree version 1, network version 5) for applying
/// tipsets: system, init, reward (100 FIL per epoch), cron, burnt funds, block producers and
/// funded BLS and secp256k1 accounts, built directly with `StateTreeBuilder`.
struct SyntheticDevnet {
    static let actorsVersion = 2
    static let networkVersion: UInt64 = 5

    let blocks: [(cid: CID, data: [UInt8])]
    let root: CID
    let blsAccounts: [Address]
    let secpAccounts: [Address]
    let producers: [Address]

    init(accountPairs: Int, producers producerCount: Int) throws {
        let store = MemoryBlockstore()
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "devnet-bench")
        let v = Self.actorsVersion
        func code(_ name: String) -> CID { ActorCodes.code(name, actorsVersion: v) }
        try builder.setActor(id: 0, ActorState(code: code("system"), head: try builder.putState([0x80])))
        try builder.setActor(
            id: 2, ActorState(code: code("reward"), head: try builder.putState(Self.rewardState()), balance: TokenAmount(wholeFIL: 1_000_000_000)))
        // Cron with no entries (this devnet has no power or market actor): its tick is the dispatch
        // alone. SectorBenchmarks measures the full cron on a devnet with miners.
        try builder.setActor(id: 3, ActorState(code: code("cron"), head: try builder.putState([0x81, 0x80])))
        try builder.setActor(id: 99, ActorState(code: code("account"), head: try builder.putState(Self.accountState(BuiltinAddress.burntFundsActor))))
        var producers: [Address] = []
        for index in 0..<producerCount {
            // Block producers as accounts: the reward actor's ApplyRewards to them fails and the
            // reward is burnt, which is the reward path's full cost without a miner actor.
            let id = 1_000 + UInt64(index)
            let address = Address.idAddress(id)
            try builder.setActor(id: id, ActorState(code: code("account"), head: try builder.putState(Self.accountState(address))))
            producers.append(address)
        }
        var bls: [Address] = []
        var secp: [Address] = []
        for index in 0..<accountPairs {
            let high = UInt8(truncatingIfNeeded: index >> 8)
            let low = UInt8(truncatingIfNeeded: index)
            let blsAddress = try Address(bytes: [3] + [UInt8](repeating: low, count: 46) + [high, 0x5a])
            let secpAddress = try Address(bytes: [1] + [UInt8](repeating: low ^ 0xa5, count: 18) + [high, 0x5a])
            for address in [blsAddress, secpAddress] {
                let id = try builder.register(address)
                try builder.setActor(
                    id: id,
                    ActorState(code: code("account"), head: try builder.putState(Self.accountState(address)), balance: TokenAmount(wholeFIL: 1_000)))
            }
            bls.append(blsAddress)
            secp.append(secpAddress)
        }
        root = try builder.build(initCode: code("init"))
        blocks = store.cids.compactMap { cid in (try? store.get(cid)).flatMap { $0.map { (cid: cid, data: $0) } } }
        blsAccounts = bls
        secpAccounts = secp
        self.producers = producers
    }

    /// `count` sends spread round-robin over `blockCount` blocks, half from BLS senders (bare)
    /// and half from secp256k1 senders (signed form), each sender's first message.
    func sendTipset(count: Int, blockCount: Int, parentEpoch: Int64) -> ExecutableTipset {
        var blocks = (0..<blockCount).map { BlockMessages(miner: producers[$0], winCount: 1, blsMessages: [], secpMessages: []) }
        for index in 0..<count {
            let pair = index / 2
            let fromBLS = index % 2 == 0
            let from = fromBLS ? blsAccounts[pair] : secpAccounts[pair]
            let to = fromBLS ? secpAccounts[(pair + 1) % secpAccounts.count] : blsAccounts[(pair + 1) % blsAccounts.count]
            let message = Message(
                to: to, from: from, nonce: 0, value: TokenAmount(attoFIL: 1_000), gasLimit: 2_000_000,
                gasFeeCap: TokenAmount(attoFIL: 200), gasPremium: TokenAmount(attoFIL: 10))
            let block = index % blockCount
            if fromBLS {
                blocks[block].blsMessages.append(.unsigned(message))
            } else {
                let signature = Signature(kind: .secp256k1, data: [UInt8](repeating: 1, count: 65))
                blocks[block].secpMessages.append(.signed(SignedMessage(message: message, signature: signature)))
            }
        }
        return ExecutableTipset(
            parentStateRoot: root, parentEpoch: parentEpoch, epoch: parentEpoch + 1, baseFee: TokenAmount(attoFIL: 100), blocks: blocks)
    }

    /// specs-actors v2 reward state (11 fields) with only ThisEpochReward set.
    static func rewardState() -> [UInt8] {
        func amount(_ value: TokenAmount) -> CBORValue { .bytes(FilecoinBigInt.bytes(of: value.attoFIL)) }
        let zero = amount(.zero)
        return CBORValue.array([
            zero, zero, .unsigned(0), zero, amount(TokenAmount(wholeFIL: 100)), .array([zero, zero]), zero, .unsigned(0), zero, zero, zero,
        ]).cborBytes
    }

    static func accountState(_ address: Address) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        address.encode(to: &writer)
        return writer.bytes
    }
}
