import DagCBOR
import IPLD

/// Why a state tree or snapshot could not be read.
public enum StateTreeError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformedStateRoot(CID, String)
    case unsupportedVersion(UInt64)
    case malformedActor(address: [UInt8], String)
    case malformedAmount(String)
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
        case .unsupportedVersion(let version): "state tree version \(version) is not supported (0...5)"
        case .malformedActor(let address, let why): "actor \(StateTree.describe(address: address)) is malformed: \(why)"
        case .malformedAmount(let why): "token amount is malformed: \(why)"
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
