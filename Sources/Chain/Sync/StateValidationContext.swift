import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Foundation
import Proofs

/// The chain facts block validation reads, from the node's chain store and state manager (what
/// Lotus's `FilecoinEC` asks of `store.ChainStore` and `stmgr.StateManager`).
///
/// Tipsets, weights and heights come from the ``ChainStore``; executed states, base fees and the
/// lookback from the ``StateManager``; actor facts are read in the state tree of the root the
/// validator passes (``StateFacts``). A fact that does not exist is nil; one that cannot be read
/// throws, so the block is left unjudged rather than marked bad.
public struct StateValidationContext: BlockValidationContext {
    public let chain: ChainStore
    public let stateManager: StateManager
    public let parameters: ConsensusParameters
    /// The power actor's consensus minimum (the network's build constant, Lotus
    /// `policy.SetConsensusMinerMinPower`): what the chain's power actor was built with.
    public let powerPolicy: PowerPolicy
    private let clock: @Sendable () -> UInt64

    /// - Parameters:
    ///   - clock: the local time in Unix seconds (the system clock by default; tests pass their own).
    public init(
        stateManager: StateManager, parameters: ConsensusParameters, powerPolicy: PowerPolicy,
        clock: @escaping @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }
    ) {
        self.chain = stateManager.chain
        self.stateManager = stateManager
        self.parameters = parameters
        self.powerPolicy = powerPolicy
        self.clock = clock
    }

    private var store: any Blockstore { chain.blockstore }

    private func facts(_ root: CID) throws(StateFactError) -> StateFacts {
        try StateFacts(root: root, store: store)
    }

    public func currentTime() -> UInt64 { clock() }

    public func networkVersion(at epoch: Int64) -> UInt64 {
        stateManager.schedule.networkVersion(at: epoch)
    }

    /// Nil when a block of `key` is not stored (or the blocks do not form a tipset); a storage
    /// failure throws.
    public func tipSet(_ key: TipSetKey) async throws -> TipSet? {
        do {
            return try await chain.tipSet(key)
        } catch ChainStoreError.missingBlock {
            return nil
        } catch ChainStoreError.invalidTipSet {
            return nil
        }
    }

    public func lookback(base: TipSet, round: Int64) async throws -> LookbackState {
        let (tipSet, stateRoot) = try await stateManager.lookbackTipSet(for: base, round: round)
        return LookbackState(tipSet: tipSet, stateRoot: stateRoot)
    }

    public func weight(of tipSet: TipSet) async throws -> BigInt {
        try await chain.weight(of: tipSet)
    }

    public func baseFee(after tipSet: TipSet) async throws -> TokenAmount {
        try await stateManager.nextBaseFee(after: tipSet)
    }

    public func computedState(of tipSet: TipSet) async throws -> ComputedTipSetState {
        let state = try await stateManager.tipSetState(tipSet)
        return ComputedTipSetState(stateRoot: state.stateRoot, receiptsRoot: state.receiptsRoot)
    }

    public func minerWorkerKey(_ miner: Address, stateRoot: CID) async throws -> Address? {
        try facts(stateRoot).workerKey(miner)
    }

    public func powerClaim(_ miner: Address, stateRoot: CID) async throws -> PowerClaim? {
        try facts(stateRoot).claim(miner)
    }

    public func totalPower(stateRoot: CID) async throws -> PowerClaim {
        try facts(stateRoot).totalPower()
    }

    public func meetsConsensusMinimum(_ miner: Address, stateRoot: CID) async throws -> Bool {
        try facts(stateRoot).meetsConsensusMinimum(miner, policy: powerPolicy)
    }

    public func minerStanding(_ miner: Address, stateRoot: CID) async throws -> MinerStanding? {
        try facts(stateRoot).standing(miner)
    }

    public func provingSectors(_ miner: Address, stateRoot: CID, networkVersion: UInt64) async throws -> ProvingSectorSet? {
        try facts(stateRoot).provingSectors(miner, networkVersion: networkVersion)
    }

    public func sectorInfos(_ miner: Address, numbers: [UInt64], stateRoot: CID) async throws -> [SectorInfo] {
        try facts(stateRoot).sectorInfos(miner, numbers: numbers)
    }

    public func senderActor(_ address: Address, stateRoot: CID) async throws -> SenderActor? {
        try facts(stateRoot).sender(address)
    }

    /// Lotus `ResolveToDeterministicAddress`: the key in `base`'s parent state, else in its
    /// computed state (an account created by `base`'s own messages); nil when neither has one.
    public func keyAddress(ofID id: Address, base: TipSet) async throws -> Address? {
        if let key = try? facts(base.parentStateRoot).keyAddress(id) { return key }
        let computed = try await stateManager.tipSetState(base)
        return try facts(computed.stateRoot).keyAddress(id)
    }
}
