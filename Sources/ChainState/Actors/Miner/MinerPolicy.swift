import BigInt
import FilecoinTypes
import Proofs

/// The storage miner's policy constants, specs-actors v0.9 and v2.3 (`policy.go`).
///
/// The static members are the same on every network; an instance carries what Lotus's build
/// overrides per network (the seal proofs a miner may pre-commit with and the pre-commit
/// challenge delay): ``mainnet`` for the conformance corpus, ``devnet`` for 2 KiB devnets.
public struct MinerPolicy: Sendable, Hashable {
    /// Seal proofs accepted by the constructor and PreCommitSector (v0 `SupportedProofTypes`,
    /// v2 `PreCommitSealProofTypesV0` before network version 7).
    public var supportedProofTypes: Set<RegisteredSealProof>
    public var preCommitChallengeDelay: Int64

    public init(supportedProofTypes: Set<RegisteredSealProof>, preCommitChallengeDelay: Int64) {
        self.supportedProofTypes = supportedProofTypes
        self.preCommitChallengeDelay = preCommitChallengeDelay
    }

    public static let mainnet = MinerPolicy(supportedProofTypes: [.stackedDrg32GiBV1, .stackedDrg64GiBV1], preCommitChallengeDelay: 150)
    /// Lotus's 2k build: 2 KiB sectors, a short challenge delay.
    public static let devnet = MinerPolicy(supportedProofTypes: [.stackedDrg2KiBV1], preCommitChallengeDelay: 10)

    // MARK: Time

    public static let epochDurationSeconds: Int64 = 30
    public static let epochsInHour: Int64 = 3600 / epochDurationSeconds
    public static let epochsInDay: Int64 = 86400 / epochDurationSeconds
    public static let expectedLeadersPerEpoch: Int64 = 5

    public static let wpostProvingPeriod: Int64 = epochsInDay
    public static let wpostChallengeWindow: Int64 = 30 * 60 / epochDurationSeconds
    public static let wpostPeriodDeadlines: UInt64 = 48
    public static let wpostMaxChainCommitAge: Int64 = wpostChallengeWindow
    public static let wpostChallengeLookback: Int64 = 20
    public static let faultDeclarationCutoff: Int64 = wpostChallengeLookback + 50
    public static let faultMaxAge: Int64 = wpostProvingPeriod * 14
    public static let chainFinality: Int64 = 900
    public static let workerKeyChangeDelay: Int64 = chainFinality
    public static let minSectorExpiration: Int64 = 180 * epochsInDay
    public static let maxSectorExpirationExtension: Int64 = 540 * epochsInDay
    /// v0: `MaxSealDuration` for every proof type.
    public static let maxSealDurationV0: Int64 = 10000
    /// v2: `MaxProveCommitDuration` = one day + the challenge delay.
    public func maxProveCommitDuration() -> Int64 { Self.epochsInDay + preCommitChallengeDelay }
    /// v2: how far back the seal randomness may be drawn.
    public static let maxPreCommitRandomnessLookback: Int64 = epochsInDay + chainFinality
    public static let consensusFaultIneligibilityDuration: Int64 = chainFinality
    /// v0's lookback on the seal randomness epoch (`ChainFinality`).
    public static let electionLookback: Int64 = 1

    // MARK: Sizes

    public static let sectorsMaxV0: UInt64 = 32 << 20
    public static let maxPartitionsPerDeadline: UInt64 = 3000
    /// v0: 200; v2: `MaxPartitionsPerDeadline`.
    public static func addressedPartitionsMax(actorsVersion: Int) -> UInt64 { actorsVersion >= 2 ? maxPartitionsPerDeadline : 200 }
    public static let addressedSectorsMax: UInt64 = 10_000
    public static let newSectorsPerPeriodMaxV0: UInt64 = 128 << 10
    public static let maxPeerIDLength = 128
    public static let maxMultiaddrData = 1024
    public static let maxControlAddresses = 10
    public static let dealLimitDenominator: UInt64 = 134_217_728
    /// `abi.MaxSectorNumber`.
    public static let maxSectorNumber: UInt64 = UInt64(Int64.max)

    public static func loadPartitionsSectorsMax(partitionSectors: UInt64, actorsVersion: Int) -> UInt64 {
        guard partitionSectors > 0 else { return 0 }
        return min(addressedSectorsMax / partitionSectors, addressedPartitionsMax(actorsVersion: actorsVersion))
    }

