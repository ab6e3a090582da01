import DagCBOR

/// The AMT as specs-actors v0/v2 see it through go-amt-ipld v2 (width 8), reproducing its
/// block traffic one for one since every get and put is charged gas:
///
/// - opening gets the root `[height, count, node]`; descending gets each child once and keeps
///   it cached (gets, sets and deletes alike), iteration reads children without caching them;
/// - growing the tree flushes and puts the old root node;
/// - ``flush()`` re-puts every cached node, deepest first, then the root.
public final class ActorAMT {
    final class Node {
        var bitmap: UInt8 = 0
        var links: [CID] = []
        var values: [[UInt8]] = []
        /// Expanded forms, created on first use (as go-amt-ipld's expLinks/expVals/cache).
        var expandedLinks: [CID?]?
        var expandedValues: [[UInt8]?]?
        var cache: [Node?]?

        var isEmpty: Bool { bitmap == 0 }
        func has(_ i: Int) -> Bool { bitmap & (1 << UInt8(i)) != 0 }
        func rank(_ i: Int) -> Int { (bitmap & ((1 << UInt8(i)) &- 1)).nonzeroBitCount }

        func expandValues() {
            guard expandedValues == nil || expandedValues?.isEmpty == true else { return }
            var out = [[UInt8]?](repeating: nil, count: 8)
            for i in 0..<8 where has(i) { out[i] = values[rank(i)] }
            expandedValues = out
        }

        func expandLinks() {
            var out = [CID?](repeating: nil, count: 8)
            for i in 0..<8 where has(i) { out[i] = links[rank(i)] }
            expandedLinks = out
            cache = [Node?](repeating: nil, count: 8)
        }
    }

    public let store: any ActorStore
    private var height: Int = 0
    public private(set) var count: UInt64 = 0
    private var root = Node()

    public static let maxIndex = UInt64(1) << 63 - 1

    public init(store: any ActorStore) { self.store = store }

    public init(loading cid: CID, store: any ActorStore) throws(ActorError) {
        self.store = store
        let bytes = try store.get(cid)
        do {
            var reader = CBORReader(bytes: bytes)
            try reader.readArrayHeader(expected: 3)
            let storedHeight = try reader.readUnsigned()
            guard storedHeight <= 20 else { throw ActorError(.errIllegalState, "AMT height out of bounds") }
            height = Int(storedHeight)
            count = try reader.readUnsigned()
            root = try Self.readNode(&reader)
            try reader.finish()
        } catch let error as ActorError {
            throw error
        } catch {
            throw ActorError(.errIllegalState, "AMT root \(cid): \(error)")
        }
        guard height <= 20 else { throw ActorError(.errIllegalState, "AMT height out of bounds") }
    }

    private static func nodesForHeight(_ height: Int) -> UInt64 { UInt64(1) << UInt64(3 * height) }

    // MARK: Reads

    public func get(_ index: UInt64) throws(ActorError) -> [UInt8]? {
        guard index <= Self.maxIndex else { throw ActorError(.errIllegalState, "index \(index) is out of range for the amt") }
        guard height >= 20 || index < Self.nodesForHeight(height + 1) else { return nil }
        var node = root
        var h = height
        var i = index
        while true {
            let sub = Int(i / Self.nodesForHeight(h))
            guard node.has(sub) else { return nil }
            if h == 0 {
                node.expandValues()
                return node.expandedValues?[Int(i)] ?? nil
            }
            guard let child = try load(node, sub, create: false) else { return nil }
            i %= Self.nodesForHeight(h)
            node = child
            h -= 1
        }
    }

    public func forEach(_ body: (UInt64, [UInt8]) throws(ActorError) -> Void) throws(ActorError) {
        try forEach(root, height: height, offset: 0, body)
    }

    private func forEach(_ node: Node, height: Int, offset: UInt64, _ body: (UInt64, [UInt8]) throws(ActorError) -> Void) throws(ActorError) {
        if height == 0 {
            node.expandValues()
            for (i, value) in (node.expandedValues ?? []).enumerated() {
                if let value { try body(offset + UInt64(i), value) }
            }
            return
        }
        if node.cache == nil { node.expandLinks() }
        let step = Self.nodesForHeight(height)
        for i in 0..<8 {
            let sub: Node
            if let cached = node.cache?[i] ?? nil {
                sub = cached
            } else if let link = node.expandedLinks?[i] ?? nil {
                sub = try Self.decodeNode(store.get(link), cid: link)
            } else {
                continue
            }
            try forEach(sub, height: height - 1, offset: offset + UInt64(i) * step, body)
        }
    }

    // MARK: Writes

    public func set(_ index: UInt64, _ value: [UInt8]) throws(ActorError) {
        guard index <= Self.maxIndex else { throw ActorError(.errIllegalState, "index \(index) is out of range for the amt") }
        while height < 20, index >= Self.nodesForHeight(height + 1) {
            if !root.isEmpty {
                try flush(root, depth: height)
                let cid = try store.put(Self.encodeNode(root))
                let grown = Node()
                grown.bitmap = 1
                grown.links = [cid]
                root = grown
            }
            height += 1
        }
        var node = root
        var h = height
        var i = index
        while h > 0 {
            let step = Self.nodesForHeight(h)
            guard let child = try load(node, Int(i / step), create: true) else {
                throw ActorError(.errIllegalState, "AMT node creation failed")
            }
            i %= step
            node = child
            h -= 1
        }
        node.expandValues()
        let already = node.has(Int(i))
        node.expandedValues?[Int(i)] = value
        node.bitmap |= 1 << UInt8(i)
        if !already { count &+= 1 }
    }

