import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// The miner's calls to other actors (power, market, reward, accounts): their method numbers,
/// parameter bytes and decoded returns, as specs-actors' helper functions make them.
///
/// The parameters are written here as cbor-gen tuples rather than through the callee's
/// params types so that this file depends on no other actor's folder; the bytes are the same.
enum MinerCalls {
    static let accountPubkeyAddress: UInt64 = 2

    static let powerUpdateClaimedPower = PowerMethod.updateClaimedPower.rawValue
    static let powerEnrollCronEvent = PowerMethod.enrollCronEvent.rawValue
    static let powerUpdatePledgeTotal = PowerMethod.updatePledgeTotal.rawValue
    static let powerOnConsensusFault = PowerMethod.onConsensusFault.rawValue
    static let powerSubmitPoRepForBulkVerify = PowerMethod.submitPoRepForBulkVerify.rawValue
    static let powerCurrentTotalPower = PowerMethod.currentTotalPower.rawValue

    static let marketVerifyDealsForActivation = MarketMethod.verifyDealsForActivation.rawValue
    static let marketActivateDeals = MarketMethod.activateDeals.rawValue
    static let marketOnMinerSectorsTerminate = MarketMethod.onMinerSectorsTerminate.rawValue
    static let marketComputeDataCommitment = MarketMethod.computeDataCommitment.rawValue

    static let rewardThisEpochReward = RewardMethod.thisEpochReward.rawValue

    /// reward.ThisEpochReward's answer (v0 also returns the raw epoch reward).
    struct RewardStats {
        var thisEpochReward: TokenAmount
        var rewardSmoothed: FilterEstimate
        var baselinePower: BigInt
    }

    /// power.CurrentTotalPower's answer.
    struct TotalPower {
        var rawBytePower: BigInt
        var qualityAdjPower: BigInt
        var pledgeCollateral: TokenAmount
        var qualityAdjPowerSmoothed: FilterEstimate
    }

    /// market.VerifyDealsForActivation's answer (`dealSpace` is v2's, 0 in v0).
    struct DealWeights {
        var dealWeight: BigInt
        var verifiedDealWeight: BigInt
        var dealSpace: UInt64
    }

    // MARK: Sends

    static func require(_ result: SendResult, _ message: @autoclosure () -> String) throws(ActorError) {
        guard result.exitCode.isSuccess else { throw ActorError(result.exitCode, message()) }
    }

    static func decode<T>(_ bytes: [UInt8], _ body: (inout CBORReader) throws -> T) throws(ActorError) -> T {
        do {
            var reader = CBORReader(bytes: bytes)
            let value = try body(&reader)
            try reader.finish()
            return value
        } catch {
            throw ActorError(.errSerialization, "failed to unmarshal return value: \(error)")
        }
    }

    static func enrollCronEvent(_ rt: any Runtime, epoch: Int64, payload: MinerCronEventPayload) throws(ActorError) {
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        writer.writeInt(epoch)
        writer.writeBytes(payload.cborBytes)
        let result = try rt.send(to: BuiltinAddress.powerActor, method: powerEnrollCronEvent, params: writer.bytes, value: .zero)
        try require(result, "failed to enroll cron event")
    }

    /// Sends a claimed power change; nothing when both deltas are zero.
    static func requestUpdatePower(_ rt: any Runtime, raw: BigInt, qa: BigInt) throws(ActorError) {
        if raw.isZero && qa.isZero { return }
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(raw, to: &writer)
        FilecoinBigInt.encode(qa, to: &writer)
        let result = try rt.send(to: BuiltinAddress.powerActor, method: powerUpdateClaimedPower, params: writer.bytes, value: .zero)
        try require(result, "failed to update power with \(raw), \(qa)")
    }

    /// Tells power the network's total pledge changed; nothing for zero.
    static func notifyPledgeChanged(_ rt: any Runtime, _ delta: TokenAmount) throws(ActorError) {
        if delta.isZero { return }
        let result = try rt.send(to: BuiltinAddress.powerActor, method: powerUpdatePledgeTotal, params: delta.cborBytes, value: .zero)
        try require(result, "failed to update total pledge")
    }

    /// Sends `amount` to the burnt funds actor when positive.
    static func burnFunds(_ rt: any Runtime, _ amount: TokenAmount) throws(ActorError) {
        guard amount > .zero else { return }
        let result = try rt.send(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: amount)
        try require(result, "failed to burn funds")
    }

