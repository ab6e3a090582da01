import DagCBOR
import FilecoinCrypto

/// An array mapped trie over a block store, byte-compatible with go-amt-ipld (``AMTFormat``
/// picks the legacy v0 form or the current one with its bit width).
///
/// Index `i` sits at height `h` under slot `(i / width^h) % width`. The tree is only as tall
/// as its largest index needs: it grows on set and shrinks on delete exactly as go-amt-ipld
/// does, so the same contents give the same root CID whatever the order of operations (the
/// legacy format keeps go's quirk of not shrinking an emptied tree's height).
///
/// Changes stay in memory until ``flush()``. A mutating call that throws changes nothing.
public struct AMT: Sendable {
    public let store: any Blockstore
    public let format: AMTFormat
    /// Number of values held.
    public private(set) var count: UInt64
    public private(set) var height: Int
    private var root: AMTNode

    /// An empty AMT; the current format accepts bit widths 1...16.
    public init(store: any Blockstore, format: AMTFormat) throws(AMTError) {
        guard (1...16).contains(format.bitWidth) else { throw .invalidParameters("bit width \(format.bitWidth) is outside 1...16") }
        self.store = store
        self.format = format
        self.count = 0
        self.height = 0
        self.root = AMTNode()
    }

    /// The AMT whose root block is `cid`.
    public init(loading cid: CID, store: any Blockstore, format: AMTFormat) throws(AMTError) {
        guard (1...16).contains(format.bitWidth) else { throw .invalidParameters("bit width \(format.bitWidth) is outside 1...16") }
        self.store = store
        self.format = format
        let bytes = try Self.fetch(cid, store: store)
        do {
            var reader = CBORReader(bytes: bytes)
            switch format {
            case .legacy:
                try reader.readArrayHeader(expected: 3)
            case .current(let bitWidth):
                try reader.readArrayHeader(expected: 4)
                let stored = try reader.readUnsigned()
                guard stored == UInt64(bitWidth) else {
                    throw AMTError.malformedNode(cid, "bit width \(stored), expected \(bitWidth)")
                }
            }
            let height = try reader.readUnsigned()
            let count = try reader.readUnsigned()
            guard height <= 64 else { throw AMTError.malformedNode(cid, "height \(height) is above 64") }
            let capacity = format.nodesForHeight(Int(height) + 1)
            if capacity == .max && format.nodesForHeight(Int(height)) == .max {
                throw AMTError.malformedNode(cid, "height \(height) is out of bounds")
            }
            guard count <= capacity else { throw AMTError.malformedNode(cid, "height \(height) cannot hold \(count) values") }
            self.height = Int(height)
            self.count = count
            self.root = try AMTNode.read(from: &reader, cid: cid, format: format, height: Int(height), isRoot: true)
            try reader.finish()
        } catch let error as AMTError {
            throw error
        } catch {
            throw .malformedNode(cid, "\(error)")
        }
    }

    // MARK: Reading

    /// The raw DAG-CBOR value at `index`, or nil.
    public func get(_ index: UInt64) throws(AMTError) -> [UInt8]? {
        guard index <= format.maxIndex else { throw .indexOutOfRange(index) }
        guard index < format.nodesForHeight(height + 1) else { return nil }
        var node = root
        var level = height
        var rest = index
        while level > 0 {
            let span = format.nodesForHeight(level)
            let slot = Int(rest / span)
            guard !node.links.isEmpty, let link = node.links[slot] else { return nil }
            node = try resolve(link, height: level - 1)
            rest %= span
            level -= 1
        }
        return node.values.isEmpty ? nil : node.values[Int(rest)]
    }

    /// The value at `index` decoded as `T`, or nil.
    public func get<T: CBORDecodable>(_ index: UInt64, as type: T.Type) throws -> T? {
        guard let raw = try get(index) else { return nil }
        return try T(cborBytes: raw)
    }

    /// Calls `body` with every value in index order.
    public func forEach(_ body: (_ index: UInt64, _ value: [UInt8]) throws -> Void) throws {
        try forEach(root, height: height, offset: 0, body)
    }

    private func forEach(_ node: AMTNode, height: Int, offset: UInt64, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        if height == 0 {
            for (slot, value) in node.values.enumerated() {
                if let value { try body(offset + UInt64(slot), value) }
            }
            return
        }
        let span = format.nodesForHeight(height)
        for (slot, link) in node.links.enumerated() {
            guard let link else { continue }
            try forEach(try resolve(link, height: height - 1), height: height - 1, offset: offset + UInt64(slot) * span, body)
        }
    }

