import FilecoinTypes

/// One step of a head change as Lotus's `api.HeadChange` reports it (`ChainNotify`): the head a
/// subscription starts from, a tipset leaving the chain, or one joining it.
public struct HeadChange: Hashable, Sendable {
    /// Lotus's `HCCurrent`, `HCRevert`, `HCApply` (the raw values are the wire strings).
    public enum Kind: String, Hashable, Sendable {
        case current
        case revert
        case apply
    }

    public var kind: Kind
    public var tipset: TipSet

    public init(kind: Kind, tipset: TipSet) {
        self.kind = kind
        self.tipset = tipset
    }
}
