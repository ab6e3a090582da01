import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Synchronization

/// The chain: block headers and their messages in a block store, tipsets by key and by height,
/// the genesis, and the head, chosen by weight (Lotus `store.ChainStore`).
///
/// Invariants:
/// - the head, once set, is a tipset whose headers are all in the block store; it only changes
///   to a heavier tipset (``maybeTakeHeavier(_:)``, Lotus's weight and tie-break) or by force
///   (``setHead(_:)``), and every change is published to subscribers as Lotus's `ReorgOps`;
/// - a header is stored only if it decodes (and, from bytes, hashes to its CID).
///
/// Persistence: the head (key `head`, the tipset key's CBOR) and the genesis (key `0`, the
/// genesis CID's bytes) go to a ``ChainMetadataStore`` through a ``MetadataWriter``: the actor
/// hands the record to the writer's own serial queue and continues, so the fsync that makes it
/// durable never blocks the cooperative pool. ``flush()`` awaits durability (shutdown, tests).
/// A new store over the same block store and metadata comes back on the last written head.
public actor ChainStore {
    /// Lotus `policy.ChainFinality`: the deepest fork the head will switch to.
    public static let chainFinality: Int64 = 900
    /// Lotus's `SubHeadChanges` buffer; a subscriber further behind is closed, as Lotus does.
    public static let subscriberBuffer = 64

    public typealias WeightFunction = @Sendable (TipSet, any Blockstore) throws(ChainStoreError) -> BigInt

    public nonisolated let blockstore: any Blockstore
    public nonisolated let messageStore: BlockMessageStore
    private let writer: MetadataWriter
    private let weigh: WeightFunction

    private var heaviest: TipSet? {
        didSet { headSnapshot.withLock { $0 = heaviest } }
    }
    /// A copy of the head readable without a hop onto the store's executor (the hot read
    /// paths of the API ask for the head on every call); it follows `heaviest` on every change.
    private nonisolated let headSnapshot = Mutex<TipSet?>(nil)
    private var genesisHeader: BlockHeader?
    private var tipsets: BoundedCache<TipSetKey, TipSet>
    private var weights: BoundedCache<TipSetKey, BigInt>
    /// Lotus's chain index: skip pointers by tipset key.
    private var skipIndex: BoundedCache<TipSetKey, SkipEntry>
    /// Blocks seen by height, for forming tipsets from single blocks (``addBlock(_:)``).
    private var tracked: [Int64: [CID]] = [:]
    private var subscribers: [UInt64: AsyncStream<[HeadChange]>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0

    static let headKey = "head"
    static let genesisKey = "0"

    /// Opens the chain in `blockstore`, coming back on the head and genesis recorded in
    /// `metadata` if any. A recorded head whose blocks are missing or malformed is an error.
    public init(
        blockstore: any Blockstore, metadata: any ChainMetadataStore, tipsetCacheSize: Int = 8192,
        weight: @escaping WeightFunction = { tipset, store throws(ChainStoreError) in try ChainWeight.weight(of: tipset, store: store) }
    ) throws(ChainStoreError) {
        self.blockstore = blockstore
        self.messageStore = BlockMessageStore(store: blockstore)
        self.writer = MetadataWriter(metadata: metadata)
        self.weigh = weight
        self.tipsets = BoundedCache(capacity: tipsetCacheSize)
        self.weights = BoundedCache(capacity: tipsetCacheSize)
        self.skipIndex = BoundedCache(capacity: 1 << 16)
        if let bytes = try metadata.get(Self.genesisKey) {
            let cid: CID
            do { cid = try CID(bytes: bytes) } catch { throw .malformedMetadata(key: Self.genesisKey, "\(error)") }
            genesisHeader = try ChainReader(store: blockstore).blockHeader(cid)
        }
        if let bytes = try metadata.get(Self.headKey) {
            let key: TipSetKey
            do { key = try TipSetKey(cborBytes: bytes) } catch { throw .malformedMetadata(key: Self.headKey, "\(error)") }
            let head = try ChainReader(store: blockstore).tipSet(key)
            heaviest = head
            // Observers do not run in an initializer.
            headSnapshot.withLock { $0 = head }
        }
    }

    // MARK: Headers

    /// Stores a header (Lotus `PersistBlockHeaders`); returns its CID.
    @discardableResult
    public func putBlockHeader(_ header: BlockHeader) throws(ChainStoreError) -> CID {
        let bytes = header.cborBytes
        let cid = CID.filecoin(cbor: bytes)
        do { try blockstore.put(cid, bytes) } catch { throw .from(error) }
        return cid
    }

    /// Stores a header received as bytes: refused unless they decode as a header (strictly: the
    /// encoding must be the canonical one) and, when `cid` is given, hash to it.
    @discardableResult
    public func putBlockHeader(bytes: [UInt8], cid: CID? = nil) throws(ChainStoreError) -> BlockHeader {
        let computed = CID.filecoin(cbor: bytes)
        if let cid, !cid.multihash.matches(bytes) { throw .hashMismatch(cid) }
        let header = try ChainReader.decodeHeader(bytes, cid: cid ?? computed)
        do { try blockstore.put(cid ?? computed, bytes) } catch { throw .from(error) }
        return header
    }

    /// A stored header.
    public func blockHeader(_ cid: CID) throws(ChainStoreError) -> BlockHeader {
        try ChainReader(store: blockstore).blockHeader(cid)
    }

    // MARK: Tipsets

    /// The tipset of `key` (Lotus `LoadTipSet`), from the cache or the block store.
    public func tipSet(_ key: TipSetKey) throws(ChainStoreError) -> TipSet {
        if let cached = tipsets.value(for: key) { return cached }
        let tipset = try ChainReader(store: blockstore).tipSet(key)
        tipsets.insert(tipset, for: key)
        return tipset
    }

    /// The tipset of `key`, or the head for the empty key (Lotus `GetTipSetFromKey`, what the
    /// API's `TipSetKey` parameters mean).
    /// The head as last set, read without waiting for the store's executor.
    public nonisolated var currentHead: TipSet? { headSnapshot.withLock { $0 } }

    public func tipSetOrHead(_ key: TipSetKey) throws(ChainStoreError) -> TipSet {
        key.cids.isEmpty ? try requireHead() : try tipSet(key)
    }

    public func parent(of tipset: TipSet) throws(ChainStoreError) -> TipSet {
        try tipSet(tipset.parents)
    }

    /// The tipset at height `height` on the chain behind `from` (the head when nil), as Lotus's
    /// `GetTipsetByHeight`: when `height` is a null round, `prev` picks the tipset before the
    /// null rounds, otherwise the first one after them.
    ///
    /// Long walks go through Lotus's skip index (`ChainIndex`): every tipset at a multiple of
    /// ``skipLength`` remembers the tipset at or just after the previous multiple, so a lookup
    /// `d` epochs back loads about `d / 20 + 40` tipsets instead of `d`.
    public func tipSet(atHeight height: Int64, from: TipSet? = nil, prev: Bool) throws(ChainStoreError) -> TipSet {
        let start: TipSet
        if let from { start = from } else { start = try requireHead() }
        guard height >= 0, height <= start.height else { throw .heightOutOfRange(requested: height, from: start.height) }
        if height == start.height { return start }
        var found = try indexedWalk(from: start, to: height)
        if found.height < height { found = try walkBack(from: start, to: height) }
        if found.height == height || !prev { return found }
        return try parent(of: found)
    }

    /// Lotus `ChainIndex.skipLength`.
    public static let skipLength: Int64 = 20

    /// Lotus `ChainIndex.GetTipsetByHeight`: the tipset at `height`, or the first after it when
    /// `height` is a null round.
    private func indexedWalk(from start: TipSet, to height: Int64) throws(ChainStoreError) -> TipSet {
        if start.height - height <= Self.skipLength { return try walkBack(from: start, to: height) }
        let rounded = try walkBack(from: start, to: roundHeight(start.height))
        var current = rounded.key
        while true {
            let entry: SkipEntry
            if let cached = skipIndex.value(for: current) { entry = cached } else { entry = try fillSkipIndex(current) }
            if height == entry.targetHeight { return try tipSet(entry.target) }
            if height > entry.targetHeight { return try walkBack(from: try tipSet(current), to: height) }
            current = entry.target
        }
    }

    private func roundHeight(_ height: Int64) -> Int64 { (height / Self.skipLength) * Self.skipLength }

    /// Lotus `fillCache`: the skip target of `key` is the tipset at (or, over null rounds, just
    /// after) the multiple of ``skipLength`` below its own rounded height.
    private func fillSkipIndex(_ key: TipSetKey) throws(ChainStoreError) -> SkipEntry {
        let tipset = try tipSet(key)
        if tipset.height == 0 { return SkipEntry(targetHeight: 0, target: key) }
        let parent = try parent(of: tipset)
        let targetHeight = max(roundHeight(tipset.height) - Self.skipLength, 0)
        let target = parent.height < targetHeight ? parent : try walkBack(from: parent, to: targetHeight)
        let entry = SkipEntry(targetHeight: target.height, target: target.key)
        skipIndex.insert(entry, for: key)
        return entry
    }

    /// Lotus `walkBack`: parent by parent to `height`, stopping at the tipset just above it when
    /// it is a null round.
    private func walkBack(from start: TipSet, to height: Int64) throws(ChainStoreError) -> TipSet {
        guard height <= start.height else { throw .heightOutOfRange(requested: height, from: start.height) }
        var current = start
        while current.height > height {
            let parent = try self.parent(of: current)
            if parent.height < height { return current }
            current = parent
        }
        return current
    }

    struct SkipEntry: Sendable {
        var targetHeight: Int64
        var target: TipSetKey
    }

    /// Whether `a` is a strict ancestor of `b` (Lotus `IsAncestorOf`).
    public func isAncestor(_ a: TipSet, of b: TipSet) throws(ChainStoreError) -> Bool {
        guard b.height > a.height else { return false }
        return try tipSet(atHeight: a.height, from: b, prev: false) == a
    }

    /// Lotus `ReorgOps`: walking back from `a` and `b` to their common ancestor, the tipsets of
    /// `a`'s side (`revert`, from `a` down) and of `b`'s side (`apply`, from `b` down); the
    /// common ancestor is in neither.
    public func reorgOps(from a: TipSet, to b: TipSet) throws(ChainStoreError) -> (revert: [TipSet], apply: [TipSet]) {
        var left = a, right = b
        var revert: [TipSet] = [], apply: [TipSet] = []
        while left != right {
            if left.height > right.height {
                revert.append(left)
                left = try parent(of: left)
            } else {
                apply.append(right)
                right = try parent(of: right)
            }
        }
        return (revert, apply)
    }

    /// The head changes that move a chain from `from` to `to` (Lotus `GetPath`): reverts from
    /// `from` down, then applies from the common ancestor up.
    public func path(from: TipSet, to: TipSet) throws(ChainStoreError) -> [HeadChange] {
        let (revert, apply) = try reorgOps(from: from, to: to)
        return revert.map { HeadChange(kind: .revert, tipset: $0) } + apply.reversed().map { HeadChange(kind: .apply, tipset: $0) }
    }

    // MARK: Messages

    /// A tipset's blocks with their messages as block application takes them (Lotus
    /// `BlockMsgsForTipset`): per sender, the first message seen fixes the expected nonce and a
    /// later one is kept only if it continues the sequence, so duplicates across blocks and
    /// out-of-order messages are dropped before execution (and receipts index what remains).
    /// Senders are compared as written (the pre-Hyperdrive rule of network versions below 13).
    public func blockMessages(for tipset: TipSet) throws(ChainStoreError) -> [BlockMessages] {
        var expected: [Address: UInt64] = [:]
        func select(_ message: Message) -> Bool {
            let next = expected[message.from] ?? message.nonce
            guard next == message.nonce else { return false }
            expected[message.from] = next + 1
            return true
        }
        var blocks: [BlockMessages] = []
        for header in tipset.blocks {
            let messages = try messageStore.messages(of: header)
            blocks.append(BlockMessages(
                miner: header.miner, winCount: header.electionProof?.winCount ?? 0,
                blsMessages: messages.bls.filter(select).map { .unsigned($0) },
                secpMessages: messages.secp.filter { select($0.message) }.map { .signed($0) }))
        }
        return blocks
    }

    /// The messages a tipset applies, in order (Lotus `MessagesForTipset`).
    public func messages(for tipset: TipSet) throws(ChainStoreError) -> [ChainMessage] {
        try blockMessages(for: tipset).flatMap(\.messages)
    }

    // MARK: Genesis and head

    /// Records the genesis and, on an empty chain, makes it the head. A store holds one chain:
    /// another genesis is refused.
    public func setGenesis(_ header: BlockHeader) throws(ChainStoreError) {
        let cid = header.cid
        if let existing = genesisHeader {
            guard existing.cid == cid else { throw .genesisMismatch(recorded: existing.cid, offered: cid) }
            return
        }
        let tipset: TipSet
        do { tipset = try TipSet(blocks: [header]) } catch { throw .invalidTipSet(TipSetKey([cid]), "\(error)") }
        try putBlockHeader(header)
        genesisHeader = header
        writer.submit(Self.genesisKey, cid.bytes)
        if heaviest == nil { take(tipset) }
    }

    public func genesis() throws(ChainStoreError) -> BlockHeader {
        guard let genesisHeader else { throw .noGenesis }
        return genesisHeader
    }

    /// The current head (Lotus `GetHeaviestTipSet`); nil before a genesis or head is set.
    public var head: TipSet? { heaviest }

    public func requireHead() throws(ChainStoreError) -> TipSet {
        guard let heaviest else { throw .noHead }
        return heaviest
    }

    /// The weight of `tipset` (cached by key).
    public func weight(of tipset: TipSet) throws(ChainStoreError) -> BigInt {
        if let cached = weights.value(for: tipset.key) { return cached }
        let weight = try weigh(tipset, blockstore)
        weights.insert(weight, for: tipset.key)
        return weight
    }

    /// Stores the tipset's headers and takes it as the head if it is heavier (Lotus `PutTipSet`
    /// without expansion); returns whether the head changed.
    @discardableResult
    public func putTipSet(_ tipset: TipSet) throws(ChainStoreError) -> Bool {
        for header in tipset.blocks {
            try putBlockHeader(header)
            track(header)
        }
        tipsets.insert(tipset, for: tipset.key)
        return try maybeTakeHeavier(tipset)
    }

    /// Stores one block, forms the largest tipset it belongs to from the blocks seen at its
    /// height (same parents, one block per miner: Lotus `expandTipset`) and takes that tipset
    /// if heavier. Returns the tipset formed.
    @discardableResult
    public func addBlock(_ header: BlockHeader) throws(ChainStoreError) -> TipSet {
        let cid = try putBlockHeader(header)
        track(header)
        var blocks = [header]
        var miners: Set<Address> = [header.miner]
        for other in tracked[header.height] ?? [] where other != cid {
            let candidate = try blockHeader(other)
            guard candidate.parents == header.parents, miners.insert(candidate.miner).inserted else { continue }
            blocks.append(candidate)
        }
        let tipset: TipSet
        do { tipset = try TipSet(blocks: blocks) } catch { throw .invalidTipSet(TipSetKey(blocks.map(\.cid)), "\(error)") }
        tipsets.insert(tipset, for: tipset.key)
        try maybeTakeHeavier(tipset)
        return tipset
    }

    /// Takes `tipset` as the head if it is heavier than the head (Lotus `MaybeTakeHeavierTipSet`
    /// with `breakWeightTie` on equal weight) and the fork from the head to it is no deeper than
    /// finality (`exceedsForkLength`). Returns whether the head changed.
    @discardableResult
    public func maybeTakeHeavier(_ tipset: TipSet) throws(ChainStoreError) -> Bool {
        guard let current = heaviest else {
            take(tipset)
            return true
        }
        guard tipset != current else { return false }
        let newWeight = try weight(of: tipset)
        let currentWeight = try weight(of: current)
        var heavier = newWeight > currentWeight
        if newWeight == currentWeight { heavier = ChainWeight.breaksTie(tipset, over: current) }
        guard heavier, try !exceedsForkLength(synced: current, external: tipset) else { return false }
        take(tipset)
        return true
    }

    /// Makes `tipset` the head whatever its weight (Lotus `SetHead`, for repair and import).
    public func setHead(_ tipset: TipSet) throws(ChainStoreError) {
        for header in tipset.blocks where !((try? blockstore.has(header.cid)) ?? false) {
            throw .missingBlock(header.cid)
        }
        take(tipset)
    }

    /// Waits until the head and genesis taken so far are durable in the metadata store.
    public func flush() async throws(ChainStoreError) {
        try await writer.flush()
    }

    // MARK: Head changes

    /// Head changes as Lotus's `SubHeadChanges`: the first element is `[current]` with the head
    /// (delivered when the first head is taken if there is none yet), then one element per head
    /// change with its reverts (from the old head down) and applies (from the common ancestor
    /// up). A subscriber more than ``subscriberBuffer`` elements behind is closed, as Lotus closes
    /// a slow reader, rather than made to miss changes silently.
    public func subscribeHeadChanges() -> AsyncStream<[HeadChange]> {
        let (stream, continuation) = AsyncStream<[HeadChange]>.makeStream(
            bufferingPolicy: .bufferingOldest(Self.subscriberBuffer))
        let id = nextSubscriber
        nextSubscriber += 1
        if let heaviest { continuation.yield([HeadChange(kind: .current, tipset: heaviest)]) }
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
        return stream
    }

    /// How many subscriptions are open.
    public var subscriberCount: Int { subscribers.count }

    private func unsubscribe(_ id: UInt64) { subscribers.removeValue(forKey: id) }

    private func publish(_ changes: [HeadChange]) {
        for (id, continuation) in subscribers {
            if case .dropped = continuation.yield(changes) {
                continuation.finish()
                subscribers.removeValue(forKey: id)
            }
        }
    }

    // MARK: Internals

    /// Lotus `takeHeaviestTipSet`: the head changes now; the record goes to the writer; the
    /// change is published (a failed reorg walk is the store's inconsistency and is published as
    /// a jump, revert the old head and apply the new one, rather than swallowed).
    private func take(_ tipset: TipSet) {
        let previous = heaviest
        heaviest = tipset
        tipsets.insert(tipset, for: tipset.key)
        writer.submit(Self.headKey, tipset.key.cborBytes)
        guard let previous else {
            publish([HeadChange(kind: .current, tipset: tipset)])
            return
        }
        let changes = (try? path(from: previous, to: tipset))
            ?? [HeadChange(kind: .revert, tipset: previous), HeadChange(kind: .apply, tipset: tipset)]
        publish(changes)
    }

    private func track(_ header: BlockHeader) {
        let cid = header.cid
        var atHeight = tracked[header.height] ?? []
        guard !atHeight.contains(cid) else { return }
        atHeight.append(cid)
        tracked[header.height] = atHeight
        // Keep only the blocks a fork within finality could still use.
        if tracked.count > Int(Self.chainFinality) * 2 {
            let floor = header.height - Self.chainFinality
            tracked = tracked.filter { $0.key >= floor }
        }
    }

    /// Lotus `exceedsForkLength`: whether adopting `external` means walking back more than
    /// finality tipsets from `synced` (or reaching genesis without meeting it).
    private func exceedsForkLength(synced: TipSet, external: TipSet) throws(ChainStoreError) -> Bool {
        var synced = synced, external = external
        for _ in 0..<Self.chainFinality {
            while external.height > synced.height {
                if external.height == 0 { return true }
                external = try parent(of: external)
            }
            if synced == external { return false }
            if synced.height == 0 { return true }
            synced = try parent(of: synced)
        }
        return true
    }
}
