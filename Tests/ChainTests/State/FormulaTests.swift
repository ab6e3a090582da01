import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct BaseFeeTests {
    static let oracleEnabled = PythonOracle.available(modules: ["json"]) || ProcessInfo.processInfo.environment["CI"] == "true"

    /// The next base fee against Lotus's formula written independently in Python: empty, half,
    /// full and over-full tipsets, both sides of the Smoke change, fees near the minimum and large.
    @Test(.enabled(if: oracleEnabled)) func nextBaseFeeMatchesLotus() throws {
        var generator = SeededGenerator(seed: 0xBA5E_F00D)
        var cases: [(fee: BigInt, used: Int64, blocks: Int, smoke: Bool)] = []
        for smoke in [true, false] {
            for fee in [BigInt(100), 101, 799, 800, 1_000_000_000, BigInt(10).power(20)] {
                for used in [Int64(0), 1, 5_000_000_000, 4_000_000_000, 10_000_000_000, 25_000_000_000, 50_000_000_000] {
                    for blocks in [1, 2, 5] { cases.append((fee, used, blocks, smoke)) }
                }
            }
        }
        for _ in 0..<100 {
            let blocks = Int.random(in: 1...10, using: &generator)
            cases.append((
                BigInt(UInt64.random(in: 50...UInt64(1) << 50, using: &generator)),
                Int64.random(in: 0...Int64(blocks) * 10_000_000_000, using: &generator), blocks, Bool.random(using: &generator)))
        }
        let request: [String: Any] = [
            "cases": cases.map { ["fee": String($0.fee), "used": $0.used, "blocks": $0.blocks, "smoke": $0.smoke] as [String: Any] }
        ]
        let expected = try #require(try PythonOracle.call("base_fee_oracle.py", input: request) as? [String])
        #expect(expected.count == cases.count)
        for (index, testCase) in cases.enumerated() {
            let ours = BaseFee.next(
                baseFee: TokenAmount(attoFIL: testCase.fee), gasLimitUsed: testCase.used, blocks: testCase.blocks, smoke: testCase.smoke)
            #expect(String(ours.attoFIL) == expected[index], "case \(index): \(testCase)")
        }
    }

    @Test func theFormulaFollowsTheNetworkVersion() {
        #expect(BaseFee.usesSmokeFormula(networkVersion: 1) == false)
        #expect(BaseFee.usesSmokeFormula(networkVersion: 2))
        // A half-full tipset keeps the fee after Smoke; before it, the packing efficiency reads it
        // as 5/8 full and raises the fee.
        let fee = TokenAmount(attoFIL: 1_000_000)
        #expect(BaseFee.next(baseFee: fee, gasLimitUsed: 5_000_000_000, blocks: 1, smoke: true) == fee)
        #expect(BaseFee.next(baseFee: fee, gasLimitUsed: 5_000_000_000, blocks: 1, smoke: false) > fee)
    }
}

@Suite struct ChainRandomnessTests {
    /// Builds g(0) ← t1(1) ← t2(2) ← t5(5) with distinct tickets; beacon entries on g and t5 only.
    private func chain() throws -> (ChainReader, [Int64: TipSet]) {
        let fixture = try ChainStoreFixture()
        let genesisHeader = try fixture.genesis()
        var withBeacon = genesisHeader
        withBeacon.beaconEntries = [BeaconEntry(round: 10, data: [UInt8](repeating: 0x10, count: 32))]
        let genesis = try TipSet(blocks: [withBeacon])
        var tipsets: [Int64: TipSet] = [0: genesis]
        var parent = genesis
        for (height, ticket) in [(Int64(1), UInt8(0x21)), (2, 0x22), (5, 0x25)] {
            var header = try fixture.block(on: parent, height: height, ticket: ticket)
            if height == 5 { header.beaconEntries = [BeaconEntry(round: 15, data: [UInt8](repeating: 0x15, count: 32))] }
            let tipset = try TipSet(blocks: [header])
            tipsets[height] = tipset
            parent = tipset
        }
        for tipset in tipsets.values { for block in tipset.blocks { try fixture.store.put(block) } }
        return (ChainReader(store: fixture.store), tipsets)
    }

