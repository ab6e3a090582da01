import BigInt
import FilecoinTypes

/// Lotus's base fee update (`store.ComputeNextBaseFee`): the fee moves toward keeping blocks
/// half full, by at most 1/8 per epoch, never below the minimum.
///
/// `delta = gasLimitUsed/blocks − target` (clamped to ±target), `change = fee·delta/target/8`
/// with Go's Euclidean big-integer division, `next = max(fee + change, 100)`. Before the Smoke
/// upgrade (network version 2) the used gas was first divided by the packing efficiency 4/5:
/// `delta = 5·gasLimitUsed / (blocks·4) − target`. Our devnets run network versions above 2, so
/// they take the post-Smoke formula; the pre-Smoke one serves replays of early mainnet.
public enum BaseFee {
    /// Lotus `build.BlockGasTarget` (half of `BlockGasLimit`).
    public static let blockGasTarget: Int64 = 5_000_000_000
    /// Lotus `build.BaseFeeMaxChangeDenom`: at most 1/8 change per epoch.
    public static let maxChangeDenominator: Int64 = 8
    /// Lotus `build.PackingEfficiencyNum` / `Denom` (pre-Smoke only).
    public static let packingEfficiencyNumerator: Int64 = 4
    public static let packingEfficiencyDenominator: Int64 = 5
    /// Lotus `build.MinimumBaseFee`, in attoFIL.
    public static let minimum = TokenAmount(attoFIL: 100)
    /// Lotus `build.InitialBaseFee`, the genesis block's parent base fee.
    public static let initial = TokenAmount(attoFIL: 100_000_000)

    /// Which formula an epoch uses: Lotus compares the epoch with `UpgradeSmokeHeight`, i.e. the
    /// post-Smoke formula runs exactly at the epochs of network version 2 and later.
    public static func usesSmokeFormula(networkVersion: UInt64) -> Bool { networkVersion >= 2 }

    /// The base fee after a tipset of `blocks` blocks whose unique messages' gas limits sum to
    /// `gasLimitUsed`, paid at `baseFee`.
    public static func next(baseFee: TokenAmount, gasLimitUsed: Int64, blocks: Int, smoke: Bool) -> TokenAmount {
        let blockCount = Int64(max(blocks, 1))
        var delta: Int64
        if smoke {
            delta = gasLimitUsed / blockCount - blockGasTarget
        } else {
            // Go int64 arithmetic: 5·used cannot overflow for used ≤ blocks·BlockGasLimit.
            let (scaled, overflow) = packingEfficiencyDenominator.multipliedReportingOverflow(by: gasLimitUsed)
            delta = (overflow ? Int64.max : scaled) / (blockCount * packingEfficiencyNumerator) - blockGasTarget
        }
        delta = min(max(delta, -blockGasTarget), blockGasTarget)
        var change = baseFee.attoFIL * BigInt(delta)
        change = GoBig.div(change, BigInt(blockGasTarget))
        change = GoBig.div(change, BigInt(maxChangeDenominator))
        let next = baseFee.attoFIL + change
        return next < minimum.attoFIL ? minimum : TokenAmount(attoFIL: next)
    }
}
