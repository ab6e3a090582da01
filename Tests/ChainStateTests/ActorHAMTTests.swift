import ChainState
import DagCBOR
import IPLD
import Testing

/// The charged go-hamt-ipld emulation the actors use must build the same trees as IPLD's HAMT
/// (which is checked against the genesis states and the Python oracle), for both generations.
struct ActorHAMTTests {
    @Test(arguments: [true, false])
    func sameRootsAsTheIPLDHAMT(sorted: Bool) throws {
        let blocks = MemoryBlockstore()
        let store = UnchargedActorStore(blocks)
        var reference = HAMT(store: blocks, parameters: sorted ? .filecoinV2 : .filecoinV0)
        var actor = ActorHAMT(store: store, sortsOnCollapse: sorted)
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var present: [[UInt8]] = []
        for round in 0..<600 {
            let key = Array("k\(next() % 400)".utf8)
            let value = CBORValue.unsigned(next()).cborBytes
            if round % 3 == 2, !present.isEmpty {
                let victim = present[Int(next() % UInt64(present.count))]
                #expect(try actor.delete(victim) == true)
                #expect(try reference.delete(victim))
                present.removeAll { $0 == victim }
            } else {
                try actor.set(key, value)
                try reference.set(key, value)
                if !present.contains(key) { present.append(key) }
            }
            if round % 97 == 96 {
                // Reload both from their flushed roots, as an actor's next transaction would.
                let root = try actor.flush()
                #expect(root == (try reference.flush()))
                actor = try ActorHAMT(loading: root, store: store, sortsOnCollapse: sorted)
                reference = try HAMT(loading: root, store: blocks, parameters: sorted ? .filecoinV2 : .filecoinV0)
            }
        }
        #expect(try actor.flush() == (try reference.flush()))
        #expect(try actor.delete(Array("absent".utf8)) == false)
        for key in present { #expect(try actor.get(key) == (try reference.get(key))) }
    }

    @Test func malformedNodesAreErrors() throws {
        let blocks = MemoryBlockstore()
        let store = UnchargedActorStore(blocks)
        // Bitfield says two pointers, one given; a bitfield wider than 32 slots; not an array.
        for bytes: [UInt8] in [[0x82, 0x41, 0x03, 0x81, 0xa1, 0x61, 0x31, 0x80], [0x82, 0x45, 1, 0, 0, 0, 0, 0x80], [0x01]] {
            let cid = try blocks.putCBOR(bytes)
            #expect(throws: ActorError.self) { _ = try ActorHAMT(loading: cid, store: store, sortsOnCollapse: true) }
        }
    }
}
