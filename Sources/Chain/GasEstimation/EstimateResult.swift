import FilecoinTypes

/// One answer of `GasBatchEstimateMessageGas` (venus-shared `types.EstimateResult`; maps onto
/// `FullNodeAPI.EstimateResult`). On success `message` has its gas fields filled and its nonce
/// counted from the batch's first nonce, and `error` is empty; on failure `error` names the step
/// that failed and `message` is the message as far as it got, with nonce 0.
public struct EstimateResult: Hashable, Sendable {
    public var message: Message
    public var error: String

    public init(message: Message, error: String = "") {
        self.message = message
        self.error = error
    }

    public var succeeded: Bool { error.isEmpty }
}
