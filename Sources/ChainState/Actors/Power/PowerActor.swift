import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// The storage power actor (f04), specs-actors v0.9 and v2.3: miner creation, claimed power,
/// the cron event queue, bulk seal verification and the per-epoch power totals the reward
/// actor mints by. State: ``PowerState``.
public struct PowerActor: BuiltinActor {
    public let actorsVersion: Int
    public let policy: PowerPolicy

    /// ErrTooManyProveCommits: a miner exceeded its prove-commits for the epoch.
    public static let errTooManyProveCommits = ExitCode.firstActorSpecific

    public init(actorsVersion: Int, policy: PowerPolicy = .mainnet) {
        self.actorsVersion = actorsVersion
        self.policy = policy
    }

    private var sorts: Bool { actorsVersion > 0 }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch PowerMethod(rawValue: method) {
        case .constructor:
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            let emptyMap = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
            let emptyMultimap = try ActorMultimap(store: rt.store, sortsOnCollapse: sorts).flush()
            try rt.createState(PowerState(emptyMap: emptyMap, emptyMultimap: emptyMultimap, actorsVersion: actorsVersion))
            return []
        case .createMiner:
            return try createMiner(rt, rt.decodeParams(CreateMinerParams.self, params))
        case .updateClaimedPower:
            try updateClaimedPower(rt, rt.decodeParams(UpdateClaimedPowerParams.self, params))
            return []
        case .enrollCronEvent:
            try enrollCronEvent(rt, rt.decodeParams(EnrollCronEventParams.self, params))
            return []
        case .onEpochTickEnd:
            try onEpochTickEnd(rt)
            return []
        case .updatePledgeTotal:
            let delta = try rt.decodeParams(BigIntParam.self, params)
            try updatePledgeTotal(rt, TokenAmount(attoFIL: delta.value))
            return []
        case .onConsensusFault:
            // Deprecated (no method) from v2.
            guard actorsVersion < 2 else { throw invalidMethod(method) }
            let pledge = try rt.decodeParams(BigIntParam.self, params)
            try onConsensusFault(rt, pledgeAmount: TokenAmount(attoFIL: pledge.value))
            return []
        case .submitPoRepForBulkVerify:
            try submitPoRepForBulkVerify(rt, rt.decodeParams(SealVerifyInfo.self, params))
            return []
        case .currentTotalPower:
            try rt.validateImmediateCallerAcceptAny()
            let state = try rt.state(PowerState.self)
            return CurrentTotalPowerReturn(
                rawBytePower: state.thisEpochRawBytePower, qualityAdjPower: state.thisEpochQualityAdjPower,
                pledgeCollateral: state.thisEpochPledgeCollateral, qualityAdjPowerSmoothed: state.thisEpochQAPowerSmoothed
            ).cborBytes
        case nil:
            throw invalidMethod(method)
        }
    }

    // MARK: Methods

    private func createMiner(_ rt: any Runtime, _ params: CreateMinerParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [
            ActorCodes.code("account", actorsVersion: actorsVersion), ActorCodes.code("multisig", actorsVersion: actorsVersion),
        ])
        let constructorParams = MinerConstructorParams(
            owner: params.owner, worker: params.worker, controlAddresses: [], sealProofType: params.sealProofType,
            peerID: params.peer, multiaddrs: params.multiaddrs)
        let exec = InitActor.ExecParams(
            code: ActorCodes.code("storageminer", actorsVersion: actorsVersion), constructorParams: constructorParams.cborBytes)
        let returned = try rt.sendOrAbort(
            to: BuiltinAddress.initActor, method: InitMethod.exec.rawValue, encoding: exec, value: rt.valueReceived,
            "failed to init new actor")
        let addresses = try rt.decodeReturn(CreateMinerReturn.self, returned, "exec return")

        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
            let claim = PowerClaim(
                sealProofType: actorsVersion >= 2 ? params.sealProofType : nil, rawBytePower: 0, qualityAdjPower: 0)
            try claims.set(HAMTKey.address(addresses.idAddress), claim.cborBytes)
            state.minerCount += 1
            if actorsVersion >= 2, rt.networkVersion >= 7 {
                guard let minPower = policy.consensusMinerMinPower(for: params.sealProofType) else {
                    throw ActorError(.errIllegalState, "failed update power stats for new miner \(addresses.idAddress)")
                }
                if minPower <= 0 { state.minerAboveMinPowerCount += 1 }
            }
            state.claims = try claims.flush()
        }
        return addresses.cborBytes
    }

    private func updateClaimedPower(_ rt: any Runtime, _ params: UpdateClaimedPowerParams) throws(ActorError) {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
            try addToClaim(rt, &state, claims, miner: miner, power: params.rawByteDelta, qaPower: params.qualityAdjustedDelta)
            state.claims = try claims.flush()
        }
    }

    private func enrollCronEvent(_ rt: any Runtime, _ params: EnrollCronEventParams) throws(ActorError) {
        try rt.validateImmediateCaller(type: [minerCode])
        let event = PowerCronEvent(minerAddress: rt.caller, callbackPayload: params.payload)
        // A large negative epoch would make cron walk an enormous range.
        guard params.eventEpoch >= 0 else {
            throw ActorError(.errIllegalArgument, "cron event epoch \(params.eventEpoch) cannot be less than zero")
        }
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let events = try ActorMultimap(loading: state.cronEventQueue, store: rt.store, sortsOnCollapse: sorts)
            if params.eventEpoch < state.firstCronEpoch { state.firstCronEpoch = params.eventEpoch }
            try events.add(HAMTKey.int(params.eventEpoch), event.cborBytes)
            state.cronEventQueue = try events.flush()
        }
    }

    private func onEpochTickEnd(_ rt: any Runtime) throws(ActorError) {
        try rt.validateImmediateCaller(is: BuiltinAddress.cronActor)
        // v0 runs the deferred miner callbacks before confirming this epoch's proofs; v2 the reverse.
        if actorsVersion >= 2 {
            try processBatchProofVerifies(rt)
            try processDeferredCronEvents(rt)
        } else {
            try processDeferredCronEvents(rt)
            try processBatchProofVerifies(rt)
        }

        let rawPower: BigInt = try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            // Next epoch's power and pledge, before the reward actor computes next epoch's reward.
            let (raw, qa) = state.currentTotalPower(actorsVersion: actorsVersion)
            state.thisEpochPledgeCollateral = state.totalPledgeCollateral
            state.thisEpochQualityAdjPower = qa
            state.thisEpochRawBytePower = raw
            let delta: Int64
            if let last = state.lastProcessedCronEpoch {
                delta = rt.epoch - last
                state.lastProcessedCronEpoch = rt.epoch
            } else {
                // v2: cron runs every epoch, null rounds included.
                delta = 1
            }
            state.thisEpochQAPowerSmoothed = state.thisEpochQAPowerSmoothed.next(observation: qa, epochDelta: delta)
            return raw
        }
        try rt.sendOrAbort(
            to: BuiltinAddress.rewardActor, method: RewardMethod.updateNetworkKPI.rawValue, encoding: BigIntParam(rawPower),
            "failed to update network KPI with Reward Actor")
    }

    private func updatePledgeTotal(_ rt: any Runtime, _ delta: TokenAmount) throws(ActorError) {
        try rt.validateImmediateCaller(type: [minerCode])
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            if actorsVersion >= 2 { try validateMinerHasClaim(rt, state, rt.caller) }
            state.totalPledgeCollateral += delta
            guard !state.totalPledgeCollateral.isNegative else { throw rt.goPanic("pledged amount cannot be negative") }
        }
    }

    /// v0 only: removes a slashed miner's claim and its pledge.
    private func onConsensusFault(_ rt: any Runtime, pledgeAmount: TokenAmount) throws(ActorError) {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
            guard let claim = try getClaim(claims, miner) else {
                throw ActorError(.errNotFound, "miner \(miner) not registered (already slashed?)")
            }
            try addToClaim(rt, &state, claims, miner: miner, power: -claim.rawBytePower, qaPower: -claim.qualityAdjPower)
            state.totalPledgeCollateral -= pledgeAmount
            guard !state.totalPledgeCollateral.isNegative else { throw rt.goPanic("pledged amount cannot be negative") }
            guard try claims.delete(HAMTKey.address(miner)) else {
                throw ActorError(.errIllegalState, "failed to remove miner \(miner)")
            }
            state.minerCount -= 1
            state.claims = try claims.flush()
        }
    }

    private func submitPoRepForBulkVerify(_ rt: any Runtime, _ info: SealVerifyInfo) throws(ActorError) {
        try rt.validateImmediateCaller(type: [minerCode])
        let miner = rt.caller
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            if actorsVersion >= 2 { try validateMinerHasClaim(rt, state, miner) }
            let batch: ActorMultimap
            if let root = state.proofValidationBatch {
                batch = try ActorMultimap(loading: root, store: rt.store, sortsOnCollapse: sorts)
            } else {
                batch = ActorMultimap(store: rt.store, sortsOnCollapse: sorts)
            }
            let key = HAMTKey.address(miner)
            if let existing = try batch.get(key), existing.count >= PowerPolicy.maxMinerProveCommitsPerEpoch {
                throw ActorError(
                    Self.errTooManyProveCommits,
                    "miner \(miner) attempting to prove commit over \(PowerPolicy.maxMinerProveCommitsPerEpoch) sectors in epoch")
            }
            try batch.add(key, info.cborBytes)
            let root = try batch.flush()
            try rt.chargeGas(GasCharge("OnSubmitVerifySeal", compute: PowerPolicy.gasOnSubmitVerifySeal, storage: 0))
            state.proofValidationBatch = root
        }
    }

    // MARK: Cron

    private func processBatchProofVerifies(_ rt: any Runtime) throws(ActorError) {
        var miners: [Address] = []
        var verifies: [Address: [SealVerifyInfo]] = [:]
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            guard let root = state.proofValidationBatch else { return }
            let batch = try ActorMultimap(loading: root, store: rt.store, sortsOnCollapse: sorts)
            let claims: ActorHAMT? =
                actorsVersion >= 2 ? try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts) : nil
            try batch.forAll { (key: [UInt8], array: ActorAMT) throws(ActorError) in
                let miner: Address
                do { miner = try Address(bytes: key) } catch {
                    throw ActorError(.errIllegalState, "failed to parse address key: \(error)")
                }
                if let claims, try claims.get(HAMTKey.address(miner)) == nil {
                    return  // v2 skips proofs of miners without a claim.
                }
                miners.append(miner)
                var infos: [SealVerifyInfo] = []
                try array.forEach { (_: UInt64, raw: [UInt8]) throws(ActorError) in
                    do { infos.append(try SealVerifyInfo(cborBytes: raw)) } catch {
                        throw ActorError(.errIllegalState, "failed to iterate over proof verify array for miner \(miner): \(error)")
                    }
                }
                verifies[miner] = infos
            }
            state.proofValidationBatch = nil
        }

        // Lotus answers an empty batch with an empty result and no gas; skipping the call is the
        // same, and needs no verifier (a devnet or a node without verifying keys).
        guard !verifies.isEmpty else { return }
        let results = try rt.batchVerifySeals(verifies)
        for miner in miners {
            guard let outcome = results[miner] else {
                throw ActorError(.errNotFound, "batch verify seals syscall implemented incorrectly")
            }
            let infos = verifies[miner] ?? []
            var seen = Set<UInt64>()
            var successful: [UInt64] = []
            for (index, valid) in outcome.enumerated() where valid && index < infos.count {
                let number = infos[index].sectorNumber
                if seen.insert(number).inserted { successful.append(number) }
            }
            // ConfirmSectorProofsValid parameters (`builtin.ConfirmSectorProofsParams`): [[sector numbers]].
            var writer = CBORWriter()
            writer.writeArrayHeader(1)
            writer.writeArrayHeader(successful.count)
            for number in successful { writer.writeUnsigned(number) }
            // The exit code is ignored: one miner's failure must not stop the others.
            _ = try rt.send(to: miner, method: MinerMethod.confirmSectorProofsValid.rawValue, params: writer.bytes, value: .zero)
        }
    }

    private func processDeferredCronEvents(_ rt: any Runtime) throws(ActorError) {
        let epoch = rt.epoch
        let events: [PowerCronEvent] = try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let queue = try ActorMultimap(loading: state.cronEventQueue, store: rt.store, sortsOnCollapse: sorts)
            let claims: ActorHAMT? =
                actorsVersion >= 2 ? try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts) : nil
            var due: [PowerCronEvent] = []
            var current = state.firstCronEpoch
            while current <= epoch {
                var epochEvents: [PowerCronEvent] = []
                try queue.forEach(HAMTKey.int(current)) { (_: UInt64, raw: [UInt8]) throws(ActorError) in
                    do { epochEvents.append(try PowerCronEvent(cborBytes: raw)) } catch {
                        throw ActorError(.errIllegalState, "failed to load cron events at \(current): \(error)")
                    }
                }
                for event in epochEvents {
                    if let claims, try claims.get(HAMTKey.address(event.minerAddress)) == nil { continue }
                    due.append(event)
                }
                if !epochEvents.isEmpty {
                    guard try queue.removeAll(HAMTKey.int(current)) else {
                        throw ActorError(.errIllegalState, "failed to clear cron events at \(current)")
                    }
                }
                current += 1
            }
            state.firstCronEpoch = epoch + 1
            state.cronEventQueue = try queue.flush()
            return due
        }

        var failed: [Address] = []
        for event in events {
            let result = try rt.send(
                to: event.minerAddress, method: MinerMethod.onDeferredCronEvent.rawValue, params: event.callbackPayload,
                value: .zero)
            // A failing callback loses its event and (below) the miner's power; the others still run.
            if !result.exitCode.isSuccess { failed.append(event.minerAddress) }
        }

        if actorsVersion >= 2 {
            guard !failed.isEmpty else { return }
            try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
                let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
                for miner in failed {
                    // Errors are logged and skipped in specs-actors; a missing claim is no error.
                    guard let claim = try skippingErrors({ () throws(ActorError) in try getClaim(claims, miner) }) ?? nil,
                        try removeClaimedPower(rt, &state, claims, miner: miner, claim: claim)
                    else { continue }
                    _ = try claims.delete(HAMTKey.address(miner))
                    if rt.networkVersion >= 7 { state.minerCount -= 1 }
                }
                state.claims = try claims.flush()
            }
            return
        }

        // v0 runs the transaction even with no failures: it zeroes the failed miners' power.
        try rt.transaction(PowerState.self) { (state: inout PowerState) throws(ActorError) in
            let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
            for miner in failed {
                guard let claim = try skippingErrors({ () throws(ActorError) in try getClaim(claims, miner) }) ?? nil else {
                    continue
                }
                _ = try removeClaimedPower(rt, &state, claims, miner: miner, claim: claim)
            }
            state.claims = try claims.flush()
        }
    }

    // MARK: Claims

    /// Subtracts all of `claim`'s power after a failed cron callback; false when specs-actors
    /// would log the error and skip the miner.
    private func removeClaimedPower(
        _ rt: any Runtime, _ state: inout PowerState, _ claims: ActorHAMT, miner: Address, claim: PowerClaim
    ) throws(ActorError) -> Bool {
        let done: Void? = try skippingErrors { () throws(ActorError) in
            try addToClaim(rt, &state, claims, miner: miner, power: -claim.rawBytePower, qaPower: -claim.qualityAdjPower)
        }
        return done != nil
    }

    /// `body`'s result, or nil when it fails with an error a Go actor gets back as an `error`
    /// value (ErrIllegalState, ErrNotFound) and only logs; out of gas, Go panics and fatal
    /// errors still propagate.
    private func skippingErrors<T>(_ body: () throws(ActorError) -> T) throws(ActorError) -> T? {
        do {
            return try body()
        } catch {
            if !error.isFatal && (error.code == .errIllegalState || error.code == .errNotFound) { return nil }
            throw error
        }
    }

    private var minerCode: CID { ActorCodes.code("storageminer", actorsVersion: actorsVersion) }

    private func getClaim(_ claims: ActorHAMT, _ miner: Address) throws(ActorError) -> PowerClaim? {
        guard let raw = try claims.get(HAMTKey.address(miner)) else { return nil }
        do { return try PowerClaim(cborBytes: raw) } catch {
            throw ActorError(.errIllegalState, "failed to get claim for address \(miner): \(error)")
        }
    }

    private func validateMinerHasClaim(_ rt: any Runtime, _ state: PowerState, _ miner: Address) throws(ActorError) {
        let claims = try ActorHAMT(loading: state.claims, store: rt.store, sortsOnCollapse: sorts)
        guard try claims.get(HAMTKey.address(miner)) != nil else {
            throw ActorError(.errForbidden, "unknown miner \(miner) forbidden to interact with power actor")
        }
    }

    /// The minimum power for a claim: v0's single policy value, v2's by the claim's proof type
    /// (ErrIllegalState for an unknown one, as the caller wraps the error).
    private func minimumPower(for claim: PowerClaim) throws(ActorError) -> BigInt {
        guard actorsVersion >= 2 else { return policy.consensusMinerMinPower }
        guard let proof = claim.sealProofType, let minimum = policy.consensusMinerMinPower(for: proof) else {
            throw ActorError(.errIllegalState, "could not get consensus miner min power")
        }
        return minimum
    }

    /// Adds (or with negative deltas removes) power to `miner`'s claim and the totals
    /// (`State.addToClaim`). v0 measures the minimum on quality-adjusted power, v2 on raw.
    private func addToClaim(
        _ rt: any Runtime, _ state: inout PowerState, _ claims: ActorHAMT, miner: Address, power: BigInt, qaPower: BigInt
    ) throws(ActorError) {
        guard let old = try getClaim(claims, miner) else {
            throw ActorError(.errNotFound, "no claim for actor \(miner)")
        }
        state.totalQABytesCommitted += qaPower
        state.totalBytesCommitted += power
        var new = old
        new.rawBytePower += power
        new.qualityAdjPower += qaPower

        let minPower = try minimumPower(for: old)
        let prevBelow: Bool
        let stillBelow: Bool
        if actorsVersion >= 2 {
            prevBelow = old.rawBytePower < minPower
            stillBelow = new.rawBytePower < minPower
        } else {
            prevBelow = old.qualityAdjPower < minPower
            stillBelow = new.qualityAdjPower < minPower
        }
        if prevBelow && !stillBelow {
            state.minerAboveMinPowerCount += 1
            state.totalQualityAdjPower += new.qualityAdjPower
            state.totalRawBytePower += new.rawBytePower
        } else if !prevBelow && stillBelow {
            state.minerAboveMinPowerCount -= 1
            state.totalQualityAdjPower -= old.qualityAdjPower
            state.totalRawBytePower -= old.rawBytePower
        } else if !prevBelow && !stillBelow {
            state.totalQualityAdjPower += qaPower
            state.totalRawBytePower += power
        }
        guard new.rawBytePower >= 0 else { throw rt.goPanic("negative claimed raw byte power: \(new.rawBytePower)") }
        guard new.qualityAdjPower >= 0 else { throw rt.goPanic("negative claimed quality adjusted power: \(new.qualityAdjPower)") }
        guard state.minerAboveMinPowerCount >= 0 else {
            throw rt.goPanic("negative number of miners larger than min: \(state.minerAboveMinPowerCount)")
        }
        try claims.set(HAMTKey.address(miner), new.cborBytes)
    }
}
