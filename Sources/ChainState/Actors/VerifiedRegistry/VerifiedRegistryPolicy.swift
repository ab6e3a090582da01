import BigInt

/// The verified registry's policy: the smallest verified deal (and DataCap grant), which
/// Lotus builds set per network (`policy.SetMinVerifiedDealSize`).
public struct VerifiedRegistryPolicy: Hashable, Sendable {
    public var minVerifiedDealSize: BigInt

    public init(minVerifiedDealSize: BigInt) { self.minVerifiedDealSize = minVerifiedDealSize }

    /// Mainnet: 1 MiB.
    public static let mainnet = VerifiedRegistryPolicy(minVerifiedDealSize: BigInt(1) << 20)
    /// Lotus's 2k devnet build: 256 bytes.
    public static let devnet = VerifiedRegistryPolicy(minVerifiedDealSize: 256)
}
