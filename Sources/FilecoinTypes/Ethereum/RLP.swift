/// Ethereum's Recursive Length Prefix encoding, as Lotus's `ethtypes.EncodeRLP` writes it:
/// byte strings and lists only (integers are given as their minimal big-endian bytes).
public enum RLP: Hashable, Sendable {
    case bytes([UInt8])
    indirect case list([RLP])

    /// A non-negative integer as minimal big-endian bytes (zero is the empty string).
    public static func unsigned(_ value: UInt64) -> RLP {
        var bytes: [UInt8] = []
        var rest = value
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xff), at: 0)
            rest >>= 8
        }
        return .bytes(bytes)
    }

    /// The encoding.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .bytes(let bytes):
            // A single byte below 0x80 is its own encoding.
            if bytes.count == 1, bytes[0] < 0x80 {
                out.append(bytes[0])
            } else {
                Self.writeHeader(length: bytes.count, shortBase: 0x80, into: &out)
                out += bytes
            }
        case .list(let items):
            var body: [UInt8] = []
            for item in items { item.write(to: &body) }
            Self.writeHeader(length: body.count, shortBase: 0xc0, into: &out)
            out += body
        }
    }

    private static func writeHeader(length: Int, shortBase: UInt8, into out: inout [UInt8]) {
        if length < 56 {
            out.append(shortBase + UInt8(length))
        } else {
            guard case .bytes(let lengthBytes) = unsigned(UInt64(length)) else { return }
            out.append(shortBase + 55 + UInt8(lengthBytes.count))
            out += lengthBytes
        }
    }
}
