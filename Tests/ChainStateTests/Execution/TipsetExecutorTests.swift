import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Testing

/// Block application (Lotus's legacy `ApplyBlocks`) on a small synthetic actors-v2 state.
@Suite struct TipsetExecutorTests {
    @Test func appliesEachBlocksBlsThenSecpMessagesThenItsRewardThenCron() throws {
        let fixture = try ExecutionFixture()
        let (bls, secp) = (fixture.blsAccounts, fixture.secpAccounts)
        let m1 = ExecutionFixture.send(from: bls[0], to: bls[1], nonce: 0)
        let m2 = ExecutionFixture.send(from: secp[0], to: secp[1], nonce: 0)
        let m3 = ExecutionFixture.send(from: bls[1], to: bls[0], nonce: 0)
        let blocks = [
            BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(m1)], secpMessages: [ExecutionFixture.signed(m2)]),
            // m1 again: already applied in this tipset, skipped.
            BlockMessages(miner: fixture.miners[1], winCount: 2, blsMessages: [.unsigned(m1), .unsigned(m3)], secpMessages: []),
        ]
        let tipset = ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: 10, epoch: 11, baseFee: TokenAmount(attoFIL: 100), blocks: blocks)
        let result = try fixture.executor().execute(tipset)

        #expect(result.applied.map(\.kind) == [.explicit(block: 0), .explicit(block: 0), .reward(block: 0), .explicit(block: 1), .reward(block: 1), .cron(epoch: 11)])
        #expect(result.applied.map(\.message.cid)[0...1] == [m1.cid, m2.cid])
        #expect(result.applied[1].cid == ExecutionFixture.signed(m2).cid, "a secp message is known by its signed CID")
        #expect(result.receipts.count == 3)
        #expect(result.receipts.allSatisfy { $0.exitCode == 0 && $0.gasUsed > 0 })
        for implicit in result.applied where implicit.isImplicit {
            #expect(implicit.result.receipt == MessageReceipt(exitCode: 0, returnData: [], gasUsed: 0))
            #expect(implicit.message.from == BuiltinAddress.systemActor)
        }
        // The receipts AMT holds the explicit receipts in order (legacy AMT for actors v2).
        var amt = try AMT(store: MemoryBlockstore(), format: .legacy)
        for (index, receipt) in result.receipts.enumerated() { try amt.set(UInt64(index), receipt.cborBytes) }
        #expect(try amt.flush() == result.receiptsRoot)
        #expect(try fixture.nonce(bls[0], root: result.stateRoot) == 1)
        #expect(try fixture.nonce(bls[1], root: result.stateRoot) == 1)
        #expect(try fixture.cronEpochs(root: result.stateRoot) == [11])
    }

    @Test func rewardsPayEachMinerItsWinsAndItsOwnMessagesPremiums() throws {
        let fixture = try ExecutionFixture()
        let premium = TokenAmount(attoFIL: 10)
        let gasLimit: Int64 = 1_000_000
        let m1 = ExecutionFixture.send(from: fixture.blsAccounts[0], to: fixture.blsAccounts[1], nonce: 0, gasLimit: gasLimit, premium: premium)
        let blocks = [
            BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(m1)], secpMessages: []),
            BlockMessages(miner: fixture.miners[1], winCount: 3, blsMessages: [], secpMessages: []),
        ]
        let result = try fixture.executor().execute(
            ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: 1, epoch: 2, baseFee: TokenAmount(attoFIL: 100), blocks: blocks))
        let win = TokenAmount(attoFIL: ExecutionFixture.epochReward.attoFIL / 5)
        let tip = premium * TokenAmount(attoFIL: Int(gasLimit)).attoFIL
        #expect(try fixture.balance(fixture.miners[0], root: result.stateRoot) == win + tip)
        #expect(try fixture.balance(fixture.miners[1], root: result.stateRoot) == win * 3)
        // The reward message carries the block's own premiums and penalties.
        let expectedParams = ImplicitMessages.awardBlockRewardParams(miner: fixture.miners[0], penalty: .zero, gasReward: tip, winCount: 1)
        #expect(result.applied[1].message.params == expectedParams)
        #expect(result.applied[1].message.gasLimit == ImplicitMessages.rewardGasLimit)
        #expect(result.applied.last?.message.gasLimit == 100_000_000_000_000)
    }

    @Test func cronRunsAtEveryNullRoundWithTheVMAtThatEpoch() throws {
        let fixture = try ExecutionFixture()
        let blocks = [BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [], secpMessages: [])]
        let result = try fixture.executor().execute(
            ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: 20, epoch: 24, baseFee: TokenAmount(attoFIL: 100), blocks: blocks))
        #expect(result.applied.map(\.kind) == [.cron(epoch: 21), .cron(epoch: 22), .cron(epoch: 23), .reward(block: 0), .cron(epoch: 24)])
        #expect(try fixture.cronEpochs(root: result.stateRoot) == [21, 22, 23, 24])
        // A tipset at its parent's epoch (as the corpus applies some) runs only its own cron.
        let same = try fixture.executor().execute(
            ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: 24, epoch: 24, baseFee: TokenAmount(attoFIL: 100), blocks: blocks))
        #expect(try fixture.cronEpochs(root: same.stateRoot) == [24])
    }

    @Test func consecutiveTipsetsChainTheirStates() throws {
        let fixture = try ExecutionFixture()
        let executor = fixture.executor()
        var root = fixture.root
        for epoch in Int64(1)...3 {
            let message = ExecutionFixture.send(from: fixture.secpAccounts[0], to: fixture.secpAccounts[1], nonce: UInt64(epoch - 1))
            let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [], secpMessages: [ExecutionFixture.signed(message)])
            let result = try executor.execute(
                ExecutableTipset(parentStateRoot: root, parentEpoch: epoch - 1, epoch: epoch, baseFee: TokenAmount(attoFIL: 100), blocks: [block]))
            #expect(result.receipts.map(\.exitCode) == [0])
            root = result.stateRoot
        }
        #expect(try fixture.nonce(fixture.secpAccounts[0], root: root) == 3)
        #expect(try fixture.cronEpochs(root: root) == [1, 2, 3])
    }

    @Test func theSameInputGivesTheSameRoots() throws {
        let a = try ExecutionFixture()
        let b = try ExecutionFixture()
        #expect(a.root == b.root)
        func run(_ fixture: ExecutionFixture) throws -> TipsetExecutionResult {
            let message = ExecutionFixture.send(from: fixture.blsAccounts[0], to: fixture.secpAccounts[1], nonce: 0)
            return try fixture.executor().execute(ExecutableTipset(
                parentStateRoot: fixture.root, parentEpoch: 5, epoch: 7, baseFee: TokenAmount(attoFIL: 100),
                blocks: [BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(message)], secpMessages: [])]))
        }
        let (ra, rb) = (try run(a), try run(b))
        #expect(ra.stateRoot == rb.stateRoot)
        #expect(ra.receiptsRoot == rb.receiptsRoot)
    }
}
