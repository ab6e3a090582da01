import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct ChainStoreTests {
    /// Collects head-change batches from a subscription until `count` have arrived.
    private func collect(_ stream: AsyncStream<[HeadChange]>, count: Int) async -> [[HeadChange]] {
        var batches: [[HeadChange]] = []
        for await batch in stream {
            batches.append(batch)
            if batches.count == count { break }
        }
        return batches
    }

    @Test func reorgToAHeavierForkRevertsAndAppliesThroughTheCommonAncestor() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let genesis = try TipSet(blocks: [genesisHeader])
        let stream = await chain.subscribeHeadChanges()

        // Main chain g <- a1 <- a2 <- a3; fork b2 <- b3 <- b4 from a1.
        let main = try fixture.chain(on: genesis, heights: [1, 2, 3], ticket: 1)
        for tipset in main { #expect(try await chain.putTipSet(tipset)) }
        // The fork's parent states hold half the power: each of its tipsets weighs less than one
        // of the main chain, but three of them outweigh two.
        let fork = try fixture.chain(on: main[0], heights: [2, 3, 4], miner: 1001, ticket: 2, power: 1 << 39)
        #expect(try await chain.putTipSet(fork[0]) == false)
        #expect(try await chain.putTipSet(fork[1]) == false)
        #expect(await chain.head == main[2])
        #expect(try await chain.putTipSet(fork[2]))
        #expect(await chain.head == fork[2])

        let ops = try await chain.reorgOps(from: main[2], to: fork[2])
        #expect(ops.revert == [main[2], main[1]])
        #expect(ops.apply == [fork[2], fork[1], fork[0]])

        let batches = await collect(stream, count: 5)
        #expect(batches[0] == [HeadChange(kind: .current, tipset: genesis)])
        #expect(batches[1] == [HeadChange(kind: .apply, tipset: main[0])])
        #expect(batches[3] == [HeadChange(kind: .apply, tipset: main[2])])
        #expect(batches[4] == [
            HeadChange(kind: .revert, tipset: main[2]), HeadChange(kind: .revert, tipset: main[1]),
            HeadChange(kind: .apply, tipset: fork[0]), HeadChange(kind: .apply, tipset: fork[1]),
            HeadChange(kind: .apply, tipset: fork[2]),
        ])
    }

    @Test func aLaterSubscriberStartsFromTheCurrentHead() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let tipsets = try fixture.chain(on: try TipSet(blocks: [genesisHeader]), heights: [1, 2])
        for tipset in tipsets { try await chain.putTipSet(tipset) }
        let first = await collect(await chain.subscribeHeadChanges(), count: 1)
        #expect(first == [[HeadChange(kind: .current, tipset: tipsets[1])]])
    }

    @Test func equalWeightsGoToTheSmallerTicketWhateverTheArrivalOrder() async throws {
        let fixture = try ChainStoreFixture()
        let genesisHeader = try fixture.genesis()
        let genesis = try TipSet(blocks: [genesisHeader])
        let tickets: [UInt8] = [3, 4]
        let candidates = try tickets.map { try fixture.tipset(try fixture.block(on: genesis, miner: 1000 + UInt64($0), ticket: $0)) }
        #expect(try ChainWeight.weight(of: candidates[0], store: fixture.store) == ChainWeight.weight(of: candidates[1], store: fixture.store))
        let digests = tickets.map { Blake2b.hash256([UInt8](repeating: $0, count: 96)) }
        let winner = digests[0].lexicographicallyPrecedes(digests[1]) ? candidates[0] : candidates[1]
        for order in [candidates, candidates.reversed()] {
            let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
            try await chain.setGenesis(genesisHeader)
            for tipset in order { try await chain.putTipSet(tipset) }
            #expect(await chain.head == winner)
        }
        #expect(ChainWeight.breaksTie(winner, over: winner) == false)
    }

    @Test func blocksOfOneHeightFormTheHeaviestTipset() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let genesis = try TipSet(blocks: [genesisHeader])
        let first = try fixture.block(on: genesis, miner: 1000, ticket: 5)
        let second = try fixture.block(on: genesis, miner: 1001, ticket: 6)
        let sameMiner = try fixture.block(on: genesis, miner: 1000, ticket: 7)
        try await chain.addBlock(first)
        let formed = try await chain.addBlock(second)
        #expect(Set(formed.cids) == [first.cid, second.cid])
        #expect(await chain.head == formed)
        // A second block by a miner already seen forms its own tipset with the other miners'
        // blocks, never joining its rival; the equal-weight contest goes by tickets.
        let third = try await chain.addBlock(sameMiner)
        #expect(Set(third.cids) == [sameMiner.cid, second.cid])
        #expect(await chain.head == (ChainWeight.breaksTie(third, over: formed) ? third : formed))
    }

    @Test func restartComesBackOnTheSameHead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chainstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocksPath = directory.appendingPathComponent("blocks.lmdb").path
        let expectedHead: TipSet
        let genesisCID: CID
        do {
            let store = try LMDBBlockstore(path: blocksPath)
            let fixture = try ChainStoreFixture(store: store)
            let chain = try ChainStore(blockstore: store, metadata: try FileChainMetadata(directory: directory.path))
            let genesisHeader = try fixture.genesis()
            genesisCID = genesisHeader.cid
            try await chain.setGenesis(genesisHeader)
            let tipsets = try fixture.chain(on: try TipSet(blocks: [genesisHeader]), heights: [1, 2, 4])
            for tipset in tipsets { try await chain.putTipSet(tipset) }
            expectedHead = tipsets[2]
            try await chain.flush()
        }
        let store = try LMDBBlockstore(path: blocksPath)
        let reopened = try ChainStore(blockstore: store, metadata: try FileChainMetadata(directory: directory.path))
        #expect(await reopened.head == expectedHead)
        #expect(try await reopened.genesis().cid == genesisCID)
        #expect(try await reopened.tipSet(atHeight: 3, prev: true).height == 2)
    }

    @Test func heightLookupOverNullRoundsFollowsPrev() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let tipsets = try fixture.chain(on: try TipSet(blocks: [genesisHeader]), heights: [1, 2, 5, 6, 9])
        for tipset in tipsets { try await chain.putTipSet(tipset) }
        let byHeight = Dictionary(uniqueKeysWithValues: tipsets.map { ($0.height, $0) })

        for height in [Int64(1), 2, 5, 6, 9] {
            #expect(try await chain.tipSet(atHeight: height, prev: false) == byHeight[height])
            #expect(try await chain.tipSet(atHeight: height, prev: true) == byHeight[height])
        }
        for nullRound in [Int64(3), 4] {
            #expect(try await chain.tipSet(atHeight: nullRound, prev: false) == byHeight[5])
            #expect(try await chain.tipSet(atHeight: nullRound, prev: true) == byHeight[2])
        }
        #expect(try await chain.tipSet(atHeight: 7, prev: true) == byHeight[6])
        #expect(try await chain.tipSet(atHeight: 0, prev: false).height == 0)
        // From an explicit start below the head.
        #expect(try await chain.tipSet(atHeight: 4, from: byHeight[6], prev: false) == byHeight[5])
        await #expect(throws: ChainStoreError.heightOutOfRange(requested: 10, from: 9)) {
            try await chain.tipSet(atHeight: 10, prev: false)
        }
        await #expect(throws: ChainStoreError.heightOutOfRange(requested: -1, from: 9)) {
            try await chain.tipSet(atHeight: -1, prev: false)
        }
    }

    /// Lookups through the skip index agree with a plain parent-by-parent walk at every height
    /// of a long chain with runs of null rounds, from the head and from tipsets below it.
    @Test func skipIndexLookupsAgreeWithAWalk() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        var generator = SeededGenerator(seed: 0x5EED_0020)
        var heights: [Int64] = []
        var height: Int64 = 0
        while height < 400 {
            height += Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0 ? Int64.random(in: 2...45, using: &generator) : 1
            heights.append(height)
        }
        let tipsets = try fixture.chain(on: try TipSet(blocks: [genesisHeader]), heights: heights)
        for tipset in tipsets { try await chain.putTipSet(tipset) }
        let reader = ChainReader(store: fixture.store)
        let head = try #require(tipsets.last)
        let starts = [head, tipsets[tipsets.count / 2], tipsets[tipsets.count / 3]]
        for start in starts {
            for target in stride(from: Int64(0), through: start.height, by: 1) {
                for prev in [false, true] {
                    let indexed = try await chain.tipSet(atHeight: target, from: start, prev: prev)
                    let walked = try reader.tipSet(atHeight: target, from: start, prev: prev)
                    #expect(indexed == walked, "height \(target) from \(start.height), prev \(prev)")
                }
            }
        }
    }

    /// A subscriber that stops reading is closed once its buffer is full, as Lotus closes a slow
    /// reader, and the store forgets it.
    @Test func aSubscriberThatFallsTooFarBehindIsClosed() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let stream = await chain.subscribeHeadChanges()
        let tipsets = try fixture.chain(
            on: try TipSet(blocks: [genesisHeader]), heights: (1...Int64(ChainStore.subscriberBuffer + 5)).map { $0 })
        for tipset in tipsets { try await chain.putTipSet(tipset) }
        #expect(await chain.subscriberCount == 0)
        var received = 0
        for await _ in stream { received += 1 }
        #expect(received == ChainStore.subscriberBuffer)
    }

    @Test func malformedHeadersAreRefusedAndNothingIsStored() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let header = try fixture.genesis()
        var truncated = header.cborBytes
        truncated.removeLast(3)
        let truncatedCID = CID.filecoin(cbor: truncated)
        await #expect {
            try await chain.putBlockHeader(bytes: truncated)
        } throws: { error in
            guard case .malformedBlockHeader(let cid, _) = error as? ChainStoreError else { return false }
            return cid == truncatedCID
        }
        #expect(try fixture.store.has(truncatedCID) == false)

        // A 15-field array is a well-formed CBOR item but not a header.
        var writer = CBORWriter()
        writer.writeArrayHeader(15)
        for _ in 0..<15 { writer.writeNull() }
        await #expect(throws: ChainStoreError.self) { try await chain.putBlockHeader(bytes: writer.bytes) }

        // Bytes offered under a CID they do not hash to.
        let other = try fixture.genesis(power: 7)
        await #expect(throws: ChainStoreError.hashMismatch(other.cid)) {
            try await chain.putBlockHeader(bytes: header.cborBytes, cid: other.cid)
        }
        #expect(try fixture.store.has(other.cid) == false)

        // A block already in the store that is not a header cannot be loaded as a tipset.
        let junk = try fixture.store.putCBOR([0x82, 0x01, 0x02])
        await #expect {
            try await chain.tipSet(TipSetKey([junk]))
        } throws: { error in
            guard case .malformedBlockHeader(let cid, _) = error as? ChainStoreError else { return false }
            return cid == junk
        }
    }

    @Test func missingAndMisorderedKeysAreRefused() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let genesis = try TipSet(blocks: [genesisHeader])
        let a = try fixture.block(on: genesis, miner: 1000, ticket: 5)
        let b = try fixture.block(on: genesis, miner: 1001, ticket: 6)
        let tipset = try fixture.tipset(a, b)
        try await chain.putTipSet(tipset)
        #expect(try await chain.tipSet(tipset.key) == tipset)
        await #expect(throws: ChainStoreError.self) { try await chain.tipSet(TipSetKey(tipset.cids.reversed())) }
        await #expect(throws: ChainStoreError.self) { try await chain.tipSet(.empty) }
        let absent = try fixture.genesis(power: 9).cid
        await #expect(throws: ChainStoreError.missingBlock(absent)) { try await chain.tipSet(TipSetKey([absent])) }
        await #expect(throws: ChainStoreError.genesisMismatch(recorded: genesisHeader.cid, offered: absent)) {
            try await chain.setGenesis(try fixture.genesis(power: 9))
        }
    }

    @Test func aTipsetWhoseParentStateHasNoPowerHasNoWeight() async throws {
        let fixture = try ChainStoreFixture()
        let genesis = try TipSet(blocks: [try fixture.genesis(power: 0)])
        #expect(throws: ChainStoreError.noPower(genesis.key)) { try ChainWeight.weight(of: genesis, store: fixture.store) }
    }
}
