import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes

extension BlockValidator {
    /// Lotus `checkBlockMessages`: the BLS aggregate over the BLS messages' CIDs by their senders'
    /// keys; each message valid for inclusion, within the block gas limit, from an account actor with
    /// the next nonce (read at the parent tipset's computed state); each secpk message of an allowed
    /// signature type and signed by its sender's key; and the messages hashing to the header's root.
    func checkMessages(_ block: FullBlock, aggregate: Signature, base: TipSet) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            try await checkBLSAggregate(block.blsMessages, aggregate: aggregate, base: base)

            let header = block.header
            let networkVersion = context.networkVersion(at: header.height)
            let state = try await fact("parent tipset state", { try await context.computedState(of: base) })
            var checker = MessageChecker(
                pricelist: Pricelist.forEpoch(header.height), networkVersion: networkVersion,
                blockGasLimit: context.parameters.blockGasLimit, stateRoot: state.stateRoot)

            for (index, message) in block.blsMessages.enumerated() {
                try await checker.check(message, list: .bls, index: index, chainLength: message.cborBytes.count, validator: self)
            }
            for (index, signed) in block.secpkMessages.enumerated() {
                if networkVersion >= 14 && !Self.isValidSecpkSignatureType(signed.signature.kind, networkVersion: networkVersion) {
                    throw .secpkSignatureTypeInvalid(index: index, signed.signature.kind)
                }
                let chainLength = signed.signature.kind == .bls ? signed.message.cborBytes.count : signed.cborBytes.count
                try await checker.check(signed.message, list: .secpk, index: index, chainLength: chainLength, validator: self)
                guard let signer = try await keyAddress(of: signed.message.from, base: base) else {
                    throw .secpkSenderKeyUnavailable(index: index, from: signed.message.from)
                }
                guard signed.signature.verifies(signed.message.cid.bytes, signer: signer) else {
                    throw .secpkSignatureInvalid(index: index, cid: signed.cid)
                }
            }

            let computed: CID
            do {
                computed = try MessageRoots.messagesCID(of: block)
            } catch {
                throw .malformed("message roots: \(error)")
            }
            guard computed == header.messages else { throw .messagesRootMismatch(header: header.messages, computed: computed) }
        }
    }

    /// Lotus `VerifyBlsAggregate`: each sender's BLS key, then one aggregate verification over the
    /// message CIDs. Lotus reads the first 96 bytes of the aggregate before looking at the message
    /// count, so a shorter one fails even with no BLS messages; with none, nothing else is checked.
    func checkBLSAggregate(_ messages: [Message], aggregate: Signature, base: TipSet) async throws(BlockValidationError) {
        var cids: [[UInt8]] = []
        var keys: [BLSPublicKey] = []
        var invalidKey = false
        for (index, message) in messages.enumerated() {
            cids.append(message.cid.bytes)
            guard let key = try await keyAddress(of: message.from, base: base), key.protocol == .bls else {
                throw .blsSenderKeyUnavailable(index: index, from: message.from)
            }
            if let publicKey = try? BLSPublicKey(bytes: key.payload) {
                keys.append(publicKey)
            } else {
                invalidKey = true
            }
        }
        guard aggregate.data.count >= BLSSignature.byteCount else { throw .blsAggregateInvalid }
        guard !messages.isEmpty else { return }
        guard !invalidKey, let signature = try? BLSSignature(bytes: aggregate.data.prefix(BLSSignature.byteCount)) else {
            throw .blsAggregateInvalid
        }
        guard await BLS.aggregateVerify(signature, messages: cids, publicKeys: keys) else { throw .blsAggregateInvalid }
    }

    /// Lotus `ResolveToDeterministicAddress`: key addresses stand for themselves, an actor (f2)
    /// address has no key, an ID address is looked up.
    func keyAddress(of address: Address, base: TipSet) async throws(BlockValidationError) -> Address? {
        switch address.protocol {
        case .bls, .secp256k1, .delegated: return address
        case .actor: return nil
        case .id: return try await fact("key address", { try await context.keyAddress(ofID: address, base: base) })
        }
    }

    /// Lotus `IsValidSecpkSigType`: secp256k1, and delegated from network version 18.
    static func isValidSecpkSignatureType(_ kind: Signature.Kind, networkVersion: UInt64) -> Bool {
        networkVersion < 18 ? kind == .secp256k1 : (kind == .secp256k1 || kind == .delegated)
    }

    /// Lotus `IsValidForSending`. Only account actors exist among the actors this VM runs (v0, v2), so
    /// the EthAccount and placeholder senders of network version 18 on are not recognized.
    static func isValidForSending(_ actor: SenderActor) -> Bool {
        ActorCodes.isAccount(actor.code)
    }

    /// Lotus's `build.ZeroAddress`: the f3 address of the BLS identity point, which nothing may be sent to.
    static let zeroAddress: Address? = try? Address.bls(publicKey: [0xC0] + [UInt8](repeating: 0, count: 47))
}

/// The per-message checks of `checkBlockMessages`, with the running gas sum and the expected nonce
/// of each sender.
struct MessageChecker {
    let pricelist: Pricelist
    let networkVersion: UInt64
    let blockGasLimit: Int64
    let stateRoot: CID
    var gasLimitSum: Int64 = 0
    var nonces: [Address: UInt64] = [:]

    init(pricelist: Pricelist, networkVersion: UInt64, blockGasLimit: Int64, stateRoot: CID) {
        self.pricelist = pricelist
        self.networkVersion = networkVersion
        self.blockGasLimit = blockGasLimit
        self.stateRoot = stateRoot
    }

    mutating func check(
        _ message: Message, list: BlockValidationError.MessageList, index: Int, chainLength: Int, validator: BlockValidator
    ) async throws(BlockValidationError) {
        // Phase 1: syntax (Lotus `ValidForBlockInclusion`, with its network-version rules).
        let minGas = pricelist.onChainMessage(size: chainLength).total
        do {
            try message.checkValidForBlockInclusion(minGas: minGas)
        } catch {
            throw .messageInvalid(list, index: index, cid: message.cid, reason: error.description)
        }
        if networkVersion >= 7, message.to == BlockValidator.zeroAddress {
            throw .messageInvalid(list, index: index, cid: message.cid, reason: "invalid 'To' address")
        }
        if networkVersion < 18, message.to.protocol == .delegated || message.from.protocol == .delegated {
            throw .messageInvalid(
                list, index: index, cid: message.cid, reason: "address protocol unsupported for network version")
        }
        // Each message is at most the block gas limit, so the sum cannot overflow.
        gasLimitSum += message.gasLimit
        guard gasLimitSum <= blockGasLimit else { throw .blockGasLimitExceeded(total: gasLimitSum, limit: blockGasLimit) }

        // Phase 2: the sender exists, may send, and the nonces follow on.
        let stateRoot = stateRoot
        guard let actor = try await validator.fact("sender actor", {
            try await validator.context.senderActor(message.from, stateRoot: stateRoot)
        }) else { throw .senderNotFound(list, index: index, from: message.from) }
        let sender = networkVersion >= 13 ? actor.id : message.from
        if nonces[sender] == nil {
            guard BlockValidator.isValidForSending(actor) else { throw .senderNotAccount(list, index: index, from: message.from) }
            nonces[sender] = actor.nonce
        }
        let expected = nonces[sender] ?? actor.nonce
        guard expected == message.nonce else { throw .wrongNonce(list, index: index, expected: expected, got: message.nonce) }
        nonces[sender] = expected &+ 1
    }
}
