import ChainState
import FilecoinTypes

extension MessagePool {
    /// Lotus `pruneExcessMessages`: when the pool holds `sizeLimitHigh` messages or more and the
    /// cooldown has passed, prunes it down to `sizeLimitLow`. Returns whether it pruned.
    @discardableResult
    public func pruneExcessMessages() async throws(MessagePoolError) -> Bool {
        guard count >= config.sizeLimitHigh else { return false }
        if let lastPrune, ContinuousClock.now - lastPrune < config.pruneCooldown { return false }
        lastPrune = .now
        try await pruneMessages(at: head)
        return true
    }

    /// Lotus `pruneMessages`: keeps the messages of the best chains (by gas performance at a
    /// tenth of the base fee) up to the low water mark, never pruning priority or local senders.
    func pruneMessages(at tipset: TipSet) async throws(MessagePoolError) {
        let baseFee: TokenAmount
        do {
            baseFee = try await provider.baseFee(after: tipset)
        } catch {
            throw .stateUnavailable("base fee after \(tipset.key): \(error)")
        }
        let lowerBound = Self.baseFeeLowerBound(baseFee, factor: 10)
        var protected = Set(try await resolvedPriorityAddresses(at: tipset))
        protected.formUnion(localSenders)

        let snapshot = pendingSets.mapValues(\.messages)
        let candidates = snapshot.filter { !protected.contains($0.key) }
        let actors = try await actors(Array(candidates.keys), after: tipset)

        // No suspension from here on; messages replaced or removed meanwhile are left alone.
        var keepCount = snapshot.filter { protected.contains($0.key) }.reduce(0) { $0 + $1.value.count }
        var kept = Set<MessageKey>()
        let selector = MessageSelector(
            pending: candidates, actors: actors, baseFee: GasPerformance.clampedBaseFee(lowerBound.attoFIL), height: tipset.height)
        keep: for chain in selector.rankedChains() {
            for entry in chain {
                guard keepCount < config.sizeLimitLow else { break keep }
                kept.insert(MessageKey(sender: entry.from, nonce: entry.nonce))
                keepCount += 1
            }
        }
        for (sender, messages) in candidates {
            for (nonce, entry) in messages where !kept.contains(MessageKey(sender: sender, nonce: nonce)) {
                guard pendingSets[sender]?.messages[nonce]?.cid == entry.cid else { continue }
                remove(from: sender, nonce: nonce, applied: false)
            }
        }
    }

    /// Starts a prune after an add went over the high water mark, unless one is on its way.
    func schedulePrune() {
        guard !pruneScheduled else { return }
        pruneScheduled = true
        Task {
            await self.runScheduledPrune()
        }
    }

    private func runScheduledPrune() async {
        pruneScheduled = false
        _ = try? await pruneExcessMessages()
    }

    func resolvedPriorityAddresses(at tipset: TipSet) async throws(MessagePoolError) -> [Address] {
        var result: [Address] = []
        for address in config.priorityAddresses { result.append(try await resolveToKey(address, at: tipset)) }
        return result
    }

    func actors(_ addresses: [Address], after tipset: TipSet) async throws(MessagePoolError) -> [Address: ActorState] {
        do {
            return try await provider.actors(addresses, after: tipset)
        } catch {
            throw .stateUnavailable("actors after \(tipset.key): \(error)")
        }
    }
}

/// A pending message's place: its sender and nonce.
struct MessageKey: Hashable {
    let sender: Address
    let nonce: UInt64
}
