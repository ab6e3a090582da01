import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

/// The actor facts block validation and the message pool read at one state root, read as Lotus's
/// `stmgr` reads them (`GetMinerWorkerRaw`, `GetPowerRaw`, `GetSectorsForWinningPoSt`,
/// `ResolveToDeterministicAddr`) through the state tree and the actors' own state types.
///
/// A value over an immutable root: it never writes, so concurrent reads need no coordination.
/// An address with no actor, or an actor of another kind than asked, is nil; a tree or actor
/// state that does not read is ``StateFactError``.
struct StateFacts {
    let root: CID
    let store: any Blockstore
    let view: StateTreeView

    init(root: CID, store: any Blockstore) throws(StateFactError) {
        self.root = root
        self.store = store
        do { view = try StateTreeView(root: root, store: store) } catch { throw .unreadable(root: root, "\(error)") }
    }

    /// Runs a read, reporting any failure but a ``StateFactError`` as unreadable state.
    private func reading<T>(_ what: String, _ body: () throws -> T) throws(StateFactError) -> T {
        do {
            return try body()
        } catch let error as StateFactError {
            throw error
        } catch {
            throw .unreadable(root: root, "\(what): \(error)")
        }
    }

    /// The actor at `address` (resolved through the init actor) with its ID, or nil.
    func actor(_ address: Address) throws(StateFactError) -> (id: UInt64, actor: ActorState)? {
        try reading("actor \(address)") {
            guard let id = try view.lookupID(address), let actor = try view.actor(id: id) else { return nil }
            return (id, actor)
        }
    }

    // MARK: Accounts

    /// The actor behind `address` as a message sender sees it.
    func sender(_ address: Address) throws(StateFactError) -> SenderActor? {
        guard let (id, actor) = try actor(address) else { return nil }
        return SenderActor(id: Address.idAddress(id), code: actor.code, nonce: actor.nonce, balance: actor.balance)
    }

    /// Lotus `ResolveToDeterministicAddr`: a key (or delegated) address is its own; an actor (f2)
    /// address has none; any other address is looked up and must be an account actor, whose state
    /// holds its key. Nil when there is no such account.
    func keyAddress(_ address: Address) throws(StateFactError) -> Address? {
        let lookup = try reading("account state of \(address)") { try view.accountKey(of: address) }
        guard case .key(let key) = lookup else { return nil }
        return key
    }

    // MARK: Power

    /// The power actor's state and its actors version.
    func powerState() throws(StateFactError) -> (state: PowerState, actorsVersion: Int) {
        guard let (_, actor) = try actor(BuiltinAddress.powerActor) else {
            throw .missingActor(root: root, BuiltinAddress.powerActor)
        }
        let version = ActorCodes.describe(actor.code)?.actorsVersion ?? 0
        let state = try reading("power actor state") { try PowerState(cborBytes: try store.getRequired(actor.head)) }
        return (state, version)
    }

    /// The miner's claim (Lotus `MinerPower`), keyed by the address as given; nil when it has none.
    func claim(_ miner: Address, in power: PowerState, actorsVersion: Int) throws(StateFactError) -> PowerClaim? {
        try reading("power claim of \(miner)") {
            let claims = try HAMT(loading: power.claims, store: store, parameters: Self.actorHAMTParameters(actorsVersion))
            guard let raw = try claims.get(HAMTKey.address(miner)) else { return nil }
            return try PowerClaim(cborBytes: raw)
        }
    }

    func claim(_ miner: Address) throws(StateFactError) -> PowerClaim? {
        let (state, version) = try powerState()
        return try claim(miner, in: state, actorsVersion: version)
    }

    /// Lotus `TotalPower`: the power actor's `TotalRawBytePower` and `TotalQualityAdjPower`.
    func totalPower() throws(StateFactError) -> PowerClaim {
        let (state, _) = try powerState()
        return PowerClaim(sealProofType: nil, rawBytePower: state.totalRawBytePower, qualityAdjPower: state.totalQualityAdjPower)
    }

    /// specs-actors `MinerNominalPowerMeetsConsensusMinimum`, false for a miner with no claim (as
    /// Lotus's `GetPowerRaw` answers): v2 measures raw power against the proof type's minimum and,
    /// while fewer than 4 miners meet theirs, accepts any positive power; v0 measures quality-
    /// adjusted power, 3 miners, and accepts any non-negative power.
    func meetsConsensusMinimum(_ miner: Address, policy: PowerPolicy) throws(StateFactError) -> Bool {
        let (state, version) = try powerState()
        guard let claim = try claim(miner, in: state, actorsVersion: version) else { return false }
        let enforced = state.minerAboveMinPowerCount >= PowerPolicy.consensusMinerMinMiners(actorsVersion: version)
        if version >= 2 {
            guard let proof = claim.sealProofType, let minimum = policy.consensusMinerMinPower(for: proof) else {
                throw .unreadable(root: root, "could not get miner min power from proof type of \(miner)'s claim")
            }
            if claim.rawBytePower >= minimum { return true }
            return enforced ? false : claim.rawBytePower > 0
        }
        if claim.qualityAdjPower >= policy.consensusMinerMinPower { return true }
        return enforced ? false : claim.qualityAdjPower >= 0
    }

