import BigInt
import ChainState
import FilecoinCrypto
import FilecoinTypes

/// Lotus `MinerCreateBlock` (filcns `CreateBlock` with `CreateBlockHeader`), with Venus's pool
/// variant: builds the header of a `BlockTemplate` on its parent tipset (parent state and receipts,
/// weight, base fee), stores its messages and their `MsgMeta`, aggregates the BLS signatures and,
/// when a signer is given, signs the header with the miner's worker key (read at the lookback
/// state, as the validator reads it). Without a signer (the worker key lives in the SP's wallet)
/// `BlockSig` is left empty for the producer to fill.
///
/// The header is not stored nor announced: that is `SyncSubmitBlock`'s job.
public struct BlockAssembler: Sendable {
    public let chain: ChainStore
    public let context: any BlockValidationContext

    public init(chain: ChainStore, context: any BlockValidationContext) {
        self.chain = chain
        self.context = context
    }

    /// The compressed BLS aggregate of no signatures (the point at infinity), which Lotus puts in a
    /// block without BLS messages.
    public static let emptyBLSAggregate: [UInt8] = [0xc0] + [UInt8](repeating: 0, count: 95)

    /// Assembles `template` into a full block; signs it when `signer` is given and holds the worker key.
    public func createBlock(_ template: BlockTemplate, signer: MiningSigner?) async throws(MiningError) -> FullBlock {
        guard let parent = try await fact("parent tipset", { try await context.tipSet(template.parents) }) else {
            throw .baseUnknown(template.parents)
        }
        guard template.epoch > parent.height else {
            throw .roundNotAfterBase(round: template.epoch, baseHeight: parent.height)
        }
        let lookback = try await fact("lookback", { try await context.lookback(base: parent, round: template.epoch) })
        guard let worker = try await fact("miner worker", {
            try await context.minerWorkerKey(template.miner, stateRoot: lookback.stateRoot)
        }) else { throw .workerUnknown(template.miner) }
        let state = try await fact("parent tipset state", { try await context.computedState(of: parent) })

        let networkVersion = context.networkVersion(at: template.epoch)
        var blsMessages: [Message] = []
        var blsSignatures: [BLSSignature] = []
        var secpkMessages: [SignedMessage] = []
        for (index, signed) in template.messages.enumerated() {
            if signed.signature.kind == .bls {
                guard signed.signature.data.count >= BLSSignature.byteCount,
                    let signature = try? BLSSignature(bytes: signed.signature.data.prefix(BLSSignature.byteCount))
                else { throw .blsSignatureMalformed(index: index) }
                blsSignatures.append(signature)
                blsMessages.append(signed.message)
            } else if BlockValidator.isValidSecpkSignatureType(signed.signature.kind, networkVersion: networkVersion) {
                secpkMessages.append(signed)
            } else {
                throw .messageSignatureTypeInvalid(index: index, signed.signature.kind)
            }
        }
        let messagesRoot = try await fact("message store", { try chain.messageStore.write(bls: blsMessages, secp: secpkMessages) })
        let aggregate = try Self.aggregate(blsSignatures)
        let weight = try await fact("parent weight", { try await context.weight(of: parent) })
        let baseFee = try await fact("base fee", { try await context.baseFee(after: parent) })

        var header = BlockHeader(
            miner: template.miner, ticket: template.ticket, electionProof: template.electionProof,
            beaconEntries: template.beaconValues, winPoStProof: template.winningPoStProof, parents: template.parents.cids,
            parentWeight: weight, height: template.epoch, parentStateRoot: state.stateRoot,
            parentMessageReceipts: state.receiptsRoot, messages: messagesRoot,
            blsAggregate: Signature(kind: .bls, data: aggregate), timestamp: template.timestamp, blockSig: nil,
            forkSignaling: 0, parentBaseFee: baseFee)
        if let signer, signer.holds(worker) {
            header.blockSig = try await signer.sign(header.signingBytes, by: worker)
        }
        return FullBlock(header: header, blsMessages: blsMessages, secpkMessages: secpkMessages)
    }

    /// Lotus `AggregateSignatures`: the sum of the signatures, compressed; the point at infinity
    /// for none.
    static func aggregate(_ signatures: [BLSSignature]) throws(MiningError) -> [UInt8] {
        guard !signatures.isEmpty else { return emptyBLSAggregate }
        do {
            return try BLSSignature.aggregate(signatures).bytes
        } catch {
            throw .chainFactUnavailable(fact: "BLS aggregate", reason: "\(error)")
        }
    }

    func fact<T>(_ what: String, _ read: () async throws -> T) async throws(MiningError) -> T {
        do {
            return try await read()
        } catch {
            throw .chainFactUnavailable(fact: what, reason: "\(error)")
        }
    }
}
