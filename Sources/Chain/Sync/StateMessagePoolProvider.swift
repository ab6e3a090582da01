import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// The message pool's view of the node's chain (Lotus `messagepool.mpoolProvider`): head changes
/// from the ``ChainStore``, actors in a tipset's executed state from the ``StateManager``, base
/// fees, block messages, and key addresses at finality.
///
/// A value over the two actors; every method may run concurrently.
public struct StateMessagePoolProvider: MessagePoolProvider {
    public let chain: ChainStore
    public let stateManager: StateManager
    private let publisher: (@Sendable (SignedMessage) async throws -> Void)?
    /// The head when the provider was made: the answer of last resort if a subscription ends
    /// before delivering the head.
    private let initialHead: TipSet

    /// - Parameter publisher: gossips a message (Lotus publishes on `/fil/msgs/<network>`); nil for
    ///   a node without a network, which publishes nothing.
    /// - Throws: ``ChainStoreError/noHead`` when the chain has no head yet (no genesis).
    public init(
        stateManager: StateManager, publisher: (@Sendable (SignedMessage) async throws -> Void)? = nil
    ) async throws(ChainStoreError) {
        self.chain = stateManager.chain
        self.stateManager = stateManager
        self.publisher = publisher
        self.initialHead = try await stateManager.chain.requireHead()
    }

    private var store: any Blockstore { chain.blockstore }

    /// The chain store's subscription, its first element (`[current]`, the head) returned as the
    /// head and every later one mapped to a ``MessagePoolHeadChange``. The mapping task ends when
    /// either side does.
    public func subscribeHeadChanges() async -> (head: TipSet, changes: AsyncStream<MessagePoolHeadChange>) {
        let source = await chain.subscribeHeadChanges()
        let (changes, continuation) = AsyncStream.makeStream(of: MessagePoolHeadChange.self)
        let head: TipSet? = await withCheckedContinuation { (first: CheckedContinuation<TipSet?, Never>) in
            let task = Task {
                var pending: CheckedContinuation<TipSet?, Never>? = first
                for await batch in source {
                    if let waiting = pending {
                        pending = nil
                        waiting.resume(returning: batch.last(where: { $0.kind != .revert })?.tipset)
                        continue
                    }
                    continuation.yield(Self.change(batch))
                }
                pending?.resume(returning: nil)
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        if let head { return (head, changes) }
        // The subscription ended before its first element (it only does if the store goes away):
        // the store's head now, and no changes.
        continuation.finish()
        return (await chain.head ?? initialHead, changes)
    }

    /// A chain store batch as the pool takes it: reverts newest first, applies oldest first (the
    /// store's own order); a `current` step (a first head taken later) counts as applied.
    static func change(_ batch: [HeadChange]) -> MessagePoolHeadChange {
        MessagePoolHeadChange(
            revert: batch.filter { $0.kind == .revert }.map(\.tipset),
            apply: batch.filter { $0.kind != .revert }.map(\.tipset))
    }

    public func loadTipSet(_ key: TipSetKey) async throws -> TipSet {
        try await chain.tipSet(key)
    }

    /// Lotus `GetActorAfter`: the actor in `tipset`'s executed state.
    public func actor(_ address: Address, after tipset: TipSet) async throws -> ActorState? {
        let state = try await stateManager.tipSetState(tipset)
        return try StateFacts(root: state.stateRoot, store: store).actor(address)?.actor
    }

    /// The actors of `addresses` in one opening of `tipset`'s executed state.
    public func actors(_ addresses: [Address], after tipset: TipSet) async throws -> [Address: ActorState] {
        let state = try await stateManager.tipSetState(tipset)
        let facts = try StateFacts(root: state.stateRoot, store: store)
        var result: [Address: ActorState] = [:]
        for address in addresses {
            if let (_, actor) = try facts.actor(address) { result[address] = actor }
        }
        return result
    }

    /// Lotus `ResolveToDeterministicAddressAtFinality`: read at the parent state of the tipset
    /// `ChainFinality` epochs below `tipset` (or `tipset`'s own, on a younger chain), so that a
    /// reorg cannot change the answer.
    public func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address {
        switch address.protocol {
        case .bls, .secp256k1, .delegated: return address
        case .actor: throw StateFactError.actorAddressHasNoKey(address)
        case .id: break
        }
        var final = tipset
        if tipset.height > ChainStore.chainFinality {
            final = try await chain.tipSet(atHeight: tipset.height - ChainStore.chainFinality, from: tipset, prev: true)
        }
        guard let key = try StateFacts(root: final.parentStateRoot, store: store).keyAddress(address) else {
            throw StateFactError.noKeyAddress(address)
        }
        return key
    }

    public func baseFee(after tipset: TipSet) async throws -> TokenAmount {
        try await stateManager.nextBaseFee(after: tipset)
    }

    public func networkVersion(at epoch: Int64) -> UInt64 {
        stateManager.schedule.networkVersion(at: epoch)
    }

    public func messages(in block: BlockHeader) async throws -> MessagePoolBlockMessages {
        let messages = try chain.messageStore.messages(of: block)
        return MessagePoolBlockMessages(bls: messages.bls, secp: messages.secp)
    }

    public func publish(_ message: SignedMessage) async throws {
        try await publisher?(message)
    }
}
