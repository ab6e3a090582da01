/// A proof of spacetime as carried in a block (winning PoSt) or a miner message (window PoSt):
/// the registered proof type and the proof bytes.
public struct PoStProof: Hashable, Sendable {
    /// The `abi.RegisteredPoStProof` number of the proof's type.
    public var proofType: Int64
    public var proofBytes: [UInt8]

    public init(proofType: Int64, proofBytes: [UInt8]) {
        self.proofType = proofType
        self.proofBytes = proofBytes
    }
}
