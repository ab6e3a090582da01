import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import JSONRPC
import SophonGateway
import Synchronization
import Testing
import VenusAPI
import VenusTesting

/// Trust and routing of providers that are not venus-wallet: an impostor wallet and provers,
/// played by in-test clients against real sophon-auth and sophon-gateway processes.
@Suite(.serialized, .enabled(if: PoolExecutables.available, Comment(rawValue: PoolExecutables.missing)))
struct ProviderTrustTests {
    /// Answers every request on a provider channel with `answer`, until the channel ends;
    /// returns the events seen.
    static func serve(
        _ client: RPCWebSocketClient, _ events: AsyncThrowingStream<RequestEvent, any Error>,
        respond: RPCMethod<Params1<ResponseEvent>, RPCVoid>, until stop: @escaping @Sendable (RequestEvent) -> Bool = { _ in false },
        answer: @escaping @Sendable (RequestEvent) throws -> ResponseEvent?
    ) async -> [RequestEvent] {
        var seen: [RequestEvent] = []
        do {
            for try await event in events {
                seen.append(event)
                if stop(event) { break }
                if event.method == GatewayEventMethod.initConnect || event.method == GatewayEventMethod.connectRefused {
                    continue
                }
                let response: ResponseEvent?
                do {
                    response = try answer(event)
                } catch {
                    response = ResponseEvent(id: event.id, error: "cannot answer: \(error)")
                }
                // nil: stay silent, as a stuck provider would.
                if let response { _ = try? await client.call(respond, Params1(response)) }
            }
        } catch {}
        return seen
    }

