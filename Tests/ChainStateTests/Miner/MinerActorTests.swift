import BigInt
@testable import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs
import Testing

/// The miner's non-deadline methods on the scripted runtime, after specs-actors' `miner_test.go`
/// (v2 unless named otherwise): construction, control, pre-commit, prove-commit, confirmation,
/// vesting, withdrawal, fee debt, consensus faults, and the exit codes of bad input.
@Suite struct MinerActorTests {
    static let receiver = Address.idAddress(1000)
    static let owner = Address.idAddress(100)
    static let worker = Address.idAddress(101)
    static let control = Address.idAddress(102)
    static let other = Address.idAddress(103)
    static let workerKey: Address = (try? Address.bls(publicKey: Array(repeating: 0x11, count: 48))) ?? .idAddress(0)
    static let sealProof = RegisteredSealProof.stackedDrg32GiBV1
    static let sectorSize: UInt64 = 32 << 30
    static let rewardSmoothed = FilterEstimate(wholePosition: TokenAmount.attoFILPerFIL * 10, wholeVelocity: 0)
    static let powerSmoothed = FilterEstimate(wholePosition: BigInt(1) << 50, wholeVelocity: 0)
    static let baseline = BigInt(1) << 50
    static let sealed: CID =
        (try? CID(version: .v1, codec: Multicodec.filCommitmentSealed, multihash: Multihash(code: Multihash.poseidonBLS12381, digest: Array(repeating: 3, count: 32))))
        ?? ActorCodes.emptyObject
    static let unsealed: CID =
        (try? CID(version: .v1, codec: Multicodec.filCommitmentUnsealed, multihash: Multihash(code: Multihash.sha2_256Trunc254Padded, digest: Array(repeating: 4, count: 32))))
        ?? ActorCodes.emptyObject

    let actor: MinerActor
    let rt: ScriptedRuntime

    init() throws {
        try self.init(actorsVersion: 2)
    }

    init(actorsVersion: Int, epoch: Int64 = 200) throws {
        actor = MinerActor(actorsVersion: actorsVersion)
        rt = ScriptedRuntime(receiver: Self.receiver, caller: BuiltinAddress.initActor, actorsVersion: actorsVersion)
        rt.epoch = epoch
        for address in [Self.owner, Self.worker, Self.control, Self.other] { rt.actorCodes[address] = rt.code("account") }
        rt.setCaller(BuiltinAddress.initActor, code: rt.code("init"))
        rt.expectValidateCaller(BuiltinAddress.initActor)
        rt.expectSend(to: Self.worker, method: 2, params: [], returnData: Self.workerKey.cborBytes)
        rt.expectSend(to: BuiltinAddress.powerActor, method: 4)
        let params = MinerConstructorParams(owner: Self.owner, worker: Self.worker, controlAddresses: [Self.control], sealProofType: Self.sealProof, peerID: [1, 2, 3])
        try rt.call(actor, method: 1, params: params.cborBytes)
        rt.verify()
        rt.balance = .zero
    }

    var state: MinerState { get throws { try rt.getState(MinerState.self) } }
    var info: MinerInfo { get throws { try state.loadInfo(rt.store) } }

    func asOwner() { rt.setCaller(Self.owner, code: rt.code("account")) }
    func asWorker() { rt.setCaller(Self.worker, code: rt.code("account")) }
    var controlSet: [Address] { [Self.control, Self.owner, Self.worker] }

    // MARK: Construction

    @Test func constructionSetsInfoAndState() throws {
        let info = try self.info
        #expect(info.owner == Self.owner)
        #expect(info.worker == Self.worker)
        #expect(info.controlAddresses == [Self.control])
        #expect(info.peerID == [1, 2, 3])
        #expect(info.sectorSize == Self.sectorSize)
        #expect(info.windowPoStPartitionSectors == 2349)
        #expect(info.consensusFaultElapsed == -1)
        let state = try self.state
        #expect(state.provingPeriodStart <= rt.epoch)
        #expect(state.currentDeadline == UInt64((rt.epoch - state.provingPeriodStart) / MinerPolicy.wpostChallengeWindow))
        #expect(state.feeDebt == .zero)
        #expect(try state.loadVestingFunds(rt.store).funds.isEmpty)
        #expect(try MinerState.deadlineCIDs(rt.get(state.deadlines)).count == 48)
    }

