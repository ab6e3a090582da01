import GoCompat
import VenusAPI
import Crypto
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@testable import VenusWallet

@Suite struct SigningPolicyTests {
    private func messageJSON(from: Address, nonce: Int) -> [String: Any] {
        [
            "Version": 0, "To": "f01234", "From": from.description, "Nonce": nonce, "Value": "1000",
            "GasLimit": 25000, "GasFeeCap": "100", "GasPremium": "7", "Method": 0, "Params": NSNull(),
        ]
    }

    /// Message signing over CIDs computed by independent code, checked by independent code.
    @Test(.enabled(if: Fixture.oracleAvailable, Fixture.oracleMissing))
    func messagesAreSignedOverTheirCIDByTheirSender() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        var senders: [(KeyType, Address)] = []
        for type in [KeyType.bls, .secp256k1] { senders.append((type, try await wallet.new(type))) }
        let encoded = try Fixture.oracleMessages(senders.enumerated().map { messageJSON(from: $1.1, nonce: $0) })
        var items: [(KeyType, [UInt8], Signature, Address)] = []
        for ((type, sender), message) in zip(senders, encoded) {
            let signature = try await wallet.sign(
                signer: sender, data: message.cid, meta: WalletMsgMeta(type: .message, extra: message.cbor))
            items.append((type, message.cid, signature, sender))
        }
        #expect(try Fixture.oracleVerifies(items) == [true, true])

