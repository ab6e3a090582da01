import DagCBOR
import FilecoinCrypto
import IPLD
import Testing
import VenusTesting

/// HAMT behaviour against a dictionary model; canonical form (same contents, same root CID,
/// whatever the history); strict rejection of malformed nodes.
struct HAMTTests {
    static let encodings: [HAMTParameters] = [.filecoin, .filecoinV2, .filecoinV0]

    private func key(_ n: Int) -> [UInt8] { Array("key-\(n)".utf8) }
    private func value(_ n: Int, _ version: Int) -> [UInt8] { CBORValue.array([.unsigned(UInt64(n)), .unsigned(UInt64(version))]).cborBytes }

    private func build(_ contents: [[UInt8]: [UInt8]], parameters: HAMTParameters, seed: UInt64) throws -> CID {
        var generator = SeededGenerator(seed: seed)
        var hamt = HAMT(store: MemoryBlockstore(), parameters: parameters)
        for (k, v) in contents.shuffled(using: &generator) { try hamt.set(k, v) }
        return try hamt.flush()
    }

    @Test(arguments: encodings, [UInt64(1), 2, 3])
    func randomOperationsMatchADictionary(parameters: HAMTParameters, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let store = MemoryBlockstore()
        var hamt = HAMT(store: store, parameters: parameters)
        var model: [[UInt8]: [UInt8]] = [:]
        for step in 0..<1500 {
            let n = Int.random(in: 0..<400, using: &generator)
            if Int.random(in: 0..<3, using: &generator) == 0 {
                let removed = try hamt.delete(key(n))
                #expect(removed == (model.removeValue(forKey: key(n)) != nil), "seed \(seed) step \(step)")
            } else {
                try hamt.set(key(n), value(n, step))
                model[key(n)] = value(n, step)
            }
            if step % 300 == 299 {
                // Reload from the store: what was flushed is what is read back.
                let root = try hamt.flush()
                hamt = try HAMT(loading: root, store: store, parameters: parameters)
                _ = try hamt.verifyStoredNodes()
            }
        }
        for n in 0..<400 {
            #expect(try hamt.get(key(n)) == model[key(n)], "seed \(seed) key \(n)")
        }
        let entries = try hamt.entries()
        #expect(entries.count == model.count)
        #expect(Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) == model)
        let root = try hamt.flush()
        // go-hamt-ipld v0.1 folds buckets without sorting them: only v2 and v3 are history-independent.
        if parameters.encoding != .v0 {
            #expect(root == (try build(model, parameters: parameters, seed: seed &+ 99)), "history changed the root (seed \(seed))")
        }
    }

