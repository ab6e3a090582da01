import BigInt
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD

/// The expected-consensus weight of a tipset (Lotus `filcns.Weight`) and the tie-break between
/// tipsets of equal weight (`breakWeightTie`).
///
/// `w = parentWeight + log2P·2^8 + log2P·wRatioNum·2^8·Σwincount / (blocksPerEpoch·wRatioDen)`,
/// where `log2P` is `bitlen(totalQAPower) − 1` of the power actor's `TotalQualityAdjPower` in
/// the tipset's *parent* state (Lotus `TotalPower()`, not the committed totals), the division
/// is Go's `big.Int.Div` of two non-negative numbers, and a block without an election proof
/// (the genesis) counts zero wins.
public enum ChainWeight {
    /// Lotus `build.WRatioNum` / `WRatioDen`: the share of weight from the block count.
    public static let wRatioNum: Int64 = 1
    public static let wRatioDen: Int64 = 2
    /// Lotus `build.BlocksPerEpoch`: the expected number of winners per epoch.
    public static let blocksPerEpoch: Int64 = 5
    /// The fixed-point precision of the weight: 2^8.
    public static let precisionBits = 8

    /// The weight from its inputs (the formula alone, for oracles and tests).
    public static func weight(parentWeight: BigInt, totalQualityAdjPower: BigInt, winCounts: [Int64]) -> BigInt? {
        guard totalQualityAdjPower > 0 else { return nil }
        // Go's BitLen: attaswift's BigUInt.bitWidth is the count of significant bits.
        let log2P = BigInt(totalQualityAdjPower.magnitude.bitWidth - 1)
        var out = parentWeight + (log2P << precisionBits)
        let totalJ = BigInt(winCounts.reduce(0, +))
        var eWeight = (log2P * BigInt(wRatioNum)) << precisionBits
        eWeight *= totalJ
        eWeight = GoBig.div(eWeight, BigInt(blocksPerEpoch * wRatioDen))
        out += eWeight
        return out
    }

    /// The weight of `tipset`, reading the power actor in its parent state from `store`.
    public static func weight(of tipset: TipSet, store: any Blockstore) throws(ChainStoreError) -> BigInt {
        let power = try totalQualityAdjPower(stateRoot: tipset.parentStateRoot, store: store)
        let winCounts = tipset.blocks.map { $0.electionProof?.winCount ?? 0 }
        guard let weight = weight(parentWeight: tipset.parentWeight, totalQualityAdjPower: power, winCounts: winCounts) else {
            throw .noPower(tipset.key)
        }
        return weight
    }

    /// The power actor's `TotalQualityAdjPower` at `stateRoot`.
    public static func totalQualityAdjPower(stateRoot: CID, store: any Blockstore) throws(ChainStoreError) -> BigInt {
        do {
            let view = try StateTreeView(root: stateRoot, store: store)
            guard let actor = try view.actor(at: BuiltinAddress.powerActor) else {
                throw ChainStoreError.unreadableState(stateRoot, "no power actor")
            }
            guard let bytes = try store.get(actor.head) else { throw ChainStoreError.missingBlock(actor.head) }
            return try PowerState(cborBytes: bytes).totalQualityAdjPower
        } catch let error as ChainStoreError {
            throw error
        } catch {
            throw .unreadableState(stateRoot, "\(error)")
        }
    }

    /// Whether `a` wins a weight tie against `b` (Lotus `breakWeightTie`): blocks pair up in
    /// tipset order (already sorted by ticket) and the first pair whose tickets differ decides,
    /// the smaller ticket (by blake2b-256 of its VRF proof) winning; no difference keeps `b`.
    public static func breaksTie(_ a: TipSet, over b: TipSet) -> Bool {
        for (blockA, blockB) in zip(a.blocks, b.blocks) {
            let digestA = ticketDigest(blockA), digestB = ticketDigest(blockB)
            if digestA.lexicographicallyPrecedes(digestB) { return true }
            if digestB.lexicographicallyPrecedes(digestA) { return false }
        }
        return false
    }

    private static func ticketDigest(_ block: BlockHeader) -> [UInt8] {
        block.ticket.map { Blake2b.hash256($0.vrfProof) } ?? []
    }
}
