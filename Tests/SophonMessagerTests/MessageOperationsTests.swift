import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonMessager

/// What callers ask of single messages and addresses: replacing, refusing inactive or ID
/// senders, waiting out a base fee above the address's limit, following a chain nonce that moved
/// past the messager's.
@Suite struct MessageOperationsTests {
    @Test func aReplacementAskedForIsSignedSavedAndPushed() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            let waiting = try await f.push(from: a, value: 2)
            await f.service.setRescue(enabled: false)
            var address = try #require(try await f.store.address(a))
            address.selMsgNum = 1
            try await f.store.save(address)
            try await f.round()
            let original = try await f.message(id)

            let request = ReplacMessageParams(
                id: id, auto: false, maxFee: .zero, gasLimit: 0, gasPremium: TokenAmount(attoFIL: 3_000),
                gasFeeCap: TokenAmount(attoFIL: 300_000), gasOverPremium: 0)
            let cid = try await f.service.replaceByRequest(request)
            let replaced = try await f.message(id)
            #expect(replaced.signedCid == cid)
            #expect(cid != original.signedCid)
            #expect(replaced.message.nonce == original.message.nonce)
            #expect(replaced.message.gasFeeCap == TokenAmount(attoFIL: 300_000))
            #expect(replaced.message.gasPremium == TokenAmount(attoFIL: 3_000))
            #expect(replaced.signedMessage?.isSignatureValid == true)
            #expect(await f.chain.pushed.map(\.cid).contains(cid))
            #expect(try await f.store.events(messageID: id).contains { $0.kind == "replaced" && $0.reason.contains("asked by a caller") })

            // Only a message signed and not on chain can be replaced.
            await #expect(throws: MessagerError.self) {
                _ = try await f.service.replaceByRequest(ReplacMessageParams(
                    id: waiting, auto: false, maxFee: .zero, gasLimit: 0, gasPremium: TokenAmount(attoFIL: 3_000),
                    gasFeeCap: TokenAmount(attoFIL: 300_000), gasOverPremium: 0))
            }
            // An automatic replacement the max fee cannot pay is refused and changes nothing.
            await #expect(throws: MessagerError.self) {
                _ = try await f.service.replaceByRequest(ReplacMessageParams(
                    id: id, auto: true, maxFee: TokenAmount(attoFIL: 1_000_000), gasLimit: 0, gasPremium: .zero,
                    gasFeeCap: .zero, gasOverPremium: 0))
            }
            #expect(try await f.message(id).signedCid == cid)
        }
    }

    @Test func inactiveAndIDSendersAreRefused() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            try await f.store.save(MessagerAddress(addr: a, state: .forbidden))
            await #expect(throws: MessagerError.addressNotActive(a, state: MessagerAddressState.forbidden.description)) {
                try await f.push(from: a, value: 1)
            }
            await #expect(throws: MessagerError.self) { try await f.push(from: try Address.id(1500), value: 1) }
            #expect(try await f.store.messages(matching: MsgQueryParams(), senders: nil).isEmpty)
        }
    }

    @Test func messagesWaitWhileTheBaseFeeIsAboveTheAddressLimit() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            // The scripted chain's parent base fee is 100 attoFIL.
            var address = try #require(try await f.store.address(a))
            address.feeSpec.baseFee = TokenAmount(attoFIL: 50)
            try await f.store.save(address)
            #expect(try await f.round().filled == 0)
            #expect(try await f.message(id).state == .unFillMsg)

            address.feeSpec.baseFee = TokenAmount(attoFIL: 200)
            try await f.store.save(address)
            #expect(try await f.step().1.filled == 1)
            #expect(try await f.message(id).state == .fillMsg)
        }
    }

    @Test func aChainNonceAheadOfTheMessagersIsFollowed() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            try await f.store.save(MessagerAddress(addr: a, nonce: 2))
            // Another wallet sent from the same key: the chain is at 5.
            await f.chain.setNonce(5, of: a)
            let id = try await f.push(from: a, value: 1)
            let report = try await f.round()
            #expect(report.filled == 1)
            #expect(report.gapsFilled == 0)
            #expect(try await f.message(id).message.nonce == 5)
            #expect(try await f.nextNonce(of: a) == 6)
        }
    }
}
