import DagCBOR
import FilecoinTypes

/// What block application needs of a tipset: the parent's state and epoch, the tipset's own
/// epoch (null rounds lie strictly between the two), its blocks and the base fee it pays.
public struct ExecutableTipset: Hashable, Sendable {
    /// The state the parent tipset's execution left (the blocks' `ParentStateRoot`).
    public var parentStateRoot: CID
    /// The epoch of the last tipset executed; `epoch - parentEpoch - 1` null rounds follow it.
    public var parentEpoch: Int64
    public var epoch: Int64
    /// The base fee the tipset's messages pay (the blocks' `ParentBaseFee`).
    public var baseFee: TokenAmount
    public var blocks: [BlockMessages]

    public init(parentStateRoot: CID, parentEpoch: Int64, epoch: Int64, baseFee: TokenAmount, blocks: [BlockMessages]) {
        self.parentStateRoot = parentStateRoot
        self.parentEpoch = parentEpoch
        self.epoch = epoch
        self.baseFee = baseFee
        self.blocks = blocks
    }
}
