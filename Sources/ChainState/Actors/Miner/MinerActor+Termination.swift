import FilecoinTypes

/// TerminateSectors and CompactPartitions (specs-actors v2; v0 where it differs).
extension MinerActor {
    func terminateSectors(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(SectorDeclarationsParams.self, raw)
        let toProcess = try sectorMap(rt, params.declarations, what: "termination")
        let store = rt.store
        let epoch = rt.epoch
        let (hadEarlyTerminations, powerDelta) = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> (Bool, PowerPair) in
            let had = !state.earlyTerminations.isEmpty
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            var deadlines = try state.loadDeadlines(store)
            let sectors = try state.loadSectorsArray(store)
            var delta = PowerPair.zero
            for (index, partitions) in toProcess.sorted {
                let quant = state.quantSpecForDeadline(index)
                var deadline = try deadlines.loadDeadline(store, index)
                let removed = try deadline.terminateSectors(
                    store, sectors: sectors, epoch: epoch, partitions, sectorSize: info.sectorSize, quant: quant,
                    actorsVersion: state.actorsVersion)
                try? state.earlyTerminations.insert(index)
                delta -= removed
                try deadlines.updateDeadline(store, index, deadline, actorsVersion: state.actorsVersion)
            }
            try state.saveDeadlines(store, deadlines)
            return (had, delta)
        }
        let more = try processEarlyTerminations(rt)
        if more && !hadEarlyTerminations { try scheduleEarlyTerminationWork(rt) }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        return TerminateSectorsReturn(done: !more).cborBytes
    }

    func compactPartitions(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(CompactPartitionsParams.self, raw)
        guard params.deadline < MinerDeadlinePolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid deadline \(params.deadline)")
        }
        let partitions: Bitfield
        do { partitions = try params.partitions.decoded() } catch {
            throw ActorError(.errIllegalArgument, "failed to parse partitions bitfield: \(error)")
        }
        let store = rt.store
        try rt.transaction(MinerState.self) { (state) throws(ActorError) in
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            guard DeadlineInfo.isMutable(provingPeriodStart: state.provingPeriodStart, index: params.deadline, currentEpoch: rt.epoch) else {
                throw ActorError(.errForbidden, "cannot compact deadline \(params.deadline) during its challenge window or the prior challenge window")
            }
            let limit = MinerDeadlinePolicy.loadPartitionsSectorsMax(
                partitionSectorCount: info.windowPoStPartitionSectors, actorsVersion: state.actorsVersion)
            guard partitions.count <= limit else {
                throw ActorError(.errIllegalArgument, "too many partitions \(partitions.count), limit \(limit)")
            }
            let quant = state.quantSpecForDeadline(params.deadline)
            var deadlines = try state.loadDeadlines(store)
            var deadline = try deadlines.loadDeadline(store, params.deadline)
            let removed = try deadline.removePartitions(store, partitions, quant: quant, actorsVersion: state.actorsVersion)
            let sectorsArray = try state.loadSectorsArray(store)
            // State.DeleteSectors: every dead sector must still be stored.
            for number in removed.dead where try !sectorsArray.amt.delete(number) {
                throw ActorError(.errIllegalState, "failed to delete sector \(number): not found")
            }
            state.sectors = try sectorsArray.root()
            let moved = try state.loadSectorsArray(store).load(removed.live)
            let newPower = try deadline.addSectors(
                store, partitionSize: info.windowPoStPartitionSectors, proven: true, moved, sectorSize: info.sectorSize, quant: quant,
                actorsVersion: state.actorsVersion)
            guard newPower == removed.power else {
                throw ActorError(.errIllegalState, "power changed when compacting partitions: was \(removed.power), is now \(newPower)")
            }
            try deadlines.updateDeadline(store, params.deadline, deadline, actorsVersion: state.actorsVersion)
            try state.saveDeadlines(store, deadlines)
        }
        return []
    }
}
