import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs
import Testing

/// The miner's state types read back what they write, in both layouts, and the empty
/// structures have go-state-types' bytes.
@Suite struct MinerStateCodecTests {
    static let cid = CID.filecoin(cbor: [0x80])
    static let sealed: CID = {
        (try? CID(version: .v1, codec: Multicodec.filCommitmentSealed, multihash: Multihash(code: Multihash.poseidonBLS12381, digest: Array(repeating: 7, count: 32)))) ?? cid
    }()

    @Test(arguments: [0, 2])
    func stateRoundTrip(actorsVersion: Int) throws {
        var state = MinerState(
            info: Self.cid, vestingFunds: Self.cid, emptyMap: Self.cid, emptyArray: Self.cid, emptyBitfield: Self.cid,
            deadlines: Self.cid, provingPeriodStart: 1234, currentDeadline: 3, actorsVersion: actorsVersion)
        state.lockedFunds = TokenAmount(attoFIL: 99)
        state.earlyTerminations = try Bitfield([1, 5])
        let bytes = state.cborBytes
        #expect(bytes.first == (actorsVersion >= 2 ? 0x8e : 0x8d))
        #expect(try MinerState(cborBytes: bytes) == state)
        #expect(try MinerState(cborBytes: bytes).actorsVersion == actorsVersion)
    }

    @Test(arguments: [0, 2])
    func infoRoundTrip(actorsVersion: Int) throws {
        var info = MinerInfo(
            owner: .idAddress(100), worker: .idAddress(101), controlAddresses: [.idAddress(102)], peerID: [1, 2, 3],
            multiaddrs: [[4, 5]], sealProofType: .stackedDrg32GiBV1, sectorSize: 32 << 30, windowPoStPartitionSectors: 2349,
            actorsVersion: actorsVersion)
        info.pendingWorkerKey = WorkerKeyChange(newWorker: .idAddress(103), effectiveAt: 900)
        let bytes = info.cborBytes
        #expect(bytes.first == (actorsVersion >= 2 ? 0x8b : 0x89))
        #expect(try MinerInfo(cborBytes: bytes) == info)
    }

    @Test(arguments: [0, 2])
    func sectorRoundTrip(actorsVersion: Int) throws {
        var sector = SectorOnChainInfo(
            sectorNumber: 7, sealProof: .stackedDrg32GiBV1, sealedCID: Self.sealed, dealIDs: [1, 2], activation: 10,
            expiration: 600_000, dealWeight: 5, verifiedDealWeight: 0, initialPledge: TokenAmount(attoFIL: 8),
            expectedDayReward: TokenAmount(attoFIL: 9), expectedStoragePledge: TokenAmount(attoFIL: 10))
        if actorsVersion >= 2 {
            sector.replacedSectorAge = 0
            sector.replacedDayReward = .zero
        }
        let bytes = sector.cborBytes
        #expect(bytes.first == (actorsVersion >= 2 ? 0x8d : 0x8b))
        #expect(try SectorOnChainInfo(cborBytes: bytes) == sector)
    }

    @Test func preCommitRoundTrip() throws {
        let info = SectorPreCommitInfo(
            sealProof: .stackedDrg32GiBV1, sectorNumber: 100, sealedCID: Self.sealed, sealRandEpoch: 50, dealIDs: [],
            expiration: 700_000)
        let onChain = SectorPreCommitOnChainInfo(
            info: info, preCommitDeposit: TokenAmount(attoFIL: 1), preCommitEpoch: 60, dealWeight: 0, verifiedDealWeight: 0)
        #expect(try SectorPreCommitOnChainInfo(cborBytes: onChain.cborBytes) == onChain)
        #expect(MinerActor.hasSealedPrefix(Self.sealed))
        #expect(!MinerActor.hasSealedPrefix(Self.cid))
    }

    @Test func emptyDeadlineHasTheUpstreamShape() throws {
        let bytes = MinerActor.emptyDeadlineBytes(emptyArray: Self.cid)
        guard case .array(let fields) = try CBORValue(cborBytes: bytes) else {
            Issue.record("not an array")
            return
        }
        #expect(fields.count == 7)
        #expect(fields[2] == .bytes([]))
        #expect(fields[6] == .array([.bytes([]), .bytes([])]))
        let deadlines = MinerActor.deadlinesBytes(Array(repeating: Self.cid, count: 48))
        #expect(try MinerState.deadlineCIDs(deadlines).count == 48)
    }

    @Test func sectorKeysAreUvarints() {
        #expect(MinerState.sectorKey(0) == [0])
        #expect(MinerState.sectorKey(127) == [0x7f])
        #expect(MinerState.sectorKey(128) == [0x80, 0x01])
        #expect(MinerState.sectorKey(300) == [0xac, 0x02])
    }

    @Test func provingPeriodArithmetic() {
        // v0: strictly after the epoch, at the offset modulo the period.
        #expect(MinerActor.nextProvingPeriodStart(epoch: 100, offset: 50) == 2930)
        #expect(MinerActor.nextProvingPeriodStart(epoch: 100, offset: 200) == 200)
        // v2: at or before the epoch.
        #expect(MinerActor.currentProvingPeriodStart(epoch: 100, offset: 50) == 50)
        #expect(MinerActor.currentProvingPeriodStart(epoch: 100, offset: 200) == 200 - 2880)
        #expect(MinerPolicy.quantizeUp(7, unit: 5, offset: 3) == 8)
        #expect(MinerPolicy.quantizeUp(-7, unit: 5, offset: 3) == -7)
        #expect(MinerPolicy.quantizeUp(8, unit: 5, offset: 13) == 8)
    }

    @Test func allocatesSectorNumbersOnce() throws {
        let store = UnchargedActorStore(MemoryBlockstore())
        let empty = try store.put(Bitfield().cborBytes)
        var state = MinerState(
            info: Self.cid, vestingFunds: Self.cid, emptyMap: Self.cid, emptyArray: Self.cid, emptyBitfield: empty,
            deadlines: Self.cid, provingPeriodStart: 0, currentDeadline: 0, actorsVersion: 2)
        try state.allocateSectorNumber(store, 5)
        #expect(throws: ActorError.self) { try state.allocateSectorNumber(store, 5) }
        do {
            try state.allocateSectorNumber(store, UInt64(Int64.max) + 1)
            Issue.record("out of range accepted")
        } catch {
            #expect(error.code == .errIllegalArgument)
        }
        try state.maskSectorNumbers(store, try Bitfield([6, 7, 8]))
        do {
            try state.allocateSectorNumber(store, 7)
            Issue.record("masked number accepted")
        } catch {
            #expect(error.code == .errIllegalArgument)
        }
        try state.allocateSectorNumber(store, 9)
    }
}
