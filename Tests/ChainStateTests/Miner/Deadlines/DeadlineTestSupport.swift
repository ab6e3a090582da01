import BigInt
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

@testable import ChainState

/// Helpers shared by the deadline-side unit tests (transcribed from specs-actors' tests).
enum DeadlineTestSupport {
    static let sectorSize: UInt64 = 32 << 30

    static func store() -> UnchargedActorStore { UnchargedActorStore(MemoryBlockstore()) }

    static func emptyArray(_ store: any ActorStore) throws -> CID { try ActorAMT(store: store).flush() }

    static func bitfield(_ values: UInt64...) -> Bitfield { BitfieldQueue.bitfield(values) }
    static func bitfield(_ values: [UInt64]) -> Bitfield { BitfieldQueue.bitfield(values) }

    /// Any valid CID will do: the tests never load it.
    static func cid(_ seed: Int) throws -> CID {
        var writer = CBORWriter()
        writer.writeText("commR-\(seed)")
        return try UnchargedActorStore(MemoryBlockstore()).put(writer.bytes)
    }

    /// specs-actors `testSector(expiration, number, weight, vweight, pledge)`.
    static func sector(_ expiration: Int64, _ number: UInt64, _ weight: Int, _ verifiedWeight: Int, _ pledge: Int, activation: Int64 = 0)
        throws -> SectorOnChainInfo
    {
        SectorOnChainInfo(
            sectorNumber: number, sealProof: RegisteredSealProof(rawValue: 3), sealedCID: try cid(Int(number)), dealIDs: [],
            activation: activation, expiration: expiration, dealWeight: BigInt(weight), verifiedDealWeight: BigInt(verifiedWeight),
            initialPledge: TokenAmount(attoFIL: pledge), expectedDayReward: .zero, expectedStoragePledge: .zero,
            replacedSectorAge: 0, replacedDayReward: .zero)
    }

    static func power(_ sectors: [SectorOnChainInfo]) -> PowerPair { sectors.power(sectorSize: sectorSize) }

    static func queue(_ store: any ActorStore, quant: QuantSpec = .none, actorsVersion: Int = 2) throws -> ExpirationQueue {
        try ExpirationQueue(loading: try emptyArray(store), store: store, quant: quant, actorsVersion: actorsVersion)
    }
}

