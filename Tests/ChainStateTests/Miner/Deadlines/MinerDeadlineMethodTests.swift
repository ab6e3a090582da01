import BigInt
import DagCBOR
import FilecoinTypes
import Proofs
import Testing

@testable import ChainState

/// v2 DeclareFaults, DeclareFaultsRecovered and SubmitWindowedPoSt, after specs-actors'
/// `miner_test.go`, and the exit codes of malformed, absurd and oversized declarations.
@Suite struct MinerDeadlineMethodTests {
    typealias R = ScriptedRuntime
    let actor = MinerActor(actorsVersion: 2)
    let declareFaults: UInt64 = 10
    let declareRecovered: UInt64 = 11
    let submitPoSt: UInt64 = 5

    func power(_ sectors: [SectorOnChainInfo]) -> PowerPair { sectors.power(sectorSize: 32 << 30) }

    @Test func declaredFaultsLosePower() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectUpdateClaimedPower(-power([sectors[0]]))
        try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(1)))
        rt.verify()
        let partition = try rt.testPartition()
        #expect(partition.faults == DeadlineTestSupport.bitfield(1))
        #expect(partition.faultyPower == power([sectors[0]]))
        let deadline = try rt.minerState.loadDeadlines(rt.store).loadDeadline(rt.store, R.testDeadline)
        #expect(deadline.faultyPower == power([sectors[0]]))
    }

    @Test func lateDeclarationsAreRefused() throws {
        let (rt, _) = try R.minerWithSectors()
        rt.epoch = 60  // past the fault cutoff (50) of the deadline opening at 120
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(1)))
        }
    }

    @Test func recoveriesThenPoStRestorePower() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectUpdateClaimedPower(-power(sectors))
        try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(1, 2)))
        rt.verify()

        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        try rt.call(actor, method: declareRecovered, params: R.declarations(DeadlineTestSupport.bitfield(2)))
        rt.verify()
        var partition = try rt.testPartition()
        #expect(partition.recoveries == DeadlineTestSupport.bitfield(2))
        #expect(partition.recoveringPower == power([sectors[1]]))

        var state = try rt.minerState
        state.currentDeadline = R.testDeadline
        try rt.setState(state)
        rt.epoch = 130
        var verified: WindowPoStVerifyInfo?
        rt.verifyPoStHandler = { info in
            verified = info
            return true
        }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectUpdateClaimedPower(power([sectors[1]]))
        try rt.call(actor, method: submitPoSt, params: R.post())
        rt.verify()
        partition = try rt.testPartition()
        #expect(partition.faults == DeadlineTestSupport.bitfield(1))
        #expect(partition.recoveries.isEmpty)
        #expect(partition.faultyPower == power([sectors[0]]))
        // The faulty sector is proven through the first good one standing in for it.
        #expect(verified?.challengedSectors.map(\.sectorNumber) == [2, 2])
        #expect(verified?.prover == 1000)
        let deadline = try rt.minerState.loadDeadlines(rt.store).loadDeadline(rt.store, R.testDeadline)
        #expect(deadline.postSubmissions == DeadlineTestSupport.bitfield(0))
    }

    @Test func windowPoStChecks() throws {
        let (rt, _) = try R.minerWithSectors()
        var state = try rt.minerState
        state.currentDeadline = R.testDeadline
        try rt.setState(state)
        rt.epoch = 130
        // Not the current deadline, or out of range: illegal argument.
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: submitPoSt, params: R.post(deadline: 3)) }
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: submitPoSt, params: R.post(deadline: 48)) }
        // A proof of another type.
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: submitPoSt, params: R.post(proofType: 5)) }
        // A partition that does not exist.
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errNotFound) {
            try rt.call(actor, method: submitPoSt, params: R.post(partitions: [PoStPartition(index: 9)]))
        }
        // Mismatched chain commit randomness.
        rt.randomnessHandler = { _, _, _, _ in [UInt8](repeating: 8, count: 32) }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: submitPoSt, params: R.post()) }
        rt.randomnessHandler = { _, _, _, _ in R.commitRandomness }
        // A proof the verifier refuses.
        rt.verifyPoStHandler = { _ in false }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: submitPoSt, params: R.post()) }
        // Outside the deadline's window the period is not open.
        rt.epoch = 200
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalState) { try rt.call(actor, method: submitPoSt, params: R.post()) }
    }

    @Test func absurdAndOversizedDeclarations() throws {
        let (rt, _) = try R.minerWithSectors()
        rt.epoch = 10
        // Deadline 48 and partitions that do not exist.
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(1), deadline: 48))
        }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errNotFound) {
            try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(1), partition: 7))
        }
        // A sector the partition does not hold.
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: declareFaults, params: R.declarations(DeadlineTestSupport.bitfield(77)))
        }
        // More sectors than one message may address, and more declarations than allowed.
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: declareFaults, params: R.declarations(Bitfield(ranges: [0..<20_000])))
        }
        let many = (0..<3001).map { SectorDeclaration(deadline: 2, partition: UInt64($0), sectors: DeadlineTestSupport.bitfield(1)) }
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: declareRecovered, params: SectorDeclarationsParams(many).cborBytes)
        }
        // Parameters that are not CBOR of the right shape: the invoker's code before network version 7.
        rt.expectAbort(ExitCode(1)) { try rt.call(actor, method: declareFaults, params: [0x82, 0x01]) }
        rt.expectAbort(ExitCode(1)) { try rt.call(actor, method: submitPoSt, params: [0xff]) }
    }

    @Test func malformedBitfieldIsIllegalArgument() throws {
        // RLE+ bytes with a valid version whose runs do not decode: go-bitfield reads them lazily,
        // so the message decodes and the method refuses them.
        var malformed: [UInt8]?
        for candidate in [[UInt8](arrayLiteral: 0x04, 0x00), [0x0c], [0x04], [0x00, 0x00, 0x01], [0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]]
        where (try? UnvalidatedBitfield(rlePlusBytes: candidate)) != nil && (try? Bitfield(rlePlusBytes: candidate)) == nil {
            malformed = candidate
            break
        }
        guard let malformed else {
            Issue.record("no malformed RLE+ candidate")
            return
        }
        let (rt, _) = try R.minerWithSectors()
        rt.epoch = 10
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(3)
        writer.writeUnsigned(2)
        writer.writeUnsigned(0)
        writer.writeBytes(malformed)
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: declareFaults, params: writer.bytes) }
    }
}
