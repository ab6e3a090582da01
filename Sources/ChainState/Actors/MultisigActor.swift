import DagCBOR
import FilecoinTypes

/// The multisig wallet (specs-actors v0.9 and v2 semantics): signers propose transactions and
/// approve them; at the threshold the transaction is sent. Pending transactions live in a HAMT
/// keyed by the zig-zag varint of their ID.
public struct MultisigActor: BuiltinActor {
    public let actorsVersion: Int
    public static let signersMax = 256

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    private var sorts: Bool { actorsVersion > 0 }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1: return try constructor(rt, rt.tuple(params, actorsVersion >= 2 ? 4 : 3))
        case 2: return try propose(rt, rt.tuple(params, 4))
        case 3: return try approve(rt, rt.tuple(params, 2))
        case 4: return try cancel(rt, rt.tuple(params, 2))
        case 5: return try addSigner(rt, rt.tuple(params, 2))
        case 6: return try removeSigner(rt, rt.tuple(params, 2))
        case 7: return try swapSigner(rt, rt.tuple(params, 2))
        case 8: return try changeThreshold(rt, rt.tuple(params, 1))
        case 9: return try lockBalance(rt, rt.tuple(params, 3))
        default: throw invalidMethod(method)
        }
    }

    // MARK: Methods

    private func constructor(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let signers = try p.addresses(0)
        let threshold = try p.unsigned(1)
        let unlockDuration = try p.int(2)
        let startEpoch = actorsVersion >= 2 ? try p.int(3) : 0
        try rt.validateImmediateCaller(is: BuiltinAddress.initActor)
        guard !signers.isEmpty else { throw ActorError(.errIllegalArgument, "must have at least one signer") }
        if actorsVersion >= 2, signers.count > Self.signersMax {
            throw ActorError(.errIllegalArgument, "cannot add more than \(Self.signersMax) signers")
        }
        var resolved: [Address] = []
        for signer in signers {
            let id = try Self.resolveToID(rt, signer)
            guard !resolved.contains(id) else { throw ActorError(.errIllegalArgument, "duplicate signer not allowed: \(signer)") }
            resolved.append(id)
        }
        guard threshold <= UInt64(signers.count) else {
            throw ActorError(.errIllegalArgument, "must not require more approvals than signers")
        }
        guard threshold >= 1 else { throw ActorError(.errIllegalArgument, "must require at least one approval") }
        guard unlockDuration >= 0 else { throw ActorError(.errIllegalArgument, "negative unlock duration disallowed") }
        let pending = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
        var state = MultisigState(signers: resolved, threshold: threshold, pendingTxns: pending)
        if unlockDuration != 0 {
            state.startEpoch = actorsVersion >= 2 ? startEpoch : rt.epoch
            state.unlockDuration = unlockDuration
            state.initialBalance = rt.valueReceived
        }
        try rt.createState(state)
        return []
    }

    private func propose(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let to = try p.address(0)
        let value = try p.amount(1)
        let method = try p.unsigned(2)
        let params = try p.bytes(3)
        try rt.validateImmediateCaller(type: signable(rt))
        let proposer = rt.caller
        guard !value.isNegative else { throw ActorError(.errIllegalArgument, "proposed value must be non-negative") }
        var txn = MultisigTransaction(to: to, value: value, method: method, params: params, approved: [])
        let id: Int64 = try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard state.signers.contains(proposer) else { throw ActorError(.errForbidden, "\(proposer) is not a signer") }
            let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
            let id = state.nextTxnID
            state.nextTxnID &+= 1
            try pending.set(MultisigTransaction.key(id), txn.cborBytes)
            state.pendingTxns = try pending.flush()
            return id
        }
        let (applied, ret, code) = try approveTransaction(rt, id: id, txn: &txn)
        var writer = CBORWriter()
        writer.writeArrayHeader(4)
        writer.writeInt(id)
        writer.writeBool(applied)
        writer.writeInt(code.rawValue)
        writer.writeBytes(ret)
        return writer.bytes
    }

    private func approve(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let id = try p.int(0)
        let hash = try p.optionalBytes(1)
        try rt.validateImmediateCaller(type: signable(rt))
        let caller = rt.caller
        var (state, txn) = try rt.transaction(MultisigState.self) {
            (state: inout MultisigState) throws(ActorError) -> (MultisigState, MultisigTransaction) in
            guard state.signers.contains(caller) else { throw ActorError(.errForbidden, "\(caller) is not a signer") }
            let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
            let txn = try getTransaction(rt, pending, id: id, proposalHash: hash, checkHash: true)
            return (state, txn)
        }
        var (applied, ret, code) = try executeIfApproved(rt, state: &state, id: id, txn: txn)
        if !applied {
            (applied, ret, code) = try approveTransaction(rt, id: id, txn: &txn)
        }
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        writer.writeBool(applied)
        writer.writeInt(code.rawValue)
        writer.writeBytes(ret)
        return writer.bytes
    }

    private func cancel(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let id = try p.int(0)
        let hash = try p.optionalBytes(1)
        try rt.validateImmediateCaller(type: signable(rt))
        let caller = rt.caller
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard state.signers.contains(caller) else { throw ActorError(.errForbidden, "\(caller) is not a signer") }
            let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
            guard let raw = try pending.get(MultisigTransaction.key(id)) else {
                throw ActorError(.errNotFound, "failed to get transaction for cancel")
            }
            let txn = try Self.decodeTransaction(raw)
            guard txn.approved.first == caller else {
                throw ActorError(.errForbidden, "Cannot cancel another signers transaction")
            }
            let computed = try rt.hashBlake2b(txn.proposalHashData)
            if let hash, hash != computed {
                throw ActorError(.errIllegalState, "hash does not match proposal params (ensure requester is an ID address)")
            }
            guard try pending.delete(MultisigTransaction.key(id)) else {
                throw ActorError(.errIllegalState, "failed to delete pending transaction")
            }
            state.pendingTxns = try pending.flush()
        }
        return []
    }

    private func addSigner(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let signer = try p.address(0)
        let increase = try p.bool(1)
        try rt.validateImmediateCaller(is: rt.receiver)
        let resolved = try Self.resolveToID(rt, signer)
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            if actorsVersion >= 2, state.signers.count >= Self.signersMax {
                throw ActorError(.errForbidden, "cannot add more than \(Self.signersMax) signers")
            }
            guard !state.signers.contains(resolved) else { throw ActorError(.errForbidden, "\(resolved) is already a signer") }
            state.signers.append(resolved)
            if increase { state.threshold &+= 1 }
        }
        return []
    }

    private func removeSigner(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let signer = try p.address(0)
        let decrease = try p.bool(1)
        try rt.validateImmediateCaller(is: rt.receiver)
        let resolved = try Self.resolveToID(rt, signer)
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard state.signers.contains(resolved) else { throw ActorError(.errForbidden, "\(resolved) is not a signer") }
            guard state.signers.count > 1 else { throw ActorError(.errForbidden, "cannot remove only signer") }
            if !decrease, UInt64(state.signers.count - 1) < state.threshold {
                throw ActorError(.errIllegalArgument, "can't reduce signers below threshold with decrease=false")
            }
            if decrease {
                if actorsVersion >= 2, state.threshold < 2 {
                    throw ActorError(.errIllegalArgument, "can't decrease approvals below 1")
                }
                state.threshold &-= 1
            }
            if actorsVersion >= 2 { try purgeApprovals(rt, &state, resolved) }
            state.signers.removeAll { $0 == resolved }
        }
        return []
    }

    private func swapSigner(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let from = try p.address(0)
        let to = try p.address(1)
        try rt.validateImmediateCaller(is: rt.receiver)
        let fromID = try Self.resolveToID(rt, from)
        let toID = try Self.resolveToID(rt, to)
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard state.signers.contains(fromID) else { throw ActorError(.errForbidden, "from addr \(fromID) is not a signer") }
            guard !state.signers.contains(toID) else { throw ActorError(.errIllegalArgument, "\(toID) already a signer") }
            state.signers.removeAll { $0 == fromID }
            state.signers.append(toID)
            if actorsVersion >= 2 { try purgeApprovals(rt, &state, fromID) }
        }
        return []
    }

    private func changeThreshold(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let threshold = try p.unsigned(0)
        try rt.validateImmediateCaller(is: rt.receiver)
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard threshold != 0, threshold <= UInt64(state.signers.count) else {
                throw ActorError(.errIllegalArgument, "New threshold value not supported")
            }
            state.threshold = threshold
        }
        return []
    }

    private func lockBalance(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let start = try p.int(0)
        let duration = try p.int(1)
        let amount = try p.amount(2)
        if actorsVersion == 0, rt.networkVersion < 2 {
            throw ActorError(.sysErrInvalidMethod, "invalid method until network version 2")
        }
        try rt.validateImmediateCaller(is: rt.receiver)
        guard duration > 0 else { throw ActorError(.errIllegalArgument, "unlock duration must be positive") }
        if actorsVersion >= 2, amount.isNegative {
            throw ActorError(.errIllegalArgument, "amount to lock must be positive")
        }
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            guard state.unlockDuration == 0 else { throw ActorError(.errForbidden, "modification of unlock disallowed") }
            state.startEpoch = start
            state.unlockDuration = duration
            state.initialBalance = amount
        }
        return []
    }

    // MARK: Helpers

    private func signable(_ rt: any Runtime) -> [CID] {
        [ActorCodes.code("account", actorsVersion: actorsVersion), ActorCodes.code("multisig", actorsVersion: actorsVersion)]
    }

    private func approveTransaction(
        _ rt: any Runtime, id: Int64, txn: inout MultisigTransaction
    ) throws(ActorError) -> (Bool, [UInt8], ExitCode) {
        let caller = rt.caller
        if txn.approved.contains(caller) { throw ActorError(.errForbidden, "\(caller) already approved this message") }
        let updated = txn
        var state = try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) -> MultisigState in
            let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
            var next = updated
            next.approved.append(caller)
            try pending.set(MultisigTransaction.key(id), next.cborBytes)
            state.pendingTxns = try pending.flush()
            return state
        }
        txn.approved.append(caller)
        return try executeIfApproved(rt, state: &state, id: id, txn: txn)
    }

    private func executeIfApproved(
        _ rt: any Runtime, state: inout MultisigState, id: Int64, txn: MultisigTransaction
    ) throws(ActorError) -> (Bool, [UInt8], ExitCode) {
        guard UInt64(txn.approved.count) >= state.threshold else { return (false, [], .ok) }
        if let why = state.unavailable(
            balance: try rt.currentBalance(), amount: txn.value, epoch: rt.epoch, actorsVersion: actorsVersion)
        {
            throw ActorError(.errInsufficientFunds, "insufficient funds unlocked: \(why)")
        }
        let result = try rt.send(to: txn.to, method: txn.method, params: txn.params, value: txn.value)
        try rt.transaction(MultisigState.self) { (state: inout MultisigState) throws(ActorError) in
            let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
            guard try pending.delete(MultisigTransaction.key(id)) else {
                throw ActorError(.errIllegalState, "failed to delete transaction for cleanup")
            }
            state.pendingTxns = try pending.flush()
        }
        return (true, result.returnData, result.exitCode)
    }

    private func getTransaction(
        _ rt: any Runtime, _ pending: ActorHAMT, id: Int64, proposalHash: [UInt8]?, checkHash: Bool
    ) throws(ActorError) -> MultisigTransaction {
        guard let raw = try pending.get(MultisigTransaction.key(id)) else {
            throw ActorError(.errNotFound, "failed to get transaction for approval")
        }
        let txn = try Self.decodeTransaction(raw)
        if checkHash {
            let computed = try rt.hashBlake2b(txn.proposalHashData)
            if let proposalHash, proposalHash != computed {
                throw ActorError(.errIllegalArgument, "hash does not match proposal params (ensure requester is an ID address)")
            }
        }
        return txn
    }

    private func purgeApprovals(_ rt: any Runtime, _ state: inout MultisigState, _ address: Address) throws(ActorError) {
        let pending = try ActorHAMT(loading: state.pendingTxns, store: rt.store, sortsOnCollapse: sorts)
        var purge: [([UInt8], MultisigTransaction)] = []
        try pending.forEach { (key: [UInt8], value: [UInt8]) throws(ActorError) in
            let txn = try Self.decodeTransaction(value)
            if txn.approved.contains(address) { purge.append((key, txn)) }
        }
        for (key, var txn) in purge {
            txn.approved.removeAll { $0 == address }
            if txn.approved.isEmpty {
                guard try pending.delete(key) else { throw ActorError(.errIllegalState, "failed to delete transaction") }
            } else {
                try pending.set(key, txn.cborBytes)
            }
        }
        state.pendingTxns = try pending.flush()
    }

    static func decodeTransaction(_ raw: [UInt8]) throws(ActorError) -> MultisigTransaction {
        do { return try MultisigTransaction(cborBytes: raw) } catch {
            throw ActorError(.errIllegalState, "failed to read transaction: \(error)")
        }
    }

    /// specs-actors `ResolveToIDAddr`: an unknown key address is created by a zero send first.
    static func resolveToID(_ rt: any Runtime, _ address: Address) throws(ActorError) -> Address {
        if let id = try rt.resolveAddress(address) { return id }
        let result = try rt.send(to: address, method: 0, params: [], value: .zero)
        guard result.exitCode.isSuccess else {
            throw ActorError(result.exitCode, "failed to send zero balance to address \(address)")
        }
        guard let id = try rt.resolveAddress(address) else {
            throw ActorError(.errIllegalState, "failed to resolve address \(address) to ID address even after sending zero balance")
        }
        return id
    }
}
