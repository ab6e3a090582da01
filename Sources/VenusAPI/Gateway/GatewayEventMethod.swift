/// The `Method` names of the events a gateway sends to providers, as upstream spells them.
public enum GatewayEventMethod {
    /// First event of every channel; payload `ConnectedCompleted`; not answered.
    public static let initConnect = "InitConnect"
    /// Last event of a refused channel; payload `ConnectRefused`; not answered (this gateway's addition).
    public static let connectRefused = "ConnectRefused"
    /// Wallet: list the addresses (no payload; answer `[Address]`).
    public static let walletList = "WalletList"
    /// Wallet: sign (payload `WalletSignRequest`; answer `Signature`).
    public static let walletSign = "WalletSign"
    /// Prover: window PoSt (payload `ComputeProofRequest`; answer `[PoStProof]`).
    public static let computeProof = "ComputeProof"
    /// Market: unseal a piece (payload `UnsealRequest`; answer empty).
    public static let sectorsUnsealPiece = "SectorsUnsealPiece"
    /// Market: is a piece unsealed (payload `IsUnsealRequest`; answer `Bool`).
    public static let isUnsealed = "IsUnsealed"
}
