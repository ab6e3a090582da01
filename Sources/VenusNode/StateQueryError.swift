import DagCBOR
import FilecoinTypes

/// Why a `State*` method could not answer from the state it reads. The descriptions are Lotus's
/// texts (`node/impl/full/state.go`, `chain/stmgr`, `chain/state`), which clients match on.
enum StateQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No actor at the address: an ID address not in the tree, or a key/actor address the init
    /// actor does not map.
    case actorNotFound(Address)
    /// The actor exists but is not of the kind the method reads (a miner, an account).
    case unexpectedActor(Address, code: CID)
    /// A deal ID the market has no proposal for.
    case dealNotFound(UInt64)
    /// A requested sector the miner does not hold (`StateMinerSectors` with numbers).
    case sectorNotFound(UInt64)
    /// An actor address (f2) has no key address behind it.
    case actorAddressHasNoKey(Address)
    /// A deal given to a pledge estimate cannot be activated in the sector.
    case dealNotActivatable(String)
    /// A sector expiration so far from the epoch that its duration is not an epoch count.
    case sectorExpirationOutOfRange(Int64)
    /// A seal proof type without a known sector size.
    case unknownSealProof(Int64)
    /// The state itself could not be read (missing block, bad encoding): never bad input.
    case unreadableState(String)
    /// Another failure with the step that met it in front, as Lotus wraps its errors
    /// ("failed to load miner actor: actor not found").
    indirect case context(String, StateQueryError)

    var description: String {
        switch self {
        case .actorNotFound(let address):
            address.idValue != nil ? "actor not found" : "resolution lookup failed (\(address)): actor not found"
        case .unexpectedActor(_, let code): "unknown actor code \(code)"
        case .dealNotFound(let id):
            "deal \(id) not found - deal may not have completed sealing before deal proposal start epoch, or deal may have been slashed"
        case .sectorNotFound(let number): "can't find sector \(number)"
        case .actorAddressHasNoKey: "cannot resolve actor address to key address"
        case .dealNotActivatable(let reason): "verifying deals for activation: \(reason)"
        case .sectorExpirationOutOfRange(let expiration): "sector expiration \(expiration) is out of range"
        case .unknownSealProof(let proof): "failed to resolve sector size for seal proof: unsupported proof type: \(proof)"
        case .unreadableState(let reason): reason
        case .context(let step, let error): "\(step): \(error)"
        }
    }
}
