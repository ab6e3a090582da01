/// Writes canonical DAG-CBOR into a growing byte buffer.
///
/// Every head uses the shortest argument form and every length is definite, so any sequence of
/// calls that forms whole items yields canonical DAG-CBOR. What the writer cannot check is left
/// to the caller: an array or map header must be followed by exactly `count` items (pairs), and
/// map keys must be written with ``writeText(_:)`` in ``canonicalKeyOrder(_:_:)`` without
/// duplicates (``CBORValue`` sorts its own maps).
public struct CBORWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init() {
        bytes = []
    }

    /// A writer whose buffer can hold `capacity` bytes before it grows.
    public init(reservingCapacity capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func reserveCapacity(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an initial byte with major type `major` and `argument` in its shortest form.
    @inline(__always)
    @usableFromInline
    mutating func writeHead(major: UInt8, argument: UInt64) {
        let base = major << 5
        if argument < 24 {
            bytes.append(base | UInt8(argument))
        } else if argument <= 0xff {
            bytes.append(base | 24)
            bytes.append(UInt8(argument))
        } else if argument <= 0xffff {
            bytes.append(base | 25)
            bytes.append(UInt8(argument >> 8))
            bytes.append(UInt8(truncatingIfNeeded: argument))
        } else if argument <= 0xffff_ffff {
            bytes.append(base | 26)
            withUnsafeBytes(of: UInt32(argument).bigEndian) { bytes.append(contentsOf: $0) }
        } else {
            bytes.append(base | 27)
            withUnsafeBytes(of: argument.bigEndian) { bytes.append(contentsOf: $0) }
        }
    }

    public mutating func writeUnsigned(_ value: UInt64) {
        writeHead(major: 0, argument: value)
    }

    /// Writes the negative integer `-1 - n` (CBOR major type 1), reaching down to -2^64.
    public mutating func writeNegative(encodedMinusOne n: UInt64) {
        writeHead(major: 1, argument: n)
    }

    public mutating func writeInt(_ value: Int64) {
        if value >= 0 {
            writeHead(major: 0, argument: UInt64(value))
        } else {
            // -1 - value never overflows for negative values: it is ~value.
            writeHead(major: 1, argument: UInt64(~value))
        }
    }

    public mutating func writeInt(_ value: Int) {
        writeInt(Int64(value))
    }

    public mutating func writeBytes(_ value: some Collection<UInt8>) {
        writeHead(major: 2, argument: UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeText(_ value: String) {
        var value = value
        // A native contiguous string appends its UTF-8 storage with one copy.
        value.withUTF8 { utf8 in
            writeHead(major: 3, argument: UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes an array header; exactly `count` items must follow. `count` is a collection's count (never negative).
    public mutating func writeArrayHeader(_ count: Int) {
        writeHead(major: 4, argument: UInt64(count))
    }

    /// Writes a map header; exactly `count` key/value pairs must follow, keys in canonical order.
    public mutating func writeMapHeader(_ count: Int) {
        writeHead(major: 5, argument: UInt64(count))
    }

    public mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 0xf5 : 0xf4)
    }

    public mutating func writeNull() {
        bytes.append(0xf6)
    }

    /// Writes a 64-bit float, the only width DAG-CBOR allows.
    ///
    /// DAG-CBOR forbids NaN and ±Infinity; they are written as-is (this method cannot fail) and a
    /// strict reader rejects them, so callers holding untrusted doubles must check `isFinite`.
    public mutating func writeFloat64(_ value: Double) {
        bytes.append(0xfb)
        withUnsafeBytes(of: value.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes tag 42 around the 0x00 identity-multibase prefix and the binary CID.
    public mutating func writeCID(_ cid: CID) {
        bytes.append(0xd8)
        bytes.append(42)
        writeHead(major: 2, argument: UInt64(cid.bytes.count + 1))
        bytes.append(0)
        bytes.append(contentsOf: cid.bytes)
    }

    public mutating func write<T: CBOREncodable>(_ value: T) {
        value.encode(to: &self)
    }

    /// Writes `value`, or null when it is nil.
    public mutating func writeOptional<T: CBOREncodable>(_ value: T?) {
        if let value { value.encode(to: &self) } else { writeNull() }
    }

    /// Appends bytes that already form whole canonical items (for example from `readRawValue()`).
    public mutating func writeRaw(_ raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Whether map key `a` must come before `b`: shorter UTF-8 first, then bytewise (RFC 7049 canonical).
    public static func canonicalKeyOrder(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        if x.count != y.count { return x.count < y.count }
        return x.lexicographicallyPrecedes(y)
    }
}
