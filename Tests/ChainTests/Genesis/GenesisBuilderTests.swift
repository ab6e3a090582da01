import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import FilecoinCrypto
import Foundation
import IPLD
import Proofs
import Testing
import VenusTesting

@Suite struct GenesisBuilderTests {
    // MARK: Determinism

    @Test func theSameTemplateMakesTheSameGenesisInFreshStores() throws {
        let template = try GenesisFixture.template(miners: 2, sectors: 2)
        let (first, _) = try GenesisFixture.build(template)
        let (second, _) = try GenesisFixture.build(template)
        #expect(first.cid == second.cid)
        #expect(first.header == second.header)
        // Through its JSON file, as `venus genesis car` reads it.
        let reread = try GenesisTemplate(json: try template.json())
        #expect(reread == template)
        #expect(try GenesisFixture.build(reread).0.cid == first.cid)
    }

    @Test func anotherTimestampOrNameMakesAnotherGenesis() throws {
        let template = try GenesisFixture.template(miners: 1, sectors: 1)
        let (base, _) = try GenesisFixture.build(template)
        var later = template
        later.timestamp += 1
        let (moved, _) = try GenesisFixture.build(later)
        #expect(moved.stateRoot == base.stateRoot)
        #expect(moved.cid != base.cid)
        #expect(moved.header.ticket != base.header.ticket)
        var renamed = template
        renamed.networkName = "another-net"
        #expect(try GenesisFixture.build(renamed).0.stateRoot != base.stateRoot)
    }

    // MARK: The header

    @Test func theHeaderIsBuiltAsLotusBuildsIt() throws {
        let (genesis, store) = try GenesisFixture.build(try GenesisFixture.template(miners: 1, sectors: 1))
        let header = genesis.header
        #expect(header.height == 0)
        #expect(header.miner == Address.idAddress(0))
        #expect(header.parents.map(\.description) == ["bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi"])
        #expect(header.parentWeight == 0)
        #expect(header.timestamp == GenesisFixture.timestamp)
        #expect(header.parentBaseFee == TokenAmount(attoFIL: 100_000_000))
        #expect(header.electionProof == ElectionProof(winCount: 0, vrfProof: []))
        #expect(header.beaconEntries == [BeaconEntry(round: 0, data: [UInt8](repeating: 0, count: 32))])
        #expect(header.blockSig == nil && header.blsAggregate == nil && header.winPoStProof.isEmpty)
        #expect(header.ticket?.vrfProof.count == 32)
        // No messages, no receipts: both point at the empty legacy AMT.
        let emptyAMT = try { var amt = try AMT(store: MemoryBlockstore(), format: .legacy); return try amt.flush() }()
        #expect(header.parentMessageReceipts == emptyAMT)
        let meta = try MsgMeta(cborBytes: try store.getRequired(header.messages))
        #expect(meta == MsgMeta(blsMessages: emptyAMT, secpkMessages: emptyAMT))
        // Stored, and decoding back to itself.
        #expect(try BlockHeader(cborBytes: try store.getRequired(genesis.cid)) == header)
        #expect(try store.getRequired(LegacyGenesisBlock.cid) == LegacyGenesisBlock.bytes)
    }

    // MARK: The state

    @Test func theSingletonsAndAccountsAreWhereLotusPutsThem() throws {
        let template = try GenesisFixture.template(miners: 0, sectors: 0)
        let (genesis, store) = try GenesisFixture.build(template)
        let view = try StateTreeView(root: genesis.stateRoot, store: store)
        #expect(view.version == 1)
        let names: [UInt64: String] = [
            0: "system", 1: "init", 2: "reward", 3: "cron", 4: "storagepower", 5: "storagemarket", 6: "verifiedregistry",
            80: "multisig", 81: "account", 90: "multisig", 99: "account", 100: "account", 101: "account", 102: "account",
            103: "account", 104: "multisig",
        ]
        for (id, name) in names {
            let actor = try GenesisFixture.requireActor(view, id)
            #expect(actor.code == ActorCodes.code(name, actorsVersion: 2), "actor \(id)")
        }
        let initState = try view.initState()
        #expect(initState.networkName == template.networkName)
        #expect(initState.nextID == 1000)
        // Template keys resolve through the init actor from ID 100, in template order.
        #expect(try view.lookupID(GenesisFixture.plainAccount(seed: 7)) == 100)
        guard case .multisig(let meta) = template.accounts[1].meta else { Issue.record("fixture changed"); return }
        #expect(try view.lookupID(meta.signers[0]) == 101)
        #expect(try view.lookupID(meta.signers[1]) == 102)
        #expect(try view.lookupID(GenesisTemplate.lotusTestKey) == 103)
        let (_, cron) = try GenesisFixture.state(view, 3, as: CronState.self)
        #expect(cron.entries == CronEntry.builtin)
        let (_, registry) = try GenesisFixture.state(view, 6, as: VerifiedRegistryState.self)
        #expect(registry.rootKey == Address.idAddress(80))
        let (msigActor, msig) = try GenesisFixture.state(view, 104, as: MultisigState.self)
        #expect(msig.signers == [Address.idAddress(101), Address.idAddress(102)])
        #expect(msig.threshold == 2 && msig.unlockDuration == 1000)
        #expect(msig.initialBalance == TokenAmount(wholeFIL: 500) && msigActor.balance == TokenAmount(wholeFIL: 500))
        let (_, reward) = try GenesisFixture.state(view, 2, as: RewardState.self)
        #expect(reward == RewardState(currRealizedPower: 0, actorsVersion: 2))
        // Every actor's state block is reachable (the CAR walk finds them).
        #expect(try view.verifyActorsHAMT() > 0)
    }