    /// The most deals one sector may hold (`dealPerSectorLimit` / `SectorDealsMax`).
    public static func sectorDealsMax(sectorSize: UInt64) -> UInt64 { max(256, sectorSize / dealLimitDenominator) }

    // MARK: Quality

    public static let qualityBaseMultiplier = BigInt(10)
    public static let dealWeightMultiplier = BigInt(10)
    public static let verifiedDealWeightMultiplier = BigInt(100)
    public static let sectorQualityPrecision = 20

    /// Sector quality (Q.20) for the given deal weights; nil when the deals' space-time exceeds
    /// the sector's (v0 asserts this, a fatal inconsistency).
    public static func qualityForWeight(sectorSize: UInt64, duration: Int64, dealWeight: BigInt, verifiedWeight: BigInt) -> BigInt {
        let sectorSpaceTime = BigInt(sectorSize) * BigInt(duration)
        let totalDealSpaceTime = dealWeight + verifiedWeight
        let weightedBase = (sectorSpaceTime - totalDealSpaceTime) * qualityBaseMultiplier
        let weightedDeal = dealWeight * dealWeightMultiplier
        let weightedVerified = verifiedWeight * verifiedDealWeightMultiplier
        let scaled = (weightedBase + weightedDeal + weightedVerified) << sectorQualityPrecision
        guard !sectorSpaceTime.isZero else { return 0 }
        return GoBig.div(GoBig.div(scaled, sectorSpaceTime), qualityBaseMultiplier)
    }

    public static func qaPowerForWeight(sectorSize: UInt64, duration: Int64, dealWeight: BigInt, verifiedWeight: BigInt) -> BigInt {
        let quality = qualityForWeight(sectorSize: sectorSize, duration: duration, dealWeight: dealWeight, verifiedWeight: verifiedWeight)
        return GoBig.rsh(BigInt(sectorSize) * quality, sectorQualityPrecision)
    }

    public static func qaPowerForSector(sectorSize: UInt64, _ sector: SectorOnChainInfo) -> BigInt {
        qaPowerForWeight(
            sectorSize: sectorSize, duration: sector.expiration - sector.activation, dealWeight: sector.dealWeight,
            verifiedWeight: sector.verifiedDealWeight)
    }

    // MARK: Vesting

    /// A vesting schedule (`VestSpec`).
    public struct VestSpec: Sendable, Hashable {
        public var initialDelay: Int64
        public var vestPeriod: Int64
        public var stepDuration: Int64
        public var quantization: Int64
    }

    /// v0 before network version 1.
    public static let rewardVestingSpecV0 = VestSpec(
        initialDelay: 20 * epochsInDay, vestPeriod: 180 * epochsInDay, stepDuration: epochsInDay, quantization: 12 * epochsInHour)
    /// v0 from network version 1, and v2.
    public static let rewardVestingSpecV1 = VestSpec(
        initialDelay: 0, vestPeriod: 180 * epochsInDay, stepDuration: epochsInDay, quantization: 12 * epochsInHour)

    /// `quantizeUp`: the least epoch ≥ `e` congruent to `offset` modulo `unit` (Go's truncating
    /// division and remainder, as upstream).
    public static func quantizeUp(_ e: Int64, unit: Int64, offset seed: Int64) -> Int64 {
        guard unit > 0 else { return e }
        let offset = seed % unit
        let remainder = (e &- offset) % unit
        let quotient = (e &- offset) / unit
        if remainder == 0 || e &- offset < 0 { return unit &* quotient &+ offset }
        return unit &* (quotient &+ 1) &+ offset
    }

    // MARK: Consensus faults

    /// The reporter's reward for a consensus fault `elapsed` epochs old, out of `collateral`.
    public static func rewardForConsensusSlashReport(elapsed: Int64, collateral: TokenAmount, actorsVersion: Int) -> TokenAmount {
        let growthNum = actorsVersion >= 2 ? BigInt(100_785_473_384) : BigInt(101_251)
        let growthDen = actorsVersion >= 2 ? BigInt(100_000_000_000) : BigInt(100_000)
        let maxNum = BigInt(1)
        let maxDen = actorsVersion >= 2 ? BigInt(20) : BigInt(2)
        // big.Exp with a negative exponent is 1 in Go's math/big.
        let exponent = elapsed > 0 ? Int(clamping: elapsed) : 0
        let num = growthNum.power(exponent) * collateral.attoFIL
        let den = growthDen.power(exponent) * BigInt(1000)
        return TokenAmount(attoFIL: min(GoBig.div(num, den), GoBig.div(collateral.attoFIL * maxNum, maxDen)))
    }
}
