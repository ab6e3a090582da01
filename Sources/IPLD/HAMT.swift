import DagCBOR
import FilecoinCrypto

/// A hash array mapped trie over a block store, byte-compatible with go-hamt-ipld (Filecoin's
/// parameters by default): keys are hashed with sha2-256 and the hash is consumed `bitWidth`
/// bits per level, most significant bit first.
///
/// Canonical form (v2, v3): a slot holds a bucket (entries sorted by key) while at most
/// `bucketSize` keys share its hash prefix, and a child node otherwise; deletes fold children
/// back into buckets. So the same contents give the same root CID whatever the order of
/// operations. v0 (go-hamt-ipld v0.1) folds without sorting, so there the root can depend on
/// history; it is reproduced operation for operation.
///
/// Changes stay in memory until ``flush()`` writes the changed nodes and returns the root CID.
/// A mutating call that throws leaves the HAMT as it was before the call.
public struct HAMT: Sendable {
    public let store: any Blockstore
    public let parameters: HAMTParameters
    /// Decoded non-root nodes, when given: loads check it before the store.
    public let cache: HAMTNodeCache?
    private var root: HAMTNode

    /// An empty HAMT.
    public init(store: any Blockstore, parameters: HAMTParameters = .filecoin, cache: HAMTNodeCache? = nil) {
        self.store = store
        self.parameters = parameters
        self.cache = cache
        self.root = .empty
    }

    /// The HAMT whose root node is `root`.
    public init(
        loading root: CID, store: any Blockstore, parameters: HAMTParameters = .filecoin, cache: HAMTNodeCache? = nil
    ) throws(HAMTError) {
        self.store = store
        self.parameters = parameters
        self.cache = cache
        self.root = try Self.loadNode(root, store: store, parameters: parameters, isRoot: true)
    }

    // MARK: Reading

    /// The raw DAG-CBOR value stored under `key`, or nil.
    public func get(_ key: [UInt8]) throws(HAMTError) -> [UInt8]? {
        let hash = Self.hashKey(key)
        var node = root
        var depth = 0
        while true {
            let slot = try index(hash, depth: depth)
            guard node.bitfield.contains(slot) else { return nil }
            switch node.pointers[node.bitfield.rank(slot)] {
            case .bucket(let entries):
                return entries.first { $0.key == key }?.value
            case .child(let child):
                node = child
            case .link(let cid):
                node = try load(cid)
            }
            depth += 1
        }
    }

    /// The value under `key` decoded as `T`, or nil.
    public func get<T: CBORDecodable>(_ key: [UInt8], as type: T.Type) throws -> T? {
        guard let raw = try get(key) else { return nil }
        return try T(cborBytes: raw)
    }

    /// Calls `body` with every entry, in the tree's order (slot order, then key order within a bucket).
    public func forEach(_ body: (_ key: [UInt8], _ value: [UInt8]) throws -> Void) throws {
        try forEach(root, body)
    }

    private func forEach(_ node: HAMTNode, _ body: ([UInt8], [UInt8]) throws -> Void) throws {
        for pointer in node.pointers {
            switch pointer {
            case .bucket(let entries): for entry in entries { try body(entry.key, entry.value) }
            case .child(let child): try forEach(child, body)
            case .link(let cid): try forEach(try load(cid), body)
            }
        }
    }

    /// Every entry in tree order.
    public func entries() throws -> [(key: [UInt8], value: [UInt8])] {
        var out: [(key: [UInt8], value: [UInt8])] = []
        try forEach { out.append(($0, $1)) }
        return out
    }

    /// Loads every stored node under the root and checks that its canonical re-encoding is
    /// exactly the stored block and hashes to its CID. Returns how many stored nodes were checked.
    public func verifyStoredNodes() throws(HAMTError) -> Int {
        try verify(root)
    }

    private func verify(_ node: HAMTNode) throws(HAMTError) -> Int {
        var count = 0
        for pointer in node.pointers {
            switch pointer {
            case .bucket: continue
            case .child(let child): count += try verify(child)
            case .link(let cid):
                let bytes = try Self.fetch(cid, store: store)
                let child = try HAMTNode.decode(bytes, cid: cid, parameters: parameters, isRoot: false)
                let reencoded = try child.encode(encoding: parameters.encoding)
                guard reencoded == bytes, cid.multihash.matches(reencoded) else {
                    throw .malformedNode(cid, "re-encoding does not reproduce the block")
                }
                count += 1 + (try verify(child))
            }
        }
        return count
    }

    // MARK: Writing

    /// Stores `value` (one DAG-CBOR item) under `key`, replacing any previous value.
    public mutating func set(_ key: [UInt8], _ value: [UInt8]) throws(HAMTError) {
        do {
            var reader = CBORReader(bytes: value)
            try reader.skipValue()
            try reader.finish()
        } catch {
            throw .invalidValue(error)
        }
        var updated = root
        _ = try modify(&updated, hash: Self.hashKey(key), depth: 0, key: key, value: value)
        root = updated
    }

    /// Stores the encoding of `value` under `key`.
    public mutating func set(_ key: [UInt8], encoding value: some CBOREncodable) throws(HAMTError) {
        try set(key, value.cborBytes)
    }

    /// Removes `key`; returns whether it was present.
    @discardableResult
    public mutating func delete(_ key: [UInt8]) throws(HAMTError) -> Bool {
        var updated = root
        let removed = try modify(&updated, hash: Self.hashKey(key), depth: 0, key: key, value: nil)
        root = updated
        return removed
    }

