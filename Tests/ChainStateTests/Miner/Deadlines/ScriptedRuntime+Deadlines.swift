import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

@testable import ChainState

/// A v2 miner with proven sectors in one deadline, for the deadline methods' unit tests.
extension ScriptedRuntime {
    static let minerOwner = Address.idAddress(100)
    static let minerWorker = Address.idAddress(101)
    static let minerAddress = Address.idAddress(1000)
    /// The deadline the test sectors are in (opens at epoch 120 of the period starting at 0).
    static let testDeadline: UInt64 = 2
    static let commitRandomness = [UInt8](repeating: 7, count: 32)

    /// A runtime on a miner whose `count` sectors (numbers 1...count, 32 GiB, no deals) sit proven
    /// in partition 0 of ``testDeadline``; the proving period starts at 0.
    static func minerWithSectors(count: UInt64 = 2, networkVersion: UInt64 = 4) throws -> (ScriptedRuntime, [SectorOnChainInfo]) {
        let rt = ScriptedRuntime(receiver: minerAddress, caller: minerWorker, actorsVersion: 2, networkVersion: networkVersion)
        rt.randomnessHandler = { _, _, _, _ in commitRandomness }
        let store = rt.store
        let emptyArray = try ActorAMT(store: store).flush()
        let emptyMap = try ActorHAMT(store: store, sortsOnCollapse: true).flush()
        let emptyBitfield = try store.put(Bitfield().cborBytes)
        let emptyDeadline = try store.put(Deadline(emptyArray: emptyArray).cborBytes)
        let deadlinesCID = try store.put(Deadlines(emptyDeadline: emptyDeadline).cborBytes)
        let vesting = try store.put(VestingFunds().cborBytes)
        let proof = RegisteredSealProof(rawValue: 3)
        let info = MinerInfo(
            owner: minerOwner, worker: minerWorker, controlAddresses: [], peerID: [], multiaddrs: [], sealProofType: proof,
            sectorSize: 32 << 30, windowPoStPartitionSectors: 2349, actorsVersion: 2)
        var state = MinerState(
            info: try store.put(info.cborBytes), vestingFunds: vesting, emptyMap: emptyMap, emptyArray: emptyArray,
            emptyBitfield: emptyBitfield, deadlines: deadlinesCID, provingPeriodStart: 0, currentDeadline: 0, actorsVersion: 2)
        var sectors: [SectorOnChainInfo] = []
        for number in 1...count {
            sectors.append(
                SectorOnChainInfo(
                    sectorNumber: number, sealProof: proof, sealedCID: try store.put([0x80]), dealIDs: [], activation: 0,
                    expiration: 200 * 2880 + 179, dealWeight: 0, verifiedDealWeight: 0, initialPledge: .zero,
                    expectedDayReward: .zero, expectedStoragePledge: .zero, replacedSectorAge: 0, replacedDayReward: .zero))
        }
        let array = try state.loadSectorsArray(store)
        try array.store(sectors)
        state.sectors = try array.root()
        var deadlines = try state.loadDeadlines(store)
        var deadline = try deadlines.loadDeadline(store, testDeadline)
        _ = try deadline.addSectors(
            store, partitionSize: 2349, proven: true, sectors, sectorSize: 32 << 30, quant: state.quantSpecForDeadline(testDeadline),
            actorsVersion: 2)
        try deadlines.updateDeadline(store, testDeadline, deadline, actorsVersion: 2)
        try state.saveDeadlines(store, deadlines)
        try rt.setState(state)
        rt.actorCodes[minerWorker] = rt.code("account")
        return (rt, sectors)
    }

    var minerState: MinerState {
        get throws { try getState(MinerState.self) }
    }

    func testPartition(_ index: UInt64 = 0) throws -> Partition {
        let state = try minerState
        return try state.loadDeadlines(store).loadDeadline(store, Self.testDeadline).loadPartition(store, index, actorsVersion: 2)
    }

    /// Scripts power's UpdateClaimedPower with `delta`.
    func expectUpdateClaimedPower(_ delta: PowerPair) {
        expectSend(to: BuiltinAddress.powerActor, method: 3, params: delta.cborBytes)
    }

    static func declarations(_ sectors: Bitfield, deadline: UInt64 = testDeadline, partition: UInt64 = 0) -> [UInt8] {
        SectorDeclarationsParams([SectorDeclaration(deadline: deadline, partition: partition, sectors: sectors)]).cborBytes
    }

    /// SubmitWindowedPoSt params for partition `partition` of the test deadline.
    static func post(partitions: [PoStPartition] = [PoStPartition(index: 0)], proofType: Int64 = 8, deadline: UInt64 = testDeadline)
        -> [UInt8]
    {
        SubmitWindowedPoStParams(
            deadline: deadline, partitions: partitions, proofs: [PoStProof(proofType: proofType, proofBytes: [1, 2, 3])],
            chainCommitEpoch: 125, chainCommitRand: commitRandomness
        ).cborBytes
    }
}
