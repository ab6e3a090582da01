extension FullNodeAPI {
    /// The syncer's progress (`SyncState`; Lotus `api.SyncState`): one entry per sync worker and
    /// the number of messages the VM has applied since start.
    public struct SyncState: Codable, Sendable, Hashable {
        public var activeSyncs: [ActiveSync]
        public var vmApplied: UInt64

        public init(activeSyncs: [ActiveSync], vmApplied: UInt64) {
            self.activeSyncs = activeSyncs
            self.vmApplied = vmApplied
        }

        enum CodingKeys: String, CodingKey { case activeSyncs = "ActiveSyncs", vmApplied = "VMApplied" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            activeSyncs = try c.decodeGoSlice([ActiveSync].self, forKey: .activeSyncs)
            vmApplied = try c.decode(UInt64.self, forKey: .vmApplied)
        }
    }
}
