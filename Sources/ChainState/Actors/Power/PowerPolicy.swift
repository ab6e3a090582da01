import BigInt
import Proofs

/// The storage power actor's policy (specs-actors `power/policy.go` and v2's per-proof
/// `builtin.ConsensusMinerMinPower`), with the consensus minimum power a parameter because
/// Lotus builds set it per network (`policy.SetConsensusMinerMinPower`).
public struct PowerPolicy: Hashable, Sendable {
    /// The minimum raw (v2) / quality-adjusted (v0) power a miner needs for leader election
    /// once enough miners have it; the same for every seal proof type.
    public var consensusMinerMinPower: BigInt

    public init(consensusMinerMinPower: BigInt) {
        self.consensusMinerMinPower = consensusMinerMinPower
    }

    /// Mainnet: 10 TiB.
    public static let mainnet = PowerPolicy(consensusMinerMinPower: BigInt(10) << 40)
    /// Lotus's 2k devnet build: 2048 bytes, so one 2 KiB sector is enough.
    public static let devnet = PowerPolicy(consensusMinerMinPower: 2048)

    /// Miners that must meet the minimum before it is enforced: 3 in v0, 4 in v2.
    public static func consensusMinerMinMiners(actorsVersion: Int) -> Int64 { actorsVersion >= 2 ? 4 : 3 }

    /// Prove-commits one miner may submit per epoch.
    public static let maxMinerProveCommitsPerEpoch: UInt64 = 200

    /// Gas charged by SubmitPoRepForBulkVerify (`GasOnSubmitVerifySeal`).
    public static let gasOnSubmitVerifySeal: Int64 = 34_721_049

    /// The minimum for `proof` in v2, nil for a proof type v2 does not know.
    public func consensusMinerMinPower(for proof: RegisteredSealProof) -> BigInt? {
        RegisteredSealProof.known.contains(proof) ? consensusMinerMinPower : nil
    }

    /// Initial QA power estimate position: 750,000 GiB.
    public static let initialQAPowerEstimatePosition = BigInt(750_000) * (BigInt(1) << 30)
    /// Initial QA power estimate velocity: 3,840 GiB per epoch.
    public static let initialQAPowerEstimateVelocity = BigInt(3_840) * (BigInt(1) << 30)
}