    /// Removes `index`; false when absent (go-amt-ipld returns ErrNotFound).
    @discardableResult
    public func delete(_ index: UInt64) throws(ActorError) -> Bool {
        guard index <= Self.maxIndex else { throw ActorError(.errIllegalState, "index \(index) is out of range for the amt") }
        guard height >= 20 || index < Self.nodesForHeight(height + 1) else { return false }
        guard try delete(root, height: height, index) else { return false }
        count &-= 1
        while root.bitmap == 1, height > 0 {
            guard let sub = try load(root, 0, create: false) else { break }
            root = sub
            height -= 1
        }
        return true
    }

    private func delete(_ node: Node, height: Int, _ index: UInt64) throws(ActorError) -> Bool {
        let sub = Int(index / Self.nodesForHeight(height))
        guard node.has(sub) else { return false }
        if height == 0 {
            node.expandValues()
            node.expandedValues?[Int(index)] = nil
            node.bitmap &= ~(1 << UInt8(index))
            return true
        }
        guard let child = try load(node, sub, create: false) else { return false }
        guard try delete(child, height: height - 1, index % Self.nodesForHeight(height)) else { return false }
        if child.isEmpty {
            node.bitmap &= ~(1 << UInt8(sub))
            node.cache?[sub] = nil
            node.expandedLinks?[sub] = nil
        }
        return true
    }

    /// Puts every cached node and the root; returns the root's CID.
    public func flush() throws(ActorError) -> CID {
        try flush(root, depth: height)
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        writer.writeUnsigned(UInt64(height))
        writer.writeUnsigned(count)
        writer.writeRaw(Self.encodeNode(root))
        return try store.put(writer.bytes)
    }

    private func flush(_ node: Node, depth: Int) throws(ActorError) {
        if depth == 0 {
            guard let expanded = node.expandedValues, !expanded.isEmpty else { return }
            node.values = []
            for i in 0..<8 {
                if let value = expanded[i] {
                    node.values.append(value)
                    node.bitmap |= 1 << UInt8(i)
                }
            }
            return
        }
        guard var expanded = node.expandedLinks, !expanded.isEmpty else { return }
        node.bitmap = 0
        node.links = []
        for i in 0..<8 {
            if let sub = node.cache?[i] ?? nil {
                try flush(sub, depth: depth - 1)
                expanded[i] = try store.put(Self.encodeNode(sub))
            }
            if let link = expanded[i] {
                node.links.append(link)
                node.bitmap |= 1 << UInt8(i)
            }
        }
        node.expandedLinks = expanded
    }

    private func load(_ node: Node, _ i: Int, create: Bool) throws(ActorError) -> Node? {
        if node.cache == nil {
            node.expandLinks()
        } else if let cached = node.cache?[i] ?? nil {
            return cached
        }
        let sub: Node
        if node.has(i), let link = node.expandedLinks?[i] ?? nil {
            sub = try Self.decodeNode(store.get(link), cid: link)
        } else if create {
            sub = Node()
            node.bitmap |= 1 << UInt8(i)
        } else {
            return nil
        }
        node.cache?[i] = sub
        return sub
    }

    // MARK: Encoding

    static func encodeNode(_ node: Node) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        writer.writeBytes([node.bitmap])
        writer.writeArrayHeader(node.links.count)
        for link in node.links { writer.writeCID(link) }
        writer.writeArrayHeader(node.values.count)
        for value in node.values { writer.writeRaw(value) }
        return writer.bytes
    }

    static func decodeNode(_ bytes: [UInt8], cid: CID) throws(ActorError) -> Node {
        do {
            var reader = CBORReader(bytes: bytes)
            let node = try readNode(&reader)
            try reader.finish()
            return node
        } catch let error as ActorError {
            throw error
        } catch {
            throw ActorError(.errIllegalState, "AMT node \(cid): \(error)")
        }
    }

    static func readNode(_ reader: inout CBORReader) throws -> Node {
        let node = Node()
        try reader.readArrayHeader(expected: 3)
        let bitmap = try reader.readBytes()
        guard bitmap.count <= 1 else { throw ActorError(.errIllegalState, "AMT bitmap is not one byte") }
        node.bitmap = bitmap.first ?? 0
        let links = try reader.readArrayHeader()
        for _ in 0..<links { node.links.append(try reader.readCID()) }
        let values = try reader.readArrayHeader()
        for _ in 0..<values { node.values.append(Array(try reader.readRawValueAllowingInvalidText())) }
        // Each set bit names exactly one link (inner node) or one value (leaf).
        guard node.links.isEmpty || node.values.isEmpty,
            node.links.count + node.values.count == node.bitmap.nonzeroBitCount
        else { throw ActorError(.errIllegalState, "AMT node entries do not match its bitmap") }
        return node
    }
}
