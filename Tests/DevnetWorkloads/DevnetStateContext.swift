import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Proofs

/// The chain facts of a devnet read from its real chain store and state manager, for tests and
/// benchmarks that produce and validate blocks on it.
///
/// A test stand-in: the node reads the same facts through Chain's own state-backed
/// `BlockValidationContext`. Facts are read as Lotus's `stmgr` reads them (v2-era actors):
/// `GetMinerWorkerRaw`, `GetPowerRaw`, `MinerNominalPowerMeetsConsensusMinimum`,
/// `GetSectorsForWinningPoSt`'s proving set, `ResolveToDeterministicAddr`.
public struct DevnetStateContext: BlockValidationContext {
    public struct Unreadable: Error, CustomStringConvertible {
        public let fact: String
        public var description: String { "devnet state: \(fact)" }
    }

    public let chain: ChainStore
    public let states: StateManager
    public let parameters: ConsensusParameters
    /// The consensus minimum power of the devnet's power actor.
    public let powerPolicy: PowerPolicy
    /// The local clock (Unix seconds).
    public let clock: @Sendable () -> UInt64

    public init(
        chain: ChainStore, states: StateManager, parameters: ConsensusParameters = .devnet2k,
        powerPolicy: PowerPolicy = .devnet, clock: @escaping @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970) }
    ) {
        self.chain = chain
        self.states = states
        self.parameters = parameters
        self.powerPolicy = powerPolicy
        self.clock = clock
    }

    public func currentTime() -> UInt64 { clock() }

    public func networkVersion(at epoch: Int64) -> UInt64 { states.schedule.networkVersion(at: epoch) }

    public func tipSet(_ key: TipSetKey) async throws -> TipSet? {
        do {
            return try await chain.tipSet(key)
        } catch {
            if case .missingBlock = error { return nil }
            throw error
        }
    }

    public func lookback(base: TipSet, round: Int64) async throws -> LookbackState {
        let (tipSet, root) = try await states.lookbackTipSet(for: base, round: round)
        return LookbackState(tipSet: tipSet, stateRoot: root)
    }

    public func weight(of tipSet: TipSet) async throws -> BigInt { try await chain.weight(of: tipSet) }

    public func baseFee(after tipSet: TipSet) async throws -> TokenAmount { try await states.nextBaseFee(after: tipSet) }

    public func computedState(of tipSet: TipSet) async throws -> ComputedTipSetState {
        let state = try await states.tipSetState(tipSet)
        return ComputedTipSetState(stateRoot: state.stateRoot, receiptsRoot: state.receiptsRoot)
    }

    public func minerWorkerKey(_ miner: Address, stateRoot: CID) async throws -> Address? {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        guard let (state, _) = try minerState(miner, view: view) else { return nil }
        let info = try state.loadInfo(store(view))
        return try keyAddress(info.worker, view: view)
    }

    public func powerClaim(_ miner: Address, stateRoot: CID) async throws -> PowerClaim? {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        let (power, version) = try powerState(view)
        return try claim(miner, power: power, actorsVersion: version, view: view)
    }

    public func totalPower(stateRoot: CID) async throws -> PowerClaim {
        let (power, _) = try powerState(try StateTreeView(root: stateRoot, store: chain.blockstore))
        return PowerClaim(sealProofType: nil, rawBytePower: power.totalRawBytePower, qualityAdjPower: power.totalQualityAdjPower)
    }

    public func meetsConsensusMinimum(_ miner: Address, stateRoot: CID) async throws -> Bool {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        let (power, version) = try powerState(view)
        guard let claim = try claim(miner, power: power, actorsVersion: version, view: view) else { return false }
        // v2 measures raw power, v0 quality-adjusted.
        let nominal = version >= 2 ? claim.rawBytePower : claim.qualityAdjPower
        if nominal >= powerPolicy.consensusMinerMinPower { return true }
        if power.minerAboveMinPowerCount >= PowerPolicy.consensusMinerMinMiners(actorsVersion: version) { return false }
        return nominal > 0
    }

    public func minerStanding(_ miner: Address, stateRoot: CID) async throws -> MinerStanding? {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        guard let (state, _) = try minerState(miner, view: view) else { return nil }
        let info = try state.loadInfo(store(view))
        return MinerStanding(feeDebt: state.feeDebt ?? .zero, consensusFaultElapsed: info.consensusFaultElapsed ?? -1)
    }

    public func provingSectors(_ miner: Address, stateRoot: CID, networkVersion: UInt64) async throws -> ProvingSectorSet? {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        guard let (state, version) = try minerState(miner, view: view) else { return nil }
        let store = store(view)
        let info = try state.loadInfo(store)
        var proving = Bitfield()
        let deadlines = try state.loadDeadlines(store)
        try deadlines.forEach(store) { (_, deadline) throws(ActorError) in
            try ActorAMT(loading: deadline.partitions, store: store).forEach { (_, bytes) throws(ActorError) in
                let partition: Partition
                do {
                    var reader = CBORReader(bytes: bytes)
                    partition = try Partition(from: &reader, actorsVersion: version)
                } catch {
                    throw ActorError(.errIllegalState, "partition: \(error)")
                }
                // Lotus: all sectors minus faulty ones before network version 7, active ones from it.
                let sectors = networkVersion < 7 ? partition.sectors.subtracting(partition.faults) : partition.activeSectors
                proving = proving.union(sectors)
            }
        }
        return ProvingSectorSet(sectorNumbers: Array(proving), windowPoStProofType: try info.sealProofType.windowPoStProof())
    }

    public func sectorInfos(_ miner: Address, numbers: [UInt64], stateRoot: CID) async throws -> [SectorInfo] {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        guard let (state, _) = try minerState(miner, view: view) else { throw Unreadable(fact: "no miner \(miner)") }
        let store = store(view)
        return try numbers.map { number in
            guard let sector = try state.getSector(store, number) else { throw Unreadable(fact: "no sector \(number) of \(miner)") }
            return SectorInfo(sealProof: sector.sealProof, sectorNumber: sector.sectorNumber, sealedCID: sector.sealedCID)
        }
    }

    public func senderActor(_ address: Address, stateRoot: CID) async throws -> SenderActor? {
        let view = try StateTreeView(root: stateRoot, store: chain.blockstore)
        guard let id = try view.lookupID(address), let actor = try view.actor(id: id) else { return nil }
        return SenderActor(id: .idAddress(id), code: actor.code, nonce: actor.nonce, balance: actor.balance)
    }

    public func keyAddress(ofID id: Address, base: TipSet) async throws -> Address? {
        if let key = try keyAddress(id, view: try StateTreeView(root: base.parentStateRoot, store: chain.blockstore)) {
            return key
        }
        let computed = try await states.tipSetState(base).stateRoot
        return try keyAddress(id, view: try StateTreeView(root: computed, store: chain.blockstore))
    }

    // MARK: Reading actor state

    private func store(_ view: StateTreeView) -> UnchargedActorStore { UnchargedActorStore(view.store) }

    private func actorState<State: CBORDecodable>(_ actor: ActorState, view: StateTreeView, as: State.Type) throws -> State {
        guard let bytes = try view.store.get(actor.head) else { throw Unreadable(fact: "missing state \(actor.head)") }
        return try State(cborBytes: bytes)
    }

    private func minerState(_ miner: Address, view: StateTreeView) throws -> (MinerState, Int)? {
        guard let actor = try view.actor(at: miner), ActorCodes.describe(actor.code)?.name == "storageminer" else { return nil }
        let state = try actorState(actor, view: view, as: MinerState.self)
        return (state, state.actorsVersion)
    }

    private func powerState(_ view: StateTreeView) throws -> (PowerState, Int) {
        guard let actor = try view.actor(at: BuiltinAddress.powerActor) else { throw Unreadable(fact: "no power actor") }
        let version = ActorCodes.describe(actor.code)?.actorsVersion ?? 0
        return (try actorState(actor, view: view, as: PowerState.self), version)
    }

    private func claim(_ miner: Address, power: PowerState, actorsVersion: Int, view: StateTreeView) throws -> PowerClaim? {
        guard let id = try view.lookupID(miner) else { return nil }
        let claims = try ActorHAMT(loading: power.claims, store: store(view), sortsOnCollapse: actorsVersion > 0)
        guard let bytes = try claims.get(HAMTKey.address(.idAddress(id))) else { return nil }
        return try PowerClaim(cborBytes: bytes)
    }

    private func keyAddress(_ address: Address, view: StateTreeView) throws -> Address? {
        switch address.protocol {
        case .bls, .secp256k1, .delegated: return address
        case .actor: return nil
        case .id: break
        }
        guard let actor = try view.actor(at: address), ActorCodes.isAccount(actor.code) else { return nil }
        guard let bytes = try view.store.get(actor.head) else { throw Unreadable(fact: "missing state \(actor.head)") }
        var reader = CBORReader(bytes: bytes)
        try reader.readArrayHeader(expected: 1)
        return try Address(from: &reader)
    }
}
