import BigInt
import FilecoinTypes

/// The deadline side's entry points for ConfirmSectorProofsValid (h-miner's caller).
extension MinerActor {
    /// `State.RescheduleSectorExpirations` for replaced committed-capacity sectors; returns the
    /// sectors rescheduled (v2 uses them for the replacement's pledge).
    func rescheduleSectorExpirations(
        _ rt: any Runtime, _ state: inout MinerState, sectorSize: UInt64, replacements: [(deadline: UInt64, partition: UInt64, sector: UInt64)]
    ) throws(ActorError) -> [SectorOnChainInfo] {
        var map = DeadlineSectorMap()
        for replacement in replacements {
            try map.add(deadline: replacement.deadline, partition: replacement.partition, BitfieldQueue.bitfield([replacement.sector]))
        }
        return try state.rescheduleSectorExpirations(rt.store, epoch: rt.epoch, sectorSize: sectorSize, map)
    }

    /// `State.AssignSectorsToDeadlines`: returns the new (raw, QA) power.
    func assignSectorsToDeadlines(
        _ rt: any Runtime, _ state: inout MinerState, sectors: [SectorOnChainInfo], partitionSize: UInt64, sectorSize: UInt64
    ) throws(ActorError) -> (raw: BigInt, qa: BigInt) {
        let power = try state.assignSectorsToDeadlines(
            rt.store, epoch: rt.epoch, sectors, partitionSize: partitionSize, sectorSize: sectorSize)
        return (power.raw, power.qa)
    }
}
