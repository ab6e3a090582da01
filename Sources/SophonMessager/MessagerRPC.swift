import BigInt
import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import VenusAPI

/// The `Message.*` API (`/rpc/v0`) over a `MessageService`: every method of `MessagerAPI`, the
/// caller's addresses checked on each (`AddressAuthorizer`): a user reads and sends only for the
/// signers sophon-auth binds to them; the messager's own token and admin tokens act for all.
public struct MessagerRPC: Sendable {
    let service: MessageService
    let store: any MessagerStore
    let authorizer: AddressAuthorizer
    let chain: any MessagerChain
    let wallets: (any WalletPresence)?
    let version: VenusVersion

    public init(
        service: MessageService, store: any MessagerStore, authorizer: AddressAuthorizer, chain: any MessagerChain,
        wallets: (any WalletPresence)?, version: VenusVersion
    ) {
        self.service = service
        self.store = store
        self.authorizer = authorizer
        self.chain = chain
        self.wallets = wallets
        self.version = version
    }

    public func registry() -> RPCRegistry {
        var registry = RPCRegistry()
        registerMessages(on: &registry)
        registerRepairs(on: &registry)
        registerAddresses(on: &registry)
        registerSettings(on: &registry)
        registerUnavailable(on: &registry)
        let version = version
        registry.register(MessagerAPI.version) { _, _ in version }
        return registry
    }

    /// The message `id`, if the caller may see its sender.
    func visibleMessage(_ id: String, _ context: RPCCallContext) async throws -> MessagerMessage {
        let message = try await service.message(id: id)
        _ = try await authorizer.authorize(context.token, for: message.message.from)
        return message
    }

    func visible(_ message: MessagerMessage?, key: String, _ context: RPCCallContext) async throws -> MessagerMessage {
        guard let message else { throw MessagerError.messageNotFound(key) }
        _ = try await authorizer.authorize(context.token, for: message.message.from)
        return await service.withConfidence(message)
    }

