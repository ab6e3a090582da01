import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Testing

/// The one state model: the VM's mutable ``StateTree`` and the read-only ``StateTreeView``
/// queries use, on both root encodings (bare HAMT in version 0, `StateRoot` from version 1).
struct StateTreeViewTests {
    static func secp(_ fill: UInt8) throws -> Address { try Address(bytes: [1] + [UInt8](repeating: fill, count: 20)) }
    static func bls(_ fill: UInt8) throws -> Address { try Address(bytes: [3] + [UInt8](repeating: fill, count: 48)) }

    /// A tree of `version` holding only an init actor (next ID 100, an empty address map).
    static func emptyTree(version: UInt64, store: MemoryBlockstore) throws -> CID {
        let parameters = StateRoot.hamtParameters(version: version)
        var addressMap = HAMT(store: store, parameters: parameters)
        let initState = InitActorState(addressMap: try addressMap.flush(), nextID: 100, networkName: "testnet")
        let initActor = ActorState(code: ActorCodes.code("init", actorsVersion: 0), head: try store.put(initState))
        var actors = HAMT(store: store, parameters: parameters)
        try actors.set(StateRoot.actorKey(id: BuiltinAddress.initActorID), initActor.cborBytes(version: version))
        let actorsRoot = try actors.flush()
        guard version > 0 else { return actorsRoot }
        let info = try store.putCBOR([0x80])
        return try store.putCBOR(CBORValue.array([.unsigned(version), .cid(actorsRoot), .cid(info)]).cborBytes)
    }

    @Test(arguments: [0, 1, 2, 4, 5] as [UInt64])
    func addressesResolveOnEveryEncoding(version: UInt64) throws {
        let store = MemoryBlockstore()
        let empty = try emptyTreeChecked(version: version, store: store)
        let tree = try StateTree(root: empty, store: store)
        let account = ActorCodes.code("account", actorsVersion: 0)
        var expected: [Address: (UInt64, ActorState)] = [:]
        for (index, address) in [try Self.secp(1), try Self.bls(2), Address.actor([9, 9])].enumerated() {
            let id = try tree.registerNewAddress(address)
            #expect(id == 100 + UInt64(index))
            var actor = ActorState(code: account, head: ActorCodes.emptyObject, nonce: UInt64(index), balance: TokenAmount(attoFIL: 7 * index))
            if version >= 5 { actor.delegatedAddress = try Address.delegated(namespace: 10, subaddress: [UInt8(index)]) }
            tree.setActor(id: id, actor)
            expected[address] = (id, actor)
            // The pending change is visible through the mutable tree before any flush.
            #expect(try tree.lookupID(address) == id)
            #expect(try tree.actor(at: address) == actor)
        }
        let root = try tree.flush()
        let stateRoot = try StateRoot(loading: root, from: store)
        #expect(stateRoot.version == version)
        #expect((stateRoot.info == nil) == (version == 0))
        #expect(version > 0 || stateRoot.actors == root)

        let view = try StateTreeView(root: root, store: store)
        #expect(view.version == version && view.root == root)
        for (address, (id, actor)) in expected {
            #expect(try view.lookupID(address) == id, "\(address)")
            #expect(try view.actor(at: address) == actor)
            #expect(try view.actor(at: Address.idAddress(id)) == actor)
        }
        #expect(try view.lookupID(Self.secp(0xee)) == nil)
        #expect(try view.actor(at: Self.bls(0xee)) == nil)
        #expect(try view.actor(id: 555) == nil)
        // An ID address stands for itself, present or not: no init actor read.
        #expect(try view.lookupID(Address.idAddress(555)) == 555)
        #expect(try view.initState().nextID == 103)
        #expect(try view.networkName() == "testnet")
        var seen: [UInt64: ActorState] = [:]
        try view.forEachActor { id, actor in seen[id] = actor }
        #expect(Set(seen.keys) == Set([BuiltinAddress.initActorID] + expected.values.map(\.0)))
    }

