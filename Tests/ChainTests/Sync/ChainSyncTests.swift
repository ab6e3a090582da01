import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Testing

/// Blocks offered to `ChainSync` on a real devnet genesis: each refusal names its reason, leaves
/// the head and the store as they were, and is remembered as bad only when it is for good.
@Suite struct ChainSyncTests {
    /// Submits `block` and returns the refusal.
    func refusal(_ sync: ChainSync, _ block: FullBlock) async throws -> ChainSyncError {
        do {
            try await sync.submit(block)
        } catch {
            return error
        }
        Issue.record("block \(block.cid) was accepted")
        throw CancellationError()
    }

    /// Submits `message` as `SyncSubmitBlock` does and returns the refusal.
    func refusal(_ sync: ChainSync, _ message: BlockMsg) async throws -> ChainSyncError {
        do {
            try await sync.submit(message)
        } catch {
            return error
        }
        Issue.record("block \(message.cid) was accepted")
        throw CancellationError()
    }

    func expectNothingChanged(_ fixture: DevnetChainFixture, _ block: FullBlock) async throws {
        #expect(await fixture.chain.head == fixture.genesisTipSet)
        #expect(try !fixture.store.has(block.cid))
    }

    @Test func blockWithUnknownParentsIsRefusedAndNotMarked() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let orphanParent = CID.filecoin(cbor: Array("a block this node never saw".utf8))
        let block = try await fixture.block { $0.parents = [orphanParent] }

