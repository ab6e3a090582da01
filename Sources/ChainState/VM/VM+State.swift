import DagCBOR
import FilecoinTypes

/// The state tree as the VM reads it: a failure to read or write the tree (a missing block, a
/// malformed actor) is the node's own fault, fatal to the whole application (Lotus's
/// `aerrors.Fatal`), never a message's exit code.
extension VM {
    func actor(id: UInt64) throws(ActorError) -> ActorState? {
        do { return try state.actor(id: id) } catch { throw .fatal("\(error)") }
    }

    func actor(at address: Address) throws(ActorError) -> ActorState? {
        do { return try state.actor(at: address) } catch { throw .fatal("\(error)") }
    }

    func lookupID(_ address: Address) throws(ActorError) -> UInt64? {
        do { return try state.lookupID(address) } catch { throw .fatal("\(error)") }
    }

    func registerNewAddress(_ address: Address) throws(ActorError) -> UInt64 {
        do { return try state.registerNewAddress(address) } catch { throw .fatal("registering \(address): \(error)") }
    }

    func flushState() throws(ActorError) -> CID {
        do { return try state.flush() } catch { throw .fatal("flushing the state tree: \(error)") }
    }
}
