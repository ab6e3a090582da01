import FilecoinTypes
import Foundation
import JSONRPC

/// The single-account variants of sophon-gateway's API v1 (`/rpc/v1`, venus-shared
/// `api/gateway/v1`); every other v1 method has v2's name, parameters and permission.
public enum GatewayAPIV1 {
    /// `WalletHas(account, addr)`.
    public static let walletHas = RPCMethod<Params2<String, Address>, Bool>("Gateway.WalletHas", .admin)
    /// `WalletSign(account, addr, toSign, meta)`.
    public static let walletSign = RPCMethod<Params4<String, Address, Data, GatewayMsgMeta>, Signature>(
        "Gateway.WalletSign", .admin)
}
