import Chain
import DagCBOR
import FilecoinTypes
import Testing

/// A gossiped block's bytes: malformed ones are refused with where they went wrong; Lotus's
/// gossip checks (message count, signature, message root) each refuse their own case.
@Suite struct GossipBlockTests {
    static func gossip(_ built: BlockFixture.Built) -> BlockMsg {
        BlockMsg(
            header: built.block.header, blsMessages: built.block.blsMessages.map(\.cid),
            secpkMessages: built.block.secpkMessages.map(\.cid))
    }

    @Test func wellFormedBlockDecodesAndItsRootMatches() async throws {
        let built = try await BlockFixture().build()
        let message = Self.gossip(built)
        let decoded = try BlockValidator.decodeGossipBlock(message.cborBytes)
        #expect(decoded == message)
        #expect(decoded.cid == built.block.cid)
        try BlockValidator.checkMessageMeta(decoded)
        #expect(try BlockValidator.decodeHeader(built.block.header.cborBytes) == built.block.header)
    }

    @Test func truncatedHeaderIsMalformed() async throws {
        let built = try await BlockFixture().build()
        let bytes = Array(built.block.header.cborBytes.dropLast(3))
        #expect {
            try BlockValidator.decodeHeader(bytes)
        } throws: { error in
            guard case BlockValidationError.malformed(let why) = error else { return false }
            return why.contains("error decoding block header")
        }
    }

    @Test func headerWithTrailingBytesOrWrongShapeIsMalformed() async throws {
        let built = try await BlockFixture().build()
        #expect(throws: BlockValidationError.self) { try BlockValidator.decodeHeader(built.block.header.cborBytes + [0]) }
        // A 15-field array is not a header.
        var writer = CBORWriter()
        writer.writeArrayHeader(15)
        #expect(throws: BlockValidationError.self) { try BlockValidator.decodeHeader(writer.bytes) }
        #expect(throws: BlockValidationError.self) { try BlockValidator.decodeGossipBlock([0xA0]) }
        #expect(throws: BlockValidationError.self) { try BlockValidator.decodeGossipBlock([]) }
    }

    @Test func gossipedBlockWithTooManyMessagesIsRefused() async throws {
        let built = try await BlockFixture().build()
        let message = Self.gossip(built)
        #expect(throws: BlockValidationError.tooManyMessages(count: 3, limit: 2)) {
            try BlockValidator.decodeGossipBlock(message.cborBytes, messageLimit: 2)
        }
        _ = try BlockValidator.decodeGossipBlock(message.cborBytes, messageLimit: 3)
    }

    @Test func gossipedBlockWithoutSignatureIsRefused() async throws {
        let built = try await BlockFixture().build()
        var message = Self.gossip(built)
        message.header.blockSig = nil
        #expect(throws: BlockValidationError.missingBlockSignature) { try BlockValidator.decodeGossipBlock(message.cborBytes) }
    }

    @Test func gossipedMessageCIDsMustMatchTheRoot() async throws {
        let built = try await BlockFixture().build()
        var message = Self.gossip(built)
        message.secpkMessages.swapAt(0, 0)
        message.blsMessages.swapAt(0, 1)
        let computed = try MessageRoots.messagesCID(bls: message.blsMessages, secpk: message.secpkMessages)
        #expect(throws: BlockValidationError.messagesRootMismatch(header: built.block.header.messages, computed: computed)) {
            try BlockValidator.checkMessageMeta(message)
        }
    }

    /// A block without messages has the `Messages` every such Lotus block carries (as in Lotus's
    /// chain JSON, where `ParentMessageReceipts` of an empty tipset is the same empty legacy AMT).
    @Test func emptyMessageRootsAreLotuss() throws {
        let meta = try MessageRoots.msgMeta(bls: [], secpk: [])
        let emptyAMT = try CID(string: "bafy2bzacedswlcz5ddgqnyo3sak3jmhmkxashisnlpq6ujgyhe4mlobzpnhs6")
        #expect(meta.blsMessages == emptyAMT)
        #expect(meta.secpkMessages == emptyAMT)
        let emptyMessages = try CID(string: "bafy2bzacecmda75ovposbdateg7eyhwij65zklgyijgcjwynlklmqazpwlhba")
        #expect(try MessageRoots.messagesCID(bls: [], secpk: []) == emptyMessages)
    }
}
