import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat

/// Where a block offered to the node goes (Lotus's syncer behind `SyncSubmitBlock` and the block
/// gossip): refused if known bad or linked to a bad block, refused if its parents are unknown or
/// its height is impossibly far ahead of the clock, validated by the ``BlockValidator`` (Lotus
/// `FilecoinEC.ValidateBlock`), and only then stored (its messages, then its header) and added to
/// the chain store, which forms the tipset it belongs to and takes it if heavier.
///
/// Invariants: a refused block changes nothing but the bad-block cache (and only when it breaks a
/// rule for good); the head only moves through ``ChainStore/addBlock(_:)``'s weight rule.
/// Submissions may run concurrently; each validates on its own and the chain store serializes
/// the head changes.
public actor ChainSync {
    /// What a successful submission did.
    public struct Outcome: Hashable, Sendable {
        /// The tipset the block was added to (with the stored blocks of the same height and parents).
        public var tipSet: TipSet
        /// The head after the block was added.
        public var head: TipSet

        /// Whether the block's tipset is now the head.
        public var isHead: Bool { head == tipSet }
    }

    public nonisolated let chain: ChainStore
    public nonisolated let validator: BlockValidator
    public nonisolated let badBlocks: BadBlockCache
    private let now: @Sendable () -> GoTime
    private var latest: SyncStatus?
    private var nextWorkerID: UInt64 = 1

    /// - Parameters:
    ///   - validator: judges blocks; its context must read `chain` (a ``StateValidationContext``).
    ///   - now: the wall clock the status's start and end times are read from.
    public init(
        chain: ChainStore, validator: BlockValidator, badBlocks: BadBlockCache = BadBlockCache(),
        now: @escaping @Sendable () -> GoTime = { GoTime(Date()) }
    ) {
        self.chain = chain
        self.validator = validator
        self.badBlocks = badBlocks
        self.now = now
    }

    /// The latest sync job (Lotus `SyncState`'s one active sync); nil before any block was validated.
    public var status: SyncStatus? { latest }

    /// Validates `block` and, if valid, adds it to the chain.
    @discardableResult
    public func submit(_ block: FullBlock) async throws(ChainSyncError) -> Outcome {
        let header = block.header
        let cid = block.cid
        if let reason = await badBlocks.reason(for: cid) { throw .badBlock(cid, reason: reason) }
        if let (parent, reason) = await badBlocks.markIfLinkedToBad(cid, parents: header.parents) {
            throw .badBlock(cid, reason: reason.linked("linked to \(parent)"))
        }
        guard try await parentsAreKnown(header) else { throw .unknownParents(header.parentKey) }
        let genesis: BlockHeader
        do { genesis = try await chain.genesis() } catch { throw .storage(error) }
        let clock = validator.context.currentTime()
        guard validator.context.parameters.isEpochWithinClock(header.height, genesisTimestamp: genesis.timestamp, now: clock) else {
            throw .heightBeyondClock(height: header.height, now: clock)
        }

        let worker = await begin(header)
        do {
            try await validator.validate(block, recordingIn: badBlocks)
        } catch {
            finish(worker, error: error.description)
            throw error.isPermanent ? .invalid(error) : .notYetValid(error)
        }
        do {
            let outcome = try await store(block)
            finish(worker, error: nil)
            return outcome
        } catch {
            finish(worker, error: error.description)
            throw error
        }
    }

    /// `SyncSubmitBlock`: the header with the CIDs of its messages, which must be in the store
    /// (the block's producer stored them); the messages must hash to the header's root before the
    /// block is judged (Lotus `ValidateMsgMeta`; a mismatch is not marked bad, the block itself
    /// was not seen).
    @discardableResult
    public func submit(_ message: BlockMsg) async throws(ChainSyncError) -> Outcome {
        let messages = chain.messageStore
        var bls: [Message] = []
        var secpk: [SignedMessage] = []
        for cid in message.blsMessages { bls.append(try Self.load(cid, messages.message)) }
        for cid in message.secpkMessages { secpk.append(try Self.load(cid, messages.signedMessage)) }
        let block = FullBlock(header: message.header, blsMessages: bls, secpkMessages: secpk)
        let computed: CID
        do { computed = try MessageRoots.messagesCID(of: block) } catch { throw .storage(.storage("computing the messages root: \(error)")) }
        guard computed == message.header.messages else {
            throw .messagesRootMismatch(header: message.header.messages, computed: computed)
        }
        return try await submit(block)
    }

    private static func load<T>(_ cid: CID, _ read: (CID) throws(ChainStoreError) -> T) throws(ChainSyncError) -> T {
        do {
            return try read(cid)
        } catch {
            if case .missingBlock = error { throw .messageNotFound(cid) }
            throw .storage(error)
        }
    }

    /// Whether every parent header is stored and together they form a tipset.
    private func parentsAreKnown(_ header: BlockHeader) async throws(ChainSyncError) -> Bool {
        guard !header.parents.isEmpty else { return false }
        do {
            _ = try await chain.tipSet(header.parentKey)
            return true
        } catch {
            switch error {
            case .missingBlock, .invalidTipSet: return false
            default: throw .storage(error)
            }
        }
    }

    /// Stores the messages, then the header through the chain store (which takes the tipset if heavier).
    private func store(_ block: FullBlock) async throws(ChainSyncError) -> Outcome {
        do {
            let root = try chain.messageStore.write(bls: block.blsMessages, secp: block.secpkMessages)
            guard root == block.header.messages else {
                throw ChainSyncError.messagesRootMismatch(header: block.header.messages, computed: root)
            }
            let tipSet = try await chain.addBlock(block.header)
            return Outcome(tipSet: tipSet, head: try await chain.requireHead())
        } catch let error as ChainSyncError {
            throw error
        } catch let error as ChainStoreError {
            throw .storage(error)
        } catch {
            throw .storage(.storage("\(error)"))
        }
    }

    // MARK: Status

    /// Starts a job towards the block: Lotus's `Init` then `SetStage(StageMessages)` and
    /// `SetHeight`, since a block arrives with its messages.
    private func begin(_ header: BlockHeader) async -> UInt64 {
        let worker = nextWorkerID
        nextWorkerID += 1
        let base = await chain.head
        latest = SyncStatus(
            workerID: worker, base: base, target: try? TipSet(blocks: [header]), stage: .messages, height: header.height,
            start: now())
        return worker
    }

    /// Ends job `worker` (unless a later one replaced it): complete at the target's height, or
    /// errored with the reason.
    private func finish(_ worker: UInt64, error: String?) {
        guard var status = latest, status.workerID == worker else { return }
        status.end = now()
        if let error {
            status.stage = .errored
            status.message = error
        } else {
            status.stage = .complete
            status.height = status.target?.height ?? status.height
        }
        latest = status
    }
}