    @Test func constructionEnrollsTheFirstDeadlineCron() throws {
        let rt = ScriptedRuntime(receiver: Self.receiver, caller: BuiltinAddress.initActor, actorsVersion: 2)
        rt.epoch = 200
        for address in [Self.owner, Self.worker] { rt.actorCodes[address] = rt.code("account") }
        rt.setCaller(BuiltinAddress.initActor, code: rt.code("init"))
        // The offset is blake2b(receiver CBOR ‖ epoch) mod the proving period.
        var seed = Self.receiver.cborBytes
        withUnsafeBytes(of: Int64(200).bigEndian) { seed.append(contentsOf: $0) }
        let digest = Blake2b.hash256(seed)
        let offset = Int64(digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 2880)
        let start = MinerActor.currentProvingPeriodStart(epoch: 200, offset: offset)
        let deadline = (200 - start) / 60
        rt.expectValidateCaller(BuiltinAddress.initActor)
        rt.expectSend(to: Self.worker, method: 2, params: [], returnData: Self.workerKey.cborBytes)
        rt.expectEnrollCron(epoch: start + 60 * (deadline + 1) - 1, eventType: MinerCronEventPayload.provingDeadline)
        try rt.call(actor, method: 1, params: MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: Self.sealProof).cborBytes)
        rt.verify()
        #expect(try rt.getState(MinerState.self).provingPeriodStart == start)
    }

    @Test func constructionRefusesBadInput() throws {
        let rt = ScriptedRuntime(receiver: Self.receiver, caller: BuiltinAddress.initActor, actorsVersion: 2)
        for address in [Self.owner, Self.worker] { rt.actorCodes[address] = rt.code("account") }
        rt.setCaller(BuiltinAddress.initActor, code: rt.code("init"))
        func construct(_ params: MinerConstructorParams, _ code: ExitCode) {
            rt.expectValidateCaller(BuiltinAddress.initActor)
            rt.expectAbort(code) { () throws(ActorError) in try rt.call(actor, method: 1, params: params.cborBytes) }
        }
        construct(MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: .stackedDrg2KiBV1), .errIllegalArgument)
        construct(
            MinerConstructorParams(owner: Self.owner, worker: Self.worker, controlAddresses: Array(repeating: Self.control, count: 11), sealProofType: Self.sealProof),
            .errIllegalArgument)
        construct(MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: Self.sealProof, peerID: Array(repeating: 1, count: 129)), .errIllegalArgument)
        construct(MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: Self.sealProof, multiaddrs: [[]]), .errIllegalArgument)
        // An owner that does not exist.
        construct(MinerConstructorParams(owner: .idAddress(555), worker: Self.worker, sealProofType: Self.sealProof), .errIllegalArgument)
        // Only init may construct.
        rt.setCaller(Self.owner, code: rt.code("account"))
        construct(MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: Self.sealProof), .sysErrForbidden)
    }

    @Test func workerMustHaveABLSKey() throws {
        let rt = ScriptedRuntime(receiver: Self.receiver, caller: BuiltinAddress.initActor, actorsVersion: 2)
        for address in [Self.owner, Self.worker] { rt.actorCodes[address] = rt.code("account") }
        rt.setCaller(BuiltinAddress.initActor, code: rt.code("init"))
        rt.expectValidateCaller(BuiltinAddress.initActor)
        rt.expectSend(to: Self.worker, method: 2, params: [], returnData: Address.idAddress(7).cborBytes)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 1, params: MinerConstructorParams(owner: Self.owner, worker: Self.worker, sealProofType: Self.sealProof).cborBytes)
        }
    }

    // MARK: Control

    @Test func controlAddressesAnswersOwnerWorkerControls() throws {
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCallerAny()
        let ret = try GetControlAddressesReturn(cborBytes: rt.call(actor, method: 2))
        rt.verify()
        #expect(ret == GetControlAddressesReturn(owner: Self.owner, worker: Self.worker, controlAddresses: [Self.control]))
    }

    @Test func changePeerIDAndMultiaddrs() throws {
        asWorker()
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        try rt.call(actor, method: 4, params: ChangePeerIDParams(newID: [9, 9]).cborBytes)
        rt.verify()
        #expect(try info.peerID == [9, 9])
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        try rt.call(actor, method: 18, params: ChangeMultiaddrsParams(newMultiaddrs: [[1], [2, 3]]).cborBytes)
        rt.verify()
        #expect(try info.multiaddrs == [[1], [2, 3]])
        // Too long, empty, or not a control address.
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 4, params: ChangePeerIDParams(newID: Array(repeating: 1, count: 129)).cborBytes)
        }
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 18, params: ChangeMultiaddrsParams(newMultiaddrs: [[]]).cborBytes)
        }
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectAbort(.sysErrForbidden) { () throws(ActorError) in
            try rt.call(actor, method: 4, params: ChangePeerIDParams(newID: [1]).cborBytes)
        }
    }

    @Test func changeWorkerThenConfirmAfterTheDelay() throws {
        asOwner()
        rt.expectValidateCaller(Self.owner)
        rt.expectSend(to: Self.other, method: 2, params: [], returnData: Self.workerKey.cborBytes)
        try rt.call(actor, method: 3, params: ChangeWorkerAddressParams(newWorker: Self.other, newControlAddresses: []).cborBytes)
        rt.verify()
        let pending = try #require(try info.pendingWorkerKey)
        #expect(pending == WorkerKeyChange(newWorker: Self.other, effectiveAt: rt.epoch + 900))
        #expect(try info.controlAddresses.isEmpty)
        // A second request while one is pending does not replace it.
        rt.epoch += 10
        rt.expectValidateCaller(Self.owner)
        rt.expectSend(to: Self.control, method: 2, params: [], returnData: Self.workerKey.cborBytes)
        try rt.call(actor, method: 3, params: ChangeWorkerAddressParams(newWorker: Self.control, newControlAddresses: []).cborBytes)
        rt.verify()
        #expect(try info.pendingWorkerKey == pending)
        // Too early: nothing happens.
        rt.expectValidateCaller(Self.owner)
        try rt.call(actor, method: 21)
        rt.verify()
        #expect(try info.worker == Self.worker)
        rt.epoch = pending.effectiveAt
        rt.expectValidateCaller(Self.owner)
        try rt.call(actor, method: 21)
        rt.verify()
        #expect(try info.worker == Self.other)
        #expect(try info.pendingWorkerKey == nil)
    }

    @Test func v0ChangeWorkerEnrollsTheKeyChangeCron() throws {
        let t = try MinerActorTests(actorsVersion: 0)
        t.asOwner()
        t.rt.expectSend(to: Self.other, method: 2, params: [], returnData: Self.workerKey.cborBytes)
        t.rt.expectValidateCaller(Self.owner)
        t.rt.expectEnrollCron(epoch: t.rt.epoch + 900, eventType: MinerCronEventPayload.workerKeyChange)
        try t.rt.call(t.actor, method: 3, params: ChangeWorkerAddressParams(newWorker: Self.other, newControlAddresses: [Self.control]).cborBytes)
        t.rt.verify()
        #expect(try t.info.pendingWorkerKey?.newWorker == Self.other)
        #expect(try t.info.consensusFaultElapsed == nil)
    }

    @Test func changeOwnerProposeAndConfirm() throws {
        asOwner()
        rt.expectValidateCaller(Self.owner)
        try rt.call(actor, method: 23, params: Self.other.cborBytes)
        rt.verify()
        #expect(try info.pendingOwnerAddress == Self.other)
        // The proposed address confirms with the same address.
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCaller(Self.other)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 23, params: Self.control.cborBytes) }
        rt.expectValidateCaller(Self.other)
        try rt.call(actor, method: 23, params: Self.other.cborBytes)
        rt.verify()
        #expect(try info.owner == Self.other)
        #expect(try info.pendingOwnerAddress == nil)
        // Not an ID address.
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 23, params: Self.workerKey.cborBytes) }
    }

    // MARK: Pre-commit

    func preCommitParams(_ number: UInt64, expiration: Int64? = nil, dealIDs: [UInt64] = []) -> SectorPreCommitInfo {
        SectorPreCommitInfo(
            sealProof: Self.sealProof, sectorNumber: number, sealedCID: Self.sealed, sealRandEpoch: rt.epoch - 1, dealIDs: dealIDs,
            expiration: expiration ?? rt.epoch + 200 * MinerPolicy.epochsInDay)
    }

    var expectedDeposit: TokenAmount {
        let duration = 200 * MinerPolicy.epochsInDay
        let qa = MinerPolicy.qaPowerForWeight(sectorSize: Self.sectorSize, duration: duration, dealWeight: 0, verifiedWeight: 0)
        return MinerMonies.preCommitDepositForPower(
            rewardEstimate: Self.rewardSmoothed, networkQAPowerEstimate: Self.powerSmoothed, qaSectorPower: qa, actorsVersion: actor.actorsVersion)
    }

    func preCommit(_ params: SectorPreCommitInfo) throws {
        asWorker()
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        try rt.call(actor, method: 6, params: params.cborBytes)
        rt.verify()
    }

    @Test func preCommitStoresTheSectorAndLocksTheDeposit() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        try preCommit(preCommitParams(100))
        let state = try self.state
        let stored = try #require(try state.getPrecommittedSector(rt.store, 100, actorsVersion: 2))
        #expect(stored.preCommitEpoch == rt.epoch)
        #expect(stored.preCommitDeposit == expectedDeposit)
        #expect(state.preCommitDeposits == expectedDeposit)
        // BR(20 days) of a CC sector: constant estimates make it reward × days × QA / network QA.
        let qa = BigInt(Self.sectorSize)
        #expect(expectedDeposit.attoFIL == TokenAmount.attoFILPerFIL * 10 * BigInt(20 * 2880) * qa / (BigInt(1) << 50))
        // The expiry queue holds it at the quantized due epoch.
        let queue = try ActorAMT(loading: state.preCommittedSectorsExpiry, store: rt.store)
        #expect(queue.count == 1)
        // The same number again is refused: it is allocated.
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: preCommitParams(100).cborBytes) }
    }

    @Test func preCommitRefusesBadParameters() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        asWorker()
        var bad = preCommitParams(1)
        bad.sectorNumber = UInt64(Int64.max) + 1
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1)
        bad.sealedCID = Self.unsealed
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1)
        bad.sealRandEpoch = rt.epoch
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1, expiration: rt.epoch + 100)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1)
        bad.sealProof = .stackedDrg2KiBV1
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1)
        bad.replaceCapacity = true
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        bad = preCommitParams(1)
        bad.replaceSectorDeadline = 48
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: bad.cborBytes) }
        // Parameters that do not decode: exit code 1 before network version 7.
        rt.expectAbort(ExitCode(1)) { () throws(ActorError) in try rt.call(actor, method: 6, params: [0x82, 0x01]) }
        // A negative sector number does not decode as a uint64.
        var writer = CBORWriter()
        writer.writeArrayHeader(10)
        Self.sealProof.encode(to: &writer)
        writer.writeInt(-1)
        rt.expectAbort(ExitCode(1)) { () throws(ActorError) in try rt.call(actor, method: 6, params: writer.bytes) }
    }

    @Test func preCommitNeedsTheDeposit() throws {
        rt.balance = TokenAmount(attoFIL: 1)
        asWorker()
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectAbort(.errInsufficientFunds) { () throws(ActorError) in try rt.call(actor, method: 6, params: preCommitParams(5).cborBytes) }
    }

    @Test func preCommitAsksTheMarketForDealWeights() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        asWorker()
        let params = preCommitParams(7, dealIDs: [3, 4])
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        // specs-actors' order: deal IDs, sector expiry, sector start.
        let request = VerifyDealsForActivationParams(dealIDs: [3, 4], sectorExpiry: params.expiration, sectorStart: rt.epoch)
        var answer = CBORWriter()
        answer.writeArrayHeader(3)
        FilecoinBigInt.encode(BigInt(1000), to: &answer)
        FilecoinBigInt.encode(BigInt(0), to: &answer)
        answer.writeUnsigned(Self.sectorSize + 1)
        rt.expectSend(to: BuiltinAddress.marketActor, method: 5, params: request.cborBytes, returnData: answer.bytes)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        // The deals' space exceeds the sector.
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: params.cborBytes) }
    }

    // MARK: Prove-commit

    @Test func proveCommitSubmitsTheSealForBulkVerification() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        try preCommit(preCommitParams(100))
        let precommitEpoch = rt.epoch
        rt.setCaller(Self.other, code: rt.code("account"))
        // Too early: the interactive randomness is not yet drawn.
        rt.expectValidateCallerAny()
        rt.expectAbort(.errForbidden) { () throws(ActorError) in
            rt.expectSend(to: BuiltinAddress.marketActor, method: 8, returnData: Self.unsealed.cborBytes)
            try rt.call(actor, method: 7, params: ProveCommitSectorParams(sectorNumber: 100, proof: [1]).cborBytes)
        }
        rt.epoch = precommitEpoch + 151
        rt.randomnessHandler = { tickets, tag, _, entropy in
            #expect(entropy == Self.receiver.cborBytes)
            return Array(repeating: tickets ? UInt8(tag) : UInt8(tag + 100), count: 32)
        }
        let expected = SealVerifyInfo(
            sealProof: Self.sealProof, minerID: 1000, sectorNumber: 100, dealIDs: [], randomness: Array(repeating: 5, count: 32),
            interactiveRandomness: Array(repeating: 106, count: 32), proof: [1, 2, 3], sealedCID: Self.sealed, unsealedCID: Self.unsealed)
        var commD = CBORWriter()
        commD.writeArrayHeader(2)
        commD.writeArrayHeader(0)
        Self.sealProof.encode(to: &commD)
        rt.expectValidateCallerAny()
        rt.expectSend(to: BuiltinAddress.marketActor, method: 8, params: commD.bytes, returnData: Self.unsealed.cborBytes)
        rt.expectSend(to: BuiltinAddress.powerActor, method: 8, params: expected.cborBytes)
        try rt.call(actor, method: 7, params: ProveCommitSectorParams(sectorNumber: 100, proof: [1, 2, 3]).cborBytes)
        rt.verify()
        // Unknown sector, oversized proof, too late.
        rt.expectValidateCallerAny()
        rt.expectAbort(.errNotFound) { () throws(ActorError) in
            try rt.call(actor, method: 7, params: ProveCommitSectorParams(sectorNumber: 101, proof: []).cborBytes)
        }
        rt.expectValidateCallerAny()
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 7, params: ProveCommitSectorParams(sectorNumber: 100, proof: Array(repeating: 0, count: 1025)).cborBytes)
        }
        rt.epoch = precommitEpoch + MinerPolicy.epochsInDay + 150 + 1
        rt.expectValidateCallerAny()
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 7, params: ProveCommitSectorParams(sectorNumber: 100, proof: []).cborBytes)
        }
    }

    @Test func confirmDropsSectorsWhoseDealsFailToActivate() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        asWorker()
        let params = preCommitParams(9, dealIDs: [3])
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        var answer = CBORWriter()
        answer.writeArrayHeader(3)
        FilecoinBigInt.encode(BigInt(0), to: &answer)
        FilecoinBigInt.encode(BigInt(0), to: &answer)
        answer.writeUnsigned(1 << 20)
        rt.expectSend(to: BuiltinAddress.marketActor, method: 5, returnData: answer.bytes)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        try rt.call(actor, method: 6, params: params.cborBytes)
        rt.verify()
        // Only power may confirm.
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        rt.expectAbort(.sysErrForbidden) { () throws(ActorError) in
            try rt.call(actor, method: 17, params: ConfirmSectorProofsParams(sectors: [9]).cborBytes)
        }
        rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectSend(to: BuiltinAddress.marketActor, method: 6, exitCode: .errIllegalArgument)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 17, params: ConfirmSectorProofsParams(sectors: [9]).cborBytes)
        }
    }

    @Test func confirmActivatesTheSectorWithItsInitialPledge() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        try preCommit(preCommitParams(100))
        rt.epoch += 151
        let stored = try #require(try state.getPrecommittedSector(rt.store, 100, actorsVersion: 2))
        let qa = MinerPolicy.qaPowerForWeight(
            sectorSize: Self.sectorSize, duration: stored.info.expiration - rt.epoch, dealWeight: 0, verifiedWeight: 0)
        let pledge = MinerMonies.initialPledgeForPower(
            qaPower: qa, baselinePower: Self.baseline, rewardEstimate: Self.rewardSmoothed, networkQAPowerEstimate: Self.powerSmoothed,
            circulatingSupply: rt.circulatingSupply, actorsVersion: 2)
        rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        // v2 counts no power until the first window PoSt: only the pledge changes.
        rt.expectPledgeChange(pledge)
        try rt.call(actor, method: 17, params: ConfirmSectorProofsParams(sectors: [100]).cborBytes)
        rt.verify()
        let state = try self.state
        let sector = try #require(try state.getSector(rt.store, 100))
        #expect(sector.initialPledge == pledge)
        #expect(sector.activation == rt.epoch)
        #expect(sector.replacedSectorAge == 0)
        #expect(state.initialPledge == pledge)
        #expect(state.preCommitDeposits == .zero)
        #expect(try state.getPrecommittedSector(rt.store, 100, actorsVersion: 2) == nil)
        // Now proven.
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCallerAny()
        try rt.call(actor, method: 13, params: CheckSectorProvenParams(sectorNumber: 100).cborBytes)
        rt.verify()
    }

    @Test func checkSectorProven() throws {
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.expectValidateCallerAny()
        rt.expectAbort(.errNotFound) { () throws(ActorError) in try rt.call(actor, method: 13, params: CheckSectorProvenParams(sectorNumber: 1).cborBytes) }
        rt.expectValidateCallerAny()
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 13, params: CheckSectorProvenParams(sectorNumber: UInt64.max).cborBytes)
        }
    }

    @Test func compactSectorNumbersMasksThem() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        asWorker()
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        try rt.call(actor, method: 20, params: CompactSectorNumbersParams(maskSectorNumbers: UnvalidatedBitfield(try Bitfield([10, 11]))).cborBytes)
        rt.verify()
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 6, params: preCommitParams(11).cborBytes) }
        // An empty or out-of-range mask.
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 20, params: CompactSectorNumbersParams(maskSectorNumbers: UnvalidatedBitfield(Bitfield())).cborBytes)
        }
        let huge = CompactSectorNumbersParams(maskSectorNumbers: UnvalidatedBitfield(try Bitfield([UInt64(Int64.max) + 5]))).cborBytes
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in try rt.call(actor, method: 20, params: huge) }
    }

    // MARK: Funds

    @Test func applyRewardsLocksTheRewardAndRepaysThePenalty() throws {
        let reward = TokenAmount(wholeFIL: 180)
        let penalty = TokenAmount(wholeFIL: 1)
        rt.setCaller(BuiltinAddress.rewardActor, code: rt.code("reward"))
        rt.valueReceived = reward
        rt.expectValidateCaller(BuiltinAddress.rewardActor)
        // The penalty comes out of the just-locked reward (the soonest-vesting entries).
        rt.expectPledgeChange(reward - penalty)
        rt.expectBurn(penalty)
        try rt.call(actor, method: 14, params: ApplyRewardParams(reward: reward, penalty: penalty).cborBytes)
        rt.verify()
        let state = try self.state
        #expect(state.lockedFunds == reward - penalty)
        #expect(state.feeDebt == .zero)
        let funds = try state.loadVestingFunds(rt.store).funds
        #expect(funds.reduce(TokenAmount.zero) { $0 + $1.amount } == reward - penalty)
        #expect(funds.map(\.epoch) == funds.map(\.epoch).sorted())
        // Negative amounts are refused.
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 14, params: ApplyRewardParams(reward: TokenAmount(attoFIL: -1), penalty: .zero).cborBytes)
        }
    }

    @Test func penaltyBeyondFundsBecomesDebtThenRepaid() throws {
        rt.setCaller(BuiltinAddress.rewardActor, code: rt.code("reward"))
        rt.expectValidateCaller(BuiltinAddress.rewardActor)
        try rt.call(actor, method: 14, params: ApplyRewardParams(reward: .zero, penalty: TokenAmount(attoFIL: 500)).cborBytes)
        rt.verify()
        #expect(try state.feeDebt == TokenAmount(attoFIL: 500))
        // In debt: no pre-commit while the unlocked balance cannot repay it.
        rt.balance = TokenAmount(attoFIL: 100)
        asWorker()
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectAbort(.errInsufficientFunds) { () throws(ActorError) in try rt.call(actor, method: 6, params: preCommitParams(1).cborBytes) }
        // RepayDebt pays what it can.
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectBurn(TokenAmount(attoFIL: 100))
        try rt.call(actor, method: 22)
        rt.verify()
        #expect(try state.feeDebt == TokenAmount(attoFIL: 400))
    }

    @Test func withdrawBalanceSendsTheAvailableToTheOwner() throws {
        rt.balance = TokenAmount(attoFIL: 1000)
        asOwner()
        rt.expectValidateCaller(Self.owner)
        rt.expectSend(to: Self.owner, method: 0, params: [], value: TokenAmount(attoFIL: 600))
        try rt.call(actor, method: 16, params: MinerWithdrawBalanceParams(amountRequested: TokenAmount(attoFIL: 600)).cborBytes)
        rt.verify()
        // More than available: what there is.
        rt.expectValidateCaller(Self.owner)
        rt.expectSend(to: Self.owner, method: 0, params: [], value: TokenAmount(attoFIL: 400))
        try rt.call(actor, method: 16, params: MinerWithdrawBalanceParams(amountRequested: TokenAmount(attoFIL: 10_000)).cborBytes)
        rt.verify()
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 16, params: MinerWithdrawBalanceParams(amountRequested: TokenAmount(attoFIL: -1)).cborBytes)
        }
        asWorker()
        rt.expectValidateCaller(Self.owner)
        rt.expectAbort(.sysErrForbidden) { () throws(ActorError) in
            try rt.call(actor, method: 16, params: MinerWithdrawBalanceParams(amountRequested: TokenAmount(attoFIL: 1)).cborBytes)
        }
    }

    @Test func v0AddLockedFundVestsOverTheSchedule() throws {
        let t = try MinerActorTests(actorsVersion: 0)
        t.rt.balance = TokenAmount(wholeFIL: 10)
        t.asOwner()
        t.rt.expectValidateCaller(Self.control, Self.owner, Self.worker, BuiltinAddress.rewardActor)
        t.rt.expectPledgeChange(TokenAmount(wholeFIL: 5))
        try t.rt.call(t.actor, method: 14, params: TokenAmount(wholeFIL: 5).cborBytes)
        t.rt.verify()
        #expect(try t.state.lockedFunds == TokenAmount(wholeFIL: 5))
        // More than is unlocked.
        t.rt.expectValidateCaller(Self.control, Self.owner, Self.worker, BuiltinAddress.rewardActor)
        t.rt.expectAbort(.errInsufficientFunds) { () throws(ActorError) in
            try t.rt.call(t.actor, method: 14, params: TokenAmount(wholeFIL: 6).cborBytes)
        }
        // Withdrawal leaves the locked funds.
        t.rt.expectValidateCaller(Self.owner)
        t.rt.expectSend(to: Self.owner, method: 0, params: [], value: TokenAmount(wholeFIL: 5))
        try t.rt.call(t.actor, method: 16, params: MinerWithdrawBalanceParams(amountRequested: TokenAmount(wholeFIL: 100)).cborBytes)
        t.rt.verify()
    }

    // MARK: Consensus faults

    @Test func consensusFaultPenalizesAndBlocksPreCommits() throws {
        rt.balance = TokenAmount(wholeFIL: 1000)
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.epoch = 500
        rt.verifyConsensusFaultHandler = { _, _, _ in ConsensusFault(target: Self.receiver, epoch: 490, kind: .doubleForkMining) }
        let penalty = MinerMonies.consensusFaultPenalty(thisEpochReward: TokenAmount(attoFIL: Self.rewardSmoothed.estimate))
        let reward = MinerPolicy.rewardForConsensusSlashReport(elapsed: 10, collateral: penalty, actorsVersion: 2)
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectSend(to: Self.other, method: 0, params: [], value: reward)
        rt.expectBurn(penalty - reward)
        try rt.call(actor, method: 15, params: ReportConsensusFaultParams(blockHeader1: [1], blockHeader2: [2]).cborBytes)
        rt.verify()
        #expect(try info.consensusFaultElapsed == 500 + 900)
        // A second report of a fault before the exclusion period ended.
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectAbort(.errForbidden) { () throws(ActorError) in
            try rt.call(actor, method: 15, params: ReportConsensusFaultParams(blockHeader1: [1], blockHeader2: [2]).cborBytes)
        }
        asWorker()
        rt.expectThisEpochReward(smoothed: Self.rewardSmoothed, baseline: Self.baseline)
        rt.expectCurrentTotalPower(smoothed: Self.powerSmoothed)
        rt.expectValidateCaller(Self.control, Self.owner, Self.worker)
        rt.expectAbort(.errForbidden) { () throws(ActorError) in try rt.call(actor, method: 6, params: preCommitParams(1).cborBytes) }
        // No fault proven.
        rt.setCaller(Self.other, code: rt.code("account"))
        rt.verifyConsensusFaultHandler = { _, _, _ in nil }
        rt.expectValidateCallerType(rt.code("account"), rt.code("multisig"))
        rt.expectAbort(.errIllegalArgument) { () throws(ActorError) in
            try rt.call(actor, method: 15, params: ReportConsensusFaultParams(blockHeader1: [1], blockHeader2: [2]).cborBytes)
        }
    }

    // MARK: Dispatch

    @Test func unknownMethodsAndMalformedParameters() throws {
        let v0 = try MinerActorTests(actorsVersion: 0)
        v0.rt.expectAbort(.sysErrInvalidMethod) { () throws(ActorError) in try v0.rt.call(v0.actor, method: 21) }
        rt.expectAbort(.sysErrInvalidMethod) { () throws(ActorError) in try rt.call(actor, method: 24) }
        rt.expectAbort(ExitCode(1)) { () throws(ActorError) in try rt.call(actor, method: 16, params: [0xff]) }
        rt.expectAbort(ExitCode(1)) { () throws(ActorError) in try rt.call(actor, method: 3, params: [0x80]) }
        // From network version 7 a decode failure is ErrSerialization.
        rt.networkVersion = 7
        rt.expectAbort(.errSerialization) { () throws(ActorError) in try rt.call(actor, method: 4, params: [0x81, 0x01]) }
    }
}
