import FilecoinTypes

extension VM {
    /// Applies a message the protocol itself sends (Lotus's legacy `VM.ApplyImplicitMessage`):
    /// the block reward and the cron tick. No signature, nonce or balance is checked, no gas is
    /// bought or paid, and the state is not reverted when it fails: the caller treats any failure
    /// as fatal to the whole block application. The receipt's `gasUsed` is always 0, as Lotus
    /// records it, whatever the message consumed within its `gasLimit`.
    public func applyImplicitMessage(_ message: Message) throws(ActorError) -> ApplyResult {
        let (returnData, actorError, context) = try send(
            Invocation(
                from: message.from, to: message.to, value: message.value, method: message.method,
                params: message.params, gasLimit: message.gasLimit),
            parent: nil, charge: nil, origin: message.from, originNonce: message.nonce)
        let exitCode = actorError?.code ?? .ok
        return ApplyResult(
            receipt: MessageReceipt(exitCode: exitCode.rawValue, returnData: exitCode.isSuccess ? returnData : [], gasUsed: 0),
            gasOutputs: GasOutputs(), errorMessage: actorError?.message, gasTrace: context.trace.charges)
    }
}
