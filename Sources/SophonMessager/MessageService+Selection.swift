import DagCBOR
import FilecoinTypes
import Foundation
import VenusAPI

extension MessageService {
    /// What one round did, for logs and tests.
    public struct RoundReport: Sendable, Hashable {
        public var filled = 0
        public var estimateFailures = 0
        public var signFailures = 0
        public var expired = 0
        public var replaced = 0
        public var gapsFilled = 0
        public var reconciled = 0
        public var republished = 0
        public init() {}
    }

    /// One round on the settled head `head`: for every live address, reconcile with the chain,
    /// fill its gaps and its quota of waiting messages, rescue its stuck ones, republish.
    @discardableResult
    public func processHead(_ head: TipSet) async throws -> RoundReport {
        try await exclusively { try await round(on: head) }
    }

    func round(on head: TipSet) async throws -> RoundReport {
        self.head = head
        var report = RoundReport()
        let shared = try await store.sharedSpec()
        for address in try await store.addresses() where address.state == .alive || address.state == .removing {
            do {
                try await processAddress(address, head: head, shared: shared, report: &report)
            } catch {
                logger.warning("address \(address.addr) at \(head.height): \(error)")
            }
        }
        notifyChange()
        return report
    }

    func processAddress(_ stored: MessagerAddress, head: TipSet, shared: SharedSpec?, report: inout RoundReport)
        async throws
    {
        var address = stored
        let chainNonce = try await chain.actor(address.addr, at: head.key)?.nonce ?? 0
        report.reconciled += try await reconcile(address.addr, chainNonce: chainNonce, head: head)
        if address.nonce < chainNonce {
            logger.info("\(address.addr): the chain's nonce \(chainNonce) is past ours \(address.nonce): following it")
            address.nonce = chainNonce
            address.updatedAt = Date()
            try await store.save(address)
        }
        if settings.rescueEnabled {
            report.gapsFilled += try await fillGaps(address, chainNonce: chainNonce, head: head)
        }
        guard address.state == .alive else { return }

        let fees = FeeSpec.resolving([address.feeSpec, shared?.feeSpec ?? .zero])
        if !fees.baseFee.isZero, let parentBaseFee = head.blocks.first?.parentBaseFee, fees.baseFee < parentBaseFee {
            logger.info("\(address.addr): base fee \(parentBaseFee.attoFIL) above its limit \(fees.baseFee.attoFIL): waiting")
        } else {
            try await fillQuota(&address, fees: fees, shared: shared, head: head, report: &report)
        }
        if settings.rescueEnabled {
            report.replaced += try await rescueStuck(address, fees: fees, head: head)
        }
        report.republished += try await republish(address.addr, head: head)
    }

    /// Gives nonces to the address's share of waiting messages, prices them, has them signed,
    /// saves them with the address's next nonce in one transaction and pushes them.
    func fillQuota(
        _ address: inout MessagerAddress, fees: FeeSpec, shared: SharedSpec?, head: TipSet, report: inout RoundReport
    ) async throws {
        let candidates: [UInt64] = [address.selMsgNum, shared?.selMsgNum ?? 0, settings.defaultSelectMsgNum]
        let selectCount: UInt64 = candidates.first(where: { $0 > 0 }) ?? 0
        let inFlight = try await store.inFlightCount(from: address.addr)
        let quota = min(Int(clamping: selectCount), settings.maxInFlight) - inFlight
        guard quota > 0 else { return }
        var waiting = try await store.unfilled(from: address.addr, limit: quota)
        guard !waiting.isEmpty else { return }

        var refused: [MessagerMessage] = []
        waiting.removeAll { message in
            guard let expiry = message.meta?.expireEpoch, expiry > 0, expiry <= head.height else { return false }
            var expired = message
            expired.state = .failedMsg
            expired.errorMsg = "expired at epoch \(expiry) (head \(head.height))"
            expired.updatedAt = Date()
            refused.append(expired)
            report.expired += 1
            return true
        }

        // Each message's settings: its own > its address's > its actor method's > the shared ones.
        let configs = try await store.actorConfigs()
        var codes: [Address: CID] = [:]
        var messageFees: [String: FeeSpec] = [:]
        for message in waiting {
            let actorLayer = await actorFees(for: message.message, configs: configs, codes: &codes, head: head)
            messageFees[message.id] = FeeSpec.resolving([
                message.meta.map(FeeSpec.init) ?? .zero, address.feeSpec, actorLayer, shared?.feeSpec ?? .zero,
            ])
        }
        let estimates = try await chain.estimateGas(
            waiting.map { message in
                var unsigned = message.message
                unsigned.nonce = 0
                return FullNodeAPI.EstimateMessage(msg: unsigned, spec: (messageFees[message.id] ?? fees).estimationSpec)
            },
            fromNonce: address.nonce, at: head.key)
        guard estimates.count == waiting.count else {
            throw MessagerError.invalidMessage("the node estimated \(estimates.count) of \(waiting.count) messages")
        }

        var filled: [MessagerMessage] = []
        var nextNonce = address.nonce
        for (message, estimate) in zip(waiting, estimates) {
            var record = message
            guard estimate.err.isEmpty, let priced = estimate.msg else {
                record.errorMsg = "gas estimation: \(estimate.err)"
                record.updatedAt = Date()
                refused.append(record)
                report.estimateFailures += 1
                continue
            }
            var unsigned = (messageFees[message.id] ?? fees).capped(priced)
            unsigned.nonce = nextNonce
            do {
                (record, _) = try await signed(record, as: unsigned)
                filled.append(record)
                nextNonce += 1
            } catch {
                // The rest of this address waits: a later nonce signed now would leave a gap.
                record.errorMsg = "signing: \(error)"
                record.updatedAt = Date()
                refused.append(record)
                report.signFailures += 1
                logger.warning("\(address.addr): signing failed, the address waits for the next head: \(error)")
                break
            }
        }
        address.nonce = nextNonce
        address.updatedAt = Date()
        try await store.fill(filled + refused, address: address, epoch: head.height)
        for message in filled {
            try await store.record(
                event: "filled", messageID: message.id, height: head.height,
                reason: "nonce \(message.message.nonce), gas limit \(message.message.gasLimit), fee cap \(message.message.gasFeeCap.attoFIL), premium \(message.message.gasPremium.attoFIL)")
        }
        report.filled += filled.count
        let pushed = await pushEverywhere(filled.compactMap(\.signedMessage))
        for (message, result) in zip(filled, pushed) {
            if case .failure(let error) = result {
                logger.warning("push \(message.id) (nonce \(message.message.nonce)): \(error)")
                try await store.record(event: "push-failed", messageID: message.id, height: head.height, reason: "\(error)")
            }
        }
    }

