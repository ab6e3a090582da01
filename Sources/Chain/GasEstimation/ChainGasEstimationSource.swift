import ChainState
import FilecoinTypes

/// The node's ``GasEstimationSource``: the chain store, the state manager, and the message pool
/// (nil: a node without one, where no sender has pending messages and the pool's defaults apply).
public struct ChainGasEstimationSource: GasEstimationSource {
    public let chain: ChainStore
    public let state: StateManager
    public let pool: MessagePool?

    public init(chain: ChainStore, state: StateManager, pool: MessagePool?) {
        self.chain = chain
        self.state = state
        self.pool = pool
    }

    public func tipSet(_ key: TipSetKey) async throws -> TipSet {
        try await chain.tipSetOrHead(key)
    }

    public func messages(of tipset: TipSet) async throws -> [Message] {
        try await chain.messages(for: tipset).map(\.message)
    }

    public func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address {
        try await state.resolveToKey(address, at: tipset)
    }

    public func pending(from sender: Address) async throws -> (messages: [SignedMessage], tipset: TipSet) {
        if let pool { return await pool.pendingFor(sender) }
        return ([], try await chain.requireHead())
    }

    public func gasLimitOverestimation() async -> Double {
        guard let pool else { return MessagePoolConfig().gasLimitOverestimation }
        return await pool.config.gasLimitOverestimation
    }

    public func callWithGas(_ message: Message, priorMessages: [ChainMessage], on tipset: TipSet) async throws -> CallResult {
        try await state.callWithGas(message, priorMessages: priorMessages, on: tipset)
    }

    public func actor(_ address: Address, inParentStateOf tipset: TipSet) async throws -> ActorState? {
        try await state.actor(address, at: tipset)
    }
}
