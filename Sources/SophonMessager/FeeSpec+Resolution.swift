import DagCBOR
import FilecoinTypes
import VenusAPI

extension FeeSpec {
    /// Each unset (zero) field taken from `fallback`.
    public func resolved(over fallback: FeeSpec) -> FeeSpec {
        FeeSpec(
            gasOverEstimation: gasOverEstimation > 0 ? gasOverEstimation : fallback.gasOverEstimation,
            maxFee: maxFee.isZero ? fallback.maxFee : maxFee,
            gasFeeCap: gasFeeCap.isZero ? fallback.gasFeeCap : gasFeeCap,
            gasOverPremium: gasOverPremium > 0 ? gasOverPremium : fallback.gasOverPremium,
            baseFee: baseFee.isZero ? fallback.baseFee : baseFee)
    }

    /// The layers resolved in priority order, most specific first: message > address > actor
    /// config > shared, as upstream resolves them.
    public static func resolving(_ layers: [FeeSpec]) -> FeeSpec {
        layers.reversed().reduce(FeeSpec.zero) { fallback, layer in layer.resolved(over: fallback) }
    }

    /// The message's own send spec as the bottom-most layer (its expiry is not a fee setting).
    public init(_ spec: SendSpec) {
        self.init(gasOverEstimation: spec.gasOverEstimation, maxFee: spec.maxFee, gasOverPremium: spec.gasOverPremium)
    }

    /// What the node's gas estimation takes of these settings.
    public var estimationSpec: FullNodeAPI.MessageSendSpec {
        .init(
            maxFee: maxFee, gasOverEstimation: gasOverEstimation > 0 ? gasOverEstimation : nil,
            gasOverPremium: gasOverPremium > 0 ? gasOverPremium : nil)
    }

    /// `message` with its fee cap lowered to `gasFeeCap` when that is set and lower, and its
    /// premium never above its fee cap.
    public func capped(_ message: Message) -> Message {
        var message = message
        if !gasFeeCap.isZero, gasFeeCap < message.gasFeeCap { message.gasFeeCap = gasFeeCap }
        if message.gasFeeCap < message.gasPremium { message.gasPremium = message.gasFeeCap }
        return message
    }
}
