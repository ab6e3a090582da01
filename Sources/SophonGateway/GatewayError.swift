import FilecoinTypes
import VenusAPI

/// Why the gateway refused or could not complete a request. Each case's text is what the
/// caller (service or provider) reads in the JSON-RPC error.
public enum GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call carried no verified token, so there is no account to act for.
    case noAccount
    /// sophon-auth does not know (or refused) a user the provider named.
    case unknownUser(String, reason: String)
    /// sophon-auth does not bind `miner` to the provider's account.
    case minerNotBound(miner: Address, account: String)
    /// No verified wallet connection serves `address` for any of `accounts`.
    case noWallet(address: Address, accounts: [String])
    /// No prover is connected for `miner`.
    case noProver(miner: Address)
    /// No market is connected for `miner`.
    case noMarket(miner: Address)
    /// The provider's connection closed before it answered.
    case connectionClosed(channel: GatewayUUID)
    /// The connection already has `limit` requests waiting for an answer.
    case queueFull(channel: GatewayUUID, limit: Int)
    /// No answer within the method's timeout.
    case timeout(method: String, seconds: Double)
    /// The provider answered with this error text.
    case provider(String)
    /// A response names a request id the gateway is not waiting for (answered already, timed out, or never sent).
    case unknownRequest(GatewayUUID)
    /// A call names a channel the caller does not own or that is closed.
    case unknownChannel(GatewayUUID)
    /// A claimed address failed its `verifyaddress` proof.
    case addressProofFailed(account: String, address: Address, reason: String)
    /// The provider's answer is not what the method returns.
    case invalidAnswer(method: String, reason: String)
    /// sophon-auth failed while the gateway registered signers or checked a binding.
    case authority(String)

    public var description: String {
        switch self {
        case .noAccount:
            return "the call has no account: send a sophon-auth token"
        case .unknownUser(let name, let reason):
            return "account \(name) is not a user of sophon-auth: \(reason)"
        case .minerNotBound(let miner, let account):
            return "miner \(miner) is not bound to account \(account) in sophon-auth"
        case .noWallet(let address, let accounts):
            return "no wallet connected for address \(address) in account(s) \(accounts.joined(separator: ","))"
        case .noProver(let miner):
            return "no prover connected for miner \(miner)"
        case .noMarket(let miner):
            return "no market connected for miner \(miner)"
        case .connectionClosed(let channel):
            return "the provider's connection \(channel) closed before it answered"
        case .queueFull(let channel, let limit):
            return "connection \(channel) already has \(limit) requests waiting (RequestQueueSize)"
        case .timeout(let method, let seconds):
            return "\(method) got no answer within \(seconds)s"
        case .provider(let text):
            return text
        case .unknownRequest(let id):
            return "request id \(id) not exist"
        case .unknownChannel(let id):
            return "channel \(id) is not an open connection of this account"
        case .addressProofFailed(let account, let address, let reason):
            return "wallet \(account) verify address \(address) failed: \(reason)"
        case .invalidAnswer(let method, let reason):
            return "invalid answer to \(method): \(reason)"
        case .authority(let text):
            return "sophon-auth: \(text)"
        }
    }

    /// Whether another connection should be tried after this failure: not after a timeout
    /// (upstream waits no further), nor after the provider's own refusal.
    var triesOthers: Bool {
        switch self {
        case .connectionClosed, .queueFull, .unknownRequest: return true
        default: return false
        }
    }
}