    /// The VM writes through ``StateTree``; after its flush a view at the new root reads exactly
    /// those actors, while a view at the old root still reads the old ones.
    @Test func viewReadsWhatTheVMFlushed() async throws {
        let store = MemoryBlockstore()
        let sender = try Self.secp(0x51)
        let receiver = try Self.bls(0x52)
        let genesis = try populated(store: store, sender: sender)
        let before = try StateTreeView(root: genesis, store: store)
        let (count, total) = try Self.census(before)

        let message = Message(
            to: receiver, from: sender, nonce: 0, value: TokenAmount(attoFIL: 1_000), gasLimit: 10_000_000,
            gasFeeCap: TokenAmount(attoFIL: 200), gasPremium: TokenAmount(attoFIL: 100))
        let vm = try VM(
            stateRoot: genesis, store: store,
            config: VMConfig(epoch: 10, networkVersion: 3, circulatingSupply: TokenAmount(wholeFIL: 1_000)),
            registry: .builtin())
        let result = try vm.applyMessage(message, chainLength: VM.chainLength(of: message))
        #expect(result.receipt.exitCode == 0, "\(result.errorMessage ?? "")")
        let root = try vm.flush()
        #expect(root != genesis)

        let view = try StateTreeView(root: root, store: store)
        let receiverID = try #require(try view.lookupID(receiver))
        #expect(receiverID == 101)
        #expect(try view.actor(at: receiver)?.balance == TokenAmount(attoFIL: 1_000))
        #expect(try view.actor(at: receiver)?.code == ActorCodes.code("account", actorsVersion: 0))
        #expect(try view.actor(at: sender)?.nonce == 1)
        // Balances moved (value, burn, tip, refund) but none was made or lost.
        let (afterCount, afterTotal) = try Self.census(view)
        #expect(afterCount == count + 1 && afterTotal == total)
        #expect(try view.actor(id: 99)?.balance.isZero == false)
        // The VM's own tree and the view agree on every actor, read concurrently from the view.
        let ids: [UInt64] = [0, 1, 2, 99, 100, receiverID]
        let fromVM = try ids.map { id in try vm.state.actor(id: id) }
        let fromView = try await withThrowingTaskGroup(of: (Int, ActorState?).self) { group in
            for (index, id) in ids.enumerated() { group.addTask { (index, try view.actor(id: id)) } }
            var actors = [ActorState?](repeating: nil, count: ids.count)
            for try await (index, actor) in group { actors[index] = actor }
            return actors
        }
        #expect(fromView == fromVM && !fromView.contains(nil))
        // The old root still reads the genesis state: nothing writes through a view.
        #expect(try before.lookupID(receiver) == nil)
        #expect(try before.actor(at: sender)?.nonce == 0)
        let (beforeCount, beforeTotal) = try Self.census(before)
        #expect(beforeCount == count && beforeTotal == total)
    }

    @Test func malformedRootsAreRefusedPrecisely() throws {
        let store = MemoryBlockstore()
        let info = try store.putCBOR([0x80])
        let tooNew = try store.putCBOR(CBORValue.array([.unsigned(6), .cid(info), .cid(info)]).cborBytes)
        #expect(throws: StateTreeError.unsupportedVersion(6)) { try StateTreeView(root: tooNew, store: store) }
        let zero = try store.putCBOR(CBORValue.array([.unsigned(0), .cid(info), .cid(info)]).cborBytes)
        #expect(throws: StateTreeError.unsupportedVersion(0)) { try StateTree(root: zero, store: store) }
        let wrongTypes = try store.putCBOR(CBORValue.array([.cid(info), .cid(info), .cid(info)]).cborBytes)
        let error = #expect(throws: StateTreeError.self) { try StateTreeView(root: wrongTypes, store: store) }
        guard case .malformedStateRoot(let cid, _)? = error else {
            Issue.record("expected a malformed state root, got \(String(describing: error))")
            return
        }
        #expect(cid == wrongTypes)
        let missing = CID.filecoin(cbor: [0x81, 0x01])
        #expect(throws: StateTreeError.store(.notFound(missing))) { try StateTreeView(root: missing, store: store) }
        // The legacy VM runs trees up to version 4 only.
        let v5 = try Self.emptyTree(version: 5, store: store)
        #expect(throws: ActorError.self) {
            try VM(stateRoot: v5, store: store, config: VMConfig(epoch: 0, networkVersion: 3, circulatingSupply: .zero), registry: .builtin())
        }
    }

    // MARK: Helpers

    private func emptyTreeChecked(version: UInt64, store: MemoryBlockstore) throws -> CID {
        let root = try Self.emptyTree(version: version, store: store)
        #expect(try StateTreeView(root: root, store: store).version == version)
        return root
    }

    /// A version 0 tree (actors v0) with the singletons a send needs and a funded account at `sender` (ID 100).
    private func populated(store: MemoryBlockstore, sender: Address) throws -> CID {
        let tree = try StateTree(root: Self.emptyTree(version: 0, store: store), store: store)
        let code = { (name: String) in ActorCodes.code(name, actorsVersion: 0) }
        tree.setActor(id: 0, ActorState(code: code("system"), head: ActorCodes.emptyObject))
        tree.setActor(id: 2, ActorState(code: code("reward"), head: ActorCodes.emptyObject, balance: TokenAmount(wholeFIL: 10)))
        tree.setActor(id: 99, ActorState(code: code("account"), head: ActorCodes.emptyObject))
        let id = try tree.registerNewAddress(sender)
        #expect(id == 100)
        let head = try store.putCBOR(CBORValue.array([.bytes(sender.bytes)]).cborBytes)
        tree.setActor(id: id, ActorState(code: code("account"), head: head, balance: TokenAmount(wholeFIL: 1)))
        return try tree.flush()
    }

    /// The number of actors and their total balance.
    private static func census(_ view: StateTreeView) throws -> (Int, TokenAmount) {
        var count = 0
        var total = TokenAmount.zero
        try view.forEachActor { _, actor in
            count += 1
            total += actor.balance
        }
        return (count, total)
    }
}
