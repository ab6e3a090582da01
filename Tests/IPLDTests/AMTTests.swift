import DagCBOR
import FilecoinCrypto
import IPLD
import Testing
import VenusTesting

/// AMT behaviour against a dictionary model, canonical shape, and strict decoding.
struct AMTTests {
    static let formats: [AMTFormat] = [.legacy, .current(bitWidth: 3), .current(bitWidth: 5), .current(bitWidth: 1)]

    private func value(_ n: UInt64) -> [UInt8] { CBORValue.text("v\(n)").cborBytes }

    private func build(_ contents: [UInt64: [UInt8]], format: AMTFormat, seed: UInt64) throws -> CID {
        var generator = SeededGenerator(seed: seed)
        var amt = try AMT(store: MemoryBlockstore(), format: format)
        for (index, v) in contents.shuffled(using: &generator) { try amt.set(index, v) }
        return try amt.flush()
    }

    @Test(arguments: formats, [UInt64(7), 8])
    func randomOperationsMatchADictionary(format: AMTFormat, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let store = MemoryBlockstore()
        var amt = try AMT(store: store, format: format)
        var model: [UInt64: [UInt8]] = [:]
        for step in 0..<1200 {
            // Mostly small indexes, sometimes far ones, so the tree grows and shrinks.
            let index = Int.random(in: 0..<10, using: &generator) == 0
                ? UInt64.random(in: 0..<100_000, using: &generator) : UInt64.random(in: 0..<300, using: &generator)
            if Int.random(in: 0..<3, using: &generator) == 0 {
                #expect(try amt.delete(index) == (model.removeValue(forKey: index) != nil), "seed \(seed) step \(step)")
            } else {
                try amt.set(index, value(UInt64(step)))
                model[index] = value(UInt64(step))
            }
            #expect(amt.count == UInt64(model.count))
            if step % 250 == 249 {
                let root = try amt.flush()
                amt = try AMT(loading: root, store: store, format: format)
                _ = try amt.verifyStoredNodes()
            }
        }
        for index in model.keys { #expect(try amt.get(index) == model[index]) }
        #expect(try amt.get(3_000_000) == nil)
        let listed = try amt.values()
        #expect(listed.map(\.index) == model.keys.sorted())
        #expect(listed.allSatisfy { model[$0.index] == $0.value })
        #expect(try amt.flush() == (try build(model, format: format, seed: seed &+ 5)), "history changed the root (seed \(seed))")
    }

    @Test(arguments: [AMTFormat.current(bitWidth: 3), .current(bitWidth: 5)])
    func deletingEverythingReturnsToTheEmptyTree(format: AMTFormat) throws {
        var amt = try AMT(store: MemoryBlockstore(), format: format)
        var empty = try AMT(store: MemoryBlockstore(), format: format)
        for index in [0, 1, 9, 64, 1000, 77_777] as [UInt64] { try amt.set(index, value(index)) }
        #expect(amt.height > 0)
        for index in [77_777, 0, 1000, 9, 1, 64] as [UInt64] { #expect(try amt.delete(index)) }
        #expect(amt.height == 0 && amt.count == 0)
        #expect(try amt.flush() == empty.flush())
    }

    @Test func theEmptyLegacyAMTIsTheGenesisReceiptsRoot() throws {
        // Both genesis headers name this CID as their receipts root: go-amt-ipld's empty v0 AMT.
        var amt = try AMT(store: MemoryBlockstore(), format: .legacy)
        #expect(try amt.flush().description == "bafy2bzacedswlcz5ddgqnyo3sak3jmhmkxashisnlpq6ujgyhe4mlobzpnhs6")
    }

    @Test func appendBuildsADenseArray() throws {
        var amt = try AMT(store: MemoryBlockstore(), format: .current(bitWidth: 3))
        for n in 0..<100 as Range<UInt64> { try amt.append(value(n)) }
        #expect(amt.count == 100 && amt.height == 2)  // 8^2 < 100 <= 8^3
        #expect(try amt.values().map(\.index) == Array(0..<100))
    }

    @Test func badInputIsRejected() throws {
        let store = MemoryBlockstore()
        var amt = try AMT(store: store, format: .current(bitWidth: 3))
        #expect(throws: AMTError.self) { try amt.set(UInt64.max, value(0)) }
        #expect(throws: AMTError.self) { try amt.set(0, [0x61]) }  // truncated text
        #expect(throws: AMTError.self) { try AMT(store: store, format: .current(bitWidth: 0)) }
        func load(_ root: CBORValue, _ format: AMTFormat = .current(bitWidth: 3)) throws -> AMTError? {
            let cid = try store.putCBOR(root.cborBytes)
            do { _ = try AMT(loading: cid, store: store, format: format).values(); return nil } catch let error as AMTError { return error }
        }
        let emptyNode = CBORValue.array([.bytes([0]), .array([]), .array([])])
        #expect(try load(.array([.unsigned(3), .unsigned(0), .unsigned(0), emptyNode])) == nil)
        #expect(try load(.array([.unsigned(0), .unsigned(0), emptyNode]), .legacy) == nil)
        // Wrong bit width, wrong arity, count too big for the height, empty root above height 0.
        #expect(try load(.array([.unsigned(5), .unsigned(0), .unsigned(0), emptyNode])) != nil)
        #expect(try load(.array([.unsigned(0), .unsigned(0), emptyNode])) != nil)
        #expect(try load(.array([.unsigned(3), .unsigned(0), .unsigned(9), emptyNode])) != nil)
        #expect(try load(.array([.unsigned(3), .unsigned(1), .unsigned(0), emptyNode])) != nil)
        // Bitmap of the wrong size, bits without values, values in an interior node.
        #expect(try load(.array([.unsigned(3), .unsigned(0), .unsigned(0), .array([.bytes([0, 0]), .array([]), .array([])])])) != nil)
        #expect(try load(.array([.unsigned(3), .unsigned(0), .unsigned(1), .array([.bytes([3]), .array([]), .array([.unsigned(1)])])])) != nil)
        #expect(try load(.array([.unsigned(3), .unsigned(1), .unsigned(1), .array([.bytes([1]), .array([]), .array([.unsigned(1)])])])) != nil)
        // Both links and values.
        let leaf = try store.putCBOR(CBORValue.array([.bytes([1]), .array([]), .array([.unsigned(1)])]).cborBytes)
        #expect(try load(.array([.unsigned(3), .unsigned(1), .unsigned(1), .array([.bytes([1]), .array([.cid(leaf)]), .array([.unsigned(1)])])])) != nil)
        // A well-formed two-level tree loads; a count that disagrees with the values fails verification.
        #expect(try load(.array([.unsigned(3), .unsigned(1), .unsigned(1), .array([.bytes([1]), .array([.cid(leaf)]), .array([])])])) == nil)
        let lying = try store.putCBOR(CBORValue.array([.unsigned(3), .unsigned(1), .unsigned(2), .array([.bytes([1]), .array([.cid(leaf)]), .array([])])]).cborBytes)
        #expect(throws: AMTError.self) { _ = try AMT(loading: lying, store: store, format: .current(bitWidth: 3)).verifyStoredNodes() }
    }
}
