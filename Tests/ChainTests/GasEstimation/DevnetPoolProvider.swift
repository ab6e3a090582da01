import Chain
import ChainState
import FilecoinTypes
import IPLD

/// A message pool provider over the devnet fixture's chain store and state manager, enough for
/// a pool that takes pushes against the head's state (head changes are not followed).
struct DevnetPoolProvider: MessagePoolProvider {
    let chain: ChainStore
    let state: StateManager
    /// The head the pool starts on; the change stream ends at once.
    let head: TipSet

    func subscribeHeadChanges() async -> (head: TipSet, changes: AsyncStream<MessagePoolHeadChange>) {
        (head, AsyncStream { $0.finish() })
    }

    func loadTipSet(_ key: TipSetKey) async throws -> TipSet { try await chain.tipSet(key) }

    func actor(_ address: Address, after tipset: TipSet) async throws -> ActorState? {
        let root = try await state.tipSetState(tipset).stateRoot
        return try StateTreeView(root: root, store: chain.blockstore).actor(at: address)
    }

    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address {
        try await state.resolveToKey(address, at: tipset)
    }

    func baseFee(after tipset: TipSet) async throws -> TokenAmount { try await state.nextBaseFee(after: tipset) }

    func networkVersion(at epoch: Int64) -> UInt64 { state.schedule.networkVersion(at: epoch) }

    func messages(in block: BlockHeader) async throws -> MessagePoolBlockMessages {
        let messages = try chain.messageStore.messages(of: block)
        return MessagePoolBlockMessages(bls: messages.bls, secp: messages.secp)
    }
}
