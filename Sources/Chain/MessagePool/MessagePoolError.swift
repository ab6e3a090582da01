import DagCBOR
import FilecoinTypes

/// Why the pool refused a message or could not answer, one case per Lotus error (`ErrNonceTooLow`,
/// `ErrNonceGap`, `ErrRBFTooLowPremium`, ...). A refused message changes nothing in the pool.
public enum MessagePoolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The signed message's CBOR form is larger than 64 KiB (`ErrMessageTooBig`).
    case messageTooBig(size: Int)
    /// The gas limit exceeds the block gas limit.
    case gasLimitTooHigh(gasLimit: Int64)
    /// The gas limit does not even pay for storing the message on chain.
    case gasLimitTooLow(gasLimit: Int64, minimum: Int64)
    /// Another syntax rule of `ValidForBlockInclusion` is broken (negative value, premium above
    /// the fee cap, unsupported version, ...).
    case invalidMessage(String)
    /// The value is not below the total supply (`ErrMessageValueTooHigh`).
    case valueTooHigh
    /// The fee cap is below the minimum base fee (`ErrGasFeeCapTooLow`).
    case gasFeeCapTooLow(feeCap: TokenAmount, minimum: TokenAmount)
    /// The fee cap is below the base-fee lower bound for inclusion in the next 20 blocks; only
    /// messages from the network are refused for it (a soft refusal in Lotus).
    case gasFeeCapBelowBaseFeeLowerBound(feeCap: TokenAmount, lowerBound: TokenAmount)
    /// The signature is not the sender's signature of the message CID.
    case invalidSignature
    /// The sender has no actor in the head's state.
    case senderNotFound(Address)
    /// The sender's actor cannot send top-level messages (not an account).
    case senderCannotSend(Address)
    /// The nonce was already used on chain (`ErrNonceTooLow`).
    case nonceTooLow(nonce: UInt64, expected: UInt64)
    /// The nonce leaves a bigger gap after the sender's next nonce than allowed (`ErrNonceGap`).
    case nonceGapTooBig(nonce: UInt64, nextNonce: UInt64, maximumGap: UInt64)
    /// A replacement for a nonce that is itself behind a gap (`ErrNonceGap`).
    case replaceBehindNonceGap(nonce: UInt64, nextNonce: UInt64)
    /// The very same message is already pending (`ErrExistingNonce`).
    case alreadyPending(nonce: UInt64)
    /// A different message with this nonce is pending and this one's premium does not beat it by
    /// the replace-by-fee ratio (`ErrRBFTooLowPremium`).
    case replaceFeeTooLow(nonce: UInt64, premium: TokenAmount, minimum: TokenAmount)
    /// The sender already has the most pending messages allowed (`ErrTooManyPendingMessages`).
    case tooManyPending(sender: Address, limit: Int)
    /// The balance does not cover the message's fee cap times gas limit (`ErrNotEnoughFunds`).
    case insufficientBalance(required: TokenAmount, balance: TokenAmount)
    /// The balance does not cover this message together with the sender's other pending ones
    /// (a soft refusal in Lotus).
    case insufficientBalanceWithPending(required: TokenAmount, balance: TokenAmount)
    /// The chain could not answer (state, tipset or messages missing).
    case stateUnavailable(String)
    /// A configuration was refused.
    case invalidConfig(String)

    public var description: String {
        switch self {
        case .messageTooBig(let size): "mpool message too large (\(size)B): message too big"
        case .gasLimitTooHigh(let limit): "'GasLimit' field cannot be greater than a block's gas limit (\(limit))"
        case .gasLimitTooLow(let limit, let minimum):
            "'GasLimit' field cannot be less than the cost of storing a message on chain \(minimum) (got \(limit))"
        case .invalidMessage(let why): "message not valid for block inclusion: \(why)"
        case .valueTooHigh: "cannot send more filecoin than will ever exist"
        case .gasFeeCapTooLow(let feeCap, let minimum): "gas fee cap too low (\(feeCap.attoFIL) < \(minimum.attoFIL))"
        case .gasFeeCapBelowBaseFeeLowerBound(let feeCap, let bound):
            "GasFeeCap doesn't meet base fee lower bound for inclusion in the next 20 blocks (GasFeeCap: \(feeCap.attoFIL), baseFeeLowerBound: \(bound.attoFIL)): validation failure"
        case .invalidSignature: "signature verification failed"
        case .senderNotFound(let address): "sender actor \(address) not found"
        case .senderCannotSend(let address): "sender actor \(address) is not a valid top-level sender"
        case .nonceTooLow(let nonce, let expected): "minimum expected nonce is \(expected), got \(nonce): message nonce too low"
        case .nonceGapTooBig(let nonce, let next, _):
            "message nonce has too big a gap from expected nonce (Nonce: \(nonce), nextNonce: \(next)): unfulfilled nonce gap"
        case .replaceBehindNonceGap(let nonce, let next):
            "rejecting replace by fee because of nonce gap (Nonce: \(nonce), nextNonce: \(next)): unfulfilled nonce gap"
        case .alreadyPending(let nonce): "message with nonce \(nonce) already in mpool: message with nonce already exists"
        case .replaceFeeTooLow(let nonce, let premium, let minimum):
            "message with nonce \(nonce) already in mpool, increase GasPremium to \(minimum.attoFIL) from \(premium.attoFIL) to trigger replace by fee: replace by fee has too low GasPremium"
        case .tooManyPending(let sender, let limit): "too many pending messages for actor \(sender) (limit \(limit))"
        case .insufficientBalance(let required, let balance):
            "not enough funds (required: \(required.attoFIL), balance: \(balance.attoFIL)): not enough funds to execute transaction"
        case .insufficientBalanceWithPending(let required, let balance):
            "not enough funds including pending messages (required: \(required.attoFIL), balance: \(balance.attoFIL)): validation failure"
        case .stateUnavailable(let why): "chain state unavailable: \(why)"
        case .invalidConfig(let why): why
        }
    }
}

/// A batch push stopped at its first refused message (Lotus `MpoolBatchPush` returns the CIDs
/// pushed so far with the error); the messages before it stay pushed.
public struct MessagePoolBatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The CIDs of the messages pushed before the refused one, in order.
    public var pushed: [CID]
    /// The index of the refused message in the batch.
    public var index: Int
    public var reason: MessagePoolError

    public var description: String { "message \(index) of the batch refused: \(reason)" }
}
