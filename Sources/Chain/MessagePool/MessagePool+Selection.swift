import ChainState
import FilecoinTypes

extension MessagePool {
    /// `MpoolSelect`: the messages for one block on top of `tipset` by a miner whose ticket has
    /// quality `ticketQuality` (Lotus `SelectMessages`).
    public nonisolated func selectMessages(for tipset: TipSet, ticketQuality: Double) async throws(MessagePoolError) -> [SignedMessage] {
        try await selectMessages(for: tipset, ticketQualities: [ticketQuality]).first ?? []
    }

    /// Venus `MpoolSelects`: one disjoint message set per ticket quality, from one snapshot of the
    /// pool, for several blocks a pool of miners won at the same epoch. A sender's messages all go
    /// to one block (its nonces are never split), and no message is in two sets; a block nothing
    /// is left for gets an empty set (Venus would repeat the first block's).
    public nonisolated func selectMessages(for tipset: TipSet, ticketQualities: [Double]) async throws(MessagePoolError) -> [[SignedMessage]] {
        var generator = SystemRandomNumberGenerator()
        return try await selectMessages(for: tipset, ticketQualities: ticketQualities, using: &generator)
    }

    /// The same with the randomness of the optimal packer's random fill supplied (tests).
    public nonisolated func selectMessages(
        for tipset: TipSet, ticketQualities: [Double], using generator: inout some RandomNumberGenerator
    ) async throws(MessagePoolError) -> [[SignedMessage]] {
        guard let snapshot = try await selectionSnapshot(for: tipset) else {
            return Array(repeating: [], count: ticketQualities.count)
        }
        // The packing itself runs off the pool's actor: adds go on while a block is packed.
        let selector = MessageSelector(
            pending: snapshot.pending, actors: snapshot.actors, baseFee: GasPerformance.clampedBaseFee(snapshot.baseFee.attoFIL),
            height: tipset.height)
        let blocks = selector.selectBlocks(ticketQualities: ticketQualities, priority: snapshot.priority, using: &generator)
        return blocks.map { $0.map(\.signed) }
    }

    /// What selection needs, read at once: pending messages as of `tipset`, the senders' actors
    /// after it, the base fee, and the priority senders. Nil when nothing is pending.
    struct SelectionSnapshot: Sendable {
        var pending: [Address: [UInt64: PendingMessage]]
        var actors: [Address: ActorState]
        var baseFee: TokenAmount
        var priority: [Address]
    }

    func selectionSnapshot(for tipset: TipSet) async throws(MessagePoolError) -> SelectionSnapshot? {
        if count > config.sizeLimitHigh {
            // Lotus prunes before selecting when the pool overflowed, ignoring the cooldown.
            try? await pruneMessages(at: tipset)
        }
        let pending = try await pendingMessages(as: tipset)
        guard !pending.isEmpty else { return nil }
        let baseFee: TokenAmount
        do {
            baseFee = try await provider.baseFee(after: tipset)
        } catch {
            throw .stateUnavailable("base fee after \(tipset.key): \(error)")
        }
        let actors = try await actors(Array(pending.keys), after: tipset)
        let priority = try await resolvedPriorityAddresses(at: tipset)
        return SelectionSnapshot(pending: pending, actors: actors, baseFee: baseFee, priority: priority)
    }

    /// Lotus `getPendingMessages`: the pending messages if `tipset` is the pool's head; otherwise
    /// those plus the messages of the tipsets between that are not on `tipset`'s chain, minus
    /// the ones `tipset`'s chain includes.
    func pendingMessages(as tipset: TipSet) async throws(MessagePoolError) -> [Address: [UInt64: PendingMessage]] {
        let current = head
        var result = pendingSets.mapValues(\.messages)
        if current.key == tipset.key { return result }
        let (revert, apply) = try await reorgOperations(from: current, to: tipset)
        for reverted in revert {
            for message in try await signedMessages(of: reverted) {
                let sender = try await resolveToKey(message.message.from, at: tipset)
                result[sender, default: [:]][message.message.nonce] = PendingMessage(message)
            }
        }
        for applied in apply {
            for block in applied.blocks {
                let messages = try await blockMessages(block)
                var used = messages.secp.map { ($0.message.from, $0.message.nonce) }
                used += messages.bls.map { ($0.from, $0.nonce) }
                for (from, nonce) in used {
                    let sender = try await resolveToKey(from, at: applied)
                    result[sender]?.removeValue(forKey: nonce)
                    if result[sender]?.isEmpty == true { result[sender] = nil }
                }
            }
        }
        return result
    }
}
