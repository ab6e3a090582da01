import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Testing

/// Input block application must refuse, or turn into receipts, without crashing.
@Suite struct TipsetExecutorBadInputTests {
    private func tipset(_ fixture: ExecutionFixture, _ blocks: [BlockMessages], parent: Int64 = 1, epoch: Int64 = 2) -> ExecutableTipset {
        ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: parent, epoch: epoch, baseFee: TokenAmount(attoFIL: 100), blocks: blocks)
    }

    @Test func aTipsetWithoutBlocksIsRefused() throws {
        let fixture = try ExecutionFixture()
        #expect(throws: TipsetExecutionError.noBlocks) { try fixture.executor().execute(tipset(fixture, [])) }
    }

    @Test func aMessageThatDoesNotDecodeIsRefusedNamingItsBlockAndSlot() throws {
        let fixture = try ExecutionFixture()
        let good = ExecutionFixture.send(from: fixture.blsAccounts[0], to: fixture.blsAccounts[1], nonce: 0).cborBytes
        for bad: [UInt8] in [[], [0xff], [0x8a, 0x00], Array(good.dropLast()), good + [0x00]] {
            #expect(throws: TipsetExecutionError.self) {
                _ = try BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessageBytes: [good, bad], secpMessageBytes: [], blockIndex: 3)
            }
            do {
                _ = try BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessageBytes: [good], secpMessageBytes: [bad], blockIndex: 3)
                Issue.record("\(bad) decoded")
            } catch {
                guard case .malformedMessage(let block, let index, _) = error else { Issue.record("\(error)"); continue }
                #expect(block == 3 && index == 1)
            }
        }
    }

    @Test func aDuplicateMessageIsAppliedOnce() throws {
        let fixture = try ExecutionFixture()
        let message = ExecutionFixture.send(from: fixture.blsAccounts[0], to: fixture.blsAccounts[1], nonce: 0)
        let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(message), .unsigned(message)], secpMessages: [])
        let result = try fixture.executor().execute(tipset(fixture, [block]))
        #expect(result.receipts.count == 1)
        #expect(result.receipts.first?.exitCode == 0)
        #expect(try fixture.nonce(fixture.blsAccounts[0], root: result.stateRoot) == 1)
    }

    @Test func twoBlocksByOneMinerAreRefused() throws {
        let fixture = try ExecutionFixture()
        let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [], secpMessages: [])
        #expect(throws: TipsetExecutionError.duplicateMiner("\(fixture.miners[0])")) { try fixture.executor().execute(tipset(fixture, [block, block])) }
    }

    @Test func absurdGasBecomesAReceiptNotACrash() throws {
        let fixture = try ExecutionFixture()
        let from = fixture.blsAccounts[0]
        let to = fixture.blsAccounts[1]
        let messages = [
            // More than the sender can ever pay: SysErrSenderStateInvalid, the miner penalised.
            ExecutionFixture.send(from: from, to: to, nonce: 0, gasLimit: .max, feeCap: TokenAmount(attoFIL: 1_000_000)),
            // Below the inclusion cost, and negative: SysErrOutOfGas.
            ExecutionFixture.send(from: from, to: to, nonce: 0, gasLimit: -1),
            ExecutionFixture.send(from: from, to: to, nonce: 0, gasLimit: .min),
            // Free gas, all of Int64: runs, the rest refunded or burnt.
            ExecutionFixture.send(from: from, to: to, nonce: 0, gasLimit: .max, feeCap: .zero, premium: .zero),
            // Fee cap and premium far beyond any balance.
            ExecutionFixture.send(from: from, to: to, nonce: 1, gasLimit: 1_000_000, feeCap: TokenAmount(wholeFIL: 1_000_000_000), premium: TokenAmount(wholeFIL: 1_000_000_000)),
        ]
        let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: messages.map { .unsigned($0) }, secpMessages: [])
        let result = try fixture.executor().execute(tipset(fixture, [block]))
        #expect(result.receipts.map(\.exitCode) == [2, 7, 7, 0, 2])
        #expect(try fixture.nonce(from, root: result.stateRoot) == 1)
    }

    @Test func epochRangesCrossingAnUpgradeAreRefused() throws {
        let fixture = try ExecutionFixture()
        let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [], secpMessages: [])
        let executor = fixture.executor(schedule: .mainnet)
        // actorsv2 at 138720: a parent at or after 138720 and before the tipset crosses it.
        #expect(throws: TipsetExecutionError.crossesUpgrade(name: "actorsv2", height: 138_720, parentEpoch: 138_719, epoch: 138_721)) {
            try executor.execute(tipset(fixture, [block], parent: 138_719, epoch: 138_721))
        }
        #expect(throws: TipsetExecutionError.crossesUpgrade(name: "actorsv2", height: 138_720, parentEpoch: 138_720, epoch: 138_721)) {
            try executor.execute(tipset(fixture, [block], parent: 138_720, epoch: 138_721))
        }
        #expect(throws: TipsetExecutionError.epochBeforeParent(parent: 9, epoch: 8)) { try executor.execute(tipset(fixture, [block], parent: 9, epoch: 8)) }
    }

    @Test func aFailingRewardAbortsTheTipsetAndWritesNothing() throws {
        let fixture = try ExecutionFixture()
        let backing = MemoryBlockstore(fixture.store.cids.compactMap { cid in (try? fixture.store.get(cid)).flatMap { $0.map { (cid: cid, data: $0) } } })
        let before = backing.count
        let message = ExecutionFixture.send(from: fixture.blsAccounts[0], to: fixture.blsAccounts[1], nonce: 0)
        let blocks = [
            BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [.unsigned(message)], secpMessages: []),
            // A robust address no actor has: the reward actor cannot resolve it. (An unknown ID
            // resolves to itself; its reward is then burnt, as in specs-actors.)
            BlockMessages(miner: try Address(bytes: [3] + [UInt8](repeating: 0xee, count: 48)), winCount: 1, blsMessages: [], secpMessages: []),
            // A zero win count: refused by the reward actor.
            BlockMessages(miner: fixture.miners[1], winCount: 0, blsMessages: [], secpMessages: []),
        ]
        for bad in blocks.dropFirst() {
            do {
                _ = try fixture.executor(store: backing).execute(tipset(fixture, [blocks[0], bad]))
                Issue.record("a failing reward was accepted")
            } catch {
                guard case .implicitMessageFailed(let what, let code, _) = error else { Issue.record("\(error)"); continue }
                #expect(what.contains("reward"))
                #expect(code != 0)
            }
        }
        #expect(backing.count == before)
    }

    @Test func aStateRootThatDoesNotExistIsAnErrorNotACrash() throws {
        let fixture = try ExecutionFixture()
        let missing = CID.filecoin(cbor: [0x82, 0x01, 0x02])
        let block = BlockMessages(miner: fixture.miners[0], winCount: 1, blsMessages: [], secpMessages: [])
        #expect(throws: TipsetExecutionError.self) {
            try fixture.executor().execute(ExecutableTipset(parentStateRoot: missing, parentEpoch: 1, epoch: 2, baseFee: .zero, blocks: [block]))
        }
    }
}
