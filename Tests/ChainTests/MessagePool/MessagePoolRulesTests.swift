import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Testing
import VenusTesting

/// Lotus's admission rules, each with a message that breaks it; a refused message leaves the
/// pool exactly as it was.
@Suite struct MessagePoolRulesTests {
    static let rich = TokenAmount(wholeFIL: 1_000)

    /// A pool on a fresh chain with one funded secp sender.
    static func makePool(
        config: MessagePoolConfig = MessagePoolConfig(), seed: UInt64 = 1, balance: TokenAmount = rich
    ) async throws -> (MessagePool, FakePoolChain, TestSender) {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: seed)
        let sender = TestSender.secp(&generator)
        await chain.setActor(sender.address, balance: balance)
        let pool = try await MessagePool(provider: chain, config: config)
        return (pool, chain, sender)
    }

    /// Expects `body` to throw `expected` and the pool's pending list and size not to change.
    static func expectRefusal(
        _ pool: MessagePool, _ expected: MessagePoolError, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws(MessagePoolError) -> Void
    ) async {
        let before = await pool.pending().messages
        let countBefore = await pool.count
        do {
            try await body()
            Issue.record("expected \(expected), but the message was accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error == expected, sourceLocation: sourceLocation)
        }
        #expect(await pool.pending().messages == before, sourceLocation: sourceLocation)
        #expect(await pool.count == countBefore, sourceLocation: sourceLocation)
    }

    @Test func acceptsAValidMessageAndListsIt() async throws {
        let (pool, chain, sender) = try await Self.makePool()
        let message = sender.message(nonce: 0)
        let cid = try await pool.push(message)
        #expect(cid == message.cid)
        #expect(await pool.pending().messages == [message])
        #expect(await pool.pending(from: sender.address) == [message])
        #expect(try await pool.nonce(for: sender.address) == 1)
        #expect(await chain.published == [message])
    }

    @Test func nonceBelowTheStateNonceIsRefused() async throws {
        let (pool, chain, sender) = try await Self.makePool()
        await chain.setNonce(sender.address, 5)
        await Self.expectRefusal(pool, .nonceTooLow(nonce: 4, expected: 5)) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 4))
        }
        try await pool.push(sender.message(nonce: 5))
        #expect(try await pool.nonce(for: sender.address) == 6)
    }

    @Test func networkMessagesMayLeaveAGapOfAtMostFour() async throws {
        let (pool, _, sender) = try await Self.makePool()
        await Self.expectRefusal(pool, .nonceGapTooBig(nonce: 5, nextNonce: 0, maximumGap: 4)) { () async throws(MessagePoolError) in
            try await pool.addFromNetwork(sender.message(nonce: 5))
        }
        try await pool.addFromNetwork(sender.message(nonce: 4))
        // The gap is not filled: the next nonce stays 0 until nonce 0 arrives.
        #expect(try await pool.nonce(for: sender.address) == 0)
        for nonce: UInt64 in 0...3 { try await pool.addFromNetwork(sender.message(nonce: nonce)) }
        #expect(try await pool.nonce(for: sender.address) == 5)
        // A replacement behind a gap is refused in strict mode.
        try await pool.addFromNetwork(sender.message(nonce: 9))
        await Self.expectRefusal(pool, .replaceBehindNonceGap(nonce: 9, nextNonce: 5)) { () async throws(MessagePoolError) in
            try await pool.addFromNetwork(sender.message(nonce: 9, premium: 500))
        }
    }

    @Test func untrustedClientsMayLeaveNoGap() async throws {
        let (pool, _, sender) = try await Self.makePool()
        await Self.expectRefusal(pool, .nonceGapTooBig(nonce: 1, nextNonce: 0, maximumGap: 0)) { () async throws(MessagePoolError) in
            _ = try await pool.pushUntrusted(sender.message(nonce: 1))
        }
        try await pool.pushUntrusted(sender.message(nonce: 0))
        try await pool.pushUntrusted(sender.message(nonce: 1))
        #expect(await pool.count == 2)
    }

    @Test func localPushesMayLeaveGaps() async throws {
        // Lotus adds its own clients' messages non-strictly: a gap is accepted, as in MpoolPush.
        let (pool, _, sender) = try await Self.makePool()
        try await pool.push(sender.message(nonce: 10))
        #expect(await pool.count == 1)
        #expect(try await pool.nonce(for: sender.address) == 0)
    }

    @Test func aSenderHasAtMostAThousandPendingMessages() async throws {
        let (pool, _, sender) = try await Self.makePool()
        let messages = (0..<1001).map { sender.message(nonce: UInt64($0)) }
        for message in messages.prefix(1000) { try await pool.push(message, publish: false) }
        #expect(await pool.count == 1000)
        await Self.expectRefusal(pool, .tooManyPending(sender: sender.address, limit: 1000)) { () async throws(MessagePoolError) in
            _ = try await pool.push(messages[1000])
        }
        // Replacing one of the thousand is still allowed.
        try await pool.push(sender.message(nonce: 999, premium: 200))
        #expect(await pool.count == 1000)
    }

    @Test func anUntrustedSenderHasAtMostAHundred() async throws {
        let (pool, _, sender) = try await Self.makePool()
        for nonce in 0..<100 { try await pool.pushUntrusted(sender.message(nonce: UInt64(nonce))) }
        await Self.expectRefusal(pool, .tooManyPending(sender: sender.address, limit: 100)) { () async throws(MessagePoolError) in
            _ = try await pool.pushUntrusted(sender.message(nonce: 100))
        }
    }

    @Test func replacementMustPayAQuarterMorePremium() async throws {
        let (pool, _, sender) = try await Self.makePool()
        let original = sender.message(nonce: 0, feeCap: 10_000, premium: 1_000)
        try await pool.push(original)
        // 1,000 × 125 / 100 + 1 = 1,251.
        let minimum = TokenAmount(attoFIL: 1_251)
        await Self.expectRefusal(pool, .replaceFeeTooLow(nonce: 0, premium: TokenAmount(attoFIL: 1_250), minimum: minimum)) {
            () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 0, feeCap: 10_000, premium: 1_250))
        }
        await Self.expectRefusal(pool, .alreadyPending(nonce: 0)) { () async throws(MessagePoolError) in
            _ = try await pool.push(original)
        }
        let replacement = sender.message(nonce: 0, feeCap: 10_000, premium: 1_251)
        try await pool.push(replacement)
        #expect(await pool.pending().messages == [replacement])
        #expect(await pool.count == 1)
    }

    @Test func replaceByFeeRatioIsConfigurableButNotBelowLotusMinimum() async throws {
        let (pool, _, sender) = try await Self.makePool(config: MessagePoolConfig(replaceByFeeRatio: 110))
        try await pool.push(sender.message(nonce: 0, feeCap: 10_000, premium: 1_000))
        try await pool.push(sender.message(nonce: 0, feeCap: 10_000, premium: 1_101))
        #expect(await pool.count == 1)
        await #expect(throws: MessagePoolError.self) {
            _ = try await MessagePool(provider: try FakePoolChain(), config: MessagePoolConfig(replaceByFeeRatio: 109))
        }
    }

    @Test func gasLimitMustPayForTheOnChainSize() async throws {
        let (pool, _, sender) = try await Self.makePool()
        // 100,000 takes the same 5 CBOR bytes as the minimum, so both messages have one length.
        let probe = sender.message(nonce: 0, gasLimit: 100_000)
        // Genesis price list: 38,863 compute + (36 + length) × 1,000 storage, at epoch 1.
        let minimum = 38_863 + (36 + Int64(probe.cborBytes.count)) * 1_000
        await Self.expectRefusal(pool, .gasLimitTooLow(gasLimit: 100_000, minimum: minimum)) { () async throws(MessagePoolError) in
            _ = try await pool.push(probe)
        }
        let justEnough = sender.message(nonce: 0, gasLimit: minimum)
        #expect(justEnough.cborBytes.count == probe.cborBytes.count)
        try await pool.push(justEnough)
    }

    @Test func gasLimitMustFitInABlock() async throws {
        let (pool, _, sender) = try await Self.makePool()
        await Self.expectRefusal(pool, .gasLimitTooHigh(gasLimit: 10_000_000_001)) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 0, gasLimit: 10_000_000_001, feeCap: 100, premium: 1))
        }
    }

    @Test func messagesOver64KiBAreRefused() async throws {
        let (pool, _, sender) = try await Self.makePool()
        let big = sender.message(nonce: 0, gasLimit: 200_000_000, params: [UInt8](repeating: 7, count: 65_536))
        await Self.expectRefusal(pool, .messageTooBig(size: big.cborBytes.count)) { () async throws(MessagePoolError) in
            _ = try await pool.push(big)
        }
    }

    @Test func balanceMustCoverTheGasAlsoWithPendingMessages() async throws {
        // Fee cap 1,000 × gas limit 1,000,000 = 10^9 attoFIL per message.
        let (pool, _, sender) = try await Self.makePool(balance: TokenAmount(attoFIL: 1_500_000_000))
        await Self.expectRefusal(
            pool, .insufficientBalance(required: TokenAmount(attoFIL: 2_000_000_000), balance: TokenAmount(attoFIL: 1_500_000_000))
        ) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 0, feeCap: 2_000))
        }
        try await pool.push(sender.message(nonce: 0))
        await Self.expectRefusal(
            pool,
            .insufficientBalanceWithPending(required: TokenAmount(attoFIL: 2_000_000_000), balance: TokenAmount(attoFIL: 1_500_000_000))
        ) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 1))
        }
        // A replacement of the pending message is judged without the message it replaces.
        try await pool.push(sender.message(nonce: 0, feeCap: 1_400, premium: 200))
    }

    @Test func feeCapMustReachTheMinimumBaseFee() async throws {
        let (pool, _, sender) = try await Self.makePool()
        await Self.expectRefusal(pool, .gasFeeCapTooLow(feeCap: TokenAmount(attoFIL: 99), minimum: TokenAmount(attoFIL: 100))) {
            () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 0, feeCap: 99, premium: 1))
        }
    }

    @Test func networkMessagesMustMeetTheBaseFeeLowerBound() async throws {
        // Head base fee 1,000,000: the bound is 10,000 for network messages.
        let chain = try FakePoolChain(parentBaseFee: TokenAmount(attoFIL: 1_000_000))
        var generator = SeededGenerator(seed: 3)
        let sender = TestSender.secp(&generator)
        await chain.setActor(sender.address, balance: Self.rich)
        let pool = try await MessagePool(provider: chain)
        let cheap = sender.message(nonce: 0, feeCap: 9_999, premium: 1)
        await Self.expectRefusal(
            pool, .gasFeeCapBelowBaseFeeLowerBound(feeCap: TokenAmount(attoFIL: 9_999), lowerBound: TokenAmount(attoFIL: 10_000))
        ) { () async throws(MessagePoolError) in
            try await pool.addFromNetwork(cheap)
        }
        // A local message is kept but not published until the base fee falls.
        try await pool.push(cheap)
        #expect(await pool.count == 1)
        #expect(await chain.published.isEmpty)
    }

    @Test func badSignaturesAndMalformedMessagesChangeNothing() async throws {
        let (pool, _, sender) = try await Self.makePool()
        try await pool.push(sender.message(nonce: 0))
        var forged = sender.message(nonce: 1)
        forged.signature.data[3] ^= 0x01
        await Self.expectRefusal(pool, .invalidSignature) { () async throws(MessagePoolError) in
            _ = try await pool.push(forged)
        }
        // Signed by someone else.
        var generator = SeededGenerator(seed: 99)
        let other = TestSender.secp(&generator)
        let impostor = SignedMessage(message: sender.unsigned(nonce: 1), signature: other.message(nonce: 1).signature)
        await Self.expectRefusal(pool, .invalidSignature) { () async throws(MessagePoolError) in
            _ = try await pool.push(impostor)
        }
        await Self.expectRefusal(pool, .invalidMessage("'GasFeeCap' less than 'GasPremium'")) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 1, feeCap: 100, premium: 101))
        }
        await Self.expectRefusal(pool, .invalidMessage("'Value' field cannot be negative")) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 1, value: TokenAmount(attoFIL: -1)))
        }
        var versioned = sender.unsigned(nonce: 1)
        versioned.version = 1
        await Self.expectRefusal(pool, .invalidMessage("'Version' unsupported")) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.sign(versioned))
        }
        let totalSupply = TokenAmount(attoFIL: Message.totalFilecoinAttoFIL)
        await Self.expectRefusal(pool, .valueTooHigh) { () async throws(MessagePoolError) in
            _ = try await pool.push(sender.message(nonce: 1, value: totalSupply))
        }
    }

    @Test func sendersMustExistAndBeAccounts() async throws {
        let (pool, chain, _) = try await Self.makePool()
        var generator = SeededGenerator(seed: 5)
        let stranger = TestSender.secp(&generator)
        await Self.expectRefusal(pool, .senderNotFound(stranger.address)) { () async throws(MessagePoolError) in
            _ = try await pool.push(stranger.message(nonce: 0))
        }
        let miner = TestSender.secp(&generator)
        await chain.setActor(miner.address, balance: Self.rich, code: ActorCodes.code("storageminer", actorsVersion: 2))
        await Self.expectRefusal(pool, .senderCannotSend(miner.address)) { () async throws(MessagePoolError) in
            _ = try await pool.push(miner.message(nonce: 0))
        }
    }

    @Test func blsMessagesAreJudgedByTheirUnsignedLength() async throws {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: 8)
        let sender = TestSender.bls(&generator)
        await chain.setActor(sender.address, balance: Self.rich)
        let pool = try await MessagePool(provider: chain)
        let probe = sender.message(nonce: 0, gasLimit: 100_000)
        let minimum = 38_863 + (36 + Int64(probe.message.cborBytes.count)) * 1_000
        await Self.expectRefusal(pool, .gasLimitTooLow(gasLimit: 100_000, minimum: minimum)) { () async throws(MessagePoolError) in
            _ = try await pool.push(probe)
        }
        let message = sender.message(nonce: 0, gasLimit: minimum)
        #expect(try await pool.push(message) == message.message.cid)
    }

    @Test func batchPushStopsAtTheFirstRefusal() async throws {
        let (pool, _, sender) = try await Self.makePool()
        let good = [sender.message(nonce: 0), sender.message(nonce: 1)]
        var bad = sender.message(nonce: 2)
        bad.signature.data[0] ^= 0xFF
        do {
            _ = try await pool.pushBatch(good + [bad, sender.message(nonce: 3)])
            Issue.record("the batch should stop at its third message")
        } catch {
            #expect(error.pushed == good.map(\.cid))
            #expect(error.index == 2)
            #expect(error.reason == .invalidSignature)
        }
        #expect(await pool.pending().messages == good)
        #expect(try await pool.pushBatch([sender.message(nonce: 2)]) == [sender.message(nonce: 2).cid])
    }
}
