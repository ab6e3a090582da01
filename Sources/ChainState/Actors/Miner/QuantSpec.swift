/// Rounds epochs up to a grid of `unit` epochs shifted by `offset` (specs-actors `QuantSpec`):
/// a miner's expirations are quantized to the last epoch of one of its deadlines so each
/// queue entry is processed at exactly one deadline's end.
public struct QuantSpec: Hashable, Sendable {
    /// Grid spacing; at least 1.
    public var unit: Int64
    public var offset: Int64

    public init(unit: Int64, offset: Int64) {
        self.unit = unit
        self.offset = offset
    }

    /// The identity quantization.
    public static let none = QuantSpec(unit: 1, offset: 0)

    /// The least grid epoch at or after `epoch`; Go's truncating division kept for negative epochs.
    public func quantizeUp(_ epoch: Int64) -> Int64 {
        guard unit > 0 else { return epoch }
        let offset = self.offset % unit
        let remainder = (epoch - offset) % unit
        let quotient = (epoch - offset) / unit
        if remainder == 0 || epoch - offset < 0 { return unit * quotient + offset }
        return unit * (quotient + 1) + offset
    }

    /// The greatest grid epoch at or before `epoch` (v2 `QuantizeDown`).
    public func quantizeDown(_ epoch: Int64) -> Int64 {
        let next = quantizeUp(epoch)
        if next == epoch { return next }
        return next - unit
    }
}