        let error = try await refusal(sync, block)
        #expect(error == .unknownParents(TipSetKey([orphanParent])))
        #expect(await sync.badBlocks.count == 0)
        #expect(await sync.status == nil)
        try await expectNothingChanged(fixture, block)
    }

    @Test func wrongTimestampIsMarkedBadAndRefusedFromTheCacheAfter() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let block = try await fixture.block { $0.timestamp += 1 }
        let expected = fixture.genesis.header.timestamp + fixture.devnet.parameters.blockDelaySeconds

        let error = try await refusal(sync, block)
        guard case .invalid(let failure) = error else {
            Issue.record("expected an invalid block, got \(error)")
            return
        }
        #expect(failure.errors == [.wrongTimestamp(got: expected + 1, expected: expected)])
        let reason = try #require(await sync.badBlocks.reason(for: block.cid))
        #expect(reason.reason == BlockValidationError.wrongTimestamp(got: expected + 1, expected: expected).description)
        try await expectNothingChanged(fixture, block)

        let status = try #require(await sync.status)
        #expect(status.stage == .errored)
        #expect(status.base == fixture.genesisTipSet)
        #expect(status.target == (try TipSet(blocks: [block.header])))
        #expect(status.height == 1)
        #expect(status.message.contains("wrong timestamp"))
        #expect(status.end >= status.start)

        // Again: answered from the cache without validating (no new sync job).
        let again = try await refusal(sync, block)
        #expect(again == .badBlock(block.cid, reason: reason))
        #expect(await sync.status?.workerID == status.workerID)
        try await expectNothingChanged(fixture, block)
    }

    @Test func wrongParentWeightIsMarkedBad() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let weight = try ChainWeight.weight(of: fixture.genesisTipSet, store: fixture.store)
        let block = try await fixture.block { $0.parentWeight = weight + 1 }

        let error = try await refusal(sync, block)
        #expect(error == .invalid(BlockValidationFailure(
            block: block.cid, errors: [.parentWeightMismatch(header: weight + 1, computed: weight)])))
        #expect(await sync.badBlocks.reason(for: block.cid) != nil)
        try await expectNothingChanged(fixture, block)

        // A child of the bad block is refused as linked to it, before its parents are looked for.
        let child = try await fixture.block(height: 2) { $0.parents = [block.cid] }
        guard case .badBlock(let cid, let reason) = try await refusal(sync, child) else {
            Issue.record("the child of a bad block was not refused as bad")
            return
        }
        #expect(cid == child.cid)
        #expect(reason.origin?.tipSet == [block.cid])
        #expect(await sync.badBlocks.reason(for: child.cid) != nil)
        try await expectNothingChanged(fixture, child)
    }

    @Test func blockFailingTheConcurrentChecksIsMarkedWithEveryReason() async throws {
        // Every sequential check passes (parent, height, timestamp, weight, worker); the
        // placeholder ticket, election proof and winning PoSt then fail.
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let block = try await fixture.block()

        guard case .invalid(let failure) = try await refusal(sync, block) else {
            Issue.record("a block with placeholder proofs was not invalid")
            return
        }
        #expect(failure.errors.contains(.ticketVRFInvalid))
        #expect(failure.errors.contains(.electionVRFInvalid))
        #expect(!failure.errors.contains { if case .parentWeightMismatch = $0 { true } else { false } })
        #expect(!failure.errors.contains(.blockSignatureInvalid))
        #expect(await sync.badBlocks.reason(for: block.cid) != nil)
        try await expectNothingChanged(fixture, block)
    }

    @Test func blockFromTheFutureIsRefusedButNotMarked() async throws {
        let fixture = try await DevnetChainFixture()
        // The clock still at the genesis time: a block due one epoch later is ahead of it.
        let sync = fixture.chainSync(now: fixture.genesis.header.timestamp)
        let block = try await fixture.block()

        guard case .notYetValid(let failure) = try await refusal(sync, block) else {
            Issue.record("a block from the future was not deferred")
            return
        }
        #expect(failure.errors == [.timestampInFuture(timestamp: block.header.timestamp, now: fixture.genesis.header.timestamp)])
        #expect(await sync.badBlocks.count == 0)
        #expect(await sync.status?.stage == .errored)
        try await expectNothingChanged(fixture, block)
    }

    @Test func blockFarAheadOfTheClockIsRefusedUnvalidated() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let height = ConsensusParameters.devnet2k.maxHeightDrift + 2
        let block = try await fixture.block(height: height)

        let now = fixture.genesis.header.timestamp + fixture.devnet.parameters.blockDelaySeconds
        #expect(try await refusal(sync, block) == .heightBeyondClock(height: height, now: now))
        #expect(await sync.badBlocks.count == 0)
        #expect(await sync.status == nil)
        try await expectNothingChanged(fixture, block)
    }

    // MARK: SyncSubmitBlock: a header with its message CIDs

    @Test func submittedBlockWhoseMessagesAreNotStoredIsRefused() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let transfer = try fixture.transfer(nonce: 0)
        let block = try await fixture.block()
        let message = BlockMsg(header: block.header, blsMessages: [], secpkMessages: [transfer.cid])

        #expect(try await refusal(sync, message) == .messageNotFound(transfer.cid))
        #expect(await sync.badBlocks.count == 0)
        #expect(await sync.status == nil)
        try await expectNothingChanged(fixture, block)
    }

    @Test func submittedMessagesMustMatchTheHeaderRoot() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        let transfer = try fixture.transfer(nonce: 0)
        let root = try BlockMessageStore(store: fixture.store).write(bls: [transfer.message], secp: [])
        // The header names the empty message list, the block message lists the transfer.
        let block = try await fixture.block()
        let message = BlockMsg(header: block.header, blsMessages: [transfer.message.cid], secpkMessages: [])

        #expect(try await refusal(sync, message) == .messagesRootMismatch(header: block.header.messages, computed: root))
        #expect(await sync.badBlocks.count == 0)
        try await expectNothingChanged(fixture, block)
    }

    @Test func submittedBlockIsJudgedWithItsStoredMessages() async throws {
        let fixture = try await DevnetChainFixture()
        let sync = fixture.chainSync()
        // A BLS transfer from the funded owner, its signature the block's aggregate.
        let signed = try fixture.transfer(nonce: 0)
        #expect(signed.signature.kind == .bls)
        let root = try BlockMessageStore(store: fixture.store).write(bls: [signed.message], secp: [])
        let block = try await fixture.block {
            $0.messages = root
            $0.blsAggregate = signed.signature
        }
        let message = BlockMsg(header: block.header, blsMessages: [signed.message.cid], secpkMessages: [])

        guard case .invalid(let failure) = try await refusal(sync, message) else {
            Issue.record("a block with placeholder proofs was not invalid")
            return
        }
        // Refused for its placeholder proofs only: the loaded message, its aggregate, sender and
        // nonce all pass.
        #expect(failure.errors.contains(.ticketVRFInvalid))
        #expect(!failure.errors.contains(.blsAggregateInvalid))
        #expect(!failure.errors.contains { error in
            switch error {
            case .messagesRootMismatch, .messageInvalid, .senderNotFound, .senderNotAccount, .wrongNonce, .blsSenderKeyUnavailable:
                true
            default: false
            }
        })
        #expect(await sync.badBlocks.reason(for: block.cid) != nil)
        try await expectNothingChanged(fixture, block)
    }
}
