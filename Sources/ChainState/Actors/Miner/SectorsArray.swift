import DagCBOR
import FilecoinTypes

/// The miner's AMT from sector number to ``SectorOnChainInfo`` (specs-actors `Sectors`).
final class SectorsArray {
    let amt: ActorAMT
    let actorsVersion: Int

    /// `abi.MaxSectorNumber`.
    static let maxSectorNumber: UInt64 = (1 << 63) - 1
    /// v0 `SectorsMax`: the most sectors a miner may hold.
    static let v0SectorsMax: UInt64 = 32 << 20

    init(loading root: CID, store: any ActorStore, actorsVersion: Int) throws(ActorError) {
        amt = try ActorAMT(loading: root, store: store)
        self.actorsVersion = actorsVersion
    }

    func root() throws(ActorError) -> CID { try amt.flush() }

    func get(_ number: UInt64) throws(ActorError) -> SectorOnChainInfo? {
        guard let bytes = try amt.get(number) else { return nil }
        return try MinerAMT.decode(SectorOnChainInfo.self, bytes, "sector \(number)")
    }

    func mustGet(_ number: UInt64) throws(ActorError) -> SectorOnChainInfo {
        guard let info = try get(number) else { throw ActorError(.errIllegalState, "sector \(number) not found") }
        return info
    }

    /// The infos of `numbers` in order; a missing one is ErrNotFound.
    func load(_ numbers: Bitfield) throws(ActorError) -> [SectorOnChainInfo] {
        var infos: [SectorOnChainInfo] = []
        for number in numbers {
            guard let info = try get(number) else {
                throw ActorError(.errNotFound, "failed to load sectors: can't find sector \(number)")
            }
            infos.append(info)
        }
        return infos
    }

    func store(_ infos: [SectorOnChainInfo]) throws(ActorError) {
        for info in infos {
            guard info.sectorNumber <= Self.maxSectorNumber else {
                throw ActorError(.errIllegalState, "sector number \(info.sectorNumber) out of range")
            }
            try amt.set(info.sectorNumber, info.cborBytes)
            if actorsVersion < 2, amt.count > Self.v0SectorsMax {
                throw ActorError(.errIllegalState, "too many sectors")
            }
        }
    }

    /// v2 `LoadForProof`: the proven sectors' infos with each expected fault replaced by the
    /// first non-faulty sector's info; empty when every sector is faulty.
    func loadForProof(_ proven: Bitfield, expectedFaults: Bitfield) throws(ActorError) -> [SectorOnChainInfo] {
        let nonFaults = proven.subtracting(expectedFaults)
        guard let standInNumber = nonFaults.first else { return [] }
        let standIn = try mustGet(standInNumber)
        var infos: [SectorOnChainInfo] = []
        for number in proven {
            infos.append(expectedFaults.contains(number) ? standIn : try mustGet(number))
        }
        return infos
    }

    /// The sectors of `infos` whose numbers are in `numbers`; each of `numbers` must be found.
    static func select(_ infos: [SectorOnChainInfo], _ numbers: Bitfield) throws(ActorError) -> [SectorOnChainInfo] {
        if numbers.count > UInt64(infos.count) {
            throw ActorError(.errIllegalState, "failed to expand bitfield when selecting sectors")
        }
        let included = infos.filter { numbers.contains($0.sectorNumber) }
        if UInt64(Set(included.map(\.sectorNumber)).count) != numbers.count {
            throw ActorError(.errIllegalState, "failed to find expected sectors")
        }
        return included
    }
}
