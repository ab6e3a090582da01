import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import Proofs
import VenusAPI

// The one mapping from the actors' on-chain shapes (`ChainState`, specs-actors v0/v2) to the
// full-node API's JSON shapes (`VenusAPI`), as Lotus's actor adapters map them
// (`chain/actors/builtin/{miner,market,power}/v2.go`): fields the old actors lack take the values
// Lotus gives them there, not values of our own.

extension FullNodeAPI.MinerInfo {
    /// Lotus `StateMinerInfo` over a v0/v2 miner: the window PoSt proof follows from the seal
    /// proof, the pending worker key becomes `NewWorker`/`WorkerChangeEpoch` (none: `<empty>`,
    /// -1), the peer ID is shown only when its bytes are a multihash (`peer.IDFromBytes`), and
    /// the beneficiary fields, which these actors lack, are Lotus's zero values (`<empty>`, a
    /// zero term). `PendingOwnerAddress` is not carried over from v2 state, as in Lotus's v2
    /// adapter.
    init(_ info: MinerInfo) throws(StateQueryError) {
        let windowPoSt: RegisteredPoStProof
        do { windowPoSt = try info.sealProofType.windowPoStProof() } catch {
            throw .unknownSealProof(info.sealProofType.rawValue)
        }
        self.init(
            owner: info.owner, worker: info.worker, newWorker: info.pendingWorkerKey?.newWorker,
            controlAddresses: info.controlAddresses, workerChangeEpoch: info.pendingWorkerKey?.effectiveAt ?? -1,
            peerId: Self.peerIDText(info.peerID), multiaddrs: info.multiaddrs, windowPoStProofType: windowPoSt.rawValue,
            sectorSize: info.sectorSize, windowPoStPartitionSectors: info.windowPoStPartitionSectors,
            consensusFaultElapsed: info.consensusFaultElapsed ?? -1, pendingOwnerAddress: nil, beneficiary: nil,
            beneficiaryTerm: BeneficiaryTerm(quota: .zero, usedQuota: .zero, expiration: 0))
    }

    /// The base58btc text of a libp2p peer ID, nil unless `bytes` is one multihash exactly
    /// (a varint code, a varint length, that many digest bytes), as `peer.IDFromBytes` accepts.
    static func peerIDText(_ bytes: [UInt8]) -> String? {
        var offset = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 63 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        guard varint() != nil, let length = varint(), UInt64(bytes.count - offset) == length else { return nil }
        return Multibase.base58Encode(bytes)
    }
}

extension FullNodeAPI.SectorOnChainInfo {
    /// Lotus `fromV2SectorOnChainInfo` (and v0's): the deal IDs hidden, `PowerBaseEpoch` 0,
    /// `ReplacedDayReward` and `SectorKeyCID` null, no flags, a zero daily fee.
    init(_ sector: SectorOnChainInfo) {
        self.init(
            sectorNumber: sector.sectorNumber, sealProof: sector.sealProof.rawValue, sealedCID: sector.sealedCID,
            activation: sector.activation, expiration: sector.expiration, dealWeight: LotusBigInt(sector.dealWeight),
            verifiedDealWeight: LotusBigInt(sector.verifiedDealWeight), initialPledge: sector.initialPledge,
            expectedDayReward: sector.expectedDayReward, expectedStoragePledge: sector.expectedStoragePledge,
            powerBaseEpoch: 0, replacedDayReward: nil)
    }
}

extension FullNodeAPI.SectorPreCommitOnChainInfo {
    /// Lotus `fromV2SectorPreCommitOnChainInfo`: the replace-capacity fields and the deal weights
    /// dropped, no CommD.
    init(_ preCommit: SectorPreCommitOnChainInfo) {
        let info = preCommit.info
        self.init(
            info: FullNodeAPI.SectorPreCommitInfo(
                sealProof: info.sealProof.rawValue, sectorNumber: info.sectorNumber, sealedCID: info.sealedCID,
                sealRandEpoch: info.sealRandEpoch, dealIDs: info.dealIDs, expiration: info.expiration),
            preCommitDeposit: preCommit.preCommitDeposit, preCommitEpoch: preCommit.preCommitEpoch)
    }
}

extension FullNodeAPI.Deadline {
    /// v0/v2 deadlines have no optimistic proofs and no fees.
    init(_ deadline: Deadline) {
        self.init(postSubmissions: deadline.postSubmissions, disputableProofCount: 0, dailyFee: .zero)
    }
}

extension FullNodeAPI.Partition {
    init(_ partition: Partition) {
        self.init(
            allSectors: partition.sectors, faultySectors: partition.faults, recoveringSectors: partition.recoveries,
            liveSectors: partition.liveSectors, activeSectors: partition.activeSectors)
    }
}

extension FullNodeAPI.DeadlineInfo {
    /// go-state-types `dline.Info` with the window PoSt policy it was computed under.
    init(_ info: DeadlineInfo) {
        typealias P = MinerDeadlinePolicy
        self.init(
            currentEpoch: info.currentEpoch, periodStart: info.periodStart, index: info.index, open: info.open,
            close: info.close, challenge: info.challenge, faultCutoff: info.faultCutoff,
            wPoStPeriodDeadlines: P.wpostPeriodDeadlines, wPoStProvingPeriod: P.wpostProvingPeriod,
            wPoStChallengeWindow: P.wpostChallengeWindow, wPoStChallengeLookback: P.wpostChallengeLookback,
            faultDeclarationCutoff: P.faultDeclarationCutoff)
    }
}

extension FullNodeAPI.Claim {
    init(raw: BigInt, qualityAdjusted: BigInt) {
        self.init(rawBytePower: LotusBigInt(raw), qualityAdjPower: LotusBigInt(qualityAdjusted))
    }

    static let zero = FullNodeAPI.Claim(raw: 0, qualityAdjusted: 0)
}

extension FullNodeAPI.DealProposal {
    /// v2 labels are Go strings: their bytes shown as text (invalid UTF-8 replaced, as Go's JSON does).
    init(_ proposal: DealProposal) {
        self.init(
            pieceCID: proposal.pieceCID, pieceSize: proposal.pieceSize, verifiedDeal: proposal.verifiedDeal,
            client: proposal.client, provider: proposal.provider, label: String(decoding: proposal.label, as: UTF8.self),
            startEpoch: proposal.startEpoch, endEpoch: proposal.endEpoch,
            storagePricePerEpoch: proposal.storagePricePerEpoch, providerCollateral: proposal.providerCollateral,
            clientCollateral: proposal.clientCollateral)
    }
}

extension FullNodeAPI.MarketDealState {
    /// Lotus `api.MakeDealState`: v0/v2 deal states hold no sector number (0); a deal without a
    /// state yet is `EmptyDealState` (every epoch -1), this initializer's default.
    init(_ state: DealState) {
        self.init(
            sectorNumber: 0, sectorStartEpoch: state.sectorStartEpoch, lastUpdatedEpoch: state.lastUpdatedEpoch,
            slashEpoch: state.slashEpoch)
    }
}
