/// Hex as Go's `encoding/hex` writes it: lower-case digits, two per byte. Decoding accepts
/// either case and, where a format allows it (Ethereum's `0x...`), a `0x`/`0X` prefix.
///
/// The one hex codec of the package: keystores, token secrets, config secrets, Ethereum
/// addresses, CLI arguments and test vectors all go through it.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`, without a prefix.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`: an even number of hex digits of either case.
    /// - Parameter allowPrefix: also accept a leading `0x` or `0X` (not counted in offsets).
    /// - Throws: `HexError.invalidDigit` naming the first bad character and its offset, or
    ///   `HexError.oddLength`.
    public static func decode(_ text: some StringProtocol, allowPrefix: Bool = false) throws(HexError) -> [UInt8] {
        var chars = Array(text.utf8)[...]
        if allowPrefix, chars.count >= 2, chars.first == UInt8(ascii: "0"),
            chars[chars.startIndex + 1] | 0x20 == UInt8(ascii: "x")
        {
            chars = chars.dropFirst(2)
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var high: UInt8? = nil
        for (offset, char) in chars.enumerated() {
            guard let value = nibble(char) else {
                throw .invalidDigit(Self.character(at: offset, of: chars), offset: offset)
            }
            if let h = high {
                out.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else { throw .oddLength(chars.count) }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The character starting at UTF-8 `offset`, for the error (a multi-byte character is
    /// reported whole rather than as its first byte).
    private static func character(at offset: Int, of chars: ArraySlice<UInt8>) -> String {
        let rest = chars.dropFirst(offset)
        return String(decoding: rest, as: UTF8.self).first.map(String.init) ?? ""
    }
}
