/// Multicodec codes for the content types Filecoin uses in CIDs.
public enum Multicodec {
    public static let dagCBOR: UInt64 = 0x71
    public static let raw: UInt64 = 0x55
    public static let dagPB: UInt64 = 0x70
    public static let dagJSON: UInt64 = 0x0129
    /// Piece commitment (CommP / CommD).
    public static let filCommitmentUnsealed: UInt64 = 0xf101
    /// Sealed sector commitment (CommR).
    public static let filCommitmentSealed: UInt64 = 0xf102
}
