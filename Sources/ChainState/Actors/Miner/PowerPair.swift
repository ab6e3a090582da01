import BigInt
import DagCBOR
import FilecoinTypes

/// Raw byte power and quality-adjusted power, always moved together: `[Raw, QA]` as big ints.
public struct PowerPair: Hashable, Sendable, CBORCodable {
    public var raw: BigInt
    public var qa: BigInt

    public init(raw: BigInt, qa: BigInt) {
        self.raw = raw
        self.qa = qa
    }

    public static let zero = PowerPair(raw: 0, qa: 0)

    public var isZero: Bool { raw.isZero && qa.isZero }
    /// Whether either component is below zero (every ValidateState check).
    public var isNegative: Bool { raw.signum() < 0 || qa.signum() < 0 }

    public static func + (lhs: PowerPair, rhs: PowerPair) -> PowerPair { PowerPair(raw: lhs.raw + rhs.raw, qa: lhs.qa + rhs.qa) }
    public static func - (lhs: PowerPair, rhs: PowerPair) -> PowerPair { PowerPair(raw: lhs.raw - rhs.raw, qa: lhs.qa - rhs.qa) }
    public static prefix func - (value: PowerPair) -> PowerPair { PowerPair(raw: -value.raw, qa: -value.qa) }
    public static func += (lhs: inout PowerPair, rhs: PowerPair) { lhs = lhs + rhs }
    public static func -= (lhs: inout PowerPair, rhs: PowerPair) { lhs = lhs - rhs }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        raw = try FilecoinBigInt.decode(from: &reader)
        qa = try FilecoinBigInt.decode(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(raw, to: &writer)
        FilecoinBigInt.encode(qa, to: &writer)
    }
}
