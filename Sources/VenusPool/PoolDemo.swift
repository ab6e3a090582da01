import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC
import VenusAPI

/// The main job's first slice, step by step: a local pool on loopback (sophon-auth,
/// sophon-gateway, one venus-wallet with a fresh BLS and secp256k1 key joined as a storage
/// provider's user), then a message signed through the gateway as a pool service would sign
/// it, and the signature verified here, independently of the wallet.
public struct PoolDemo: Sendable {
    /// The storage provider's account in sophon-auth.
    public static let providerAccount = "sp-demo"
    /// The pool service's account (it calls the gateway with an admin token).
    public static let serviceAccount = "pool-service"

    public let pool: LocalPool
    public let say: @Sendable (String) -> Void

    public init(pool: LocalPool, say: @escaping @Sendable (String) -> Void) {
        self.pool = pool
        self.say = say
    }

    /// What the demo signed and checked.
    public struct Outcome: Sendable {
        public var addresses: [Address]
        public var signatures: [Signature]
        public var gatewayURL: String
        public var serviceToken: String
    }

    /// Runs every step; throws at the first that fails. Children keep running (call `pool.stopAll()`).
    public func run() async throws -> Outcome {
        say("[1/7] starting sophon-auth (repo \(pool.root)/sophon-auth) ...")
        let auth = try await pool.startAuth()
        say("      sophon-auth (pid \(auth.process.pid)) listens on \(auth.url)")

        say("[2/7] creating users in sophon-auth: \(Self.providerAccount) (storage provider), \(Self.serviceAccount) (pool service)")
        _ = try await auth.client.createUser(name: Self.providerAccount, comment: "storage provider (demo)")
        _ = try await auth.client.createUser(name: Self.serviceAccount, comment: "pool service (demo)")
        let providerToken = try await auth.client.generateToken(name: Self.providerAccount, perm: .sign)
        let serviceToken = try await auth.client.generateToken(name: Self.serviceAccount, perm: .admin)
        say("      tokens issued: \(Self.providerAccount) (sign), \(Self.serviceAccount) (admin)")

        say("[3/7] starting sophon-gateway ...")
        let gateway = try await pool.startGateway(auth: auth)
        say("      sophon-gateway (pid \(gateway.process.pid)) listens on \(gateway.httpURL) (and ws, /rpc/v1)")

        say("[4/7] creating the storage provider's wallet: one BLS and one secp256k1 key ...")
        let password = "demo-password"
        let addresses = try await pool.createWallet(name: "venus-wallet", password: password, keyTypes: ["bls", "secp256k1"])
        for address in addresses { say("      new key \(address)") }

        say("[5/7] starting venus-wallet, joining the gateway as \(Self.providerAccount) ...")
        let wallet = try await pool.startWallet(
            name: "venus-wallet", password: password, gateways: [gateway.multiaddr], token: providerToken)
        say("      venus-wallet (pid \(wallet.process.pid)) listens on 127.0.0.1:\(wallet.port) and dialled the gateway")
        let service = RPCHTTPClient(url: gateway.httpURL, token: serviceToken)
        let detail = try await waitForWallet(service, addresses: addresses)
        say("      the gateway proved each address (verifyaddress challenge) and routes them: \(detail)")
        let signers = try await auth.client.listSigners(user: Self.providerAccount).map(\.signer)
        say("      sophon-auth now lists them as signers of \(Self.providerAccount): \(signers.map(\.description).sorted())")

        say("[6/7] a pool service signs a message from each address through the gateway ...")
        var signed: [SignedMessage] = []
        for from in addresses {
            let message = Message(
                to: try Address("f01000"), from: from, nonce: 0, value: try TokenAmount(parsing: "1 FIL"),
                gasLimit: 1_000_000, gasFeeCap: TokenAmount(attoFIL: 100_000), gasPremium: TokenAmount(attoFIL: 1_000))
            let signature = try await service.call(
                GatewayAPI.walletSign,
                Params4(
                    from, [Self.providerAccount], Data(message.cid.bytes),
                    GatewayMsgMeta(type: "message", extra: Data(message.cborBytes))))
            say("      message \(message.cid) from \(from): \(signature.kind) signature, \(signature.data.count) bytes")
            signed.append(SignedMessage(message: message, signature: signature))
        }

        say("[7/7] verifying each signature here, without the wallet ...")
        for message in signed {
            guard message.isSignatureValid else {
                throw DemoFailure("the signature of \(message.message.cid) does not verify")
            }
            say("      valid: signed message \(message.cid) (from \(message.message.from)) is ready for the message pool")
        }
        let signatures = signed.map(\.signature)
        return Outcome(addresses: addresses, signatures: signatures, gatewayURL: gateway.httpURL, serviceToken: serviceToken)
    }

    /// Polls `ListWalletInfoByWallet` until the wallet serves every address (or 30 s pass).
    private func waitForWallet(_ service: RPCHTTPClient, addresses: [Address]) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let detail = try? await service.call(GatewayAPI.listWalletInfoByWallet, Params1(Self.providerAccount)),
                let connection = detail.connectStates.first, Set(connection.addresses) == Set(addresses)
            {
                return "channel \(connection.channelID), \(connection.addresses.count) addresses"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DemoFailure("the wallet did not join the gateway within 30 s")
    }
}

/// A demo step that did not turn out as it must.
public struct DemoFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
