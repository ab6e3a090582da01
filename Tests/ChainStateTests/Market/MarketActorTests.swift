import BigInt
@testable import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Proofs
import Testing
import VenusTesting

/// The storage market actor's methods, from specs-actors' `market_test.go` behaviour (v0.9 and
/// v2.3): balances, publishing (signatures, provider, duplicates, bounds), activation,
/// termination, the cron's payments, slashing and timeouts, and parameter decoding.
@Suite("Market actor")
struct MarketActorTests {
    static let owner = Address.idAddress(101)
    static let worker = Address.idAddress(102)
    static let provider = Address.idAddress(103)
    static let client = Address.idAddress(104)
    static let other = Address.idAddress(105)
    static let market = BuiltinAddress.marketActor
    static let startEpoch: Int64 = 1000
    static let endEpoch: Int64 = startEpoch + 200 * 2880
    static let price = TokenAmount(attoFIL: 10)

    /// A market with `client` and `provider` funded (client 1e12, provider 1e12 attoFIL).
    struct Harness {
        let rt: ScriptedRuntime
        let actor: MarketActor

        init(actorsVersion: Int = 2, networkVersion: UInt64? = nil) throws {
            rt = ScriptedRuntime(
                receiver: MarketActorTests.market, caller: BuiltinAddress.systemActor, callerCode: nil, actorsVersion: actorsVersion,
                networkVersion: networkVersion)
            actor = MarketActor(actorsVersion: actorsVersion)
            rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
            rt.expectValidateCaller(BuiltinAddress.systemActor)
            try rt.call(actor, method: 1)
            rt.verify()
            for address in [owner, worker, client, other] { rt.actorCodes[address] = rt.code("account") }
            rt.actorCodes[provider] = rt.code("storageminer")
            rt.verifySignatureHandler = { _, _, _ in true }
            rt.randomnessHandler = { _, _, _, _ in [UInt8](repeating: 0, count: 32) }
        }

        var signable: [CID] { [rt.code("account"), rt.code("multisig")] }
        var state: MarketState { get throws { try rt.getState(MarketState.self) } }

        func addBalance(_ address: Address, _ amount: TokenAmount) throws {
            rt.setCaller(address == provider ? owner : address, code: rt.code("account"))
            rt.valueReceived = amount
            rt.expectValidateCallerType(signable[0], signable[1])
            if address == provider { rt.expectMinerControlAddresses(miner: provider, owner: owner, worker: worker) }
            try rt.call(actor, method: MarketMethod.addBalance.rawValue, params: address.cborBytes)
            rt.verify()
        }

        func escrow(_ address: Address) throws -> TokenAmount {
            try BalanceTable(loading: state.escrowTable, store: rt, sortsOnCollapse: rt.actorsVersion >= 2).get(address)
        }

        func locked(_ address: Address) throws -> TokenAmount {
            try BalanceTable(loading: state.lockedTable, store: rt, sortsOnCollapse: rt.actorsVersion >= 2).get(address)
        }

        func proposal(
            start: Int64 = startEpoch, end: Int64 = endEpoch, size: UInt64 = 1 << 20, providerCollateral: TokenAmount = 1000,
            clientCollateral: TokenAmount = 500, label: [UInt8] = Array("label".utf8), verified: Bool = false, seed: UInt8 = 1
        ) throws -> DealProposal {
            DealProposal(
                pieceCID: try MarketActorTests.pieceCID(seed), pieceSize: size, verifiedDeal: verified, client: client,
                provider: provider, label: label, startEpoch: start, endEpoch: end, storagePricePerEpoch: price,
                providerCollateral: providerCollateral, clientCollateral: clientCollateral)
        }

        func publishParams(_ proposals: [DealProposal]) -> [UInt8] {
            PublishStorageDealsParams(
                deals: proposals.map { ClientDealProposal(proposal: $0, clientSignature: Signature(kind: .secp256k1, data: [1, 2, 3])) }
            ).cborBytes
        }

