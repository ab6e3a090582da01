import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// The state a full-node `State*` method reads for a tipset: its parent state, as Lotus reads it
/// (`ts.ParentState()`, the state the tipset's blocks were built on), with the builtin actors'
/// states decoded. One place for every such read, so each method's failures are worded once, as
/// Lotus words them (`StateQueryError`).
///
/// A value over a read-only `StateTreeView`: nothing it does writes to the store.
struct NodeStateView {
    let tipset: TipSet
    let tree: StateTreeView
    /// The actors' HAMT/AMT reads, uncharged (no VM runs here).
    let store: UnchargedActorStore

    init(_ tipset: TipSet, blockstore: any Blockstore) throws(StateQueryError) {
        try self.init(tipset, stateRoot: tipset.parentStateRoot, blockstore: blockstore)
    }

    /// A view of another root of the same tipset (its computed state, where Lotus falls back to it).
    init(_ tipset: TipSet, stateRoot: CID, blockstore: any Blockstore) throws(StateQueryError) {
        self.tipset = tipset
        do { tree = try StateTreeView(root: stateRoot, store: blockstore) } catch {
            throw .unreadableState("loading state tree \(stateRoot): \(error)")
        }
        store = UnchargedActorStore(blockstore)
    }

    /// The parent state of the tipset of `key`, the head's for an empty key (Lotus
    /// `GetTipSetFromKey`).
    static func at(_ key: TipSetKey, of chain: ChainStore) async throws -> NodeStateView {
        try NodeStateView(try await chain.tipSetOrHead(key), blockstore: chain.blockstore)
    }

    // MARK: Actors and addresses

    /// The actor at `address` (any protocol), or `actorNotFound`.
    func actor(_ address: Address) throws(StateQueryError) -> ActorState {
        let found: ActorState?
        do { found = try tree.actor(at: address) } catch { throw .unreadableState("address resolution: \(error)") }
        guard let found else { throw .actorNotFound(address) }
        return found
    }

    /// The ID address `address` stands for (itself when it is one, as Lotus answers without
    /// looking); nil when the init actor maps no such address.
    func idAddress(_ address: Address) throws(StateQueryError) -> Address? {
        if address.idValue != nil { return address }
        let id: UInt64?
        do { id = try tree.lookupID(address) } catch { throw .unreadableState("address resolution: \(error)") }
        return id.map(Address.idAddress)
    }

    /// The key address behind an account actor (Lotus `vm.ResolveToDeterministicAddr`); a key
    /// address is its own answer.
    func keyAddress(_ address: Address) throws(StateQueryError) -> Address {
        let lookup: AccountKeyLookup
        do { lookup = try tree.accountKey(of: address) } catch { throw .unreadableState("failed to find actor: \(address)") }
        switch lookup {
        case .key(let key): return key
        case .actorAddress: throw .actorAddressHasNoKey(address)
        case .noActor: throw .unreadableState("failed to find actor: \(address)")
        case .notAnAccount(let code):
            throw .context("failed to get account actor state for \(address)", .unexpectedActor(address, code: code))
        }
    }

    // MARK: Builtin actors' states

    /// A miner actor and its state; Lotus's errors for an unknown address or another kind of
    /// actor (`stmgr`'s sector lookups put "(get sset) " in front: `wording`).
    func miner(_ address: Address, wording prefix: String = "") throws(StateQueryError) -> (actor: ActorState, state: MinerState) {
        let actor: ActorState
        do { actor = try self.actor(address) } catch { throw .context(prefix + "failed to load miner actor", error) }
        guard ActorCodes.describe(actor.code)?.name == "storageminer" else {
            throw .context(prefix + "failed to load miner actor state", .unexpectedActor(address, code: actor.code))
        }
        return (actor, try decode(MinerState.self, actor.head, what: "miner state"))
    }

    func minerInfo(_ state: MinerState) throws(StateQueryError) -> MinerInfo {
        try decode(MinerInfo.self, state.info, what: "miner info")
    }

    func power() throws(StateQueryError) -> PowerState {
        try singleton(BuiltinAddress.powerActor, name: "storagepower", PowerState.self)
    }

    func market() throws(StateQueryError) -> MarketState {
        try singleton(BuiltinAddress.marketActor, name: "storagemarket", MarketState.self)
    }

