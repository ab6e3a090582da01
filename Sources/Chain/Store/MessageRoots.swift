import DagCBOR
import FilecoinTypes
import IPLD

/// The `Messages` root of a block (Lotus `ToMessagesArray` and `MsgMeta`): the legacy (v0, width 8)
/// AMTs of the BLS message CIDs and of the secpk signed-message CIDs, in block order, under one
/// `MsgMeta`. One definition for the chain store that writes a block's messages, the producer that
/// fills a header and the validator that checks it.
public enum MessageRoots {
    /// The `MsgMeta` of the two CID lists; its nodes are written to `store`.
    public static func msgMeta(bls: [CID], secpk: [CID], store: any Blockstore = MemoryBlockstore()) throws(AMTError) -> MsgMeta {
        MsgMeta(blsMessages: try array(bls, store: store), secpkMessages: try array(secpk, store: store))
    }

    /// The CID the header's `Messages` field holds for these messages.
    public static func messagesCID(bls: [CID], secpk: [CID], store: any Blockstore = MemoryBlockstore()) throws(AMTError) -> CID {
        let meta = try msgMeta(bls: bls, secpk: secpk, store: store)
        let bytes = meta.cborBytes
        let cid = CID.filecoin(cbor: bytes)
        do {
            try store.put(cid, bytes)
        } catch {
            throw .store(error)
        }
        return cid
    }

    /// The messages CID of a full block: BLS messages by their CID, secpk ones by their signed CID.
    public static func messagesCID(of block: FullBlock, store: any Blockstore = MemoryBlockstore()) throws(AMTError) -> CID {
        try messagesCID(bls: block.blsMessages.map(\.cid), secpk: block.secpkMessages.map(\.cid), store: store)
    }

    static func array(_ cids: [CID], store: any Blockstore) throws(AMTError) -> CID {
        var amt = try AMT(store: store, format: .legacy)
        for (index, cid) in cids.enumerated() { try amt.set(UInt64(index), encoding: cid) }
        return try amt.flush()
    }
}