    @Test func anImpostorClaimingAnAddressItCannotSignForIsRefused() async throws {
        try await withPool("impostor") { fixture in
            // The victim's address is a real key the impostor does not hold.
            let victim = Address.secp256k1(publicKey: Secp256k1PrivateKey.generate().publicKey)
            let impostorKey = Secp256k1PrivateKey.generate()
            let token = try await fixture.user("mallory", perm: .sign)
            let serviceToken = try await fixture.user("pool-service", perm: .admin)

            let client = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: token))
            defer { client.close() }
            let events = try await client.subscribe(
                GatewayAPI.listenWalletEvent, Params1(WalletRegisterPolicy(signBytes: Data(repeating: 7, count: 32))))
            let seen = await Self.serve(client, events, respond: GatewayAPI.responseWalletEvent) { event in
                switch event.method {
                case GatewayEventMethod.walletList:
                    return ResponseEvent(id: event.id, payload: try JSONEncoder().encode([victim]))
                default:
                    // A valid signature, but by the impostor's key.
                    let request = try JSONDecoder().decode(WalletSignRequest.self, from: event.payload)
                    let signature = try Signature.secp256k1(signing: Array(request.toSign), with: impostorKey)
                    return ResponseEvent(id: event.id, payload: try JSONEncoder().encode(signature))
                }
            }
            // The gateway challenged the claimed address, then refused and closed the channel.
            let methods = seen.map(\.method)
            #expect(methods.contains(GatewayEventMethod.walletSign))
            #expect(!methods.contains(GatewayEventMethod.initConnect))
            let refusal = try #require(seen.last { $0.method == GatewayEventMethod.connectRefused })
            let reason = try JSONDecoder().decode(ConnectRefused.self, from: refusal.payload).reason
            #expect(reason.contains("verify address \(victim)"), "\(reason)")
            #expect(reason.contains("does not verify"), "\(reason)")

            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)
            #expect(try await service.call(GatewayAPI.listWalletInfoByWallet, Params1("mallory")).connectStates.isEmpty)
            #expect(try await fixture.auth.client.listSigners(user: "mallory").isEmpty)
            await #expect(throws: RPCError.self) {
                _ = try await service.call(
                    GatewayAPI.walletSign, Params4(victim, ["mallory"], Data([1]), GatewayMsgMeta(type: "unknown")))
            }
        }
    }

    @Test func aWalletOfAnAccountUnknownToSophonAuthIsRefused() async throws {
        try await withPool("unknown-account") { fixture in
            let token = try await fixture.user("ghost", perm: .sign)
            let client = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: token))
            defer { client.close() }
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.subscribe(
                    GatewayAPI.listenWalletEvent,
                    Params1(WalletRegisterPolicy(supportAccounts: ["nobody"], signBytes: Data([1]))))
            }
            #expect(error?.message.contains("account nobody is not a user of sophon-auth") == true, "\(String(describing: error))")
        }
    }

    @Test func proofRequestsGoToTheMinersProverAndFailFastWithoutOne() async throws {
        try await withPool("proof") { fixture in
            let miner = try Address("f01000")
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            let proverToken = try await fixture.user("sp-prover", perm: .read)
            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)
            let sector = ExtendedSectorInfo(
                sealProof: 8, sectorNumber: 1, sectorKey: nil,
                sealedCID: try CID(string: "bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkiekz"))
            let params = Params5(miner, [sector], Data(repeating: 3, count: 32), Int64(100), UInt32(21))

            // No prover: a clear error, at once.
            let start = ContinuousClock.now
            let error = await #expect(throws: RPCError.self) { _ = try await service.call(GatewayAPI.computeProof, params) }
            #expect(error?.message == "no prover connected for miner \(miner)")
            // At once, not after the 5-minute request timeout (the bound is loose for a loaded machine).
            #expect(ContinuousClock.now - start < .seconds(150))

            // A prover for a miner not bound to its account is refused.
            let prover = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: proverToken))
            defer { prover.close() }
            let refused = await #expect(throws: RPCError.self) {
                _ = try await prover.subscribe(GatewayAPI.listenProofEvent, Params1(ProofRegisterPolicy(minerAddress: miner)))
            }
            #expect(refused?.message == "miner \(miner) is not bound to account sp-prover in sophon-auth")

            // Bound, it serves the proof.
            try await fixture.auth.client.upsertMiner(user: "sp-prover", miner: miner)
            let events = try await prover.subscribe(GatewayAPI.listenProofEvent, Params1(ProofRegisterPolicy(minerAddress: miner)))
            let proof = PoStProof(proofType: 3, proofBytes: [9, 9, 9])
            let serving = Task {
                await Self.serve(prover, events, respond: GatewayAPI.responseProofEvent) { event in
                    let request = try JSONDecoder().decode(ComputeProofRequest.self, from: event.payload)
                    guard request.sectorInfos == [sector], request.height == 100 else {
                        return ResponseEvent(id: event.id, error: "unexpected request")
                    }
                    return ResponseEvent(id: event.id, payload: try JSONEncoder().encode([proof]))
                }
            }
            defer { serving.cancel() }
            let miners = try await eventually("the prover is listed") {
                let listed = try await service.call(GatewayAPI.listConnectedMiners, NoParams())
                return listed.isEmpty ? nil : listed
            }
            #expect(miners == [miner])
            #expect(try await service.call(GatewayAPI.computeProof, params) == [proof])
            #expect(try await service.call(GatewayAPI.listMinerConnection, Params1(miner)).connectionCount == 1)
        }
    }

    @Test func aSilentWalletGetsTimeoutsAndAFullQueueWithClearErrors() async throws {
        // The timeout only has to outlast the wait for the gateway to report both queued requests.
        let config = "[Request]\nQueueSize = 2\nTimeout = \"10s\"\n"
        try await withPool("limits", gatewayConfig: config) { fixture in
            let key = Secp256k1PrivateKey.generate()
            let address = Address.secp256k1(publicKey: key.publicKey)
            let token = try await fixture.user("sp-slow", perm: .sign)
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            let service = try await fixture.service(token: serviceToken)
            defer { service.close() }

            // A wallet that proves its address, then never answers a signing request.
            let wallet = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: token))
            defer { wallet.close() }
            let events = try await wallet.subscribe(
                GatewayAPI.listenWalletEvent, Params1(WalletRegisterPolicy(signBytes: Data([4, 2]))))
            let silent = LockedIDs()
            let serving = Task {
                await Self.serve(wallet, events, respond: GatewayAPI.responseWalletEvent) { event in
                    if event.method == GatewayEventMethod.walletList {
                        return ResponseEvent(id: event.id, payload: try JSONEncoder().encode([address]))
                    }
                    let request = try JSONDecoder().decode(WalletSignRequest.self, from: event.payload)
                    guard request.meta.type == GatewayMsgMeta.verifyAddressType else {
                        silent.append(event.id)
                        return nil
                    }
                    let signature = try Signature.secp256k1(signing: Array(request.toSign), with: key)
                    return ResponseEvent(id: event.id, payload: try JSONEncoder().encode(signature))
                }
            }
            defer { serving.cancel() }
            try await fixture.waitForWallets(service, account: "sp-slow", connections: 1, addresses: [address])

            let sign = { @Sendable (tag: String) async -> RPCError? in
                do {
                    _ = try await service.call(
                        GatewayAPI.walletSign, Params4(address, ["sp-slow"], Data(tag.utf8), GatewayMsgMeta(type: "unknown")))
                    return nil
                } catch {
                    return error as? RPCError
                }
            }
            async let first = sign("one")
            async let second = sign("two")
            // The gateway reports both requests waiting on the connection: the queue is full.
            try await waitUntil("the gateway reports 2 requests waiting") {
                let detail = try await service.call(GatewayAPI.listWalletInfoByWallet, Params1("sp-slow"))
                return detail.connectStates.first?.requestCount == 2
            }
            // The queue holds two; a third is refused at once.
            let third = await sign("three")
            #expect(third?.message.contains("already has 2 requests waiting (RequestQueueSize)") == true, "\(String(describing: third))")
            // Refused, not timed out: its error is the queue's, while the first two still wait.
            for error in [await first, await second] {
                #expect(error?.message == "WalletSign got no answer within 10.0s", "\(String(describing: error))")
            }

            // An answer after the timeout is refused: each request is answered once.
            let late = try #require(silent.all.first)
            let refused = await #expect(throws: RPCError.self) {
                _ = try await wallet.call(GatewayAPI.responseWalletEvent, Params1(ResponseEvent(id: late, payload: Data("{}".utf8))))
            }
            #expect(refused?.message == "request id \(late) not exist")
        }
    }
}