    @Test func ticketsAreDrawnFromTheTipsetAtTheRoundLookingBackOverNullRounds() throws {
        let (reader, tipsets) = try chain()
        let head = try #require(tipsets[5])
        let source = ChainRandomness(reader: reader, tipset: head, schedule: .fixed(5))
        let entropy: [UInt8] = [1, 2, 3]
        let tag = DomainSeparationTag.sealRandomness.rawValue
        for (round, from) in [(Int64(2), Int64(2)), (3, 2), (4, 2), (5, 5), (1, 1)] {
            let ticket = try #require(tipsets[from]?.minTicket)
            #expect(try source.randomness(fromTickets: true, tag: tag, epoch: round, entropy: entropy)
                == Randomness.draw(base: ticket.vrfProof, tag: tag, round: round, entropy: entropy))
        }
        // Negative rounds draw from the genesis ticket with the negative round mixed in.
        let genesisTicket = try #require(tipsets[0]?.minTicket)
        #expect(try source.randomness(fromTickets: true, tag: tag, epoch: -3, entropy: [])
            == Randomness.draw(base: genesisTicket.vrfProof, tag: tag, round: -3, entropy: []))
        // Network version 13 looks forward: a null round takes the tipset after it.
        let forward = ChainRandomness(reader: reader, tipset: head, schedule: .fixed(13))
        let after = try #require(tipsets[5]?.minTicket)
        #expect(try forward.randomness(fromTickets: true, tag: tag, epoch: 3, entropy: entropy)
            == Randomness.draw(base: after.vrfProof, tag: tag, round: 3, entropy: entropy))
    }

    @Test func beaconRandomnessUsesTheNewestEntryAtOrBehindTheRound() throws {
        let (reader, tipsets) = try chain()
        let head = try #require(tipsets[5])
        let source = ChainRandomness(reader: reader, tipset: head, schedule: .fixed(5))
        let tag = DomainSeparationTag.winningPoStChallengeSeed.rawValue
        // Round 2 has no entry of its own: the genesis's is the newest behind it.
        #expect(try source.randomness(fromTickets: false, tag: tag, epoch: 2, entropy: [9])
            == Randomness.draw(base: [UInt8](repeating: 0x10, count: 32), tag: tag, round: 2, entropy: [9]))
        #expect(try source.randomness(fromTickets: false, tag: tag, epoch: 5, entropy: [9])
            == Randomness.draw(base: [UInt8](repeating: 0x15, count: 32), tag: tag, round: 5, entropy: [9]))
    }

    @Test func roundsAfterTheTipsetAreFatal() throws {
        let (reader, tipsets) = try chain()
        let source = ChainRandomness(reader: reader, tipset: try #require(tipsets[2]), schedule: .fixed(5))
        #expect { try source.randomness(fromTickets: true, tag: 1, epoch: 3, entropy: []) } throws: { error in
            (error as? ActorError)?.isFatal == true
        }
    }
}

@Suite struct CirculatingSupplyTests {
    static let oracleEnabled = PythonOracle.available(modules: ["json"]) || ProcessInfo.processInfo.environment["CI"] == "true"

