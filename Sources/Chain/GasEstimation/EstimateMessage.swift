import FilecoinTypes

/// One message of a `GasBatchEstimateMessageGas` call (venus-shared `types.EstimateMessage`):
/// the message and its send options (nil: the defaults). `FullNodeAPI.EstimateMessage` maps onto it.
public struct EstimateMessage: Hashable, Sendable {
    public var message: Message
    public var spec: MessageSendSpec?

    public init(message: Message, spec: MessageSendSpec? = nil) {
        self.message = message
        self.spec = spec
    }
}
