/// The two multibase encodings CIDs use: RFC 4648 base32 without padding, and base58btc.
///
/// Decoding is strict so that each byte string has exactly one accepted text form per base:
/// base32 rejects impossible lengths and non-zero padding bits, and a base accepts only its own
/// alphabet (lowercase for `b`, uppercase for `B`).
public enum Multibase {
    private static let base32Lower = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    private static let base32Upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let base58Alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Maps an ASCII byte to its base58 digit, or 0xff.
    private static let base58Digits: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (digit, character) in base58Alphabet.enumerated() { table[Int(character)] = UInt8(digit) }
        return table
    }()

    /// RFC 4648 base32 without padding, lowercase unless `uppercase`.
    public static func base32Encode(_ bytes: some Collection<UInt8>, uppercase: Bool = false) -> String {
        let alphabet = uppercase ? base32Upper : base32Lower
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded RFC 4648 base32 in one case. `characterOffset` shifts error offsets.
    public static func base32Decode(
        _ text: Substring.UTF8View, uppercase: Bool = false, characterOffset: Int = 0
    ) throws(MultiformatError) -> [UInt8] {
        // 1, 3 and 6 trailing characters cannot come from whole bytes.
        switch text.count % 8 {
        case 1, 3, 6: throw .nonCanonicalBase32
        default: break
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for (position, character) in text.enumerated() {
            let value: UInt8
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !uppercase: value = character - UInt8(ascii: "a")
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where uppercase: value = character - UInt8(ascii: "A")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default:
                throw .invalidCharacter(Character(Unicode.Scalar(character)), offset: characterOffset + position)
            }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        // Leftover bits are padding; a canonical encoder leaves them zero.
        if bits > 0 && buffer & ((1 << UInt32(bits)) - 1) != 0 { throw .nonCanonicalBase32 }
        return out
    }

    /// Bitcoin-alphabet base58: each leading zero byte becomes "1".
    public static func base58Encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var zeros = 0
        while zeros < input.count && input[zeros] == 0 { zeros += 1 }
        // Base-58 digits, least significant first; log(256)/log(58) < 1.37.
        var digits: [UInt8] = []
        digits.reserveCapacity(input.count * 137 / 100 + 1)
        for byte in input[zeros...] {
            var carry = UInt32(byte)
            for index in digits.indices {
                carry += UInt32(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var out = [UInt8](repeating: base58Alphabet[0], count: zeros)
        out.reserveCapacity(zeros + digits.count)
        for digit in digits.reversed() { out.append(base58Alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base58btc. `characterOffset` shifts error offsets. Quadratic in the length, so
    /// callers bound untrusted input first (``CID/init(string:)`` does).
    public static func base58Decode(_ text: Substring.UTF8View, characterOffset: Int = 0) throws(MultiformatError)
        -> [UInt8]
    {
        var zeros = 0
        var bytes: [UInt8] = []  // least significant first
        bytes.reserveCapacity(text.count * 3 / 4 + 1)
        var leading = true
        for (position, character) in text.enumerated() {
            let digit = base58Digits[Int(character)]
            guard digit != 0xff else {
                throw .invalidCharacter(Character(Unicode.Scalar(character)), offset: characterOffset + position)
            }
            if leading && digit == 0 {
                zeros += 1
                continue
            }
            leading = false
            var carry = UInt32(digit)
            for index in bytes.indices {
                carry += UInt32(bytes[index]) * 58
                bytes[index] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
