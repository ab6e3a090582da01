import DagCBOR
import FilecoinCrypto
import IPLD

/// The HAMT as specs-actors v0/v2 see it through go-hamt-ipld v0.1/v2, reproducing its block
/// traffic one for one, since every get and put is charged gas:
///
/// - opening a map gets its root; following a link gets the child once and keeps it in the
///   pointer's cache (reads and writes alike);
/// - a bucket that overflows becomes a new child that is put immediately;
/// - ``flush()`` re-puts every cached child, deepest first, then the root.
///
/// Bit width 5, buckets of 3, sha2-256 key hashing, map-form pointers. `sortsOnCollapse` is
/// false for go-hamt-ipld v0.1 (actors v0), whose collapsed buckets keep slot order.
public final class ActorHAMT {
    final class Pointer {
        var entries: [(key: [UInt8], value: [UInt8])]
        var link: CID?
        var cache: Node?

        init(entries: [(key: [UInt8], value: [UInt8])]) { self.entries = entries }
        init(link: CID) {
            self.entries = []
            self.link = link
        }
    }

    final class Node {
        var bitfield: UInt32 = 0
        var pointers: [Pointer] = []

        func rank(_ slot: Int) -> Int { (bitfield & ((1 << UInt32(slot)) &- 1)).nonzeroBitCount }
        func has(_ slot: Int) -> Bool { bitfield & (1 << UInt32(slot)) != 0 }
    }

    public static let bitWidth = 5
    public static let bucketSize = 3

    public let store: any ActorStore
    public let sortsOnCollapse: Bool
    private let root: Node

    /// An empty map (nothing is read or written until ``flush()``).
    public init(store: any ActorStore, sortsOnCollapse: Bool) {
        self.store = store
        self.sortsOnCollapse = sortsOnCollapse
        self.root = Node()
    }

    /// Opens the map at `root` (one charged get).
    public init(loading root: CID, store: any ActorStore, sortsOnCollapse: Bool) throws(ActorError) {
        self.store = store
        self.sortsOnCollapse = sortsOnCollapse
        self.root = try Self.decode(store.get(root), cid: root)
    }

    // MARK: Reads

    public func get(_ key: [UInt8]) throws(ActorError) -> [UInt8]? {
        let hash = Self.hash(key)
        var node = root
        var depth = 0
        while true {
            let slot = try Self.index(hash, depth)
            guard node.has(slot) else { return nil }
            let pointer = node.pointers[node.rank(slot)]
            if pointer.link != nil {
                node = try load(pointer)
                depth += 1
                continue
            }
            return pointer.entries.first { $0.key == key }?.value
        }
    }

    public func forEach(_ body: ([UInt8], [UInt8]) throws(ActorError) -> Void) throws(ActorError) {
        try forEach(root, body)
    }

    private func forEach(_ node: Node, _ body: ([UInt8], [UInt8]) throws(ActorError) -> Void) throws(ActorError) {
        for pointer in node.pointers {
            if pointer.link != nil {
                try forEach(try load(pointer), body)
            } else {
                for entry in pointer.entries { try body(entry.key, entry.value) }
            }
        }
    }

    // MARK: Writes

    public func set(_ key: [UInt8], _ value: [UInt8]) throws(ActorError) {
        _ = try modify(root, hash: Self.hash(key), depth: 0, key: key, value: value)
    }

    /// Removes `key`; false (and nothing changed) when it was absent.
    @discardableResult
    public func delete(_ key: [UInt8]) throws(ActorError) -> Bool {
        try modify(root, hash: Self.hash(key), depth: 0, key: key, value: nil)
    }

    /// Puts every cached node and the root; returns the root's CID.
    public func flush() throws(ActorError) -> CID {
        try flushChildren(root)
        return try store.put(encode(root))
    }

    private func flushChildren(_ node: Node) throws(ActorError) {
        for pointer in node.pointers {
            guard let cached = pointer.cache else { continue }
            try flushChildren(cached)
            pointer.link = try store.put(encode(cached))
            pointer.cache = nil
        }
    }

    /// Returns whether the key was found (deletes) or the map changed (sets: always true).
    private func modify(_ node: Node, hash: [UInt8], depth: Int, key: [UInt8], value: [UInt8]?) throws(ActorError) -> Bool {
        let slot = try Self.index(hash, depth)
        guard node.has(slot) else {
            guard let value else { return false }
            node.pointers.insert(Pointer(entries: [(key, value)]), at: node.rank(slot))
            node.bitfield |= 1 << UInt32(slot)
            return true
        }
        let position = node.rank(slot)
        let pointer = node.pointers[position]
        if pointer.link != nil {
            let child = try load(pointer)
            guard try modify(child, hash: hash, depth: depth + 1, key: key, value: value) else { return false }
            if value == nil { clean(node, child: child, position: position) }
            return true
        }
        if let found = pointer.entries.firstIndex(where: { $0.key == key }) {
            if let value {
                pointer.entries[found].value = value
            } else if pointer.entries.count == 1 {
                node.pointers.remove(at: position)
                node.bitfield &= ~(1 << UInt32(slot))
            } else {
                pointer.entries.remove(at: found)
            }
            return true
        }
        guard let value else { return false }
        if pointer.entries.count >= Self.bucketSize {
            let sub = Node()
            _ = try modify(sub, hash: hash, depth: depth + 1, key: key, value: value)
            for entry in pointer.entries {
                _ = try modify(sub, hash: Self.hash(entry.key), depth: depth + 1, key: entry.key, value: entry.value)
            }
            let cid = try store.put(encode(sub))
            node.pointers[position] = Pointer(link: cid)
            return true
        }
        let at = pointer.entries.firstIndex { key.lexicographicallyPrecedes($0.key) } ?? pointer.entries.endIndex
        pointer.entries.insert((key, value), at: at)
        return true
    }

