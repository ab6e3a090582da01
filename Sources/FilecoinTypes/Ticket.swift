/// A block's ticket: the miner's VRF output over the previous ticket and epoch, which orders the
/// blocks of a tipset and seeds the chain's randomness.
public struct Ticket: Hashable, Sendable {
    /// The 96-byte BLS signature that is the VRF proof.
    public var vrfProof: [UInt8]

    public init(vrfProof: [UInt8]) { self.vrfProof = vrfProof }
}
