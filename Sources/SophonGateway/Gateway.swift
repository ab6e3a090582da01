import FilecoinTypes
import Foundation
import JSONRPC
import Logging
import VenusAPI

/// sophon-gateway: the three hubs (wallets, provers, markets) and the two API versions over them.
public struct Gateway: Sendable {
    public let wallets: WalletEventHub
    public let proofs: ProofEventHub
    public let markets: MarketEventHub
    public let logger: Logger

    /// The version string `Gateway.Version` reports.
    public static let version = "1.16.0+swift"

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger = Logger(label: "sophon-gateway")) {
        wallets = WalletEventHub(authority: authority, settings: settings, logger: logger)
        proofs = ProofEventHub(authority: authority, settings: settings, logger: logger)
        markets = MarketEventHub(authority: authority, settings: settings, logger: logger)
        self.logger = logger
    }

    /// The account a provider acts for: its token's user.
    static func account(_ context: RPCCallContext) throws -> String {
        guard let name = context.token?.name, !name.isEmpty else { throw GatewayError.noAccount }
        return name
    }

    /// The API at `/rpc/v2` (or `/rpc/v1` when `v1`, whose WalletHas/WalletSign name one account).
    public func registry(v1: Bool = false) -> RPCRegistry {
        var registry = RPCRegistry()
        let wallets = wallets
        let proofs = proofs
        let markets = markets


        registry.register(GatewayAPI.listenWalletEvent) { context, params in
            try await wallets.listen(account: try Self.account(context), ip: context.remoteAddress ?? "", policy: params.p0)
        }
        registry.register(GatewayAPI.responseWalletEvent) { _, params in
            try wallets.respond(params.p0)
            return RPCVoid()
        }
        registry.register(GatewayAPI.supportNewAccount) { context, params in
            try await wallets.supportNewAccount(account: try Self.account(context), channel: params.p0, newAccount: params.p1)
            return RPCVoid()
        }
        registry.register(GatewayAPI.addNewAddress) { context, params in
            try await wallets.addNewAddress(account: try Self.account(context), channel: params.p0, addresses: params.p1)
            return RPCVoid()
        }
        registry.register(GatewayAPI.removeAddress) { context, params in
            try await wallets.removeAddress(account: try Self.account(context), channel: params.p0, addresses: params.p1)
            return RPCVoid()
        }
        registry.register(GatewayAPI.listWalletInfo) { _, _ in await wallets.walletInfo() }
        registry.register(GatewayAPI.listWalletInfoByWallet) { _, params in await wallets.walletInfo(account: params.p0) }
        if v1 {
            registry.register(GatewayAPIV1.walletHas) { _, params in try await wallets.has(params.p1, accounts: [params.p0]) }
            registry.register(GatewayAPIV1.walletSign) { _, params in
                try await wallets.sign(params.p1, accounts: [params.p0], toSign: params.p2, meta: params.p3)
            }
        } else {
            registry.register(GatewayAPI.walletHas) { _, params in try await wallets.has(params.p0, accounts: params.p1) }
            registry.register(GatewayAPI.walletSign) { _, params in
                try await wallets.sign(params.p0, accounts: params.p1, toSign: params.p2, meta: params.p3)
            }
        }

        registry.register(GatewayAPI.listenProofEvent) { context, params in
            try await proofs.listen(account: try Self.account(context), ip: context.remoteAddress ?? "", policy: params.p0)
        }
        registry.register(GatewayAPI.responseProofEvent) { _, params in
            try proofs.respond(params.p0)
            return RPCVoid()
        }
        registry.register(GatewayAPI.listConnectedMiners) { _, _ in await proofs.connectedMiners() }
        registry.register(GatewayAPI.listMinerConnection) { _, params in await proofs.minerState(params.p0) }
        registry.register(GatewayAPI.computeProof) { _, params in
            try await proofs.computeProof(
                miner: params.p0,
                request: ComputeProofRequest(sectorInfos: params.p1, rand: params.p2, height: params.p3, networkVersion: params.p4))
        }

        registry.register(GatewayAPI.listenMarketEvent) { context, params in
            try await markets.listen(account: try Self.account(context), ip: context.remoteAddress ?? "", policy: params.p0)
        }
        registry.register(GatewayAPI.responseMarketEvent) { _, params in
            try markets.respond(params.p0)
            return RPCVoid()
        }
        registry.register(GatewayAPI.listMarketConnectionsState) { _, _ in await markets.connectionsState() }
        registry.register(GatewayAPI.isUnsealed) { _, params in
            try await markets.isUnsealed(
                miner: params.p0,
                request: UnsealRequest(pieceCID: params.p1, sector: params.p2, offset: params.p3, size: params.p4, dest: nil))
        }
        registry.register(GatewayAPI.sectorsUnsealPiece) { _, params in
            try await markets.unsealPiece(
                miner: params.p0,
                request: UnsealRequest(
                    pieceCID: params.p1, sector: params.p2, offset: params.p3, size: params.p4, dest: params.p5))
            return RPCVoid()
        }

        registry.register(GatewayAPI.version) { _, _ in
            APIVersion(version: Gateway.version, apiVersion: APIVersion.pack(major: v1 ? 1 : 2, minor: 0, patch: 0), blockDelay: 0)
        }
        return registry
    }
}
