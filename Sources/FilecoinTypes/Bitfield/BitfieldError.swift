/// Why bytes, runs or numbers do not make a bitfield, or why an operation on one fails. The
/// decoding cases mirror go-bitfield's refusals one for one, so each Go error maps to one case.
public enum BitfieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The first two bits are not version 0 (go-bitfield `ErrWrongVersion`).
    case wrongVersion(UInt8)
    /// The last byte is zero: RLE+ must be minimally encoded (`not minimally encoded: ErrDecode`).
    case trailingZeroByte
    /// A varint run length longer than 10 bytes or above `UInt64.max` (`run too long: ErrDecode`).
    case runTooLong
    /// A varint run length whose last byte is a redundant zero (`invalid run: ErrDecode`).
    case nonMinimalRunLength
    /// The runs add up to more than `UInt64.max` bits (`RLE+ overflow`).
    case lengthOverflow
    /// An encoding longer than `Bitfield.maxEncodedSize` bytes: refused in CBOR as go-bitfield
    /// refuses it (`array too large`, `encoded bitfield was too large`).
    case encodedSizeTooLarge(Int)
    /// A bit index above `Bitfield.maxIndex`: its run would end past `UInt64.max`, so go-bitfield
    /// could write it but never read it back.
    case indexTooLarge(UInt64)
    /// A zero-length run: in a run-length list (the Lotus JSON form) one after the first
    /// (`Cannot have a zero-length run except at start`), in a list of runs any; `position`
    /// counts from 0.
    case zeroLengthRun(position: Int)
    /// Two runs in a row with the same value (go-bitfield `ErrSameValRuns`); `position` is the
    /// second's, counting from 0.
    case sameValueRuns(position: Int)
    /// More set bits than the caller allows (`ErrBitFieldTooMany`).
    case tooManyBits(count: UInt64, max: UInt64)
    /// A slice asks for more set bits than there are after its start
    /// (`not enough bits set in field to satisfy slice count`).
    case notEnoughBits(start: UInt64, count: UInt64, available: UInt64)

    public var description: String {
        switch self {
        case .wrongVersion(let version): "invalid RLE+ version \(version)"
        case .trailingZeroByte: "invalid RLE+: not minimally encoded (trailing zero byte)"
        case .runTooLong: "invalid RLE+: run too long"
        case .nonMinimalRunLength: "invalid RLE+: invalid run (non-minimal varint)"
        case .lengthOverflow: "RLE+ overflow: runs longer than 2^64-1 bits"
        case .encodedSizeTooLarge(let size):
            "encoded bitfield too large (\(size) bytes, at most \(Bitfield.maxEncodedSize))"
        case .indexTooLarge(let index): "bit index \(index) exceeds the maximum \(Bitfield.maxIndex)"
        case .zeroLengthRun(let position): "zero-length run at position \(position)"
        case .sameValueRuns(let position): "runs \(position - 1) and \(position) have the same value"
        case .tooManyBits(let count, let max): "bitfield has \(count) bits set, more than \(max)"
        case .notEnoughBits(let start, let count, let available):
            "not enough bits set to slice \(count) from \(start) (\(available) after it)"
        }
    }
}
