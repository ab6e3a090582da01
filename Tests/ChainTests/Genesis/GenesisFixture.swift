import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import VenusTesting

/// Templates for the genesis tests, with keys drawn from a seeded generator so every run builds
/// the same chains.
enum GenesisFixture {
    static let timestamp: UInt64 = 1_700_000_000

    /// `miners` presealed miners of `sectors` 2 KiB sectors each, one plain account with 1,000 FIL
    /// and a vesting 2-of-2 multisig with 500 FIL.
    static func template(miners: Int, sectors: Int, seed: UInt64 = 7, timestamp: UInt64 = timestamp) throws -> GenesisTemplate {
        var generator = SeededGenerator(seed: seed)
        var template = GenesisTemplate(networkName: "genesis-test-\(seed)", timestamp: timestamp)
        for index in 0..<miners {
            let key = GenesisKey.generateBLS(using: &generator)
            let preseal = try Preseal.make(
                miner: GenesisBuilder.minerAddress(index: index), sectorSize: 2048, sectorCount: sectors, key: key)
            try template.addMiner(preseal.miner)
        }
        template.accounts.append(.account(plainAccount(seed: seed), balance: TokenAmount(wholeFIL: 1000)))
        let signers = [GenesisKey.generateBLS(using: &generator).address, GenesisKey.generateBLS(using: &generator).address]
        template.accounts.append(
            .multisig(MultisigMeta(signers: signers, threshold: 2, vestingDuration: 1000, vestingStart: 0), balance: TokenAmount(wholeFIL: 500)))
        return template
    }

    static func plainAccount(seed: UInt64) -> Address {
        var generator = SeededGenerator(seed: seed &+ 1000)
        return GenesisKey.generateBLS(using: &generator).address
    }

    /// Faster tests: a short challenge delay (it only moves pre-commit expiry bookkeeping).
    static let parameters = DevnetParameters(blockDelaySeconds: 1, propagationDelaySeconds: 0, preCommitChallengeDelay: 5)

    static func build(_ template: GenesisTemplate, parameters: DevnetParameters = parameters) throws -> (GenesisBlock, MemoryBlockstore) {
        let store = MemoryBlockstore()
        let genesis = try GenesisBuilder(template: template, parameters: parameters).build(into: store)
        return (genesis, store)
    }

    /// The state of actor `id` decoded as `S`.
    static func state<S: CBORDecodable>(_ view: StateTreeView, _ id: UInt64, as type: S.Type) throws -> (ActorState, S) {
        let actor = try requireActor(view, id)
        return (actor, try S(cborBytes: try view.store.getRequired(actor.head)))
    }

    static func requireActor(_ view: StateTreeView, _ id: UInt64) throws -> ActorState {
        guard let actor = try view.actor(id: id) else { throw FixtureError("no actor \(id) in the genesis state") }
        return actor
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
