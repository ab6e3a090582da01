import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes
import Proofs
import Testing

/// The storage power actor against specs-actors' power_test.go (v2.3), plus v0 differences.
@Suite struct PowerActorTests {
    let owner = Address.idAddress(101)
    let miner1 = Address.idAddress(111)
    let miner2 = Address.idAddress(112)
    let miner3 = Address.idAddress(113)
    let miner4 = Address.idAddress(114)
    let miner5 = Address.idAddress(115)
    let powerUnit = BigInt(10) << 40
    let smallPowerUnit = BigInt(1_000_000)

    /// A constructed power actor's runtime.
    private func setup(actorsVersion: Int = 2, networkVersion: UInt64? = nil) throws -> ScriptedRuntime {
        let rt = ScriptedRuntime(
            receiver: BuiltinAddress.powerActor, caller: BuiltinAddress.systemActor, actorsVersion: actorsVersion,
            networkVersion: networkVersion)
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        try rt.call(actor(rt), method: 1)
        rt.verify()
        return rt
    }

    private func actor(_ rt: ScriptedRuntime) -> PowerActor { PowerActor(actorsVersion: rt.actorsVersion) }

    private func state(_ rt: ScriptedRuntime) throws -> PowerState { try rt.getState(PowerState.self) }

    private func claim(_ rt: ScriptedRuntime, _ miner: Address) throws -> PowerClaim? {
        let claims = try ActorHAMT(loading: state(rt).claims, store: rt, sortsOnCollapse: rt.actorsVersion > 0)
        return try claims.get(HAMTKey.address(miner)).map { try PowerClaim(cborBytes: $0) }
    }

    private func createMiner(
        _ rt: ScriptedRuntime, miner: Address, proof: RegisteredSealProof = .stackedDrg32GiBV1_1, value: TokenAmount = .zero
    ) throws {
        let params = CreateMinerParams(owner: owner, worker: owner, sealProofType: proof, peer: Array("peer".utf8), multiaddrs: [])
        rt.setCaller(owner, code: rt.code("account"))
        rt.valueReceived = value
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        let constructor = MinerConstructorParams(
            owner: owner, worker: owner, controlAddresses: [], sealProofType: proof, peerID: Array("peer".utf8), multiaddrs: [])
        let exec = InitActor.ExecParams(code: rt.code("storageminer"), constructorParams: constructor.cborBytes)
        let robust = Address.actor(miner.bytes)
        rt.expectSend(
            to: BuiltinAddress.initActor, method: 2, params: exec.cborBytes, value: value,
            returnData: CreateMinerReturn(idAddress: miner, robustAddress: robust).cborBytes)
        let returned = try rt.call(actor(rt), method: 2, params: params.cborBytes)
        rt.verify()
        #expect(try CreateMinerReturn(cborBytes: returned) == CreateMinerReturn(idAddress: miner, robustAddress: robust))
    }

