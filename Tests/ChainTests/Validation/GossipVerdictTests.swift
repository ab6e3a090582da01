import Chain
import DagCBOR
import FilecoinTypes
import Testing

/// Lotus's pubsub block validation: each way a gossiped block is rejected or ignored, with Lotus's reason.
@Suite struct GossipVerdictTests {
    static func bytes(_ built: BlockFixture.Built) -> [UInt8] { GossipBlockTests.gossip(built).cborBytes }

    @Test func validBlockIsAccepted() async throws {
        let built = try await BlockFixture().build()
        #expect(await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .accept(GossipBlockTests.gossip(built)))
    }

    @Test func undecodableOrOversizedOrUnsignedBlocksAreRejected() async throws {
        var built = try await BlockFixture().build()
        let validator = built.validator()
        #expect(await validator.gossipVerdict([0x83, 0x01], heaviest: built.parent) == .reject(reason: "invalid"))
        var limited = built
        limited.chain.parameters.blockMessageLimit = 2
        #expect(await limited.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .reject(reason: "too_many_messages"))
        built.block.header.blockSig = nil
        #expect(await validator.gossipVerdict(Self.bytes(built), heaviest: built.parent) == .reject(reason: "missing_signature"))
    }

    @Test func messagesNotMatchingTheRootAreRejected() async throws {
        let built = try await BlockFixture().build()
        var message = GossipBlockTests.gossip(built)
        message.secpkMessages = []
        #expect(await built.validator().gossipVerdict(message.cborBytes, heaviest: built.parent) == .reject(reason: "invalid_block_meta"))
    }

    @Test func ineligibleMinerIsRejectedWhenSyncedAndIgnoredOtherwise() async throws {
        var built = try await BlockFixture().build()
        built.chain.meetingMinimum = [:]
        #expect(await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .reject(reason: "unknown_miner"))
        built.chain.now = built.parent.minTimestamp + 6 * 3600
        #expect(await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .ignore(reason: ""))
    }

    @Test func unknownWorkerOrUnreadableFactsAreIgnored() async throws {
        var built = try await BlockFixture().build()
        var noWorker = built
        noWorker.chain.workers = [:]
        #expect(await noWorker.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .ignore(reason: ""))
        built.chain.failing = ["minimum"]
        #expect(await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .ignore(reason: ""))
    }

    @Test func blockNotClaimingAWinIsRejected() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.electionProof?.winCount = 0 }
        #expect(await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent) == .reject(reason: "not_winning"))
    }

    @Test func blockNotSignedByTheWorkerIsRejected() async throws {
        var built = try await BlockFixture().build()
        built.block.header = BlockFixture.signed(built.block.header, by: BlockFixture.keys.stranger)
        #expect(
            await built.validator().gossipVerdict(Self.bytes(built), heaviest: built.parent)
                == .reject(reason: "signature_verification_failed"))
    }
}
