import DagCBOR

/// One block of a CAR file: its CID and its bytes, checked to match when read.
public struct CARBlock: Hashable, Sendable {
    public let cid: CID
    public let data: [UInt8]
    /// Where the block's frame starts in the CAR bytes.
    public let offset: Int

    public init(cid: CID, data: [UInt8], offset: Int) {
        self.cid = cid
        self.data = data
        self.offset = offset
    }
}
