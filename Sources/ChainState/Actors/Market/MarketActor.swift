import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// The storage market actor (f05), specs-actors v0.9 (`actorsVersion` 0) and v2.3 (2): escrow
/// balances, deal publication with client signatures, activation by miners, termination, the
/// unsealed sector CID of a sector's deals, and the cron that pays, slashes and expires deals.
///
/// Every method follows the Go code step for step, since each store access, send and syscall
/// is charged gas and the order of checks decides the exit code. v2 differs from v0 in:
/// WithdrawBalance validates its caller once (v0 validates twice, which Lotus's runtime refuses
/// with SysErrorIllegalActor after the escrow lookup), deal labels are bounded, activation
/// refuses a repeated deal ID and returns the deals' space, and the provider collateral bound
/// no longer depends on the network version.
public struct MarketActor: BuiltinActor {
    public let actorsVersion: Int
    static let epochUndefined: Int64 = -1

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    var sorts: Bool { actorsVersion >= 2 }
    var minerCode: CID { ActorCodes.code("storageminer", actorsVersion: actorsVersion) }
    var signable: [CID] {
        [ActorCodes.code("account", actorsVersion: actorsVersion), ActorCodes.code("multisig", actorsVersion: actorsVersion)]
    }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1: return try constructor(rt)
        case 2: return try addBalance(rt, rt.decodeParams(Address.self, params))
        case 3: return try withdrawBalance(rt, rt.decodeParams(MarketWithdrawBalanceParams.self, params))
        case 4: return try publishStorageDeals(rt, rt.decodeParams(PublishStorageDealsParams.self, params))
        case 5: return try verifyDealsForActivation(rt, rt.decodeParams(VerifyDealsForActivationParams.self, params))
        case 6: return try activateDeals(rt, rt.decodeParams(ActivateDealsParams.self, params))
        case 7: return try onMinerSectorsTerminate(rt, rt.decodeParams(OnMinerSectorsTerminateParams.self, params))
        case 8: return try computeDataCommitment(rt, rt.decodeParams(ComputeDataCommitmentParams.self, params))
        case 9: return try cronTick(rt)
        default: throw invalidMethod(method)
        }
    }

    /// A Go panic that is not an abort (a failed `Assert`): exit code 1 up to network version 3,
    /// then SysErrReserved1, as Lotus's runtime reports it (``Runtime/goPanic(_:)``).
    static func uncontrolled(networkVersion: UInt64, _ message: String) -> ActorError {
        ActorError(networkVersion <= 3 ? ExitCode(1) : .sysErrReserved1, "spec actors failure: \(message)")
    }

    // MARK: Constructor

    private func constructor(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
        let emptyArray = try ActorAMT(store: rt.store).flush()
        let emptyMap = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
        let emptyMultimap = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
        try rt.createState(MarketState(emptyArray: emptyArray, emptyMap: emptyMap, emptyMultimap: emptyMultimap))
        return []
    }

    // MARK: Balances

    private func addBalance(_ rt: any Runtime, _ address: Address) throws(ActorError) -> [UInt8] {
        let value = rt.valueReceived
        guard value > .zero else { throw ActorError(.errIllegalArgument, "balance to add must be greater than zero") }
        try rt.validateImmediateCaller(type: signable)
        let (nominal, _, _) = try escrowAddress(rt, address)
        try transaction(rt) { (msm) throws(ActorError) in
            _ = try msm.with(escrow: .write, locked: .write).build()
            try msm.escrow().add(nominal, value)
            try msm.commit()
        }
        return []
    }

    private func withdrawBalance(_ rt: any Runtime, _ params: MarketWithdrawBalanceParams) throws(ActorError) -> [UInt8] {
        guard !params.amount.isNegative else { throw ActorError(.errIllegalArgument, "negative amount \(params.amount)") }
        // v0 validates the caller's type here and its identity below: Lotus's runtime refuses the
        // second validation (SysErrorIllegalActor), so a v0 withdrawal never completes.
        if actorsVersion < 2 { try rt.validateImmediateCaller(type: signable) }
        let (nominal, recipient, approved) = try escrowAddress(rt, params.providerOrClientAddress)
        try rt.validateImmediateCaller(is: approved)
        let extracted: TokenAmount = try transaction(rt) { (msm) throws(ActorError) -> TokenAmount in
            _ = try msm.with(escrow: .write, locked: .write).build()
            let minimum = try msm.locked().get(nominal)
            let extracted = try msm.escrow().subtractWithMinimum(nominal, params.amount, floor: minimum)
            try msm.commit()
            return extracted
        }
        try rt.sendOrAbort(to: recipient, method: BuiltinMethod.send, value: extracted, "failed to send funds")
        return []
    }

    // MARK: Publishing

    private func publishStorageDeals(_ rt: any Runtime, _ params: PublishStorageDealsParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: signable)
        guard let first = params.deals.first else { throw ActorError(.errIllegalArgument, "empty deals parameter") }
        let providerRaw = first.proposal.provider
        guard let provider = try rt.resolveAddress(providerRaw) else {
            throw ActorError(.errNotFound, "failed to resolve provider address \(providerRaw)")
        }
        guard let code = try rt.actorCode(of: provider) else {
            throw ActorError(.errIllegalArgument, "no codeId for address \(provider)")
        }
        guard code == minerCode else { throw ActorError(.errIllegalArgument, "deal provider is not a StorageMinerActor") }
        let control = try requestMinerControlAddresses(rt, provider)
        guard control.worker == rt.caller else { throw ActorError(.errForbidden, "caller is not provider \(provider)") }

        var resolvedClients: [Address: Address] = [:]
        let baselinePower = try requestCurrentBaselinePower(rt)
        let (networkRawPower, networkQAPower) = try requestCurrentNetworkPower(rt)

        let ids: [UInt64] = try transaction(rt) { (msm) throws(ActorError) -> [UInt64] in
            _ = try msm.with(proposals: .write, escrow: .write, locked: .write, pending: .write, dealOps: .write).build()
            var ids: [UInt64] = []
            for (index, deal) in params.deals.enumerated() {
                try validateDeal(rt, deal, networkRawPower: networkRawPower, networkQAPower: networkQAPower, baselinePower: baselinePower)
                var proposal = deal.proposal
                guard proposal.provider == provider || proposal.provider == providerRaw else {
                    throw ActorError(.errIllegalArgument, "cannot publish deals from different providers at the same time")
                }
                guard let client = try rt.resolveAddress(proposal.client) else {
                    throw ActorError(.errNotFound, "failed to resolve client address \(proposal.client)")
                }
                // The stored proposal names both parties by ID (after the signature check).
                proposal.provider = provider
                resolvedClients[proposal.client] = client
                proposal.client = client

                try msm.lockClientAndProviderBalances(proposal)
                let id = msm.generateDealID()
                let proposalBytes = proposal.cborBytes
                let key = CID.filecoin(cbor: proposalBytes).bytes
                if try msm.pending().get(key) != nil {
                    throw ActorError(.errIllegalArgument, "cannot publish duplicate deals (deal \(index))")
                }
                try msm.pending().set(key, proposalBytes)
                try msm.proposals().set(id, proposalBytes)
                let processEpoch = try nextProcessEpoch(rt, proposal, proposalBytes)
                try msm.dealOps().put(processEpoch, id)
                ids.append(id)
            }
            try msm.commit()
            return ids
        }

        for deal in params.deals where deal.proposal.verifiedDeal {
            guard let client = resolvedClients[deal.proposal.client] else {
                throw ActorError(.errIllegalArgument, "could not get resolvedClient client address")
            }
            try rt.sendOrAbort(
                to: BuiltinAddress.verifiedRegistryActor, method: VerifiedRegistryMethod.useBytes.rawValue,
                encoding: VerifiedRegistryParams(address: client, amount: BigInt(deal.proposal.pieceSize)),
                "failed to add verified deal for client: \(deal.proposal.client)")
        }
        return PublishStorageDealsReturn(ids: ids).cborBytes
    }

    private func validateDeal(
        _ rt: any Runtime, _ deal: ClientDealProposal, networkRawPower: BigInt, networkQAPower: BigInt, baselinePower: BigInt
    ) throws(ActorError) {
        let proposal = deal.proposal
        guard try rt.verifySignature(deal.clientSignature, signer: proposal.client, plaintext: proposal.cborBytes) else {
            throw ActorError(.errIllegalArgument, "Invalid deal proposal: signature proposal invalid")
        }
        if actorsVersion >= 2, proposal.label.count > MarketPolicy.dealMaxLabelSize {
            throw ActorError(
                .errIllegalArgument, "deal label can be at most \(MarketPolicy.dealMaxLabelSize) bytes, is \(proposal.label.count)")
        }
        guard proposal.pieceSize >= 128, proposal.pieceSize.nonzeroBitCount == 1 else {
            throw ActorError(.errIllegalArgument, "proposal piece size is invalid")
        }
        let cid = proposal.pieceCID
        guard cid.version == .v1, cid.codec == 0xf101, cid.multihash.code == Multihash.sha2_256Trunc254Padded,
            cid.multihash.digest.count == 32
        else { throw ActorError(.errIllegalArgument, "proposal PieceCID had wrong prefix") }
        guard proposal.endEpoch > proposal.startEpoch else {
            throw ActorError(.errIllegalArgument, "proposal end before proposal start")
        }
        guard rt.epoch <= proposal.startEpoch else { throw ActorError(.errIllegalArgument, "Deal start epoch has already elapsed.") }
        let duration = MarketPolicy.dealDurationBounds(pieceSize: proposal.pieceSize)
        guard proposal.duration >= duration.min, proposal.duration <= duration.max else {
            throw ActorError(.errIllegalArgument, "Deal duration out of bounds.")
        }
        let price = MarketPolicy.dealPricePerEpochBounds(pieceSize: proposal.pieceSize, duration: proposal.duration)
        guard proposal.storagePricePerEpoch >= price.min, proposal.storagePricePerEpoch <= price.max else {
            throw ActorError(.errIllegalArgument, "Storage price out of bounds.")
        }
        let providerBounds = MarketPolicy.dealProviderCollateralBounds(
            pieceSize: proposal.pieceSize, verified: proposal.verifiedDeal, networkRawPower: networkRawPower,
            networkQAPower: networkQAPower, baselinePower: baselinePower, circulatingSupply: rt.circulatingSupply,
            networkVersion: rt.networkVersion, actorsVersion: actorsVersion)
        guard proposal.providerCollateral >= providerBounds.min, proposal.providerCollateral <= providerBounds.max else {
            throw ActorError(.errIllegalArgument, "Provider collateral out of bounds.")
        }
        let clientBounds = MarketPolicy.dealClientCollateralBounds(pieceSize: proposal.pieceSize, duration: proposal.duration)
        guard proposal.clientCollateral >= clientBounds.min, proposal.clientCollateral <= clientBounds.max else {
            throw ActorError(.errIllegalArgument, "Client collateral out of bounds.")
        }
    }

    /// The first cron epoch of a new deal: its start epoch plus a beacon-random offset below
    /// the update interval, so that no epoch can be loaded with chosen deals.
    private func nextProcessEpoch(_ rt: any Runtime, _ proposal: DealProposal, _ proposalBytes: [UInt8]) throws(ActorError) -> Int64 {
        let random = try rt.randomness(
            fromTickets: false, tag: MarketPolicy.dealCronSeedTag, epoch: rt.epoch &- 1, entropy: proposalBytes)
        guard random.count >= 8 else { throw Self.uncontrolled(networkVersion: rt.networkVersion, "randomness shorter than 8 bytes") }
        var offset: UInt64 = 0
        for byte in random.prefix(8) { offset = offset << 8 | UInt64(byte) }
        return proposal.startEpoch &+ Int64(offset % UInt64(MarketPolicy.dealUpdatesInterval))
    }

    // MARK: Activation

    private func verifyDealsForActivation(_ rt: any Runtime, _ params: VerifyDealsForActivationParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        let state = try rt.state(MarketState.self)
        let (weight, verifiedWeight, space) = try validateDealsForActivation(
            rt, state, params.dealIDs, miner: miner, sectorExpiry: params.sectorExpiry, currentEpoch: params.sectorStart)
        return VerifyDealsForActivationReturn(
            dealWeight: weight, verifiedDealWeight: verifiedWeight, dealSpace: actorsVersion >= 2 ? space : nil
        ).cborBytes
    }

    private func activateDeals(_ rt: any Runtime, _ params: ActivateDealsParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        let epoch = rt.epoch
        try transaction(rt) { (msm) throws(ActorError) in
            _ = try validateDealsForActivation(
                rt, msm.state, params.dealIDs, miner: miner, sectorExpiry: params.sectorExpiry, currentEpoch: epoch)
            _ = try msm.with(proposals: .read, states: .write, pending: .read).build()
            for dealID in params.dealIDs {
                if try msm.dealState(dealID) != nil {
                    throw ActorError(.errIllegalArgument, "deal \(dealID) already included in another sector")
                }
                let proposal = try msm.requireProposal(dealID)
                guard try msm.pending().get(proposal.cid.bytes) != nil else {
                    throw ActorError(.errIllegalState, "tried to activate deal that was not in the pending set (\(proposal.cid))")
                }
                try msm.setDealState(dealID, DealState(sectorStartEpoch: epoch, lastUpdatedEpoch: Self.epochUndefined, slashEpoch: Self.epochUndefined))
            }
            try msm.commit()
        }
        return []
    }

    /// The deals' weights (and, for v2, total size) once each is checked activatable by `miner`
    /// in a sector expiring at `sectorExpiry`; a failed check keeps its code (ErrNotFound,
    /// ErrForbidden or ErrIllegalArgument), anything else is ErrIllegalState.
    private func validateDealsForActivation(
        _ rt: any Runtime, _ state: MarketState, _ dealIDs: [UInt64], miner: Address, sectorExpiry: Int64, currentEpoch: Int64
    ) throws(ActorError) -> (BigInt, BigInt, UInt64) {
        let proposals = try ActorAMT(loading: state.proposals, store: rt.store)
        var seen: Set<UInt64> = []
        var space: UInt64 = 0
        var weight = BigInt(0)
        var verifiedWeight = BigInt(0)
        for dealID in dealIDs {
            if actorsVersion >= 2 {
                guard seen.insert(dealID).inserted else {
                    throw ActorError(.errIllegalArgument, "failed to validate dealProposals for activation: deal ID \(dealID) present multiple times")
                }
            }
            guard let proposal = try MarketStateMutation.proposal(in: proposals, dealID) else {
                throw ActorError(.errNotFound, "failed to validate dealProposals for activation: no such deal \(dealID)")
            }
            guard proposal.provider == miner else {
                throw ActorError(.errForbidden, "cannot activate deal \(dealID): proposal has provider \(proposal.provider), must be \(miner)")
            }
            guard currentEpoch <= proposal.startEpoch else {
                throw ActorError(.errIllegalArgument, "cannot activate deal \(dealID): proposal start epoch \(proposal.startEpoch) has already elapsed at \(currentEpoch)")
            }
            guard proposal.endEpoch <= sectorExpiry else {
                throw ActorError(.errIllegalArgument, "cannot activate deal \(dealID): proposal expiration \(proposal.endEpoch) exceeds sector expiration \(sectorExpiry)")
            }
            space &+= proposal.pieceSize
            let dealWeight = MarketPolicy.dealWeight(proposal)
            if proposal.verifiedDeal { verifiedWeight += dealWeight } else { weight += dealWeight }
        }
        return (weight, verifiedWeight, space)
    }

    // MARK: Sectors

    private func computeDataCommitment(_ rt: any Runtime, _ params: ComputeDataCommitmentParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [minerCode])
        let state = try rt.state(MarketState.self)
        let proposals = try ActorAMT(loading: state.proposals, store: rt.store)
        var pieces: [PieceInfo] = []
        for dealID in params.dealIDs {
            guard let proposal = try MarketStateMutation.proposal(in: proposals, dealID) else {
                throw ActorError(.errNotFound, "failed to get dealId \(dealID): no such deal \(dealID)")
            }
            pieces.append(PieceInfo(size: proposal.pieceSize, pieceCID: proposal.pieceCID))
        }
        let commD = try rt.computeUnsealedSectorCID(sealProof: params.sectorType, pieces: pieces)
        var writer = CBORWriter()
        writer.writeCID(commD)
        return writer.bytes
    }

    private func onMinerSectorsTerminate(_ rt: any Runtime, _ params: OnMinerSectorsTerminateParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        try transaction(rt) { (msm) throws(ActorError) in
            _ = try msm.with(proposals: .read, states: .write).build()
            for dealID in params.dealIDs {
                // A deal already expired and deleted before its sector is simply skipped.
                guard let deal = try msm.proposal(dealID) else { continue }
                guard deal.provider == miner else { throw Self.uncontrolled(networkVersion: rt.networkVersion, "caller is not the provider of the deal") }
                if deal.endEpoch <= params.epoch { continue }
                guard var dealState = try msm.dealState(dealID) else {
                    throw ActorError(.errIllegalArgument, "no state for deal \(dealID)")
                }
                if dealState.slashEpoch != Self.epochUndefined { continue }
                // Payments stop and the provider's collateral is slashed at the next cron.
                dealState.slashEpoch = params.epoch
                try msm.setDealState(dealID, dealState)
            }
            try msm.commit()
        }
        return []
    }

    // MARK: Cron

    private func cronTick(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(is: BuiltinAddress.cronActor)
        let epoch = rt.epoch
        let (slashed, timedOutVerified) = try transaction(rt) {
            (msm) throws(ActorError) -> (TokenAmount, [DealProposal]) in
            _ = try msm.with(proposals: .write, states: .write, escrow: .write, locked: .write, pending: .write, dealOps: .write).build()
            var slashed = TokenAmount.zero
            var timedOutVerified: [DealProposal] = []
            var updatesNeeded: [Int64: [UInt64]] = [:]
            var cronEpoch = msm.state.lastCron &+ 1
            while cronEpoch <= epoch {
                try msm.dealOps().forEach(cronEpoch) { (dealID) throws(ActorError) in
                    let deal = try msm.requireProposal(dealID)
                    let key = deal.cid.bytes
                    guard var dealState = try msm.dealState(dealID) else {
                        // Published but never activated: it timed out.
                        guard epoch >= deal.startEpoch else {
                            throw Self.uncontrolled(networkVersion: rt.networkVersion, "if sector start is not set, we must be in a timed out state")
                        }
                        let amount = try msm.processDealInitTimedOut(deal)
                        if !amount.isZero { slashed += amount }
                        if deal.verifiedDeal { timedOutVerified.append(deal) }
                        guard try msm.proposals().delete(dealID) else {
                            throw ActorError(.errIllegalState, "failed to delete deal: failed to delete deal proposal: not found")
                        }
                        guard try msm.pending().delete(key) else {
                            throw ActorError(.errIllegalState, "failed to delete pending proposal: not found")
                        }
                        return
                    }
                    // The first cron of an activated deal takes it out of the pending set.
                    if dealState.lastUpdatedEpoch == Self.epochUndefined {
                        guard try msm.pending().delete(key) else {
                            throw ActorError(.errIllegalState, "failed to delete pending proposal: not found")
                        }
                    }
                    let update = try msm.updatePendingDealState(dealState, deal, epoch: epoch)
                    guard !update.slashed.isNegative else { throw Self.uncontrolled(networkVersion: rt.networkVersion, "negative slash amount") }
                    if update.remove {
                        guard update.nextEpoch == Self.epochUndefined else {
                            throw Self.uncontrolled(networkVersion: rt.networkVersion, "next scheduled epoch should be undefined as deal has been removed")
                        }
                        slashed += update.slashed
                        guard try msm.proposals().delete(dealID) else {
                            throw ActorError(.errIllegalState, "failed to delete deal proposal and states: proposal not found")
                        }
                        guard try msm.states().delete(dealID) else {
                            throw ActorError(.errIllegalState, "failed to delete deal proposal and states: state not found")
                        }
                    } else {
                        guard update.nextEpoch > epoch, update.slashed.isZero else {
                            throw Self.uncontrolled(networkVersion: rt.networkVersion, "deal should not be slashed and should have a schedule for next cron tick as it has not been removed")
                        }
                        dealState.lastUpdatedEpoch = epoch
                        try msm.setDealState(dealID, dealState)
                        updatesNeeded[update.nextEpoch, default: []].append(dealID)
                    }
                }
                try msm.dealOps().removeAll(cronEpoch)
                cronEpoch &+= 1
            }
            // Sorted so that the store traffic (and its gas) is deterministic.
            for nextEpoch in updatesNeeded.keys.sorted() {
                try msm.dealOps().putMany(nextEpoch, updatesNeeded[nextEpoch] ?? [])
            }
            msm.state.lastCron = epoch
            try msm.commit()
            return (slashed, timedOutVerified)
        }

        for deal in timedOutVerified {
            // A failure is only logged by specs-actors: the deal is gone either way.
            let restore = VerifiedRegistryParams(address: deal.client, amount: BigInt(deal.pieceSize))
            _ = try rt.send(
                to: BuiltinAddress.verifiedRegistryActor, method: VerifiedRegistryMethod.restoreBytes.rawValue,
                params: restore.cborBytes, value: .zero)
        }
        if !slashed.isZero {
            let result = try rt.send(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: slashed)
            guard result.exitCode.isSuccess else {
                throw ActorError(result.exitCode, "expected send to burnt funds actor to succeed")
            }
        }
        return []
    }

    // MARK: Helpers

    /// Runs `body` on a mutation of the state inside a state transaction.
    private func transaction<R>(_ rt: any Runtime, _ body: (MarketStateMutation) throws(ActorError) -> R) throws(ActorError) -> R {
        try rt.transaction(MarketState.self) { (state: inout MarketState) throws(ActorError) -> R in
            let msm = MarketStateMutation(state, store: rt.store, sorts: sorts, networkVersion: rt.networkVersion)
            let result = try body(msm)
            state = msm.state
            return result
        }
    }

    /// The address a balance is held under, who receives withdrawals, and who may withdraw:
    /// a miner's balance goes to its owner and may be withdrawn by its owner or worker.
    private func escrowAddress(_ rt: any Runtime, _ address: Address) throws(ActorError) -> (Address, Address, [Address]) {
        guard let nominal = try rt.resolveAddress(address) else {
            throw ActorError(.errIllegalArgument, "failed to resolve address \(address)")
        }
        guard let code = try rt.actorCode(of: nominal) else { throw ActorError(.errIllegalArgument, "no code for address \(nominal)") }
        if code == minerCode {
            let control = try requestMinerControlAddresses(rt, nominal)
            return (nominal, control.owner, [control.owner, control.worker])
        }
        return (nominal, nominal, [nominal])
    }

    private func requestMinerControlAddresses(_ rt: any Runtime, _ miner: Address) throws(ActorError) -> MinerAddresses {
        let bytes = try rt.sendOrAbort(to: miner, method: MinerMethod.controlAddresses.rawValue, "failed fetching control addresses")
        return try rt.decodeReturn(MinerAddresses.self, bytes)
    }

    private func requestCurrentBaselinePower(_ rt: any Runtime) throws(ActorError) -> BigInt {
        let bytes = try rt.sendOrAbort(
            to: BuiltinAddress.rewardActor, method: RewardMethod.thisEpochReward.rawValue, "failed to check epoch baseline power")
        return try rt.decodeReturn(ThisEpochRewardReturn.self, bytes).thisEpochBaselinePower
    }

    private func requestCurrentNetworkPower(_ rt: any Runtime) throws(ActorError) -> (BigInt, BigInt) {
        let bytes = try rt.sendOrAbort(
            to: BuiltinAddress.powerActor, method: PowerMethod.currentTotalPower.rawValue, "failed to check current power")
        let power = try rt.decodeReturn(CurrentTotalPowerReturn.self, bytes)
        return (power.rawBytePower, power.qualityAdjPower)
    }
}

/// The miner's ControlAddresses return as the market reads it (specs-actors' `builtin.MinerAddrs`,
/// which duplicates the miner's return type for the same reason: no dependency on the miner).
struct MinerAddresses: CBORDecodable {
    var owner: Address
    var worker: Address
    var controlAddresses: [Address]

    init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        let count = try reader.readArrayHeader()
        controlAddresses = []
        for _ in 0..<count { controlAddresses.append(try Address(from: &reader)) }
    }
}
