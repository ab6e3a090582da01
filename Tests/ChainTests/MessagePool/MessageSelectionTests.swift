import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// Selection (Lotus `SelectMessages`) and Venus's `MpoolSelects`.
@Suite struct MessageSelectionTests {
    static let blockGasLimit: Int64 = 10_000_000_000

    /// A pool with `senders` funded secp senders.
    static func makePool(senders count: Int, seed: UInt64, config: MessagePoolConfig = MessagePoolConfig())
        async throws -> (MessagePool, FakePoolChain, [TestSender])
    {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: seed)
        var senders: [TestSender] = []
        for _ in 0..<count {
            let sender = TestSender.secp(&generator)
            await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich)
            senders.append(sender)
        }
        let pool = try await MessagePool(provider: chain, config: config)
        return (pool, chain, senders)
    }

    @Test func theBestPayingChainsFillTheBlock() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 3, seed: 60)
        // Each message takes 40 % of the block: only two fit, the two best premiums.
        let gas: Int64 = 4_000_000_000
        let premiums = [300, 100, 200]
        for (sender, premium) in zip(senders, premiums) {
            try await pool.push(sender.message(nonce: 0, gasLimit: gas, feeCap: 1_000, premium: premium), publish: false)
        }
        let head = await chain.head
        for quality in [1.0, 0.5] {
            let selected = try await pool.selectMessages(for: head, ticketQuality: quality)
            #expect(selected.map(\.message.gasPremium.attoFIL) == [300, 200], "ticket quality \(quality)")
        }
    }

    @Test func aSendersNoncesStayInOrderEvenWhenLaterOnesPayMore() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 2, seed: 61)
        let (a, b) = (senders[0], senders[1])
        // a's nonce 0 pays little, nonce 1 a lot: they form one chain that beats b.
        try await pool.push(a.message(nonce: 0, gasLimit: 3_000_000_000, feeCap: 10_000, premium: 10), publish: false)
        try await pool.push(a.message(nonce: 1, gasLimit: 3_000_000_000, feeCap: 10_000, premium: 5_000), publish: false)
        try await pool.push(b.message(nonce: 0, gasLimit: 6_000_000_000, feeCap: 10_000, premium: 1_000), publish: false)
        let head = await chain.head
        for quality in [1.0, 0.3] {
            let selected = try await pool.selectMessages(for: head, ticketQuality: quality)
            #expect(selected.map(\.message.from) == [a.address, a.address], "ticket quality \(quality)")
            #expect(selected.map(\.message.nonce) == [0, 1])
        }
    }

    @Test func messagesThatCannotPayTheBaseFeeAreLeftOut() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 2, seed: 62)
        try await pool.push(senders[0].message(nonce: 0, feeCap: 1_000, premium: 10), publish: false)
        try await pool.push(senders[1].message(nonce: 0, feeCap: 500, premium: 10), publish: false)
        await chain.setBaseFee(TokenAmount(attoFIL: 800))
        let head = await chain.head
        for quality in [1.0, 0.3] {
            let selected = try await pool.selectMessages(for: head, ticketQuality: quality)
            #expect(selected.map(\.message.from) == [senders[0].address])
        }
    }

    @Test func messagesAfterANonceGapOrBeyondTheBalanceAreLeftOut() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 2, seed: 63)
        for nonce: UInt64 in [0, 1, 3] { try await pool.push(senders[0].message(nonce: nonce), publish: false) }
        // Balance for two messages' gas (10^9 each) only; the pool accepted three while it was richer.
        for nonce: UInt64 in 0...2 { try await pool.push(senders[1].message(nonce: nonce), publish: false) }
        await chain.setActor(senders[1].address, balance: TokenAmount(attoFIL: 2_500_000_000))
        let selected = try await pool.selectMessages(for: await chain.head, ticketQuality: 1)
        let bySender = Dictionary(grouping: selected, by: \.message.from).mapValues { $0.map(\.message.nonce) }
        #expect(bySender[senders[0].address] == [0, 1])
        #expect(bySender[senders[1].address] == [0, 1])
    }

    /// Lotus `TestOptimalMessageSelection1`: one sender, ten blocks' worth, a low ticket.
    @Test func oneSenderFillsTheBlockFromItsFirstNonce() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 1, seed: 64, config: MessagePoolConfig(maxPendingPerSender: 10_000))
        let gas: Int64 = 50_000_000
        let count = Int(10 * Self.blockGasLimit / gas)
        for i in 0..<count {
            let premium = 1 + i % 3 + (count - i) / 3
            try await pool.push(senders[0].message(nonce: UInt64(i), gasLimit: gas, feeCap: 100 + premium, premium: premium), publish: false)
        }
        let selected = try await pool.selectMessages(for: await chain.head, ticketQuality: 0.25)
        #expect(selected.count == Int(Self.blockGasLimit / gas))
        #expect(selected.map(\.message.nonce) == (0..<UInt64(selected.count)).map { $0 })
    }

    @Test func selectingOnAChildTipsetLeavesOutWhatItIncludes() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 1, seed: 65)
        let messages = (0..<3).map { senders[0].message(nonce: UInt64($0)) }
        for message in messages { try await pool.push(message, publish: false) }
        let child = try await chain.makeChild(secp: [messages[0]])
        await chain.setNonce(senders[0].address, 1)
        let selected = try await pool.selectMessages(for: child, ticketQuality: 1)
        #expect(selected == Array(messages.suffix(2)))
        #expect(await pool.count == 3)
    }

    @Test func prioritySendersGoFirst() async throws {
        let chain = try FakePoolChain()
        var generator = SeededGenerator(seed: 66)
        let rich = TestSender.secp(&generator), favoured = TestSender.secp(&generator)
        for sender in [rich, favoured] { await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich) }
        let pool = try await MessagePool(provider: chain, config: MessagePoolConfig(priorityAddresses: [favoured.address]))
        try await pool.push(rich.message(nonce: 0, gasLimit: 6_000_000_000, feeCap: 10_000, premium: 5_000), publish: false)
        try await pool.push(favoured.message(nonce: 0, gasLimit: 6_000_000_000, feeCap: 10_000, premium: 1), publish: false)
        let selected = try await pool.selectMessages(for: await chain.head, ticketQuality: 1)
        #expect(selected.map(\.message.from) == [favoured.address])
    }

    // MARK: MpoolSelects

    /// Checks what every selection must satisfy: each set takes each of its senders' messages
    /// contiguously from the state nonce, within the gas, count and balance limits, only pending
    /// messages; the sets are disjoint and no sender appears in two.
    static func checkBlocks(
        _ blocks: [[SignedMessage]], pending: [SignedMessage], nonces: [Address: UInt64], balances: [Address: TokenAmount],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let pendingCIDs = Set(pending.map(\.cid))
        var seenCIDs = Set<CID>()
        var seenSenders = Set<Address>()
        for (index, block) in blocks.enumerated() {
            #expect(block.reduce(0) { $0 + $1.message.gasLimit } <= blockGasLimit, "block \(index) gas", sourceLocation: sourceLocation)
            #expect(block.count <= 10_000, sourceLocation: sourceLocation)
            var next: [Address: UInt64] = [:]
            var spent: [Address: BigInt] = [:]
            for message in block {
                let sender = message.message.from
                #expect(pendingCIDs.contains(message.cid), "block \(index) took a message that is not pending", sourceLocation: sourceLocation)
                #expect(seenCIDs.insert(message.cid).inserted, "a message is in two blocks", sourceLocation: sourceLocation)
                let expected = next[sender] ?? nonces[sender] ?? 0
                #expect(message.message.nonce == expected, "block \(index): \(sender) nonce", sourceLocation: sourceLocation)
                next[sender] = expected + 1
                spent[sender, default: 0] += message.message.gasFeeCap.attoFIL * BigInt(message.message.gasLimit) + message.message.value.attoFIL
            }
            for (sender, amount) in spent {
                #expect(amount <= (balances[sender]?.attoFIL ?? 0), "block \(index) overspends \(sender)", sourceLocation: sourceLocation)
                #expect(!seenSenders.contains(sender), "sender \(sender) is split across blocks", sourceLocation: sourceLocation)
            }
            seenSenders.formUnion(spent.keys)
        }
    }

    @Test func selectsGivesDisjointBlocksAndNeverSplitsASender() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 100, seed: 67)
        var generator = SeededGenerator(seed: 670)
        // 100 senders × 5 messages of 150-450 M gas: fifteen blocks' worth. A block that takes
        // only a sender's first chains still takes the sender out, so four blocks use up many.
        for sender in senders {
            for nonce in 0..<5 {
                let premium = Int.random(in: 1...5_000, using: &generator)
                let gas = Int64.random(in: 150_000_000...450_000_000, using: &generator)
                try await pool.push(sender.message(nonce: UInt64(nonce), gasLimit: gas, feeCap: 10_000, premium: premium), publish: false)
            }
        }
        let pending = await pool.pending().messages
        let qualities = [0.95, 0.6, 0.3, 0.1]
        let blocks = try await pool.selectMessages(for: await chain.head, ticketQualities: qualities, using: &generator)
        #expect(blocks.count == 4)
        #expect(blocks.allSatisfy { !$0.isEmpty }, "block sizes \(blocks.map(\.count)), gas \(blocks.map { $0.reduce(0) { $0 + $1.message.gasLimit } })")
        Self.checkBlocks(
            blocks, pending: pending, nonces: [:],
            balances: Dictionary(uniqueKeysWithValues: senders.map { ($0.address, MessagePoolRulesTests.rich) }))
        // A sender whose messages did not all fit one block is still not continued in another.
        let total = blocks.reduce(0) { $0 + $1.count }
        #expect(total < pending.count)
        // The first block equals what a single selection with its ticket takes.
        let single = try await pool.selectMessages(for: await chain.head, ticketQuality: 0.95)
        #expect(Set(single.map(\.cid)) == Set(blocks[0].map(\.cid)))
        // Selection does not consume the pool.
        #expect(await pool.count == pending.count)
    }

    @Test func selectsLeavesLaterBlocksEmptyWhenNothingIsLeft() async throws {
        let (pool, chain, senders) = try await Self.makePool(senders: 2, seed: 68)
        for sender in senders { try await pool.push(sender.message(nonce: 0), publish: false) }
        let blocks = try await pool.selectMessages(for: await chain.head, ticketQualities: [0.9, 0.9, 0.5])
        #expect(blocks[0].count == 2)
        #expect(blocks[1].isEmpty && blocks[2].isEmpty)
        let empty = try await MessagePool(provider: chain)
        #expect(try await empty.selectMessages(for: await chain.head, ticketQualities: [0.9, 0.1]) == [[], []])
    }

    /// Property: random pools (gaps, poor senders, mixed fees, ID-less secp and BLS senders)
    /// always give valid disjoint blocks; and with one message per sender the greedy packer
    /// takes exactly what a plain first-fit by gas performance takes.
    @Test(arguments: 0..<12)
    func randomPoolsGiveValidBlocks(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: 7_000 + seed)
        let chain = try FakePoolChain()
        let pool = try await MessagePool(provider: chain)
        let senderCount = Int.random(in: 5...25, using: &generator)
        var nonces: [Address: UInt64] = [:]
        var balances: [Address: TokenAmount] = [:]
        for index in 0..<senderCount {
            let sender = index % 8 == 7 ? TestSender.bls(&generator) : TestSender.secp(&generator)
            let start = UInt64.random(in: 0...3, using: &generator)
            await chain.setActor(sender.address, balance: MessagePoolRulesTests.rich, nonce: start)
            let count = Int.random(in: 1...8, using: &generator)
            for offset in 0..<count {
                if Int.random(in: 0..<10, using: &generator) == 0 { continue }  // a gap now and then
                let feeCap = Int.random(in: 100...20_000, using: &generator)
                let message = sender.message(
                    nonce: start + UInt64(offset), gasLimit: Int64.random(in: 300_000...2_000_000_000, using: &generator),
                    feeCap: feeCap, premium: Int.random(in: 0...feeCap, using: &generator))
                try await pool.push(message, publish: false)
            }
            // Some senders are poorer now than when their messages came in.
            let balance = Int.random(in: 0..<3, using: &generator) == 0
                ? TokenAmount(attoFIL: BigInt(Int.random(in: 0...20_000_000_000_000, using: &generator))) : MessagePoolRulesTests.rich
            await chain.setActor(sender.address, balance: balance, nonce: start)
            nonces[sender.address] = start
            balances[sender.address] = balance
        }
        await chain.setBaseFee(TokenAmount(attoFIL: Int.random(in: 100...5_000, using: &generator)))
        let pending = await pool.pending().messages
        let qualities = (0..<Int.random(in: 1...5, using: &generator)).map { _ in Double.random(in: 0...1, using: &generator) }
        let blocks = try await pool.selectMessages(for: await chain.head, ticketQualities: qualities, using: &generator)
        #expect(blocks.count == qualities.count)
        Self.checkBlocks(blocks, pending: pending, nonces: nonces, balances: balances)
    }

    @Test(arguments: 0..<8)
    func greedyMatchesFirstFitForSingleMessageSenders(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: 9_000 + seed)
        let count = Int.random(in: 10...40, using: &generator)
        let (pool, chain, senders) = try await Self.makePool(senders: count, seed: 9_100 + seed)
        let baseFee = Int.random(in: 100...3_000, using: &generator)
        await chain.setBaseFee(TokenAmount(attoFIL: baseFee))
        var candidates: [(message: SignedMessage, perf: Double, reward: BigInt)] = []
        var premiums = Set<Int>()
        for sender in senders {
            var premium = Int.random(in: 1...10_000, using: &generator)
            while !premiums.insert(premium).inserted { premium += 1 }
            let gas = Int64.random(in: 300_000_000...3_000_000_000, using: &generator)
            let feeCap = premium + Int.random(in: 0...4_000, using: &generator)
            let message = sender.message(nonce: 0, gasLimit: gas, feeCap: feeCap, premium: premium)
            try await pool.push(message, publish: false)
            // Reward: min(premium, fee cap - base fee) × gas, tripled when negative.
            var reward = BigInt(min(premium, feeCap - baseFee)) * BigInt(gas)
            if reward < 0 { reward *= 3 }
            candidates.append((message, Double(reward) / Double(gas), reward))
        }
        // The reference: best performance first; a message that does not fit is skipped, and the
        // block counts as full once less than 1,298,450 gas is left when one does not fit.
        candidates.sort { $0.perf > $1.perf || ($0.perf == $1.perf && $0.reward > $1.reward) }
        var remaining = Self.blockGasLimit
        var expected: [CID] = []
        for candidate in candidates {
            if candidate.perf < 0 { break }
            let gas = candidate.message.message.gasLimit
            if gas <= remaining {
                expected.append(candidate.message.cid)
                remaining -= gas
            } else if remaining < 1_298_450 {
                break
            }
        }
        let selected = try await pool.selectMessages(for: await chain.head, ticketQuality: 1)
        #expect(selected.map(\.cid) == expected)
    }
}
