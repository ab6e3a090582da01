import FilecoinTypes

/// The pool's tunables (Lotus `types.MpoolConfig`), with Lotus's defaults.
public struct MessagePoolConfig: Hashable, Sendable {
    /// Senders whose messages are selected first and never pruned.
    public var priorityAddresses: [Address]
    /// Above this many pending messages the pool prunes (Lotus `SizeLimitHigh`, 30,000).
    public var sizeLimitHigh: Int
    /// Pruning keeps the best messages down to this many (Lotus `SizeLimitLow`, 20,000).
    public var sizeLimitLow: Int
    /// A replacement must pay at least this percentage of the replaced message's gas premium,
    /// plus one attoFIL. 125 (1.25x) by default; never below ``minimumReplaceByFeeRatio``.
    public var replaceByFeeRatio: UInt64
    /// The least time between two prunes triggered by adds (Lotus `PruneCooldown`, one minute).
    public var pruneCooldown: Duration
    /// Lotus's `GasLimitOverestimation` (1.25), kept for the gas estimator that reads this config.
    public var gasLimitOverestimation: Double
    /// How far past the sender's next nonce a message from the network may go (Lotus `MaxNonceGap`, 4).
    public var maxNonceGap: UInt64
    /// The most pending messages one sender may have (Lotus `MaxActorPendingMessages`, 1,000).
    public var maxPendingPerSender: Int
    /// The same for messages pushed by untrusted clients (Lotus `MaxUntrustedActorPendingMessages`, 100).
    public var maxUntrustedPendingPerSender: Int

    /// Lotus's `ReplaceByFeePercentageMinimum`: no configuration may accept a cheaper replacement.
    public static let minimumReplaceByFeeRatio: UInt64 = 110

    public init(
        priorityAddresses: [Address] = [], sizeLimitHigh: Int = 30_000, sizeLimitLow: Int = 20_000,
        replaceByFeeRatio: UInt64 = 125, pruneCooldown: Duration = .seconds(60), gasLimitOverestimation: Double = 1.25,
        maxNonceGap: UInt64 = 4, maxPendingPerSender: Int = 1000, maxUntrustedPendingPerSender: Int = 100
    ) {
        self.priorityAddresses = priorityAddresses
        self.sizeLimitHigh = sizeLimitHigh
        self.sizeLimitLow = sizeLimitLow
        self.replaceByFeeRatio = replaceByFeeRatio
        self.pruneCooldown = pruneCooldown
        self.gasLimitOverestimation = gasLimitOverestimation
        self.maxNonceGap = maxNonceGap
        self.maxPendingPerSender = maxPendingPerSender
        self.maxUntrustedPendingPerSender = maxUntrustedPendingPerSender
    }

    /// Lotus's `validateConfg`, plus the water marks' order (a low mark above the high one would
    /// prune nothing and prune again at every add).
    public func validate() throws(MessagePoolError) {
        guard replaceByFeeRatio >= Self.minimumReplaceByFeeRatio else {
            throw .invalidConfig("'ReplaceByFeeRatio' is less than required \(replaceByFeeRatio) < \(Self.minimumReplaceByFeeRatio)")
        }
        guard gasLimitOverestimation >= 1 else { throw .invalidConfig("'GasLimitOverestimation' cannot be less than 1") }
        guard sizeLimitLow >= 0, sizeLimitLow <= sizeLimitHigh else {
            throw .invalidConfig("'SizeLimitLow' (\(sizeLimitLow)) must be between 0 and 'SizeLimitHigh' (\(sizeLimitHigh))")
        }
    }
}
