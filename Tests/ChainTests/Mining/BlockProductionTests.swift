import BigInt
import Chain
import ChainState
import DagCBOR
import DevnetWorkloads
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Proofs
import Testing
import VenusTesting

/// Block production on a real devnet: base info from the genesis state, blocks assembled from it,
/// judged by the real `BlockValidator` reading the same chain, and a transfer carried through
/// several rounds into the computed state.
@Suite struct BlockProductionTests {
    @Test func baseInfoAtRoundOneHasThePresealedPowerWorkerAndBeacon() async throws {
        let fixture = try await MiningFixture()
        let info = try #require(try await fixture.mining.info(miner: fixture.miner, round: 1, base: fixture.genesis.key))

        // Two presealed 2 KiB sectors, and the only miner holds all the network's power.
        let claim = try #require(try await fixture.context.powerClaim(fixture.miner, stateRoot: fixture.genesis.parentStateRoot))
        #expect(claim.rawBytePower == BigInt(2 * 2048))
        #expect(info.minerPower == claim.qualityAdjPower)
        #expect(info.minerPower >= BigInt(2 * 2048))
        #expect(info.networkPower == info.minerPower)
        #expect(info.sectorSize == 2048)
        #expect(info.workerKey == fixture.workerKey.address)
        #expect(info.eligibleForMining)

        // One challenged sector (the mock winning PoSt's count), a presealed one with its CommR.
        let presealed = try #require(fixture.devnet.template.miners.first).sectors
        #expect(info.sectors.count == MockProofs.winningPoStSectorCount)
        let sector = try #require(info.sectors.first)
        let preseal = try #require(presealed.first { $0.sectorNumber == sector.sectorNumber })
        #expect(sector.sealedCID == preseal.commR)
        #expect(sector.sealProof == preseal.proofType)

        // The genesis entry before, then the mock beacon's entry for epoch 1.
        #expect(info.prevBeaconEntry == fixture.genesis.blocks[0].beaconEntries.last)
        let round = MockBeacon().maxRound(forEpoch: 1, networkVersion: fixture.devnet.template.networkVersion)
        #expect(info.beaconEntries == [MockBeacon.entry(round: round)])
        #expect(info.beaconBase == MockBeacon.entry(round: round))
    }