    /// Every value in index order.
    public func values() throws -> [(index: UInt64, value: [UInt8])] {
        var out: [(index: UInt64, value: [UInt8])] = []
        try forEach { out.append(($0, $1)) }
        return out
    }

    /// Loads every stored node and checks its canonical re-encoding is exactly the stored block
    /// and hashes to its CID, and that `count` matches the values found. Returns the nodes checked.
    public func verifyStoredNodes() throws(AMTError) -> Int {
        var values: UInt64 = 0
        let nodes = try verify(root, height: height, values: &values)
        guard values == count else { throw .malformedNode(nil, "root count \(count) but \(values) values found") }
        return nodes
    }

    private func verify(_ node: AMTNode, height: Int, values: inout UInt64) throws(AMTError) -> Int {
        if height == 0 {
            values += UInt64(node.values.count { $0 != nil })
            return 0
        }
        var nodes = 0
        for link in node.links {
            switch link {
            case nil: continue
            case .loaded(let child)?: nodes += try verify(child, height: height - 1, values: &values)
            case .stored(let cid)?:
                let bytes = try Self.fetch(cid, store: store)
                let child = try Self.decodeNode(bytes, cid: cid, format: format, height: height - 1)
                guard try child.encode(format: format) == bytes, cid.multihash.matches(bytes) else {
                    throw .malformedNode(cid, "re-encoding does not reproduce the block")
                }
                nodes += 1 + (try verify(child, height: height - 1, values: &values))
            }
        }
        return nodes
    }

    // MARK: Writing

    /// Stores `value` (one DAG-CBOR item) at `index`.
    public mutating func set(_ index: UInt64, _ value: [UInt8]) throws(AMTError) {
        guard index <= format.maxIndex else { throw .indexOutOfRange(index) }
        do {
            var reader = CBORReader(bytes: value)
            try reader.skipValue()
            try reader.finish()
        } catch {
            throw .invalidValue(error)
        }
        var newRoot = root
        var newHeight = height
        while index >= format.nodesForHeight(newHeight + 1) {
            // Grow: the old root becomes child 0 of a new root (an empty root just gets taller).
            if !newRoot.isEmpty {
                var grown = AMTNode()
                grown.links = Array(repeating: nil, count: format.width)
                grown.links[0] = .loaded(newRoot)
                newRoot = grown
            }
            newHeight += 1
        }
        let added = try set(&newRoot, height: newHeight, index: index, value: value)
        root = newRoot
        height = newHeight
        if added { count += 1 }
    }

    /// Stores the encoding of `value` at `index`.
    public mutating func set(_ index: UInt64, encoding value: some CBOREncodable) throws(AMTError) {
        try set(index, value.cborBytes)
    }

    /// Appends at index `count` (the next free index for a dense array).
    public mutating func append(_ value: [UInt8]) throws(AMTError) {
        try set(count, value)
    }

    private func set(_ node: inout AMTNode, height: Int, index: UInt64, value: [UInt8]) throws(AMTError) -> Bool {
        if height == 0 {
            if node.values.isEmpty { node.values = Array(repeating: nil, count: format.width) }
            let slot = Int(index)
            let added = node.values[slot] == nil
            node.values[slot] = value
            return added
        }
        let span = format.nodesForHeight(height)
        let slot = Int(index / span)
        if node.links.isEmpty { node.links = Array(repeating: nil, count: format.width) }
        var child: AMTNode
        switch node.links[slot] {
        case nil: child = AMTNode()
        case .stored(let cid)?: child = try load(cid, height: height - 1)
        case .loaded(let loaded)?:
            child = loaded
            node.links[slot] = nil  // unique ownership of `child` while it mutates
        }
        let added = try set(&child, height: height - 1, index: index % span, value: value)
        node.links[slot] = .loaded(child)
        return added
    }

