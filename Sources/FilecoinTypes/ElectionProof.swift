/// Proof that a miner won the leader election for an epoch: the VRF proof and how many times the
/// miner won (the win count weighs the block's reward and the chain's weight).
public struct ElectionProof: Hashable, Sendable {
    public var winCount: Int64
    public var vrfProof: [UInt8]

    public init(winCount: Int64, vrfProof: [UInt8]) {
        self.winCount = winCount
        self.vrfProof = vrfProof
    }
}
