import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// The presealed miners (Lotus `VerifyPreSealedData` and `SetupStorageMiners`), made through the
/// actors' methods at epoch 0.
extension GenesisBuilder {
    /// Lotus's genesis deals are verified: the verifier at 81 gives each client the DataCap its
    /// presealed deals use, from an allowance the root key grants it.
    func verifyPresealedData(_ plan: GenesisPlan, _ genesis: GenesisVM) throws(GenesisError) {
        var needs: [UInt64: UInt64] = [:]
        var sum: UInt64 = 0
        for miner in template.miners {
            for sector in miner.sectors {
                needs[try plan.id(of: sector.deal.client), default: 0] += sector.deal.pieceSize
                sum += sector.deal.pieceSize
            }
        }
        // Lotus would fail here with no sectors (a zero allowance is below the minimum); a
        // template without presealed sectors simply gets no verifier allowance.
        guard sum > 0 else { return }
        let verifier = Address.idAddress(Self.firstVerifierID)
        try genesis.call(
            "making t081 a verifier", from: Address.idAddress(Self.rootVerifierID), to: BuiltinAddress.verifiedRegistryActor,
            method: VerifiedRegistryMethod.addVerifier.rawValue,
            params: VerifiedRegistryParams(address: verifier, amount: BigInt(sum)).cborBytes)
        for (client, amount) in needs.sorted(by: { $0.key < $1.key }) {
            try genesis.call(
                "granting DataCap to t0\(client)", from: verifier, to: BuiltinAddress.verifiedRegistryActor,
                method: VerifiedRegistryMethod.addVerifiedClient.rawValue,
                params: VerifiedRegistryParams(address: Address.idAddress(client), amount: BigInt(amount)).cborBytes)
        }
    }

    /// What genesis learned of one miner while creating it.
    private struct MinerSetup {
        var address: Address
        /// The sectors' expiration: the last proving-period boundary before the longest allowed
        /// extension ends (Lotus `presealExp`).
        var presealExpiration: Int64
        var dealIDs: [UInt64] = []
        /// Each sector's deal weights, in sector order.
        var weights: [(deal: BigInt, verified: BigInt)] = []
    }

    func setupStorageMiners(_ plan: GenesisPlan, _ genesis: GenesisVM) throws(GenesisError) -> [Address] {
        var setups: [MinerSetup] = []
        let maxPeriods = MinerPolicy.maxSectorExpirationExtension / MinerPolicy.wpostProvingPeriod
        for (index, miner) in template.miners.enumerated() {
            let created = try genesis.call(
                "creating genesis miner \(miner.id)", from: miner.owner, to: BuiltinAddress.powerActor, value: miner.powerBalance,
                method: PowerMethod.createMiner.rawValue,
                params: CreateMinerParams(
                    owner: miner.worker, worker: miner.worker, sealProofType: plan.sealProofs[index], peer: miner.peerID,
                    multiaddrs: []
                ).cborBytes,
                returning: CreateMinerReturn.self)
            guard created.idAddress == miner.id else {
                throw .state("miner \(index) was given \(created.idAddress), not \(miner.id)")
            }
            let (_, state) = try genesis.state(of: try Self.id(miner.id), as: MinerState.self)
            var setup = MinerSetup(
                address: miner.id,
                presealExpiration: (maxPeriods - 1) * MinerPolicy.wpostProvingPeriod + state.provingPeriodStart - 1)

            if miner.marketBalance > .zero {
                try genesis.call(
                    "adding \(miner.id)'s market balance", from: miner.worker, to: BuiltinAddress.marketActor,
                    value: miner.marketBalance, method: MarketMethod.addBalance.rawValue, params: miner.id.cborBytes)
            }
            setup.dealIDs = try publishDeals(miner, expiration: setup.presealExpiration, genesis)
            setups.append(setup)
        }

        // Set the network's power to what it will be once every sector is proven, so that each
        // sector's pledge is computed against the same total (Lotus: "equal pledge per sector").
        var rawPower = BigInt(0)
        var qaPower = BigInt(0)
        for (index, miner) in template.miners.enumerated() {
            for (position, _) in miner.sectors.enumerated() {
                let weights = try dealWeights(
                    genesis, miner: setups[index].address, dealID: setups[index].dealIDs[position],
                    expiration: setups[index].presealExpiration)
                setups[index].weights.append(weights)
                rawPower += BigInt(miner.sectorSize)
                qaPower += MinerPolicy.qaPowerForWeight(
                    sectorSize: miner.sectorSize, duration: setups[index].presealExpiration, dealWeight: weights.deal,
                    verifiedWeight: weights.verified)
            }
        }
        var (_, power) = try genesis.state(of: 4, as: PowerState.self)
        power.totalQualityAdjPower = qaPower
        power.totalRawBytePower = rawPower
        power.thisEpochQualityAdjPower = qaPower
        power.thisEpochRawBytePower = rawPower
        try genesis.replaceState(of: 4, with: power)
        // Lotus re-creates the reward actor here (unchanged: it was made with zero power too).
        let reward = RewardState(currRealizedPower: 0, actorsVersion: Self.actorsVersion)
        genesis.setActor(
            id: 2, ActorState(code: Self.code("reward"), head: try genesis.put(reward), balance: Self.initialRewardBalance))

        for (index, miner) in template.miners.enumerated() {
            let setup = setups[index]
            for (position, sector) in miner.sectors.enumerated() {
                try commitSector(sector, of: miner, setup: setup, position: position, genesis)
            }
        }

        let (_, final) = try genesis.state(of: 4, as: PowerState.self)
        guard final.totalRawBytePower == rawPower else {
            throw .powerMismatch("total raw byte power \(final.totalRawBytePower), sectors \(rawPower)")
        }
        guard final.totalQualityAdjPower == qaPower else {
            throw .powerMismatch("total quality-adjusted power \(final.totalQualityAdjPower), sectors \(qaPower)")
        }
        return setups.map(\.address)
    }

