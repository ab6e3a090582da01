import FilecoinTypes

/// HAMT keys as specs-actors' `abi.Keyer`s produce them.
public enum HAMTKey {
    /// `abi.IntKey`: Go's `binary.PutVarint` (zigzag, then unsigned LEB128).
    public static func int(_ value: Int64) -> [UInt8] {
        var zigzag = UInt64(bitPattern: value << 1) ^ UInt64(bitPattern: value >> 63)
        var out: [UInt8] = []
        while zigzag >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        out.append(UInt8(zigzag))
        return out
    }

    /// `abi.UIntKey`: Go's `binary.PutUvarint`.
    public static func uint(_ value: UInt64) -> [UInt8] {
        var rest = value
        var out: [UInt8] = []
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
        return out
    }

    /// `abi.AddrKey`: the address bytes.
    public static func address(_ address: Address) -> [UInt8] { address.bytes }
}
