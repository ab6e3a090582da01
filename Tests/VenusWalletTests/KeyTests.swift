import GoCompat
import VenusAPI
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@testable import VenusWallet

@Suite struct KeyTests {
    @Test(.enabled(if: Fixture.oracleAvailable, Fixture.oracleMissing))
    func generatedKeysHaveTheAddressesAnIndependentImplementationDerives() throws {
        var keys: [WalletKey] = []
        for type in KeyType.allCases {
            for _ in 0..<3 { keys.append(try WalletKey.generate(type)) }
        }
        let input = keys.map { ["type": $0.type.rawValue, "sk": Hex.encode($0.keyInfo.privateKey)] }
        let output = try #require(
            try PythonOracle.call("wallet_oracle.py", arguments: ["keys"], input: ["items": input]) as? [[String: String]])
        #expect(output.count == keys.count)
        for (key, result) in zip(keys, output) {
            #expect(Hex.encode(key.address.payload) == result["payload"], "\(key.type)")
        }
        #expect(keys.filter { $0.type == .delegated }.allSatisfy { $0.address.protocol == .delegated })
        #expect(keys.filter { $0.type == .bls }.allSatisfy { $0.address.protocol == .bls })
    }

    @Test(.enabled(if: Fixture.oracleAvailable, Fixture.oracleMissing))
    func signaturesOfEveryKeyTypeVerifyIndependently() throws {
        let data = Array("venus wallet".utf8)
        var items: [(KeyType, [UInt8], Signature, Address)] = []
        for type in KeyType.allCases {
            let key = try WalletKey.generate(type)
            let signature = try key.sign(data)
            #expect(signature.kind == type.signatureKind)
            items.append((type, data, signature, key.address))
            // The same signature must not verify for other bytes.
            items.append((type, data + [0], signature, key.address))
        }
        let verdicts = try Fixture.oracleVerifies(items)
        #expect(verdicts == [true, false, true, false, true, false])
    }

    @Test func importAcceptsLotusExportJSONAndItsHex() throws {
        let key = try WalletKey.generate(.secp256k1)
        let info = key.keyInfo
        let json = String(decoding: try JSONEncoder().encode(info), as: UTF8.self)
        #expect(json.contains("\"Type\":\"secp256k1\""))
        let base64 = Data(info.privateKey).base64EncodedString()
        let handWritten = "{\"Type\":\"secp256k1\",\"PrivateKey\":\"\(base64)\"}"
        let hexOfJSON = Hex.encode(Array(handWritten.utf8))
        for text in [handWritten, hexOfJSON, "  \(hexOfJSON)\n", try info.exportedHex()] {
            let parsed = try KeyInfo(importing: text)
            #expect(parsed == info)
            #expect(try WalletKey(keyInfo: parsed).address == key.address)
        }
    }

    @Test func malformedKeyInfoIsRefused() throws {
        let cases = [
            "", "zz", "abc", "{}", "{\"Type\":\"rsa\",\"PrivateKey\":\"AAAA\"}",
            "{\"Type\":\"bls\",\"PrivateKey\":\"not base64!\"}", "{\"Type\":\"bls\"}", "[1,2]",
        ]
        for text in cases {
            #expect(throws: WalletError.self, "\(text)") { try KeyInfo(importing: text) }
        }
        // Valid JSON, invalid key material.
        for (type, bytes) in [
            (KeyType.secp256k1, [UInt8](repeating: 0, count: 32)), (.secp256k1, [UInt8](repeating: 1, count: 31)),
            (.bls, [UInt8](repeating: 0xFF, count: 32)), (.delegated, []),
        ] {
            #expect(throws: WalletError.invalidPrivateKey(type)) {
                try WalletKey(keyInfo: KeyInfo(type: type, privateKey: bytes))
            }
        }
    }

    /// filecoin-project/serialization-vectors: a BLS key, a message and its expected signature.
    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func blsSignatureOfTheSerializationVectorsMatches() throws {
        struct Vector: Decodable {
            var PrivateKey: String
            var CidHexBytes: String
            var Signature: Sig
            struct Sig: Decodable {
                var `Type`: Int
                var Data: String
            }
        }
        let vectors = try JSONDecoder().decode(
            [Vector].self, from: TestVectors.data("serialization/message_signing.json"))
        #expect(!vectors.isEmpty)
        for vector in vectors where vector.Signature.Type == 2 {
            let sk = try #require(Data(base64Encoded: vector.PrivateKey))
            let key = try WalletKey(keyInfo: KeyInfo(type: .bls, privateKey: Array(sk)))
            let signature = try key.sign(try Hex.decode(vector.CidHexBytes))
            #expect(Data(signature.data).base64EncodedString() == vector.Signature.Data)
        }
    }
}
