/// The request limits and checks the hubs apply (from `GatewayConfig`).
public struct GatewaySettings: Sendable {
    /// Requests waiting on one connection.
    public var queueSize: Int
    /// Timeout of wallet signatures, proofs and market queries.
    public var timeout: Duration
    /// Timeout of unseals.
    public var unsealTimeout: Duration
    /// Whether wallets must prove each address they claim.
    public var verifyAddresses: Bool

    public init(
        queueSize: Int = 2048, timeout: Duration = .seconds(300), unsealTimeout: Duration = .seconds(1800),
        verifyAddresses: Bool = true
    ) {
        self.queueSize = queueSize
        self.timeout = timeout
        self.unsealTimeout = unsealTimeout
        self.verifyAddresses = verifyAddresses
    }

    public init(config: GatewayConfig) {
        self.init(
            queueSize: config.request.queueSize, timeout: config.request.timeout.duration,
            unsealTimeout: config.request.unsealTimeout.duration, verifyAddresses: config.enableVerifyAddress)
    }
}