    @Test func baseInfoRefusesWhatIsNoMiner() async throws {
        let fixture = try await MiningFixture()
        // The burnt-funds account is an actor but no miner: its proving set cannot be read.
        await #expect(throws: MiningError.self) {
            try await fixture.mining.info(miner: .idAddress(99), round: 1, base: fixture.genesis)
        }
        // No actor at all, at the lookback or the base.
        await #expect(throws: MiningError.minerNotFound(.idAddress(1001))) {
            try await fixture.mining.info(miner: .idAddress(1001), round: 1, base: fixture.genesis)
        }
        await #expect(throws: MiningError.roundNotAfterBase(round: 0, baseHeight: 0)) {
            try await fixture.mining.info(miner: fixture.miner, round: 0, base: fixture.genesis)
        }
        let unknown = TipSetKey([CID.filecoin(cbor: [0x43, 0x6e, 0x6f, 0x21])])  // a block no chain has
        await #expect(throws: MiningError.baseUnknown(unknown)) {
            try await fixture.mining.info(miner: fixture.miner, round: 1, base: unknown)
        }
    }

    @Test func producedBlockCarriesTheChainsFactsAndPassesTheValidator() async throws {
        let fixture = try await MiningFixture()
        let (round, block) = try await firstWinningBlock(fixture)
        let header = block.header
        let info = try #require(try await fixture.mining.info(miner: fixture.miner, round: round, base: fixture.genesis))

        let parentState = try await fixture.states.tipSetState(fixture.genesis)
        #expect(header.parentStateRoot == parentState.stateRoot)
        #expect(header.parentMessageReceipts == parentState.receiptsRoot)
        #expect(header.parentWeight == (try await fixture.chain.weight(of: fixture.genesis)))
        #expect(header.parentBaseFee == (try await fixture.states.nextBaseFee(after: fixture.genesis)))
        #expect(header.parents == fixture.genesis.cids)
        #expect(header.height == round)
        #expect(header.timestamp == fixture.genesis.minTimestamp + 4 * UInt64(round))
        #expect(header.beaconEntries == info.beaconEntries)
        #expect(header.blsAggregate == Signature(kind: .bls, data: BlockAssembler.emptyBLSAggregate))

        // The VRFs verify under the worker key over the inputs the validator draws.
        let worker = fixture.workerKey.address
        let ticketInput = try #require(Election.ticketVRFInput(
            miner: fixture.miner, round: round, beaconBase: info.beaconBase, parentMinTicket: fixture.genesis.minTicket,
            parameters: fixture.context.parameters))
        #expect(Signature(kind: .bls, data: try #require(header.ticket).vrfProof).verifies(ticketInput, signer: worker))
        let electionInput = Election.electionVRFInput(miner: fixture.miner, round: round, beaconBase: info.beaconBase)
        let proof = try #require(header.electionProof)
        #expect(Signature(kind: .bls, data: proof.vrfProof).verifies(electionInput, signer: worker))
        #expect(proof.winCount == proof.computeWinCount(power: info.minerPower, totalPower: info.networkPower))
        #expect(proof.winCount >= 1)
        #expect(try #require(header.blockSig).verifies(header.signingBytes, signer: worker))

        // And the validator, reading the same chain, finds nothing wrong.
        #expect(await fixture.validator.failures(of: block) == [])

        // A changed ticket is refused by the validator's ticket rule.
        var forged = block
        forged.header.ticket = Ticket(vrfProof: header.electionProof?.vrfProof ?? [])
        forged.header.blockSig = try fixture.workerKey.sign(forged.header.signingBytes)
        #expect(await fixture.validator.failures(of: forged) == [.ticketVRFInvalid])
    }

    @Test func withoutASignerTheBlockSignatureIsLeftEmpty() async throws {
        let fixture = try await MiningFixture()
        let (round, signed) = try await firstWinningBlock(fixture)
        let unsigned = try #require(try await fixture.maker.blocks(round: round, base: fixture.genesis, sign: false).first)
        #expect(unsigned.header.blockSig == nil)
        var resigned = unsigned.header
        resigned.blockSig = try fixture.workerKey.sign(unsigned.header.signingBytes)
        // Signing the unsigned header later gives the block the node would have signed.
        #expect(resigned == signed.header)
        #expect(await fixture.validator.failures(of: unsigned) == [.missingBlockSignature])
    }

    @Test func assemblerRefusesBadTemplates() async throws {
        let fixture = try await MiningFixture()
        let (round, block) = try await firstWinningBlock(fixture)
        let header = block.header
        let template = BlockTemplate(
            miner: fixture.miner, parents: fixture.genesis.key, ticket: header.ticket,
            electionProof: header.electionProof, beaconValues: header.beaconEntries, messages: [],
            epoch: round, timestamp: header.timestamp, winningPoStProof: header.winPoStProof)
        let assembler = BlockAssembler(chain: fixture.chain, context: fixture.context)

        var stranger = template
        stranger.miner = .idAddress(1001)
        await #expect(throws: MiningError.workerUnknown(.idAddress(1001))) {
            try await assembler.createBlock(stranger, signer: nil)
        }
        var badBLS = template
        let message = Message(
            to: .idAddress(99), from: fixture.workerKey.address, nonce: 0, value: .zero, gasLimit: 1_000_000,
            gasFeeCap: .zero, gasPremium: .zero)
        badBLS.messages = [SignedMessage(message: message, signature: Signature(kind: .bls, data: [1, 2, 3]))]
        await #expect(throws: MiningError.blsSignatureMalformed(index: 0)) {
            try await assembler.createBlock(badBLS, signer: nil)
        }
        var delegated = template
        delegated.messages = [SignedMessage(message: message, signature: Signature(kind: .delegated, data: [UInt8](repeating: 1, count: 65)))]
        await #expect(throws: MiningError.messageSignatureTypeInvalid(index: 0, .delegated)) {
            try await assembler.createBlock(delegated, signer: nil)
        }
        // A signer without the worker's key (a node holding other keys) leaves the block unsigned,
        // for the producer's own wallet to sign, as a block made without a signer.
        let unsigned = try await assembler.createBlock(template, signer: MiningSigner.local([]))
        #expect(unsigned.header.blockSig == nil)
        #expect(unsigned == (try await assembler.createBlock(template, signer: nil)))
    }

    @Test func transfersMoveBalancesOverSeveralRounds() async throws {
        let fixture = try await MiningFixture()
        let sender = fixture.workerKey
        var generator = SeededGenerator(seed: 7)
        let blsRecipient = GenesisKey.generateBLS(using: &generator).address
        let secpRecipient = Address.secp256k1(publicKey: try Secp256k1PrivateKey(bytes: generator.bytes(32)).publicKey)
        let secpSender = try GenesisKey(type: .secp256k1, privateKey: generator.bytes(32))

        func transfer(_ from: GenesisKey, to: Address, nonce: UInt64, fil: Int) throws -> SignedMessage {
            let message = Message(
                to: to, from: from.address, nonce: nonce, value: TokenAmount(wholeFIL: fil), gasLimit: 10_000_000,
                gasFeeCap: TokenAmount(attoFIL: 1_000_000_000), gasPremium: TokenAmount(attoFIL: 100_000))
            return SignedMessage(message: message, signature: try from.sign(message.cid.bytes))
        }

        // Round A: a BLS-signed transfer to a new BLS account and one funding a secp256k1 sender.
        let first = try await fixture.maker.mineNext(messages: [
            try transfer(sender, to: blsRecipient, nonce: 0, fil: 5),
            try transfer(sender, to: secpSender.address, nonce: 1, fil: 20),
        ])
        #expect(first.blocks[0].blsMessages.count == 2)
        #expect(first.blocks[0].header.blsAggregate?.data != BlockAssembler.emptyBLSAggregate)
        for block in first.blocks { #expect(await fixture.validator.failures(of: block) == []) }

        // Round B: the funded secp256k1 account pays on; its message goes to the secpk list.
        let second = try await fixture.maker.mineNext(messages: [try transfer(secpSender, to: secpRecipient, nonce: 0, fil: 3)])
        #expect(second.blocks[0].secpkMessages.count == 1)
        #expect(second.tipset.parents == first.tipset.key)
        for block in second.blocks { #expect(await fixture.validator.failures(of: block) == []) }
        #expect(try await fixture.balance(blsRecipient, after: first.tipset) == TokenAmount(wholeFIL: 5))
        #expect(try await fixture.balance(secpRecipient, after: first.tipset) == .zero)

        // Round C: empty, so that round B's messages are executed in a parent state.
        let third = try await fixture.maker.mineNext()
        for block in third.blocks { #expect(await fixture.validator.failures(of: block) == []) }
        #expect(try await fixture.balance(secpRecipient, after: second.tipset) == TokenAmount(wholeFIL: 3))
        #expect(try await fixture.balance(blsRecipient, after: second.tipset) == TokenAmount(wholeFIL: 5))
        let receipts = try await fixture.states.receipts(of: first.tipset)
        #expect(receipts.count == 2 && receipts.allSatisfy { $0.exitCode == 0 })
        #expect(await fixture.chain.head == third.tipset)

        // The BLS recipient's actor exists at the new base but not at the lookback (the genesis
        // state): as in Lotus, no base info rather than an error.
        let recipient = try #require(try await fixture.context.senderActor(blsRecipient, stateRoot: third.tipset.parentStateRoot))
        #expect(try await fixture.mining.info(miner: recipient.id, round: third.tipset.height + 1, base: third.tipset) == nil)
        #expect(third.tipset.height > second.tipset.height && second.tipset.height > first.tipset.height)
    }

    @Test func severalMinersBlocksFormOneTipsetThatTheNextBlocksBuildOn() async throws {
        // t01000 with 8 sectors and t01001 with 1: each wins on its own VRF, often both in a round.
        let fixture = try await MiningFixture(seed: 3, sectorCounts: [8, 1])
        let info = try #require(try await fixture.mining.info(miner: fixture.miners[1], round: 1, base: fixture.genesis))
        #expect(info.networkPower == info.minerPower * 9)
        #expect(info.workerKey == fixture.keys[1].address)

        var base = fixture.genesis
        var tipsetsOfTwo = 0
        for _ in 0..<8 {
            let (tipset, blocks) = try await fixture.maker.mineNext(on: base)
            for block in blocks { #expect(await fixture.validator.failures(of: block) == []) }
            #expect(tipset.parents == base.key)
            #expect(Set(tipset.blocks.map(\.miner)).count == blocks.count)
            #expect(await fixture.chain.head == tipset)
            if blocks.count == 2 { tipsetsOfTwo += 1 }
            base = tipset
        }
        #expect(tipsetsOfTwo > 0)
        #expect(base.parentWeight > 0)
    }

    @Test func aRoundNoMinerWinsIsSkipped() async throws {
        // Mining for t01001 alone (1 of 9 sectors: λ = 5/9), most rounds are null.
        let fixture = try await MiningFixture(seed: 3, sectorCounts: [8, 1])
        let maker = DevnetBlockMaker(
            chain: fixture.chain, context: fixture.context, beacons: fixture.beacons, miners: [fixture.miners[1]],
            keys: fixture.keys)
        var base = fixture.genesis
        var skipped = 0
        for _ in 0..<6 {
            let (tipset, blocks) = try await maker.mineNext(on: base)
            let gap = tipset.height - base.height
            if gap > 1 {
                skipped += 1
                // The rounds in between were null: no block of this miner there, and the block
                // carries one beacon entry per epoch since its parent and the later timestamp.
                for round in (base.height + 1)..<tipset.height {
                    #expect(try await maker.blocks(round: round, base: base).isEmpty)
                }
            }
            let header = blocks[0].header
            #expect(header.beaconEntries.count == Int(gap))
            #expect(header.timestamp == base.minTimestamp + 4 * UInt64(gap))
            #expect(await fixture.validator.failures(of: blocks[0]) == [])
            base = tipset
        }
        #expect(skipped > 0)
    }

    @Test(.enabled(if: PythonOracle.available(modules: ["blspy"]) || ProcessInfo.processInfo.environment["CI"] == "true", "needs blspy"))
    func producedSignaturesVerifyUnderBlspy() async throws {
        let fixture = try await MiningFixture()
        let (round, block) = try await firstWinningBlock(fixture)
        let info = try #require(try await fixture.mining.info(miner: fixture.miner, round: round, base: fixture.genesis))
        let ticketInput = try #require(Election.ticketVRFInput(
            miner: fixture.miner, round: round, beaconBase: info.beaconBase, parentMinTicket: fixture.genesis.minTicket,
            parameters: fixture.context.parameters))
        let key = BlockVRFOracleTests.hex(fixture.workerKey.address.payload)
        let checks: [[String: String]] = [
            ["pk": key, "msg": BlockVRFOracleTests.hex(ticketInput), "sig": BlockVRFOracleTests.hex(try #require(block.header.ticket).vrfProof)],
            ["pk": key, "msg": BlockVRFOracleTests.hex(block.header.signingBytes), "sig": BlockVRFOracleTests.hex(try #require(block.header.blockSig).data)],
        ]
        let answer = try PythonOracle.call("bls_oracle.py", arguments: ["blspy"], input: ["verify": checks])
        #expect((answer as? [String: Any])?["verify"] as? [Bool] == [true, true])
    }

    /// The first round after the genesis that t01000 wins, and its block.
    func firstWinningBlock(_ fixture: MiningFixture) async throws -> (Int64, FullBlock) {
        for round in Int64(1)...50 {
            if let block = try await fixture.maker.blocks(round: round, base: fixture.genesis).first { return (round, block) }
        }
        Issue.record("t01000 won none of 50 rounds")
        throw DevnetBlockMaker.Failure.noWinner(base: fixture.genesis.key, rounds: 50)
    }
}