    /// Writes every changed node (children first, in one batch) and returns the root's CID.
    @discardableResult
    public mutating func flush() throws(HAMTError) -> CID {
        var blocks: [(cid: CID, data: [UInt8])] = []
        var updated = root
        let cid = try flush(&updated, into: &blocks)
        do {
            try store.putMany(blocks)
        } catch {
            throw .store(error)
        }
        root = updated
        return cid
    }

    private func flush(_ node: inout HAMTNode, into blocks: inout [(cid: CID, data: [UInt8])]) throws(HAMTError) -> CID {
        for position in node.pointers.indices {
            guard case .child(var child) = node.pointers[position] else { continue }
            node.pointers[position] = .bucket([])
            let cid = try flush(&child, into: &blocks)
            node.pointers[position] = .link(cid)
        }
        let bytes = try node.encode(encoding: parameters.encoding)
        let cid = CID.filecoin(cbor: bytes)
        blocks.append((cid, bytes))
        return cid
    }

    /// Sets (`value` non-nil) or deletes (`value` nil) `key` below `node`; returns whether anything changed.
    /// Mirrors go-hamt-ipld's modifyValue/cleanChild so that the resulting shape is identical.
    private func modify(
        _ node: inout HAMTNode, hash: [UInt8], depth: Int, key: [UInt8], value: [UInt8]?
    ) throws(HAMTError) -> Bool {
        let slot = try index(hash, depth: depth)
        guard node.bitfield.contains(slot) else {
            guard let value else { return false }
            node.pointers.insert(.bucket([HAMTEntry(key: key, value: value)]), at: node.bitfield.rank(slot))
            node.bitfield.insert(slot)
            return true
        }
        let position = node.bitfield.rank(slot)
        var child: HAMTNode
        let original = node.pointers[position]
        switch original {
        case .link(let cid):
            child = try load(cid)
        case .child(let loaded):
            child = loaded
            // Drop the slot's reference so `child` is uniquely owned and mutates in place.
            node.pointers[position] = .bucket([])
        case .bucket(var entries):
            if let found = entries.firstIndex(where: { $0.key == key }) {
                guard let value else {
                    if entries.count == 1 {
                        node.pointers.remove(at: position)
                        node.bitfield.remove(slot)
                    } else {
                        entries.remove(at: found)
                        node.pointers[position] = .bucket(entries)
                    }
                    return true
                }
                guard entries[found].value != value else { return false }
                entries[found].value = value
                node.pointers[position] = .bucket(entries)
                return true
            }
            guard let value else { return false }
            if entries.count >= parameters.bucketSize {
                // The bucket overflows: push its entries and the new one down one level.
                var sub = HAMTNode.empty
                _ = try modify(&sub, hash: hash, depth: depth + 1, key: key, value: value)
                for entry in entries {
                    _ = try modify(&sub, hash: Self.hashKey(entry.key), depth: depth + 1, key: entry.key, value: entry.value)
                }
                node.pointers[position] = .child(sub)
                return true
            }
            let insertAt = entries.firstIndex { key.lexicographicallyPrecedes($0.key) } ?? entries.endIndex
            entries.insert(HAMTEntry(key: key, value: value), at: insertAt)
            node.pointers[position] = .bucket(entries)
            return true
        }
        let changed: Bool
        do {
            changed = try modify(&child, hash: hash, depth: depth + 1, key: key, value: value)
        } catch {
            node.pointers[position] = original
            throw error
        }
        guard changed else {
            node.pointers[position] = original
            return false
        }
        if value == nil, let direct = child.directEntriesIfLeaf, direct <= parameters.bucketSize {
            // Few enough entries left below: fold the child into one bucket (sorted, except in v0).
            if child.pointers.count == 1 {
                node.pointers[position] = child.pointers[0]
            } else {
                var merged: [HAMTEntry] = []
                for case .bucket(let entries) in child.pointers { merged.append(contentsOf: entries) }
                if parameters.encoding.sortsBuckets { merged.sort { $0.key.lexicographicallyPrecedes($1.key) } }
                node.pointers[position] = .bucket(merged)
            }
        } else {
            node.pointers[position] = .child(child)
        }
        return true
    }

    // MARK: Helpers

    static func hashKey(_ key: [UInt8]) -> [UInt8] {
        // sha2-256 is always computable; the fallback is unreachable but keeps this total.
        (try? Multihash.hashing(key, code: Multihash.sha2_256).digest) ?? []
    }

    /// The slot at `depth`: bits [depth*w, depth*w + w) of the hash, most significant first.
    private func index(_ hash: [UInt8], depth: Int) throws(HAMTError) -> Int {
        let width = parameters.bitWidth
        let start = depth * width
        guard start + width <= hash.count * 8 else { throw .maxDepth }
        var value = 0
        for bit in start..<(start + width) {
            value = (value << 1) | Int((hash[bit >> 3] >> UInt8(7 - (bit & 7))) & 1)
        }
        return value
    }

    private func load(_ cid: CID) throws(HAMTError) -> HAMTNode {
        if let cached = cache?.node(cid, parameters) { return cached }
        let node = try Self.loadNode(cid, store: store, parameters: parameters, isRoot: false)
        cache?.insert(node, cid, parameters)
        return node
    }

    static func fetch(_ cid: CID, store: any Blockstore) throws(HAMTError) -> [UInt8] {
        do {
            return try store.getRequired(cid)
        } catch {
            throw .store(error)
        }
    }

    static func loadNode(
        _ cid: CID, store: any Blockstore, parameters: HAMTParameters, isRoot: Bool
    ) throws(HAMTError) -> HAMTNode {
        try HAMTNode.decode(fetch(cid, store: store), cid: cid, parameters: parameters, isRoot: isRoot)
    }
}
