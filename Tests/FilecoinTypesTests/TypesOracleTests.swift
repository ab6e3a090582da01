import GoCompat
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

private let oracleModules = ["cbor2", "coincurve"]
private let oracleEnabled = PythonOracle.available(modules: oracleModules)
    || ProcessInfo.processInfo.environment["CI"] == "true"

/// Hundreds of random messages made by independent code (cbor2, hashlib, coincurve): our
/// addresses, CBOR bytes, CIDs and secp256k1 signatures must agree with theirs, both ways.
@Suite(.enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(oracleModules))))
struct TypesOracleTests {
    struct Case: Decodable {
        let network: String
        let json: JSONValue
        let from_bytes_hex: String
        let to_bytes_hex: String
        let cbor_hex: String
        let cid: String
        let cid_hex: String
        let signature_hex: String
        let signed_cbor_hex: String
        let signed_cid: String
    }

    static let caseCount = 400

    private func cases() throws -> [Case] {
        let output = try PythonOracle.run(
            arguments: [PythonOracle.scriptsFolder.appendingPathComponent("types_oracle.py").path,
                        "generate", "\(Self.caseCount)", "\(UInt32.random(in: 0...UInt32.max))"],
            input: Data())
        return try JSONDecoder().decode([Case].self, from: output)
    }

    @Test func theirMessagesMatchOurBytesCIDsAndSignatureChecks() throws {
        let cases = try cases()
        #expect(cases.count == Self.caseCount)
        for testCase in cases {
            let message = try JSONDecoder().decode(Message.self, from: JSONEncoder().encode(testCase.json))
            let network: Network = testCase.network == "f" ? .mainnet : .testnet
            // Addresses: bytes and strings as the oracle made them.
            #expect(Hex.encode(message.from.bytes) == testCase.from_bytes_hex)
            #expect(Hex.encode(message.to.bytes) == testCase.to_bytes_hex)
            #expect(message.from.string(network: network) == stringField(testCase.json, "From"))
            #expect(message.to.string(network: network) == stringField(testCase.json, "To"))
            // CBOR and CID.
            #expect(Hex.encode(message.cborBytes) == testCase.cbor_hex)
            #expect(message.cid.description == testCase.cid)
            #expect(Hex.encode(message.cid.bytes) == testCase.cid_hex)
            #expect(try Message(cborBytes: try Hex.decode(testCase.cbor_hex)) == message)
            // Their signature verifies under our recovery, and the signed form matches.
            let signature = Signature(kind: .secp256k1, data: try Hex.decode(testCase.signature_hex))
            let signed = SignedMessage(message: message, signature: signature)
            #expect(signed.isSignatureValid)
            #expect(Hex.encode(signed.cborBytes) == testCase.signed_cbor_hex)
            #expect(signed.cid.description == testCase.signed_cid)
            // Our JSON output carries the same fields and CID as theirs.
            let encoder = JSONEncoder()
            encoder.userInfo[.filecoinNetwork] = network
            let ours = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(message))
            #expect(ours == testCase.json)
        }
    }

    @Test func ourSignaturesVerifyUnderTheirLibrary() throws {
        let cases = try cases().prefix(200)
        var requests: [[String: String]] = []
        var expected: [Bool] = []
        for (index, testCase) in cases.enumerated() {
            let message = try JSONDecoder().decode(Message.self, from: JSONEncoder().encode(testCase.json))
            let key = Secp256k1PrivateKey.generate()
            var signedMessage = message
            signedMessage.from = Address.secp256k1(publicKey: key.publicKey)
            let signed = try signedMessage.signed(with: key)
            let network: Network = testCase.network == "f" ? .mainnet : .testnet
            // Every fourth request is tampered with (signed a different CID) and must be refused.
            let tampered = index % 4 == 3
            requests.append([
                "address": signedMessage.from.string(network: network),
                "cid_hex": Hex.encode(tampered ? message.cid.bytes : signedMessage.cid.bytes),
                "signature_hex": Hex.encode(signed.signature.data),
            ])
            expected.append(!tampered)
        }
        let verdicts = try #require(PythonOracle.call("types_oracle.py", arguments: ["verify"], input: requests) as? [Bool])
        #expect(verdicts == expected)
    }

    private func stringField(_ value: JSONValue, _ key: String) -> String? {
        if case .object(let object) = value, case .string(let text) = object[key] { return text }
        return nil
    }
}