    /// The fee settings configured for the actor method `message` calls (`SaveActorCfg`), zero
    /// when none is: the receiving actor's code is asked of the chain once per round.
    func actorFees(for message: Message, configs: [ActorCfg], codes: inout [Address: CID], head: TipSet) async -> FeeSpec {
        guard !configs.isEmpty else { return .zero }
        if codes[message.to] == nil, let actor = try? await chain.actor(message.to, at: head.key) {
            codes[message.to] = actor.code
        }
        guard let code = codes[message.to] else { return .zero }
        return configs.first { $0.methodType.code == code && $0.methodType.method == message.method }?.feeSpec ?? .zero
    }

    /// Filled messages whose nonce the chain has passed: on chain (found by the node's search),
    /// or beaten by another message with the same nonce. Catches up after a restart or a
    /// missed head change.
    func reconcile(_ from: Address, chainNonce: UInt64, head: TipSet) async throws -> Int {
        var count = 0
        for message in try await store.messages(from: from, state: .fillMsg, ascending: true, offset: 0, limit: 0)
        where message.message.nonce < chainNonce {
            guard let cid = message.signedCid else { continue }
            var record = message
            let search: FullNodeAPI.MsgLookup?
            do {
                search = try await chain.searchMessage(cid, from: head.key)
            } catch {
                // The node cannot search by this CID (it never held this version): the chain
                // follower still marks the version that landed when it sees its tipset.
                logger.debug("\(message.id): search for \(cid): \(error)")
                continue
            }
            if let found = search {
                record.state = .onChainMsg
                record.height = found.height
                record.tipSetKey = found.tipSet
                record.receipt = found.receipt
                if found.message != cid { record.signedCid = found.message }
            } else {
                record.state = .nonceConflictMsg
                record.errorMsg = "another message took nonce \(message.message.nonce)"
            }
            record.updatedAt = Date()
            try await store.update(record)
            try await store.record(
                event: record.state == .onChainMsg ? "on-chain" : "nonce-conflict", messageID: record.id,
                height: head.height, reason: "found by search at head \(head.height)")
            count += 1
        }
        return count
    }

    /// Re-pushes the address's filled messages signed two or more epochs ago: a node that lost them
    /// (restarted, pruned, reorganised) gets them back. The pool ignores ones it holds.
    func republish(_ from: Address, head: TipSet) async throws -> Int {
        let messages = try await store.messages(from: from, state: .fillMsg, ascending: true, offset: 0, limit: 0)
        let epochs = try await store.filledEpochs(ids: messages.map(\.id))
        let due = messages.filter { (epochs[$0.id] ?? head.height) + 2 <= head.height }
        _ = await pushEverywhere(due.compactMap(\.signedMessage))
        return due.count
    }
}
