import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// A chain made of plain tables, standing in for the chain store and state manager: each fact is
/// kept per state root, so a validator reading a fact at the wrong root finds nothing.
struct FakeChain: BlockValidationContext {
    struct Unavailable: Error, CustomStringConvertible {
        let fact: String
        var description: String { "fake chain: \(fact) is unavailable" }
    }

    var parameters = ConsensusParameters.devnet2k
    var now: UInt64 = 0
    var networkVersions: [(from: Int64, version: UInt64)] = [(0, 16)]
    var tipSets: [TipSetKey: TipSet] = [:]
    var lookbacks: [TipSetKey: LookbackState] = [:]
    var weights: [TipSetKey: BigInt] = [:]
    var baseFees: [TipSetKey: TokenAmount] = [:]
    var computed: [TipSetKey: ComputedTipSetState] = [:]
    var workers: [CID: [Address: Address]] = [:]
    var claims: [CID: [Address: PowerClaim]] = [:]
    var totals: [CID: PowerClaim] = [:]
    var meetingMinimum: [CID: Set<Address>] = [:]
    var standings: [CID: [Address: MinerStanding]] = [:]
    var proving: [CID: [Address: ProvingSectorSet]] = [:]
    var sectors: [CID: [Address: [UInt64: SectorInfo]]] = [:]
    var senders: [CID: [Address: SenderActor]] = [:]
    var keys: [Address: Address] = [:]
    /// Facts whose reads throw, by the name the validator gives them.
    var failing: Set<String> = []

    func check(_ fact: String) throws {
        if failing.contains(fact) { throw Unavailable(fact: fact) }
    }

    func currentTime() -> UInt64 { now }

    func networkVersion(at epoch: Int64) -> UInt64 {
        networkVersions.last { epoch >= $0.from }?.version ?? 0
    }

    func tipSet(_ key: TipSetKey) async throws -> TipSet? {
        try check("tipset")
        return tipSets[key]
    }

    func lookback(base: TipSet, round: Int64) async throws -> LookbackState {
        try check("lookback")
        guard let lookback = lookbacks[base.key] else { throw Unavailable(fact: "lookback of \(base.key)") }
        return lookback
    }

    func weight(of tipSet: TipSet) async throws -> BigInt {
        try check("weight")
        guard let weight = weights[tipSet.key] else { throw Unavailable(fact: "weight") }
        return weight
    }

    func baseFee(after tipSet: TipSet) async throws -> TokenAmount {
        try check("base fee")
        guard let fee = baseFees[tipSet.key] else { throw Unavailable(fact: "base fee") }
        return fee
    }

    func computedState(of tipSet: TipSet) async throws -> ComputedTipSetState {
        try check("computed state")
        guard let state = computed[tipSet.key] else { throw Unavailable(fact: "computed state") }
        return state
    }

    func minerWorkerKey(_ miner: Address, stateRoot: CID) async throws -> Address? {
        try check("worker")
        return workers[stateRoot]?[miner]
    }

    func powerClaim(_ miner: Address, stateRoot: CID) async throws -> PowerClaim? {
        try check("claim")
        return claims[stateRoot]?[miner]
    }

    func totalPower(stateRoot: CID) async throws -> PowerClaim {
        try check("total power")
        guard let total = totals[stateRoot] else { throw Unavailable(fact: "total power at \(stateRoot)") }
        return total
    }

    func meetsConsensusMinimum(_ miner: Address, stateRoot: CID) async throws -> Bool {
        try check("minimum")
        return meetingMinimum[stateRoot]?.contains(miner) ?? false
    }

    func minerStanding(_ miner: Address, stateRoot: CID) async throws -> MinerStanding? {
        try check("standing")
        return standings[stateRoot]?[miner]
    }

    func provingSectors(_ miner: Address, stateRoot: CID, networkVersion: UInt64) async throws -> ProvingSectorSet? {
        try check("proving")
        return proving[stateRoot]?[miner]
    }

    func sectorInfos(_ miner: Address, numbers: [UInt64], stateRoot: CID) async throws -> [SectorInfo] {
        try check("sectors")
        return try numbers.map { number in
            guard let info = sectors[stateRoot]?[miner]?[number] else { throw Unavailable(fact: "sector \(number)") }
            return info
        }
    }

    func senderActor(_ address: Address, stateRoot: CID) async throws -> SenderActor? {
        try check("sender")
        return senders[stateRoot]?[address]
    }

    func keyAddress(ofID id: Address, base: TipSet) async throws -> Address? {
        try check("key")
        return keys[id]
    }
}
