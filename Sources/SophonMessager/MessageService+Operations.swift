import DagCBOR
import FilecoinTypes
import Foundation
import VenusAPI

extension MessageService {
    /// `ReplaceMessage`: a filled message signed again with the caller's fees, or (`auto`) with
    /// the node's fresh estimate raised by the replace-by-fee rule. Returns the new signed CID.
    public func replaceByRequest(_ request: ReplacMessageParams) async throws -> CID {
        guard let message = try await store.message(id: request.id) else { throw MessagerError.messageNotFound(request.id) }
        guard message.state == .fillMsg else {
            throw MessagerError.invalidState(id: request.id, state: message.state.description, operation: "replace it")
        }
        let head = try await currentHead()
        var unsigned = message.message
        if request.gasLimit > 0 { unsigned.gasLimit = request.gasLimit }
        if request.auto {
            let spec = FeeSpec(maxFee: request.maxFee, gasOverPremium: request.gasOverPremium).estimationSpec
            let fresh = try await freshEstimate(of: unsigned, spec: spec, head: head)
            switch FeeRescue(raise: settings.feeRaise).decide(current: unsigned, estimate: fresh, budget: request.maxFee) {
            case .replace(let feeCap, let premium):
                unsigned.gasFeeCap = feeCap
                unsigned.gasPremium = premium
            case .overBudget(let needed, let budget):
                throw MessagerError.invalidMessage("a replacement needs \(needed.attoFIL) attoFIL, over the max fee \(budget.attoFIL)")
            }
        } else {
            guard !request.gasFeeCap.isZero || !request.gasPremium.isZero else {
                throw MessagerError.invalidMessage("give a fee cap or premium, or ask for auto")
            }
            if !request.gasFeeCap.isZero { unsigned.gasFeeCap = request.gasFeeCap }
            if !request.gasPremium.isZero { unsigned.gasPremium = request.gasPremium }
            if unsigned.gasFeeCap < unsigned.gasPremium {
                throw MessagerError.invalidMessage("premium \(unsigned.gasPremium.attoFIL) above fee cap \(unsigned.gasFeeCap.attoFIL)")
            }
        }
        let cid = try await replace(message, with: unsigned, at: head, reason: "asked by a caller")
        notifyChange()
        return cid
    }

    /// Pushes a filled message again to every node.
    public func republish(id: String) async throws {
        guard let message = try await store.message(id: id) else { throw MessagerError.messageNotFound(id) }
        guard message.state == .fillMsg, let signed = message.signedMessage else {
            throw MessagerError.invalidState(id: id, state: message.state.description, operation: "republish it")
        }
        if case .failure(let error) = await pushEverywhere([signed]).first { throw error }
    }

    /// Gives up on a message that is not on chain: it is failed and never sent (again).
    public func markBad(id: String) async throws {
        try await setState(id: id, to: .failedMsg, reason: "marked bad")
    }

    public func setState(id: String, to state: MessageState, reason: String = "state set by a caller") async throws {
        guard var message = try await store.message(id: id) else { throw MessagerError.messageNotFound(id) }
        guard MessageState.allKnown.contains(state), state != .unKnown else {
            throw MessagerError.invalidMessage("unknown message state \(state.rawValue)")
        }
        if message.state == .onChainMsg, state != .onChainMsg {
            throw MessagerError.invalidState(id: id, state: message.state.description, operation: "change its state")
        }
        message.state = state
        message.errorMsg = state == .failedMsg ? reason : message.errorMsg
        message.updatedAt = Date()
        try await store.update(message)
        try await store.record(event: "state", messageID: id, height: head?.height ?? 0, reason: "\(reason): \(state)")
        notifyChange()
    }

    /// Asks the node where a filled message is, and records it on chain when it is.
    public func refreshFilled(id: String) async throws {
        guard let message = try await store.message(id: id) else { throw MessagerError.messageNotFound(id) }
        guard message.state == .fillMsg else { return }
        _ = try await refresh([message])
    }

    /// `UpdateAllFilledMessage`: every filled message looked up on chain; returns how many landed.
    public func refreshAllFilled() async throws -> Int {
        try await refresh(try await store.messages(in: .fillMsg))
    }

    func refresh(_ messages: [MessagerMessage]) async throws -> Int {
        let head = try await currentHead()
        var landed = 0
        for message in messages {
            guard let cid = message.signedCid, let found = try await chain.searchMessage(cid, from: head.key) else { continue }
            var record = message
            record.state = .onChainMsg
            record.height = found.height
            record.tipSetKey = found.tipSet
            record.receipt = found.receipt
            record.updatedAt = Date()
            try await store.update(record)
            landed += 1
        }
        notifyChange()
        return landed
    }

    /// Failed messages of `from` that never got on chain go back to waiting; returns their ids.
    public func recoverFailed(from: Address) async throws -> [String] {
        var recovered: [String] = []
        for var message in try await store.messages(from: from, state: .failedMsg, ascending: true, offset: 0, limit: 0)
        where message.receipt == nil {
            message.state = .unFillMsg
            message.signature = nil
            message.signedCid = nil
            message.unsignedCid = nil
            message.errorMsg = ""
            message.updatedAt = Date()
            try await store.update(message)
            try await store.record(event: "recovered", messageID: message.id, height: head?.height ?? 0, reason: "failed message recovered")
            recovered.append(message.id)
        }
        return recovered
    }

    /// Drops `from`'s waiting messages (they become failed); returns how many.
    public func clearUnfilled(from: Address) async throws -> Int {
        let waiting = try await store.messages(from: from, state: .unFillMsg, ascending: true, offset: 0, limit: 0)
        for var message in waiting {
            message.state = .failedMsg
            message.errorMsg = "cleared before being sent"
            message.updatedAt = Date()
            try await store.update(message)
        }
        notifyChange()
        return waiting.count
    }
}
