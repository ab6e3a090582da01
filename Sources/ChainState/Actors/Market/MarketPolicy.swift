import BigInt
import FilecoinTypes

/// The market's policy constants and bounds (specs-actors v0.9 and v2.3 `market/policy.go`).
public enum MarketPolicy {
    public static let epochsInDay: Int64 = 2880
    /// Epochs between a deal's payments and other cron processing.
    public static let dealUpdatesInterval: Int64 = epochsInDay
    public static let dealMinDuration: Int64 = 180 * epochsInDay
    public static let dealMaxDuration: Int64 = 540 * epochsInDay
    /// v2: the longest label a published deal may carry.
    public static let dealMaxLabelSize = 256
    /// 2 billion FIL in attoFIL (`builtin.TotalFilecoin`), the upper bound of prices and collaterals.
    public static let totalFilecoin = TokenAmount(attoFIL: BigInt(2_000_000_000) * TokenAmount.attoFILPerFIL)
    /// `DomainSeparationTag_MarketDealCronSeed`.
    public static let dealCronSeedTag: Int64 = 8

    static let sectorQualityPrecision = 20
    static let qualityBaseMultiplier = BigInt(10)
    static let dealWeightMultiplier = BigInt(10)
    static let verifiedDealWeightMultiplier = BigInt(100)

    public static func dealDurationBounds(pieceSize: UInt64) -> (min: Int64, max: Int64) {
        (dealMinDuration, dealMaxDuration)
    }

    public static func dealPricePerEpochBounds(pieceSize: UInt64, duration: Int64) -> (min: TokenAmount, max: TokenAmount) {
        (.zero, totalFilecoin)
    }

    public static func dealClientCollateralBounds(pieceSize: UInt64, duration: Int64) -> (min: TokenAmount, max: TokenAmount) {
        (.zero, totalFilecoin)
    }

    /// The provider collateral range: at least a share of the circulating supply proportional to
    /// the deal's share of network power. v2 and v0 from network version 1: 1% of supply scaled by
    /// `size / max(networkRaw, baseline, size)`; v0 at network version 0: 5% scaled by the deal's
    /// quality-adjusted power over `max(networkQA, baseline, dealQA)`.
    public static func dealProviderCollateralBounds(
        pieceSize: UInt64, verified: Bool, networkRawPower: BigInt, networkQAPower: BigInt, baselinePower: BigInt,
        circulatingSupply: TokenAmount, networkVersion: UInt64, actorsVersion: Int
    ) -> (min: TokenAmount, max: TokenAmount) {
        var lockTargetNum = BigInt(5) * circulatingSupply.attoFIL
        var powerShareNum = dealQAPower(pieceSize: pieceSize, verified: verified)
        var powerShareDenom = max(max(networkQAPower, baselinePower), powerShareNum)
        if actorsVersion >= 2 || networkVersion >= 1 {
            lockTargetNum = circulatingSupply.attoFIL
            powerShareNum = BigInt(pieceSize)
            powerShareDenom = max(max(networkRawPower, baselinePower), powerShareNum)
        }
        let num = lockTargetNum * powerShareNum
        let denom = BigInt(100) * powerShareDenom
        return (TokenAmount(attoFIL: goDiv(num, denom)), totalFilecoin)
    }

    /// Penalty on provider collateral when a deal is not activated by its start epoch: all of it.
    public static func collateralPenaltyForDealActivationMissed(_ providerCollateral: TokenAmount) -> TokenAmount {
        providerCollateral
    }

    /// Size times duration.
    public static func dealWeight(_ proposal: DealProposal) -> BigInt {
        BigInt(proposal.duration) * BigInt(proposal.pieceSize)
    }

    static func dealQAPower(pieceSize: UInt64, verified: Bool) -> BigInt {
        let multiplier = verified ? verifiedDealWeightMultiplier : dealWeightMultiplier
        let scaledUpQuality = (multiplier << sectorQualityPrecision) / qualityBaseMultiplier
        return (scaledUpQuality * BigInt(pieceSize)) >> sectorQualityPrecision
    }

    /// go-state-types `big.Div`: Go's `big.Int.Quo`, truncating toward zero (what BigInt's `/` does).
    /// A zero denominator cannot occur here (the denominator is at least the piece size, and
    /// piece sizes are validated first) but yields zero rather than a trap.
    static func goDiv(_ num: BigInt, _ denom: BigInt) -> BigInt {
        denom.isZero ? 0 : num / denom
    }
}
