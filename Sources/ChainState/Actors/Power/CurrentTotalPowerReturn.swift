import BigInt
import DagCBOR
import FilecoinTypes

/// The storage power actor's `CurrentTotalPower` return (v0 and v2): `[RawBytePower,
/// QualityAdjPower, PledgeCollateral, QualityAdjPowerSmoothed]`, the last a filter estimate
/// `[PositionEstimate, VelocityEstimate]`.
public struct CurrentTotalPowerReturn: Hashable, Sendable, CBORCodable {
    public var rawBytePower: BigInt
    public var qualityAdjPower: BigInt
    public var pledgeCollateral: TokenAmount
    public var smoothedPosition: BigInt
    public var smoothedVelocity: BigInt

    public init(rawBytePower: BigInt, qualityAdjPower: BigInt, pledgeCollateral: TokenAmount, smoothedPosition: BigInt, smoothedVelocity: BigInt) {
        self.rawBytePower = rawBytePower
        self.qualityAdjPower = qualityAdjPower
        self.pledgeCollateral = pledgeCollateral
        self.smoothedPosition = smoothedPosition
        self.smoothedVelocity = smoothedVelocity
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(4)
        FilecoinBigInt.encode(rawBytePower, to: &writer)
        FilecoinBigInt.encode(qualityAdjPower, to: &writer)
        pledgeCollateral.encode(to: &writer)
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(smoothedPosition, to: &writer)
        FilecoinBigInt.encode(smoothedVelocity, to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 4)
        rawBytePower = try FilecoinBigInt.decode(from: &reader)
        qualityAdjPower = try FilecoinBigInt.decode(from: &reader)
        pledgeCollateral = try TokenAmount(from: &reader)
        try reader.readArrayHeader(expected: 2)
        smoothedPosition = try FilecoinBigInt.decode(from: &reader)
        smoothedVelocity = try FilecoinBigInt.decode(from: &reader)
    }
}
