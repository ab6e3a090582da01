import FilecoinTypes

extension FullNodeAPI {
    /// One partition of a deadline as `StateMinerPartitions` lists them (Lotus `api.Partition`).
    ///
    /// Server mapping from the actor's partition: `all` = Sectors, `faulty` = Faults,
    /// `recovering` = Recoveries, `live` = Sectors − Terminated, `active` = live − Faults − Unproven
    /// (Lotus's `LiveSectors()` and `ActiveSectors()`).
    public struct Partition: Codable, Sendable, Hashable {
        public var allSectors: Bitfield
        public var faultySectors: Bitfield
        public var recoveringSectors: Bitfield
        public var liveSectors: Bitfield
        public var activeSectors: Bitfield

        public init(
            allSectors: Bitfield, faultySectors: Bitfield, recoveringSectors: Bitfield, liveSectors: Bitfield,
            activeSectors: Bitfield
        ) {
            self.allSectors = allSectors
            self.faultySectors = faultySectors
            self.recoveringSectors = recoveringSectors
            self.liveSectors = liveSectors
            self.activeSectors = activeSectors
        }

        enum CodingKeys: String, CodingKey {
            case allSectors = "AllSectors", faultySectors = "FaultySectors", recoveringSectors = "RecoveringSectors"
            case liveSectors = "LiveSectors", activeSectors = "ActiveSectors"
        }
    }
}
