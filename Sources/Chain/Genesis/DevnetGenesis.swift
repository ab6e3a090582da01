import FilecoinTypes
import IPLD

/// The genesis `venus daemon --network devnet` makes for itself when it is given no genesis file:
/// one presealed miner (t01000) whose owner/worker key is new and belongs in the node's repo,
/// with a 50 million FIL account, the Lotus default root key and remainder multisigs.
///
/// Usage: `let devnet = try DevnetGenesis.make(timestamp: now)`, keep `devnet.minerKey` (its
/// ``GenesisKey/lotusKeyFileText`` is what `pre-seal-t01000.key` holds) and `devnet.template`
/// (to rebuild or share the same genesis), then `try devnet.build(into: store)`.
public struct DevnetGenesis: Sendable {
    /// The default network name of a self-made devnet.
    public static let defaultNetworkName = "devnet"
    /// Presealed sectors of the default miner: 2 KiB each.
    public static let defaultSectorCount = 2

    public var template: GenesisTemplate
    public var parameters: DevnetParameters
    /// The miner's owner, worker and deal client key.
    public var minerKey: GenesisKey

    public init(template: GenesisTemplate, parameters: DevnetParameters, minerKey: GenesisKey) {
        self.template = template
        self.parameters = parameters
        self.minerKey = minerKey
    }

    /// A template with one presealed 2 KiB miner; `key` nil draws a new BLS key.
    public static func make(
        networkName: String = defaultNetworkName, timestamp: UInt64, sectorCount: Int = defaultSectorCount,
        key: GenesisKey? = nil, parameters: DevnetParameters = .twoK
    ) throws(GenesisError) -> DevnetGenesis {
        try parameters.validate()
        guard sectorCount >= 1 else { throw .malformedTemplate("a devnet miner needs at least one sector to win blocks") }
        var template = GenesisTemplate(networkName: networkName, timestamp: timestamp)
        let preseal = try Preseal.make(
            miner: GenesisBuilder.minerAddress(index: 0), sectorSize: 2048, sectorCount: sectorCount, key: key,
            networkVersion: template.networkVersion)
        try template.addMiner(preseal.miner)
        return DevnetGenesis(template: template, parameters: parameters, minerKey: preseal.key)
    }

    /// Builds the genesis into `store` (see ``GenesisBuilder``).
    public func build(into store: any Blockstore) throws(GenesisError) -> GenesisBlock {
        try GenesisBuilder(template: template, parameters: parameters).build(into: store)
    }
}
