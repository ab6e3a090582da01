import DagCBOR
import IPLD

/// The block store an actor sees: every get and put goes through the runtime, which charges
/// gas for it before touching the blocks (Lotus `gasChargingBlocks`). An out-of-gas failure
/// surfaces as the thrown ``ActorError``, which actor code passes on unchanged.
public protocol ActorStore: AnyObject {
    /// The block's bytes; a missing block is an error.
    func get(_ cid: CID) throws(ActorError) -> [UInt8]
    /// Stores DAG-CBOR bytes and returns their CID.
    func put(_ bytes: [UInt8]) throws(ActorError) -> CID
}

/// An ``ActorStore`` that charges nothing, over a block store (for the VM's own bookkeeping and tests).
public final class UnchargedActorStore: ActorStore {
    public let blocks: any Blockstore

    public init(_ blocks: any Blockstore) { self.blocks = blocks }

    public func get(_ cid: CID) throws(ActorError) -> [UInt8] {
        do { return try blocks.getRequired(cid) } catch { throw .fatal("\(error)") }
    }

    public func put(_ bytes: [UInt8]) throws(ActorError) -> CID {
        do { return try blocks.putCBOR(bytes) } catch { throw .fatal("\(error)") }
    }
}
