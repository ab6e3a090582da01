/// The scrypt cost of newly encrypted keys. Upstream venus-wallet's defaults are N = 2^18,
/// r = 8, p = 1 (about 256 MiB and a second of CPU per key); N and p come from the
/// `[Factor]` config section, and tests use a small N.
public struct ScryptParameters: Hashable, Sendable {
    public var n: Int
    public var r: Int
    public var p: Int

    public static let standard = ScryptParameters(unchecked: 1 << 18, r: 8, p: 1)

    /// - Throws: `WalletError.storage` unless N is a power of two above 1 and r, p are positive.
    public init(n: Int, r: Int = 8, p: Int) throws {
        guard n > 1, n & (n - 1) == 0, r > 0, p > 0, n <= 1 << 24 else {
            throw WalletError.storage("invalid scrypt parameters n=\(n) r=\(r) p=\(p)")
        }
        self.n = n
        self.r = r
        self.p = p
    }

    private init(unchecked n: Int, r: Int, p: Int) {
        self.n = n
        self.r = r
        self.p = p
    }
}
