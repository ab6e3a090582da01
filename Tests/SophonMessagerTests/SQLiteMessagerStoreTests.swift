import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonMessager

/// Every field the messager keeps survives a save, a read and reopening the database file.
@Suite struct SQLiteMessagerStoreTests {
    /// Dates go through a `Double` of seconds since 1970: equal to within a microsecond.
    static func sameTime(_ a: Date, _ b: Date) -> Bool { abs(a.timeIntervalSince(b)) < 1e-5 }

    /// `message` with its dates replaced by `reference`'s, for whole-value comparison.
    static func withDates(of reference: MessagerMessage, _ message: MessagerMessage) -> MessagerMessage {
        var copy = message
        copy.createdAt = reference.createdAt
        copy.updatedAt = reference.updatedAt
        return copy
    }

    @Test func everyFieldRoundTripsAndSurvivesReopening() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("messager-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("messager.db").path

        let signer = ScriptedSigner()
        let from = await signer.newAddress()
        let unsigned = Message(
            to: try Address.id(1001), from: from, nonce: 42, value: TokenAmount(attoFIL: 123_456_789_000_000_000),
            gasLimit: 2_345_678, gasFeeCap: TokenAmount(attoFIL: 101_000), gasPremium: TokenAmount(attoFIL: 99_000),
            method: 5, params: [0x82, 0x01, 0x40])
        let signature = try await signer.sign(unsigned, accounts: [])
        let signed = SignedMessage(message: unsigned, signature: signature)
        let tipSet = ScriptedChain.tipSet(height: 77, parents: .empty, salt: 3)
        let created = Date(timeIntervalSince1970: 1_700_000_000.25)
        let onChain = MessagerMessage(
            id: "msg-1", unsignedCid: unsigned.cid, signedCid: signed.cid, message: unsigned, signature: signature, height: 77,
            confidence: 3, receipt: MessageReceipt(exitCode: 16, returnData: [0xDE, 0xAD], gasUsed: 1_234_567),
            tipSetKey: tipSet.key,
            meta: SendSpec(expireEpoch: 900, gasOverEstimation: 1.5, maxFee: TokenAmount(attoFIL: 7_000_000), gasOverPremium: 2.25),
            walletName: "alice", state: .onChainMsg, errorMsg: "was stuck once", createdAt: created,
            updatedAt: created.addingTimeInterval(60))
        let waiting = MessagerMessage(
            unsigned: Message(
                to: from, from: from, nonce: 0, value: .zero, gasLimit: 0, gasFeeCap: .zero, gasPremium: .zero),
            id: "msg-2", meta: SendSpec(), walletName: "", createdAt: created.addingTimeInterval(1))
        let fees = FeeSpec(
            gasOverEstimation: 1.25, maxFee: TokenAmount(attoFIL: 5_000_000_000), gasFeeCap: TokenAmount(attoFIL: 3_000),
            gasOverPremium: 1.1, baseFee: TokenAmount(attoFIL: 900))
        let address = MessagerAddress(
            addr: from, nonce: 43, weight: 9, state: .forbidden, selMsgNum: 17, feeSpec: fees,
            isDeleted: MessagerAddress.notDeleted, createdAt: created, updatedAt: created.addingTimeInterval(5))
        let shared = SharedSpec(id: 1, selMsgNum: 33, feeSpec: FeeSpec(gasOverEstimation: 1.3, maxFee: TokenAmount(attoFIL: 77)))
        let node = MessagerNode(name: "backup", url: "/ip4/127.0.0.1/tcp/3453", token: "secret-token", type: .fullNode, createdAt: created)
        let config = ActorCfg(
            actorVersion: 12,
            methodType: MessagerMethodType(code: try MessageSelectionTests.builtinCode("fil/12/storageminer"), method: 5),
            feeSpec: FeeSpec(gasOverEstimation: 1.7, gasFeeCap: TokenAmount(attoFIL: 1_000)), createdAt: created)

        do {
            let store = try SQLiteMessagerStore(path: path)
            try await store.insert(onChain, priority: 1)
            try await store.insert(waiting, priority: 0)
            try await store.save(address)
            try await store.save(shared)
            try await store.save(node)
            try await store.save(config)
            try await store.setCursor(height: 77, tipSet: tipSet.key)
            try await store.record(event: "on-chain", messageID: "msg-1", height: 77, reason: "executed at 77")
        }

        // A fresh store over the same file reads everything back.
        let store = try SQLiteMessagerStore(path: path)
        let readOnChain = try #require(try await store.message(id: "msg-1"))
        #expect(Self.withDates(of: onChain, readOnChain) == onChain)
        #expect(Self.sameTime(readOnChain.createdAt, onChain.createdAt))
        #expect(Self.sameTime(readOnChain.updatedAt, onChain.updatedAt))
        #expect(readOnChain.signedMessage?.isSignatureValid == true)
        #expect(try await store.message(signedCid: signed.cid)?.id == "msg-1")
        #expect(try await store.message(unsignedCid: unsigned.cid)?.id == "msg-1")
        #expect(try await store.message(from: from, nonce: 42)?.id == "msg-1")

        let readWaiting = try #require(try await store.message(id: "msg-2"))
        #expect(Self.withDates(of: waiting, readWaiting) == waiting)
        #expect(try await store.unfilled(from: from, limit: 10).map(\.id) == ["msg-2"])

        let readAddress = try #require(try await store.address(from))
        var expectedAddress = readAddress
        expectedAddress.createdAt = address.createdAt
        expectedAddress.updatedAt = address.updatedAt
        #expect(expectedAddress == address)
        #expect(Self.sameTime(readAddress.updatedAt, address.updatedAt))
        #expect(try await store.sharedSpec() == shared)
        let readNode = try #require(try await store.node(name: "backup"))
        #expect(readNode.id == node.id && readNode.url == node.url && readNode.token == node.token && readNode.type == node.type)
        let readConfig = try #require(try await store.actorConfig(id: config.id))
        #expect(readConfig.actorVersion == 12)
        #expect(readConfig.methodType == config.methodType)
        #expect(readConfig.feeSpec == config.feeSpec)
        let cursor = try #require(try await store.cursor())
        #expect(cursor.height == 77)
        #expect(cursor.tipSet == tipSet.key)
        let events = try await store.events(messageID: "msg-1")
        #expect(events.map(\.kind) == ["on-chain"])
        #expect(events.first?.reason == "executed at 77")
        #expect(events.first?.height == 77)

        // A reused id is refused and changes nothing.
        await #expect(throws: MessagerError.duplicateID("msg-1")) { try await store.insert(waiting.withID("msg-1"), priority: 0) }
        #expect(try await store.message(id: "msg-1")?.state == .onChainMsg)
    }
}

extension MessagerMessage {
    func withID(_ id: String) -> MessagerMessage {
        var copy = self
        copy.id = id
        return copy
    }
}
