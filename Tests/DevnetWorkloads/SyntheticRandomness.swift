import ChainState
import FilecoinCrypto
import FilecoinTypes

/// Chain randomness for a synthetic devnet that has no chain: the real draw
/// (`Randomness.draw`) over a per-epoch base that stands in for the ticket (`fromTickets`) or the
/// beacon entry of that epoch. Deterministic, so a workload can compute beforehand what the
/// actors will draw (seal and interactive randomness, PoSt challenges, chain commits).
public struct SyntheticRandomness: RandomnessSource, Sendable {
    public init() {}

    public func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        draw(fromTickets: fromTickets, tag: tag, epoch: epoch, entropy: entropy)
    }

    /// What ``randomness(fromTickets:tag:epoch:entropy:)`` answers (it cannot fail).
    public func draw(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) -> [UInt8] {
        Randomness.draw(base: Self.base(fromTickets: fromTickets, epoch: epoch), tag: tag, round: epoch, entropy: entropy)
    }

    /// The stand-in ticket or beacon of `epoch`: BLAKE2b-256 over a label and the epoch.
    static func base(fromTickets: Bool, epoch: Int64) -> [UInt8] {
        var input = Array((fromTickets ? "synthetic devnet ticket" : "synthetic devnet beacon").utf8)
        let bits = UInt64(bitPattern: epoch)
        for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        return Blake2b.hash256(input)
    }
}
