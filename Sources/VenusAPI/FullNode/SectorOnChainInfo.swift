import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// A proven sector as `StateSectorGetInfo` and `StateMinerSectors` show it (go-state-types
    /// `miner.SectorOnChainInfo`, latest shape: no deal IDs, which Lotus hides from JSON).
    ///
    /// Server mapping from older actors' sector info: fields those actors lack are zero
    /// (`powerBaseEpoch` = activation, `flags` 0, `dailyFee` 0); the optional rewards are nil
    /// (`null`) where the actors version has no such field.
    public struct SectorOnChainInfo: Codable, Sendable, Hashable {
        public var sectorNumber: UInt64
        public var sealProof: Int64
        public var sealedCID: CID
        public var activation: Int64
        public var expiration: Int64
        public var dealWeight: LotusBigInt
        public var verifiedDealWeight: LotusBigInt
        public var initialPledge: TokenAmount
        public var expectedDayReward: TokenAmount?
        public var expectedStoragePledge: TokenAmount?
        public var powerBaseEpoch: Int64
        public var replacedDayReward: TokenAmount?
        /// The original sealed CID, set by the first replica update.
        public var sectorKeyCID: CID?
        /// Bit 0: the sector's QA power follows FIP-0045's simple rule.
        public var flags: UInt64
        public var dailyFee: TokenAmount

        public init(
            sectorNumber: UInt64, sealProof: Int64, sealedCID: CID, activation: Int64, expiration: Int64,
            dealWeight: LotusBigInt, verifiedDealWeight: LotusBigInt, initialPledge: TokenAmount,
            expectedDayReward: TokenAmount?, expectedStoragePledge: TokenAmount?, powerBaseEpoch: Int64,
            replacedDayReward: TokenAmount?, sectorKeyCID: CID? = nil, flags: UInt64 = 0, dailyFee: TokenAmount = .zero
        ) {
            self.sectorNumber = sectorNumber
            self.sealProof = sealProof
            self.sealedCID = sealedCID
            self.activation = activation
            self.expiration = expiration
            self.dealWeight = dealWeight
            self.verifiedDealWeight = verifiedDealWeight
            self.initialPledge = initialPledge
            self.expectedDayReward = expectedDayReward
            self.expectedStoragePledge = expectedStoragePledge
            self.powerBaseEpoch = powerBaseEpoch
            self.replacedDayReward = replacedDayReward
            self.sectorKeyCID = sectorKeyCID
            self.flags = flags
            self.dailyFee = dailyFee
        }

        enum CodingKeys: String, CodingKey {
            case sectorNumber = "SectorNumber", sealProof = "SealProof", sealedCID = "SealedCID"
            case activation = "Activation", expiration = "Expiration", dealWeight = "DealWeight"
            case verifiedDealWeight = "VerifiedDealWeight", initialPledge = "InitialPledge"
            case expectedDayReward = "ExpectedDayReward", expectedStoragePledge = "ExpectedStoragePledge"
            case powerBaseEpoch = "PowerBaseEpoch", replacedDayReward = "ReplacedDayReward"
            case sectorKeyCID = "SectorKeyCID", flags = "Flags", dailyFee = "DailyFee"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sectorNumber = try c.decode(UInt64.self, forKey: .sectorNumber)
            sealProof = try c.decode(Int64.self, forKey: .sealProof)
            sealedCID = try c.decode(CID.self, forKey: .sealedCID)
            activation = try c.decode(Int64.self, forKey: .activation)
            expiration = try c.decode(Int64.self, forKey: .expiration)
            dealWeight = try c.decode(LotusBigInt.self, forKey: .dealWeight)
            verifiedDealWeight = try c.decode(LotusBigInt.self, forKey: .verifiedDealWeight)
            initialPledge = try c.decode(TokenAmount.self, forKey: .initialPledge)
            expectedDayReward = try c.decodeIfPresent(TokenAmount.self, forKey: .expectedDayReward)
            expectedStoragePledge = try c.decodeIfPresent(TokenAmount.self, forKey: .expectedStoragePledge)
            powerBaseEpoch = try c.decode(Int64.self, forKey: .powerBaseEpoch)
            replacedDayReward = try c.decodeIfPresent(TokenAmount.self, forKey: .replacedDayReward)
            sectorKeyCID = try c.decodeIfPresent(CID.self, forKey: .sectorKeyCID)
            flags = try c.decodeIfPresent(UInt64.self, forKey: .flags) ?? 0
            // A node before FIP-0100 has no daily fee; Go reads the absent member as zero.
            dailyFee = try c.decodeIfPresent(TokenAmount.self, forKey: .dailyFee) ?? .zero
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sectorNumber, forKey: .sectorNumber)
            try c.encode(sealProof, forKey: .sealProof)
            try c.encode(sealedCID, forKey: .sealedCID)
            try c.encode(activation, forKey: .activation)
            try c.encode(expiration, forKey: .expiration)
            try c.encode(dealWeight, forKey: .dealWeight)
            try c.encode(verifiedDealWeight, forKey: .verifiedDealWeight)
            try c.encode(initialPledge, forKey: .initialPledge)
            try c.encode(expectedDayReward, forKey: .expectedDayReward)
            try c.encode(expectedStoragePledge, forKey: .expectedStoragePledge)
            try c.encode(powerBaseEpoch, forKey: .powerBaseEpoch)
            try c.encode(replacedDayReward, forKey: .replacedDayReward)
            try c.encode(sectorKeyCID, forKey: .sectorKeyCID)
            try c.encode(flags, forKey: .flags)
            try c.encode(dailyFee, forKey: .dailyFee)
        }
    }
}