    private func updateClaimedPower(_ rt: ScriptedRuntime, _ miner: Address, _ raw: BigInt, _ qa: BigInt) throws {
        rt.setCaller(miner, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        try rt.call(actor(rt), method: 3, params: UpdateClaimedPowerParams(rawByteDelta: raw, qualityAdjustedDelta: qa).cborBytes)
        rt.verify()
    }

    private func updatePledge(_ rt: ScriptedRuntime, _ miner: Address, _ delta: BigInt) throws {
        rt.setCaller(miner, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        try rt.call(actor(rt), method: 6, params: BigIntParam(delta).cborBytes)
        rt.verify()
    }

    private func expectTotalPowerEager(_ rt: ScriptedRuntime, raw: BigInt, qa: BigInt) throws {
        let total = try state(rt).currentTotalPower(actorsVersion: rt.actorsVersion)
        #expect(total.raw == raw)
        #expect(total.qualityAdjusted == qa)
    }

    private func enroll(_ rt: ScriptedRuntime, _ miner: Address, epoch: Int64, payload: [UInt8]) throws {
        rt.setCaller(miner, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        try rt.call(actor(rt), method: 4, params: EnrollCronEventParams(eventEpoch: epoch, payload: payload).cborBytes)
        rt.verify()
    }

    private func enrolled(_ rt: ScriptedRuntime, epoch: Int64) throws -> [PowerCronEvent] {
        let queue = try ActorMultimap(loading: state(rt).cronEventQueue, store: rt, sortsOnCollapse: rt.actorsVersion > 0)
        var events: [PowerCronEvent] = []
        try queue.forEach(HAMTKey.int(epoch)) { (_: UInt64, raw: [UInt8]) throws(ActorError) in
            do { events.append(try PowerCronEvent(cborBytes: raw)) } catch { throw .fatal("\(error)") }
        }
        return events
    }

    private func tick(_ rt: ScriptedRuntime, epoch: Int64, expectedRaw: BigInt) throws {
        rt.epoch = epoch
        rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
        rt.expectValidateCaller(BuiltinAddress.cronActor)
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(expectedRaw).cborBytes)
        try rt.call(actor(rt), method: 5)
        rt.verify()
    }

    // MARK: Construction and creation

    @Test func constructsEmptyState() throws {
        for version in [0, 2] {
            let rt = try setup(actorsVersion: version)
            let st = try state(rt)
            #expect(st.totalRawBytePower == 0 && st.totalPledgeCollateral == .zero && st.minerCount == 0)
            #expect(st.firstCronEpoch == 0)
            #expect(st.proofValidationBatch == nil)
            #expect((st.lastProcessedCronEpoch == -1) == (version == 0))
            #expect(st.thisEpochQAPowerSmoothed.estimate == PowerPolicy.initialQAPowerEstimatePosition)
            #expect(try PowerState(cborBytes: st.cborBytes) == st)
        }
    }

    @Test func createMinerRecordsAZeroClaim() throws {
        let rt = try setup()
        rt.balance = TokenAmount(attoFIL: 10)
        try createMiner(rt, miner: miner1, value: TokenAmount(attoFIL: 10))
        #expect(try claim(rt, miner1) == PowerClaim(sealProofType: .stackedDrg32GiBV1_1, rawBytePower: 0, qualityAdjPower: 0))
        #expect(try state(rt).minerCount == 1)
    }

    @Test func v0ClaimHasNoProofType() throws {
        let rt = try setup(actorsVersion: 0)
        try createMiner(rt, miner: miner1)
        #expect(try claim(rt, miner1) == PowerClaim(sealProofType: nil, rawBytePower: 0, qualityAdjPower: 0))
    }

    @Test func createMinerFailsForNonSignableCaller() throws {
        let rt = try setup()
        rt.setCaller(owner, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectAbort(.sysErrForbidden) {
            let params = CreateMinerParams(owner: owner, worker: owner, sealProofType: .stackedDrg32GiBV1_1, peer: [], multiaddrs: [])
            try rt.call(actor(rt), method: 2, params: params.cborBytes)
        }
    }

    @Test func createMinerFailsWhenInitFails() throws {
        let rt = try setup()
        rt.setCaller(owner, code: rt.code("account"))
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectSend(to: BuiltinAddress.initActor, method: 2, exitCode: .errIllegalState)
        rt.expectAbort(.errIllegalState) {
            let params = CreateMinerParams(owner: owner, worker: owner, sealProofType: .stackedDrg32GiBV1_1, peer: [], multiaddrs: [])
            try rt.call(actor(rt), method: 2, params: params.cborBytes)
        }
    }

    // MARK: Claims

    @Test func updateClaimedPowerFailsWithoutClaimOrFromNonMiner() throws {
        let rt = try setup()
        rt.setCaller(miner1, code: rt.code("account"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(.sysErrForbidden) {
            try rt.call(actor(rt), method: 3, params: UpdateClaimedPowerParams(rawByteDelta: 1, qualityAdjustedDelta: 1).cborBytes)
        }
        rt.setCaller(miner1, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(.errNotFound) {
            try rt.call(actor(rt), method: 3, params: UpdateClaimedPowerParams(rawByteDelta: 1, qualityAdjustedDelta: 1).cborBytes)
        }
    }

    @Test func powerAndPledgeAccountedBelowThreshold() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try createMiner(rt, miner: miner2)
        try expectTotalPowerEager(rt, raw: 0, qa: 0)
        try updateClaimedPower(rt, miner1, smallPowerUnit, smallPowerUnit * 2)
        try expectTotalPowerEager(rt, raw: smallPowerUnit, qa: smallPowerUnit * 2)
        try updateClaimedPower(rt, miner2, smallPowerUnit, smallPowerUnit)
        try updatePledge(rt, miner1, 1_000_000)
        try expectTotalPowerEager(rt, raw: smallPowerUnit * 2, qa: smallPowerUnit * 3)
        #expect(try state(rt).totalPledgeCollateral == TokenAmount(attoFIL: 1_000_000))
        #expect(try claim(rt, miner1)?.qualityAdjPower == smallPowerUnit * 2)
        try updateClaimedPower(rt, miner2, -smallPowerUnit, -smallPowerUnit)
        try updatePledge(rt, miner2, -100_000)
        try expectTotalPowerEager(rt, raw: smallPowerUnit, qa: smallPowerUnit * 2)
        #expect(try state(rt).totalPledgeCollateral == TokenAmount(attoFIL: 900_000))
        #expect(try claim(rt, miner2)?.rawBytePower == 0)
    }

    @Test func powerAccountingCrossingThreshold() throws {
        let rt = try setup()
        for miner in [miner1, miner2, miner3, miner4, miner5] { try createMiner(rt, miner: miner) }
        // QA power is 10x raw to show the threshold uses raw power only (v2).
        try updateClaimedPower(rt, miner1, smallPowerUnit, smallPowerUnit * 10)
        try updateClaimedPower(rt, miner2, smallPowerUnit, smallPowerUnit * 10)
        for miner in [miner3, miner4, miner5] { try updateClaimedPower(rt, miner, powerUnit, powerUnit * 10) }
        let below = smallPowerUnit * 2 + powerUnit * 3
        try expectTotalPowerEager(rt, raw: below, qa: below * 10)
        let delta = powerUnit - smallPowerUnit
        try updateClaimedPower(rt, miner2, delta, delta * 10)
        try expectTotalPowerEager(rt, raw: powerUnit * 4, qa: powerUnit * 40)
        #expect(try state(rt).minerAboveMinPowerCount == 4)
        try updateClaimedPower(rt, miner4, -delta, -delta * 10)
        try expectTotalPowerEager(rt, raw: below, qa: below * 10)
    }

    @Test func minerDippingBelowThresholdLosesAllItsPower() throws {
        let rt = try setup()
        for miner in [miner1, miner2, miner3, miner4, miner5] {
            try createMiner(rt, miner: miner)
            try updateClaimedPower(rt, miner, powerUnit, powerUnit)
        }
        try expectTotalPowerEager(rt, raw: powerUnit * 5, qa: powerUnit * 5)
        try updateClaimedPower(rt, miner4, -smallPowerUnit, -smallPowerUnit)
        try expectTotalPowerEager(rt, raw: powerUnit * 4, qa: powerUnit * 4)
    }

    /// v0 measures the consensus minimum on quality-adjusted power and needs only 3 miners.
    @Test func v0ThresholdUsesQualityAdjustedPowerAndThreeMiners() throws {
        let rt = try setup(actorsVersion: 0)
        for miner in [miner1, miner2, miner3, miner4] { try createMiner(rt, miner: miner) }
        // Raw power below the minimum, QA power above it: counted in v0.
        for miner in [miner1, miner2, miner3] { try updateClaimedPower(rt, miner, smallPowerUnit, powerUnit) }
        try updateClaimedPower(rt, miner4, smallPowerUnit, smallPowerUnit)
        let st = try state(rt)
        #expect(st.minerAboveMinPowerCount == 3)
        // Three miners above the minimum enforce it: the small miner's power is left out.
        try expectTotalPowerEager(rt, raw: smallPowerUnit * 3, qa: powerUnit * 3)
    }

    @Test func v2NewMinerCountsAboveMinimumFromNetworkVersion7OnlyWithZeroMinimum() throws {
        let rt = try setup(actorsVersion: 2, networkVersion: 7)
        try createMiner(rt, miner: miner1, proof: .stackedDrg2KiBV1)
        #expect(try state(rt).minerAboveMinPowerCount == 0)
        let free = PowerActor(actorsVersion: 2, policy: PowerPolicy(consensusMinerMinPower: 0))
        let params = CreateMinerParams(owner: owner, worker: owner, sealProofType: .stackedDrg2KiBV1, peer: [], multiaddrs: [])
        rt.setCaller(owner, code: rt.code("account"))
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectSend(
            to: BuiltinAddress.initActor, method: 2,
            returnData: CreateMinerReturn(idAddress: miner2, robustAddress: .actor([2])).cborBytes)
        try rt.call(free, method: 2, params: params.cborBytes)
        rt.verify()
        #expect(try state(rt).minerAboveMinPowerCount == 1)
    }

    @Test func devnetPolicyLowersTheMinimum() throws {
        let rt = try setup()
        let devnet = PowerActor(actorsVersion: 2, policy: .devnet)
        for miner in [miner1, miner2, miner3, miner4] { try createMiner(rt, miner: miner, proof: .stackedDrg2KiBV1) }
        for miner in [miner1, miner2, miner3, miner4] {
            rt.setCaller(miner, code: rt.code("storageminer"))
            rt.expectValidateCallerType(rt.code("storageminer"))
            try rt.call(devnet, method: 3, params: UpdateClaimedPowerParams(rawByteDelta: 2048, qualityAdjustedDelta: 2048).cborBytes)
            rt.verify()
        }
        #expect(try state(rt).minerAboveMinPowerCount == 4)
        #expect(try state(rt).totalRawBytePower == 4 * 2048)
    }

    @Test func updatePledgeTotalAbortsWithoutClaimInV2Only() throws {
        let rt = try setup()
        rt.setCaller(miner1, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(.errForbidden) { try rt.call(actor(rt), method: 6, params: BigIntParam(1).cborBytes) }
        let v0 = try setup(actorsVersion: 0)
        try updatePledge(v0, miner1, 5)
        #expect(try state(v0).totalPledgeCollateral == TokenAmount(attoFIL: 5))
    }

    // MARK: Cron

    @Test func enrollsMultipleEventsAndRefusesNegativeEpochs() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try enroll(rt, miner1, epoch: 1, payload: [1, 2])
        try enroll(rt, miner1, epoch: 1, payload: [3])
        try enroll(rt, miner1, epoch: 2, payload: [4])
        #expect(try enrolled(rt, epoch: 1) == [
            PowerCronEvent(minerAddress: miner1, callbackPayload: [1, 2]), PowerCronEvent(minerAddress: miner1, callbackPayload: [3]),
        ])
        #expect(try enrolled(rt, epoch: 2).count == 1)
        rt.setCaller(miner1, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor(rt), method: 4, params: EnrollCronEventParams(eventEpoch: -1, payload: []).cborBytes)
        }
    }

    @Test func enrollingInThePastMovesFirstCronEpoch() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try tick(rt, epoch: 5, expectedRaw: 0)
        #expect(try state(rt).firstCronEpoch == 6)
        try enroll(rt, miner1, epoch: 3, payload: [9])
        #expect(try state(rt).firstCronEpoch == 3)
        // The next tick runs the past event.
        rt.epoch = 6
        rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
        rt.expectValidateCaller(BuiltinAddress.cronActor)
        rt.expectSend(to: miner1, method: 12, params: [9])
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(0).cborBytes)
        try rt.call(actor(rt), method: 5)
        rt.verify()
        #expect(try state(rt).firstCronEpoch == 7)
        #expect(try enrolled(rt, epoch: 3).isEmpty)
    }

