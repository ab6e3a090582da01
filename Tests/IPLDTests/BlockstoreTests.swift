import DagCBOR
import FilecoinCrypto
import IPLD
import Testing

struct BlockstoreTests {
    @Test func memoryBlockstoreStoresAndChecks() throws {
        let store = MemoryBlockstore()
        let data = CBORValue.text("hello").cborBytes
        let cid = try store.putCBOR(data)
        #expect(cid == CID.filecoin(cbor: data))
        #expect(try store.get(cid) == data)
        #expect(try store.has(cid))
        let other = CID.filecoin(cbor: [0xf6])
        #expect(try store.get(other) == nil)
        #expect(throws: BlockstoreError.notFound(other)) { try store.getRequired(other) }
        #expect(throws: BlockstoreError.hashMismatch(other)) { try store.putVerified(other, data) }
        try store.putMany([(other, [0xf6])])
        #expect(store.count == 2)
    }
}