    /// Publishes a miner's presealed deals from its worker, each made verified and ending with
    /// the sectors, and signed by its client's key; returns their IDs in sector order.
    private func publishDeals(_ miner: GenesisMiner, expiration: Int64, _ genesis: GenesisVM) throws(GenesisError) -> [UInt64] {
        var ids: [UInt64] = []
        var batch: [ClientDealProposal] = []
        func publish() throws(GenesisError) {
            guard !batch.isEmpty else { return }
            let published = try genesis.call(
                "publishing \(batch.count) presealed deals of \(miner.id)", from: miner.worker, to: BuiltinAddress.marketActor,
                method: MarketMethod.publishStorageDeals.rawValue, params: PublishStorageDealsParams(deals: batch).cborBytes,
                returning: PublishStorageDealsReturn.self)
            guard published.ids.count == batch.count else {
                throw .state("publishing \(miner.id)'s deals returned \(published.ids.count) IDs for \(batch.count) deals")
            }
            ids += published.ids
            batch = []
        }
        for sector in miner.sectors {
            var deal = sector.deal
            deal.verifiedDeal = true
            deal.endEpoch = expiration
            guard let key = sector.dealClientKey else {
                throw .invalidPreseal(miner: miner.id, sector: sector.sectorNumber, "no DealClientKey")
            }
            batch.append(ClientDealProposal(proposal: deal, clientSignature: try key.sign(deal.cborBytes)))
            // cbor-gen's MaxLength: the most deals one PublishStorageDeals decodes.
            if batch.count == 8192 { try publish() }
        }
        try publish()
        return ids
    }

    /// A deal's weights as the market reports them to the sector's miner.
    private func dealWeights(
        _ genesis: GenesisVM, miner: Address, dealID: UInt64, expiration: Int64
    ) throws(GenesisError) -> (deal: BigInt, verified: BigInt) {
        let weights = try genesis.call(
            "weighing deal \(dealID) of \(miner)", from: miner, to: BuiltinAddress.marketActor,
            method: MarketMethod.verifyDealsForActivation.rawValue,
            params: VerifyDealsForActivationParams(dealIDs: [dealID], sectorExpiry: expiration, sectorStart: 0).cborBytes,
            returning: VerifyDealsForActivationReturn.self)
        return (weights.dealWeight, weights.verifiedDealWeight)
    }

