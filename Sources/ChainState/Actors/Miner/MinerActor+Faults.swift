import FilecoinTypes

/// DeclareFaults and DeclareFaultsRecovered (specs-actors v0 and v2).
extension MinerActor {
    /// Groups declarations by deadline and partition, refusing too many (before any state access).
    func sectorMap(_ rt: any Runtime, _ declarations: [SectorDeclaration], what: String) throws(ActorError) -> DeadlineSectorMap {
        let v2 = rt.actorsVersion >= 2
        if v2, declarations.count > Int(MinerDeadlinePolicy.addressedPartitionsMax(actorsVersion: 2)) {
            throw ActorError(.errIllegalArgument, "too many \(what) declarations for a single message: \(declarations.count) > 3000")
        }
        var map = DeadlineSectorMap()
        for declaration in declarations {
            let sectors: Bitfield
            do { sectors = try declaration.sectors.decoded() } catch {
                throw ActorError(.errIllegalArgument, "failed to process deadline \(declaration.deadline), partition \(declaration.partition): \(error)")
            }
            try map.add(deadline: declaration.deadline, partition: declaration.partition, sectors)
        }
        do {
            try map.check(
                maxPartitions: MinerDeadlinePolicy.addressedPartitionsMax(actorsVersion: rt.actorsVersion),
                maxSectors: MinerDeadlinePolicy.addressedSectorsMax)
        } catch {
            throw ActorError(.errIllegalArgument, "cannot process requested parameters: \(error.message)")
        }
        return map
    }

    /// `declarationDeadlineInfo` + `validateFRDeclarationDeadline`.
    static func declarationDeadline(_ state: MinerState, _ index: UInt64, epoch: Int64, what: String) throws(ActorError) -> DeadlineInfo {
        guard index < MinerDeadlinePolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid \(what) declaration deadline \(index)")
        }
        let info = DeadlineInfo(periodStart: state.provingPeriodStart, index: index, currentEpoch: epoch).nextNotElapsed
        if info.faultCutoffPassed {
            throw ActorError(.errIllegalArgument, "failed \(what) declaration at deadline \(index): late fault or recovery declaration")
        }
        return info
    }

    func declareFaults(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(SectorDeclarationsParams.self, raw)
        let toProcess = try sectorMap(rt, params.declarations, what: "fault")
        let store = rt.store
        let v2 = rt.actorsVersion >= 2
        let powerDelta = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> PowerPair in
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            var deadlines = try state.loadDeadlines(store)
            let sectors = try state.loadSectorsArray(store)
            var delta = PowerPair.zero
            for (index, partitions) in toProcess.sorted {
                let target = try Self.declarationDeadline(state, index, epoch: rt.epoch, what: "fault")
                var deadline = try deadlines.loadDeadline(store, index)
                let declared = try deadline.declareFaults(
                    store, sectors: sectors, sectorSize: info.sectorSize, quant: target.quantSpec,
                    faultExpiration: target.last + MinerDeadlinePolicy.faultMaxAge, partitions, actorsVersion: state.actorsVersion)
                try deadlines.updateDeadline(store, index, deadline, actorsVersion: state.actorsVersion)
                delta += v2 ? declared.powerDelta : -declared.newFaultyPower
            }
            try state.saveDeadlines(store, deadlines)
            return delta
        }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        return []
    }

    func declareFaultsRecovered(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(SectorDeclarationsParams.self, raw)
        let toProcess = try sectorMap(rt, params.declarations, what: "recovery")
        let store = rt.store
        let v2 = rt.actorsVersion >= 2
        let feeToBurn = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> TokenAmount in
            var fee = TokenAmount.zero
            if v2 {
                // RepayDebtsOrAbort: the failure keeps its own code (insufficient funds).
                fee = try state.repayDebts(balance: try rt.currentBalance())
            }
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            if v2, let elapsed = info.consensusFaultElapsed, rt.epoch <= elapsed {
                throw ActorError(.errForbidden, "recovery not allowed during active consensus fault")
            }
            var deadlines = try state.loadDeadlines(store)
            let sectors = try state.loadSectorsArray(store)
            for (index, partitions) in toProcess.sorted {
                _ = try Self.declarationDeadline(state, index, epoch: rt.epoch, what: "recovery")
                var deadline = try deadlines.loadDeadline(store, index)
                try deadline.declareFaultsRecovered(
                    store, sectors: sectors, sectorSize: info.sectorSize, partitions, actorsVersion: state.actorsVersion)
                try deadlines.updateDeadline(store, index, deadline, actorsVersion: state.actorsVersion)
            }
            try state.saveDeadlines(store, deadlines)
            return fee
        }
        if v2 {
            try MinerCalls.burnFunds(rt, feeToBurn)
            let state = try rt.state(MinerState.self)
            try state.assertBalanceInvariants(try rt.currentBalance())
        }
        return []
    }
}
