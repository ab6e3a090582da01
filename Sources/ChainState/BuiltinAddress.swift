import FilecoinTypes

/// The singleton actors' fixed ID addresses (specs-actors `builtin.*ActorAddr`).
public enum BuiltinAddress {
    /// The init actor's ID: its state maps robust addresses to IDs and names the network.
    public static let initActorID: UInt64 = 1

    public static let systemActor = Address.idAddress(0)
    public static let initActor = Address.idAddress(initActorID)
    public static let rewardActor = Address.idAddress(2)
    public static let cronActor = Address.idAddress(3)
    public static let powerActor = Address.idAddress(4)
    public static let marketActor = Address.idAddress(5)
    public static let verifiedRegistryActor = Address.idAddress(6)
    public static let burntFundsActor = Address.idAddress(99)
}

extension Address {
    /// The ID address f0`id`. Callers pass IDs of at most 2^63 - 1 (the state tree's lookups and
    /// the init actor refuse larger ones), so the fallback is unreachable.
    public static func idAddress(_ id: UInt64) -> Address {
        (try? Address.id(id)) ?? (try? Address.id(0)) ?? Address.actor([])
    }
}
