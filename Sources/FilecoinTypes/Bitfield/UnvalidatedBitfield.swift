/// RLE+ bytes as go-bitfield holds them right after reading them from CBOR: checked only for their
/// size and version, every other check deferred to their first use (`decoded()`).
///
/// go-bitfield's `UnmarshalCBOR` is lazy, so a message whose parameters carry a malformed
/// bitfield still decodes, and fails only where an actor uses that field, with that actor's exit
/// code. Parameter and state types that must fail the same way hold this type; the rest hold
/// `Bitfield`, whose CBOR form checks everything at once.
public struct UnvalidatedBitfield: Hashable, Sendable {
    /// The bytes as read, written back unchanged.
    public let rlePlusBytes: [UInt8]

    /// Takes `bytes` after go-bitfield's `FromBuf` check: the version bits of the first byte.
    ///
    /// - Throws: `BitfieldError.wrongVersion`.
    public init(rlePlusBytes bytes: [UInt8]) throws(BitfieldError) {
        if let first = bytes.first, first & 0b11 != 0 { throw .wrongVersion(first & 0b11) }
        rlePlusBytes = bytes
    }

    /// The bytes of `bitfield` (the bytes it was decoded from, if unchanged since).
    public init(_ bitfield: Bitfield) {
        rlePlusBytes = bitfield.rlePlusBytes
    }

    /// The bitfield, after every check go-bitfield makes when a field is first used.
    public func decoded() throws(BitfieldError) -> Bitfield {
        try Bitfield(rlePlusBytes: rlePlusBytes)
    }
}
