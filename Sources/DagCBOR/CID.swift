/// A content identifier: CIDv0 (a bare sha2-256 multihash, implicitly dag-pb) or CIDv1
/// (`varint(1) || varint(codec) || multihash`).
///
/// Invariants: `bytes` is the canonical binary form of (`version`, `codec`, `multihash`); a v0 CID
/// is dag-pb with a 32-byte sha2-256 digest; `codec` fits in 63 bits. Equality, hashing and
/// ordering use `bytes`, so they agree with the binary form other implementations compare.
/// The text form is base32 lower (`b…`) for v1 and base58btc (`Qm…`) for v0.
public struct CID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Version: Int, Sendable {
        case v0 = 0
        case v1 = 1
    }

    public let version: Version
    public let codec: UInt64
    public let multihash: Multihash
    /// The binary form, as embedded in DAG-CBOR tag 42 (after the 0x00 prefix) and CAR files.
    public let bytes: [UInt8]

    public init(version: Version, codec: UInt64, multihash: Multihash) throws(MultiformatError) {
        switch version {
        case .v0:
            guard codec == Multicodec.dagPB, multihash.code == Multihash.sha2_256, multihash.digest.count == 32
            else { throw .invalidV0 }
            self.bytes = multihash.bytes
        case .v1:
            guard codec <= Varint.maxValue else { throw .valueTooLarge(codec) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(multihash.digest.count + 8)
            bytes.append(1)
            Varint.encode(codec, into: &bytes)
            multihash.write(into: &bytes)
            self.bytes = bytes
        }
        self.version = version
        self.codec = codec
        self.multihash = multihash
    }

    /// A CIDv1 with `codec` and `multihash`.
    public init(codec: UInt64, multihash: Multihash) throws(MultiformatError) {
        try self.init(version: .v1, codec: codec, multihash: multihash)
    }

    /// Parses a binary CID; the whole input must be consumed.
    public init(bytes input: some Collection<UInt8>) throws(MultiformatError) {
        let bytes = Array(input)
        guard let first = bytes.first else { throw .empty }
        var index = 0
        if first == 0x12 && bytes.count >= 2 && bytes[1] == 0x20 {
            // A v0 CID is a bare sha2-256 multihash; 0x12 can never start a v1 CID (version 18).
            let multihash = try Multihash(parsing: bytes, from: &index)
            guard index == bytes.count else { throw .trailingBytes(offset: index, count: bytes.count - index) }
            self.version = .v0
            self.codec = Multicodec.dagPB
            self.multihash = multihash
            self.bytes = bytes
            return
        }
        let version = try Varint.decode(bytes, from: &index)
        guard version == 1 else { throw .unsupportedVersion(version) }
        let codec = try Varint.decode(bytes, from: &index)
        let multihash = try Multihash(parsing: bytes, from: &index)
        guard index == bytes.count else { throw .trailingBytes(offset: index, count: bytes.count - index) }
        self.version = .v1
        self.codec = codec
        self.multihash = multihash
        // Every varint was minimal, so the input is already the canonical form.
        self.bytes = bytes
    }

    /// The longest CID text ``init(string:)`` accepts, in UTF-8 bytes. Real CIDs are under 100
    /// characters; the bound leaves room for identity CIDs with inline data.
    public static let maxStringLength = 4096

    /// Parses a text CID: `Qm…` (v0, base58btc), or multibase `b`/`B` (base32) or `z` (base58btc).
    public init(string: String) throws(MultiformatError) {
        let utf8 = string.utf8
        guard let first = utf8.first else { throw .empty }
        guard utf8.count <= CID.maxStringLength else { throw .stringTooLong(utf8.count) }
        let rest = Substring(string).utf8.dropFirst()
        let decoded: [UInt8]
        switch first {
        case UInt8(ascii: "Q"):
            guard utf8.count == 46, string.hasPrefix("Qm") else { throw .invalidV0String }
            decoded = try Multibase.base58Decode(Substring(string).utf8)
            try self.init(bytes: decoded)
            guard version == .v0 else { throw .invalidV0String }
            return
        case UInt8(ascii: "b"): decoded = try Multibase.base32Decode(rest, characterOffset: 1)
        case UInt8(ascii: "B"): decoded = try Multibase.base32Decode(rest, uppercase: true, characterOffset: 1)
        case UInt8(ascii: "z"): decoded = try Multibase.base58Decode(rest, characterOffset: 1)
        default: throw .unsupportedMultibase(string.first ?? " ")
        }
        try self.init(bytes: decoded)
    }

    /// The canonical text form: base58btc for v0, base32 lower with the `b` prefix for v1.
    public var description: String {
        switch version {
        case .v0: Multibase.base58Encode(bytes)
        case .v1: "b" + Multibase.base32Encode(bytes)
        }
    }

    /// This CID as v1 (a v0 CID becomes dag-pb v1 with the same multihash).
    public var v1: CID {
        guard version == .v0 else { return self }
        var bytes: [UInt8] = [1, 0x70]
        bytes.append(contentsOf: self.bytes)
        return CID(unchecked: .v1, codec: Multicodec.dagPB, multihash: multihash, bytes: bytes)
    }

    private init(unchecked version: Version, codec: UInt64, multihash: Multihash, bytes: [UInt8]) {
        self.version = version
        self.codec = codec
        self.multihash = multihash
        self.bytes = bytes
    }

    public static func == (lhs: CID, rhs: CID) -> Bool { lhs.bytes == rhs.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    /// Byte-wise lexicographic order of the binary forms.
    public static func < (lhs: CID, rhs: CID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
