import FilecoinTypes
import Foundation
import Logging
import Testing
import VenusAPI

@testable import SophonMessager

/// Following messages onto the chain: applied and reverted tipsets, nonce conflicts, landed
/// replacements, catching up by search, and waiting for confidence.
@Suite struct MessageTrackingTests {
    @Test func appliedRevertedConflictingAndReplacedMessages() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            var ids: [String] = []
            for value in 1...4 { ids.append(try await f.push(from: a, value: value)) }
            try await f.round()
            let filled = try await f.filled(from: a)
            let signed = filled.compactMap(\.signedMessage)
            #expect(signed.count == 4)

            // Tipset 11 executed the first two.
            await f.chain.setNonce(2, of: a)
            let head11 = await f.chain.advance(executing: Array(signed.prefix(2)))
            try await f.service.apply([FullNodeAPI.HeadChange(type: .apply, value: head11)])
            for (index, id) in ids.prefix(2).enumerated() {
                let landed = try await f.message(id)
                #expect(landed.state == .onChainMsg)
                #expect(landed.height == 11)
                #expect(landed.tipSetKey == head11.key)
                #expect(landed.receipt?.exitCode == 0)
                #expect(landed.receipt?.gasUsed == signed[index].message.gasLimit / 2)
                #expect(landed.signedCid == signed[index].cid)
                #expect(try await f.store.events(messageID: id).map(\.kind).contains("on-chain"))
            }
            #expect(try await f.message(ids[2]).state == .fillMsg)
            #expect(try await f.store.cursor()?.tipSet == head11.key)

            // Tipset 11 leaves the chain: both are filled again, and pushed again.
            await f.chain.clearPushLog()
            try await f.service.apply([FullNodeAPI.HeadChange(type: .revert, value: head11)])
            for id in ids.prefix(2) {
                let reverted = try await f.message(id)
                #expect(reverted.state == .fillMsg)
                #expect(reverted.height == 0)
                #expect(reverted.receipt == nil)
                #expect(reverted.tipSetKey == .empty)
                #expect(try await f.store.events(messageID: id).map(\.kind).contains("reverted"))
            }
            #expect(Set(await f.chain.pushed.map(\.cid)) == Set(signed.prefix(2).map(\.cid)))

            // Another message took nonce 2 (same sender, other content); a replacement of nonce 3
            // (same intent, higher gas) landed instead of the one the messager holds.
            var other = signed[2].message
            other.to = a
            other.value = .zero
            let otherSigned = SignedMessage(message: other, signature: try await f.signer.sign(other, accounts: []))
            var bumped = signed[3].message
            bumped.gasPremium = TokenAmount(attoFIL: 5_000)
            bumped.gasFeeCap = TokenAmount(attoFIL: 200_000)
            let bumpedSigned = SignedMessage(message: bumped, signature: try await f.signer.sign(bumped, accounts: []))
            await f.chain.setNonce(4, of: a)
            let head12 = await f.chain.advance(executing: [signed[0], signed[1], otherSigned, bumpedSigned], salt: 1)
            try await f.service.apply([FullNodeAPI.HeadChange(type: .apply, value: head12)])

            #expect(try await f.message(ids[0]).state == .onChainMsg)
            #expect(try await f.message(ids[0]).tipSetKey == head12.key)
            let conflicted = try await f.message(ids[2])
            #expect(conflicted.state == .nonceConflictMsg)
            #expect(conflicted.errorMsg.contains(otherSigned.cid.description))
            #expect(try await f.store.events(messageID: ids[2]).map(\.kind).contains("nonce-conflict"))
            let replaced = try await f.message(ids[3])
            #expect(replaced.state == .onChainMsg)
            #expect(replaced.signedCid == bumpedSigned.cid)
            #expect(replaced.unsignedCid == bumped.cid)
            #expect(replaced.message.gasPremium == TokenAmount(attoFIL: 5_000))
            #expect(replaced.height == 12)

