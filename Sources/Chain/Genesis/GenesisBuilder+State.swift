import BigInt
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD

/// The initial state tree (Lotus `MakeInitialStateTree`), in a VM so that the singletons are
/// made by their own constructors, called from the system actor as the protocol would.
extension GenesisBuilder {
    /// The specs-actors generation genesis constructs (network versions 4...9).
    static let actorsVersion = 2
    /// The state tree version of those network versions (Lotus `VersionForNetwork`).
    static let stateTreeVersion: UInt64 = 1

    static func code(_ name: String) -> CID { ActorCodes.code(name, actorsVersion: actorsVersion) }

    func makeInitialState(_ plan: GenesisPlan, store: any Blockstore) throws(GenesisError) -> GenesisVM {
        let root: CID
        do {
            // The head of every actor before its constructor runs.
            try store.putCBOR([0x80])
            var builder = StateTreeBuilder(
                version: Self.stateTreeVersion, store: store, networkName: template.networkName, firstID: Self.minerStart)
            root = try builder.build(initCode: Self.code("init"))
        } catch {
            throw .state("creating the empty state tree: \(error)")
        }
        let genesis = try GenesisVM(
            stateRoot: root, store: store, networkVersion: plan.networkVersion, registry: parameters.actorRegistry)

        try construct(genesis, id: 0, "system")
        try setInitActor(plan, genesis)
        // Its state is replaced once the miners exist; it must exist for their creation.
        try construct(genesis, id: 2, "reward", balance: Self.initialRewardBalance, params: BigIntParam(0).cborBytes)
        try construct(genesis, id: 3, "cron", params: CronState(entries: CronEntry.builtin).cborBytes)
        try construct(genesis, id: 4, "storagepower")
        try construct(genesis, id: 5, "storagemarket")
        try construct(
            genesis, id: 6, "verifiedregistry", params: AddressParam(Address.idAddress(Self.rootVerifierID)).cborBytes)
        try setAccount(genesis, id: Self.burntFundsID, key: BuiltinAddress.burntFundsActor, balance: .zero)

        var allocated = Self.initialRewardBalance
        var nextMultisig = plan.multisigStart
        for account in template.accounts {
            switch account.meta {
            case .account(let meta):
                try setAccount(genesis, id: try plan.id(of: meta.owner), key: meta.owner, balance: account.balance)
            case .multisig(let meta):
                try setMultisig(plan, genesis, id: nextMultisig, meta, balance: account.balance)
                nextMultisig += 1
            }
            allocated += account.balance
        }
        let rootKey = template.verifregRootKey
        switch rootKey.meta {
        case .account(let meta): try setAccount(genesis, id: Self.rootVerifierID, key: meta.owner, balance: rootKey.balance)
        case .multisig(let meta): try setMultisig(plan, genesis, id: Self.rootVerifierID, meta, balance: rootKey.balance)
        }
        allocated += rootKey.balance
        // Lotus draws this verifier's key at random; here it follows from the network's name.
        try setAccount(genesis, id: Self.firstVerifierID, key: Self.firstVerifierKey(networkName: template.networkName), balance: .zero)

        let remaining = Self.totalFilecoin - allocated
        guard !remaining.isNegative else { throw .overallocated(allocated) }
        switch template.remainderAccount.meta {
        case .account(let meta): try setAccount(genesis, id: Self.reserveID, key: meta.owner, balance: remaining)
        case .multisig(let meta): try setMultisig(plan, genesis, id: Self.reserveID, meta, balance: remaining)
        }
        return genesis
    }

    /// An actor set at `id` with its code and the empty head, then its constructor called from
    /// the system actor.
    private func construct(
        _ genesis: GenesisVM, id: UInt64, _ name: String, balance: TokenAmount = .zero, params: [UInt8] = []
    ) throws(GenesisError) {
        genesis.setActor(id: id, ActorState(code: Self.code(name), head: ActorCodes.emptyObject, balance: balance))
        try genesis.call(
            "constructing the \(name) actor", from: BuiltinAddress.systemActor, to: Address.idAddress(id),
            method: 1, params: params)
    }

    /// The init actor with every template key registered and the next ID at the first miner's
    /// (Lotus `SetupInitActor`; its constructor knows no address map, so the state is written).
    private func setInitActor(_ plan: GenesisPlan, _ genesis: GenesisVM) throws(GenesisError) {
        let map: CID
        do {
            var hamt = HAMT(store: genesis.vm.store, parameters: StateRoot.hamtParameters(version: Self.stateTreeVersion))
            for (address, id) in plan.registrations { try hamt.set(address.bytes, id.cborBytes) }
            map = try hamt.flush()
        } catch {
            throw .state("building the init actor's address map: \(error)")
        }
        let state = InitActorState(addressMap: map, nextID: Self.minerStart, networkName: template.networkName)
        genesis.setActor(id: BuiltinAddress.initActorID, ActorState(code: Self.code("init"), head: try genesis.put(state)))
    }

    /// An account holding `key` (Lotus `makeAccountActor`: the state is written, since the
    /// account constructor refuses the burnt-funds actor's ID address).
    func setAccount(_ genesis: GenesisVM, id: UInt64, key: Address, balance: TokenAmount) throws(GenesisError) {
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        key.encode(to: &writer)
        let head: CID
        do { head = try genesis.vm.store.putCBOR(writer.bytes) } catch { throw .state("storing an account state: \(error)") }
        genesis.setActor(id: id, ActorState(code: Self.code("account"), head: head, balance: balance))
    }

    /// A multisig as Lotus's `multisig.MakeState` writes it at genesis: its signers' IDs (each
    /// given an empty account unless it has one), and `InitialBalance` = its balance.
    private func setMultisig(
        _ plan: GenesisPlan, _ genesis: GenesisVM, id: UInt64, _ meta: MultisigMeta, balance: TokenAmount
    ) throws(GenesisError) {
        var signers: [Address] = []
        for signer in meta.signers {
            let signerID = try plan.id(of: signer)
            if try genesis.actor(id: signerID) == nil {
                try setAccount(genesis, id: signerID, key: signer, balance: .zero)
            }
            signers.append(Address.idAddress(signerID))
        }
        let pending: CID
        do { pending = try ActorHAMT(store: genesis.actorStore, sortsOnCollapse: true).flush() } catch {
            throw .state("creating a multisig's pending transactions: \(error.message)")
        }
        var state = MultisigState(signers: signers, threshold: UInt64(meta.threshold), pendingTxns: pending)
        state.initialBalance = balance
        state.startEpoch = Int64(meta.vestingStart)
        state.unlockDuration = Int64(meta.vestingDuration)
        genesis.setActor(id: id, ActorState(code: Self.code("multisig"), head: try genesis.put(state), balance: balance))
    }

    /// The key of the verifier at ID 81: a BLS key drawn from a generator seeded with the network's
    /// name, so that it is the same in every build of the template.
    static func firstVerifierKey(networkName: String) -> Address {
        var generator = DerivedRandom(seed: Array("venus-swift genesis first verifier v1".utf8) + Array(networkName.utf8))
        return GenesisKey.generateBLS(using: &generator).address
    }
}

extension GenesisPlan {
    /// The ID a key was registered under.
    func id(of key: Address) throws(GenesisError) -> UInt64 {
        guard let id = keyIDs[key] else { throw .state("no ID registered for \(key)") }
        return id
    }
}
