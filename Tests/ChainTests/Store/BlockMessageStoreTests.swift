import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

@Suite struct BlockMessageStoreTests {
    static let oracleEnabled = PythonOracle.available(modules: ["hashlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"

    static func message(from: Address, nonce: UInt64, value: Int = 1) -> Message {
        Message(
            to: Address.idAddress(2000), from: from, nonce: nonce, value: TokenAmount(attoFIL: value), gasLimit: 1_000_000,
            gasFeeCap: TokenAmount(attoFIL: 200), gasPremium: TokenAmount(attoFIL: 10))
    }

    static let blsSender = Address.idAddress(3000)
    static let secpSender = Address.idAddress(3001)

    static func signed(_ message: Message) -> SignedMessage {
        SignedMessage(message: message, signature: Signature(kind: .secp256k1, data: [UInt8](repeating: 7, count: 65)))
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The MsgMeta CID, and both list roots, match Lotus's layout as an independent hand-written
    /// CBOR encoder in Python builds it; reading gives back the messages in block order.
    @Test(.enabled(if: oracleEnabled)) func writesTheMsgMetaLotusComputesAndReadsItBack() throws {
        let store = MemoryBlockstore()
        let messages = BlockMessageStore(store: store)
        let bls = (0..<3).map { Self.message(from: Self.blsSender, nonce: UInt64($0)) }
        let secp = (0..<2).map { Self.signed(Self.message(from: Self.secpSender, nonce: UInt64($0), value: 5)) }
        let meta = try messages.write(bls: bls, secp: secp)

        let oracle = try #require(try PythonOracle.call(
            "msgmeta_oracle.py", input: ["bls": bls.map { hex($0.cborBytes) }, "secp": secp.map { hex($0.cborBytes) }]) as? [String: String])
        #expect(hex(meta.bytes) == oracle["msgmeta"])
        let stored = try MsgMeta(cborBytes: try store.getRequired(meta))
        #expect(hex(stored.blsMessages.bytes) == oracle["bls_root"])
        #expect(hex(stored.secpkMessages.bytes) == oracle["secp_root"])
        #expect(try MessageRoots.messagesCID(bls: bls.map(\.cid), secpk: secp.map(\.cid)) == meta)

        let read = try messages.messages(msgMeta: meta)
        #expect(read.bls == bls)
        #expect(read.secp == secp)
        let cids = try messages.messageCIDs(msgMeta: meta)
        #expect(cids.bls == bls.map(\.cid))
        #expect(cids.secp == secp.map(\.cid))
        #expect(try messages.chainMessage(secp[1].cid) == .signed(secp[1]))
        #expect(try messages.chainMessage(bls[0].cid) == .unsigned(bls[0]))
    }

    @Test func longListsRoundTripThroughTallerAMTs() throws {
        let messages = BlockMessageStore(store: MemoryBlockstore())
        let bls = (0..<70).map { Self.message(from: Self.blsSender, nonce: UInt64($0)) }
        let meta = try messages.write(bls: bls, secp: [])
        #expect(try messages.messages(msgMeta: meta).bls == bls)
    }

    @Test func malformedOrMissingMessagesAreNamed() throws {
        let store = MemoryBlockstore()
        let messages = BlockMessageStore(store: store)
        let message = Self.message(from: Self.blsSender, nonce: 0)
        let meta = try messages.write(bls: [message], secp: [])
        // A message-meta that is not [cid, cid].
        let junk = try store.putCBOR([0x81, 0x01])
        #expect { try messages.messages(msgMeta: junk) } throws: { error in
            guard case .malformedMessages(let cid, _) = error as? ChainStoreError else { return false }
            return cid == junk
        }
        // A listed message that is missing from the store.
        let other = MemoryBlockstore()
        let stored = try MsgMeta(cborBytes: try store.getRequired(meta))
        for cid in [meta, stored.blsMessages, stored.secpkMessages] { try other.put(cid, try store.getRequired(cid)) }
        let listsOnly = BlockMessageStore(store: other)
        #expect(throws: ChainStoreError.missingBlock(message.cid)) { try listsOnly.messages(msgMeta: meta) }
    }

