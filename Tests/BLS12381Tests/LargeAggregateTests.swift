import Foundation
import Testing
import VenusTesting
import BLS12381

/// A 5,000-message aggregate made by blspy must verify (in parallel and on one thread agree),
/// and must fail once one message is paired with the wrong key.
@Suite(.serialized)
struct LargeAggregateTests {
    @Test(.enabled(if: oracleEnabled(["blspy"]), Comment(rawValue: PythonOracle.missingMessage(["blspy"]))))
    func fiveThousandMessageAggregate() async throws {
        let output = try PythonOracle.call("bls_oracle.py", arguments: ["blspy"], input: ["bulk": ["count": 5000, "keys": 50]])
        let bulk = try #require((output as? [String: Any])?["bulk"] as? [String: Any])
        let pkTexts = try #require(bulk["pks"] as? [String])
        let messageTexts = try #require(bulk["msgs"] as? [String])
        #expect(pkTexts.count == 5000 && messageTexts.count == 5000)
        var keyCache = [String: BLSPublicKey]()
        var publicKeys = [BLSPublicKey]()
        for text in pkTexts {
            if let key = keyCache[text] {
                publicKeys.append(key)
            } else {
                let key = try BLSPublicKey(bytes: try #require(hexBytes(text)))
                keyCache[text] = key
                publicKeys.append(key)
            }
        }
        let messages = try messageTexts.map { try #require(hexBytes($0)) }
        let aggregate = try BLSSignature(bytes: try hexField(bulk, "aggregate"))
        #expect(await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: publicKeys))
        // Swap the keys of two messages signed by different keys: now it must fail.
        var swapped = publicKeys
        swapped.swapAt(1234, 1235)
        #expect(swapped[1234] != publicKeys[1234])
        #expect(!(await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: swapped)))
        // A repeated message is refused outright by the basic scheme.
        var repeated = messages
        repeated[10] = repeated[11]
        #expect(!(await BLS.aggregateVerify(aggregate, messages: repeated, publicKeys: publicKeys)))
    }
}