    /// A state with the actors the supply reads: reward (mined), burnt funds, market and power
    /// (locked), and the reserve.
    private func state(mined: TokenAmount, burnt: TokenAmount, locked: (TokenAmount, TokenAmount, TokenAmount, TokenAmount), reserve: TokenAmount) throws -> (MemoryBlockstore, CID) {
        let store = MemoryBlockstore()
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "supply-test")
        let placeholder = try builder.putState([0x80])
        var reward = RewardState(currRealizedPower: 0, actorsVersion: 2)
        reward.totalStoragePowerReward = mined
        try builder.setActor(id: 2, ActorState(code: ActorCodes.code("reward", actorsVersion: 2), head: try builder.putState(reward.cborBytes)))
        var power = PowerState(emptyMap: placeholder, emptyMultimap: placeholder, actorsVersion: 2)
        power.totalPledgeCollateral = locked.3
        try builder.setActor(id: 4, ActorState(code: ActorCodes.code("storagepower", actorsVersion: 2), head: try builder.putState(power.cborBytes)))
        var market = MarketState(emptyArray: placeholder, emptyMap: placeholder, emptyMultimap: placeholder)
        market.totalClientLockedCollateral = locked.0
        market.totalProviderLockedCollateral = locked.1
        market.totalClientStorageFee = locked.2
        try builder.setActor(id: 5, ActorState(code: ActorCodes.code("storagemarket", actorsVersion: 2), head: try builder.putState(market.cborBytes)))
        let account = ActorCodes.code("account", actorsVersion: 2)
        try builder.setActor(id: 90, ActorState(code: account, head: placeholder, balance: reserve))
        try builder.setActor(id: 99, ActorState(code: account, head: placeholder, balance: burnt))
        return (store, try builder.build(initCode: ActorCodes.code("init", actorsVersion: 2)))
    }

    /// The supply against Lotus's formula in Python, on both sides of Ignition, through the
    /// vesting durations, with and without the reserve's disbursement.
    @Test(.enabled(if: oracleEnabled)) func supplyMatchesLotus() throws {
        let mined = TokenAmount(wholeFIL: 1_234), burnt = TokenAmount(wholeFIL: 56)
        let locked = (TokenAmount(wholeFIL: 7), TokenAmount(wholeFIL: 8), TokenAmount(attoFIL: 9), TokenAmount(wholeFIL: 100))
        let reserve = TokenAmount(wholeFIL: 299_000_000)
        let (store, root) = try state(mined: mined, burnt: burnt, locked: locked, reserve: reserve)
        let heights: [CirculatingSupply.Heights] = [.devnet, .init(ignition: 1_000, actorsV2: -5, liftoff: 2_000), .init(ignition: -2, actorsV2: -5, liftoff: 500)]
        for height in heights {
            for epoch in [Int64(0), 1, 10, 999, 1_000, 1_001, 600_000, 1_051_200, 3_153_600, 10_000_000] {
                let ours = try CirculatingSupply.compute(epoch: epoch, stateRoot: root, genesisStateRoot: nil, heights: height, store: store)
                let request: [String: Any] = [
                    "epoch": epoch, "ignition": height.ignition, "actorsv2": height.actorsV2, "liftoff": height.liftoff,
                    "mined": String(mined.attoFIL), "burnt": String(burnt.attoFIL),
                    "locked": String((locked.0 + locked.1 + locked.2 + locked.3).attoFIL), "reserve": String(reserve.attoFIL),
                ]
                let expected = try #require(try PythonOracle.call("supply_oracle.py", input: request) as? [String: String])
                #expect(String(ours.vested.attoFIL) == expected["vested"], "epoch \(epoch), \(height)")
                #expect(String(ours.circulating.attoFIL) == expected["circulating"], "epoch \(epoch), \(height)")
                #expect(ours.mined == mined)
                #expect(ours.burnt == burnt)
                #expect(ours.locked == locked.0 + locked.1 + locked.2 + locked.3)
            }
        }
    }

    /// The legacy VM recomputes the supply on its current state at each request (Lotus
    /// `GetCircSupply` before network version 15): after a message burnt gas fees, an actor asking
    /// for the supply sees it reduced by that burn.
    @Test func theVMAsksForTheSupplyOnItsCurrentState() throws {
        let (store, base) = try state(
            mined: TokenAmount(wholeFIL: 10), burnt: TokenAmount(wholeFIL: 1),
            locked: (.zero, .zero, .zero, TokenAmount(wholeFIL: 2)), reserve: TokenAmount(wholeFIL: 299_999_000))
        // Add a funded sender and the probe to the state.
        let tree = try StateTree(root: base, store: store)
        let sender = try Address(bytes: [1] + [UInt8](repeating: 0x5c, count: 20))
        let senderID = try tree.registerNewAddress(sender)
        tree.setActor(id: senderID, ActorState(
            code: ActorCodes.code("account", actorsVersion: 2), head: try store.putCBOR(ExecutedChainFixture.accountState(sender)),
            balance: TokenAmount(wholeFIL: 100)))
        let probeCode = ActorCodes.code("multisig", actorsVersion: 2)
        tree.setActor(id: 777, ActorState(code: probeCode, head: try store.putCBOR([0x80])))
        let root = try tree.flush()
        var registry = ActorRegistry.builtin()
        registry.register(probeCode, SupplyProbe())
        let source = LotusCirculatingSupply(heights: .devnet, genesisStateRoot: nil)
        let vm = try VM(
            stateRoot: root, store: store,
            config: VMConfig(epoch: 10, networkVersion: 5, circulatingSupply: .zero, supplySource: source), registry: registry)
        let before = try CirculatingSupply.compute(epoch: 10, stateRoot: root, genesisStateRoot: nil, heights: .devnet, store: store)
        let send = ExecutedChainFixture.send(from: sender, to: BuiltinAddress.burntFundsActor, nonce: 0, value: 0)
        let sent = try vm.applyMessage(send, chainLength: VM.chainLength(of: send))
        #expect(sent.receipt.exitCode == 0)
        #expect(!sent.gasOutputs.baseFeeBurn.isZero)
        let expected = try CirculatingSupply.compute(epoch: 10, state: vm.state, genesisStateRoot: nil, heights: .devnet)
        var probe = ExecutedChainFixture.send(from: sender, to: Address.idAddress(777), nonce: 1, value: 0)
        probe.method = 2
        let asked = try vm.applyMessage(probe, chainLength: VM.chainLength(of: probe))
        #expect(asked.receipt.exitCode == 0)
        let seen = try TokenAmount(cborBytes: asked.receipt.returnData)
        #expect(seen == expected.circulating)
        #expect(seen == before.circulating - sent.gasOutputs.baseFeeBurn - sent.gasOutputs.overEstimationBurn)
    }

    @Test func theScheduleNamesTheHeightsAndAMissingReserveIsAnError() throws {
        #expect(CirculatingSupply.Heights(schedule: .mainnet) == .init(ignition: 94_000, actorsV2: 138_720, liftoff: 148_888))
        #expect(CirculatingSupply.Heights(schedule: .fixed(5)) == .devnet)
        let store = MemoryBlockstore()
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "empty")
        let root = try builder.build(initCode: ActorCodes.code("init", actorsVersion: 2))
        #expect(throws: StateManagerError.actorNotFound(CirculatingSupply.reserveActor)) {
            try CirculatingSupply.compute(epoch: 10, stateRoot: root, genesisStateRoot: nil, heights: .devnet, store: store)
        }
    }
}

/// Returns the circulating supply the runtime reports (method 2).
struct SupplyProbe: BuiltinActor {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard method == 2 else { throw invalidMethod(method) }
        try rt.validateImmediateCallerAcceptAny()
        return rt.circulatingSupply.cborBytes
    }
}
