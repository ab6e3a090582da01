import DagCBOR
import FilecoinTypes
import GoCompat
import Foundation
import JSONRPC
import VenusAPI

/// Signs a message with its sender's key, which the messager never holds: the key stays in the
/// SP's own wallet, reached through sophon-gateway.
public protocol MessageSigner: Sendable {
    /// The signature of `message` (over its CID bytes, the chain-message form the wallet checks
    /// against the message in the meta) by `message.from`, asked of the wallets that serve
    /// `accounts` (the sophon-auth users the address belongs to).
    func sign(_ message: Message, accounts: [String]) async throws -> Signature
}

/// Signs through sophon-gateway's `Gateway.WalletSign`, with the message's CBOR bytes as the
/// `MsgMeta` extra so the wallet checks what it signs.
public struct GatewayMessageSigner: MessageSigner, WalletPresence {
    let client: RPCHTTPClient

    /// - Parameter endpoint: the gateway's address (multiaddr, host:port or URL; `/rpc/v2` when
    ///   it names no path); `token` must carry admin permission there, as pool services' do.
    public init(endpoint: String, token: String) throws {
        let url = try Endpoint(parsing: endpoint).withDefaultPath("/rpc/v2").httpURL()
        client = RPCHTTPClient(url: url, token: token.isEmpty ? nil : token)
    }

    public func sign(_ message: Message, accounts: [String]) async throws -> Signature {
        try await client.call(
            GatewayAPI.walletSign,
            Params4(
                message.from, accounts, Data(message.cid.bytes),
                GatewayMsgMeta(type: MsgType.message.rawValue, extra: Data(message.cborBytes))))
    }

    public func has(_ address: Address, accounts: [String]) async throws -> Bool {
        try await client.call(GatewayAPI.walletHas, Params2(address, accounts))
    }
}