    // MARK: Miners

    /// The miner actor's state and info, with its actors version; nil when `miner` is not a miner actor.
    func miner(_ miner: Address) throws(StateFactError) -> (state: MinerState, info: MinerInfo, actorsVersion: Int)? {
        guard let (_, actor) = try actor(miner), let code = ActorCodes.describe(actor.code), code.name == "storageminer" else {
            return nil
        }
        return try reading("miner state of \(miner)") {
            let state = try MinerState(cborBytes: try store.getRequired(actor.head))
            let info = try state.loadInfo(UnchargedActorStore(store))
            return (state, info, code.actorsVersion)
        }
    }

    /// Lotus `GetMinerWorkerRaw`: the miner info's worker, resolved to its key address.
    func workerKey(_ address: Address) throws(StateFactError) -> Address? {
        guard let (_, info, _) = try miner(address) else { return nil }
        guard info.worker.protocol != .delegated, let key = try keyAddress(info.worker) else {
            throw .workerNotResolvable(miner: address, worker: info.worker)
        }
        return key
    }

    /// The fee debt (zero in v0, which has none) and the end of the consensus-fault penalty (-1 in
    /// v0, Lotus's adapter value).
    func standing(_ address: Address) throws(StateFactError) -> MinerStanding? {
        guard let (state, info, _) = try miner(address) else { return nil }
        return MinerStanding(feeDebt: state.feeDebt ?? .zero, consensusFaultElapsed: info.consensusFaultElapsed ?? -1)
    }

    /// Lotus `GetSectorsForWinningPoSt`'s proving set: over every partition of every deadline, the
    /// active sectors from network version 7, all sectors minus the faulty ones before.
    func provingSectors(_ address: Address, networkVersion: UInt64) throws(StateFactError) -> ProvingSectorSet? {
        guard let (state, info, version) = try miner(address) else { return nil }
        let proving: Bitfield = try reading("partitions of \(address)") {
            let actorStore = UnchargedActorStore(store)
            let deadlines = try state.loadDeadlines(actorStore)
            var all: [Bitfield] = [], faulty: [Bitfield] = [], active: [Bitfield] = []
            for index in deadlines.due.indices {
                let deadline = try deadlines.loadDeadline(actorStore, UInt64(index))
                let partitions = try AMT(loading: deadline.partitions, store: store, format: .legacy)
                try partitions.forEach { _, bytes in
                    var reader = CBORReader(bytes: bytes)
                    let partition = try Partition(from: &reader, actorsVersion: version)
                    try reader.finish()
                    all.append(partition.sectors)
                    faulty.append(partition.faults)
                    active.append(partition.activeSectors)
                }
            }
            return networkVersion < 7 ? Bitfield.union(all).subtracting(Bitfield.union(faulty)) : Bitfield.union(active)
        }
        let windowProof = try reading("window PoSt proof type of \(address)") { try info.sealProofType.windowPoStProof() }
        return ProvingSectorSet(sectorNumbers: Array(proving), windowPoStProofType: windowProof)
    }

    /// The on-chain infos of sectors `numbers`, in that order, as a winning PoSt verifies them
    /// (each sector's own seal proof, number and sealed CID).
    func sectorInfos(_ address: Address, numbers: [UInt64]) throws(StateFactError) -> [SectorInfo] {
        guard let (state, _, _) = try miner(address) else { throw .notAMiner(address) }
        var infos: [SectorInfo] = []
        infos.reserveCapacity(numbers.count)
        for number in numbers {
            let sector = try reading("sector \(number) of \(address)") { try state.getSector(UnchargedActorStore(store), number) }
            guard let sector else { throw .missingSector(miner: address, sector: number) }
            infos.append(SectorInfo(sealProof: sector.sealProof, sectorNumber: number, sealedCID: sector.sealedCID))
        }
        return infos
    }

    /// The HAMT generation of actor state maps: go-hamt-ipld v0.1 in actors v0, v2 in actors v2.
    static func actorHAMTParameters(_ actorsVersion: Int) -> HAMTParameters {
        actorsVersion >= 2 ? .filecoinV2 : .filecoinV0
    }
}
