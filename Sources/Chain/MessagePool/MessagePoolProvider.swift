import ChainState
import FilecoinTypes

/// Everything the message pool needs from the chain (Lotus `messagepool.Provider`), and nothing
/// more: the pool never reaches into the chain store or the state manager directly, so it can be
/// tested against an in-memory chain and the node can back it with its real stores.
///
/// Every method may be called concurrently; errors are passed through to the pool's caller as
/// ``MessagePoolError/stateUnavailable(_:)``.
public protocol MessagePoolProvider: Sendable {
    /// The current head, and every head change after it in order (Lotus `SubscribeHeadChanges`).
    /// The pool takes both at once so no change can fall between them.
    func subscribeHeadChanges() async -> (head: TipSet, changes: AsyncStream<MessagePoolHeadChange>)

    /// The tipset with `key` (needed to walk back to a common ancestor and to revert).
    func loadTipSet(_ key: TipSetKey) async throws -> TipSet

    /// The actor at `address` in the state after `tipset`'s messages were applied (Lotus
    /// `GetActorAfter`), or nil when there is none. Its nonce is the next one the sender must use
    /// on top of `tipset`; its balance pays for the next block's messages.
    func actor(_ address: Address, after tipset: TipSet) async throws -> ActorState?

    /// The actors of `addresses` after `tipset` (selection asks for every pending sender at once).
    /// Absent actors are left out.
    func actors(_ addresses: [Address], after tipset: TipSet) async throws -> [Address: ActorState]

    /// The key (public-key) address behind `address` (Lotus `StateDeterministicAddressAtFinality`);
    /// an address that is already a key address is returned as it is.
    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address

    /// The base fee a block on top of `tipset` pays (Lotus `ChainComputeBaseFee`).
    func baseFee(after tipset: TipSet) async throws -> TokenAmount

    /// The network version in force at `epoch`.
    func networkVersion(at epoch: Int64) -> UInt64

    /// A block's messages as its `MsgMeta` lists them: the BLS ones unsigned, the others signed.
    func messages(in block: BlockHeader) async throws -> MessagePoolBlockMessages

    /// Gossips `message` to the network (Lotus publishes on `/fil/msgs/<network>`); a node without
    /// a network does nothing.
    func publish(_ message: SignedMessage) async throws
}

extension MessagePoolProvider {
    public func actors(_ addresses: [Address], after tipset: TipSet) async throws -> [Address: ActorState] {
        var result: [Address: ActorState] = [:]
        for address in addresses {
            if let actor = try await actor(address, after: tipset) { result[address] = actor }
        }
        return result
    }

    public func publish(_ message: SignedMessage) async throws {}
}

/// One head change: tipsets reverted (newest first), then tipsets applied (oldest first), as the
/// chain store announces them.
public struct MessagePoolHeadChange: Sendable {
    public var revert: [TipSet]
    public var apply: [TipSet]

    public init(revert: [TipSet], apply: [TipSet]) {
        self.revert = revert
        self.apply = apply
    }
}

/// The messages of one block, split as its `MsgMeta` splits them.
public struct MessagePoolBlockMessages: Sendable {
    public var bls: [Message]
    public var secp: [SignedMessage]

    public init(bls: [Message], secp: [SignedMessage]) {
        self.bls = bls
        self.secp = secp
    }
}
