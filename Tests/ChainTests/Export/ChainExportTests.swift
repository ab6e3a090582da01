import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct ChainExportTests {
    /// g(0) ← t1 ← t2 ← t3 ← t4, each block with one message, each tipset's parent state distinct.
    private func chain() throws -> (ChainStoreFixture, [TipSet], [Message]) {
        let fixture = try ChainStoreFixture()
        var tipsets = [try TipSet(blocks: [try fixture.genesis()])]
        var messages: [Message] = []
        for height in Int64(1)...4 {
            let message = BlockMessageStoreTests.message(from: BlockMessageStoreTests.blsSender, nonce: UInt64(height))
            messages.append(message)
            let meta = try fixture.messageStore.write(bls: [message], secp: [])
            let header = try fixture.block(
                on: tipsets[tipsets.count - 1], height: height, power: (BigInt(1) << 40) + BigInt(height), messages: meta)
            tipsets.append(try TipSet(blocks: [header]))
        }
        for tipset in tipsets { for block in tipset.blocks { try fixture.store.put(block) } }
        return (fixture, tipsets, messages)
    }

    @Test func exportedRangeImportsIntoAnEmptyStore() async throws {
        let (fixture, tipsets, messages) = try chain()
        let head = tipsets[4]
        let bytes = try ChainExport.exportBytes(head: head, recentRoots: 2, store: fixture.store)
        let target = MemoryBlockstore()
        let imported = try ChainExport.importCAR(MemoryByteSource(bytes), into: target)
        #expect(imported == head)

        let reader = ChainReader(store: target)
        var cursor = imported
        while cursor.height > 0 { cursor = try reader.tipSet(cursor.parents) }
        #expect(cursor == tipsets[0])
        // Messages of every block (skipOldMessages is off).
        let messageStore = BlockMessageStore(store: target)
        for (index, tipset) in tipsets.dropFirst().enumerated() {
            #expect(try messageStore.messages(of: tipset.blocks[0]).bls == [messages[index]])
        }
        // States of the recent range (heights 3 and 4) and of the genesis, not of heights 1 and 2.
        for tipset in [tipsets[0], tipsets[3], tipsets[4]] {
            let view = try StateTreeView(root: tipset.parentStateRoot, store: target)
            #expect(try view.networkName() == "chain-store-test")
            #expect(try ChainWeight.totalQualityAdjPower(stateRoot: tipset.parentStateRoot, store: target) > 0)
        }
        for tipset in [tipsets[1], tipsets[2]] { #expect(try target.has(tipset.parentStateRoot) == false) }
        // Every block written is one the source holds, once.
        let blocks = try CARReader(bytes: bytes).allBlocks()
        #expect(Set(blocks.map(\.cid)).count == blocks.count)
        for block in blocks { #expect(try fixture.store.get(block.cid) == block.data) }
    }

    @Test func skippingOldMessagesKeepsOnlyTheRecentOnes() throws {
        let (fixture, tipsets, messages) = try chain()
        let bytes = try ChainExport.exportBytes(head: tipsets[4], recentRoots: 1, skipOldMessages: true, store: fixture.store)
        let target = MemoryBlockstore()
        _ = try ChainExport.importCAR(MemoryByteSource(bytes), into: target)
        #expect(try target.has(messages[3].cid))
        #expect(try target.has(messages[0].cid) == false)
    }

    /// `venus snapshot inspect` reads an exported snapshot: its head, state and actors.
    @Test func snapshotInspectReadsAnExport() throws {
        let (fixture, tipsets, _) = try chain()
        let head = tipsets[4]
        let bytes = try ChainExport.exportBytes(head: head, recentRoots: 1, store: fixture.store)
        let summary = try SnapshotSummary.inspect(bytes)
        #expect(summary.roots == head.cids)
        #expect(summary.height == 4)
        #expect(summary.stateRoot == head.parentStateRoot)
        #expect(summary.network == "chain-store-test")
        #expect(summary.actors == 2)
        #expect(summary.blocks == (try CARReader(bytes: bytes).allBlocks().count))
        // The command's own path: a file streamed into a disk-backed store.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("chain.car")
        try Data(bytes).write(to: file)
        let fromFile = try SnapshotSummary.inspect(
            path: file.path, into: try LMDBBlockstore(path: directory.appendingPathComponent("inspect.lmdb").path))
        #expect(fromFile == summary)
    }

    /// `--import-snapshot`: the chain store comes up on the snapshot's head with its genesis.
    @Test func importSnapshotSetsHeadAndGenesis() async throws {
        let (fixture, tipsets, _) = try chain()
        let bytes = try ChainExport.exportBytes(head: tipsets[4], recentRoots: 2, store: fixture.store)
        let chain = try ChainStore(blockstore: MemoryBlockstore(), metadata: MemoryChainMetadata())
        let head = try await ChainExport.importSnapshot(MemoryByteSource(bytes), into: chain)
        #expect(head == tipsets[4])
        #expect(await chain.head == tipsets[4])
        #expect(try await chain.genesis() == tipsets[0].blocks[0])
        #expect(try await chain.tipSet(atHeight: 2, prev: false) == tipsets[2])
    }

    @Test func corruptedOrRootlessSnapshotsAreRefused() throws {
        let (fixture, tipsets, _) = try chain()
        var bytes = try ChainExport.exportBytes(head: tipsets[4], recentRoots: 1, store: fixture.store)
        bytes[bytes.count - 5] ^= 0xff
        #expect { try ChainExport.importCAR(MemoryByteSource(bytes), into: MemoryBlockstore()) } throws: { error in
            guard case .car(let carError) = error as? ChainExportError, case .hashMismatch = carError else { return false }
            return true
        }
        let rootless = CARWriter.archive(roots: [], blocks: [(cid: tipsets[0].cids[0], data: tipsets[0].blocks[0].cborBytes)])
        #expect { try ChainExport.importCAR(MemoryByteSource(rootless), into: MemoryBlockstore()) } throws: { error in
            if case .noRoots? = error as? ChainExportError { return true }
            if case .car? = error as? ChainExportError { return true }
            return false
        }
        // A head whose parent is missing from the source store cannot be exported.
        let sparse = MemoryBlockstore()
        for block in tipsets[4].blocks { try sparse.put(block) }
        #expect(throws: ChainExportError.missingBlock(tipsets[4].blocks[0].messages)) {
            try ChainExport.exportBytes(head: tipsets[4], recentRoots: 0, store: sparse)
        }
    }
}
