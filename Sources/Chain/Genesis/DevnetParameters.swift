import ChainState
import Proofs

/// The build-time constants of a devnet that Lotus fixes per build (`build/params_2k.go`) and a
/// devnet here takes as configuration: the block and propagation delays, the pre-commit challenge
/// delay, and the policies the 2k build sets (2 KiB sectors, 2 KiB consensus minimum power, 256-byte
/// verified deals).
///
/// The challenge delay is a rule of the chain's miner actor (genesis runs it too when it
/// pre-commits the presealed sectors, whose expiry bookkeeping is quantized to deadlines), so all
/// of a chain's nodes must use the same value; the two delays only pace block production and
/// never change the genesis.
public struct DevnetParameters: Codable, Hashable, Sendable {
    /// Seconds between epochs (`BlockDelaySecs`; 2k: 4).
    public var blockDelaySeconds: UInt64
    /// Seconds a miner waits for the epoch's blocks before mining on them (`PropagationDelaySecs`; 2k: 1).
    public var propagationDelaySeconds: UInt64
    /// Epochs between pre-commit and the seal's interactive randomness (2k: 10).
    public var preCommitChallengeDelay: Int64

    public init(blockDelaySeconds: UInt64 = 4, propagationDelaySeconds: UInt64 = 1, preCommitChallengeDelay: Int64 = 10) {
        self.blockDelaySeconds = blockDelaySeconds
        self.propagationDelaySeconds = propagationDelaySeconds
        self.preCommitChallengeDelay = preCommitChallengeDelay
    }

    /// Lotus's 2k devnet: 4 s blocks, 1 s propagation, a challenge delay of 10 epochs.
    public static let twoK = DevnetParameters()

    /// The network version a devnet template starts at: the last before calico (7), so the v2
    /// actors run with the original 2 KiB seal proof (`StackedDrg2KiBV1`) the devnet policy allows.
    public static let defaultNetworkVersion: UInt64 = 6

    /// Network versions whose actors (v2) genesis can construct.
    public static let supportedNetworkVersions: ClosedRange<UInt64> = 4...9

    /// Refuses values a chain cannot run with.
    public func validate() throws(GenesisError) {
        guard blockDelaySeconds >= 1 else { throw .invalidParameters("the block delay must be at least 1 second") }
        guard propagationDelaySeconds < blockDelaySeconds else {
            throw .invalidParameters(
                "the propagation delay (\(propagationDelaySeconds) s) must be shorter than the block delay (\(blockDelaySeconds) s)")
        }
        guard preCommitChallengeDelay >= 1, preCommitChallengeDelay <= MinerPolicy.epochsInDay else {
            throw .invalidParameters("the pre-commit challenge delay must be 1...\(MinerPolicy.epochsInDay) epochs, not \(preCommitChallengeDelay)")
        }
    }

    /// The miner policy of this devnet: 2 KiB sectors and this challenge delay.
    public var minerPolicy: MinerPolicy {
        MinerPolicy(supportedProofTypes: MinerPolicy.devnet.supportedProofTypes, preCommitChallengeDelay: preCommitChallengeDelay)
    }

    /// The actors a devnet runs, with its policies (what the node's VM and genesis both use).
    public var actorRegistry: ActorRegistry {
        ActorRegistry.builtin(power: .devnet, verifiedRegistry: .devnet, miner: minerPolicy)
    }
}
