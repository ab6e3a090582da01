import DagCBOR

/// In CBOR a bitfield is a byte string holding its RLE+ bytes (`rlePlusBytes`), at most
/// `maxEncodedSize` long; the empty set is the empty byte string (`0x40`).
///
/// Reading checks everything go-bitfield checks, at once; `UnvalidatedBitfield` defers the checks
/// after size and version to first use, as go-bitfield does.
extension Bitfield: CBOREncodable, CBORDecodable {
    /// Writes `rlePlusBytes`, whatever their length: call `checkedRLEPlusBytes()` first where
    /// go-bitfield's refusal to write more than `maxEncodedSize` bytes must be reproduced.
    public func encode(to writer: inout CBORWriter) {
        writer.writeBytes(rlePlusBytes)
    }

    public init(from reader: inout CBORReader) throws {
        self = try UnvalidatedBitfield(from: &reader).decoded()
    }

    /// `rlePlusBytes`, refused as go-bitfield's `MarshalCBOR` refuses them when longer than
    /// `maxEncodedSize`.
    ///
    /// - Throws: `BitfieldError.encodedSizeTooLarge`.
    public func checkedRLEPlusBytes() throws(BitfieldError) -> [UInt8] {
        let bytes = rlePlusBytes
        guard bytes.count <= Self.maxEncodedSize else { throw .encodedSizeTooLarge(bytes.count) }
        return bytes
    }
}
