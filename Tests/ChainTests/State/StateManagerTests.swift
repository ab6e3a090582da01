import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct StateManagerTests {
    /// A chain store with the fixture's genesis and a state manager over it.
    private func setUp(_ fixture: ExecutedChainFixture) async throws -> (ChainStore, StateManager, TipSet) {
        let chain = try fixture.chainStore()
        let genesisHeader = fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        return (chain, fixture.stateManager(chain), try TipSet(blocks: [genesisHeader]))
    }

    /// The state manager's execution of a tipset is `TipsetExecutor`'s on the same inputs: the
    /// parent state, the parent's epoch, the header's base fee and the stored messages.
    @Test func executesATipsetAsBlockApplicationDoes() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let bls = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0)
        let secp = ExecutedChainFixture.signed(ExecutedChainFixture.send(from: fixture.secpAccount, to: fixture.blsAccount, nonce: 0, value: 77))
        let genesisState = try await manager.tipSetState(genesis)
        #expect(genesisState == TipSetState(stateRoot: fixture.root, receiptsRoot: fixture.emptyReceipts))
        let tipset = try TipSet(blocks: [try fixture.block(on: genesis, parentState: genesisState, height: 3, bls: [bls], secp: [secp])])
        try await chain.putTipSet(tipset)

        let state = try await manager.tipSetState(tipset)
        let direct = try fixture.executor().execute(ExecutableTipset(
            parentStateRoot: fixture.root, parentEpoch: 0, epoch: 3, baseFee: TokenAmount(attoFIL: 100),
            blocks: [BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(bls)], secpMessages: [.signed(secp)])]))
        #expect(state == TipSetState(stateRoot: direct.stateRoot, receiptsRoot: direct.receiptsRoot))
        #expect(try fixture.cronEpochs(root: state.stateRoot) == [1, 2, 3])
        let receipts = try await manager.receipts(of: tipset)
        #expect(receipts.map(\.exitCode) == [0, 0])
        #expect(try fixture.nonce(fixture.secpAccount, root: state.stateRoot) == 1)
        // A second request is answered from the cache with the same result.
        #expect(try await manager.tipSetState(tipset) == state)
    }

    /// A tipset whose parent state was never computed here: the parent is executed first, and
    /// its result must be the state the child's headers name.
    @Test func executesUnexecutedAncestorsAndChecksTheirStates() async throws {
        let fixture = try ExecutedChainFixture()
        // Compute the chain's states in a scratch copy of the store, so the real store lacks them.
        let scratch = MemoryBlockstore(fixture.store.cids.compactMap { cid -> (cid: CID, data: [UInt8])? in
            guard let data = try? fixture.store.get(cid) else { return nil }
            return (cid: cid, data: data)
        })
        let (chain, manager, genesis) = try await setUp(fixture)
        let message = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0)
        let first = try TipSet(blocks: [try fixture.block(on: genesis, parentState: try await manager.tipSetState(genesis), bls: [message])])
        let firstResult = try fixture.executor(store: scratch).execute(ExecutableTipset(
            parentStateRoot: fixture.root, parentEpoch: 0, epoch: 1, baseFee: TokenAmount(attoFIL: 100),
            blocks: [BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(message)], secpMessages: [])]))
        let firstState = TipSetState(stateRoot: firstResult.stateRoot, receiptsRoot: firstResult.receiptsRoot)
        #expect(try fixture.store.has(firstState.stateRoot) == false)
        let second = try TipSet(blocks: [try fixture.block(on: first, parentState: firstState)])
        try await chain.putTipSet(first)
        try await chain.putTipSet(second)
        // A sibling naming the right state but other receipts is refused once the parent is recomputed.
        let wrongReceipts = try TipSet(blocks: [try fixture.block(
            on: first, parentState: TipSetState(stateRoot: firstState.stateRoot, receiptsRoot: fixture.emptyReceipts), minerIndex: 1)])
        try await chain.putTipSet(wrongReceipts)
        await #expect(throws: StateManagerError.receiptsMismatch(
            wrongReceipts.key, expected: fixture.emptyReceipts, computed: firstState.receiptsRoot)) {
            try await manager.tipSetState(wrongReceipts)
        }

        let secondState = try await manager.tipSetState(second)
        #expect(try fixture.store.has(firstState.stateRoot))
        #expect(try await manager.tipSetState(first) == firstState)
        #expect(try fixture.cronEpochs(root: secondState.stateRoot) == [1, 2])

        // A child naming a state its parent does not produce is refused, naming both.
        let bogus = TipSetState(stateRoot: try fixture.store.putCBOR([0x81, 0x00]), receiptsRoot: fixture.emptyReceipts)
        let wrongFixture = try ExecutedChainFixture()
        let (wrongChain, wrongManager, wrongGenesis) = try await setUp(wrongFixture)
        let wrongFirst = try TipSet(blocks: [try wrongFixture.block(on: wrongGenesis, parentState: try await wrongManager.tipSetState(wrongGenesis))])
        let missingRoot = CID.filecoin(cbor: [0x82, 0x01, 0x02])
        let orphan = try TipSet(blocks: [try wrongFixture.block(
            on: wrongFirst, parentState: TipSetState(stateRoot: missingRoot, receiptsRoot: bogus.receiptsRoot))])
        try await wrongChain.putTipSet(wrongFirst)
        try await wrongChain.putTipSet(orphan)
        let computed = try await wrongManager.tipSetState(wrongFirst).stateRoot
        await #expect(throws: StateManagerError.stateMismatch(orphan.key, expected: missingRoot, computed: computed)) {
            try await wrongManager.tipSetState(orphan)
        }
    }

    @Test func aTipsetWhoseParentIsGenesisNeedsTheGenesisState() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let missingRoot = CID.filecoin(cbor: [0x82, 0x03, 0x04])
        let tipset = try TipSet(blocks: [try fixture.block(
            on: genesis, parentState: TipSetState(stateRoot: missingRoot, receiptsRoot: fixture.emptyReceipts))])
        try await chain.putTipSet(tipset)
        await #expect(throws: StateManagerError.missingState(tipset.key, missingRoot)) { try await manager.tipSetState(tipset) }
    }

    /// Lotus `ComputeBaseFee`: the gas limits of the tipset's unique messages (a message in two
    /// blocks counts once), the first block's parent base fee, the block count.
    @Test func nextBaseFeeCountsUniqueMessagesOfAllBlocks() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let genesisState = try await manager.tipSetState(genesis)
        let shared = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0, gasLimit: 3_000_000_000)
        let own = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 1, gasLimit: 9_000_000_000)
        let fee = TokenAmount(attoFIL: 1_234_567)
        let tipset = try TipSet(blocks: [
            try fixture.block(on: genesis, parentState: genesisState, minerIndex: 0, ticket: 1, bls: [shared], baseFee: fee),
            try fixture.block(on: genesis, parentState: genesisState, minerIndex: 1, ticket: 2, bls: [shared, own], baseFee: fee),
        ])
        try await chain.putTipSet(tipset)
        let next = try await manager.nextBaseFee(after: tipset)
        #expect(next == BaseFee.next(baseFee: fee, gasLimitUsed: 12_000_000_000, blocks: 2, smoke: true))
        #expect(next != BaseFee.next(baseFee: fee, gasLimitUsed: 15_000_000_000, blocks: 2, smoke: true))
    }

    /// `GetLookbackTipSetForRound`: the parent state of the first tipset after `round − lookback`
    /// (10 epochs up to network version 3), whatever null rounds lie there.
    @Test func lookbackFindsTheStateAfterTheLookbackEpoch() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let genesis = try TipSet(blocks: [genesisHeader])
        let tipsets = try fixture.chain(on: genesis, heights: [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
        for tipset in tipsets { try await chain.putTipSet(tipset) }
        let manager = StateManager(chain: chain, schedule: .fixed(3), supply: .fixed(.zero))
        let byHeight = Dictionary(uniqueKeysWithValues: tipsets.map { ($0.height, $0) })
        let head = try #require(byHeight[20])
        // Round 16: lookback epoch 6 is null; the next tipset is 8, whose parent is 4.
        let (lookback, stateRoot) = try await manager.lookbackTipSet(for: head, round: 16)
        #expect(lookback == byHeight[4])
        #expect(stateRoot == byHeight[8]?.parentStateRoot)
        // Round 21: lookback epoch 11; the next tipset is 12.
        let next = try await manager.lookbackTipSet(for: head, round: 21)
        #expect(next.tipset == byHeight[11])
        #expect(next.stateRoot == byHeight[12]?.parentStateRoot)
        // Rounds within the lookback of genesis read the genesis.
        let early = try await manager.lookbackTipSet(for: genesis, round: 5)
        #expect(early.tipset == genesis)
        #expect(early.stateRoot == genesis.parentStateRoot)
        #expect(StateManager.winningPoStSectorSetLookback(networkVersion: 4) == 900)
    }

    /// A message is found in the tipset whose headers carry its receipt, from the head directly
    /// or by walking back over the sender's nonces.
    @Test func searchFindsTheExecutingTipsetAndReceipt() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let signed = ExecutedChainFixture.signed(ExecutedChainFixture.send(from: fixture.secpAccount, to: fixture.blsAccount, nonce: 0))
        let other = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0)
        var tipsets = [genesis]
        let included = try TipSet(blocks: [try fixture.block(
            on: genesis, parentState: try await manager.tipSetState(genesis), bls: [other], secp: [signed])])
        try await chain.putTipSet(included)
        tipsets.append(included)
        for _ in 0..<3 {
            let parent = tipsets[tipsets.count - 1]
            let next = try TipSet(blocks: [try fixture.block(on: parent, parentState: try await manager.tipSetState(parent))])
            try await chain.putTipSet(next)
            tipsets.append(next)
        }
        let receiptHolder = tipsets[2]
        let expectedReceipt = try await manager.receipts(of: included)[1]

        let direct = try #require(try await manager.searchForMessage(signed.cid, from: receiptHolder))
        #expect(direct == MessageLookup(message: signed.cid, receipt: expectedReceipt, tipset: receiptHolder))
        let back = try #require(try await manager.searchForMessage(signed.cid))
        #expect(back == direct)
        // Out of reach of a short lookback from the head.
        #expect(try await manager.searchForMessage(signed.cid, lookbackLimit: 1) == nil)
        // A message never included is not found.
        let absent = ExecutedChainFixture.signed(ExecutedChainFixture.send(from: fixture.secpAccount, to: fixture.blsAccount, nonce: 1))
        _ = try BlockMessageStore(store: fixture.store).write(bls: [], secp: [absent])
        #expect(try await manager.searchForMessage(absent.cid) == nil)
        // The same nonce with another call is a conflict, not a match.
        let conflicting = ExecutedChainFixture.signed(ExecutedChainFixture.send(from: fixture.secpAccount, to: fixture.blsAccount, nonce: 0, value: 9))
        _ = try BlockMessageStore(store: fixture.store).write(bls: [], secp: [conflicting])
        await #expect(throws: StateManagerError.conflictingMessage(wanted: conflicting.cid, found: signed.cid)) {
            try await manager.searchForMessage(conflicting.cid, from: receiptHolder)
        }
    }

    /// Lotus `WaitForMessage` returns once the execution is `confidence` epochs deep.
    @Test func waitReturnsOnceTheExecutionIsDeepEnough() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let message = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0)
        _ = try BlockMessageStore(store: fixture.store).write(bls: [message], secp: [])
        let waiter = Task { try await manager.waitForMessage(message.cid, confidence: 2) }
        try await waitUntil("the waiter subscribed") { await chain.subscriberCount >= 1 }

        var parent = genesis
        var tipsets: [TipSet] = []
        for index in 0..<4 {
            let next = try TipSet(blocks: [try fixture.block(
                on: parent, parentState: try await manager.tipSetState(parent), bls: index == 0 ? [message] : [])])
            try await chain.putTipSet(next)
            tipsets.append(next)
            parent = next
        }
        let lookup = try await waiter.value
        #expect(lookup.tipset == tipsets[1])
        #expect(lookup.message == message.cid)
        #expect(lookup.receipt.exitCode == 0)
    }

    /// A revert of the tipset found drops it: the wait ends on the fork that executes the
    /// message again, `confidence` epochs deep there.
    @Test func waitFollowsAReorgThatRevertsTheExecution() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let message = ExecutedChainFixture.send(from: fixture.blsAccount, to: fixture.secpAccount, nonce: 0)
        _ = try BlockMessageStore(store: fixture.store).write(bls: [message], secp: [])
        let waiter = Task { try await manager.waitForMessage(message.cid, confidence: 3) }
        try await waitUntil("the waiter subscribed") { await chain.subscriberCount >= 1 }

        func extend(_ parent: TipSet, miner: Int, ticket: UInt8, include: Bool) async throws -> TipSet {
            let next = try TipSet(blocks: [try fixture.block(
                on: parent, parentState: try await manager.tipSetState(parent), minerIndex: miner, ticket: ticket,
                bls: include ? [message] : [])])
            try await chain.putTipSet(next)
            return next
        }
        // Fork a executes the message at a1 (receipt in a2), then loses to the longer fork b.
        let a1 = try await extend(genesis, miner: 0, ticket: 1, include: true)
        let a2 = try await extend(a1, miner: 0, ticket: 1, include: false)
        var b = genesis
        for _ in 0..<3 { b = try await extend(b, miner: 1, ticket: 2, include: false) }
        #expect(await chain.head == b)
        #expect(await chain.head != a2)
        // Fork b executes it at height 4 (receipt at 5) and grows to 8.
        let b4 = try await extend(b, miner: 1, ticket: 2, include: true)
        var last = b4
        for _ in 0..<4 { last = try await extend(last, miner: 1, ticket: 2, include: false) }
        let lookup = try await waiter.value
        #expect(lookup.height == 5)
        #expect(try await chain.tipSet(atHeight: 5, from: last, prev: false) == lookup.tipset)
        #expect(lookup.tipset.parents == b4.key)
    }

    /// A call applies the message on the parent state and commits nothing.
    @Test func callAppliesWithoutCommitting() async throws {
        let fixture = try ExecutedChainFixture()
        let (chain, manager, genesis) = try await setUp(fixture)
        let head = try TipSet(blocks: [try fixture.block(on: genesis, parentState: try await manager.tipSetState(genesis))])
        try await chain.putTipSet(head)
        let blocksBefore = fixture.store.count
        var message = ExecutedChainFixture.send(from: fixture.secpAccount, to: fixture.blsAccount, nonce: 42, value: 5)
        message.gasLimit = 0
        let result = try await manager.call(message)
        #expect(result.receipt.exitCode == 0)
        #expect(result.error == nil)
        #expect(result.message.nonce == 0)
        #expect(result.message.gasLimit == ImplicitMessages.blockGasLimit)
        #expect(fixture.store.count == blocksBefore)
        #expect(try fixture.balance(fixture.blsAccount, root: head.parentStateRoot) == TokenAmount(wholeFIL: 1_000))

        // A failing call reports its exit code and error rather than throwing.
        var tooMuch = message
        tooMuch.value = TokenAmount(wholeFIL: 5_000)
        let failed = try await manager.call(tooMuch)
        #expect(failed.receipt.exitCode != 0)
        #expect(failed.error != nil)

        let stranger = try Address(bytes: [1] + [UInt8](repeating: 0xee, count: 20))
        await #expect(throws: StateManagerError.actorNotFound(stranger)) {
            try await manager.call(ExecutedChainFixture.send(from: stranger, to: fixture.blsAccount, nonce: 0))
        }
    }
}
