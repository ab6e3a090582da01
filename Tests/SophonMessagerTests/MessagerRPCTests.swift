import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import Logging
import SophonAuth
import Testing
import VenusAPI
import VenusRuntime

@testable import SophonMessager

/// The `Message.*` API called in process through `RPCServer`, with users' signers bound in a
/// sophon-auth running on loopback: a user sees and sends only for its own signers; malformed
/// messages and reused ids are refused before anything is saved.
@Suite struct MessagerRPCTests {
    /// The RPC layer over a fixture's service, with sophon-auth's signer bindings.
    struct Caller: Sendable {
        let server: RPCServer

        struct Request<P: Encodable>: Encodable {
            var jsonrpc = "2.0"
            var id = 1
            let method: String
            let params: P
        }

        struct Answer<R: Decodable>: Decodable {
            let result: R?
            let error: RPCError?
        }

        /// `method` as `user` (sign permission, or admin) would call it over HTTP.
        func call<P: RPCParameters, R: Codable & Sendable>(
            _ method: RPCMethod<P, R>, _ params: P, as user: String, admin: Bool = false
        ) async throws -> Result<R, RPCError> {
            let token = VerifiedToken(name: user, permissions: Set((admin ? Permission.admin : .sign).withImplied))
            let body = try JSONEncoder().encode(Request(method: method.name, params: params))
            let answer = await server.handle(body: body, token: token)
            let decoded = try JSONDecoder().decode(Answer<R>.self, from: try #require(answer.body))
            if let error = decoded.error { return .failure(error) }
            return .success(try #require(decoded.result))
        }
    }

    /// Runs `body` with a sophon-auth where alice and bob each have one signer.
    static func withAuth(
        _ body: @Sendable (MessagerFixture, Caller, _ alice: Address, _ bob: Address) async throws -> Void
    ) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("messager-auth-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var logger = Logger(label: "sophon-auth-test")
        logger.logLevel = .critical
        let repo = try RepoDirectory(path: path)
        let auth = try await SophonAuthServer.open(repo: repo, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await auth.run(listen: HostPort(host: "127.0.0.1", port: 0)) { port in continuation.yield(port) }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw ScriptError("sophon-auth did not start")
            }
            defer { tasks.cancelAll() }
            let admin = try SophonAuthClient(address: "127.0.0.1:\(port)", token: auth.adminToken)
            try await MessagerFixture.with { f in
                let alice = await f.signer.newAddress(), bob = await f.signer.newAddress()
                for (user, signer) in [("alice", alice), ("bob", bob)] {
                    _ = try await admin.createUser(name: user)
                    try await admin.registerSigners(user: user, signers: [signer])
                }
                let rpc = MessagerRPC(
                    service: f.service, store: f.store, authorizer: AddressAuthorizer(client: admin), chain: f.chain,
                    wallets: nil, version: VenusVersion(version: "test", apiVersion: 0))
                let server = RPCServer(
                    registry: rpc.registry(), verifier: await LotusLocalTokenVerifier(secret: Array(repeating: 7, count: 32)))
                try await body(f, Caller(server: server), alice, bob)
            }
        }
    }

    static func transfer(from: Address, to: Address, value: Int = 1, version: UInt64 = 0, params: [UInt8] = []) -> Message {
        Message(
            version: version, to: to, from: from, nonce: 0, value: TokenAmount(attoFIL: value), gasLimit: 0,
            gasFeeCap: .zero, gasPremium: .zero, params: params)
    }

    @Test func aUserSendsAndSeesOnlyItsOwnSigners() async throws {
        try await Self.withAuth { f, rpc, alice, bob in
            let pushed = try await rpc.call(
                MessagerAPI.pushMessage, Params2(Self.transfer(from: alice, to: f.receiver), nil), as: "alice"
            ).get()
            let refused = try await rpc.call(
                MessagerAPI.pushMessage, Params2(Self.transfer(from: bob, to: f.receiver), nil), as: "alice")
            guard case .failure(let error) = refused else {
                Issue.record("alice pushed for bob's address")
                return
            }
            #expect(error.message.contains("permission denied"))
            #expect(try await f.store.messages(matching: MsgQueryParams(), senders: nil).map(\.id) == [pushed])

            let bobs = try await rpc.call(
                MessagerAPI.pushMessage, Params2(Self.transfer(from: bob, to: f.receiver, value: 2), nil), as: "bob"
            ).get()
            let aliceSees = try await rpc.call(MessagerAPI.listMessage, Params1(MsgQueryParams()), as: "alice").get()
            #expect(aliceSees.map(\.id) == [pushed])
            let aliceAsksForBob = try await rpc.call(
                MessagerAPI.listMessage, Params1(MsgQueryParams(from: [bob])), as: "alice"
            ).get()
            #expect(aliceAsksForBob.isEmpty)
            let operatorSees = try await rpc.call(MessagerAPI.listMessage, Params1(MsgQueryParams()), as: "ops", admin: true).get()
            #expect(Set(operatorSees.map(\.id)) == [pushed, bobs])

            if case .success = try await rpc.call(MessagerAPI.getMessageByUid, Params1(bobs), as: "alice") {
                Issue.record("alice read bob's message")
            }
            #expect(try await rpc.call(MessagerAPI.getMessageByUid, Params1(bobs), as: "bob").get().id == bobs)
            #expect(try await rpc.call(MessagerAPI.hasMessageByUid, Params1(bobs), as: "alice").get() == false)
            let addresses = try await rpc.call(MessagerAPI.listAddress, NoParams(), as: "alice").get()
            #expect(addresses.map(\.addr) == [alice])
            // The message is signed later with the pushing user's wallet account.
            #expect(try await f.message(pushed).walletName == "alice")
        }
    }

    @Test func malformedMessagesAndReusedIdsAreRefusedAndNothingSaved() async throws {
        try await Self.withAuth { f, rpc, alice, _ in
            let malformed: [(String, Message)] = [
                ("negative value", Self.transfer(from: alice, to: f.receiver, value: -1)),
                ("version", Self.transfer(from: alice, to: f.receiver, version: 1)),
                ("64 KiB", Self.transfer(from: alice, to: f.receiver, params: Array(repeating: 0xAB, count: 65 << 10))),
            ]
            for (why, message) in malformed {
                let answer = try await rpc.call(MessagerAPI.pushMessage, Params2(message, nil), as: "alice")
                guard case .failure(let error) = answer else {
                    Issue.record("a message with \(why) was accepted")
                    continue
                }
                #expect(error.message.contains(why))
            }
            #expect(try await f.store.messages(matching: MsgQueryParams(), senders: nil).isEmpty)

            let message = Self.transfer(from: alice, to: f.receiver)
            let id = try await rpc.call(MessagerAPI.pushMessageWithId, Params3("order-1", message, nil), as: "alice").get()
            #expect(id == "order-1")
            let again = try await rpc.call(
                MessagerAPI.pushMessageWithId, Params3("order-1", Self.transfer(from: alice, to: f.receiver, value: 9), nil),
                as: "alice")
            guard case .failure(let error) = again else {
                Issue.record("a reused id was accepted")
                return
            }
            #expect(error.message.contains("order-1"))
            let saved = try await f.store.messages(matching: MsgQueryParams(), senders: nil)
            #expect(saved.count == 1)
            #expect(saved.first?.message.value == TokenAmount(attoFIL: 1))
        }
    }
}