    @Test func tickSendsRawPowerAndUpdatesSmoothedEstimate() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try updateClaimedPower(rt, miner1, smallPowerUnit, smallPowerUnit * 2)
        let before = try state(rt).thisEpochQAPowerSmoothed
        try tick(rt, epoch: 1, expectedRaw: smallPowerUnit)
        let st = try state(rt)
        #expect(st.thisEpochRawBytePower == smallPowerUnit)
        #expect(st.thisEpochQualityAdjPower == smallPowerUnit * 2)
        #expect(st.thisEpochQAPowerSmoothed == before.next(observation: smallPowerUnit * 2, epochDelta: 1))
    }

    @Test func failedCronCallbackRemovesClaimInV2() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try createMiner(rt, miner: miner2)
        try updateClaimedPower(rt, miner1, smallPowerUnit, smallPowerUnit)
        try updateClaimedPower(rt, miner2, smallPowerUnit, smallPowerUnit)
        try enroll(rt, miner1, epoch: 2, payload: [1])
        try enroll(rt, miner2, epoch: 2, payload: [2])
        rt.epoch = 2
        rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
        rt.expectValidateCaller(BuiltinAddress.cronActor)
        rt.expectSend(to: miner1, method: 12, params: [1], exitCode: .errIllegalState)
        rt.expectSend(to: miner2, method: 12, params: [2])
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(smallPowerUnit).cborBytes)
        try rt.call(actor(rt), method: 5)
        rt.verify()
        #expect(try claim(rt, miner1) == nil)
        #expect(try state(rt).minerCount == 2)  // decremented only from network version 7
        try expectTotalPowerEager(rt, raw: smallPowerUnit, qa: smallPowerUnit)
    }

    @Test func cronSkipsMinersWithoutClaimInV2() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try enroll(rt, miner1, epoch: 1, payload: [1])
        // Remove the claim behind the actor's back.
        var st = try state(rt)
        let claims = try ActorHAMT(loading: st.claims, store: rt, sortsOnCollapse: true)
        _ = try claims.delete(HAMTKey.address(miner1))
        st.claims = try claims.flush()
        try rt.setState(st)
        try tick(rt, epoch: 1, expectedRaw: 0)
    }

    @Test func v0FailedCallbackZeroesPowerButKeepsClaim() throws {
        let rt = try setup(actorsVersion: 0)
        try createMiner(rt, miner: miner1)
        try updateClaimedPower(rt, miner1, smallPowerUnit, smallPowerUnit)
        try enroll(rt, miner1, epoch: 1, payload: [7])
        rt.epoch = 1
        rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
        rt.expectValidateCaller(BuiltinAddress.cronActor)
        rt.expectSend(to: miner1, method: 12, params: [7], exitCode: .errIllegalArgument)
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(0).cborBytes)
        try rt.call(actor(rt), method: 5)
        rt.verify()
        #expect(try claim(rt, miner1) == PowerClaim(sealProofType: nil, rawBytePower: 0, qualityAdjPower: 0))
        #expect(try state(rt).lastProcessedCronEpoch == 1)
    }

    // MARK: PoRep batch

    private func sealInfo(miner: Address, sector: UInt64) -> SealVerifyInfo {
        SealVerifyInfo(
            sealProof: .stackedDrg32GiBV1_1, minerID: miner.idValue ?? 0, sectorNumber: sector, dealIDs: [], randomness: [1],
            interactiveRandomness: [2], proof: [3], sealedCID: ActorCodes.emptyObject, unsealedCID: ActorCodes.emptyObject)
    }

    private func submit(_ rt: ScriptedRuntime, _ info: SealVerifyInfo, miner: Address) throws {
        rt.setCaller(miner, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        try rt.call(actor(rt), method: 8, params: info.cborBytes)
        rt.verify()
    }

    @Test func batchVerifiesAndConfirmsDeduplicatedSectors() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        try createMiner(rt, miner: miner2)
        let infos1 = [sealInfo(miner: miner1, sector: 1), sealInfo(miner: miner1, sector: 2), sealInfo(miner: miner1, sector: 1)]
        let infos2 = [sealInfo(miner: miner2, sector: 7), sealInfo(miner: miner2, sector: 8)]
        for info in infos1 { try submit(rt, info, miner: miner1) }
        for info in infos2 { try submit(rt, info, miner: miner2) }
        #expect(try state(rt).proofValidationBatch != nil)
        rt.batchVerifySealsHandler = { seals in
            seals.mapValues { infos in infos.map { $0.sectorNumber != 8 } }
        }
        rt.epoch = 1
        rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
        rt.expectValidateCaller(BuiltinAddress.cronActor)
        // HAMT order decides which miner is confirmed first; accept any params and check below.
        rt.expectSend(to: firstInHAMTOrder(rt, [miner1, miner2]), method: 17)
        rt.expectSend(to: secondInHAMTOrder(rt, [miner1, miner2]), method: 17)
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(0).cborBytes)
        try rt.call(actor(rt), method: 5)
        let confirmations = Dictionary(uniqueKeysWithValues: rt.sends.filter { $0.method == 17 }.map { ($0.to, $0.params) })
        rt.verify()
        #expect(confirmations[miner1] == [0x81, 0x82, 0x01, 0x02])
        #expect(confirmations[miner2] == [0x81, 0x81, 0x07])
        #expect(try state(rt).proofValidationBatch == nil)
        #expect(rt.batchVerified.first?[miner1]?.count == 3)
    }

    private func firstInHAMTOrder(_ rt: ScriptedRuntime, _ miners: [Address]) -> Address {
        hamtOrder(miners).first ?? miners[0]
    }

    private func secondInHAMTOrder(_ rt: ScriptedRuntime, _ miners: [Address]) -> Address {
        hamtOrder(miners).dropFirst().first ?? miners[1]
    }

    /// Iteration order of a HAMT holding `miners` as keys.
    private func hamtOrder(_ miners: [Address]) -> [Address] {
        let store = ScriptedRuntime(receiver: BuiltinAddress.powerActor, caller: BuiltinAddress.systemActor)
        let map = ActorHAMT(store: store, sortsOnCollapse: true)
        var order: [Address] = []
        do {
            for miner in miners { try map.set(HAMTKey.address(miner), [0x80]) }
            try map.forEach { (key: [UInt8], _: [UInt8]) throws(ActorError) in
                if let address = try? Address(bytes: key) { order.append(address) }
            }
        } catch {
            return miners
        }
        return order
    }

    @Test func v0RunsCallbacksBeforeConfirmationsAndV2After() throws {
        for version in [0, 2] {
            let rt = try setup(actorsVersion: version)
            try createMiner(rt, miner: miner1)
            try enroll(rt, miner1, epoch: 1, payload: [5])
            try submit(rt, sealInfo(miner: miner1, sector: 3), miner: miner1)
            rt.batchVerifySealsHandler = { seals in seals.mapValues { $0.map { _ in true } } }
            rt.epoch = 1
            rt.setCaller(BuiltinAddress.cronActor, code: rt.code("cron"))
            rt.expectValidateCaller(BuiltinAddress.cronActor)
            let callback = { rt.expectSend(to: miner1, method: 12, params: [5]) }
            let confirm = { rt.expectSend(to: miner1, method: 17, params: [0x81, 0x81, 0x03]) }
            if version == 0 {
                callback()
                confirm()
            } else {
                confirm()
                callback()
            }
            rt.expectSend(to: BuiltinAddress.rewardActor, method: 4, params: BigIntParam(0).cborBytes)
            try rt.call(actor(rt), method: 5)
            rt.verify()
        }
    }

    @Test func submitPoRepAbortsPastTheEpochLimitAndWithoutClaim() throws {
        let rt = try setup()
        try createMiner(rt, miner: miner1)
        for sector in 0..<PowerPolicy.maxMinerProveCommitsPerEpoch { try submit(rt, sealInfo(miner: miner1, sector: sector), miner: miner1) }
        rt.setCaller(miner1, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(PowerActor.errTooManyProveCommits) {
            try rt.call(actor(rt), method: 8, params: sealInfo(miner: miner1, sector: 500).cborBytes)
        }
        rt.setCaller(miner2, code: rt.code("storageminer"))
        rt.expectValidateCallerType(rt.code("storageminer"))
        rt.expectAbort(.errForbidden) {
            try rt.call(actor(rt), method: 8, params: sealInfo(miner: miner2, sector: 1).cborBytes)
        }
    }

    // MARK: Queries and dispatch

    @Test func currentTotalPowerReturnsThisEpochValues() throws {
        for version in [0, 2] {
            let rt = try setup(actorsVersion: version)
            rt.setCaller(owner, code: rt.code("account"))
            rt.expectValidateCallerAny()
            let returned = try CurrentTotalPowerReturn(cborBytes: rt.call(actor(rt), method: 9))
            rt.verify()
            let st = try state(rt)
            #expect(returned.qualityAdjPowerSmoothed == st.thisEpochQAPowerSmoothed)
            #expect(returned.rawBytePower == 0)
        }
    }

    @Test func onConsensusFaultIsGoneInV2AndSlashesInV0() throws {
        let rt = try setup()
        rt.setCaller(miner1, code: rt.code("storageminer"))
        rt.expectAbort(.sysErrInvalidMethod) { try rt.call(actor(rt), method: 7, params: BigIntParam(0).cborBytes) }

        let v0 = try setup(actorsVersion: 0)
        try createMiner(v0, miner: miner1)
        try updateClaimedPower(v0, miner1, smallPowerUnit, smallPowerUnit)
        try updatePledge(v0, miner1, 100)
        v0.setCaller(miner1, code: v0.code("storageminer"))
        v0.expectValidateCallerType(v0.code("storageminer"))
        try v0.call(actor(v0), method: 7, params: BigIntParam(40).cborBytes)
        v0.verify()
        #expect(try claim(v0, miner1) == nil)
        let st = try state(v0)
        #expect(st.minerCount == 0)
        #expect(st.totalPledgeCollateral == TokenAmount(attoFIL: 60))
        #expect(st.totalBytesCommitted == 0)
    }

    @Test func malformedParamsAndUnknownMethods() throws {
        let rt = try setup()
        rt.setCaller(owner, code: rt.code("account"))
        rt.expectAbort(ExitCode(1)) { try rt.call(actor(rt), method: 2, params: [0x83, 0x00, 0x00, 0x00]) }
        rt.expectAbort(ExitCode(1)) { try rt.call(actor(rt), method: 3, params: []) }
        rt.expectAbort(ExitCode(1)) { try rt.call(actor(rt), method: 8, params: [0x80]) }
        rt.expectAbort(.sysErrInvalidMethod) { try rt.call(actor(rt), method: 10) }
    }
}
