import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC

/// sophon-gateway's API v2 (`/rpc/v2`, namespace `Gateway`), with upstream's permissions
/// (venus-shared `api/gateway/v2`): providers (wallets, provers, markets) need `read` to listen
/// and answer; pool services need `admin` to route requests through the gateway.
public enum GatewayAPI {
    // MARK: Wallet providers

    public static let listenWalletEvent = RPCStreamMethod<Params1<WalletRegisterPolicy>, RequestEvent>(
        "Gateway.ListenWalletEvent", .read)
    public static let responseWalletEvent = RPCMethod<Params1<ResponseEvent>, RPCVoid>("Gateway.ResponseWalletEvent", .read)
    public static let supportNewAccount = RPCMethod<Params2<GatewayUUID, String>, RPCVoid>(
        "Gateway.SupportNewAccount", .read)
    public static let addNewAddress = RPCMethod<Params2<GatewayUUID, [Address]>, RPCVoid>("Gateway.AddNewAddress", .read)
    public static let removeAddress = RPCMethod<Params2<GatewayUUID, [Address]>, RPCVoid>("Gateway.RemoveAddress", .read)

    // MARK: Wallet clients

    public static let listWalletInfo = RPCMethod<NoParams, [WalletDetail]>("Gateway.ListWalletInfo", .admin)
    public static let listWalletInfoByWallet = RPCMethod<Params1<String>, WalletDetail>(
        "Gateway.ListWalletInfoByWallet", .admin)
    /// `WalletHas(addr, accounts)`.
    public static let walletHas = RPCMethod<Params2<Address, [String]>, Bool>("Gateway.WalletHas", .admin)
    /// `WalletSign(addr, accounts, toSign, meta)`.
    public static let walletSign = RPCMethod<Params4<Address, [String], Data, GatewayMsgMeta>, Signature>(
        "Gateway.WalletSign", .admin)

    // MARK: Provers

    public static let listenProofEvent = RPCStreamMethod<Params1<ProofRegisterPolicy>, RequestEvent>(
        "Gateway.ListenProofEvent", .read)
    public static let responseProofEvent = RPCMethod<Params1<ResponseEvent>, RPCVoid>("Gateway.ResponseProofEvent", .read)
    public static let listConnectedMiners = RPCMethod<NoParams, [Address]>("Gateway.ListConnectedMiners", .admin)
    public static let listMinerConnection = RPCMethod<Params1<Address>, MinerState>("Gateway.ListMinerConnection", .admin)
    /// `ComputeProof(miner, sectorInfos, rand, height, nwVersion)`.
    public static let computeProof = RPCMethod<
        Params5<Address, [ExtendedSectorInfo], Data, Int64, UInt32>, [PoStProof]
    >("Gateway.ComputeProof", .admin)

    // MARK: Markets

    public static let listenMarketEvent = RPCStreamMethod<Params1<MarketRegisterPolicy>, RequestEvent>(
        "Gateway.ListenMarketEvent", .read)
    public static let responseMarketEvent = RPCMethod<Params1<ResponseEvent>, RPCVoid>(
        "Gateway.ResponseMarketEvent", .read)
    public static let listMarketConnectionsState = RPCMethod<NoParams, [MarketConnectionState]>(
        "Gateway.ListMarketConnectionsState", .admin)
    /// `IsUnsealed(miner, pieceCid, sector, offset, size)`.
    public static let isUnsealed = RPCMethod<Params5<Address, CID, SectorRef, UInt64, UInt64>, Bool>(
        "Gateway.IsUnsealed", .admin)
    /// `SectorsUnsealPiece(miner, pieceCid, sector, offset, size, dest)`.
    public static let sectorsUnsealPiece = RPCMethod<Params6<Address, CID, SectorRef, UInt64, UInt64, String>, RPCVoid>(
        "Gateway.SectorsUnsealPiece", .admin)

    // MARK: Common

    public static let version = RPCMethod<NoParams, APIVersion>("Gateway.Version", .read)
}
