import Foundation

/// The random factor Lotus multiplies every premium estimate by (`1 + N(0,1)·0.005`, "to
/// normalize behaviour of message selection"), drawn from an injectable standard normal source
/// so tests can fix it.
public struct GasPremiumNoise: Sendable {
    /// Draws one standard normal sample (Go `rand.NormFloat64`).
    public var standardNormal: @Sendable () -> Double

    public init(standardNormal: @escaping @Sendable () -> Double) {
        self.standardNormal = standardNormal
    }

    /// Box–Muller over the system generator.
    public static let system = GasPremiumNoise {
        var generator = SystemRandomNumberGenerator()
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Always the same sample: `fixed(0)` leaves premiums as computed (but for Lotus's `+1` in the
    /// multiplier, which adds `premium / 2^32`).
    public static func fixed(_ sample: Double) -> GasPremiumNoise { GasPremiumNoise { sample } }
}
