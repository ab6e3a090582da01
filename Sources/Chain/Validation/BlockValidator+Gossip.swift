import DagCBOR
import FilecoinTypes

extension BlockValidator {
    /// Lotus `decodeAndCheckBlock`: the bytes of a gossiped block decode to a `BlockMsg` with no more
    /// than `messageLimit` messages and a signature.
    public static func decodeGossipBlock(
        _ bytes: [UInt8], messageLimit: Int = ConsensusParameters.devnet2k.blockMessageLimit
    ) throws(BlockValidationError) -> BlockMsg {
        let block: BlockMsg
        do {
            block = try BlockMsg(cborBytes: bytes)
        } catch {
            throw .malformed("error decoding block: \(error)")
        }
        let count = block.blsMessages.count + block.secpkMessages.count
        guard count <= messageLimit else { throw .tooManyMessages(count: count, limit: messageLimit) }
        guard block.header.blockSig != nil else { throw .missingBlockSignature }
        return block
    }

    /// A block header from its CBOR bytes, or `malformed` saying where the bytes went wrong.
    public static func decodeHeader(_ bytes: [UInt8]) throws(BlockValidationError) -> BlockHeader {
        do {
            return try BlockHeader(cborBytes: bytes)
        } catch {
            throw .malformed("error decoding block header: \(error)")
        }
    }

    /// Lotus `validateMsgMeta`: a gossiped block's message CIDs hash to its header's `Messages` root.
    public static func checkMessageMeta(_ block: BlockMsg) throws(BlockValidationError) {
        let computed: CID
        do {
            computed = try MessageRoots.messagesCID(bls: block.blsMessages, secpk: block.secpkMessages)
        } catch {
            throw .malformed("message roots: \(error)")
        }
        guard computed == block.header.messages else {
            throw .messagesRootMismatch(header: block.header.messages, computed: computed)
        }
    }
}

extension BlockValidator {
    /// How long after the heaviest tipset's timestamp the chain still counts as near synced (Lotus's
    /// 6 hours in `isChainNearSynced`).
    public static let nearSyncedWindowSeconds: UInt64 = 6 * 3600

    /// Lotus `ValidateBlockPubsub` for a block from another peer: decode and the gossip checks
    /// (`invalid`, `too_many_messages`, `missing_signature`), the message root (`invalid_block_meta`),
    /// then the header against `heaviest`, our head (`ValidateBlockHeader`): a known miner with the
    /// minimum power at the lookback (`unknown_miner`, or ignored while we are not near synced or a
    /// fact cannot be read), a claimed win (`not_winning`), and the worker's block signature
    /// (`signature_verification_failed`).
    public func gossipVerdict(_ bytes: [UInt8], heaviest: TipSet) async -> GossipVerdict {
        let block: BlockMsg
        do {
            block = try Self.decodeGossipBlock(bytes, messageLimit: context.parameters.blockMessageLimit)
        } catch {
            switch error {
            case .tooManyMessages: return .reject(reason: "too_many_messages")
            case .missingBlockSignature: return .reject(reason: "missing_signature")
            default: return .reject(reason: "invalid")
            }
        }
        do {
            try Self.checkMessageMeta(block)
        } catch {
            return .reject(reason: "invalid_block_meta")
        }
        let header = block.header

        // checkPowerAndGetWorkerKey: unreadable facts are soft failures, an ineligible miner is not.
        let worker: Address
        do throws(BlockValidationError) {
            let lookback = try await fact("lookback tipset", { try await context.lookback(base: heaviest, round: header.height) })
            guard let key = try await fact("miner worker", { try await context.minerWorkerKey(header.miner, stateRoot: lookback.stateRoot) })
            else { return .ignore(reason: "") }
            if try await ineligibility(header.miner, base: heaviest, lookback: lookback) != nil {
                return isNearSynced(heaviest) ? .reject(reason: "unknown_miner") : .ignore(reason: "")
            }
            worker = key
        } catch {
            return .ignore(reason: "")
        }

        guard let proof = header.electionProof, proof.winCount >= 1 else { return .reject(reason: "not_winning") }
        guard let signature = header.blockSig, signature.verifies(header.signingBytes, signer: worker) else {
            return .reject(reason: "signature_verification_failed")
        }
        return .accept(block)
    }

    /// Lotus `isChainNearSynced`: our head is less than 6 hours old.
    func isNearSynced(_ heaviest: TipSet) -> Bool {
        let now = context.currentTime()
        return now < heaviest.minTimestamp || now - heaviest.minTimestamp < Self.nearSyncedWindowSeconds
    }
}
