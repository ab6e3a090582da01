import FilecoinTypes

extension FullNodeAPI {
    /// What a miner needs to try for a block at an epoch (`MinerGetBaseInfo`; Lotus
    /// `api.MiningBaseInfo`): powers at the lookback, the sectors the winning PoSt challenges, the
    /// worker key that signs, and the beacon entries for the epoch.
    public struct MiningBaseInfo: Codable, Sendable, Hashable {
        public var minerPower: LotusBigInt
        public var networkPower: LotusBigInt
        public var sectors: [ExtendedSectorInfo]
        /// The worker's key address (BLS), resolved from its ID.
        public var workerKey: Address
        public var sectorSize: UInt64
        /// The latest beacon entry before the round's entries.
        public var prevBeaconEntry: BeaconEntry
        public var beaconEntries: [BeaconEntry]
        /// Whether the miner may win at all (power over the minimum, no consensus fault).
        public var eligibleForMining: Bool

        public init(
            minerPower: LotusBigInt, networkPower: LotusBigInt, sectors: [ExtendedSectorInfo], workerKey: Address,
            sectorSize: UInt64, prevBeaconEntry: BeaconEntry, beaconEntries: [BeaconEntry], eligibleForMining: Bool
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

        enum CodingKeys: String, CodingKey {
            case minerPower = "MinerPower", networkPower = "NetworkPower", sectors = "Sectors", workerKey = "WorkerKey"
            case sectorSize = "SectorSize", prevBeaconEntry = "PrevBeaconEntry", beaconEntries = "BeaconEntries"
            case eligibleForMining = "EligibleForMining"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minerPower = try c.decode(LotusBigInt.self, forKey: .minerPower)
            networkPower = try c.decode(LotusBigInt.self, forKey: .networkPower)
            sectors = try c.decodeGoSlice([ExtendedSectorInfo].self, forKey: .sectors)
            workerKey = try c.decode(Address.self, forKey: .workerKey)
            sectorSize = try c.decode(UInt64.self, forKey: .sectorSize)
            prevBeaconEntry = try c.decode(BeaconEntry.self, forKey: .prevBeaconEntry)
            beaconEntries = try c.decodeGoSlice([BeaconEntry].self, forKey: .beaconEntries)
            eligibleForMining = try c.decode(Bool.self, forKey: .eligibleForMining)
        }
    }
}
