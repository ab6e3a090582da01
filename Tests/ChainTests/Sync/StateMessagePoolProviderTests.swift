import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Testing
import VenusTesting

/// The message pool over the node's real chain: the devnet genesis funds the miner's owner key,
/// whose transfers the pool judges against the genesis state.
@Suite struct StateMessagePoolProviderTests {
    @Test func poolAcceptsAFundedTransferRefusesAWrongNonceAndSelectsIt() async throws {
        let fixture = try await DevnetChainFixture()
        let provider = try await StateMessagePoolProvider(stateManager: fixture.stateManager)
        let pool = try await MessagePool(provider: provider)
        #expect(await pool.head == fixture.genesisTipSet)

        let first = try fixture.transfer(nonce: 0)
        #expect(try await pool.push(first) == first.cid)
        #expect(await pool.pending(from: fixture.minerKey.address) == [first])
        #expect(try await pool.nonce(for: fixture.minerKey.address) == 1)

        // Untrusted clients may leave no nonce gap: nonce 3 after 0 is refused.
        let gapped = try fixture.transfer(nonce: 3)
        await #expect(throws: MessagePoolError.nonceGapTooBig(nonce: 3, nextNonce: 1, maximumGap: 0)) {
            try await pool.pushUntrusted(gapped)
        }
        #expect(await pool.pending(from: fixture.minerKey.address) == [first])

        // An account the genesis never funded has no actor to send from.
        var generator = SeededGenerator(seed: 99)
        let stranger = GenesisKey.generateBLS(using: &generator)
        let unfunded = Message(
            to: fixture.minerKey.address, from: stranger.address, nonce: 0, value: .zero, gasLimit: 10_000_000,
            gasFeeCap: TokenAmount(attoFIL: 2_000_000_000), gasPremium: TokenAmount(attoFIL: 100_000))
        let signed = SignedMessage(message: unfunded, signature: try stranger.sign(unfunded.cid.bytes))
        await #expect(throws: MessagePoolError.senderNotFound(stranger.address)) { try await pool.push(signed) }

        let selected = try await pool.selectMessages(for: fixture.genesisTipSet, ticketQuality: 1.0)
        #expect(selected == [first])
    }

    @Test func actorsKeysAndBaseFeeComeFromTheChainState() async throws {
        let fixture = try await DevnetChainFixture()
        let provider = try await StateMessagePoolProvider(stateManager: fixture.stateManager)
        let genesis = fixture.genesisTipSet

        let owner = try #require(try await provider.actor(fixture.minerKey.address, after: genesis))
        let stored = try #require(try StateTreeView(root: fixture.genesis.stateRoot, store: fixture.store).actor(at: fixture.minerKey.address))
        #expect(owner == stored)
        #expect(owner.balance > TokenAmount(wholeFIL: 49_999_999))
        #expect(owner.nonce == 0)
        let ownerID = try #require(try StateTreeView(root: fixture.genesis.stateRoot, store: fixture.store).lookupID(fixture.minerKey.address))
        #expect(try await provider.actor(Address.idAddress(ownerID), after: genesis) == owner)

        let stranger = try Address.bls(publicKey: [0xA0] + [UInt8](repeating: 7, count: 47))
        let both = try await provider.actors([fixture.minerKey.address, stranger], after: genesis)
        #expect(both == [fixture.minerKey.address: owner])

        #expect(try await provider.resolveToKey(Address.idAddress(ownerID), at: genesis) == fixture.minerKey.address)
        #expect(try await provider.resolveToKey(stranger, at: genesis) == stranger)
        await #expect(throws: StateFactError.noKeyAddress(fixture.miner)) {
            _ = try await provider.resolveToKey(fixture.miner, at: genesis)
        }

        // The genesis is empty: the base fee falls by an eighth of the parent's (the Lotus formula).
        let parentFee = fixture.genesis.header.parentBaseFee
        let expected = BaseFee.next(baseFee: parentFee, gasLimitUsed: 0, blocks: 1, smoke: false)
        #expect(try await provider.baseFee(after: genesis) == expected)
        #expect(expected < parentFee)

        let messages = try await provider.messages(in: fixture.genesis.header)
        #expect(messages.bls.isEmpty && messages.secp.isEmpty)
    }

    @Test func headChangesAreTheChainStoresInPoolOrder() async throws {
        let fixture = try await DevnetChainFixture()
        let provider = try await StateMessagePoolProvider(stateManager: fixture.stateManager)
        let (head, changes) = await provider.subscribeHeadChanges()
        #expect(head == fixture.genesisTipSet)

        // Two children of the genesis, stored directly (the chain store does not validate): `a`
        // becomes the head; `b` is only stored; a child of `b`, heavier, reorgs to it.
        let a = try TipSet(blocks: [try await fixture.block { $0.ticket = Ticket(vrfProof: [1]) }.header])
        let b = try TipSet(blocks: [try await fixture.block { $0.ticket = Ticket(vrfProof: [2]) }.header])
        try await fixture.chain.putTipSet(a)
        #expect(try await fixture.chain.requireHead() == a)
        try await fixture.chain.putBlockHeader(b.blocks[0])
        let weight = try await fixture.chain.weight(of: b)
        let grandchild = try TipSet(blocks: [try await fixture.block(height: 2) {
            $0.parents = b.cids
            $0.parentWeight = weight
        }.header])
        try await fixture.chain.putTipSet(grandchild)
        #expect(try await fixture.chain.requireHead() == grandchild)

        var iterator = changes.makeAsyncIterator()
        let applied = try #require(await iterator.next())
        #expect(applied.revert.isEmpty)
        #expect(applied.apply == [a])
        let reorg = try #require(await iterator.next())
        #expect(reorg.revert == [a])
        #expect(reorg.apply == [b, grandchild])
    }

    @Test func poolFollowsTheChainStoresHeadThroughAReorg() async throws {
        let fixture = try await DevnetChainFixture()
        let provider = try await StateMessagePoolProvider(stateManager: fixture.stateManager)
        let pool = try await MessagePool(provider: provider)
        let runner = Task { await pool.run() }
        defer { runner.cancel() }
        let owner = fixture.minerKey.address
        let first = try fixture.transfer(nonce: 0)
        let second = try fixture.transfer(nonce: 1)
        try await pool.push(first)
        try await pool.push(second)

        // A block including the first transfer becomes the head: its nonce is used.
        let included = try BlockMessageStore(store: fixture.store).write(bls: [first.message], secp: [])
        let a = try TipSet(blocks: [try await fixture.block {
            $0.ticket = Ticket(vrfProof: [1])
            $0.messages = included
        }.header])
        try await fixture.chain.putTipSet(a)
        try await waitUntil("the pool moves to the block including the transfer") { await pool.head == a }
        #expect(await pool.pending(from: owner) == [second])

        // A heavier chain without it: the transfer returns to the pool.
        let b = try TipSet(blocks: [try await fixture.block { $0.ticket = Ticket(vrfProof: [2]) }.header])
        try await fixture.chain.putBlockHeader(b.blocks[0])
        let weight = try await fixture.chain.weight(of: b)
        let c = try TipSet(blocks: [try await fixture.block(height: 2) {
            $0.parents = b.cids
            $0.parentWeight = weight
        }.header])
        try await fixture.chain.putTipSet(c)
        try await waitUntil("the pool follows the reorg") { await pool.head == c }
        #expect(await pool.pending(from: owner) == [first, second])
    }
}
