import FilecoinTypes
import Foundation
import JSONRPC

/// The venus-wallet JSON-RPC API (`/rpc/v0`, namespace `Filecoin`) with upstream's permissions
/// (venus-shared `api/wallet`). Byte arrays travel base64-encoded, as Go encodes `[]byte`.
/// Declared here, beside the other APIs, so that any service can call a wallet directly
/// without importing the wallet component.
public enum WalletAPI {
    public static let walletNew = RPCMethod<Params1<KeyType>, Address>("Filecoin.WalletNew", .admin)
    public static let walletHas = RPCMethod<Params1<Address>, Bool>("Filecoin.WalletHas", .read)
    public static let walletList = RPCMethod<NoParams, [Address]>("Filecoin.WalletList", .read)
    public static let walletSign = RPCMethod<Params3<Address, Data, WalletMsgMeta>, Signature>(
        "Filecoin.WalletSign", .sign)
    public static let walletExport = RPCMethod<Params1<Address>, KeyInfo>("Filecoin.WalletExport", .admin)
    public static let walletImport = RPCMethod<Params1<KeyInfo>, Address>("Filecoin.WalletImport", .admin)
    public static let walletDelete = RPCMethod<Params1<Address>, RPCVoid>("Filecoin.WalletDelete", .admin)

    public static let setPassword = RPCMethod<Params1<String>, RPCVoid>("Filecoin.SetPassword", .admin)
    public static let unlock = RPCMethod<Params1<String>, RPCVoid>("Filecoin.Unlock", .admin)
    public static let lock = RPCMethod<Params1<String>, RPCVoid>("Filecoin.Lock", .admin)
    public static let lockState = RPCMethod<NoParams, Bool>("Filecoin.LockState", .admin)
    public static let verifyPassword = RPCMethod<Params1<String>, RPCVoid>("Filecoin.VerifyPassword", .admin)

    public static let listSignedRecord = RPCMethod<Params1<SignRecordQuery>, [SignRecord]>(
        "Filecoin.ListSignedRecord", .read)

    public static let version = CommonAPI.version
    public static let authVerify = CommonAPI.authVerify
    public static let authNew = CommonAPI.authNew
}
