import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// Every chain fact block validation reads, asked of the chain store and state manager (the node
/// implements it over them; tests over a fake). The validator holds the rules, this protocol the facts.
///
/// "At `stateRoot`" means in the state tree of that root. Lotus reads the base tipset's facts at
/// its parent state (`baseTs.ParentState()`), the lookback's at the lookback state, and the message
/// checks' at the base tipset's computed state: the validator passes the right root each time.
///
/// A fact that does not exist (no such miner, actor, tipset) is `nil` or `false`, and the block is
/// refused for it. A thrown error means the fact could not be read (I/O, missing state): the block
/// is then refused as unvalidated, not as bad (`BlockValidationError.chainFactUnavailable`).
public protocol BlockValidationContext: Sendable {
    /// The build constants (block delay, drift, lookbacks, limits).
    var parameters: ConsensusParameters { get }

    /// The local clock, in Unix seconds.
    func currentTime() -> UInt64

    /// The network version in force at `epoch`.
    func networkVersion(at epoch: Int64) -> UInt64

    /// The tipset of `key`, if known.
    func tipSet(_ key: TipSetKey) async throws -> TipSet?

    /// The newest beacon entry on the chain ending at `base` (Lotus `GetLatestBeaconEntry`); nil when
    /// none is found in the 20 newest tipsets. A default walks `tipSet(_:)`.
    func latestBeaconEntry(base: TipSet) async throws -> BeaconEntry?

    /// The lookback tipset and state for a block at `round` on `base` (Lotus
    /// `GetLookbackTipSetForRound`): where the miner's worker, power and sectors are read.
    func lookback(base: TipSet, round: Int64) async throws -> LookbackState

    /// The chain weight of `tipSet` (what a child's `ParentWeight` must be).
    func weight(of tipSet: TipSet) async throws -> BigInt

    /// The base fee of a block on `tipSet` (Lotus `ComputeBaseFee`: what a child's `ParentBaseFee` must be).
    func baseFee(after tipSet: TipSet) async throws -> TokenAmount

    /// The state root and receipts root after executing `tipSet` (Lotus `TipSetState`).
    func computedState(of tipSet: TipSet) async throws -> ComputedTipSetState

    /// The miner's worker key, resolved to its key address (Lotus `GetMinerWorkerRaw`); nil when
    /// `miner` is not a miner actor at `stateRoot`.
    func minerWorkerKey(_ miner: Address, stateRoot: CID) async throws -> Address?

    /// The miner's claim in the power actor; nil when it has none.
    func powerClaim(_ miner: Address, stateRoot: CID) async throws -> PowerClaim?

    /// The network's total power (the power actor's `TotalRawBytePower`, `TotalQualityAdjPower`).
    func totalPower(stateRoot: CID) async throws -> PowerClaim

    /// Whether the miner's power meets the consensus minimum (the power actor's
    /// `MinerNominalPowerMeetsConsensusMinimum`); false for a miner with no claim.
    func meetsConsensusMinimum(_ miner: Address, stateRoot: CID) async throws -> Bool

    /// The miner actor's fee debt and consensus-fault standing; nil when `miner` is not a miner actor.
    func minerStanding(_ miner: Address, stateRoot: CID) async throws -> MinerStanding?

    /// The sectors a winning PoSt may challenge (the partitions' active sectors from network version 7,
    /// all sectors minus faulty ones before) and the miner's window PoSt proof type; nil when
    /// `miner` is not a miner actor.
    func provingSectors(_ miner: Address, stateRoot: CID, networkVersion: UInt64) async throws -> ProvingSectorSet?

    /// The on-chain infos of the miner's sectors `numbers` (ascending), in that order.
    func sectorInfos(_ miner: Address, numbers: [UInt64], stateRoot: CID) async throws -> [SectorInfo]

    /// The actor behind `address` as a message sender sees it; nil when there is none.
    func senderActor(_ address: Address, stateRoot: CID) async throws -> SenderActor?

    /// The key address behind the ID address `id` as Lotus's `ResolveToDeterministicAddress` finds it
    /// for `base` (its parent state first, then its computed state); nil when it has none.
    func keyAddress(ofID id: Address, base: TipSet) async throws -> Address?
}

/// The lookback tipset and the state a block's miner facts are read at.
public struct LookbackState: Hashable, Sendable {
    public var tipSet: TipSet
    public var stateRoot: CID

    public init(tipSet: TipSet, stateRoot: CID) {
        self.tipSet = tipSet
        self.stateRoot = stateRoot
    }
}

/// What executing a tipset produced: its children's `ParentStateRoot` and `ParentMessageReceipts`.
public struct ComputedTipSetState: Hashable, Sendable {
    public var stateRoot: CID
    public var receiptsRoot: CID

    public init(stateRoot: CID, receiptsRoot: CID) {
        self.stateRoot = stateRoot
        self.receiptsRoot = receiptsRoot
    }
}

/// The miner-actor facts election eligibility reads from network version 4 on.
public struct MinerStanding: Hashable, Sendable {
    public var feeDebt: TokenAmount
    /// The last epoch of the miner's consensus-fault penalty (`MinerInfo.ConsensusFaultElapsed`).
    public var consensusFaultElapsed: Int64

    public init(feeDebt: TokenAmount, consensusFaultElapsed: Int64) {
        self.feeDebt = feeDebt
        self.consensusFaultElapsed = consensusFaultElapsed
    }
}

/// The sectors a winning PoSt challenges among, ascending, and the miner's window PoSt proof type.
public struct ProvingSectorSet: Hashable, Sendable {
    public var sectorNumbers: [UInt64]
    public var windowPoStProofType: RegisteredPoStProof

    public init(sectorNumbers: [UInt64], windowPoStProofType: RegisteredPoStProof) {
        self.sectorNumbers = sectorNumbers
        self.windowPoStProofType = windowPoStProofType
    }
}

/// A message sender's actor: its ID address, code, nonce and balance.
public struct SenderActor: Hashable, Sendable {
    public var id: Address
    public var code: CID
    public var nonce: UInt64
    public var balance: TokenAmount

    public init(id: Address, code: CID, nonce: UInt64, balance: TokenAmount) {
        self.id = id
        self.code = code
        self.nonce = nonce
        self.balance = balance
    }
}

extension BlockValidationContext {
    /// Lotus's walk: the last entry of the first block of the newest tipset that has any, at most
    /// 20 tipsets back; nil at genesis or after 20 tipsets without one.
    public func latestBeaconEntry(base: TipSet) async throws -> BeaconEntry? {
        var current = base
        for _ in 0..<20 {
            if let entry = current.blocks[0].beaconEntries.last { return entry }
            guard current.height > 0, let parent = try await tipSet(current.parents) else { return nil }
            current = parent
        }
        return nil
    }
}