        /// Scripts the publisher's lookups (caller worker) and publishes.
        @discardableResult
        func publish(_ proposals: [DealProposal], caller: Address = worker) throws -> [UInt64] {
            rt.setCaller(caller, code: rt.code("account"))
            rt.expectValidateCallerType(signable[0], signable[1])
            rt.expectMinerControlAddresses(miner: provider, owner: owner, worker: worker)
            rt.expectNetworkQueries()
            for proposal in proposals where proposal.verifiedDeal {
                rt.expectSend(
                    to: BuiltinAddress.verifiedRegistryActor, method: VerifiedRegistryMethod.useBytes.rawValue,
                    params: VerifiedRegistryParams(address: proposal.client, amount: BigInt(proposal.pieceSize)).cborBytes)
            }
            let bytes = try rt.call(actor, method: MarketMethod.publishStorageDeals.rawValue, params: publishParams(proposals))
            rt.verify()
            return try PublishStorageDealsReturn(cborBytes: bytes).ids
        }

        func activate(_ ids: [UInt64], sectorExpiry: Int64 = endEpoch + 100) throws {
            rt.setCaller(provider, code: rt.code("storageminer"))
            rt.expectValidateCallerType(rt.code("storageminer"))
            try rt.call(actor, method: MarketMethod.activateDeals.rawValue, params: ActivateDealsParams(dealIDs: ids, sectorExpiry: sectorExpiry).cborBytes)
            rt.verify()
        }

        func cron(at epoch: Int64, burn: TokenAmount = .zero) throws {
            rt.epoch = epoch
            rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
            rt.expectValidateCaller(BuiltinAddress.cronActor)
            if !burn.isZero { rt.expectSend(to: BuiltinAddress.burntFundsActor, method: 0, value: burn) }
            try rt.call(actor, method: MarketMethod.cronTick.rawValue)
            rt.verify()
        }

        func dealState(_ id: UInt64) throws -> DealState? {
            guard let raw = try ActorAMT(loading: state.states, store: rt).get(id) else { return nil }
            return try DealState(cborBytes: raw)
        }

        func storedProposal(_ id: UInt64) throws -> DealProposal? {
            guard let raw = try ActorAMT(loading: state.proposals, store: rt).get(id) else { return nil }
            return try DealProposal(cborBytes: raw)
        }
    }

    static func pieceCID(_ seed: UInt8) throws -> CID {
        try CID(codec: 0xf101, multihash: Multihash(code: Multihash.sha2_256Trunc254Padded, digest: [UInt8](repeating: seed, count: 32)))
    }

    // MARK: Construction and balances

    @Test(arguments: [0, 2])
    func constructorCreatesEmptyState(version: Int) throws {
        let h = try Harness(actorsVersion: version)
        let state = try h.state
        #expect(state.lastCron == -1)
        #expect(state.nextID == 0)
        #expect(state.proposals == state.states)
        #expect(state.escrowTable == state.lockedTable)
        #expect(state.totalClientStorageFee == .zero)
    }

