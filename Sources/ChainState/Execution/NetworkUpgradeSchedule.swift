/// Which network version runs at which epoch, and where the upgrades are (Lotus
/// `UpgradeSchedule` with `GetNtwkVersion`).
///
/// An upgrade at height `H` makes epochs up to and including `H` run the previous version and
/// epochs from `H + 1` the new one; its state migration (if any) runs between the cron of epoch
/// `H` and the first message of the tipset after it. Heights are strictly increasing.
public struct NetworkUpgradeSchedule: Sendable, Hashable {
    /// One scheduled upgrade.
    public struct Upgrade: Sendable, Hashable {
        public var name: String
        public var height: Int64
        public var networkVersion: UInt64
        /// Whether Lotus runs a state migration at this height.
        public var migrates: Bool

        public init(name: String, height: Int64, networkVersion: UInt64, migrates: Bool) {
            self.name = name
            self.height = height
            self.networkVersion = networkVersion
            self.migrates = migrates
        }
    }

    public var genesisVersion: UInt64
    public var upgrades: [Upgrade]

    public init(genesisVersion: UInt64, upgrades: [Upgrade]) {
        self.genesisVersion = genesisVersion
        self.upgrades = upgrades.sorted { $0.height < $1.height }
    }

    /// One network version from genesis on (a devnet without upgrades).
    public static func fixed(_ networkVersion: UInt64) -> NetworkUpgradeSchedule {
        NetworkUpgradeSchedule(genesisVersion: networkVersion, upgrades: [])
    }

    /// Mainnet's upgrades up to network version 9, the range this legacy VM's actors cover
    /// (Lotus `build/params_mainnet.go` and `DefaultUpgradeSchedule`).
    public static let mainnet = NetworkUpgradeSchedule(genesisVersion: 0, upgrades: [
        Upgrade(name: "breeze", height: 41_280, networkVersion: 1, migrates: true),
        Upgrade(name: "smoke", height: 51_000, networkVersion: 2, migrates: false),
        Upgrade(name: "ignition", height: 94_000, networkVersion: 3, migrates: true),
        Upgrade(name: "refuel", height: 130_800, networkVersion: 3, migrates: true),
        Upgrade(name: "actorsv2", height: 138_720, networkVersion: 4, migrates: true),
        Upgrade(name: "tape", height: 140_760, networkVersion: 5, migrates: false),
        Upgrade(name: "liftoff", height: 148_888, networkVersion: 5, migrates: true),
        Upgrade(name: "kumquat", height: 170_000, networkVersion: 6, migrates: false),
        Upgrade(name: "calico", height: 265_200, networkVersion: 7, migrates: true),
        Upgrade(name: "persian", height: 272_400, networkVersion: 8, migrates: false),
        Upgrade(name: "orange", height: 336_458, networkVersion: 9, migrates: false),
        Upgrade(name: "trust", height: 550_321, networkVersion: 10, migrates: true),
    ])

    /// The network version of `epoch`.
    public func networkVersion(at epoch: Int64) -> UInt64 {
        var version = genesisVersion
        for upgrade in upgrades {
            guard epoch > upgrade.height else { break }
            version = upgrade.networkVersion
        }
        return version
    }

    /// The first upgrade whose height lies in `parentEpoch..<epoch`: applying a tipset at `epoch`
    /// on a parent at `parentEpoch` would have to run it (Lotus `handleStateForks` for each `i`
    /// of that range). Nil when the range crosses none.
    public func upgrade(crossedFrom parentEpoch: Int64, to epoch: Int64) -> Upgrade? {
        upgrades.first { $0.height >= parentEpoch && $0.height < epoch }
    }
}