    func registerMessages(on registry: inout RPCRegistry) {
        let service = service, store = store, authorizer = authorizer
        registry.register(MessagerAPI.pushMessage) { context, p in
            let scope = try await authorizer.authorize(context.token, for: p.p0.from)
            return try await service.push(p.p0, spec: p.p1 ?? SendSpec(), scope: scope)
        }
        registry.register(MessagerAPI.pushMessageWithId) { context, p in
            let scope = try await authorizer.authorize(context.token, for: p.p1.from)
            return try await service.push(p.p1, spec: p.p2 ?? SendSpec(), id: p.p0, scope: scope)
        }
        registry.register(MessagerAPI.send) { context, p in
            let scope = try await authorizer.authorize(context.token, for: p.p0.from)
            let message = try Self.message(for: p.p0)
            return try await service.push(message, spec: SendSpec(), scope: scope)
        }
        registry.register(MessagerAPI.hasMessageByUid) { context, p in
            guard let message = try await store.message(id: p.p0) else { return false }
            return try await authorizer.scope(of: context.token).allows(message.message.from)
        }
        registry.register(MessagerAPI.waitMessage) { context, p in
            _ = try await visibleMessage(p.p0, context)
            return try await service.wait(id: p.p0, confidence: p.p1)
        }
        registry.register(MessagerAPI.getMessageByUid) { context, p in try await visibleMessage(p.p0, context) }
        registry.register(MessagerAPI.listMessageEvents) { context, p in
            _ = try await visibleMessage(p.p0, context)
            return try await store.events(messageID: p.p0)
        }
        registry.register(MessagerAPI.getMessageBySignedCid) { context, p in
            try await visible(try await store.message(signedCid: p.p0), key: p.p0.description, context)
        }
        registry.register(MessagerAPI.getMessageByUnsignedCid) { context, p in
            try await visible(try await store.message(unsignedCid: p.p0), key: p.p0.description, context)
        }
        registry.register(MessagerAPI.getMessageByFromAndNonce) { context, p in
            try await visible(try await store.message(from: p.p0, nonce: p.p1), key: "\(p.p0)/\(p.p1)", context)
        }
        registry.register(MessagerAPI.listMessage) { context, p in
            let scope = try await authorizer.scope(of: context.token)
            return await withConfidence(try await store.messages(matching: p.p0, senders: senders(of: scope)))
        }
        registry.register(MessagerAPI.listMessageByFromState) { _, p in
            // Upstream's page index counts from 1; "<empty>" stands for every address.
            let offset = max(0, p.p3 - 1) * max(0, p.p4)
            guard let from = p.p0.address else {
                let query = MsgQueryParams(
                    state: [p.p1], from: [], byUpdateAt: nil, asc: p.p2, limit: UInt(max(0, p.p4)), offset: UInt(offset))
                return await withConfidence(try await store.messages(matching: query, senders: nil))
            }
            return await withConfidence(
                try await store.messages(from: from, state: p.p1, ascending: p.p2, offset: offset, limit: p.p4))
        }
        registry.register(MessagerAPI.listMessageByAddress) { _, p in
            await withConfidence(
                try await store.messages(
                    matching: MsgQueryParams(state: [], from: [p.p0], byUpdateAt: nil, asc: true, limit: 0, offset: 0),
                    senders: nil))
        }
        registry.register(MessagerAPI.listFailedMessage) { context, _ in
            let scope = try await authorizer.scope(of: context.token)
            return try await store.messages(in: .failedMsg).filter { scope.allows($0.message.from) }
        }
        registry.register(MessagerAPI.listBlockedMessage) { context, p in
            // Signed messages older than the duration (nanoseconds) that are still not on chain,
            // of one address or ("<empty>") of every address the caller may see.
            let scope: AddressScope
            if let from = p.p0.address {
                scope = try await authorizer.authorize(context.token, for: from)
            } else {
                scope = try await authorizer.scope(of: context.token)
            }
            let cutoff = Date().addingTimeInterval(-Double(p.p1) / 1e9)
            let only = p.p0.address
            return try await store.messages(in: .fillMsg).filter { message in
                message.updatedAt <= cutoff && scope.allows(message.message.from) && (only == nil || message.message.from == only)
            }
        }
    }

