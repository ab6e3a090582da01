/// Writes canonical DAG-CBOR into a growing byte buffer.
///
/// Every head uses the shortest argument form and every length is definite, so any sequence of
/// calls that forms whole items yields canonical DAG-CBOR. What the writer cannot check is left
/// to the caller: an array or map header must be followed by exactly `count` items (pairs), and
/// map keys must be written with ``writeText(_:)`` in ``canonicalKeyOrder(_:_:)`` without
/// duplicates (``CBORValue`` sorts its own maps).
public struct CBORWriter: Sendable {
    // Stored under another name so the inlinable write methods below can append to it while
    // `bytes` stays read-only to callers.
    @usableFromInline var storage: [UInt8]

    /// The encoded bytes so far.
    public var bytes: [UInt8] { storage }

    @inlinable
    public init() {
        storage = []
    }

    /// A writer whose buffer can hold `capacity` bytes before it grows.
    @inlinable
    public init(reservingCapacity capacity: Int) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    @inlinable
    public mutating func reserveCapacity(_ capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    /// Writes an initial byte with major type `major` and `argument` in its shortest form.
    @inlinable
    @inline(__always)
    mutating func writeHead(major: UInt8, argument: UInt64) {
        let base = major << 5
        if argument < 24 {
            storage.append(base | UInt8(argument))
        } else if argument <= 0xff {
            storage.append(base | 24)
            storage.append(UInt8(argument))
        } else if argument <= 0xffff {
            storage.append(base | 25)
            storage.append(UInt8(argument >> 8))
            storage.append(UInt8(truncatingIfNeeded: argument))
        } else if argument <= 0xffff_ffff {
            storage.append(base | 26)
            withUnsafeBytes(of: UInt32(argument).bigEndian) { storage.append(contentsOf: $0) }
        } else {
            storage.append(base | 27)
            withUnsafeBytes(of: argument.bigEndian) { storage.append(contentsOf: $0) }
        }
    }

    @inlinable
    public mutating func writeUnsigned(_ value: UInt64) {
        writeHead(major: 0, argument: value)
    }

    /// Writes the negative integer `-1 - n` (CBOR major type 1), reaching down to -2^64.
    @inlinable
    public mutating func writeNegative(encodedMinusOne n: UInt64) {
        writeHead(major: 1, argument: n)
    }

    @inlinable
    public mutating func writeInt(_ value: Int64) {
        if value >= 0 {
            writeHead(major: 0, argument: UInt64(value))
        } else {
            // -1 - value never overflows for negative values: it is ~value.
            writeHead(major: 1, argument: UInt64(~value))
        }
    }

    @inlinable
    public mutating func writeInt(_ value: Int) {
        writeInt(Int64(value))
    }

    @inlinable
    public mutating func writeBytes(_ value: some Collection<UInt8>) {
        writeHead(major: 2, argument: UInt64(value.count))
        storage.append(contentsOf: value)
    }

    @inlinable
    public mutating func writeText(_ value: String) {
        var value = value
        // A native contiguous string appends its UTF-8 storage with one copy.
        value.withUTF8 { utf8 in
            writeHead(major: 3, argument: UInt64(utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    /// Writes a text string from its bytes as given (not checked for UTF-8), as cbor-gen writes
    /// a Go string; the counterpart of ``CBORReader/readTextBytes()``.
    @inlinable
    public mutating func writeTextBytes(_ value: some Collection<UInt8>) {
        writeHead(major: 3, argument: UInt64(value.count))
        storage.append(contentsOf: value)
    }

    /// Writes an array header; exactly `count` items must follow. `count` is a collection's count (never negative).
    @inlinable
    public mutating func writeArrayHeader(_ count: Int) {
        writeHead(major: 4, argument: UInt64(count))
    }

    /// Writes a map header; exactly `count` key/value pairs must follow, keys in canonical order.
    @inlinable
    public mutating func writeMapHeader(_ count: Int) {
        writeHead(major: 5, argument: UInt64(count))
    }

    @inlinable
    public mutating func writeBool(_ value: Bool) {
        storage.append(value ? 0xf5 : 0xf4)
    }

    @inlinable
    public mutating func writeNull() {
        storage.append(0xf6)
    }

    /// Writes a 64-bit float, the only width DAG-CBOR allows.
    ///
    /// DAG-CBOR forbids NaN and ±Infinity; they are written as-is (this method cannot fail) and a
    /// strict reader rejects them, so callers holding untrusted doubles must check `isFinite`.
    @inlinable
    public mutating func writeFloat64(_ value: Double) {
        storage.append(0xfb)
        withUnsafeBytes(of: value.bitPattern.bigEndian) { storage.append(contentsOf: $0) }
    }

    /// Writes tag 42 around the 0x00 identity-multibase prefix and the binary CID.
    @inlinable
    public mutating func writeCID(_ cid: CID) {
        storage.append(0xd8)
        storage.append(42)
        writeHead(major: 2, argument: UInt64(cid.bytes.count + 1))
        storage.append(0)
        storage.append(contentsOf: cid.bytes)
    }

    @inlinable
    public mutating func write<T: CBOREncodable>(_ value: T) {
        value.encode(to: &self)
    }

    /// Writes `value`, or null when it is nil.
    @inlinable
    public mutating func writeOptional<T: CBOREncodable>(_ value: T?) {
        if let value { value.encode(to: &self) } else { writeNull() }
    }

    /// Appends bytes that already form whole canonical items (for example from `readRawValue()`).
    @inlinable
    public mutating func writeRaw(_ raw: some Collection<UInt8>) {
        storage.append(contentsOf: raw)
    }

    /// Whether map key `a` must come before `b`: shorter UTF-8 first, then bytewise (RFC 7049 canonical).
    @inlinable
    public static func canonicalKeyOrder(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        if x.count != y.count { return x.count < y.count }
        return x.lexicographicallyPrecedes(y)
    }
}