    @Test(arguments: encodings)
    func deletingEverythingGivesTheEmptyRoot(parameters: HAMTParameters) throws {
        var hamt = HAMT(store: MemoryBlockstore(), parameters: parameters)
        var empty = HAMT(store: MemoryBlockstore(), parameters: parameters)
        let emptyRoot = try empty.flush()
        for n in 0..<500 { try hamt.set(key(n), value(n, 0)) }
        let full = try hamt.flush()
        #expect(full != emptyRoot)
        for n in (0..<500).reversed() { #expect(try hamt.delete(key(n))) }
        #expect(try hamt.delete(key(0)) == false)
        #expect(try hamt.flush() == emptyRoot)
        // The empty node is [h'', []] in both encodings.
        #expect(emptyRoot == CID.filecoin(cbor: [0x82, 0x40, 0x80]))
    }

    @Test func encodingsDifferOnlyInPointerShape() throws {
        let store = MemoryBlockstore()
        var current = HAMT(store: store, parameters: .filecoin)
        var legacy = HAMT(store: store, parameters: .filecoinV2)
        try current.set(key(1), value(1, 0))
        try legacy.set(key(1), value(1, 0))
        let currentBytes = try store.getRequired(current.flush())
        let legacyBytes = try store.getRequired(legacy.flush())
        // [bitfield, [[[key, value]]]] against [bitfield, [{"1": [[key, value]]}]].
        let bucket = CBORValue.array([.array([.bytes(key(1)), try CBORValue(cborBytes: value(1, 0))])])
        guard case .array(let fields) = try CBORValue(cborBytes: currentBytes), fields.count == 2 else {
            Issue.record("not a two-field node"); return
        }
        #expect(fields[1] == .array([bucket]))
        #expect(try CBORValue(cborBytes: legacyBytes) == .array([fields[0], .array([.map(["1": bucket])])]))
        // Reading with the wrong encoding is refused.
        #expect(throws: HAMTError.self) { try HAMT(loading: legacy.flush(), store: store, parameters: .filecoin).get(key(1)) }
    }

    @Test func valuesMustBeOneCBORItem() throws {
        var hamt = HAMT(store: MemoryBlockstore())
        #expect(throws: HAMTError.self) { try hamt.set(key(1), []) }
        #expect(throws: HAMTError.self) { try hamt.set(key(1), [0x01, 0x02]) }
        #expect(throws: HAMTError.self) { try hamt.set(key(1), [0x18, 0x01]) }  // non-canonical integer
        #expect(try hamt.get(key(1)) == nil)
    }

    /// Stores `node` as a non-root child under a root that points at it, and loads through it.
    private func loadThroughChild(_ node: CBORValue, slot: UInt8 = 0) throws -> HAMTError? {
        let store = MemoryBlockstore()
        let child = try store.putCBOR(node.cborBytes)
        let root = CBORValue.array([.bytes([1 << slot]), .array([.cid(child)])])
        let rootCID = try store.putCBOR(root.cborBytes)
        do {
            let hamt = try HAMT(loading: rootCID, store: store)
            _ = try hamt.entries()
            return nil
        } catch let error as HAMTError {
            return error
        }
    }

    private func kv(_ k: [UInt8]) -> CBORValue { .array([.bytes(k), .unsigned(1)]) }

    @Test func malformedNodesAreRejected() throws {
        let store = MemoryBlockstore()
        func load(_ node: CBORValue) throws -> HAMTError? {
            let cid = try store.putCBOR(node.cborBytes)
            do { _ = try HAMT(loading: cid, store: store).entries(); return nil } catch let error as HAMTError { return error }
        }
        // Bitfield with a leading zero byte, bits beyond 32 slots, count mismatch.
        #expect(try load(.array([.bytes([0, 1]), .array([.array([kv([1])])])])) != nil)
        #expect(try load(.array([.bytes([1, 0, 0, 0, 0]), .array([.array([kv([1])])])])) != nil)
        #expect(try load(.array([.bytes([3]), .array([.array([kv([1])])])])) != nil)
        // Empty bucket, over-full bucket, unsorted and duplicate keys.
        #expect(try load(.array([.bytes([1]), .array([.array([])])])) != nil)
        #expect(try load(.array([.bytes([1]), .array([.array([kv([1]), kv([2]), kv([3]), kv([4])])])])) != nil)
        #expect(try load(.array([.bytes([1]), .array([.array([kv([2]), kv([1])])])])) != nil)
        #expect(try load(.array([.bytes([1]), .array([.array([kv([1]), kv([1])])])])) != nil)
        // Legacy map pointer in a current HAMT; wrong arity.
        #expect(try load(.array([.bytes([1]), .array([.map(["1": .array([kv([1])])])])])) != nil)
        #expect(try load(.array([.bytes([]), .array([]), .null])) != nil)
        // A well-formed root loads.
        #expect(try load(.array([.bytes([1]), .array([.array([kv([1])])])])) == nil)
        // Non-root nodes: empty, or few enough entries to have been a bucket.
        #expect(try loadThroughChild(.array([.bytes([]), .array([])])) != nil)
        #expect(try loadThroughChild(.array([.bytes([3]), .array([.array([kv([1])]), .array([kv([2])])])])) != nil)
        // A missing child block is an error naming it.
        let missing = CID.filecoin(cbor: [0x80])
        let root = try store.putCBOR(CBORValue.array([.bytes([1]), .array([.cid(missing)])]).cborBytes)
        #expect(throws: HAMTError.store(.notFound(missing))) { try HAMT(loading: root, store: store).entries() }
    }

    @Test func aNodeCacheServesRepeatedLoadsWithTheSameResults() throws {
        let store = MemoryBlockstore()
        var hamt = HAMT(store: store)
        for n in 0..<2000 { try hamt.set(key(n), value(n, 0)) }
        let root = try hamt.flush()
        let cache = HAMTNodeCache(capacity: 10_000)
        let cached = try HAMT(loading: root, store: store, cache: cache)
        let plain = try HAMT(loading: root, store: store)
        for n in 0..<2100 { #expect(try cached.get(key(n)) == plain.get(key(n))) }
        #expect(cache.count > 10)
        // A tiny cache stays bounded and still answers correctly.
        let small = HAMTNodeCache(capacity: 2)
        var mutable = try HAMT(loading: root, store: store, cache: small)
        for n in 0..<300 { #expect(try mutable.get(key(n)) == value(n, 0)) }
        #expect(small.count <= 2)
        // Writes through a cached HAMT land in the store like any other.
        try mutable.set(key(5), value(5, 1))
        #expect(try HAMT(loading: mutable.flush(), store: store).get(key(5)) == value(5, 1))
        #expect(try cached.get(key(5)) == value(5, 0))
    }

    @Test func v0BucketsMayBeUnsortedButNeverRepeatAKey() throws {
        let store = MemoryBlockstore()
        func load(_ node: CBORValue, _ parameters: HAMTParameters) throws -> Int? {
            let cid = try store.putCBOR(node.cborBytes)
            do { return try HAMT(loading: cid, store: store, parameters: parameters).entries().count } catch is HAMTError { return nil }
        }
        let unsorted = CBORValue.array([.bytes([1]), .array([.map(["1": .array([kv([2]), kv([1])])])])])
        let repeated = CBORValue.array([.bytes([1]), .array([.map(["1": .array([kv([1]), kv([1])])])])])
        // go-hamt-ipld v0.1 folded children into buckets without sorting; v2 and later sort.
        #expect(try load(unsorted, .filecoinV0) == 2)
        #expect(try load(unsorted, .filecoinV2) == nil)
        #expect(try load(repeated, .filecoinV0) == nil)
    }

    @Test func aCorruptedStoredChildIsDetectedByVerification() throws {
        let store = MemoryBlockstore()
        var hamt = HAMT(store: store)
        for n in 0..<200 { try hamt.set(key(n), value(n, 0)) }
        let root = try hamt.flush()
        let rootBytes = try store.getRequired(root)
        guard case .array(let fields) = try CBORValue(cborBytes: rootBytes), case .array(let pointers) = fields[1],
              let child = pointers.compactMap({ if case .cid(let c) = $0 { c } else { nil } }).first
        else { Issue.record("no child link at the root"); return }
        // Same CID, different bytes: a store that lies (or bit rot) is caught by the hash check.
        let tampered = MemoryBlockstore()
        for cid in store.cids { try tampered.put(cid, store.getRequired(cid)) }
        var bytes = try store.getRequired(child)
        bytes[bytes.count - 1] ^= 0x01
        try tampered.put(child, bytes)
        #expect(throws: HAMTError.self) { _ = try HAMT(loading: root, store: tampered).verifyStoredNodes() }
        #expect(try HAMT(loading: root, store: store).verifyStoredNodes() > 0)
    }
}