    func registerRepairs(on registry: inout RPCRegistry) {
        let service = service, authorizer = authorizer
        registry.register(MessagerAPI.replaceMessage) { context, p in
            _ = try await visibleMessage(p.p0.id, context)
            return try await service.replaceByRequest(p.p0)
        }
        registry.register(MessagerAPI.republishMessage) { context, p in
            _ = try await visibleMessage(p.p0, context)
            try await service.republish(id: p.p0)
            return RPCVoid()
        }
        registry.register(MessagerAPI.markBadMessage) { context, p in
            _ = try await visibleMessage(p.p0, context)
            try await service.markBad(id: p.p0)
            return RPCVoid()
        }
        registry.register(MessagerAPI.updateMessageStateByID) { context, p in
            _ = try await visibleMessage(p.p0, context)
            try await service.setState(id: p.p0, to: p.p1)
            return RPCVoid()
        }
        registry.register(MessagerAPI.updateFilledMessageByID) { context, p in
            _ = try await visibleMessage(p.p0, context)
            try await service.refreshFilled(id: p.p0)
            return p.p0
        }
        registry.register(MessagerAPI.updateAllFilledMessage) { _, _ in try await service.refreshAllFilled() }
        registry.register(MessagerAPI.recoverFailedMsg) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            return try await service.recoverFailed(from: p.p0)
        }
        registry.register(MessagerAPI.clearUnFillMessage) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            return try await service.clearUnfilled(from: p.p0)
        }
    }

    func registerAddresses(on registry: inout RPCRegistry) {
        let store = store, authorizer = authorizer, wallets = wallets
        registry.register(MessagerAPI.getAddress) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            guard let address = try await store.address(p.p0) else { throw MessagerError.addressNotFound(p.p0) }
            return address
        }
        registry.register(MessagerAPI.hasAddress) { context, p in
            guard try await authorizer.scope(of: context.token).allows(p.p0) else { return false }
            return try await store.address(p.p0) != nil
        }
        registry.register(MessagerAPI.walletHas) { context, p in
            let scope = try await authorizer.authorize(context.token, for: p.p0)
            guard let wallets else { return false }
            return try await wallets.has(p.p0, accounts: scope.userName.isEmpty ? [] : [scope.userName])
        }
        registry.register(MessagerAPI.listAddress) { context, _ in
            let scope = try await authorizer.scope(of: context.token)
            return try await store.addresses().filter { scope.allows($0.addr) }
        }
        registry.register(MessagerAPI.updateNonce) { _, p in
            try await changeAddress(p.p0) { $0.nonce = p.p1 }
            return RPCVoid()
        }
        registry.register(MessagerAPI.deleteAddress) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            try await changeAddress(p.p0) {
                $0.state = .removed
                $0.isDeleted = MessagerAddress.deleted
            }
            return RPCVoid()
        }
        registry.register(MessagerAPI.forbiddenAddress) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            try await changeAddress(p.p0) { $0.state = .forbidden }
            return RPCVoid()
        }
        registry.register(MessagerAPI.activeAddress) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            try await changeAddress(p.p0) {
                $0.state = .alive
                $0.isDeleted = MessagerAddress.notDeleted
            }
            return RPCVoid()
        }
        registry.register(MessagerAPI.setSelectMsgNum) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0)
            try await changeAddress(p.p0) { $0.selMsgNum = p.p1 }
            return RPCVoid()
        }
        registry.register(MessagerAPI.setFeeParams) { context, p in
            _ = try await authorizer.authorize(context.token, for: p.p0.address)
            let spec = p.p0
            let maxFee = try Self.amount(spec.maxFeeStr, "maxFee")
            let feeCap = try Self.amount(spec.gasFeeCapStr, "gasFeeCap")
            let baseFee = try Self.amount(spec.baseFeeStr, "baseFee")
            try await changeAddress(spec.address) { address in
                if spec.gasOverEstimation > 0 { address.feeSpec.gasOverEstimation = spec.gasOverEstimation }
                if spec.gasOverPremium > 0 { address.feeSpec.gasOverPremium = spec.gasOverPremium }
                if let maxFee { address.feeSpec.maxFee = maxFee }
                if let feeCap { address.feeSpec.gasFeeCap = feeCap }
                if let baseFee { address.feeSpec.baseFee = baseFee }
            }
            return RPCVoid()
        }
    }

    func registerSettings(on registry: inout RPCRegistry) {
        let store = store, service = service
        registry.register(MessagerAPI.getSharedParams) { _, _ in
            try await store.sharedSpec() ?? SharedSpec(id: 1, selMsgNum: 0, feeSpec: .zero)
        }
        registry.register(MessagerAPI.setSharedParams) { _, p in
            try await store.save(p.p0)
            return RPCVoid()
        }
        registry.register(MessagerAPI.saveNode) { _, p in
            _ = try RPCMessagerChain(endpoint: p.p0.url, token: p.p0.token)
            try await store.save(p.p0)
            try await service.reloadNodes()
            return RPCVoid()
        }
        registry.register(MessagerAPI.getNode) { _, p in
            guard let node = try await store.node(name: p.p0) else { throw MessagerError.nodeNotFound(p.p0) }
            return node
        }
        registry.register(MessagerAPI.hasNode) { _, p in try await store.node(name: p.p0) != nil }
        registry.register(MessagerAPI.listNode) { _, _ in try await store.nodes() }
        registry.register(MessagerAPI.deleteNode) { _, p in
            guard try await store.deleteNode(name: p.p0) else { throw MessagerError.nodeNotFound(p.p0) }
            try await service.reloadNodes()
            return RPCVoid()
        }
        registry.register(MessagerAPI.saveActorCfg) { _, p in
            try await store.save(p.p0)
            return RPCVoid()
        }
        registry.register(MessagerAPI.updateActorCfg) { _, p in
            guard let config = try await store.actorConfig(id: p.p0) else {
                throw MessagerError.invalidMessage("no actor config \(p.p0)")
            }
            try await store.save(config.applying(p.p1))
            return RPCVoid()
        }
        registry.register(MessagerAPI.listActorCfg) { _, _ in try await store.actorConfigs() }
        registry.register(MessagerAPI.getActorCfgByID) { _, p in
            guard let config = try await store.actorConfig(id: p.p0) else {
                throw MessagerError.invalidMessage("no actor config \(p.p0)")
            }
            return config
        }
    }

    /// Methods of upstream's API that need parts this messager does not run: a clear error each.
    func registerUnavailable(on registry: inout RPCRegistry) {
        let noNetwork = MessagerError.invalidMessage("this messager runs no libp2p host: it pushes through the configured nodes")
        registry.register(MessagerAPI.netFindPeer) { _, _ in throw noNetwork }
        registry.register(MessagerAPI.netPeers) { _, _ in throw noNetwork }
        registry.register(MessagerAPI.netConnect) { _, _ in throw noNetwork }
        registry.register(MessagerAPI.netAddrsListen) { _, _ in throw noNetwork }
        registry.register(MessagerAPI.logList) { _, _ in ["sophon-messager"] }
        registry.register(MessagerAPI.setLogLevel) { _, p in
            throw MessagerError.invalidMessage("log levels are set when the messager starts (--log-level), not \(p.p1) at run time")
        }
    }

    func changeAddress(_ address: Address, _ change: @Sendable (inout MessagerAddress) -> Void) async throws {
        guard var record = try await store.address(address) else { throw MessagerError.addressNotFound(address) }
        change(&record)
        record.updatedAt = Date()
        try await store.save(record)
    }

    func withConfidence(_ messages: [MessagerMessage]) async -> [MessagerMessage] {
        var out: [MessagerMessage] = []
        out.reserveCapacity(messages.count)
        for message in messages { out.append(await service.withConfidence(message)) }
        return out
    }

    func senders(of scope: AddressScope) -> Set<Address>? {
        switch scope {
        case .all: nil
        case .user(_, let signers): signers
        }
    }

    /// An amount as `SetFeeParams` spells it: empty for unchanged; a bare integer is attoFIL, as
    /// upstream's messager reads it (so Go clients mean what they send); with a unit ("0.01 FIL")
    /// it reads as the Lotus CLI reads it.
    static func amount(_ text: String, _ field: String) throws -> TokenAmount? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber), let value = BigInt(trimmed, radix: 10) {
            return TokenAmount(attoFIL: value)
        }
        do { return try TokenAmount(parsing: trimmed) } catch {
            throw MessagerError.invalidMessage("\(field) \"\(text)\": \(error)")
        }
    }

    /// The message `Send` asks for: hex parameters, or none (JSON parameters would need the
    /// actor's method table, which the messager does not carry).
    static func message(for send: QuickSendParams) throws -> Message {
        var params: [UInt8] = []
        if !send.params.isEmpty {
            guard send.paramsType == .hex else {
                throw MessagerError.invalidMessage("params of type \(send.paramsType) are not supported: send them hex-encoded")
            }
            do { params = try Hex.decode(send.params, allowPrefix: true) } catch {
                throw MessagerError.invalidMessage("params are not hex: \(error)")
            }
        }
        return Message(
            to: send.to, from: send.from, nonce: 0, value: send.value, gasLimit: send.gasLimit ?? 0,
            gasFeeCap: send.gasFeeCap ?? .zero, gasPremium: send.gasPremium ?? .zero, method: send.method, params: params)
    }
}

/// Whether a wallet reachable by the messager holds an address (the gateway's `WalletHas`).
public protocol WalletPresence: Sendable {
    func has(_ address: Address, accounts: [String]) async throws -> Bool
}
