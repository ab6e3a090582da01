import BigInt
import FilecoinTypes

// Placeholders until the deadline side (h-deadlines) lands: they dispatch like the real methods
// (parameter shape checks with the invoker's exit code) and then refuse to compute. Delete this
// file when `MinerActor+Deadlines` (or equivalent) defines these methods.
extension MinerActor {
    private func unimplemented(_ rt: any Runtime, _ method: MinerMethod, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try UnimplementedActor.miner(actorsVersion: actorsVersion).invoke(rt, method: method.rawValue, params: params)
    }

    func submitWindowedPoSt(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .submitWindowedPoSt, params)
    }

    func extendSectorExpiration(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .extendSectorExpiration, params)
    }

    func terminateSectors(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .terminateSectors, params)
    }

    func declareFaults(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .declareFaults, params)
    }

    func declareFaultsRecovered(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .declareFaultsRecovered, params)
    }

    func onDeferredCronEvent(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .onDeferredCronEvent, params)
    }

    func compactPartitions(_ rt: any Runtime, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        try unimplemented(rt, .compactPartitions, params)
    }

    /// `State.RescheduleSectorExpirations` (replaced committed-capacity sectors); returns the
    /// sectors rescheduled (v2 uses them for the replacement's pledge).
    func rescheduleSectorExpirations(
        _ rt: any Runtime, _ state: inout MinerState, sectorSize: UInt64, replacements: [(deadline: UInt64, partition: UInt64, sector: UInt64)]
    ) throws(ActorError) -> [SectorOnChainInfo] {
        if replacements.isEmpty {
            // Upstream still loads the deadlines and the sectors AMT and saves the deadlines.
            let bytes = try rt.store.get(state.deadlines)
            _ = try ActorAMT(loading: state.sectors, store: rt.store)
            state.deadlines = try rt.store.put(bytes)
            return []
        }
        throw .fatal("storageminer: sector replacement is not implemented natively")
    }

    /// `State.AssignSectorsToDeadlines`: returns the new (raw, QA) power.
    func assignSectorsToDeadlines(
        _ rt: any Runtime, _ state: inout MinerState, sectors: [SectorOnChainInfo], partitionSize: UInt64, sectorSize: UInt64
    ) throws(ActorError) -> (raw: BigInt, qa: BigInt) {
        throw .fatal("storageminer: deadline assignment is not implemented natively")
    }
}