    @Test func balancesAddUpToTwoBillionFIL() throws {
        let template = try GenesisFixture.template(miners: 2, sectors: 2)
        let (genesis, store) = try GenesisFixture.build(template)
        let view = try StateTreeView(root: genesis.stateRoot, store: store)
        var total = TokenAmount.zero
        try view.forEachActor { _, actor in total += actor.balance }
        #expect(total == TokenAmount(attoFIL: BigInt(2_000_000_000) * TokenAmount.attoFILPerFIL))
        #expect(try GenesisFixture.requireActor(view, 2).balance == TokenAmount(wholeFIL: 1_100_000_000))
        let templateTotal = template.accounts.reduce(TokenAmount.zero) { $0 + $1.balance }
        let remainder = try GenesisFixture.requireActor(view, 90).balance
        #expect(remainder == TokenAmount(wholeFIL: 900_000_000) - templateTotal)
        #expect(try view.actor(at: GenesisFixture.plainAccount(seed: 7))?.balance == TokenAmount(wholeFIL: 1000))
        // What each miner's owner paid in pledge sits in its miner; together they are what add-miner gave.
        for (index, miner) in template.miners.enumerated() {
            let owner = try #require(try view.actor(at: miner.owner))
            let minerActor = try GenesisFixture.requireActor(view, 1000 + UInt64(index))
            #expect(owner.balance + minerActor.balance == GenesisTemplate.defaultMinerOwnerBalance)
            #expect(minerActor.balance > .zero)
        }
    }

    @Test func eachMinerClaimsTheQualityAdjustedPowerOfItsVerifiedSectors() throws {
        let template = try GenesisFixture.template(miners: 2, sectors: 3)
        let (genesis, store) = try GenesisFixture.build(template)
        let view = try StateTreeView(root: genesis.stateRoot, store: store)
        let (_, power) = try GenesisFixture.state(view, 4, as: PowerState.self)
        let claims = try HAMT(loading: power.claims, store: store, parameters: .filecoinV2)
        for (index, miner) in template.miners.enumerated() {
            let claim = try #require(try claims.get(GenesisBuilder.minerAddress(index: index).bytes, as: PowerClaim.self))
            let raw = BigInt(miner.sectors.count) * 2048
            #expect(claim.rawBytePower == raw)
            // Every preseal deal is verified and spans its sector's life: quality 10.
            #expect(claim.qualityAdjPower == raw * 10)
            #expect(claim.sealProofType == .stackedDrg2KiBV1)
        }
        #expect(power.totalRawBytePower == 6 * 2048 && power.totalBytesCommitted == 6 * 2048)
        #expect(power.totalQualityAdjPower == 6 * 2048 * 10)
        #expect(power.minerCount == 2 && power.minerAboveMinPowerCount == 2)
        #expect(power.totalPledgeCollateral > .zero)
        #expect(genesis.miners == [Address.idAddress(1000), Address.idAddress(1001)])
    }

    /// Winning PoSt draws from a miner's active sectors: genesis leaves none unproven, so the
    /// miners can be elected from epoch 1 (and their first window PoSt claims nothing twice).
    @Test func presealedSectorsAreProvenInTheirDeadlines() throws {
        let template = try GenesisFixture.template(miners: 1, sectors: 3)
        let (genesis, store) = try GenesisFixture.build(template)
        let view = try StateTreeView(root: genesis.stateRoot, store: store)
        let (_, miner) = try GenesisFixture.state(view, 1000, as: MinerState.self)
        let deadlines = try miner.loadDeadlines(UnchargedActorStore(store))
        var sectors = Set<UInt64>()
        for index in 0..<UInt64(deadlines.due.count) {
            let deadline = try deadlines.loadDeadline(UnchargedActorStore(store), index)
            let partitions = try AMT(loading: deadline.partitions, store: store, format: .legacy)
            try partitions.forEach { _, bytes in
                // A v2 partition begins [Sectors, Unproven, Faults, …].
                var reader = CBORReader(bytes: bytes)
                _ = try reader.readArrayHeader()
                let all = try Bitfield(from: &reader)
                let unproven = try Bitfield(from: &reader)
                let faults = try Bitfield(from: &reader)
                #expect(unproven.isEmpty && faults.isEmpty)
                sectors.formUnion(all)
            }
        }
        #expect(sectors == Set(template.miners[0].sectors.map(\.sectorNumber)))
    }