    /// Removes the value at `index`; returns whether there was one.
    @discardableResult
    public mutating func delete(_ index: UInt64) throws(AMTError) -> Bool {
        guard index <= format.maxIndex else { throw .indexOutOfRange(index) }
        guard index < format.nodesForHeight(height + 1) else { return false }
        var newRoot = root
        guard try delete(&newRoot, height: height, index: index) else { return false }
        var newHeight = height
        switch format {
        case .current:
            newHeight = try collapse(&newRoot, height: height)
        case .legacy:
            // go-amt-ipld v2: shrink while only slot 0 is occupied; an emptied tree keeps its height.
            while newHeight > 0 && newRoot.occupiedLinkSlots == [0] {
                guard case let link?? = newRoot.links.first else { break }
                newRoot = try resolve(link, height: newHeight - 1)
                newHeight -= 1
            }
        }
        root = newRoot
        height = newHeight
        count -= 1
        return true
    }

    private func delete(_ node: inout AMTNode, height: Int, index: UInt64) throws(AMTError) -> Bool {
        if height == 0 {
            let slot = Int(index)
            guard !node.values.isEmpty, node.values[slot] != nil else { return false }
            node.values[slot] = nil
            return true
        }
        let span = format.nodesForHeight(height)
        let slot = Int(index / span)
        guard !node.links.isEmpty, let link = node.links[slot] else { return false }
        var child = try resolve(link, height: height - 1)
        node.links[slot] = nil
        guard try delete(&child, height: height - 1, index: index % span) else {
            node.links[slot] = link
            return false
        }
        node.links[slot] = child.isEmpty ? nil : .loaded(child)
        return true
    }

    /// go-amt-ipld v3 `collapse`: while the root has only slot 0, its child becomes the root;
    /// an emptied tree goes back to height 0.
    private func collapse(_ node: inout AMTNode, height: Int) throws(AMTError) -> Int {
        guard !node.links.isEmpty else { return 0 }
        if node.links.dropFirst().contains(where: { $0 != nil }) { return height }
        guard case let first?? = node.links.first else {
            node = AMTNode()
            return 0
        }
        var child = try resolve(first, height: height - 1)
        let newHeight = try collapse(&child, height: height - 1)
        node = child
        return newHeight
    }

    /// Writes every changed node (in one batch) and the root, and returns the root's CID.
    @discardableResult
    public mutating func flush() throws(AMTError) -> CID {
        var blocks: [(cid: CID, data: [UInt8])] = []
        var newRoot = root
        try flushChildren(&newRoot, into: &blocks)
        var writer = CBORWriter(reservingCapacity: 128)
        switch format {
        case .legacy:
            writer.writeArrayHeader(3)
        case .current(let bitWidth):
            writer.writeArrayHeader(4)
            writer.writeUnsigned(UInt64(bitWidth))
        }
        writer.writeUnsigned(UInt64(height))
        writer.writeUnsigned(count)
        try newRoot.encode(to: &writer, format: format)
        let cid = CID.filecoin(cbor: writer.bytes)
        blocks.append((cid, writer.bytes))
        do {
            try store.putMany(blocks)
        } catch {
            throw .store(error)
        }
        root = newRoot
        return cid
    }

    private func flushChildren(_ node: inout AMTNode, into blocks: inout [(cid: CID, data: [UInt8])]) throws(AMTError) {
        for slot in node.links.indices {
            guard case .loaded(var child)? = node.links[slot] else { continue }
            node.links[slot] = nil
            try flushChildren(&child, into: &blocks)
            let bytes = try child.encode(format: format)
            let cid = CID.filecoin(cbor: bytes)
            blocks.append((cid, bytes))
            node.links[slot] = .stored(cid)
        }
    }

    // MARK: Helpers

    private func resolve(_ link: AMTLink, height: Int) throws(AMTError) -> AMTNode {
        switch link {
        case .loaded(let node): node
        case .stored(let cid): try load(cid, height: height)
        }
    }

    private func load(_ cid: CID, height: Int) throws(AMTError) -> AMTNode {
        try Self.decodeNode(Self.fetch(cid, store: store), cid: cid, format: format, height: height)
    }

    private static func decodeNode(_ bytes: [UInt8], cid: CID, format: AMTFormat, height: Int) throws(AMTError) -> AMTNode {
        do {
            var reader = CBORReader(bytes: bytes)
            let node = try AMTNode.read(from: &reader, cid: cid, format: format, height: height, isRoot: false)
            try reader.finish()
            return node
        } catch let error as AMTError {
            throw error
        } catch {
            throw .malformedNode(cid, "\(error)")
        }
    }

    private static func fetch(_ cid: CID, store: any Blockstore) throws(AMTError) -> [UInt8] {
        do {
            return try store.getRequired(cid)
        } catch {
            throw .store(error)
        }
    }
}
