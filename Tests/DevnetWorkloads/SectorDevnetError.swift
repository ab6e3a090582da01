/// Why a synthetic sector devnet could not be built or driven. The workload is meant to succeed
/// completely, so every failed message or broken expectation stops it with what went wrong.
public enum SectorDevnetError: Error, Sendable, CustomStringConvertible {
    /// A shape the workload cannot build (no miners, more than 2^31 sectors, ...).
    case invalidShape(String)
    /// Building the genesis state failed.
    case genesisFailed(String)
    /// A message the setup applied did not exit OK: what it was, its exit code and error.
    case setupMessageFailed(String, exitCode: Int64, String)
    /// The VM failed (a fatal error, not a message outcome).
    case vmFailed(String)
    /// The state the setup produced is not what the workload expects (sectors, claims).
    case unexpectedState(String)
    /// A block reachable from the state root is not in the store.
    case missingBlock(String)
    /// Copying the reachable state failed.
    case compactionFailed(String)
    /// A proof the workload needs could not be made (it supplies inputs the mock prover refuses).
    case proofFailed(String)

    public var description: String {
        switch self {
        case .invalidShape(let why): "invalid devnet shape: \(why)"
        case .genesisFailed(let why): "genesis failed: \(why)"
        case .setupMessageFailed(let what, let code, let why): "\(what) exited \(code): \(why)"
        case .vmFailed(let why): "VM failed: \(why)"
        case .unexpectedState(let why): "unexpected state: \(why)"
        case .missingBlock(let cid): "block \(cid) is missing from the store"
        case .compactionFailed(let why): "compacting the state failed: \(why)"
        case .proofFailed(let why): "mock proof failed: \(why)"
        }
    }
}