    /// Lotus `BlockMsgsForTipset`: per sender the first message fixes the nonce and later ones
    /// must continue it, so a duplicate in a second block and a gap are dropped.
    @Test func tipsetMessagesDropDuplicatesAndNonceGaps() async throws {
        let fixture = try ChainStoreFixture()
        let chain = try ChainStore(blockstore: fixture.store, metadata: MemoryChainMetadata())
        let genesisHeader = try fixture.genesis()
        try await chain.setGenesis(genesisHeader)
        let genesis = try TipSet(blocks: [genesisHeader])
        let m0 = Self.message(from: Self.blsSender, nonce: 0)
        let m1 = Self.message(from: Self.blsSender, nonce: 1)
        let m3 = Self.message(from: Self.blsSender, nonce: 3)
        let s0 = Self.signed(Self.message(from: Self.secpSender, nonce: 0))
        let first = try fixture.messageStore.write(bls: [m0, m1], secp: [s0])
        let second = try fixture.messageStore.write(bls: [m1, m3], secp: [s0])
        let tipset = try fixture.tipset(
            try fixture.block(on: genesis, miner: 1000, ticket: 1, messages: first),
            try fixture.block(on: genesis, miner: 1001, ticket: 2, messages: second))
        try await chain.putTipSet(tipset)
        let blocks = try await chain.blockMessages(for: tipset)
        try #require(blocks.count == 2)
        // Blocks keep tipset order; whichever comes first keeps its sequence, the other nothing.
        let (earlier, later) = (blocks[0], blocks[1])
        #expect(earlier.miner == tipset.blocks[0].miner)
        if earlier.miner == Address.idAddress(1000) {
            #expect(earlier.messages == [.unsigned(m0), .unsigned(m1), .signed(s0)])
        } else {
            // m1 fixes the sender's nonce at 1, so m3 (a gap) is dropped.
            #expect(earlier.messages == [.unsigned(m1), .signed(s0)])
        }
        #expect(later.messages.isEmpty)
        #expect(earlier.winCount == 1)
    }
}

@Suite struct ChainWeightTests {
    static let oracleEnabled = PythonOracle.available(modules: ["json"]) || ProcessInfo.processInfo.environment["CI"] == "true"

    /// The weight formula against Lotus's, written independently in Python, over powers around
    /// bit boundaries, zero and large win counts, and a zero power (no weight).
    @Test(.enabled(if: oracleEnabled)) func weightMatchesTheLotusFormula() throws {
        var generator = SeededGenerator(seed: 0xC4A1_0000_5EED)
        var cases: [(parent: BigInt, power: BigInt, wins: [Int64])] = [
            (0, 1, [1]), (0, 0, [1]), (12345, 2, []), (0, BigInt(1) << 60, [1, 1, 1, 1, 1]),
            (BigInt(1) << 70, (BigInt(1) << 60) - 1, [3, 0, 7]), (999, BigInt(2048), [0]),
        ]
        for _ in 0..<40 {
            let bits = Int.random(in: 1...120, using: &generator)
            let power = BigInt(BigUInt.randomInteger(withMaximumWidth: bits, using: &generator)) + 1
            let parent = BigInt(BigUInt.randomInteger(withMaximumWidth: 90, using: &generator))
            let wins = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int64.random(in: 0...20, using: &generator) }
            cases.append((parent, power, wins))
        }
        let request: [String: Any] = ["cases": cases.map { ["parent": String($0.parent), "power": String($0.power), "wins": $0.wins] }]
        let expected = try #require(try PythonOracle.call("chain_weight_oracle.py", input: request) as? [Any])
        #expect(expected.count == cases.count)
        for (index, testCase) in cases.enumerated() {
            let ours = ChainWeight.weight(parentWeight: testCase.parent, totalQualityAdjPower: testCase.power, winCounts: testCase.wins)
            #expect(ours.map { String($0) } == expected[index] as? String, "case \(index): \(testCase)")
        }
    }

    /// The weight of a tipset reads the power actor of its parent state.
    @Test func tipsetWeightReadsTheParentStatePower() throws {
        let fixture = try ChainStoreFixture()
        let genesis = try TipSet(blocks: [try fixture.genesis(power: 1 << 40)])
        let child = try fixture.tipset(try fixture.block(on: genesis, winCount: 2, power: (BigInt(1) << 33) + 5))
        let parentWeight = try ChainWeight.weight(of: genesis, store: fixture.store)
        #expect(parentWeight == BigInt(40 * 256))
        // 33·256 + 33·256·2 / 10 = 8448 + 1689
        #expect(try ChainWeight.weight(of: child, store: fixture.store) == parentWeight + 8448 + 1689)
    }
}
