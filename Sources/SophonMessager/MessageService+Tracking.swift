import DagCBOR
import FilecoinTypes
import Foundation
import VenusAPI

extension MessageService {
    /// Applies one `ChainNotify` batch to the messages: a reverted tipset's messages go back to
    /// filled (and are pushed again), an applied tipset's executed messages (its parents')
    /// become on chain with their receipts, or conflicts when another message took their nonce.
    public func apply(_ changes: [FullNodeAPI.HeadChange]) async throws {
        try await exclusively { try await applyChanges(changes) }
    }

    func applyChanges(_ changes: [FullNodeAPI.HeadChange]) async throws {
        for change in changes {
            switch change.type {
            case .revert:
                let reverted = try await store.revert(tipSet: change.value.key)
                for message in reverted {
                    try await store.record(
                        event: "reverted", messageID: message.id, height: change.value.height,
                        reason: "tipset \(change.value.height) left the chain")
                }
                if !reverted.isEmpty {
                    logger.info("\(reverted.count) messages reverted with tipset \(change.value.height)")
                    _ = await pushEverywhere(reverted.compactMap(\.signedMessage))
                }
            case .apply, .current:
                try await applyTipSet(change.value)
            default:
                continue
            }
            head = change.value
            try await store.setCursor(height: change.value.height, tipSet: change.value.key)
        }
        notifyChange()
    }

    /// Marks the messages executed at `tipSet` (those its parent tipset included).
    func applyTipSet(_ tipSet: TipSet) async throws {
        guard tipSet.height > 0, let block = tipSet.cids.first else { return }
        let ours = Set(try await store.addresses().map(\.addr))
        guard !ours.isEmpty else { return }
        let executed = try await chain.parentMessages(of: block)
        guard executed.contains(where: { ours.contains($0.message.from) }) else { return }
        let receipts = try await chain.parentReceipts(of: block)
        guard receipts.count == executed.count else {
            throw MessagerError.invalidMessage(
                "tipset \(tipSet.height): \(executed.count) parent messages but \(receipts.count) receipts")
        }
        for (entry, receipt) in zip(executed, receipts) where ours.contains(entry.message.from) {
            try await landed(entry.message, cid: entry.cid, receipt: receipt, in: tipSet)
        }
    }

    /// `message` (CID `cid`) was executed at `tipSet`.
    func landed(_ message: Message, cid: CID, receipt: MessageReceipt, in tipSet: TipSet) async throws {
        guard var record = try await store.message(from: message.from, nonce: message.nonce) else { return }
        if record.state == .onChainMsg, record.tipSetKey == tipSet.key { return }
        let isOurs = record.unsignedCid == message.cid || record.signedCid == cid || Self.sameIntent(record.message, message)
        if isOurs {
            record.state = .onChainMsg
            record.height = tipSet.height
            record.tipSetKey = tipSet.key
            record.receipt = receipt
            record.errorMsg = ""
            if record.unsignedCid != message.cid {
                // An earlier (or later) signed version of ours landed: record the one on chain.
                record.message = message
                record.unsignedCid = message.cid
                record.signedCid = cid
                record.signature = nil
            }
            record.updatedAt = Date()
            try await store.update(record)
            try await store.record(
                event: "on-chain", messageID: record.id, height: tipSet.height,
                reason: "executed at \(tipSet.height), exit code \(receipt.exitCode), gas used \(receipt.gasUsed)")
        } else if record.state == .fillMsg {
            record.state = .nonceConflictMsg
            record.errorMsg = "message \(cid) took nonce \(message.nonce)"
            record.updatedAt = Date()
            try await store.update(record)
            try await store.record(event: "nonce-conflict", messageID: record.id, height: tipSet.height, reason: record.errorMsg)
        }
    }

    /// The same message apart from its gas: a replacement of one another.
    static func sameIntent(_ a: Message, _ b: Message) -> Bool {
        a.from == b.from && a.nonce == b.nonce && a.to == b.to && a.value == b.value && a.method == b.method
            && a.params == b.params
    }
}