    func reward() throws(StateQueryError) -> RewardState {
        try singleton(BuiltinAddress.rewardActor, name: "reward", RewardState.self)
    }

    func verifiedRegistry() throws(StateQueryError) -> VerifiedRegistryState {
        try singleton(BuiltinAddress.verifiedRegistryActor, name: "verifiedregistry", VerifiedRegistryState.self)
    }

    /// The actors version of a builtin actor's code (0 or 2 on the chains this node runs).
    func actorsVersion(of actor: ActorState) -> Int { ActorCodes.describe(actor.code)?.actorsVersion ?? 2 }

    private func singleton<T: CBORDecodable>(_ address: Address, name: String, _ type: T.Type) throws(StateQueryError) -> T {
        let actor: ActorState
        do { actor = try self.actor(address) } catch { throw .context("failed to load \(name) actor", error) }
        guard ActorCodes.describe(actor.code)?.name == name else {
            throw .context("failed to load \(name) actor state", .unexpectedActor(address, code: actor.code))
        }
        return try decode(type, actor.head, what: "\(name) actor state")
    }

    // MARK: Maps and arrays of actor states

    /// A value of an actor's HAMT (v2 HAMT parameters, which reading does not depend on).
    func hamtValue(_ root: CID, key: [UInt8]) throws(StateQueryError) -> [UInt8]? {
        do { return try ActorHAMT(loading: root, store: store, sortsOnCollapse: true).get(key) } catch {
            throw .unreadableState("reading HAMT \(root): \(error.message)")
        }
    }

    func hamtForEach(_ root: CID, _ body: ([UInt8], [UInt8]) throws(StateQueryError) -> Void) throws(StateQueryError) {
        var failure: StateQueryError?
        do throws(ActorError) {
            try ActorHAMT(loading: root, store: store, sortsOnCollapse: true).forEach { (key, value) throws(ActorError) in
                guard failure == nil else { return }
                do throws(StateQueryError) { try body(key, value) } catch { failure = error }
            }
        } catch {
            throw .unreadableState("reading HAMT \(root): \(error.message)")
        }
        if let failure { throw failure }
    }

    func amtValue(_ root: CID, index: UInt64) throws(StateQueryError) -> [UInt8]? {
        do { return try ActorAMT(loading: root, store: store).get(index) } catch {
            throw .unreadableState("reading AMT \(root): \(error.message)")
        }
    }

    func amtForEach(_ root: CID, _ body: (UInt64, [UInt8]) throws(StateQueryError) -> Void) throws(StateQueryError) {
        var failure: StateQueryError?
        do throws(ActorError) {
            try ActorAMT(loading: root, store: store).forEach { (index, value) throws(ActorError) in
                guard failure == nil else { return }
                do throws(StateQueryError) { try body(index, value) } catch { failure = error }
            }
        } catch {
            throw .unreadableState("reading AMT \(root): \(error.message)")
        }
        if let failure { throw failure }
    }

    // MARK: Decoding

    func decode<T: CBORDecodable>(_ type: T.Type, _ cid: CID, what: String) throws(StateQueryError) -> T {
        try decode(cid, what: what) { (reader: inout CBORReader) in try T(from: &reader) }
    }

    func decode<T>(_ cid: CID, what: String, _ body: (inout CBORReader) throws -> T) throws(StateQueryError) -> T {
        let bytes: [UInt8]
        do { bytes = try tree.store.getRequired(cid) } catch { throw .unreadableState("loading \(what) \(cid): \(error)") }
        return try Self.decode(bytes, what: what, body)
    }

    static func decode<T>(_ bytes: [UInt8], what: String, _ body: (inout CBORReader) throws -> T) throws(StateQueryError) -> T {
        do {
            var reader = CBORReader(bytes: bytes)
            let value = try body(&reader)
            try reader.finish()
            return value
        } catch {
            throw .unreadableState("decoding \(what): \(error)")
        }
    }

    static func decode<T: CBORDecodable>(_ type: T.Type, _ bytes: [UInt8], what: String) throws(StateQueryError) -> T {
        try decode(bytes, what: what) { (reader: inout CBORReader) in try T(from: &reader) }
    }
}
