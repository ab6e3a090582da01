import Chain
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusNode
import VenusRuntime

/// The node's chain in its repo: a devnet genesis of its own on first start (its miner key kept
/// in the repo, readable by the owner only), the same chain on every later start, another node
/// started from the genesis file it wrote on the same genesis, a mismatched genesis refused.
@Suite struct ChainNodeTests {
    static func temporaryRepo() throws -> RepoDirectory {
        try RepoDirectory(path: NSTemporaryDirectory() + "venus-chain-\(UUID().uuidString)")
    }

    @Test func aNewRepoMakesItsOwnDevnetAndKeepsItAcrossRestarts() async throws {
        let repo = try Self.temporaryRepo()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try FileManager.default.createDirectory(atPath: repo.path, withIntermediateDirectories: true)
        let network = NodeConfig.Network()
        // The first node is closed (its LMDB environment released) before the restart opens it again.
        let (genesis, head) = try await Self.firstStart(repo: repo, network: network)

        // A second open (a restart) finds the same chain, whatever source it is given.
        let again = try await ChainNode.open(repo: repo, network: network, source: .devnet(timestamp: 1_800_000_000))
        #expect(try await again.chain.genesis().cid == genesis.cid)
        #expect(try await again.chain.requireHead().key == head.key)
    }

    static func firstStart(repo: RepoDirectory, network: NodeConfig.Network) async throws -> (BlockHeader, TipSet) {
        let first = try await ChainNode.open(repo: repo, network: network, source: .devnet(timestamp: 1_700_000_000))
        let genesis = try await first.chain.genesis()
        #expect(genesis.height == 0)
        #expect(genesis.timestamp == 1_700_000_000)
        #expect(first.networkName == "devnet")
        #expect(try await first.chain.requireHead().key == TipSetKey([genesis.cid]))

        // The miner key is the genesis miner's worker, and only its owner may read the file.
        let keyPath = repo.file(ChainNode.devnetKeyFileName)
        let key = try GenesisKey(lotusKeyFileText: try String(contentsOfFile: keyPath, encoding: .utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let head = try await first.chain.requireHead()
        let account = try await first.states.actor(key.address, at: head)
        #expect(account != nil)
        return (genesis, head)
    }

    @Test func anotherNodeStartsFromTheGenesisFileAndAMismatchIsRefused() async throws {
        let first = try Self.temporaryRepo(), second = try Self.temporaryRepo(), third = try Self.temporaryRepo()
        defer { for repo in [first, second, third] { try? FileManager.default.removeItem(atPath: repo.path) } }
        for repo in [first, second, third] {
            try FileManager.default.createDirectory(atPath: repo.path, withIntermediateDirectories: true)
        }
        let network = NodeConfig.Network()
        let made = try await ChainNode.open(repo: first, network: network, source: .devnet(timestamp: 1_700_000_000))
        let genesisFile = first.file(ChainNode.devnetGenesisFileName)
        let joined = try await ChainNode.open(repo: second, network: network, source: .file(genesisFile))
        #expect(try await joined.chain.genesis().cid == made.chain.genesis().cid)
        #expect(joined.networkName == made.networkName)

        // A repo on another genesis refuses to run on this one.
        do { _ = try await ChainNode.open(repo: third, network: network, source: .devnet(timestamp: 1_700_000_001)) }
        await #expect(throws: NodeError.self) {
            _ = try await ChainNode.open(repo: third, network: network, source: .file(genesisFile))
        }
    }

    @Test func aFileThatIsNotAGenesisIsRefusedAndLeavesTheRepoEmpty() async throws {
        let repo = try Self.temporaryRepo()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try FileManager.default.createDirectory(atPath: repo.path, withIntermediateDirectories: true)
        let garbage = repo.file("garbage.car")
        try Data([0x0a, 0xa1, 0x67]).write(to: URL(fileURLWithPath: garbage))
        await #expect(throws: (any Error).self) {
            _ = try await ChainNode.open(repo: repo, network: NodeConfig.Network(), source: .file(garbage))
        }
        await #expect(throws: (any Error).self) {
            _ = try await ChainNode.open(repo: repo, network: NodeConfig.Network(), source: .file(repo.file("missing.car")))
        }
        // Nothing was recorded: the repo still starts a devnet of its own.
        let node = try await ChainNode.open(repo: repo, network: NodeConfig.Network(), source: .devnet(timestamp: 1_700_000_000))
        #expect(try await node.chain.requireHead().height == 0)
    }
}
