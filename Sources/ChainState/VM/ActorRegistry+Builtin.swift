extension ActorRegistry {
    /// The native actors of specs-actors v0 and v2, under their `fil/1/…` and `fil/2/…` codes.
    /// The policies default to mainnet's (the conformance corpus); a devnet passes `.devnet`
    /// ones, as Lotus's 2k build sets them.
    public static func builtin(
        power: PowerPolicy = .mainnet, verifiedRegistry: VerifiedRegistryPolicy = .mainnet, miner: MinerPolicy = .mainnet
    ) -> ActorRegistry {
        var registry = ActorRegistry()
        for version in [0, 2] {
            registry.register(ActorCodes.code("system", actorsVersion: version), SystemActor())
            registry.register(ActorCodes.code("init", actorsVersion: version), InitActor(actorsVersion: version))
            registry.register(ActorCodes.code("account", actorsVersion: version), AccountActor())
            registry.register(ActorCodes.code("multisig", actorsVersion: version), MultisigActor(actorsVersion: version))
            registry.register(ActorCodes.code("paymentchannel", actorsVersion: version), PaychActor(actorsVersion: version))
            registry.register(ActorCodes.code("reward", actorsVersion: version), RewardActor(actorsVersion: version))
            registry.register(ActorCodes.code("storagepower", actorsVersion: version), PowerActor(actorsVersion: version, policy: power))
            registry.register(ActorCodes.code("cron", actorsVersion: version), CronActor(actorsVersion: version))
            registry.register(
                ActorCodes.code("verifiedregistry", actorsVersion: version),
                VerifiedRegistryActor(actorsVersion: version, policy: verifiedRegistry))
            registry.register(ActorCodes.code("storageminer", actorsVersion: version), MinerActor(actorsVersion: version, policy: miner))
            registry.register(ActorCodes.code("storagemarket", actorsVersion: version), MarketActor(actorsVersion: version))
        }
        return registry
    }
}
