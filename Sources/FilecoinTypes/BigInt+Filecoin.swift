import BigInt
import DagCBOR

/// Filecoin's serialised form of an arbitrary-precision integer (go-state-types `big.Int`).
///
/// The bytes are empty for zero; otherwise a sign byte (0x00 positive, 0x01 negative) followed by
/// the big-endian magnitude. Decoding accepts what Lotus accepts (leading zero bytes, a bare sign
/// byte) so that consensus data is never refused; encoding always writes the shortest form.
public enum FilecoinBigInt {
    /// Lotus refuses serialised big integers longer than this (`BigIntMaxSerializedLen`).
    public static let maxSerializedLength = 128

    /// The serialised bytes of `value`.
    public static func bytes(of value: BigInt) -> [UInt8] {
        if value.isZero { return [] }
        var result: [UInt8] = [value.sign == .minus ? 1 : 0]
        result.append(contentsOf: value.magnitude.serialize())
        return result
    }

    /// Parses serialised bytes.
    public static func value(from bytes: some Collection<UInt8>) throws(FilecoinBigIntError) -> BigInt {
        guard bytes.count <= maxSerializedLength else {
            throw .tooLong(bytes.count)
        }
        guard let signByte = bytes.first else { return 0 }
        let magnitude = BigUInt(Data(bytes.dropFirst()))
        switch signByte {
        case 0: return BigInt(sign: .plus, magnitude: magnitude)
        case 1: return BigInt(sign: .minus, magnitude: magnitude)
        default: throw .invalidSignByte(signByte)
        }
    }

    /// Writes `value` as a CBOR byte string.
    public static func encode(_ value: BigInt, to writer: inout CBORWriter) {
        writer.writeBytes(bytes(of: value))
    }

    /// Reads a CBOR byte string holding a serialised big integer.
    public static func decode(from reader: inout CBORReader) throws -> BigInt {
        let start = reader.offset
        let raw = try reader.readBytes()
        do {
            return try value(from: raw)
        } catch {
            throw FilecoinTypesError.invalidBigInt(error, offset: start)
        }
    }

    /// Parses a decimal string as Lotus JSON writes big integers (`"-123"`).
    public static func parseDecimal(_ text: String) throws(FilecoinBigIntError) -> BigInt {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.count <= 400, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let magnitude = BigUInt(digits, radix: 10)
        else {
            throw .notADecimalInteger(text)
        }
        return BigInt(sign: negative ? .minus : .plus, magnitude: magnitude)
    }
}

import struct Foundation.Data

/// Why serialised big-integer bytes or text were refused.
public enum FilecoinBigIntError: Error, Hashable, Sendable, CustomStringConvertible {
    case tooLong(Int)
    case invalidSignByte(UInt8)
    case notADecimalInteger(String)

    public var description: String {
        switch self {
        case .tooLong(let count):
            "big int is \(count) bytes, more than the \(FilecoinBigInt.maxSerializedLength) allowed"
        case .invalidSignByte(let byte): "big int sign byte must be 0 or 1, found \(byte)"
        case .notADecimalInteger(let text): "\"\(text.prefix(64))\" is not a decimal integer"
        }
    }
}
