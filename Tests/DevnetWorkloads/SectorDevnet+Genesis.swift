import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// The genesis of a sector devnet: every singleton actor with its real (empty) specs-actors v2
/// state, built directly as Lotus's genesis builder does, plus funded accounts. Miners are not
/// here: they are created afterwards through the power actor's CreateMiner.
extension SectorDevnet {
    struct Genesis {
        var store: MemoryBlockstore
        var root: CID
        var workers: [(id: UInt64, address: Address)]
        var blsAccounts: [Address]
        var secpAccounts: [Address]
    }

    static func genesis(_ shape: Shape) throws(SectorDevnetError) -> Genesis {
        let store = MemoryBlockstore()
        let actorStore = UnchargedActorStore(store)
        let v = actorsVersion
        func code(_ name: String) -> CID { ActorCodes.code(name, actorsVersion: v) }
        do {
            var builder = StateTreeBuilder(version: 1, store: store, networkName: "devnet-sectors")
            let emptyMap = try ActorHAMT(store: actorStore, sortsOnCollapse: true).flush()
            let emptyMultimap = try ActorMultimap(store: actorStore, sortsOnCollapse: true).flush()
            let emptyArray = try ActorAMT(store: actorStore).flush()

            try builder.setActor(id: 0, ActorState(code: code("system"), head: try builder.putState([0x80])))
            let reward = RewardState(currRealizedPower: 0, actorsVersion: v)
            try builder.setActor(
                id: 2, ActorState(code: code("reward"), head: try builder.putState(reward.cborBytes), balance: rewardActorBalance))
            let cron = CronState(entries: [
                CronEntry(receiver: BuiltinAddress.powerActor, method: PowerMethod.onEpochTickEnd.rawValue),
                CronEntry(receiver: BuiltinAddress.marketActor, method: MarketMethod.cronTick.rawValue),
            ])
            try builder.setActor(id: 3, ActorState(code: code("cron"), head: try builder.putState(cron.cborBytes)))
            let power = PowerState(emptyMap: emptyMap, emptyMultimap: emptyMultimap, actorsVersion: v)
            try builder.setActor(id: 4, ActorState(code: code("storagepower"), head: try builder.putState(power.cborBytes)))
            let market = MarketState(emptyArray: emptyArray, emptyMap: emptyMap, emptyMultimap: emptyMultimap)
            try builder.setActor(id: 5, ActorState(code: code("storagemarket"), head: try builder.putState(market.cborBytes)))
            try builder.setActor(
                id: 99, ActorState(code: code("account"), head: try builder.putState(accountState(BuiltinAddress.burntFundsActor))))

            func account(_ address: Address, balance: TokenAmount) throws -> UInt64 {
                let id = try builder.register(address)
                try builder.setActor(id: id, ActorState(code: code("account"), head: try builder.putState(accountState(address)), balance: balance))
                return id
            }
            // Workers (also the owners) come first so their IDs are 100, 101, ...
            var workers: [(id: UInt64, address: Address)] = []
            for index in 0..<shape.miners {
                let address = try blsAddress(tag: 0x77, index: index)
                workers.append((try account(address, balance: workerBalance), address))
            }
            let rootKey = try account(try blsAddress(tag: 0x6b, index: 0), balance: .zero)
            let verifreg = VerifiedRegistryState(rootKey: .idAddress(rootKey), verifiers: emptyMap, verifiedClients: emptyMap)
            try builder.setActor(id: 6, ActorState(code: code("verifiedregistry"), head: try builder.putState(verifreg.cborBytes)))

            var bls: [Address] = []
            var secp: [Address] = []
            for index in 0..<shape.accountPairs {
                let blsAccount = try blsAddress(tag: 0x5a, index: index)
                let secpAccount = try Address(bytes: [1] + [UInt8](repeating: 0xa5, count: 16) + bigEndian32(index))
                _ = try account(blsAccount, balance: accountBalance)
                _ = try account(secpAccount, balance: accountBalance)
                bls.append(blsAccount)
                secp.append(secpAccount)
            }
            let root = try builder.build(initCode: code("init"))
            return Genesis(store: store, root: root, workers: workers, blsAccounts: bls, secpAccounts: secp)
        } catch let error as SectorDevnetError {
            throw error
        } catch {
            throw .genesisFailed("\(error)")
        }
    }

    /// A BLS address whose 48 key bytes are a tag and the index (no key behind it: the VM checks
    /// no signature, and a worker only has to be a BLS account).
    static func blsAddress(tag: UInt8, index: Int) throws -> Address {
        try Address(bytes: [3] + [UInt8](repeating: tag, count: 44) + bigEndian32(index))
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        let bits = UInt32(truncatingIfNeeded: value)
        return [UInt8(truncatingIfNeeded: bits >> 24), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits)]
    }

    static func accountState(_ address: Address) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        address.encode(to: &writer)
        return writer.bytes
    }
}
