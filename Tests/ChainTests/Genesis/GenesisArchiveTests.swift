import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct GenesisArchiveTests {
    @Test func aGenesisArchiveLoadsIntoAFreshStoreWithItsWholeState() throws {
        let template = try GenesisFixture.template(miners: 1, sectors: 2)
        let (genesis, store) = try GenesisFixture.build(template)
        let archive = try GenesisArchive.archive(root: genesis.cid, from: store)
        let car = try CARReader(bytes: archive)
        #expect(car.roots == [genesis.cid])
        let blocks = try car.allBlocks()
        #expect(blocks.first?.cid == genesis.cid)
        #expect(Set(blocks.map(\.cid)).count == blocks.count)
        #expect(blocks.contains { $0.cid == LegacyGenesisBlock.cid })
        // The actors' code CIDs travel as identity blocks, as in Lotus's genesis files.
        #expect(blocks.contains { $0.cid == ActorCodes.code("storageminer", actorsVersion: 2) })
        #expect(!blocks.contains { $0.cid.codec == Multicodec.filCommitmentSealed })

        let fresh = MemoryBlockstore()
        let header = try GenesisArchive.load(archive, into: fresh)
        #expect(header == genesis.header)
        // Everything the state needs came along: every actor's state decodes from the new store.
        let view = try StateTreeView(root: header.parentStateRoot, store: fresh)
        #expect(try view.networkName() == template.networkName)
        var actors = 0
        try view.forEachActor { _, actor in
            actors += 1
            if actor.head.multihash.code != Multihash.identity { _ = try fresh.getRequired(actor.head) }
        }
        #expect(actors > 10)
        let (_, market) = try GenesisFixture.state(view, 5, as: MarketState.self)
        #expect(try AMT(loading: market.proposals, store: fresh, format: .legacy).get(1) != nil)
        // Writing it again from the loaded store gives the same bytes.
        #expect(try GenesisArchive.archive(root: header.cid, from: fresh) == archive)
    }

    @Test func archivesThatAreNotAGenesisAreRefused() throws {
        let (genesis, store) = try GenesisFixture.build(GenesisTemplate(networkName: "archive-test", timestamp: 5))
        #expect(throws: GenesisError.self) { try GenesisArchive.load([1, 2, 3], into: MemoryBlockstore()) }
        // A CAR whose root is the state, not a header.
        let stateOnly = try GenesisArchive.archive(root: genesis.stateRoot, from: store)
        if case .invalidArchive(let why)? = catching({ try GenesisArchive.load(stateOnly, into: MemoryBlockstore()) }) {
            #expect(why.contains("not a block header"))
        } else {
            Issue.record("a state-rooted archive was accepted as a genesis")
        }
        // A header without its state.
        let headerOnly = CARWriter.archive(roots: [genesis.cid], blocks: [(genesis.cid, genesis.header.cborBytes)])
        if case .invalidArchive(let why)? = catching({ try GenesisArchive.load(headerOnly, into: MemoryBlockstore()) }) {
            #expect(why.contains("is not in the archive"))
        } else {
            Issue.record("a genesis archive without its state was accepted")
        }
    }

    @Test func theLegacyParentIsLotusFilecoinGenesisBlock() throws {
        #expect(LegacyGenesisBlock.cid.description == "bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi")
        #expect(LegacyGenesisBlock.cid.multihash.matches(LegacyGenesisBlock.bytes))
        #expect(String(decoding: LegacyGenesisBlock.bytes, as: UTF8.self).contains("Filecoin Decentralized Storage Network"))
    }

    /// The real genesis files load through the same path a node would take, naming the roots the
    /// public networks are known by.
    @Test(
        .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)),
        arguments: ["mainnet", "calibnet"])
    func theMainnetAndCalibnetGenesisFilesLoad(network: String) throws {
        let entries = try #require(try TestVectors.json("genesis/expected.json") as? [String: Any])
        let entry = try #require(entries[network] as? [String: Any])
        let expectedRoot = try #require(entry["expected_root_cid"] as? String)
        let expectedHeader = try #require(entry["genesis_header"] as? [String: Any])
        let compressed = try TestVectors.data("genesis/\(network).car.zst")
        let store = MemoryBlockstore()
        let header = try GenesisArchive.load(Zstd.decompress(Array(compressed)), into: store)
        #expect(header.cid.description == expectedRoot)
        #expect(header.parentStateRoot.description == expectedHeader["ParentStateRoot"] as? String)
        #expect(header.timestamp == (expectedHeader["Timestamp"] as? NSNumber)?.uint64Value)
        #expect(header.parents == [LegacyGenesisBlock.cid])
        #expect(try store.getRequired(LegacyGenesisBlock.cid) == LegacyGenesisBlock.bytes)
        #expect(header.parentBaseFee == GenesisBuilder.initialBaseFee)
        let view = try StateTreeView(root: header.parentStateRoot, store: store)
        #expect(try view.networkName() == (entry["network_name_in_genesis"] as? String ?? view.networkName()))
    }

    private func catching(_ body: () throws -> BlockHeader) -> GenesisError? {
        do { _ = try body(); return nil } catch { return error as? GenesisError }
    }
}
