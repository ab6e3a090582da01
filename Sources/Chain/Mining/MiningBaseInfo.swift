import BigInt
import FilecoinTypes
import Proofs

/// What a miner needs to try for a block at a round on a base tipset (Lotus `api.MiningBaseInfo`,
/// field for field, so the API's `FullNodeAPI.MiningBaseInfo` maps one to one; sectors carry no
/// sector key, as v2-era actors have none).
public struct MiningBaseInfo: Hashable, Sendable {
    /// The miner's quality-adjusted power at the lookback state.
    public var minerPower: BigInt
    /// The network's total quality-adjusted power at the lookback state.
    public var networkPower: BigInt
    /// The sectors the round's winning PoSt challenges, ascending.
    public var sectors: [SectorInfo]
    /// The worker's key address: it signs the VRFs and the block.
    public var workerKey: Address
    public var sectorSize: UInt64
    /// The newest beacon entry on the base's chain.
    public var prevBeaconEntry: BeaconEntry
    /// The entries a block at the round carries (one per epoch since the base on a devnet).
    public var beaconEntries: [BeaconEntry]
    /// Lotus `MinerEligibleToMine` at the base: the miner may win at all.
    public var eligibleForMining: Bool

    public init(
        minerPower: BigInt, networkPower: BigInt, sectors: [SectorInfo], workerKey: Address, sectorSize: UInt64,
        prevBeaconEntry: BeaconEntry, beaconEntries: [BeaconEntry], eligibleForMining: Bool
    ) {
        self.minerPower = minerPower
        self.networkPower = networkPower
        self.sectors = sectors
        self.workerKey = workerKey
        self.sectorSize = sectorSize
        self.prevBeaconEntry = prevBeaconEntry
        self.beaconEntries = beaconEntries
        self.eligibleForMining = eligibleForMining
    }

    /// The entry the round's ticket, election and winning PoSt randomness are drawn from.
    public var beaconBase: BeaconEntry { Election.beaconBase(entries: beaconEntries, previous: prevBeaconEntry) }
}