extension ProviderTrustTests {
    @Test func channelCallsAreCheckedAndSupportNewAccountRegistersTheSigners() async throws {
        try await withPool("channels") { fixture in
            let key = Secp256k1PrivateKey.generate()
            let address = Address.secp256k1(publicKey: key.publicKey)
            let token = try await fixture.user("sp-a", perm: .sign)
            let otherToken = try await fixture.user("sp-b", perm: .sign)
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            _ = try await fixture.auth.client.createUser(name: "pool-x")
            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)

            // An honest provider written against the wire protocol alone.
            let wallet = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: token))
            defer { wallet.close() }
            let events = try await wallet.subscribe(
                GatewayAPI.listenWalletEvent, Params1(WalletRegisterPolicy(signBytes: Data([9]))))
            let channel = ChannelBox()
            let serving = Task {
                await Self.serve(wallet, events, respond: GatewayAPI.responseWalletEvent, until: { event in
                    if event.method == GatewayEventMethod.initConnect,
                        let completed = try? JSONDecoder().decode(ConnectedCompleted.self, from: event.payload)
                    {
                        channel.set(completed.channelID)
                    }
                    return false
                }) { event in
                    if event.method == GatewayEventMethod.walletList {
                        return ResponseEvent(id: event.id, payload: try JSONEncoder().encode([address]))
                    }
                    let request = try JSONDecoder().decode(WalletSignRequest.self, from: event.payload)
                    let signature = try Signature.secp256k1(signing: Array(request.toSign), with: key)
                    return ResponseEvent(id: event.id, payload: try JSONEncoder().encode(signature))
                }
            }
            defer { serving.cancel() }
            try await fixture.waitForWallets(service, account: "sp-a", connections: 1, addresses: [address])
            // The gateway may list the wallet before this provider has read its InitConnect event.
            let channelID = try await eventually("the InitConnect event names the channel") { channel.value }

            // Another account cannot act on this channel.
            let other = RPCHTTPClient(url: fixture.gateway.httpURL, token: otherToken)
            let foreign = await #expect(throws: RPCError.self) {
                _ = try await other.call(GatewayAPI.removeAddress, Params2(channelID, [address]))
            }
            #expect(foreign?.message == "channel \(channelID) is not an open connection of this account")
            #expect(try await service.call(GatewayAPI.walletHas, Params2(address, ["sp-a"])))

            // SupportNewAccount: only a user sophon-auth knows, which then routes and holds the signer.
            let own = RPCHTTPClient(url: fixture.gateway.httpURL, token: token)
            let unknown = await #expect(throws: RPCError.self) {
                _ = try await own.call(GatewayAPI.supportNewAccount, Params2(channelID, "pool-nobody"))
            }
            #expect(unknown?.message.hasPrefix("account pool-nobody is not a user of sophon-auth") == true)
            #expect(try await service.call(GatewayAPI.walletHas, Params2(address, ["pool-x"])) == false)
            _ = try await own.call(GatewayAPI.supportNewAccount, Params2(channelID, "pool-x"))
            #expect(try await service.call(GatewayAPI.walletHas, Params2(address, ["pool-x"])))
            #expect(try await fixture.auth.client.listSigners(user: "pool-x").map(\.signer) == [address])
            let detail = try await service.call(GatewayAPI.listWalletInfoByWallet, Params1("sp-a"))
            #expect(detail.supportAccounts == ["pool-x"])

            // RemoveAddress by its owner: no longer routed.
            _ = try await own.call(GatewayAPI.removeAddress, Params2(channelID, [address]))
            #expect(try await service.call(GatewayAPI.walletHas, Params2(address, ["sp-a"])) == false)
        }
    }
}

