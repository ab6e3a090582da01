import Foundation
import Testing
import VenusTesting
import BLS12381

/// Lotus serialization vectors and Zondax filecoin-signing-tools vectors: keys in Filecoin's
/// little-endian order, public keys checked against t3 addresses, signatures byte for byte.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct FilecoinVectorTests {
    static func base64(_ text: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else { throw TestFailure.malformedVector("base64 \(text)") }
        return Array(data)
    }

    @Test func lotusMessageSigning() throws {
        let loaded = try TestVectors.json("serialization/message_signing.json")
        let cases = try #require(loaded as? [[String: Any]])
        #expect(cases.count == 2)
        for c in cases {
            let key = try BLSPrivateKey(bytes: try Self.base64(try field(c, "PrivateKey")))
            let unsigned = try #require(c["Unsigned"] as? [String: Any])
            let expectedKey = try #require(blsPublicKey(fromAddress: try field(unsigned, "From")))
            #expect(key.publicKey.bytes == expectedKey)
            let signatureObject = try #require(c["Signature"] as? [String: Any])
            #expect(signatureObject["Type"] as? Int == 2)
            let expected = try Self.base64(try field(signatureObject, "Data"))
            let cidBytes = try hexField(c, "CidHexBytes")
            let signature = key.sign(cidBytes)
            #expect(signature.bytes == expected)
            let parsed = try BLSSignature(bytes: expected)
            #expect(BLS.verify(parsed, message: cidBytes, publicKey: try BLSPublicKey(bytes: expectedKey)))
            #expect(!BLS.verify(parsed, message: cidBytes.dropLast(), publicKey: key.publicKey))
        }
    }

    @Test func lotusKeyIsLittleEndian() throws {
        // The same bytes read big-endian are not even a valid scalar here, and reversed they give a
        // different key: the vectors pin the order.
        let loaded = try TestVectors.json("serialization/message_signing.json")
        let cases = try #require(loaded as? [[String: Any]])
        let raw = try Self.base64(try field(cases[0], "PrivateKey"))
        let unsigned = try #require(cases[0]["Unsigned"] as? [String: Any])
        let expectedKey = try #require(blsPublicKey(fromAddress: try field(unsigned, "From")))
        if let reversed = try? BLSPrivateKey(bytes: raw.reversed()) {
            #expect(reversed.publicKey.bytes != expectedKey)
        }
        #expect(try BLSPrivateKey(bytes: raw).bytes == raw)
    }

    @Test func zondaxWalletKeys() throws {
        let wallet = try #require(try TestVectors.json("zondax/test_vectors/wallet.json") as? [String: Any])
        let key = try BLSPrivateKey(bytes: try Self.base64(try field(wallet, "bls_private_key")))
        #expect(key.publicKey.bytes == blsPublicKey(fromAddress: try field(wallet, "bls_address")))

        let blsWallet = try #require(try TestVectors.json("zondax/test_vectors/bls_wallet.json") as? [String: Any])
        let key2 = try BLSPrivateKey(bytes: try Self.base64(try field(blsWallet, "bls_private_key")))
        #expect(key2.publicKey.bytes == (try hexField(blsWallet, "bls_public_key")))

        let channel = try #require(try TestVectors.json("zondax/test_vectors/payment_channel.json") as? [String: Any])
        let creation = try #require(channel["creation"] as? [String: Any])
        let bls = try #require(creation["bls"] as? [String: Any])
        let key3 = try BLSPrivateKey(bytes: try Self.base64(try field(bls, "private_key")))
        #expect(key3.publicKey.bytes == (try hexField(bls, "public_key")))
        let message = try #require(bls["message"] as? [String: Any])
        #expect(key3.publicKey.bytes == blsPublicKey(fromAddress: try field(message, "From")))
    }

    @Test(.enabled(if: oracleEnabled(["cbor2"]), Comment(rawValue: PythonOracle.missingMessage(["cbor2"]))))
    func zondaxBLSSignature() throws {
        let vector = try #require(try TestVectors.json("zondax/test_vectors/bls_signature.json") as? [String: Any])
        let blsWallet = try #require(try TestVectors.json("zondax/test_vectors/bls_wallet.json") as? [String: Any])
        let cbor = try field(vector, "cbor")
        let expected = try hexField(vector, "sig")
        let output = try PythonOracle.call("filecoin_message_cid.py", input: ["cbor_hex": [cbor]])
        let results = try #require((output as? [String: Any])?["cbor_hex"] as? [[String: Any]])
        let cid = try hexField(results[0], "cid")
        let publicKey = try BLSPublicKey(bytes: try hexField(blsWallet, "bls_public_key"))
        // The From address in the CBOR (after 8a 00 55 <21-byte To> 58 31 03) is this key.
        let cborBytes = try #require(hexBytes(cbor))
        #expect(Array(cborBytes[27..<75]) == publicKey.bytes)
        let signature = try BLSSignature(bytes: expected)
        #expect(BLS.verify(signature, message: cid, publicKey: publicKey))
        let key = try BLSPrivateKey(bytes: try Self.base64(try field(blsWallet, "bls_private_key")))
        #expect(key.sign(cid).bytes == expected)
        var tampered = cid
        tampered[tampered.count - 1] ^= 1
        #expect(!BLS.verify(signature, message: tampered, publicKey: publicKey))
    }

    @Test(.enabled(if: oracleEnabled(["cbor2"]), Comment(rawValue: PythonOracle.missingMessage(["cbor2"]))))
    func zondaxGeneratedCases() throws {
        let loaded = try TestVectors.json("zondax/examples/generated_test_cases.json")
        let cases = try #require(loaded as? [[String: Any]])
        #expect(cases.count == 10)
        let messages = try cases.map { try #require($0["message"] as? [String: Any]) }
        let output = try PythonOracle.call("filecoin_message_cid.py", input: ["messages": messages])
        let results = try #require((output as? [String: Any])?["messages"] as? [[String: Any]])
        #expect(results.count == cases.count)
        var signatures = [BLSSignature](), publicKeys = [BLSPublicKey](), cids = [[UInt8]]()
        for (c, result) in zip(cases, results) {
            let key = try BLSPrivateKey(bytes: try hexField(c, "sk"))
            let pk = try hexField(c, "pk")
            #expect(key.publicKey.bytes == pk)
            let message = try #require(c["message"] as? [String: Any])
            #expect(blsPublicKey(fromAddress: try field(message, "From")) == pk)
            let cid = try hexField(result, "cid")
            let expected = try hexField(c, "sig")
            #expect(key.sign(cid).bytes == expected)
            let signature = try BLSSignature(bytes: expected)
            #expect(BLS.verify(signature, message: cid, publicKey: try BLSPublicKey(bytes: pk)))
            signatures.append(signature)
            publicKeys.append(try BLSPublicKey(bytes: pk))
            cids.append(cid)
        }
        let aggregate = try BLSSignature.aggregate(signatures)
        #expect(BLS.aggregateVerifySync(aggregate, messages: cids, publicKeys: publicKeys))
        #expect(!BLS.aggregateVerifySync(aggregate, messages: cids.reversed(), publicKeys: publicKeys))
    }
}
