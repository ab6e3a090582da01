import Chain
import DagCBOR
import FilecoinTypes
import Proofs
import Testing
import VenusTesting

/// A block that fails is remembered as bad with its reason and never validated (or applied) again;
/// its descendants are refused; a failure that is not the block's fault is not remembered.
@Suite struct BadBlockCacheTests {
    /// A verifier that counts winning PoSt verifications, to see whether validation ran at all.
    final class CountingVerifier: ProofVerifier {
        let inner = MockProofs()
        let verifications = Locked(0)
        var count: Int { verifications.withLock { $0 } }

        func verifySeal(_ info: SealVerifyInfo) throws(ProofError) -> Bool { try inner.verifySeal(info) }
        func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) throws(ProofError) -> Bool { try inner.verifyWindowPoSt(info) }
        func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) throws(ProofError) -> Bool {
            verifications.withLock { $0 += 1 }
            return try inner.verifyWinningPoSt(info)
        }
        func generateWinningPoStSectorChallenge(
            proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], eligibleSectorCount: UInt64
        ) throws(ProofError) -> [UInt64] {
            try inner.generateWinningPoStSectorChallenge(
                proofType: proofType, minerID: minerID, randomness: randomness, eligibleSectorCount: eligibleSectorCount)
        }
    }

    @Test func failedBlockIsRememberedAndNotValidatedAgain() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.parentBaseFee = TokenAmount(attoFIL: 1) }
        let cache = BadBlockCache()
        let verifier = CountingVerifier()
        let validator = built.validator(verifier: verifier)
        let cid = built.block.cid

        let first = await #expect(throws: BlockValidationFailure.self) { try await validator.validate(built.block, recordingIn: cache) }
        #expect(first?.errors == [.parentBaseFeeMismatch(header: TokenAmount(attoFIL: 1), computed: TokenAmount(attoFIL: 100))])
        #expect(verifier.count == 1)
        let reason = try #require(await cache.reason(for: cid))
        #expect(reason.tipSet == [cid])
        #expect(reason.reason.contains("base fee doesn't match"))

        let second = await #expect(throws: BlockValidationFailure.self) { try await validator.validate(built.block, recordingIn: cache) }
        #expect(second?.errors == [.markedBad(cid, reason: reason.description)])
        #expect(verifier.count == 1)  // refused without validating
    }

    @Test func descendantOfABadBlockIsRefusedWithTheOriginalReason() async throws {
        let built = try await BlockFixture().build()
        let cache = BadBlockCache()
        let parentCID = built.parent.cids[0]
        await cache.add(parentCID, BadBlockReason(tipSet: [parentCID], reason: "winning post was invalid"))
        let verifier = CountingVerifier()

        let failure = await #expect(throws: BlockValidationFailure.self) {
            try await built.validator(verifier: verifier).validate(built.block, recordingIn: cache)
        }
        #expect(verifier.count == 0)
        guard case .markedBad(let bad, _) = failure?.errors.first else {
            Issue.record("expected markedBad, got \(String(describing: failure))")
            return
        }
        #expect(bad == parentCID)
        // The child is now bad itself, linked to its parent's original reason.
        let linked = try #require(await cache.reason(for: built.block.cid))
        #expect(linked.reason == "linked to \(parentCID)")
        #expect(linked.origin == BadBlockReason.Origin(tipSet: [parentCID], reason: "winning post was invalid"))
        #expect(linked.description.contains("caused by"))
        // A grandchild keeps the first reason as its origin.
        let grandchild = BlockFixture.cid("grandchild")
        _ = await cache.markIfLinkedToBad(grandchild, parents: [built.block.cid])
        #expect(await cache.reason(for: grandchild)?.origin == linked.origin)
    }

    @Test func temporaryFailureIsNotRemembered() async throws {
        var built = try await BlockFixture().build()
        built.chain.now -= 10
        let cache = BadBlockCache()
        let failure = await #expect(throws: BlockValidationFailure.self) {
            try await built.validator().validate(built.block, recordingIn: cache)
        }
        #expect(failure?.isPermanent == false)
        #expect(await cache.count == 0)
        // Once the clock catches up, the same block passes.
        built.chain.now += 10
        try await built.validator().validate(built.block, recordingIn: cache)
    }

    @Test func tipSetValidationRemembersOnlyItsBadBlocks() async throws {
        let built = try await BlockFixture().build()
        var bad = built
        bad.changeHeader { $0.parentStateRoot = BlockFixture.parentState }
        let cache = BadBlockCache()
        let failure = await #expect(throws: BlockValidationFailure.self) {
            try await built.validator().validateTipSet([built.block, bad.block], recordingIn: cache)
        }
        #expect(failure?.block == bad.block.cid)
        #expect(await cache.reason(for: bad.block.cid) != nil)
        #expect(await cache.reason(for: built.block.cid) == nil)
        try await built.validator().validateTipSet([built.block], recordingIn: cache)
    }

    @Test func validBlockIsNotRemembered() async throws {
        let built = try await BlockFixture().build()
        let cache = BadBlockCache()
        try await built.validator().validate(built.block, recordingIn: cache)
        #expect(await cache.count == 0)
    }

    @Test func cacheIsBoundedAndForgetsTheLeastRecentlyUsed() async {
        let cache = BadBlockCache(capacity: 2)
        let (a, b, c) = (BlockFixture.cid("a"), BlockFixture.cid("b"), BlockFixture.cid("c"))
        await cache.add(a, BadBlockReason(tipSet: [a], reason: "a"))
        await cache.add(b, BadBlockReason(tipSet: [b], reason: "b"))
        #expect(await cache.reason(for: a)?.reason == "a")  // a is now more recent than b
        await cache.add(c, BadBlockReason(tipSet: [c], reason: "c"))
        #expect(await cache.count == 2)
        #expect(await cache.reason(for: b) == nil)
        #expect(await cache.reason(for: a) != nil)
        await cache.remove(a)
        #expect(await cache.reason(for: a) == nil)
        await cache.purge()
        #expect(await cache.count == 0)
    }
}