    @Test func addBalanceCreditsNominalAddresses() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 100)
        try h.addBalance(Self.client, 50)
        try h.addBalance(Self.provider, 70)
        #expect(try h.escrow(Self.client) == 150)
        #expect(try h.escrow(Self.provider) == 70)
        #expect(try h.locked(Self.client) == .zero)
    }

    @Test func addBalanceRefusesZeroValueAndNonSignableCallers() throws {
        let h = try Harness()
        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.valueReceived = .zero
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.addBalance.rawValue, params: Self.client.cborBytes)
        }
        h.rt.reset()
        h.rt.setCaller(Self.provider, code: h.rt.code("storageminer"))
        h.rt.valueReceived = 10
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectAbort(.sysErrForbidden) {
            try h.rt.call(h.actor, method: MarketMethod.addBalance.rawValue, params: Self.client.cborBytes)
        }
        // An address that resolves to no actor.
        h.rt.reset()
        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.valueReceived = 10
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.addBalance.rawValue, params: Address.idAddress(999).cborBytes)
        }
    }

    @Test func withdrawV2PaysOnlyTheUnlockedBalance() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        let proposal = try h.proposal()
        try h.publish([proposal])
        let lockedClient = proposal.clientBalanceRequirement
        #expect(try h.locked(Self.client) == lockedClient)

        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.expectValidateCaller(Self.client)
        let free = TokenAmount(attoFIL: 10_000_000) - lockedClient
        h.rt.balance = TokenAmount(attoFIL: 100_000_000)
        h.rt.expectSend(to: Self.client, method: 0, value: free)
        try h.rt.call(
            h.actor, method: MarketMethod.withdrawBalance.rawValue,
            params: MarketWithdrawBalanceParams(providerOrClientAddress: Self.client, amount: 10_000_000).cborBytes)
        h.rt.verify()
        #expect(try h.escrow(Self.client) == lockedClient)

        // A provider's balance goes to its owner; the worker may ask.
        h.rt.setCaller(Self.worker, code: h.rt.code("account"))
        h.rt.expectMinerControlAddresses(miner: Self.provider, owner: Self.owner, worker: Self.worker)
        h.rt.expectValidateCaller(Self.owner, Self.worker)
        h.rt.expectSend(to: Self.owner, method: 0, value: 10_000 - 1000)
        try h.rt.call(
            h.actor, method: MarketMethod.withdrawBalance.rawValue,
            params: MarketWithdrawBalanceParams(providerOrClientAddress: Self.provider, amount: 1_000_000).cborBytes)
        h.rt.verify()

        // Negative amounts and strangers are refused.
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(
                h.actor, method: MarketMethod.withdrawBalance.rawValue,
                params: MarketWithdrawBalanceParams(providerOrClientAddress: Self.client, amount: -1).cborBytes)
        }
        h.rt.setCaller(Self.other, code: h.rt.code("account"))
        h.rt.expectValidateCaller(Self.client)
        h.rt.expectAbort(.sysErrForbidden) {
            try h.rt.call(
                h.actor, method: MarketMethod.withdrawBalance.rawValue,
                params: MarketWithdrawBalanceParams(providerOrClientAddress: Self.client, amount: 1).cborBytes)
        }
    }

    @Test func withdrawV0ValidatesTwiceAndLotusRefuses() throws {
        // specs-actors v0 validates the caller's type and then its identity; Lotus's runtime
        // allows one validation per call, so every v0 withdrawal aborts SysErrorIllegalActor.
        let h = try Harness(actorsVersion: 0)
        try h.addBalance(Self.client, 100)
        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectAbort(.sysErrIllegalActor) {
            try h.rt.call(
                h.actor, method: MarketMethod.withdrawBalance.rawValue,
                params: MarketWithdrawBalanceParams(providerOrClientAddress: Self.client, amount: 10).cborBytes)
        }
        #expect(try h.escrow(Self.client) == 100)
    }

    // MARK: Publishing

    @Test(arguments: [0, 2])
    func publishLocksFundsAndSchedulesTheDeal(version: Int) throws {
        let h = try Harness(actorsVersion: version)
        try h.addBalance(Self.client, 100_000_000)
        try h.addBalance(Self.provider, 10_000)
        // Randomness picks the first cron epoch: start + (big-endian u64 of its first 8 bytes) % 2880.
        h.rt.randomnessHandler = { fromTickets, tag, epoch, _ in
            #expect(!fromTickets)
            #expect(tag == 8)
            #expect(epoch == h.rt.epoch - 1)
            return [0, 0, 0, 0, 0, 0, 0x0b, 0xb9] + [UInt8](repeating: 0xff, count: 24)  // 3001 % 2880 = 121
        }
        let proposal = try h.proposal()
        let ids = try h.publish([proposal, try h.proposal(seed: 2)])
        #expect(ids == [0, 1])
        let state = try h.state
        #expect(state.nextID == 2)
        #expect(try h.storedProposal(0) == proposal)
        #expect(try h.locked(Self.client) == proposal.clientBalanceRequirement * 2)
        #expect(try h.locked(Self.provider) == 2000)
        #expect(state.totalClientStorageFee == proposal.totalStorageFee * 2)
        #expect(state.totalClientLockedCollateral == 1000)
        #expect(state.totalProviderLockedCollateral == 2000)
        let pending = try ActorHAMT(loading: state.pendingProposals, store: h.rt, sortsOnCollapse: version >= 2)
        #expect(try pending.get(proposal.cid.bytes) == proposal.cborBytes)
        let ops = try SetMultimap(loading: state.dealOpsByEpoch, store: h.rt, sortsOnCollapse: version >= 2)
        var scheduled: [UInt64] = []
        try ops.forEach(Self.startEpoch + 121) { scheduled.append($0) }
        #expect(scheduled.sorted() == [0, 1])
    }

    @Test func publishRefusesABadClientSignature() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        var signed: [UInt8] = []
        h.rt.verifySignatureHandler = { _, signer, plaintext in
            #expect(signer == Self.client)
            signed = plaintext
            return false
        }
        let proposal = try h.proposal()
        h.rt.expectAbort(.errIllegalArgument) { try h.publish([proposal]) }
        // The client signs the proposal's CBOR.
        #expect(signed == proposal.cborBytes)
    }

    @Test func publishRequiresTheProvidersWorker() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        h.rt.setCaller(Self.owner, code: h.rt.code("account"))
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectMinerControlAddresses(miner: Self.provider, owner: Self.owner, worker: Self.worker)
        h.rt.expectAbort(.errForbidden) {
            try h.rt.call(h.actor, method: MarketMethod.publishStorageDeals.rawValue, params: h.publishParams([try h.proposal()]))
        }
        // A provider that is not a miner.
        var notMiner = try h.proposal()
        notMiner.provider = Self.other
        h.rt.setCaller(Self.worker, code: h.rt.code("account"))
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.publishStorageDeals.rawValue, params: h.publishParams([notMiner]))
        }
        // Deals of two providers in one message.
        var second = try h.proposal(seed: 3)
        second.provider = Self.other
        h.rt.expectAbort(.errIllegalArgument) { try h.publish([try h.proposal(), second]) }
        // No deals at all.
        h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.publishStorageDeals.rawValue, params: h.publishParams([]))
        }
    }

    @Test func publishRefusesDuplicates() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 100_000_000)
        try h.addBalance(Self.provider, 10_000)
        let proposal = try h.proposal()
        h.rt.expectAbort(.errIllegalArgument) { try h.publish([proposal, proposal]) }
        try h.publish([proposal])
        h.rt.expectAbort(.errIllegalArgument) { try h.publish([proposal]) }
    }

    @Test func publishChecksTheDealBounds() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        h.rt.epoch = 10
        let cases: [DealProposal] = [
            try h.proposal(size: 1000),  // not a power of two
            try h.proposal(size: 64),  // below 128 bytes
            try h.proposal(start: 5, end: 5 + 200 * 2880),  // start elapsed
            try h.proposal(start: 2000, end: 2000),  // end not after start
            try h.proposal(end: Self.startEpoch + 179 * 2880),  // too short
            try h.proposal(end: Self.startEpoch + 541 * 2880),  // too long
            try h.proposal(providerCollateral: -1),
            try h.proposal(clientCollateral: -1),
        ]
        for proposal in cases {
            h.rt.expectAbort(.errIllegalArgument) { try h.publish([proposal]) }
        }
        var badCID = try h.proposal()
        badCID.pieceCID = CID.filecoin(cbor: [0x80])
        h.rt.expectAbort(.errIllegalArgument) { try h.publish([badCID]) }
    }

    @Test func publishRequiresTheMinimumProviderCollateral() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000_000)
        // 1% of supply times size / max(raw power, baseline, size): 1e9 * 1% * 2^20 / 2^30.
        h.rt.circulatingSupply = TokenAmount(attoFIL: 1_000_000_000)
        let minimum = MarketPolicy.dealProviderCollateralBounds(
            pieceSize: 1 << 20, verified: false, networkRawPower: 1 << 30, networkQAPower: 0, baselinePower: 0,
            circulatingSupply: h.rt.circulatingSupply, networkVersion: 4, actorsVersion: 2
        ).min
        #expect(minimum == TokenAmount(attoFIL: 9765))
        func publish(_ collateral: TokenAmount) throws {
            h.rt.setCaller(Self.worker, code: h.rt.code("account"))
            h.rt.expectValidateCallerType(h.signable[0], h.signable[1])
            h.rt.expectMinerControlAddresses(miner: Self.provider, owner: Self.owner, worker: Self.worker)
            h.rt.expectNetworkQueries(rawPower: 1 << 30)
            try h.rt.call(
                h.actor, method: MarketMethod.publishStorageDeals.rawValue,
                params: h.publishParams([try h.proposal(providerCollateral: collateral, seed: UInt8(truncatingIfNeeded: collateral.attoFIL))]))
            h.rt.verify()
        }
        h.rt.expectAbort(.errIllegalArgument) { try publish(minimum - 1) }
        try publish(minimum)
    }

    @Test func v0ProviderCollateralAtNetworkVersion0UsesQualityAdjustedPower() {
        // 5% of supply times the deal's QA power (10x/10 = size) over max(QA power, baseline, deal QA).
        let bounds = MarketPolicy.dealProviderCollateralBounds(
            pieceSize: 1 << 20, verified: true, networkRawPower: 0, networkQAPower: 1 << 40, baselinePower: 0,
            circulatingSupply: TokenAmount(attoFIL: 1 << 40), networkVersion: 0, actorsVersion: 0)
        // Verified: quality 10 -> QA power 10 * 2^20; 5 * 2^40 * 10 * 2^20 / (100 * 2^40).
        #expect(bounds.min == TokenAmount(attoFIL: BigInt(5) * BigInt(10 << 20) / 100))
        #expect(bounds.max == MarketPolicy.totalFilecoin)
    }

    @Test func publishNeedsFreeEscrow() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 100)
        try h.addBalance(Self.provider, 10_000)
        h.rt.expectAbort(.errInsufficientFunds) { try h.publish([try h.proposal()]) }
        try h.addBalance(Self.client, 10_000_000)
        h.rt.expectAbort(.errInsufficientFunds) { try h.publish([try h.proposal(providerCollateral: 20_000)]) }
    }

    @Test func publishVerifiedDealUsesTheClientsDataCap() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        try h.publish([try h.proposal(verified: true)])
    }

    @Test func labelsKeepTheirBytesAndV2BoundsThem() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        // A label that is not UTF-8 round-trips byte for byte and is stored as published.
        let odd = try h.proposal(label: [0xff, 0xfe, 0x00, 0xc3])
        #expect(try DealProposal(cborBytes: odd.cborBytes) == odd)
        #expect(try DealProposal(cborBytes: odd.cborBytes).cborBytes == odd.cborBytes)
        let ids = try h.publish([odd])
        #expect(try h.storedProposal(ids[0])?.label == [0xff, 0xfe, 0x00, 0xc3])
        h.rt.expectAbort(.errIllegalArgument) {
            try h.publish([try h.proposal(label: [UInt8](repeating: 0x61, count: 257), seed: 9)])
        }
        let v0 = try Harness(actorsVersion: 0)
        try v0.addBalance(Self.client, 10_000_000)
        try v0.addBalance(Self.provider, 10_000)
        try v0.publish([try v0.proposal(label: [UInt8](repeating: 0x61, count: 257))])
    }

    // MARK: Activation

    @Test(arguments: [0, 2])
    func verifyDealsForActivationReturnsWeights(version: Int) throws {
        let h = try Harness(actorsVersion: version)
        try h.addBalance(Self.client, 100_000_000)
        try h.addBalance(Self.provider, 10_000)
        let plain = try h.proposal()
        let verified = try h.proposal(size: 1 << 21, verified: true, seed: 2)
        let ids = try h.publish([plain, verified])
        h.rt.setCaller(Self.provider, code: h.rt.code("storageminer"))
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        let bytes = try h.rt.call(
            h.actor, method: MarketMethod.verifyDealsForActivation.rawValue,
            params: VerifyDealsForActivationParams(dealIDs: ids, sectorExpiry: Self.endEpoch, sectorStart: 0).cborBytes)
        h.rt.verify()
        let result = try VerifyDealsForActivationReturn(cborBytes: bytes)
        #expect(result.dealWeight == BigInt(plain.duration) * BigInt(1 << 20))
        #expect(result.verifiedDealWeight == BigInt(verified.duration) * BigInt(1 << 21))
        #expect(result.dealSpace == (version >= 2 ? (1 << 20) + (1 << 21) : nil))

        func refuse(_ code: ExitCode, _ params: VerifyDealsForActivationParams, caller: Address = Self.provider) {
            h.rt.setCaller(caller, code: h.rt.code("storageminer"))
            h.rt.expectValidateCallerType(h.rt.code("storageminer"))
            h.rt.expectAbort(code) {
                try h.rt.call(h.actor, method: MarketMethod.verifyDealsForActivation.rawValue, params: params.cborBytes)
            }
        }
        refuse(.errNotFound, VerifyDealsForActivationParams(dealIDs: [7], sectorExpiry: Self.endEpoch, sectorStart: 0))
        refuse(.errForbidden, VerifyDealsForActivationParams(dealIDs: ids, sectorExpiry: Self.endEpoch, sectorStart: 0), caller: Self.other)
        refuse(.errIllegalArgument, VerifyDealsForActivationParams(dealIDs: ids, sectorExpiry: Self.endEpoch - 1, sectorStart: 0))
        refuse(.errIllegalArgument, VerifyDealsForActivationParams(dealIDs: ids, sectorExpiry: Self.endEpoch, sectorStart: Self.startEpoch + 1))
        if version >= 2 {
            refuse(.errIllegalArgument, VerifyDealsForActivationParams(dealIDs: [0, 0], sectorExpiry: Self.endEpoch, sectorStart: 0))
        }
    }

    @Test func activateRecordsTheSectorStartOnce() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        let ids = try h.publish([try h.proposal()])
        h.rt.epoch = 500
        try h.activate(ids)
        #expect(try h.dealState(0) == DealState(sectorStartEpoch: 500, lastUpdatedEpoch: -1, slashEpoch: -1))
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.activateDeals.rawValue, params: ActivateDealsParams(dealIDs: ids, sectorExpiry: Self.endEpoch).cborBytes)
        }
        // Only a miner may activate.
        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        h.rt.expectAbort(.sysErrForbidden) {
            try h.rt.call(h.actor, method: MarketMethod.activateDeals.rawValue, params: ActivateDealsParams(dealIDs: ids, sectorExpiry: Self.endEpoch).cborBytes)
        }
    }

    // MARK: Cron

    @Test func cronPaysTheProviderAndExpiresTheDeal() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        let proposal = try h.proposal()
        let ids = try h.publish([proposal])
        try h.activate(ids)
        // First processing at the start epoch (randomness zero): nothing elapsed yet.
        try h.cron(at: Self.startEpoch)
        #expect(try h.dealState(0)?.lastUpdatedEpoch == Self.startEpoch)
        let pending = try ActorHAMT(loading: try h.state.pendingProposals, store: h.rt, sortsOnCollapse: true)
        #expect(try pending.get(proposal.cid.bytes) == nil)
        // One interval later the provider is paid for it.
        let next = Self.startEpoch + MarketPolicy.dealUpdatesInterval
        try h.cron(at: next)
        #expect(try h.escrow(Self.provider) == 10_000 + Self.price * BigInt(MarketPolicy.dealUpdatesInterval))
        #expect(try h.escrow(Self.client) == 10_000_000 - Self.price * BigInt(MarketPolicy.dealUpdatesInterval))
        // After the end epoch everything is paid and unlocked, and the deal is gone.
        try h.cron(at: Self.endEpoch + 5000)
        #expect(try h.escrow(Self.provider) == 10_000 + proposal.totalStorageFee)
        #expect(try h.locked(Self.provider) == .zero)
        #expect(try h.locked(Self.client) == .zero)
        #expect(try h.storedProposal(0) == nil)
        #expect(try h.dealState(0) == nil)
        let state = try h.state
        #expect(state.totalClientStorageFee == .zero)
        #expect(state.totalProviderLockedCollateral == .zero)
        #expect(state.lastCron == Self.endEpoch + 5000)
    }

    @Test func cronSlashesADealNotActivatedInTime() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        let proposal = try h.proposal(verified: true)
        try h.publish([proposal])
        h.rt.balance = 20_000_000
        h.rt.setCaller(BuiltinAddress.cronActor, code: h.rt.code("cron"))
        h.rt.epoch = Self.startEpoch
        h.rt.expectValidateCaller(BuiltinAddress.cronActor)
        h.rt.expectSend(
            to: BuiltinAddress.verifiedRegistryActor, method: VerifiedRegistryMethod.restoreBytes.rawValue,
            params: VerifiedRegistryParams(address: Self.client, amount: BigInt(proposal.pieceSize)).cborBytes)
        h.rt.expectSend(to: BuiltinAddress.burntFundsActor, method: 0, value: 1000)
        try h.rt.call(h.actor, method: MarketMethod.cronTick.rawValue)
        h.rt.verify()
        #expect(try h.escrow(Self.provider) == 9_000)
        #expect(try h.locked(Self.provider) == .zero)
        #expect(try h.locked(Self.client) == .zero)
        #expect(try h.escrow(Self.client) == 10_000_000)
        #expect(try h.storedProposal(0) == nil)
    }

    @Test func terminationSlashesAtTheNextCron() throws {
        let h = try Harness()
        try h.addBalance(Self.client, 10_000_000)
        try h.addBalance(Self.provider, 10_000)
        let proposal = try h.proposal()
        let ids = try h.publish([proposal])
        try h.activate(ids)
        try h.cron(at: Self.startEpoch)
        let slashEpoch = Self.startEpoch + 100
        h.rt.epoch = slashEpoch
        h.rt.setCaller(Self.provider, code: h.rt.code("storageminer"))
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        // Unknown deals are skipped.
        try h.rt.call(
            h.actor, method: MarketMethod.onMinerSectorsTerminate.rawValue,
            params: OnMinerSectorsTerminateParams(epoch: slashEpoch, dealIDs: ids + [42]).cborBytes)
        h.rt.verify()
        #expect(try h.dealState(0)?.slashEpoch == slashEpoch)
        h.rt.balance = 20_000_000
        try h.cron(at: Self.startEpoch + MarketPolicy.dealUpdatesInterval, burn: 1000)
        // Paid up to the slash epoch, the rest of the fee and the client's collateral unlocked.
        #expect(try h.escrow(Self.provider) == 9_000 + Self.price * 100)
        #expect(try h.escrow(Self.client) == 10_000_000 - Self.price * 100)
        #expect(try h.locked(Self.client) == .zero)
        #expect(try h.storedProposal(0) == nil)
        // Another miner's termination of the deal would be an assertion failure in specs-actors.
    }

    @Test func cronRefusesOtherCallers() throws {
        let h = try Harness()
        h.rt.setCaller(Self.client, code: h.rt.code("account"))
        h.rt.expectValidateCaller(BuiltinAddress.cronActor)
        h.rt.expectAbort(.sysErrForbidden) { try h.rt.call(h.actor, method: MarketMethod.cronTick.rawValue) }
    }

    // MARK: Data commitment

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func computeDataCommitmentOfTheMainnet32GiBSector() throws {
        let json = try #require(try TestVectors.json("commp/expected.json") as? [String: Any])
        let vector = try #require((json["unsealed_sector_commd"] as? [[String: Any]])?.first)
        let pieces = try #require(vector["pieces"] as? [[String: Any]])
        let expected = try CID(string: try #require(vector["expected_commd"] as? String))
        let h = try Harness()
        // The deals' pieces, stored as proposals 0..<n (the last two entries fill the sector).
        var state = try h.state
        let proposals = try ActorAMT(loading: state.proposals, store: h.rt)
        for (index, piece) in pieces.enumerated() {
            var proposal = try h.proposal(size: UInt64(try #require((piece["padded_size"] as? NSNumber)?.uint64Value)))
            proposal.pieceCID = try CID(string: try #require(piece["piece_cid"] as? String))
            try proposals.set(UInt64(index), proposal.cborBytes)
        }
        state.proposals = try proposals.flush()
        try h.rt.setState(state)
        h.rt.computeUnsealedSectorCIDHandler = { (proof, pieces) throws(ActorError) -> CID in
            do { return try UnsealedSectorCID.compute(sealProof: proof, pieces: pieces) } catch {
                throw ActorError(.errIllegalArgument, "\(error)")
            }
        }
        h.rt.setCaller(Self.provider, code: h.rt.code("storageminer"))
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        let bytes = try h.rt.call(
            h.actor, method: MarketMethod.computeDataCommitment.rawValue,
            params: ComputeDataCommitmentParams(dealIDs: (0..<UInt64(pieces.count)).map { $0 }, sectorType: .stackedDrg32GiBV1_1).cborBytes)
        h.rt.verify()
        #expect(try CID(cborBytes: bytes) == expected)
        // A missing deal is ErrNotFound; pieces that do not fit the sector ErrIllegalArgument.
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        h.rt.expectAbort(.errNotFound) {
            try h.rt.call(h.actor, method: MarketMethod.computeDataCommitment.rawValue, params: ComputeDataCommitmentParams(dealIDs: [99], sectorType: .stackedDrg32GiBV1_1).cborBytes)
        }
        h.rt.expectValidateCallerType(h.rt.code("storageminer"))
        h.rt.expectAbort(.errIllegalArgument) {
            try h.rt.call(h.actor, method: MarketMethod.computeDataCommitment.rawValue, params: ComputeDataCommitmentParams(dealIDs: [1], sectorType: .stackedDrg2KiBV1).cborBytes)
        }
    }

    // MARK: Malformed input

    @Test(arguments: [(UInt64(4), ExitCode(1)), (UInt64(7), ExitCode.errSerialization)])
    func malformedParamsGiveTheInvokersExitCode(networkVersion: UInt64, code: ExitCode) throws {
        let h = try Harness(actorsVersion: 2, networkVersion: networkVersion)
        let malformed: [(UInt64, [UInt8])] = [
            (MarketMethod.addBalance.rawValue, [0x01]),  // not an address
            (MarketMethod.withdrawBalance.rawValue, [0x81, 0x40]),  // one field short
            (MarketMethod.publishStorageDeals.rawValue, [0x81, 0x81, 0x82, 0x80, 0x40]),  // proposal not a tuple of 11
            (MarketMethod.publishStorageDeals.rawValue, [0x81, 0x99, 0x20, 0x01]),  // 8193 deals declared
            (MarketMethod.verifyDealsForActivation.rawValue, [0x83, 0x81, 0x20, 0x00, 0x00]),  // negative deal ID
            (MarketMethod.activateDeals.rawValue, []),
            (MarketMethod.onMinerSectorsTerminate.rawValue, [0x82, 0x00]),
            (MarketMethod.computeDataCommitment.rawValue, [0x82, 0x80, 0x40]),
        ]
        h.rt.setCaller(Self.worker, code: h.rt.code("account"))
        h.rt.valueReceived = 1
        for (method, params) in malformed {
            h.rt.expectAbort(code) { try h.rt.call(h.actor, method: method, params: params) }
        }
        h.rt.expectAbort(.sysErrInvalidMethod) { try h.rt.call(h.actor, method: 10) }
    }

    @Test func signaturesTooLongOrOfUnknownTypeDoNotDecode() throws {
        let h = try Harness()
        let proposal = try h.proposal()
        for signature in [[UInt8](repeating: 1, count: 201), [9, 1, 2], []] {
            var writer = CBORWriter()
            writer.writeArrayHeader(1)
            writer.writeArrayHeader(1)
            writer.writeArrayHeader(2)
            proposal.encode(to: &writer)
            writer.writeBytes(signature)
            h.rt.expectAbort(ExitCode(1)) {
                try h.rt.call(h.actor, method: MarketMethod.publishStorageDeals.rawValue, params: writer.bytes)
            }
        }
    }
}