extension ProviderTrustTests {
    @Test func unsealRequestsGoToTheMinersMarket() async throws {
        try await withPool("market") { fixture in
            let miner = try Address("f01002")
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            let marketToken = try await fixture.user("sp-market", perm: .read)
            try await fixture.auth.client.upsertMiner(user: "sp-market", miner: miner)
            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)
            let piece = try CID(string: "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq")
            let sector = SectorRef(id: .init(miner: 1002, number: 5), proofType: 8)
            let unseal = Params6(miner, piece, sector, UInt64(0), UInt64(2048), "/tmp/piece")

            let none = await #expect(throws: RPCError.self) { _ = try await service.call(GatewayAPI.sectorsUnsealPiece, unseal) }
            #expect(none?.message == "no market connected for miner \(miner)")

            let market = try await RPCWebSocketClient.connect(
                url: fixture.gateway.webSocketURL, configuration: .init(token: marketToken))
            defer { market.close() }
            let events = try await market.subscribe(GatewayAPI.listenMarketEvent, Params1(MarketRegisterPolicy(miner: miner)))
            let serving = Task {
                await Self.serve(market, events, respond: GatewayAPI.responseMarketEvent) { event in
                    let request = try JSONDecoder().decode(UnsealRequest.self, from: event.payload)
                    switch event.method {
                    case GatewayEventMethod.sectorsUnsealPiece where request.dest == "/tmp/piece" && request.sector == sector:
                        return ResponseEvent(id: event.id)
                    case GatewayEventMethod.isUnsealed where request.pieceCID == piece:
                        return ResponseEvent(id: event.id, payload: try JSONEncoder().encode(true))
                    default:
                        return ResponseEvent(id: event.id, error: "unexpected \(event.method)")
                    }
                }
            }
            defer { serving.cancel() }
            let states = try await eventually("the market is listed") {
                let listed = try await service.call(GatewayAPI.listMarketConnectionsState, NoParams())
                return listed.isEmpty ? nil : listed
            }
            #expect(states.map(\.address) == [miner])
            #expect(states.first?.connections.connectionCount == 1)
            _ = try await service.call(GatewayAPI.sectorsUnsealPiece, unseal)
            #expect(try await service.call(GatewayAPI.isUnsealed, Params5(miner, piece, sector, UInt64(0), UInt64(2048))))
        }
    }
}

/// The channel id seen in `InitConnect`.
final class ChannelBox: Sendable {
    private let id = Mutex<GatewayUUID?>(nil)
    func set(_ value: GatewayUUID) { id.withLock { $0 = value } }
    var value: GatewayUUID? { id.withLock { $0 } }
}

/// Ids collected from a `@Sendable` callback.
final class LockedIDs: Sendable {
    private let ids = Mutex<[GatewayUUID]>([])
    func append(_ id: GatewayUUID) { ids.withLock { $0.append(id) } }
    var all: [GatewayUUID] { ids.withLock { $0 } }
}
