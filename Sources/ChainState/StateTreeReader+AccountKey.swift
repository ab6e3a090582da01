import DagCBOR
import FilecoinTypes
import IPLD

/// What one state tree says of an address's key address (Lotus `ResolveToDeterministicAddr` over
/// one tree): the callers decide what an absent actor or a non-account means for them.
public enum AccountKeyLookup: Hashable, Sendable {
    /// The key (or delegated) address: the address itself when it is one, else the account's.
    case key(Address)
    /// An actor (f2) address: it has no key address.
    case actorAddress
    /// No actor at the address in this tree.
    case noActor
    /// The actor is not an account (a miner, a multisig, ...): it has no key.
    case notAnAccount(code: CID)
}

extension StateTreeReader {
    /// The key address behind `address` in this tree: a key or delegated address is its own; an
    /// account actor's is in its state (`[Address]`); from state-tree version 5 an actor with a
    /// delegated (f4) address answers that.
    public func accountKey(of address: Address) throws(StateTreeError) -> AccountKeyLookup {
        switch address.protocol {
        case .bls, .secp256k1, .delegated: return .key(address)
        case .actor: return .actorAddress
        case .id: break
        }
        guard let actor = try actor(at: address) else { return .noActor }
        if let delegated = actor.delegatedAddress, version >= 5 { return .key(delegated) }
        guard ActorCodes.isAccount(actor.code) else { return .notAnAccount(code: actor.code) }
        do {
            var reader = CBORReader(bytes: try store.getRequired(actor.head))
            try reader.readArrayHeader(expected: 1)
            return .key(try Address(from: &reader))
        } catch let error as BlockstoreError {
            throw .store(error)
        } catch {
            throw .malformedActor(id: (try? lookupID(address)).flatMap { $0 } ?? 0, "account state: \(error)")
        }
    }
}