    /// CHAMP canonical form after a delete: a child with no links and at most a bucket's worth
    /// of entries folds back into a bucket.
    private func clean(_ node: Node, child: Node, position: Int) {
        guard child.pointers.allSatisfy({ $0.link == nil }) else { return }
        let total = child.pointers.reduce(0) { $0 + $1.entries.count }
        guard total <= Self.bucketSize else { return }
        if child.pointers.count == 1 {
            node.pointers[position] = child.pointers[0]
            return
        }
        var merged = child.pointers.flatMap(\.entries)
        if sortsOnCollapse { merged.sort { $0.key.lexicographicallyPrecedes($1.key) } }
        node.pointers[position] = Pointer(entries: merged)
    }

    // MARK: Nodes

    private func load(_ pointer: Pointer) throws(ActorError) -> Node {
        if let cached = pointer.cache { return cached }
        guard let link = pointer.link else { throw ActorError(.errIllegalState, "HAMT pointer without link") }
        let node = try Self.decode(store.get(link), cid: link)
        pointer.cache = node
        return node
    }

    static func hash(_ key: [UInt8]) -> [UInt8] {
        (try? Multihash.hashing(key, code: Multihash.sha2_256).digest) ?? []
    }

    static func index(_ hash: [UInt8], _ depth: Int) throws(ActorError) -> Int {
        let start = depth * bitWidth
        guard start + bitWidth <= hash.count * 8 else { throw ActorError(.errIllegalState, "HAMT max depth") }
        var value = 0
        for bit in start..<(start + bitWidth) {
            value = (value << 1) | Int((hash[bit >> 3] >> UInt8(7 - (bit & 7))) & 1)
        }
        return value
    }

    private func encode(_ node: Node) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 64 + node.pointers.count * 48)
        writer.writeArrayHeader(2)
        var bits: [UInt8] = withUnsafeBytes(of: node.bitfield.bigEndian) { Array($0) }
        while bits.first == 0 { bits.removeFirst() }
        writer.writeBytes(bits)
        writer.writeArrayHeader(node.pointers.count)
        for pointer in node.pointers {
            writer.writeMapHeader(1)
            if let link = pointer.link {
                writer.writeText("0")
                writer.writeCID(link)
            } else {
                writer.writeText("1")
                writer.writeArrayHeader(pointer.entries.count)
                for entry in pointer.entries {
                    writer.writeArrayHeader(2)
                    writer.writeBytes(entry.key)
                    writer.writeRaw(entry.value)
                }
            }
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], cid: CID) throws(ActorError) -> Node {
        let node = Node()
        do {
            var reader = CBORReader(bytes: bytes)
            try reader.readArrayHeader(expected: 2)
            let bits = try reader.readBytes()
            guard bits.count <= 4 else { throw ActorError(.errIllegalState, "HAMT bitfield too wide in \(cid)") }
            for byte in bits { node.bitfield = node.bitfield << 8 | UInt32(byte) }
            let count = try reader.readArrayHeader()
            guard count == node.bitfield.nonzeroBitCount else {
                throw ActorError(.errIllegalState, "HAMT node \(cid): pointers do not match bitfield")
            }
            for _ in 0..<count {
                guard try reader.readMapHeader() == 1 else { throw ActorError(.errIllegalState, "HAMT pointer map") }
                switch try reader.readText() {
                case "0": node.pointers.append(Pointer(link: try reader.readCID()))
                case "1":
                    let n = try reader.readArrayHeader()
                    var entries: [(key: [UInt8], value: [UInt8])] = []
                    for _ in 0..<n {
                        try reader.readArrayHeader(expected: 2)
                        let key = try reader.readBytes()
                        entries.append((key, Array(try reader.readRawValueAllowingInvalidText())))
                    }
                    node.pointers.append(Pointer(entries: entries))
                default: throw ActorError(.errIllegalState, "HAMT pointer key")
                }
            }
            try reader.finish()
        } catch let error as ActorError {
            throw error
        } catch {
            throw ActorError(.errIllegalState, "HAMT node \(cid): \(error)")
        }
        return node
    }
}
