import FilecoinTypes

/// ExtendSectorExpiration (specs-actors v0 and v2).
extension MinerActor {
    /// Seal proofs whose sectors may be extended: v1 proofs until network version 7, v1_1 after.
    static func canExtend(_ proof: Int64, networkVersion: UInt64) -> Bool {
        networkVersion >= 7 ? (proof == 8 || proof == 9) : (proof == 3 || proof == 4)
    }

    func extendSectorExpiration(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(ExtendSectorExpirationParams.self, raw)
        let nv = rt.networkVersion
        let maxDeclarations = MinerDeadlinePolicy.addressedPartitionsMax(actorsVersion: rt.actorsVersion)
        guard UInt64(params.extensions.count) <= maxDeclarations else {
            throw ActorError(.errIllegalArgument, "too many declarations \(params.extensions.count), max \(maxDeclarations)")
        }
        var decoded: [Bitfield] = []
        var sectorCount: UInt64 = 0
        for declaration in params.extensions {
            guard declaration.deadline < MinerDeadlinePolicy.wpostPeriodDeadlines else {
                throw ActorError(.errIllegalArgument, "deadline \(declaration.deadline) not in range 0..48")
            }
            let sectors: Bitfield
            do { sectors = try declaration.sectors.decoded() } catch {
                throw ActorError(.errIllegalArgument, "failed to count sectors for deadline \(declaration.deadline), partition \(declaration.partition)")
            }
            let count = sectors.count
            guard sectorCount <= UInt64.max - count else { throw ActorError(.errIllegalArgument, "sector bitfield integer overflow") }
            sectorCount += count
            decoded.append(sectors)
        }
        guard sectorCount <= MinerDeadlinePolicy.addressedSectorsMax else {
            throw ActorError(.errIllegalArgument, "too many sectors for declaration \(sectorCount), max 10000")
        }
        let store = rt.store
        let epoch = rt.epoch
        let v2 = rt.actorsVersion >= 2
        let (powerDelta, pledgeDelta) = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> (PowerPair, TokenAmount) in
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            var deadlines = try state.loadDeadlines(store)
            var order: [UInt64] = []
            var byDeadline: [UInt64: [Int]] = [:]
            for (i, declaration) in params.extensions.enumerated() {
                if byDeadline[declaration.deadline] == nil { order.append(declaration.deadline) }
                byDeadline[declaration.deadline, default: []].append(i)
            }
            let sectors = try state.loadSectorsArray(store)
            var power = PowerPair.zero
            var pledge = TokenAmount.zero
            for index in order {
                var deadline = try deadlines.loadDeadline(store, index)
                let partitions = try deadline.partitionsArray(store, actorsVersion: state.actorsVersion)
                let quant = state.quantSpecForDeadline(index)
                var byNewEpoch: [Int64: [UInt64]] = [:]
                var epochs: [Int64] = []
                for i in byDeadline[index] ?? [] {
                    let declaration = params.extensions[i]
                    guard var partition = try partitions.get(declaration.partition) else {
                        throw ActorError(.errNotFound, "no such deadline \(index) partition \(declaration.partition)")
                    }
                    let old = try sectors.load(decoded[i])
                    var new: [SectorOnChainInfo] = []
                    for sector in old {
                        if v2 {
                            guard Self.canExtend(sector.sealProof.rawValue, networkVersion: nv) else {
                                throw ActorError(.errForbidden, "cannot extend expiration for sector \(sector.sectorNumber) with unsupported seal type \(sector.sealProof)")
                            }
                            guard sector.expiration >= epoch else {
                                throw ActorError(.errForbidden, "cannot extend expiration for expired sector \(sector.sectorNumber)")
                            }
                        }
                        guard declaration.newExpiration >= sector.expiration else {
                            throw ActorError(.errIllegalArgument, "cannot reduce sector \(sector.sectorNumber)'s expiration to \(declaration.newExpiration) from \(sector.expiration)")
                        }
                        try validateExpiration(rt, activation: sector.activation, expiration: declaration.newExpiration)
                        var extended = sector
                        extended.expiration = declaration.newExpiration
                        new.append(extended)
                    }
                    try sectors.store(new)
                    let replaced = try partition.replaceSectors(store: store, old: old, new: new, sectorSize: info.sectorSize, quant: quant)
                    power += replaced.power
                    pledge += replaced.pledge
                    try partitions.set(declaration.partition, partition)
                    if nv >= 7 {
                        if byNewEpoch[declaration.newExpiration] == nil { epochs.append(declaration.newExpiration) }
                        byNewEpoch[declaration.newExpiration, default: []].append(declaration.partition)
                    }
                }
                deadline.partitions = try partitions.root()
                for newEpoch in epochs {
                    try deadline.addExpirationPartitions(store, expiration: newEpoch, byNewEpoch[newEpoch] ?? [], quant: quant)
                }
                try deadlines.updateDeadline(store, index, deadline, actorsVersion: state.actorsVersion)
            }
            state.sectors = try sectors.root()
            try state.saveDeadlines(store, deadlines)
            return (power, pledge)
        }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        return []
    }
}
