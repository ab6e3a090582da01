import DagCBOR
import FilecoinTypes

/// One block of a tipset as block application sees it (Lotus `store.BlockMessages` with the
/// election's win count): who mined it and its messages, BLS ones first as the header lists them.
public struct BlockMessages: Hashable, Sendable {
    /// The miner the block reward goes to.
    public var miner: Address
    /// Elections won by this block (at least 1 for a valid block; the reward actor refuses less).
    public var winCount: Int64
    public var blsMessages: [ChainMessage]
    public var secpMessages: [ChainMessage]

    public init(miner: Address, winCount: Int64, blsMessages: [ChainMessage], secpMessages: [ChainMessage]) {
        self.miner = miner
        self.winCount = winCount
        self.blsMessages = blsMessages
        self.secpMessages = secpMessages
    }

    /// A block from its messages as stored: each BLS message as a bare `Message`, each secp256k1
    /// one as a `SignedMessage`. Bytes that do not decode are refused, naming the block and slot.
    public init(
        miner: Address, winCount: Int64, blsMessageBytes: [[UInt8]], secpMessageBytes: [[UInt8]], blockIndex: Int = 0
    ) throws(TipsetExecutionError) {
        var bls: [ChainMessage] = []
        for (index, bytes) in blsMessageBytes.enumerated() {
            do { bls.append(.unsigned(try Message(cborBytes: bytes))) } catch {
                throw .malformedMessage(block: blockIndex, index: index, "BLS message: \(error)")
            }
        }
        var secp: [ChainMessage] = []
        for (index, bytes) in secpMessageBytes.enumerated() {
            do { secp.append(.signed(try SignedMessage(cborBytes: bytes))) } catch {
                throw .malformedMessage(block: blockIndex, index: blsMessageBytes.count + index, "secp256k1 message: \(error)")
            }
        }
        self.init(miner: miner, winCount: winCount, blsMessages: bls, secpMessages: secp)
    }

    /// The order block application applies them in.
    public var messages: [ChainMessage] { blsMessages + secpMessages }
}
