import FilecoinTypes
import Proofs

/// Why block production could not go on. Nothing is changed by a failed call (messages a failed
/// `BlockAssembler` call already stored are content-addressed and harmless).
public enum MiningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The base tipset is not in the chain store.
    case baseUnknown(TipSetKey)
    /// The round is not after the base.
    case roundNotAfterBase(round: Int64, baseHeight: Int64)
    /// The miner has an actor neither at the lookback nor at the base (Lotus errors where it would
    /// otherwise return no base info).
    case minerNotFound(Address)
    /// A miner address must be an ID address.
    case minerNotIDAddress(Address)
    /// The miner's worker key could not be resolved.
    case workerUnknown(Address)
    /// The worker key signs with something other than BLS, so it cannot make a VRF.
    case workerKeyNotBLS(Address)
    /// No beacon entry in the 20 newest tipsets of the base.
    case noPriorBeaconEntry
    /// After the smoke upgrade a ticket needs the base's smallest ticket.
    case baseHasNoTicket(TipSetKey)
    /// A winning PoSt needs at least one challenged sector.
    case noSectorsToProve(Address)
    /// The signer has no key for the address.
    case noKey(Address)
    /// The signer failed.
    case signing(Address, String)
    /// A beacon entry could not be had.
    case beacon(BeaconError)
    /// The prover failed.
    case proving(ProofError)
    /// A message of the template has a signature type the network does not take in blocks.
    case messageSignatureTypeInvalid(index: Int, Signature.Kind)
    /// A BLS message signature is not a valid BLS signature (so it cannot be aggregated).
    case blsSignatureMalformed(index: Int)
    /// A chain fact could not be read (I/O, missing state).
    case chainFactUnavailable(fact: String, reason: String)

    public var description: String {
        switch self {
        case .baseUnknown(let key): "base tipset \(key) is unknown"
        case .roundNotAfterBase(let round, let height): "round \(round) is not after the base at \(height)"
        case .minerNotFound(let miner): "miner \(miner) not found"
        case .minerNotIDAddress(let miner): "miner \(miner) is not an ID address"
        case .workerUnknown(let miner): "the worker key of \(miner) could not be resolved"
        case .workerKeyNotBLS(let worker): "miner worker address \(worker) was not a BLS key"
        case .noPriorBeaconEntry: "no beacon entry in the 20 newest tipsets of the base"
        case .baseHasNoTicket(let key): "base tipset \(key) has no ticket"
        case .noSectorsToProve(let miner): "miner \(miner) has no sectors to prove"
        case .noKey(let address): "no key for \(address)"
        case .signing(let address, let reason): "signing with \(address): \(reason)"
        case .beacon(let error): "beacon: \(error)"
        case .proving(let error): "winning PoSt: \(error)"
        case .messageSignatureTypeInvalid(let index, let kind): "message \(index): signature type \(kind) is not valid in a block"
        case .blsSignatureMalformed(let index): "message \(index): malformed BLS signature"
        case .chainFactUnavailable(let fact, let reason): "\(fact) unavailable: \(reason)"
        }
    }
}
