import Foundation
import JSONRPC

/// Methods of Lotus's `Common` API that every Venus service exposes, with upstream's permissions.
public enum CommonAPI {
    /// `Filecoin.Version() (APIVersion, error)`, permission read.
    public static let version = RPCMethod<NoParams, APIVersion>("Filecoin.Version", .read)
    /// `Filecoin.AuthVerify(token string) ([]auth.Permission, error)`, permission read.
    public static let authVerify = RPCMethod<Params1<String>, [Permission]>("Filecoin.AuthVerify", .read)
    /// `Filecoin.AuthNew(perms []auth.Permission) ([]byte, error)`, permission admin; the token's bytes
    /// travel base64-encoded, as Go encodes `[]byte`.
    public static let authNew = RPCMethod<Params1<[Permission]>, Data>("Filecoin.AuthNew", .admin)
}