    static func requestCurrentEpochBlockReward(_ rt: any Runtime) throws(ActorError) -> RewardStats {
        let result = try rt.send(to: BuiltinAddress.rewardActor, method: rewardThisEpochReward, params: [], value: .zero)
        try require(result, "failed to check epoch baseline power")
        let v2 = rt.actorsVersion >= 2
        return try decode(result.returnData) { reader in
            try reader.readArrayHeader(expected: v2 ? 2 : 3)
            let reward = v2 ? TokenAmount.zero : try TokenAmount(from: &reader)
            let smoothed = try FilterEstimate(from: &reader)
            let baseline = try FilecoinBigInt.decode(from: &reader)
            return RewardStats(thisEpochReward: reward, rewardSmoothed: smoothed, baselinePower: baseline)
        }
    }

    static func requestCurrentTotalPower(_ rt: any Runtime) throws(ActorError) -> TotalPower {
        let result = try rt.send(to: BuiltinAddress.powerActor, method: powerCurrentTotalPower, params: [], value: .zero)
        try require(result, "failed to check current power")
        return try decode(result.returnData) { reader in
            try reader.readArrayHeader(expected: 4)
            let raw = try FilecoinBigInt.decode(from: &reader)
            let qa = try FilecoinBigInt.decode(from: &reader)
            let pledge = try TokenAmount(from: &reader)
            let smoothed = try FilterEstimate(from: &reader)
            return TotalPower(rawBytePower: raw, qualityAdjPower: qa, pledgeCollateral: pledge, qualityAdjPowerSmoothed: smoothed)
        }
    }

    /// v0 always asks the market; v2 answers zero weights itself for a sector without deals.
    static func requestDealWeight(_ rt: any Runtime, dealIDs: [UInt64], start: Int64, expiry: Int64) throws(ActorError) -> DealWeights {
        let v2 = rt.actorsVersion >= 2
        if v2 && dealIDs.isEmpty { return DealWeights(dealWeight: 0, verifiedDealWeight: 0, dealSpace: 0) }
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        // market.VerifyDealsForActivationParams: [DealIDs, SectorExpiry, SectorStart].
        MinerCBOR.writeUnsignedArray(dealIDs, &writer)
        writer.writeInt(expiry)
        writer.writeInt(start)
        let result = try rt.send(
            to: BuiltinAddress.marketActor, method: marketVerifyDealsForActivation, params: writer.bytes, value: .zero)
        try require(result, "failed to verify deals and get deal weight")
        return try decode(result.returnData) { reader in
            try reader.readArrayHeader(expected: v2 ? 3 : 2)
            let weight = try FilecoinBigInt.decode(from: &reader)
            let verified = try FilecoinBigInt.decode(from: &reader)
            let space = v2 ? try reader.readUnsigned() : 0
            return DealWeights(dealWeight: weight, verifiedDealWeight: verified, dealSpace: space)
        }
    }

    static func requestUnsealedSectorCID(_ rt: any Runtime, proof: RegisteredSealProof, dealIDs: [UInt64]) throws(ActorError) -> CID {
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        MinerCBOR.writeUnsignedArray(dealIDs, &writer)
        proof.encode(to: &writer)
        let result = try rt.send(to: BuiltinAddress.marketActor, method: marketComputeDataCommitment, params: writer.bytes, value: .zero)
        try require(result, "failed request for unsealed sector CID for deals \(dealIDs)")
        return try decode(result.returnData) { reader in try reader.readCID() }
    }

    /// ActivateDeals; the exit code, since a failure drops the sector rather than aborting.
    static func activateDeals(_ rt: any Runtime, dealIDs: [UInt64], sectorExpiry: Int64) throws(ActorError) -> ExitCode {
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        MinerCBOR.writeUnsignedArray(dealIDs, &writer)
        writer.writeInt(sectorExpiry)
        return try rt.send(to: BuiltinAddress.marketActor, method: marketActivateDeals, params: writer.bytes, value: .zero).exitCode
    }

    /// OnMinerSectorsTerminate in batches of cbor-gen's maximum array length.
    static func requestTerminateDeals(_ rt: any Runtime, epoch: Int64, dealIDs: [UInt64]) throws(ActorError) {
        var remaining = dealIDs[...]
        while !remaining.isEmpty {
            let batch = remaining.prefix(MinerCBOR.maxLength)
            remaining = remaining.dropFirst(batch.count)
            var writer = CBORWriter()
            writer.writeArrayHeader(2)
            writer.writeInt(epoch)
            MinerCBOR.writeUnsignedArray(Array(batch), &writer)
            let result = try rt.send(
                to: BuiltinAddress.marketActor, method: marketOnMinerSectorsTerminate, params: writer.bytes, value: .zero)
            try require(result, "failed to terminate deals, exit code \(result.exitCode)")
        }
    }
}
