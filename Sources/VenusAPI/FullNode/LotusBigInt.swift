import BigInt
import FilecoinTypes

/// Lotus's `types.BigInt` / `big.Int` where the value is not FIL (storage power, deal weight,
/// datacap): JSON as a decimal string (`"1024"`), never a number, so values beyond 2^53 survive
/// every JSON reader. FIL amounts use `TokenAmount`, which travels the same way.
public struct LotusBigInt: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var value: BigInt

    public init(_ value: BigInt) { self.value = value }
    public init(integerLiteral value: Int) { self.value = BigInt(value) }

    public static let zero = LotusBigInt(BigInt(0))

    public var description: String { value.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            value = try FilecoinBigInt.parseDecimal(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid big integer \"\(text.prefix(80))\": \(error.description)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}
