import FilecoinTypes
import Foundation
import JSONRPC
import VenusAPI

/// Binds a `Wallet` to the `WalletAPI` methods. Tokens are Lotus local tokens (HS256 over
/// `secret`); no method is public, so a request without a token gets nothing.
public enum WalletRPC {
    /// The version `Filecoin.Version` reports.
    public static let version = APIVersion(
        version: "1.20.0+swift", apiVersion: APIVersion.pack(major: 1, minor: 0, patch: 0), blockDelay: 30)

    public static func registry(wallet: Wallet, secret: [UInt8]) async -> RPCRegistry {
        var registry = RPCRegistry()
        registry.register(WalletAPI.walletNew) { _, p in try await wallet.new(p.p0) }
        registry.register(WalletAPI.walletHas) { _, p in try await wallet.has(p.p0) }
        registry.register(WalletAPI.walletList) { _, _ in try await wallet.list() }
        registry.register(WalletAPI.walletSign) { _, p in
            try await wallet.sign(signer: p.p0, data: Array(p.p1), meta: p.p2)
        }
        registry.register(WalletAPI.walletExport) { _, p in try await wallet.export(p.p0) }
        registry.register(WalletAPI.walletImport) { _, p in try await wallet.importKey(p.p0) }
        registry.register(WalletAPI.walletDelete) { _, p in
            try await wallet.delete(p.p0)
            return RPCVoid()
        }
        registry.register(WalletAPI.setPassword) { _, p in
            try await wallet.setPassword(p.p0)
            return RPCVoid()
        }
        registry.register(WalletAPI.unlock) { _, p in
            try await wallet.unlock(p.p0)
            return RPCVoid()
        }
        registry.register(WalletAPI.lock) { _, p in
            try await wallet.lock(p.p0)
            return RPCVoid()
        }
        registry.register(WalletAPI.lockState) { _, _ in await wallet.isLocked }
        registry.register(WalletAPI.verifyPassword) { _, p in
            try await wallet.verifyPassword(p.p0)
            return RPCVoid()
        }
        registry.register(WalletAPI.listSignedRecord) { _, p in try await wallet.signRecords(p.p0) }
        registry.register(WalletAPI.version) { _, _ in version }
        let verifier = await LotusLocalTokenVerifier(secret: secret)
        registry.register(WalletAPI.authVerify) { _, p in
            Array(try await verifier.verify(p.p0).permissions).sorted()
        }
        registry.register(WalletAPI.authNew) { _, p in
            Data(try await LotusLocalToken.issue(permissions: p.p0, secret: secret).utf8)
        }
        return registry
    }
}
