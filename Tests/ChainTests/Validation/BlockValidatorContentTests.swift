import BigInt
@testable import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs
import Testing

/// The rules on what a block carries: winning PoSt, messages and their signatures, and the parent
/// state it claims. Each is broken alone and is the only error reported.
@Suite struct BlockValidatorContentTests {
    // MARK: Winning PoSt

    @Test func winningPoStMustVerify() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.winPoStProof[0].proofBytes[0] ^= 1 }
        #expect(await built.failures() == [.winningPoStInvalid])
    }

    @Test func winningPoStMustBePresent() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.winPoStProof = [] }
        #expect(await built.failures() == [.winningPoStInvalid])
    }

    /// The proof must cover the sector the challenge picks at the lookback, not another one.
    @Test func winningPoStMustProveTheChallengedSector() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        let sectors = try #require(built.chain.sectors[BlockFixture.lookbackState]?[miner])
        var outcomes: [[BlockValidationError]] = []
        for (number, info) in sectors {
            var changed = info
            changed.sealedCID = BlockFixture.cid("another commR")
            var tables = sectors
            tables[number] = changed
            var variant = built
            variant.chain.sectors[BlockFixture.lookbackState] = [miner: tables]
            outcomes.append(await variant.failures())
        }
        // Exactly one sector is challenged: changing it breaks the proof, changing the others does not.
        #expect(outcomes.filter { $0 == [.winningPoStInvalid] }.count == 1)
        #expect(outcomes.filter { $0 == [] }.count == sectors.count - 1)
        var none = built
        none.chain.proving[BlockFixture.lookbackState] = [:]
        #expect(await none.failures() == [.winningPoStSectorsUnavailable("miner \(miner) is not a miner actor at the lookback")])
        built.chain.proving[BlockFixture.lookbackState] = [
            miner: ProvingSectorSet(sectorNumbers: [1, 2, 3, 5, 8], windowPoStProofType: RegisteredPoStProof(rawValue: 99))
        ]
        #expect(await built.failures() == [.winningPoStSectorsUnavailable("unknown proof type 99")])
    }

    @Test func winningPoStThatCannotBeJudgedIsRefused() async throws {
        var fixture = BlockFixture()
        fixture.provingSectors = []
        let built = try await fixture.build()
        #expect(await built.failures() == [])
        let failures = await built.failures(verifier: UnavailableProofVerifier())
        guard case .winningPoStUnverifiable = failures.first, failures.count == 1 else {
            Issue.record("expected winningPoStUnverifiable, got \(failures)")
            return
        }
    }

    @Test func challengedSectorsAreTakenLikeGoBitfieldsIterator() throws {
        // Nth(n - previous) from where the last pick left off; ascending, without repeats.
        #expect(try BlockValidator.select([0], from: [4, 7, 9]) == [4])
        #expect(try BlockValidator.select([2], from: [4, 7, 9]) == [9])
        #expect(try BlockValidator.select([0, 1], from: [4, 7, 9]) == [4, 9])
        #expect(throws: BlockValidationError.self) { try BlockValidator.select([3], from: [4, 7, 9]) }
        #expect(BlockValidator.winningPoStProofType(forWindow: .stackedDrgWindow32GiBV1_1) == .stackedDrgWinning32GiBV1)
        #expect(BlockValidator.winningPoStProofType(forWindow: .stackedDrgWinning2KiBV1) == nil)
    }

    // MARK: BLS messages

    @Test func blsAggregateMustCoverEveryBLSMessage() async throws {
        var built = try await BlockFixture().build()
        let partial = try BLSSignature.aggregate([BlockFixture.keys.blsSender.sign(built.block.blsMessages[0].cid.bytes)])
        built.changeHeader { $0.blsAggregate = Signature(kind: .bls, data: partial.bytes) }
        #expect(await built.failures() == [.blsAggregateInvalid])
    }

    @Test func blsAggregateMustBeTheSendersKey() async throws {
        var built = try await BlockFixture().build()
        let signatures = built.block.blsMessages.map { BlockFixture.keys.stranger.sign($0.cid.bytes) }
        let aggregate = try BLSSignature.aggregate(signatures)
        built.changeHeader { $0.blsAggregate = Signature(kind: .bls, data: aggregate.bytes) }
        #expect(await built.failures() == [.blsAggregateInvalid])
    }

    @Test func blsAggregateShorterThanASignatureIsRefusedEvenWithoutMessages() async throws {
        var fixture = BlockFixture()
        fixture.blsMessages = []
        var built = try await fixture.build()
        #expect(await built.failures() == [])
        built.changeHeader { $0.blsAggregate = Signature(kind: .bls, data: [0xC0]) }
        #expect(await built.failures() == [.blsAggregateInvalid])
    }

    @Test func blsSenderMustHaveABLSKey() async throws {
        var built = try await BlockFixture().build()
        built.chain.keys[BlockFixture.blsSenderID] = nil
        #expect(await built.failures() == [.blsSenderKeyUnavailable(index: 0, from: BlockFixture.blsSenderID)])
        built.chain.keys[BlockFixture.blsSenderID] = BlockFixture.secpSenderAddress
        #expect(await built.failures() == [.blsSenderKeyUnavailable(index: 0, from: BlockFixture.blsSenderID)])
    }

    // MARK: Every message

    @Test func messageMustBeValidForInclusion() async throws {
        var fixture = BlockFixture()
        fixture.blsMessages[1].gasLimit = 100  // below the on-chain storage cost
        let built = try await fixture.build()
        let failures = await built.failures()
        guard case .messageInvalid(.bls, 1, let cid, let reason) = failures.first, failures.count == 1 else {
            Issue.record("expected messageInvalid, got \(failures)")
            return
        }
        #expect(cid == fixture.blsMessages[1].cid)
        #expect(reason.contains("cost of storing a message on chain"))
    }

    @Test func messageToTheZeroAddressIsRefused() async throws {
        var fixture = BlockFixture()
        fixture.secpMessages[0].to = try Address.bls(publicKey: [0xC0] + [UInt8](repeating: 0, count: 47))
        let built = try await fixture.build()
        let failures = await built.failures()
        #expect(failures.count == 1)
        #expect(failures.first.map { "\($0)" }?.contains("invalid 'To' address") == true)
    }

    @Test func messagesTogetherMustFitTheBlockGasLimit() async throws {
        var fixture = BlockFixture()
        fixture.blsMessages = [
            BlockFixture.message(from: BlockFixture.blsSenderID, nonce: 0, gasLimit: 6_000_000_000),
            BlockFixture.message(from: BlockFixture.blsSenderID, nonce: 1, gasLimit: 5_000_000_000),
        ]
        let built = try await fixture.build()
        #expect(await built.failures() == [.blockGasLimitExceeded(total: 11_000_000_000, limit: 10_000_000_000)])
    }

    @Test func senderMustExistAtTheParentsComputedState() async throws {
        var built = try await BlockFixture().build()
        let senders = built.chain.senders[BlockFixture.computedState]
        built.chain.senders[BlockFixture.computedState] = [:]
        built.chain.senders[BlockFixture.parentState] = senders  // the wrong state must not count
        #expect(await built.failures() == [.senderNotFound(.bls, index: 0, from: BlockFixture.blsSenderID)])
    }

    @Test func senderMustBeAnAccount() async throws {
        var built = try await BlockFixture().build()
        let address = BlockFixture.secpSenderAddress
        var actor = try #require(built.chain.senders[BlockFixture.computedState]?[address])
        actor.code = ActorCodes.code("multisig", actorsVersion: 2)
        built.chain.senders[BlockFixture.computedState]?[address] = actor
        #expect(await built.failures() == [.senderNotAccount(.secpk, index: 0, from: address)])
    }

    @Test func noncesMustFollowTheSendersNonce() async throws {
        var fixture = BlockFixture()
        fixture.blsMessages[1].nonce = 2
        let built = try await fixture.build()
        #expect(await built.failures() == [.wrongNonce(.bls, index: 1, expected: 1, got: 2)])
    }

    /// From network version 13 nonces are counted per sender ID, so one sender's messages under its
    /// key and ID addresses share one sequence.
    @Test func noncesAreCountedPerSenderID() async throws {
        var fixture = BlockFixture()
        fixture.secpMessages = [
            BlockFixture.message(from: BlockFixture.secpSenderAddress, nonce: 7),
            BlockFixture.message(from: BlockFixture.secpSenderID, nonce: 7),
        ]
        let built = try await fixture.build()
        #expect(await built.failures() == [.wrongNonce(.secpk, index: 1, expected: 8, got: 7)])

        fixture.networkVersion = 12
        let before = try await fixture.build()
        #expect(await before.failures() == [])
    }

    // MARK: Secp256k1 messages

    @Test func secpkMessageMustBeSignedBySender() async throws {
        var built = try await BlockFixture().build()
        let message = built.block.secpkMessages[0].message
        built.block.secpkMessages[0] = try message.signed(with: BlockFixture.secpStranger)
        // Keep the root consistent so that only the signature is wrong.
        let root = try MessageRoots.messagesCID(of: built.block)
        built.changeHeader { $0.messages = root }
        #expect(await built.failures() == [.secpkSignatureInvalid(index: 0, cid: built.block.secpkMessages[0].cid)])
    }

    @Test func secpkSenderMustHaveAKeyAddress() async throws {
        var fixture = BlockFixture()
        fixture.secpMessages = [BlockFixture.message(from: BlockFixture.secpSenderID, nonce: 7)]
        var built = try await fixture.build()
        #expect(await built.failures() == [])
        built.chain.keys[BlockFixture.secpSenderID] = nil
        #expect(await built.failures() == [.secpkSenderKeyUnavailable(index: 0, from: BlockFixture.secpSenderID)])
    }

    @Test func secpkListTakesOnlySecpSignaturesFromVersion14() async throws {
        var built = try await BlockFixture().build()
        let message = built.block.secpkMessages[0].message
        built.block.secpkMessages[0] = SignedMessage(message: message, signature: .bls(signing: message.cid.bytes, with: BlockFixture.keys.worker))
        let root = try MessageRoots.messagesCID(of: built.block)
        built.changeHeader { $0.messages = root }
        #expect(await built.failures() == [.secpkSignatureTypeInvalid(index: 0, .bls)])
    }

    @Test func messagesMustMatchTheHeadersRoot() async throws {
        var built = try await BlockFixture().build()
        let computed = built.block.header.messages
        let other = BlockFixture.cid("other messages")
        built.changeHeader { $0.messages = other }
        #expect(await built.failures() == [.messagesRootMismatch(header: other, computed: computed)])
    }

    @Test func droppedMessageChangesTheRoot() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header.messages
        built.block.secpkMessages = []
        let computed = try MessageRoots.messagesCID(of: built.block)
        #expect(computed != header)
        #expect(await built.failures() == [.messagesRootMismatch(header: header, computed: computed)])
    }

    // MARK: Parent state

    @Test func parentBaseFeeMustBeTheComputedOne() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.parentBaseFee = TokenAmount(attoFIL: 101) }
        #expect(await built.failures() == [.parentBaseFeeMismatch(header: TokenAmount(attoFIL: 101), computed: TokenAmount(attoFIL: 100))])
    }

    @Test func parentStateRootMustBeTheComputedOne() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.parentStateRoot = BlockFixture.parentState }
        #expect(await built.failures() == [.parentStateRootMismatch(header: BlockFixture.parentState, computed: BlockFixture.computedState)])
    }

    @Test func parentReceiptsRootMustBeTheComputedOne() async throws {
        var built = try await BlockFixture().build()
        let other = BlockFixture.cid("other receipts")
        built.changeHeader { $0.parentMessageReceipts = other }
        #expect(await built.failures() == [.parentReceiptsRootMismatch(header: other, computed: BlockFixture.computedReceipts)])
    }

    // MARK: Several at once

    /// The concurrent checks all report, in Lotus's await order.
    @Test func concurrentFailuresAreAllReportedInLotusOrder() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader {
            $0.parentBaseFee = TokenAmount(attoFIL: 7)
            $0.electionProof?.winCount = 0
            $0.winPoStProof = []
        }
        built.block.header = BlockFixture.signed(built.block.header, by: BlockFixture.keys.stranger)
        #expect(
            await built.failures() == [
                .blockSignatureInvalid, .winningPoStInvalid, .notClaimingToWin(winCount: 0),
                .parentBaseFeeMismatch(header: TokenAmount(attoFIL: 7), computed: TokenAmount(attoFIL: 100)),
            ])
    }
}