            // Looking a landed message up by its CIDs finds the version on chain.
            #expect(try await f.store.message(signedCid: bumpedSigned.cid)?.id == ids[3])
            #expect(try await f.store.message(from: a, nonce: 3)?.id == ids[3])
        }
    }

    @Test func reconcileFindsPassedNoncesBySearch() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let found = try await f.push(from: a, value: 1)
            let beaten = try await f.push(from: a, value: 2)
            let waiting = try await f.push(from: a, value: 3)
            try await f.round()
            let signed = try #require(try await f.message(found).signedMessage)

            // While the messager was away, the chain executed nonces 0 and 1: the first is ours,
            // the second someone else's.
            let executedAt = await f.chain.advance()
            let receipt = MessageReceipt(exitCode: 0, returnData: [], gasUsed: 77)
            await f.chain.found(signed.cid, at: executedAt, receipt: receipt)
            await f.chain.setNonce(2, of: a)
            let head = await f.chain.advance()
            let report = try await f.service.processHead(head)
            #expect(report.reconciled == 2)

            let landed = try await f.message(found)
            #expect(landed.state == .onChainMsg)
            #expect(landed.height == executedAt.height)
            #expect(landed.tipSetKey == executedAt.key)
            #expect(landed.receipt == receipt)
            let lost = try await f.message(beaten)
            #expect(lost.state == .nonceConflictMsg)
            #expect(!lost.errorMsg.isEmpty)
            #expect(try await f.message(waiting).state == .fillMsg)
        }
    }

    @Test(.timeLimit(.minutes(1))) func waitReturnsAtTheConfidenceAskedFor() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            try await f.round()
            let signed = try #require(try await f.message(id).signedMessage)
            let service = f.service
            let waiter = Task { try await service.wait(id: id, confidence: 2) }

            await f.chain.setNonce(1, of: a)
            try await f.step(executing: [signed])
            try await f.step()
            try await f.step()
            let done = try await waiter.value
            #expect(done.state == .onChainMsg)
            #expect(done.height == 11)
            #expect(done.confidence >= 2)
        }
    }

    @Test(.timeLimit(.minutes(1))) func waitEndsWhenTheMessageExpires() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1, spec: SendSpec(expireEpoch: 11))
            // The wallet is away at epoch 10, so the message is still waiting at 11.
            await f.signer.setFailing(a, true)
            let service = f.service
            let waiter = Task { try await service.wait(id: id, confidence: 1) }
            try await f.round()
            #expect(try await f.message(id).state == .unFillMsg)
            await f.signer.setFailing(a, false)
            let (_, report) = try await f.step()
            #expect(report.expired == 1)
            let done = try await waiter.value
            #expect(done.state == .failedMsg)
            #expect(done.errorMsg.contains("expired"))
            #expect(await f.chain.pushed.isEmpty)
        }
    }
}

/// Catching up after a restart (`ChainFollower.catchUp`): the tipsets missed since the saved
/// cursor are applied, and messages of tipsets that left the chain meanwhile are reverted.
@Suite struct ChainFollowerCatchUpTests {
    static func follower(_ f: MessagerFixture) -> ChainFollower {
        var logger = Logger(label: "messager-test")
        logger.logLevel = .critical
        return ChainFollower(service: f.service, chain: f.chain, store: f.store, settle: .zero, logger: logger)
    }

    @Test func aReorganisationDeeperThanOneTipSetIsUndoneAndReplayed() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let first = try await f.push(from: a, value: 1)
            let second = try await f.push(from: a, value: 2)
            try await f.round()
            let signed = [try await f.message(first), try await f.message(second)].compactMap(\.signedMessage)
            #expect(signed.count == 2)
            let base = await f.chain.current

            // Seen before the restart: A11 executed the first, A12 the second.
            let a11 = await f.chain.advance(executing: [signed[0]])
            let a12 = await f.chain.advance(executing: [signed[1]])
            try await f.service.apply([.init(type: .apply, value: a11), .init(type: .apply, value: a12)])
            #expect(try await f.message(first).tipSetKey == a11.key)
            #expect(try await f.store.cursor()?.tipSet == a12.key)

            // Meanwhile the chain switched to B11 (nothing), B12 (the first), B13.
            let b11 = await f.chain.advance(on: base, salt: 1)
            let b12 = await f.chain.advance(on: b11, executing: [signed[0]], salt: 1)
            let b13 = await f.chain.advance(on: b12, salt: 1)
            try await Self.follower(f).catchUp(to: b13)

            let landed = try await f.message(first)
            #expect(landed.state == .onChainMsg)
            #expect(landed.tipSetKey == b12.key)
            #expect(landed.height == 12)
            let reverted = try await f.message(second)
            #expect(reverted.state == .fillMsg)
            #expect(reverted.tipSetKey == .empty)
            #expect(try await f.store.cursor()?.tipSet == b13.key)
        }
    }

    @Test func aForkAtTheSameHeightIsUndone() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            try await f.round()
            let signed = try #require(try await f.message(id).signedMessage)
            let base = await f.chain.current
            let a11 = await f.chain.advance(executing: [signed])
            try await f.service.apply([.init(type: .apply, value: a11)])
            #expect(try await f.message(id).state == .onChainMsg)

            // The node came back on B11, a sibling of A11 that did not execute it.
            let b11 = await f.chain.advance(on: base, salt: 1)
            try await Self.follower(f).catchUp(to: b11)
            let reverted = try await f.message(id)
            #expect(reverted.state == .fillMsg)
            #expect(reverted.tipSetKey == .empty)
        }
    }
}
