import DagCBOR
import FilecoinTypes

extension MessagePool {
    /// Lotus `HeadChange`: messages of reverted tipsets return to the pool, messages of applied
    /// tipsets leave it (their nonces are used), and the head moves to the last applied tipset.
    ///
    /// Everything is read from the chain first; the pool then changes in one step. A tipset or
    /// block whose data cannot be read is skipped and the first such error thrown once the rest
    /// is done. Called in order by `run()`; not meant to run concurrently with itself.
    public func headChange(revert: [TipSet], apply: [TipSet]) async throws(MessagePoolError) {
        var failure: MessagePoolError?
        var newHead = head
        var returning: [Address: [UInt64: SignedMessage]] = [:]
        var used: [(sender: Address, nonce: UInt64)] = []

        for tipset in revert {
            do {
                newHead = try await provider.loadTipSet(tipset.parents)
            } catch {
                failure = failure ?? .stateUnavailable("parent of reverted tipset \(tipset.key): \(error)")
                continue
            }
            do throws(MessagePoolError) {
                for message in try await signedMessages(of: tipset) {
                    let sender = try await resolveToKey(message.message.from, at: newHead)
                    returning[sender, default: [:]][message.message.nonce] = message
                }
            } catch {
                failure = failure ?? error
            }
        }

        for tipset in apply {
            newHead = tipset
            for block in tipset.blocks {
                do throws(MessagePoolError) {
                    let messages = try await blockMessages(block)
                    for message in messages.secp.map(\.message) + messages.bls {
                        let sender = try await resolveToKey(message.from, at: tipset)
                        used.append((sender, message.nonce))
                    }
                } catch {
                    failure = failure ?? error
                }
            }
        }

        // The nonces of the senders whose messages return, at the new head, in case their set
        // has to be created.
        var stateNonces: [Address: UInt64] = [:]
        for sender in returning.keys {
            if let state = try? await senderState(sender, at: newHead) { stateNonces[sender] = state.nonce }
        }

        // No suspension from here on.
        head = newHead
        for (sender, nonce) in used {
            if returning[sender]?.removeValue(forKey: nonce) != nil { continue }
            remove(from: sender, nonce: nonce, applied: true)
        }
        for sender in returning.keys.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
            guard let messages = returning[sender] else { continue }
            for nonce in messages.keys.sorted() {
                guard let message = messages[nonce] else { continue }
                addSkippingChecks(PendingMessage(message), sender: sender, stateNonce: stateNonces[sender])
            }
        }
        if let failure { throw failure }
    }

    /// Lotus `addSkipChecks`: a message that was on chain comes back without the rules of a new
    /// message (it was valid there); only the per-sender set's own rules apply, leniently.
    private func addSkippingChecks(_ entry: PendingMessage, sender: Address, stateNonce: UInt64?) {
        var set: PendingMessageSet
        if let existing = pendingSets[sender] {
            set = existing
        } else if let stateNonce {
            set = PendingMessageSet(nextNonce: stateNonce)
        } else {
            return
        }
        let rules = PendingMessageSet.Rules(
            strict: false, maxNonceGap: config.maxNonceGap, maxPending: config.maxPendingPerSender,
            replaceByFeeRatio: config.replaceByFeeRatio)
        guard let grew = try? set.add(entry, rules: rules) else { return }
        pendingSets[sender] = set
        inserted(entry, grew: grew)
    }

    func blockMessages(_ block: BlockHeader) async throws(MessagePoolError) -> MessagePoolBlockMessages {
        do {
            return try await provider.messages(in: block)
        } catch {
            throw .stateUnavailable("messages of block at height \(block.height): \(error)")
        }
    }

    /// Lotus `MessagesForBlocks`: a tipset's messages signed again, the BLS ones with the
    /// signature the pool remembered (those it never saw are left out, as in Lotus).
    func signedMessages(of tipset: TipSet) async throws(MessagePoolError) -> [SignedMessage] {
        var result: [SignedMessage] = []
        for block in tipset.blocks {
            let messages = try await blockMessages(block)
            result.append(contentsOf: messages.secp)
            for message in messages.bls {
                if let signature = blsSignatures[message.cid] {
                    result.append(SignedMessage(message: message, signature: signature))
                }
            }
        }
        return result
    }

    /// Lotus `store.ReorgOps`: the tipsets to revert (from `from` back) and to apply (towards
    /// `to`, newest first) to move between two heads.
    func reorgOperations(from: TipSet, to: TipSet) async throws(MessagePoolError) -> (revert: [TipSet], apply: [TipSet]) {
        var left = from, right = to
        var revert: [TipSet] = [], apply: [TipSet] = []
        while left.key != right.key {
            do {
                if left.height > right.height {
                    revert.append(left)
                    left = try await provider.loadTipSet(left.parents)
                } else {
                    apply.append(right)
                    right = try await provider.loadTipSet(right.parents)
                }
            } catch {
                throw .stateUnavailable("walking back to the common ancestor of \(from.key) and \(to.key): \(error)")
            }
        }
        return (revert, apply)
    }
}