    /// Pre-commits one sector from the worker with its deposit and initial pledge, and has the
    /// power actor confirm its proof, which activates its deal and claims its power.
    private func commitSector(
        _ sector: PresealSector, of miner: GenesisMiner, setup: MinerSetup, position: Int, _ genesis: GenesisVM
    ) throws(GenesisError) {
        let weights = setup.weights[position]
        let sectorWeight = MinerPolicy.qaPowerForWeight(
            sectorSize: miner.sectorSize, duration: setup.presealExpiration, dealWeight: weights.deal,
            verifiedWeight: weights.verified)
        // Take the sector's share back out of the total set above; confirming it adds it again.
        var (_, power) = try genesis.state(of: 4, as: PowerState.self)
        power.totalRawBytePower -= BigInt(miner.sectorSize)
        power.totalQualityAdjPower -= sectorWeight
        try genesis.replaceState(of: 4, with: power)

        let reward = try genesis.call(
            "reading this epoch's reward", from: setup.address, to: BuiltinAddress.rewardActor,
            method: RewardMethod.thisEpochReward.rawValue, returning: ThisEpochRewardReturn.self)
        let total = try genesis.call(
            "reading the network's power", from: setup.address, to: BuiltinAddress.powerActor,
            method: PowerMethod.currentTotalPower.rawValue, returning: CurrentTotalPowerReturn.self)
        // The v2 formulas the miner itself applies, so the value covers exactly what it locks.
        let deposit = MinerMonies.preCommitDepositForPower(
            rewardEstimate: reward.thisEpochRewardSmoothed, networkQAPowerEstimate: total.qualityAdjPowerSmoothed,
            qaSectorPower: sectorWeight, actorsVersion: Self.actorsVersion)
        let pledge = MinerMonies.initialPledgeForPower(
            qaPower: sectorWeight, baselinePower: reward.thisEpochBaselinePower, rewardEstimate: reward.thisEpochRewardSmoothed,
            networkQAPowerEstimate: total.qualityAdjPowerSmoothed, circulatingSupply: genesis.vm.config.circulatingSupply,
            actorsVersion: Self.actorsVersion)

        let precommit = SectorPreCommitInfo(
            sealProof: sector.proofType, sectorNumber: sector.sectorNumber, sealedCID: sector.commR, sealRandEpoch: -1,
            dealIDs: [setup.dealIDs[position]], expiration: setup.presealExpiration)
        try genesis.call(
            "pre-committing sector \(sector.sectorNumber) of \(miner.id)", from: miner.worker, to: setup.address,
            value: deposit + pledge, method: MinerMethod.preCommitSector.rawValue, params: precommit.cborBytes)
        try genesis.call(
            "confirming sector \(sector.sectorNumber) of \(miner.id)", from: BuiltinAddress.powerActor, to: setup.address,
            method: MinerMethod.confirmSectorProofsValid.rawValue,
            params: ConfirmSectorProofsParams(sectors: [sector.sectorNumber]).cborBytes)

        // The v2 miner keeps a confirmed sector unproven (no power) until its first window PoSt.
        // Genesis claims the power now and marks the sector proven, as Lotus's genesis does for
        // the actor versions that defer power ("post v2": specs-actors v2.3 already does).
        try genesis.call(
            "claiming the power of sector \(sector.sectorNumber) of \(miner.id)", from: setup.address,
            to: BuiltinAddress.powerActor, method: PowerMethod.updateClaimedPower.rawValue,
            params: UpdateClaimedPowerParams(rawByteDelta: BigInt(miner.sectorSize), qualityAdjustedDelta: sectorWeight).cborBytes)
        let minerID = try Self.id(setup.address)
        var (_, state) = try genesis.state(of: minerID, as: MinerState.self)
        let activated: PowerPair
        do { activated = try state.activateAllUnproven(genesis.actorStore) } catch {
            throw .state("marking \(miner.id)'s sectors proven: \(error.message)")
        }
        guard activated == PowerPair(raw: BigInt(miner.sectorSize), qa: sectorWeight) else {
            throw .powerMismatch("sector \(sector.sectorNumber) of \(miner.id) became \(activated), not \(miner.sectorSize) bytes of \(sectorWeight) QA power")
        }
        try genesis.replaceState(of: minerID, with: state)
    }

    static func id(_ address: Address) throws(GenesisError) -> UInt64 {
        guard let id = address.idValue else { throw .state("\(address) is not an ID address") }
        return id
    }
}
