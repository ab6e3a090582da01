import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// A block's messages as Lotus stores them (`computeMsgMeta`, `MessagesForBlock`): each BLS
/// message as a bare `Message` and each secp256k1 one as a `SignedMessage`, under their own CIDs;
/// two AMTs of those CIDs in block order; and the `MsgMeta` pairing the two roots, which the
/// header's `Messages` field names. Both lists use the legacy AMT (Lotus's "block headers use
/// adt0"), so the MsgMeta CID is the one Lotus computes for the same messages.
///
/// Also reads a tipset's receipts AMT (`ReadReceipts`, `GetParentReceipt`).
public struct BlockMessageStore: Sendable {
    public let store: any Blockstore

    public init(store: any Blockstore) { self.store = store }

    /// A block's messages in block order.
    public struct Messages: Hashable, Sendable {
        public var bls: [Message]
        public var secp: [SignedMessage]

        public init(bls: [Message], secp: [SignedMessage]) {
            self.bls = bls
            self.secp = secp
        }

        /// As block application takes them: BLS first.
        public var chainMessages: [ChainMessage] { bls.map { .unsigned($0) } + secp.map { .signed($0) } }
    }

    // MARK: Writing

    /// Stores the messages, their CID lists and the MsgMeta in one batch; returns the MsgMeta's
    /// CID (what a header's `Messages` carries).
    @discardableResult
    public func write(bls: [Message], secp: [SignedMessage]) throws(ChainStoreError) -> CID {
        var blocks: [(cid: CID, data: [UInt8])] = []
        blocks.reserveCapacity(bls.count + secp.count + 1)
        for message in bls {
            let bytes = message.cborBytes
            blocks.append((CID.filecoin(cbor: bytes), bytes))
        }
        for message in secp {
            let bytes = message.cborBytes
            blocks.append((CID.filecoin(cbor: bytes), bytes))
        }
        do { try store.putMany(blocks) } catch { throw .from(error) }
        do {
            return try MessageRoots.messagesCID(
                bls: blocks.prefix(bls.count).map(\.cid), secpk: blocks.suffix(secp.count).map(\.cid), store: store)
        } catch {
            throw .storage("writing the message CID lists: \(error)")
        }
    }

    // MARK: Reading

    /// The BLS and secp256k1 message CIDs the MsgMeta at `msgMeta` lists, in block order.
    public func messageCIDs(msgMeta: CID) throws(ChainStoreError) -> (bls: [CID], secp: [CID]) {
        let meta: MsgMeta
        do { meta = try MsgMeta(cborBytes: try required(msgMeta)) } catch let error as ChainStoreError { throw error } catch {
            throw .malformedMessages(msgMeta, "message meta: \(error)")
        }
        return (try readCIDList(meta.blsMessages), try readCIDList(meta.secpkMessages))
    }

    /// The block's messages (Lotus `MessagesForBlock`).
    public func messages(of header: BlockHeader) throws(ChainStoreError) -> Messages {
        try messages(msgMeta: header.messages)
    }

    public func messages(msgMeta: CID) throws(ChainStoreError) -> Messages {
        let (blsCIDs, secpCIDs) = try messageCIDs(msgMeta: msgMeta)
        var bls: [Message] = []
        bls.reserveCapacity(blsCIDs.count)
        for cid in blsCIDs { bls.append(try message(cid)) }
        var secp: [SignedMessage] = []
        secp.reserveCapacity(secpCIDs.count)
        for cid in secpCIDs { secp.append(try signedMessage(cid)) }
        return Messages(bls: bls, secp: secp)
    }

    /// A bare message by CID.
    public func message(_ cid: CID) throws(ChainStoreError) -> Message {
        let bytes = try required(cid)
        do { return try Message(cborBytes: bytes) } catch { throw .malformedMessages(cid, "message: \(error)") }
    }

    /// A signed message by CID.
    public func signedMessage(_ cid: CID) throws(ChainStoreError) -> SignedMessage {
        let bytes = try required(cid)
        do { return try SignedMessage(cborBytes: bytes) } catch { throw .malformedMessages(cid, "signed message: \(error)") }
    }

    /// A message by CID as either form (Lotus `GetCMessage`: bare first, then signed).
    public func chainMessage(_ cid: CID) throws(ChainStoreError) -> ChainMessage {
        let bytes = try required(cid)
        if let message = try? Message(cborBytes: bytes) { return .unsigned(message) }
        do { return .signed(try SignedMessage(cborBytes: bytes)) } catch { throw .malformedMessages(cid, "neither message form: \(error)") }
    }

    /// Every receipt of a receipts AMT, in order; a gap is an error (Lotus `ReadReceipts`).
    public func receipts(root: CID) throws(ChainStoreError) -> [MessageReceipt] {
        let amt = try loadReceipts(root)
        var receipts: [MessageReceipt] = []
        do {
            try amt.forEach { index, value in
                guard index == UInt64(receipts.count) else {
                    throw ChainStoreError.malformedMessages(root, "receipt \(receipts.count) is missing")
                }
                receipts.append(try MessageReceipt(cborBytes: value))
            }
        } catch let error as ChainStoreError { throw error } catch {
            throw .malformedMessages(root, "receipts: \(error)")
        }
        return receipts
    }

    /// The receipt at `index` (Lotus `GetParentReceipt`); nil when the AMT has none there.
    public func receipt(root: CID, index: Int) throws(ChainStoreError) -> MessageReceipt? {
        let amt = try loadReceipts(root)
        do { return try amt.get(UInt64(index), as: MessageReceipt.self) } catch {
            throw .malformedMessages(root, "receipt \(index): \(error)")
        }
    }

    /// Receipts AMTs are legacy before actors v3 and bit width 3 after (what `TipsetExecutor`
    /// writes); the root's field count tells them apart.
    private func loadReceipts(_ root: CID) throws(ChainStoreError) -> AMT {
        let bytes = try required(root)
        var reader = CBORReader(bytes: bytes)
        let fields = (try? reader.readArrayHeader()) ?? 0
        do {
            return try AMT(loading: root, store: store, format: fields == 4 ? .current(bitWidth: 3) : .legacy)
        } catch {
            throw .malformedMessages(root, "receipts AMT: \(error)")
        }
    }

    private func readCIDList(_ root: CID) throws(ChainStoreError) -> [CID] {
        var cids: [CID] = []
        do {
            let amt = try AMT(loading: root, store: store, format: .legacy)
            try amt.forEach { _, value in cids.append(try CID(cborBytes: value)) }
            guard UInt64(cids.count) == amt.count else {
                throw ChainStoreError.malformedMessages(root, "found \(cids.count) CIDs, the root says \(amt.count)")
            }
        } catch let error as ChainStoreError { throw error } catch {
            throw .malformedMessages(root, "message CID list: \(error)")
        }
        return cids
    }

    private func required(_ cid: CID) throws(ChainStoreError) -> [UInt8] {
        let bytes: [UInt8]?
        do { bytes = try store.get(cid) } catch { throw .from(error) }
        guard let bytes else { throw .missingBlock(cid) }
        return bytes
    }
}
