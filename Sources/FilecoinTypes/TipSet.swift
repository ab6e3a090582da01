import BigInt
import DagCBOR
import FilecoinCrypto

/// A set of blocks at one height with the same parents, in canonical order (Lotus `types.TipSet`).
///
/// Invariants, checked by `init(blocks:)`: at least one block; every block has the same height,
/// parents and parent state root; no block appears twice; blocks are ordered by the blake2b-256
/// of their ticket's VRF proof, ties broken by CID bytes.
public struct TipSet: Hashable, Sendable {
    public let blocks: [BlockHeader]
    public let key: TipSetKey

    public init(blocks: [BlockHeader]) throws(FilecoinTypesError) {
        guard let first = blocks.first else { throw .invalidTipSet("no blocks") }
        for block in blocks.dropFirst() {
            guard block.height == first.height else {
                throw .invalidTipSet("blocks at heights \(first.height) and \(block.height)")
            }
            guard block.parents == first.parents else {
                throw .invalidTipSet("blocks at height \(first.height) have different parents")
            }
            guard block.parentStateRoot == first.parentStateRoot else {
                throw .invalidTipSet("blocks at height \(first.height) have different parent state roots")
            }
        }
        let keyed = blocks.map { block in (block: block, cid: block.cid, ticketDigest: block.ticket.map { Blake2b.hash256($0.vrfProof) }) }
        guard Set(keyed.map(\.cid)).count == keyed.count else {
            throw .invalidTipSet("a block appears twice")
        }
        let sorted = keyed.sorted { lhs, rhs in
            let lhsDigest = lhs.ticketDigest ?? [], rhsDigest = rhs.ticketDigest ?? []
            if lhsDigest != rhsDigest { return lhsDigest.lexicographicallyPrecedes(rhsDigest) }
            return lhs.cid.bytes.lexicographicallyPrecedes(rhs.cid.bytes)
        }
        self.blocks = sorted.map(\.block)
        self.key = TipSetKey(sorted.map(\.cid))
    }

    public var height: Int64 { blocks[0].height }
    public var parents: TipSetKey { blocks[0].parentKey }
    public var parentStateRoot: CID { blocks[0].parentStateRoot }
    public var parentWeight: BigInt { blocks[0].parentWeight }
    public var cids: [CID] { key.cids }

    /// The smallest ticket of the tipset: the first block's, by the ordering invariant.
    public var minTicket: Ticket? { blocks[0].ticket }

    /// The earliest timestamp among the blocks (they should all agree).
    public var minTimestamp: UInt64 { blocks.map(\.timestamp).min() ?? blocks[0].timestamp }
}
