/// Entry points that expose internal primitives to the benchmark package, which cannot use
/// `@testable import` in release builds. Not API: the names start with an underscore.
public enum _BLSBenchmarkHooks {
    /// Hashes to G2 with Filecoin's DST; returns whether the point is the identity (never, in
    /// practice) so the work cannot be optimised away.
    public static func hashToG2(_ message: [UInt8]) -> Bool {
        HashToG2.hash(message, dst: BLS.filecoinDST).isIdentity
    }

    /// One full pairing e(P, Q) (Miller loop and final exponentiation) on fixed points P, Q.
    public static func pairing() -> Bool {
        guard let term = Pairing.term(g1Generator.doubled, g2Generator.doubled) else { return false }
        return Pairing.millerLoop([term]).finalExponentiation.isOne
    }
}