        // Refusals: another signer, bytes that are not the CID, no Extra, Extra that is no message.
        let (_, bls) = senders[0]
        let (_, secp) = senders[1]
        let message = encoded[0]
        let refusals: [(Address, [UInt8], WalletMsgMeta)] = [
            (secp, message.cid, WalletMsgMeta(type: .message, extra: message.cbor)),
            (bls, message.cid.dropLast() + [0], WalletMsgMeta(type: .message, extra: message.cbor)),
            (bls, Blake2b.hash256(message.cbor), WalletMsgMeta(type: .message, extra: message.cbor)),
            (bls, message.cid, WalletMsgMeta(type: .message)),
            (bls, message.cid, WalletMsgMeta(type: .message, extra: [0x80])),
            (bls, message.cid, WalletMsgMeta(type: .message, extra: message.cbor + [0])),
        ]
        for (signer, data, meta) in refusals {
            await #expect(throws: WalletError.self) { try await wallet.sign(signer: signer, data: data, meta: meta) }
        }
        let refused = try await wallet.signRecords(SignRecordQuery(isError: true))
        #expect(refused.count == refusals.count)
        #expect(refused.allSatisfy { $0.signature == nil && $0.type == .message })
    }

    /// Every market/random type: the oracle builds the object with cbor2 and says which bytes
    /// upstream signs; the signature must verify over exactly those bytes.
    @Test(.enabled(if: Fixture.oracleAvailable, Fixture.oracleMissing))
    func everyMarketTypeSignsTheBytesUpstreamDerives() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        let signer = try await wallet.new(.secp256k1)
        let objects = try #require(try PythonOracle.call("wallet_oracle.py", arguments: ["objects"]) as? [String: Any])
        let types: [MsgType] = [
            .dealProposal, .clientDeal, .signedVoucher, .storageAsk, .askResponse, .networkResponse,
            .providerDealState, .drawRandomParam,
        ]
        var items: [(KeyType, [UInt8], Signature, Address)] = []
        for type in types {
            let object = try #require(objects[type.rawValue] as? [String: String], "\(type)")
            let data = try Hex.decode(object["data"] ?? "")
            let signed = try Hex.decode(object["signed"] ?? "")
            let signature = try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: type))
            items.append((.secp256k1, signed, signature, signer))
        }
        #expect(try Fixture.oracleVerifies(items) == Array(repeating: true, count: types.count))

        // Each type refuses bytes that are not its object.
        let noncanonical = try Hex.decode(objects["noncanonical_storageask"] as? String ?? "")
        let dealProposal = try Hex.decode((objects["dealproposal"] as? [String: String])?["data"] ?? "")
        let storageAsk = try Hex.decode((objects["storageask"] as? [String: String])?["data"] ?? "")
        let voucher = try Hex.decode((objects["signedvoucher"] as? [String: String])?["data"] ?? "")
        let bad: [(MsgType, [UInt8])] = [
            (.dealProposal, voucher), (.clientDeal, voucher),
            (.storageAsk, noncanonical), (.dealProposal, storageAsk), (.dealProposal, dealProposal + [0]),
            (.clientDeal, dealProposal), (.signedVoucher, dealProposal), (.askResponse, storageAsk),
            (.networkResponse, dealProposal), (.providerDealState, []), (.drawRandomParam, storageAsk),
            (.block, dealProposal), (.block, []),
        ]
        for (type, data) in bad {
            await #expect(throws: WalletError.self, "\(type)") {
                try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: type))
            }
        }
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func blocksAreSignedOverTheirSigningBytes() async throws {
        struct Vector: Decodable { var cbor_hex: String }
        let vectors = try JSONDecoder().decode([Vector].self, from: TestVectors.data("serialization/block_headers.json"))
        let (wallet, _) = try await Fixture.unlockedWallet()
        let signer = try await wallet.new(.bls)
        let key = try WalletKey(keyInfo: try await wallet.export(signer))
        for vector in vectors {
            let data = try Hex.decode(vector.cbor_hex)
            let header = try BlockHeader(cborBytes: data)
            let signature = try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: .block))
            #expect(signature.verifies(header.signingBytes, signer: signer))
            #expect(signature == (try key.sign(header.signingBytes)))
        }
    }

    @Test func unknownSignsTheBytesAsGivenAndVerifyAddressChecksTheChallenge() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        let signer = try await wallet.new(.secp256k1)
        let data = Array("arbitrary".utf8)
        let signature = try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: .unknown))
        #expect(signature.verifies(data, signer: signer))

        let extra = Array("gateway challenge".utf8)
        var hasher = SHA256()
        hasher.update(data: extra)
        hasher.update(data: wallet.policy.randomBytes)
        let challenge = Array(hasher.finalize())
        let verified = try await wallet.sign(
            signer: signer, data: challenge, meta: WalletMsgMeta(type: .verifyAddress, extra: extra))
        #expect(verified.verifies(challenge, signer: signer))
        await #expect(throws: WalletError.self) {
            try await wallet.sign(signer: signer, data: challenge, meta: WalletMsgMeta(type: .verifyAddress, extra: extra + [1]))
        }
        await #expect(throws: WalletError.keyNotFound(try Address("f01234").description)) {
            try await wallet.sign(signer: try Address("f01234"), data: data, meta: WalletMsgMeta(type: .unknown))
        }
    }

    @Test func msgMetaJSONUsesUpstreamSpellings() throws {
        for type in MsgType.allCases {
            let json = "{\"Type\":\"\(type.rawValue)\",\"Extra\":\"AQI=\"}"
            let meta = try JSONDecoder().decode(WalletMsgMeta.self, from: Data(json.utf8))
            #expect(meta == WalletMsgMeta(type: type, extra: [1, 2]))
            #expect(try JSONDecoder().decode(WalletMsgMeta.self, from: try JSONEncoder().encode(meta)) == meta)
        }
        #expect(MsgType.networkResponse.rawValue == "networkresposne")
        let nullExtra = try JSONDecoder().decode(WalletMsgMeta.self, from: Data("{\"Type\":\"unknown\",\"Extra\":null}".utf8))
        #expect(nullExtra.extra.isEmpty)
        // An unknown type is a refusal (a method error over RPC), as upstream's free-string MsgType makes it.
        #expect(throws: UnsupportedMsgType("chainmsg")) {
            try JSONDecoder().decode(WalletMsgMeta.self, from: Data("{\"Type\":\"chainmsg\"}".utf8))
        }
        #expect(UnsupportedMsgType("chainmsg").description == WalletError.signRefused("unsupported msgtype: chainmsg").description)
        for bad in ["{\"Type\":\"chainmsg\"}", "{\"Type\":\"message\",\"Extra\":\"%%\"}", "{}"] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(WalletMsgMeta.self, from: Data(bad.utf8)) }
        }
    }
}
