import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import NIOPosix
import Proofs
import VenusRuntime

/// What a running node holds: its block store (the LMDB file `chain.lmdb` in the repo), the chain
/// (head and genesis recorded beside it in `chain-meta/`), and the states of its tipsets.
///
/// Invariant: once opened, the chain has a genesis and a head. The node runs one network version
/// from genesis on (a devnet has no upgrades) and the actors with the devnet's policies.
public struct ChainNode: Sendable {
    public let chain: ChainStore
    public let states: StateManager
    public let networkName: String
    public let parameters: DevnetParameters
    /// The pending messages (its head-change follower runs as one of the node's services).
    public let pool: MessagePool
    /// Where submitted blocks are validated and added to the chain.
    public let sync: ChainSync
    /// The beacon the chain's blocks carry entries of: the **mock** beacon, devnets only.
    public let beacons: BeaconSchedule
    /// The build constants blocks are validated against (the 2k build's, with this devnet's delay).
    public let consensus: ConsensusParameters
    /// The chain facts block validation and block production read.
    public let validationContext: StateValidationContext
    /// Signs blocks with the worker keys the node holds: only a self-made devnet's miner key (in the
    /// repo); nil in pool mode, where blocks are signed by the SP's wallet.
    public let localSigner: MiningSigner?

    /// Where the chain comes from when the repo holds none yet.
    public enum GenesisSource: Sendable {
        /// A genesis CAR file (`--genesis`).
        case file(String)
        /// A chain snapshot CAR (`--import-snapshot`): its head becomes the node's head.
        case snapshot(String)
        /// A devnet genesis of the node's own: one presealed miner whose key is written to the repo.
        case devnet(timestamp: UInt64)
    }

    /// The file the self-made devnet's miner key is written to (lotus-seed's name for it).
    public static let devnetKeyFileName = "pre-seal-t01000.key"
    /// The genesis CAR the node writes for a self-made devnet, so other nodes can start from it.
    public static let devnetGenesisFileName = "devnet-genesis.car"

    /// Opens the chain in `repo`. A chain already there is resumed on its recorded head (`source`
    /// is then only checked to name the same genesis); an empty one starts from `source`.
    public static func open(
        repo: RepoDirectory, network: NodeConfig.Network, source: GenesisSource
    ) async throws -> ChainNode {
        let parameters = network.devnetParameters
        try parameters.validate()
        let metaFolder = repo.file("chain-meta")
        let (blockstore, metadata) = try await blocking {
            try FileManager.default.createDirectory(atPath: metaFolder, withIntermediateDirectories: true)
            return (try LMDBBlockstore(path: repo.file("chain.lmdb")), try FileChainMetadata(directory: metaFolder))
        }
        let chain = try ChainStore(blockstore: blockstore, metadata: metadata)
        if await chain.head == nil {
            try await start(chain, from: source, repo: repo, network: network, parameters: parameters)
        } else if case .file(let path) = source {
            let given = try await blocking { try genesisCID(ofFile: path) }
            let ours = try await chain.genesis().cid
            guard given == ours else { throw NodeError.genesisMismatch(repo: ours.description, given: given.description) }
        }
        let states = StateManager(
            chain: chain, schedule: .fixed(network.networkVersion), registry: parameters.actorRegistry,
            proofs: MockProofs())
        let genesisRoot = try await chain.genesis().parentStateRoot
        let networkName = try StateTreeView(root: genesisRoot, store: blockstore).networkName()
        var consensus = ConsensusParameters.devnet2k
        consensus.blockDelaySeconds = parameters.blockDelaySeconds
        let beacons = BeaconSchedule(MockBeacon())
        let context = StateValidationContext(stateManager: states, parameters: consensus, powerPolicy: .devnet)
        let sync = ChainSync(
            chain: chain, validator: BlockValidator(context: context, beacons: beacons, verifier: MockProofs()))
        let pool = try await MessagePool(provider: try await StateMessagePoolProvider(stateManager: states))
        let keyFile = repo.file(devnetKeyFileName)
        let localKey = try await blocking { () -> GenesisKey? in
            guard FileManager.default.fileExists(atPath: keyFile) else { return nil }
            return try GenesisKey(lotusKeyFileText: try String(contentsOfFile: keyFile, encoding: .utf8))
        }
        return ChainNode(
            chain: chain, states: states, networkName: networkName, parameters: parameters, pool: pool, sync: sync,
            beacons: beacons, consensus: consensus, validationContext: context,
            localSigner: localKey.map { MiningSigner.local([$0]) })
    }

    private static func start(
        _ chain: ChainStore, from source: GenesisSource, repo: RepoDirectory, network: NodeConfig.Network,
        parameters: DevnetParameters
    ) async throws {
        let store = chain.blockstore
        let genesis: BlockHeader
        switch source {
        case .snapshot(let path):
            let source = try FileByteSource(path: path)
            _ = try await ChainExport.importSnapshot(source, into: chain)
            try await chain.flush()
            return
        case .file(let path):
            genesis = try await blocking {
                let tipset = try ChainExport.importCAR(try FileByteSource(path: path), into: store)
                guard tipset.height == 0, tipset.blocks.count == 1, let header = tipset.blocks.first else {
                    throw NodeError.notAGenesis(height: tipset.height, blocks: tipset.blocks.count)
                }
                return header
            }
        case .devnet(let timestamp):
            genesis = try await blocking {
                let devnet = try DevnetGenesis.make(
                    networkName: network.name, timestamp: timestamp, parameters: parameters)
                let block = try devnet.build(into: store)
                try writePrivate(Data(devnet.minerKey.lotusKeyFileText.utf8), to: repo.file(devnetKeyFileName))
                let car = try GenesisArchive.archive(root: block.header.cid, from: store)
                try Data(car).write(to: URL(fileURLWithPath: repo.file(devnetGenesisFileName)), options: .atomic)
                return block.header
            }
        }
        try await chain.setGenesis(genesis)
        try await chain.setHead(try TipSet(blocks: [genesis]))
        try await chain.flush()
    }

    /// The CID of the single root of the CAR at `path` (a genesis file's header).
    private static func genesisCID(ofFile path: String) throws -> CID {
        let reader = try CARStreamReader(try FileByteSource(path: path))
        guard reader.roots.count == 1, let root = reader.roots.first else {
            throw NodeError.notAGenesis(height: -1, blocks: reader.roots.count)
        }
        return root
    }

    /// Writes a key file readable by its owner only, as lotus-seed does.
    private static func writePrivate(_ data: Data, to path: String) throws {
        // Created with its final mode, so the key is never readable by others, even for a moment.
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw RepoError.io(path: path, errno: errno)
        }
    }

    /// Runs disk work (LMDB opening, genesis building, file reads) off the cooperative pool.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
