import Chain
import FilecoinTypes
import Testing
import VenusTesting

/// Head changes: applied messages leave the pool, reverted ones come back; and pruning.
@Suite struct MessagePoolHeadChangeTests {
    @Test func appliedMessagesLeaveAndRevertedOnesReturn() async throws {
        let (pool, chain, sender) = try await MessagePoolRulesTests.makePool()
        let messages = (0..<3).map { sender.message(nonce: UInt64($0)) }
        for message in messages { try await pool.push(message) }
        let child = try await chain.makeChild(secp: Array(messages.prefix(2)))
        await chain.setNonce(sender.address, 2)
        try await pool.headChange(revert: [], apply: [child])
        #expect(await pool.head.key == child.key)
        #expect(await pool.pending().messages == [messages[2]])
        #expect(await pool.count == 1)
        #expect(try await pool.nonce(for: sender.address) == 3)

        await chain.setNonce(sender.address, 0)
        try await pool.headChange(revert: [child], apply: [])
        #expect(await pool.head.key == (try await chain.loadTipSet(child.parents)).key)
        #expect(await pool.pending().messages == messages)
        #expect(await pool.count == 3)
        #expect(try await pool.nonce(for: sender.address) == 3)
    }

    @Test func aReorgReturnsOnlyWhatTheNewBranchDoesNotInclude() async throws {
        let (pool, chain, sender) = try await MessagePoolRulesTests.makePool()
        let messages = (0..<3).map { sender.message(nonce: UInt64($0)) }
        for message in messages { try await pool.push(message) }
        let genesis = await chain.head
        let oldBranch = try await chain.makeChild(of: genesis, miners: [1], secp: Array(messages.prefix(2)))
        try await pool.headChange(revert: [], apply: [oldBranch])
        #expect(await pool.pending().messages == [messages[2]])
        // The new branch includes only nonce 0: nonce 1 comes back, nonce 0 stays out.
        let newBranch = try await chain.makeChild(of: genesis, miners: [2], secp: [messages[0]])
        await chain.setNonce(sender.address, 1)
        try await pool.headChange(revert: [oldBranch], apply: [newBranch])
        #expect(await pool.pending().messages == [messages[1], messages[2]])
    }

    @Test func revertedBLSMessagesComeBackWithTheirSignature() async throws {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: 21)
        let sender = TestSender.bls(&generator)
        await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich)
        let pool = try await MessagePool(provider: chain)
        let message = sender.message(nonce: 0)
        try await pool.push(message)
        let child = try await chain.makeChild(bls: [message.message])
        try await pool.headChange(revert: [], apply: [child])
        #expect(await pool.count == 0)
        try await pool.headChange(revert: [child], apply: [])
        #expect(await pool.pending().messages == [message])
    }

    @Test func blockMessagesFromIDAddressesAreMatchedToTheirKey() async throws {
        let (pool, chain, sender) = try await MessagePoolRulesTests.makePool()
        let message = sender.message(nonce: 0)
        try await pool.push(message)
        let id = try Address.id(1234)
        await chain.setIDAddress(id, for: sender.address)
        var included = message
        included.message.from = id
        let child = try await chain.makeChild(secp: [included])
        try await pool.headChange(revert: [], apply: [child])
        #expect(await pool.count == 0)
    }

    @Test func runFollowsTheAnnouncedHeadChanges() async throws {
        let (pool, chain, sender) = try await MessagePoolRulesTests.makePool()
        let message = sender.message(nonce: 0)
        try await pool.push(message)
        let follower = Task { await pool.run() }
        let child = try await chain.makeChild(secp: [message])
        await chain.setNonce(sender.address, 1)
        await chain.announce(revert: [], apply: [child])
        try await waitUntil("the applied message leaves the pool") { await pool.count == 0 }
        #expect(await pool.head.key == child.key)
        await chain.finish()
        await follower.value
    }

    // MARK: Pruning

    /// `count` network senders with one message each, premiums 1...count.
    static func fill(_ pool: MessagePool, _ chain: FakePoolChain, count: Int, seed: UInt64) async throws -> [SignedMessage] {
        var generator = SeededGenerator(seed: seed)
        var messages: [SignedMessage] = []
        for index in 0..<count {
            let sender = TestSender.secp(&generator)
            await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich)
            let message = sender.message(nonce: 0, feeCap: 10_000, premium: index + 1)
            try await pool.addFromNetwork(message)
            messages.append(message)
        }
        return messages
    }

    @Test func pruningKeepsTheBestMessagesDownToTheLowWaterMark() async throws {
        let chain = try FakePoolChain()
        let pool = try await MessagePool(
            provider: chain, config: MessagePoolConfig(sizeLimitHigh: 30, sizeLimitLow: 20, pruneCooldown: .zero))
        let messages = try await Self.fill(pool, chain, count: 30, seed: 40)
        #expect(await pool.count == 30)
        #expect(try await pool.pruneExcessMessages())
        #expect(await pool.count == 20)
        let kept = Set(await pool.pending().messages.map(\.cid))
        #expect(kept == Set(messages.suffix(20).map(\.cid)))
    }

    @Test func pruningBelowTheHighWaterMarkDoesNothing() async throws {
        let chain = try FakePoolChain()
        let pool = try await MessagePool(
            provider: chain, config: MessagePoolConfig(sizeLimitHigh: 30, sizeLimitLow: 20, pruneCooldown: .zero))
        _ = try await Self.fill(pool, chain, count: 29, seed: 41)
        #expect(try await pool.pruneExcessMessages() == false)
        #expect(await pool.count == 29)
    }

    @Test func anAddAboveTheHighWaterMarkStartsAPrune() async throws {
        let chain = try FakePoolChain()
        let pool = try await MessagePool(
            provider: chain, config: MessagePoolConfig(sizeLimitHigh: 30, sizeLimitLow: 20, pruneCooldown: .zero))
        _ = try await Self.fill(pool, chain, count: 31, seed: 42)
        try await waitUntil("the pool prunes itself to 20") { await pool.count == 20 }
    }

    @Test func localAndPrioritySendersAreNeverPruned() async throws {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: 43)
        let local = TestSender.secp(&generator)
        let priority = TestSender.secp(&generator)
        for sender in [local, priority] { await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich) }
        let pool = try await MessagePool(
            provider: chain,
            config: MessagePoolConfig(
                priorityAddresses: [priority.address], sizeLimitHigh: 30, sizeLimitLow: 20, pruneCooldown: .zero))
        for nonce in 0..<15 { try await pool.push(local.message(nonce: UInt64(nonce), premium: 1), publish: false) }
        for nonce in 0..<3 { try await pool.addFromNetwork(priority.message(nonce: UInt64(nonce), premium: 1)) }
        let others = try await Self.fill(pool, chain, count: 12, seed: 44)
        #expect(try await pool.pruneExcessMessages())
        // 18 protected messages stay; the two best others fill up to 20.
        #expect(await pool.pending(from: local.address).count == 15)
        #expect(await pool.pending(from: priority.address).count == 3)
        #expect(await pool.count == 20)
        let keptOthers = Set(await pool.pending().messages.map(\.cid)).intersection(others.map(\.cid))
        #expect(keptOthers == Set(others.suffix(2).map(\.cid)))
    }
}
