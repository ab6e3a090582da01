/// A self-describing hash digest: `varint(code) || varint(length) || digest`.
///
/// This module does not hash; callers compute the digest and wrap it here. Invariants: `code`
/// fits in 63 bits, and for the fixed-size functions listed in ``expectedDigestLength(code:)``
/// the digest has exactly that length. Other codes (including identity) accept any length.
public struct Multihash: Hashable, Sendable {
    public static let identity: UInt64 = 0x00
    public static let sha2_256: UInt64 = 0x12
    public static let blake2b_256: UInt64 = 0xb220
    /// SHA-256 with the top two bits of the last byte cleared (Filecoin piece commitments).
    public static let sha2_256Trunc254Padded: UInt64 = 0x1012
    /// Poseidon over BLS12-381, arity 2, Filecoin's sealed commitments (CommR).
    public static let poseidonBLS12381: UInt64 = 0xb401

    public let code: UInt64
    public let digest: [UInt8]

    /// The digest length a known fixed-size hash function produces, or `nil` when any length is allowed.
    public static func expectedDigestLength(code: UInt64) -> Int? {
        switch code {
        case sha2_256, blake2b_256, sha2_256Trunc254Padded, poseidonBLS12381: 32
        default: nil
        }
    }

    public init(code: UInt64, digest: [UInt8]) throws(MultiformatError) {
        guard code <= Varint.maxValue else { throw .valueTooLarge(code) }
        if let expected = Multihash.expectedDigestLength(code: code), expected != digest.count {
            throw .digestLengthMismatch(code: code, expected: expected, found: digest.count)
        }
        self.code = code
        self.digest = digest
    }

    /// Parses a whole binary multihash; trailing bytes are an error.
    public init(bytes: some Collection<UInt8>) throws(MultiformatError) {
        let array = Array(bytes)
        var index = 0
        try self.init(parsing: array, from: &index)
        guard index == array.count else {
            throw .trailingBytes(offset: index, count: array.count - index)
        }
    }

    /// Parses one multihash starting at `index` and advances `index` past it.
    public init<C: Collection<UInt8>>(parsing bytes: C, from index: inout C.Index) throws(MultiformatError) {
        let code = try Varint.decode(bytes, from: &index)
        let length = try Varint.decode(bytes, from: &index)
        let available = bytes.distance(from: index, to: bytes.endIndex)
        // Compare before converting so a huge declared length never allocates or traps.
        guard length <= UInt64(available) else { throw .digestTruncated(declared: length, available: available) }
        let end = bytes.index(index, offsetBy: Int(length))
        let digest = Array(bytes[index..<end])
        index = end
        try self.init(code: code, digest: digest)
    }

    /// The binary form.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(digest.count + 4)
        write(into: &out)
        return out
    }

    /// Appends the binary form.
    public func write(into out: inout [UInt8]) {
        Varint.encode(code, into: &out)
        Varint.encode(UInt64(digest.count), into: &out)
        out.append(contentsOf: digest)
    }
}
