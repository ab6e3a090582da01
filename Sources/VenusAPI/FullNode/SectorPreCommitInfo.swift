import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// What a miner declares when pre-committing a sector (go-state-types `miner.SectorPreCommitInfo`,
    /// latest shape), also the input of the pledge and deposit estimates.
    public struct SectorPreCommitInfo: Codable, Sendable, Hashable {
        public var sealProof: Int64
        public var sectorNumber: UInt64
        /// CommR.
        public var sealedCID: CID
        public var sealRandEpoch: Int64
        /// `null` when empty.
        public var dealIDs: [UInt64]
        public var expiration: Int64
        /// CommD, when the miner supplies it (actors v11 and later); `null` otherwise.
        public var unsealedCid: CID?

        public init(
            sealProof: Int64, sectorNumber: UInt64, sealedCID: CID, sealRandEpoch: Int64, dealIDs: [UInt64] = [],
            expiration: Int64, unsealedCid: CID? = nil
        ) {
            self.sealProof = sealProof
            self.sectorNumber = sectorNumber
            self.sealedCID = sealedCID
            self.sealRandEpoch = sealRandEpoch
            self.dealIDs = dealIDs
            self.expiration = expiration
            self.unsealedCid = unsealedCid
        }

        enum CodingKeys: String, CodingKey {
            case sealProof = "SealProof", sectorNumber = "SectorNumber", sealedCID = "SealedCID"
            case sealRandEpoch = "SealRandEpoch", dealIDs = "DealIDs", expiration = "Expiration"
            case unsealedCid = "UnsealedCid"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sealProof = try c.decode(Int64.self, forKey: .sealProof)
            sectorNumber = try c.decode(UInt64.self, forKey: .sectorNumber)
            sealedCID = try c.decode(CID.self, forKey: .sealedCID)
            sealRandEpoch = try c.decode(Int64.self, forKey: .sealRandEpoch)
            dealIDs = try c.decodeGoSlice([UInt64].self, forKey: .dealIDs)
            expiration = try c.decode(Int64.self, forKey: .expiration)
            unsealedCid = try c.decodeIfPresent(CID.self, forKey: .unsealedCid)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sealProof, forKey: .sealProof)
            try c.encode(sectorNumber, forKey: .sectorNumber)
            try c.encode(sealedCID, forKey: .sealedCID)
            try c.encode(sealRandEpoch, forKey: .sealRandEpoch)
            try c.encodeGoSlice(dealIDs, forKey: .dealIDs)
            try c.encode(expiration, forKey: .expiration)
            try c.encode(unsealedCid, forKey: .unsealedCid)
        }
    }
}
