import VenusAPI
import GoCompat
import ArgumentParser
import FilecoinTypes
import Foundation
import JSONRPC
import VenusRuntime
import VenusWallet

/// Where a key command acts: the running daemon, when the repo's `api` file names one that
/// answers (so it sees every change, announces it to its gateways and keeps its lock state), or
/// the keystore itself when no daemon runs (then `--password` unlocks it for the command).
enum WalletAccess {
    case daemon(RPCHTTPClient)
    case local(Wallet)

    /// The daemon of `options.repo` if one answers, else the keystore (unlocked when `unlock`).
    static func open(_ options: KeystoreOptions, unlock: Bool = true) async throws -> WalletAccess {
        if let client = await runningDaemon(repo: try options.repo()) { return .daemon(client) }
        return .local(try await options.wallet(unlock: unlock))
    }

    private static func runningDaemon(repo directory: RepoDirectory) async -> RPCHTTPClient? {
        guard let api = try? directory.readAPI().trimmingCharacters(in: .whitespacesAndNewlines),
            let token = try? directory.readToken().trimmingCharacters(in: .whitespacesAndNewlines),
            let url = try? Endpoint(parsing: api).withDefaultPath("/rpc/v0").httpURL()
        else { return nil }
        let client = RPCHTTPClient(url: url, token: token, timeout: .seconds(30))
        // A stale `api` file (the daemon was killed) must not stop offline use of the keystore.
        let probe = RPCHTTPClient(url: url, token: token, timeout: .seconds(2))
        guard (try? await probe.call(WalletAPI.version)) != nil else { return nil }
        return client
    }

    func new(_ type: KeyType) async throws -> Address {
        switch self {
        case .daemon(let client): try await client.call(WalletAPI.walletNew, Params1(type))
        case .local(let wallet): try await wallet.new(type)
        }
    }

    func list() async throws -> [Address] {
        switch self {
        case .daemon(let client): try await client.call(WalletAPI.walletList)
        case .local(let wallet): try await wallet.list()
        }
    }

    func importKey(_ keyInfo: KeyInfo) async throws -> Address {
        switch self {
        case .daemon(let client): try await client.call(WalletAPI.walletImport, Params1(keyInfo))
        case .local(let wallet): try await wallet.importKey(keyInfo)
        }
    }

    func export(_ address: Address) async throws -> KeyInfo {
        switch self {
        case .daemon(let client): try await client.call(WalletAPI.walletExport, Params1(address))
        case .local(let wallet): try await wallet.export(address)
        }
    }

    func delete(_ address: Address) async throws {
        switch self {
        case .daemon(let client): _ = try await client.call(WalletAPI.walletDelete, Params1(address))
        case .local(let wallet): try await wallet.delete(address)
        }
    }

    func sign(signer: Address, data: [UInt8], meta: WalletMsgMeta) async throws -> Signature {
        switch self {
        case .daemon(let client): try await client.call(WalletAPI.walletSign, Params3(signer, Data(data), meta))
        case .local(let wallet): try await wallet.sign(signer: signer, data: data, meta: meta)
        }
    }
}
