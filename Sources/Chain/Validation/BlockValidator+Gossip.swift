import DagCBOR
import FilecoinTypes

extension BlockValidator {
    /// Lotus `decodeAndCheckBlock`: the bytes of a gossiped block decode to a `BlockMsg` with no more
    /// than `messageLimit` messages and a signature.
    public static func decodeGossipBlock(
        _ bytes: [UInt8], messageLimit: Int = ConsensusParameters.devnet2k.blockMessageLimit
    ) throws(BlockValidationError) -> BlockMsg {
        let block: BlockMsg
        do {
            block = try BlockMsg(cborBytes: bytes)
        } catch {
            throw .malformed("error decoding block: \(error)")
        }
        let count = block.blsMessages.count + block.secpkMessages.count
        guard count <= messageLimit else { throw .tooManyMessages(count: count, limit: messageLimit) }
        guard block.header.blockSig != nil else { throw .missingBlockSignature }
        return block
    }

    /// A block header from its CBOR bytes, or `malformed` saying where the bytes went wrong.
    public static func decodeHeader(_ bytes: [UInt8]) throws(BlockValidationError) -> BlockHeader {
        do {
            return try BlockHeader(cborBytes: bytes)
        } catch {
            throw .malformed("error decoding block header: \(error)")
        }
    }

    /// Lotus `validateMsgMeta`: a gossiped block's message CIDs hash to its header's `Messages` root.
    public static func checkMessageMeta(_ block: BlockMsg) throws(BlockValidationError) {
        let computed: CID
        do {
            computed = try MessageRoots.messagesCID(bls: block.blsMessages, secpk: block.secpkMessages)
        } catch {
            throw .malformed("message roots: \(error)")
        }
        guard computed == block.header.messages else {
            throw .messagesRootMismatch(header: block.header.messages, computed: computed)
        }
    }
}