    @Test func theMarketHoldsTheActivatedPresealDeals() throws {
        let template = try GenesisFixture.template(miners: 2, sectors: 2)
        let (genesis, store) = try GenesisFixture.build(template)
        let view = try StateTreeView(root: genesis.stateRoot, store: store)
        let (_, market) = try GenesisFixture.state(view, 5, as: MarketState.self)
        #expect(market.nextID == 4)
        let proposals = try AMT(loading: market.proposals, store: store, format: .legacy)
        let states = try AMT(loading: market.states, store: store, format: .legacy)
        var dealID: UInt64 = 0
        for (index, miner) in template.miners.enumerated() {
            let (_, minerState) = try GenesisFixture.state(view, 1000 + UInt64(index), as: MinerState.self)
            let sectors = try AMT(loading: minerState.sectors, store: store, format: .legacy)
            for sector in miner.sectors {
                let proposal = try #require(try proposals.get(dealID, as: DealProposal.self))
                // The market keeps the client by its ID.
                #expect(proposal.provider == miner.id)
                #expect(try view.lookupID(miner.owner).map(Address.idAddress) == proposal.client)
                #expect(proposal.verifiedDeal && proposal.startEpoch == 0)
                #expect(proposal.pieceCID == sector.commD && proposal.pieceSize == 2048)
                let state = try #require(try states.get(dealID, as: DealState.self))
                #expect(state.sectorStartEpoch == 0)
                let onChain = try #require(try sectors.get(sector.sectorNumber, as: SectorOnChainInfo.self))
                #expect(onChain.dealIDs == [dealID] && onChain.sealedCID == sector.commR)
                #expect(onChain.expiration == proposal.endEpoch && onChain.activation == 0)
                dealID += 1
            }
        }
    }

    // MARK: Running on it

    @Test func anEpochOneTipsetExecutesOnTheGenesisState() throws {
        let template = try GenesisFixture.template(miners: 1, sectors: 2)
        let (genesis, store) = try GenesisFixture.build(template)
        let executor = TipsetExecutor(
            store: store, registry: GenesisFixture.parameters.actorRegistry, schedule: .fixed(template.networkVersion),
            randomness: TestRandomness(), proofs: MockProofs())
        let before = try GenesisFixture.requireActor(try StateTreeView(root: genesis.stateRoot, store: store), 1000).balance
        var parent = genesis.stateRoot
        for epoch in Int64(1)...3 {
            let result = try executor.execute(
                ExecutableTipset(
                    parentStateRoot: parent, parentEpoch: epoch - 1, epoch: epoch, baseFee: GenesisBuilder.initialBaseFee,
                    blocks: [BlockMessages(miner: genesis.miners[0], winCount: 1, blsMessages: [], secpMessages: [])]))
            #expect(result.applied.map(\.kind) == [.reward(block: 0), .cron(epoch: epoch)])
            #expect(result.applied.allSatisfy { $0.result.receipt.exitCode == 0 })
            parent = result.stateRoot
        }
        // The block rewards reached the miner.
        let after = try GenesisFixture.requireActor(try StateTreeView(root: parent, store: store), 1000).balance
        #expect(after > before)
        // Null rounds through more than two challenge windows: power's and market's crons,
        // the miner's deadline crons included, all run.
        let late = try executor.execute(
            ExecutableTipset(
                parentStateRoot: parent, parentEpoch: 3, epoch: 150, baseFee: GenesisBuilder.initialBaseFee,
                blocks: [BlockMessages(miner: genesis.miners[0], winCount: 1, blsMessages: [], secpMessages: [])]))
        #expect(late.applied.filter { if case .cron = $0.kind { true } else { false } }.count == 147)
        #expect(late.applied.allSatisfy { $0.result.receipt.exitCode == 0 })
    }

    @Test func theDelaysOnlyPaceBlockProduction() throws {
        let template = try GenesisFixture.template(miners: 1, sectors: 1)
        let (fast, _) = try GenesisFixture.build(template, parameters: DevnetParameters(blockDelaySeconds: 1, propagationDelaySeconds: 0))
        let (slow, _) = try GenesisFixture.build(
            template, parameters: DevnetParameters(blockDelaySeconds: 30, propagationDelaySeconds: 6))
        #expect(slow.cid == fast.cid)
    }

