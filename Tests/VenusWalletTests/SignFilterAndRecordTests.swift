import VenusAPI
import GoCompat
import VenusRuntime
import FilecoinTypes
import Foundation
import Testing

@testable import VenusWallet

@Suite struct SignFilterAndRecordTests {
    @Test func theFilterSeesTheRequestAndVetoesByExitCode() async throws {
        let folder = try Fixture.temporaryFolder()
        let seen = folder.appendingPathComponent("seen.json").path
        // Allows only requests whose JSON mentions "unknown", saving what it was given.
        let command = "cat > '\(seen)'; grep -q '\"SignType\":\"unknown\"' '\(seen)' || { echo vetoed; exit 3; }"
        let (wallet, _) = try await Fixture.unlockedWallet(signFilter: command, folder: folder)
        let signer = try await wallet.new(.secp256k1)
        _ = try await wallet.sign(signer: signer, data: [7, 7], meta: WalletMsgMeta(type: .unknown))
        let input = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: seen)))
        let object = try #require(input as? [String: Any])
        #expect(object["SignType"] as? String == "unknown")
        #expect(object["Data"] as? String == Data([7, 7]).base64EncodedString())

        do {
            _ = try await wallet.sign(
                signer: signer, data: try CBORBytes.storageAsk, meta: WalletMsgMeta(type: .storageAsk))
            Issue.record("the filter did not veto")
        } catch WalletError.filterRefused(let output) {
            #expect(output.contains("vetoed"))
        }
    }

    @Test func signRecordsAreQueryableAndPruned() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        let a = try await wallet.new(.secp256k1)
        let b = try await wallet.new(.bls)
        let start = Date()
        _ = try await wallet.sign(signer: a, data: [1], meta: WalletMsgMeta(type: .unknown))
        _ = try await wallet.sign(signer: b, data: [2], meta: WalletMsgMeta(type: .unknown))
        await #expect(throws: WalletError.self) {
            try await wallet.sign(signer: a, data: [3], meta: WalletMsgMeta(type: .block))
        }
        let all = try await wallet.signRecords(SignRecordQuery())
        #expect(all.count == 3)
        let ofA = try await wallet.signRecords(SignRecordQuery(signer: a))
        #expect(ofA.count == 2)
        #expect(ofA.allSatisfy { $0.signer == a })
        let errors = try await wallet.signRecords(SignRecordQuery(isError: true))
        #expect(errors.count == 1 && errors.first?.type == .block && errors.first?.rawMessage == [3])
        let ofB = try #require(try await wallet.signRecords(SignRecordQuery(signer: b)).first)
        #expect(ofB.signature?.verifies([2], signer: b) == true)
        #expect(ofB.createdAt >= start.addingTimeInterval(-1))
        #expect(try await wallet.signRecords(SignRecordQuery(id: ofB.id)).map(\.id) == [ofB.id])
        #expect(try await wallet.signRecords(SignRecordQuery(type: .block)).count == 1)
        #expect(try await wallet.signRecords(SignRecordQuery(limit: 2)).count == 2)
        #expect(try await wallet.signRecords(SignRecordQuery(skip: 2)).count == 1)
        #expect(try await wallet.signRecords(SignRecordQuery(after: Date().addingTimeInterval(60))).isEmpty)

        // Nothing is older than the keep time yet; a week later everything is.
        #expect(try await wallet.pruneSignRecords() == 0)
        #expect(try await wallet.pruneSignRecords(now: Date().addingTimeInterval(8 * 24 * 3600)) == 3)
        #expect(try await wallet.signRecords(SignRecordQuery()).isEmpty)
    }

    /// ListSignedRecord's times are Go `time.Time`s: any fraction length and offset read, the
    /// zero time is "no bound" both ways.
    @Test func signRecordTimesTravelAsGoWritesThem() throws {
        let json = """
            {"ID":"","Type":"","Signer":"<empty>","IsError":false,"Skip":0,"Limit":0,
             "After":"2025-12-05T02:00:00.123456789+08:00","Before":"0001-01-01T00:00:00Z"}
            """
        let query = try JSONDecoder().decode(SignRecordQuery.self, from: Data(json.utf8))
        #expect(query.before == nil)
        let after = try #require(query.after)
        #expect(abs(after.timeIntervalSince1970 - 1_764_871_200.123457) < 1e-6)
        let encoded = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(SignRecordQuery())) as? [String: Any])
        #expect(encoded["After"] as? String == "0001-01-01T00:00:00Z")
        #expect(encoded["Before"] as? String == "0001-01-01T00:00:00Z")
        let record = SignRecord(
            id: "r", type: .unknown, signer: try Address("f01234"), error: nil, rawMessage: [],
            signature: nil, createdAt: Date(timeIntervalSince1970: 1_764_871_200.5))
        let recordJSON = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record)) as? [String: Any])
        #expect(recordJSON["CreateAt"] as? String == "2025-12-04T18:00:00.5Z")
        #expect(recordJSON["RawMsg"] as? String == "")
        #expect(try JSONDecoder().decode(SignRecord.self, from: try JSONEncoder().encode(record)) == record)
    }
}

/// A canonical DAG-CBOR map standing in for a storage ask (the filter vetoes it before any
/// signing, so only its shape matters).
enum CBORBytes {
    static var storageAsk: [UInt8] {
        get throws { try Hex.decode("a1654d696e65724300e807") }
    }
}
