import DagCBOR
import FilecoinTypes
import Foundation
import VenusAPI

extension MessageService {
    /// Replaces the address's messages that have waited `stuckEpochs` or more since they were
    /// last signed: fee cap and premium raised by at least the replace-by-fee rule, never past
    /// the budget (the resolved `maxFee`; WindowPoSt messages may have their own). Each
    /// decision is recorded with its reason.
    func rescueStuck(_ address: MessagerAddress, fees: FeeSpec, head: TipSet) async throws -> Int {
        let inFlight = try await store.messages(from: address.addr, state: .fillMsg, ascending: true, offset: 0, limit: 0)
        let epochs = try await store.filledEpochs(ids: inFlight.map(\.id))
        let rescue = FeeRescue(raise: settings.feeRaise)
        var replaced = 0
        for message in inFlight {
            guard let filledAt = epochs[message.id] else { continue }
            let waited = head.height - filledAt
            guard waited >= settings.stuckEpochs else { continue }
            let messageFees = FeeSpec.resolving([message.meta.map(FeeSpec.init) ?? .zero, fees])
            var budget = messageFees.maxFee
            if !settings.windowPoStMaxFee.isZero, await isWindowPoSt(message.message) { budget = settings.windowPoStMaxFee }

            let fresh: Message
            do {
                fresh = try await freshEstimate(of: message.message, spec: messageFees.estimationSpec, head: head)
            } catch {
                try await store.record(
                    event: "rescue-skipped", messageID: message.id, height: head.height,
                    reason: "stuck \(waited) epochs; \(error)")
                continue
            }
            switch rescue.decide(current: message.message, estimate: fresh, budget: budget) {
            case .overBudget(let needed, let limit):
                // Said once per stuck period, not at every head.
                if waited % max(1, settings.stuckEpochs) == 0 {
                    try await store.record(
                        event: "stuck-over-budget", messageID: message.id, height: head.height,
                        reason: "stuck \(waited) epochs; a replacement needs \(needed.attoFIL) attoFIL, budget \(limit.attoFIL)")
                }
            case .replace(let feeCap, let premium):
                var unsigned = message.message
                unsigned.gasFeeCap = feeCap
                unsigned.gasPremium = premium
                do {
                    try await replace(message, with: unsigned, at: head, reason: "stuck \(waited) epochs")
                    replaced += 1
                } catch {
                    try await store.record(event: "rescue-failed", messageID: message.id, height: head.height, reason: "\(error)")
                }
            }
        }
        return replaced
    }

    /// Signs `unsigned` (same nonce, new fees) for `message`, saves it as the message's current
    /// version and pushes it.
    @discardableResult
    func replace(_ message: MessagerMessage, with unsigned: Message, at head: TipSet, reason: String) async throws -> CID {
        let (record, signed) = try await signed(message, as: unsigned)
        // The followed node must take the replacement before it becomes the message's version:
        // a version the node refused (its original already included, say) would be unknown to
        // every later search, and the original may still land.
        if case .failure(let error) = await pushEverywhere([signed]).first {
            try await store.record(
                event: "replacement-refused", messageID: message.id, height: head.height,
                reason: "\(reason): the node refused fee cap \(unsigned.gasFeeCap.attoFIL), premium \(unsigned.gasPremium.attoFIL): \(error)")
            throw error
        }
        try await store.replace(record, epoch: head.height)
        try await store.record(
            event: "replaced", messageID: message.id, height: head.height,
            reason: "\(reason): fee cap \(message.message.gasFeeCap.attoFIL) -> \(unsigned.gasFeeCap.attoFIL), premium \(message.message.gasPremium.attoFIL) -> \(unsigned.gasPremium.attoFIL)")
        return signed.cid
    }

    /// Fills the nonce the chain waits for when no message of ours holds it (one refused after
    /// signing, marked bad, or lost): a zero-value send to itself with that nonce, so the
    /// messages after it can land. Only the chain's next nonce blocks anything; a hole above it
    /// is filled once the chain reaches it (and a message landing meanwhile is not mistaken for
    /// a hole).
    func fillGaps(_ address: MessagerAddress, chainNonce: UInt64, head: TipSet) async throws -> Int {
        guard chainNonce < address.nonce else { return 0 }
        let inFlight = try await store.messages(from: address.addr, state: .fillMsg, ascending: true, offset: 0, limit: 0)
        if inFlight.contains(where: { $0.message.nonce == chainNonce }) { return 0 }
        if let holder = try await store.message(from: address.addr, nonce: chainNonce),
            holder.state == .onChainMsg || holder.state == .fillMsg
        {
            return 0
        }
        let missing = [chainNonce]
        var filled = 0
        for nonce in missing.prefix(settings.maxInFlight) {
            let probe = Message(
                to: address.addr, from: address.addr, nonce: nonce, value: .zero, gasLimit: 0, gasFeeCap: .zero,
                gasPremium: .zero)
            let estimate = try await chain.estimateGas(
                [FullNodeAPI.EstimateMessage(msg: probe, spec: nil)], fromNonce: nonce, at: head.key)
            guard let priced = estimate.first?.msg, estimate.first?.err.isEmpty ?? false else { continue }
            var unsigned = priced
            unsigned.nonce = nonce
            let owner = inFlight.first?.walletName ?? ""
            let id = "gap-\(address.addr)-\(nonce)-\(UUID().uuidString.lowercased())"
            var record = MessagerMessage(unsigned: unsigned, id: id, walletName: owner, state: .unFillMsg)
            do {
                let (filler, signed) = try await signed(record, as: unsigned)
                record = filler
                try await store.insert(record, priority: 0)
                try await store.fill([record], address: address, epoch: head.height)
                try await store.record(
                    event: "gap-filled", messageID: id, height: head.height,
                    reason: "no message held nonce \(nonce) (chain at \(chainNonce), next \(address.nonce)): a zero send to itself fills it")
                _ = await pushEverywhere([signed])
                filled += 1
            } catch {
                logger.warning("\(address.addr): filling the gap at nonce \(nonce): \(error)")
            }
        }
        return filled
    }
}