    // MARK: Refusals

    @Test func aTemplateWithoutMinersIsStillAChainState() throws {
        let (genesis, store) = try GenesisFixture.build(GenesisTemplate(networkName: "empty", timestamp: 1))
        #expect(genesis.miners.isEmpty)
        #expect(try StateTreeView(root: genesis.stateRoot, store: store).networkName() == "empty")
    }

    @Test func malformedTemplatesAreRefusedWithTheReason() throws {
        let good = try GenesisFixture.template(miners: 2, sectors: 1)
        func refusal(_ edit: (inout GenesisTemplate) throws -> Void) throws -> GenesisError? {
            var template = good
            try edit(&template)
            do {
                _ = try GenesisBuilder(template: template, parameters: GenesisFixture.parameters).build(into: MemoryBlockstore())
                return nil
            } catch {
                return error
            }
        }
        #expect(try refusal { $0.miners.swapAt(0, 1) } == .minerIDMismatch(index: 0, expected: .idAddress(1000), found: .idAddress(1001)))
        let owner = good.miners[0].owner
        #expect(try refusal { $0.accounts.removeFirst() } == .minerKeyNotAnAccount(miner: .idAddress(1000), role: "owner", address: owner))
        #expect(try refusal { $0.miners[0].sectors.append($0.miners[0].sectors[0]) } == .duplicateSector(miner: .idAddress(1000), sector: 0))
        #expect(try refusal { $0.networkVersion = 3 }.map { "\($0)" }?.contains("versions 4...9") == true)
        #expect(try refusal { $0.networkName = "" } == .malformedTemplate("NetworkName is empty"))
        #expect(try refusal { $0.accounts[0].balance = TokenAmount(wholeFIL: 2_000_000_000) } == .overallocated(
            TokenAmount(wholeFIL: 1_100_000_000 + 2_000_000_000 + 50_000_000 + 1000 + 500)))
        if case .invalidPreseal(_, _, let why)? = try refusal({ $0.miners[1].sectors[0].dealClientKey = $0.miners[0].sectors[0].dealClientKey }) {
            #expect(why.contains("DealClientKey"))
        } else {
            Issue.record("a deal client key of another client was accepted")
        }
        if case .invalidPreseal(_, _, let why)? = try refusal({ $0.miners[0].sectors[0].deal.provider = .idAddress(1001) }) {
            #expect(why.contains("provider"))
        } else {
            Issue.record("a deal for another provider was accepted")
        }
        if case .invalidMultisig(let why)? = try refusal({ template in
            guard case .multisig(var meta) = template.accounts[3].meta else { return }
            meta.threshold = 3
            template.accounts[3].meta = .multisig(meta)
        }) {
            #expect(why.contains("threshold 3 for 2 signers"))
        } else {
            Issue.record("a 3-of-2 multisig was accepted")
        }
        #expect(throws: GenesisError.invalidParameters("the pre-commit challenge delay must be 1...2880 epochs, not 0")) {
            _ = try GenesisBuilder(template: good, parameters: DevnetParameters(preCommitChallengeDelay: 0)).build(into: MemoryBlockstore())
        }
    }

    @Test func malformedTemplateJSONIsRefusedWithItsPlace() throws {
        let json = String(decoding: try GenesisFixture.template(miners: 1, sectors: 1).json(), as: UTF8.self)
        func error(_ text: String) -> String? {
            do { _ = try GenesisTemplate(json: Data(text.utf8)); return nil } catch { return "\(error)" }
        }
        let unknownType = json.replacingOccurrences(of: "\"Type\" : \"multisig\"", with: "\"Type\" : \"cyborg\"")
        #expect(unknownType != json)
        #expect(error(unknownType)?.contains("unsupported actor type \"cyborg\"") == true)
        let noRemainder = json.replacingOccurrences(of: "\"RemainderAccount\"", with: "\"Remains\"")
        #expect(error(noRemainder)?.contains("missing field \"RemainderAccount\"") == true)
        let badAddress = json.replacingOccurrences(of: "\"ID\" : \"t01000\"", with: "\"ID\" : \"x01000\"")
        #expect(badAddress != json)
        #expect(error(badAddress)?.contains("Miners[0].ID") == true)
        #expect(error("[]") != nil)
    }
}

/// Tickets and beacon values for executing tipsets in tests: a hash of the request.
struct TestRandomness: RandomnessSource {
    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(4)
        writer.writeBool(fromTickets)
        writer.writeInt(tag)
        writer.writeInt(epoch)
        writer.writeBytes(entropy)
        return Blake2b.hash256(writer.bytes)
    }
}
