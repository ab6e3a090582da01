import DagCBOR
import IPLD

/// Why a state tree or snapshot could not be read or written.
public enum StateTreeError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformedStateRoot(CID, String)
    case unsupportedVersion(UInt64)
    case malformedActor(id: UInt64, String)
    /// An actors HAMT key that is not an ID address.
    case malformedActorKey([UInt8])
    case malformedInitState(String)
    case malformedHeader(CID, String)
    case missingActor(id: UInt64)
    case noRoots
    case hamt(HAMTError)
    case store(BlockstoreError)
    case car(CARError)
    case zstd(ZstdError)

    public var description: String {
        switch self {
        case .malformedStateRoot(let cid, let why): "state root \(cid) is malformed: \(why)"
        case .unsupportedVersion(let version):
            "state tree version \(version) is not supported (\(StateRoot.supportedVersions.lowerBound)...\(StateRoot.supportedVersions.upperBound))"
        case .malformedActor(let id, let why): "actor f0\(id) is malformed: \(why)"
        case .malformedActorKey(let key): "actors HAMT key \(key) is not an ID address"
        case .malformedInitState(let why): "init actor state is malformed: \(why)"
        case .malformedHeader(let cid, let why): "block header \(cid) is malformed: \(why)"
        case .missingActor(let id): "actor f0\(id) is not in the state tree"
        case .noRoots: "the CAR has no root"
        case .hamt(let error): "\(error)"
        case .store(let error): "\(error)"
        case .car(let error): "\(error)"
        case .zstd(let error): "\(error)"
        }
    }
}
