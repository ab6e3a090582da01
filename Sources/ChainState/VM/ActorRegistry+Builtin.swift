extension ActorRegistry {
    /// The native actors of specs-actors v0 and v2, under their `fil/1/…` and `fil/2/…` codes.
    public static func builtin() -> ActorRegistry {
        var registry = ActorRegistry()
        for version in [0, 2] {
            registry.register(ActorCodes.code("system", actorsVersion: version), SystemActor())
            registry.register(ActorCodes.code("init", actorsVersion: version), InitActor(actorsVersion: version))
            registry.register(ActorCodes.code("account", actorsVersion: version), AccountActor())
            registry.register(ActorCodes.code("multisig", actorsVersion: version), MultisigActor(actorsVersion: version))
            registry.register(ActorCodes.code("paymentchannel", actorsVersion: version), PaychActor(actorsVersion: version))
            registry.register(ActorCodes.code("reward", actorsVersion: version), RewardActor(actorsVersion: version))
            registry.register(ActorCodes.code("storagepower", actorsVersion: version), PowerActor(actorsVersion: version))
            registry.register(ActorCodes.code("cron", actorsVersion: version), CronActor(actorsVersion: version))
            registry.register(
                ActorCodes.code("verifiedregistry", actorsVersion: version), VerifiedRegistryActor(actorsVersion: version))
            // Dispatch and parameter decoding only, until their native implementations land.
            registry.register(ActorCodes.code("storageminer", actorsVersion: version), UnimplementedActor.miner(actorsVersion: version))
            registry.register(ActorCodes.code("storagemarket", actorsVersion: version), MarketActor(actorsVersion: version))
        }
        return registry
    }
}
