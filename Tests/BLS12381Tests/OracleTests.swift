import Foundation
import Testing
import VenusTesting
import BLS12381

/// Random keys and messages checked both ways against independent implementations, run at test
/// time: blspy (chia's bls-signatures, `BasicSchemeMPL`) for hundreds of cases and py_ecc
/// (`G2Basic`, pure Python, slow) for a handful.
@Suite(.serialized)
struct OracleTests {
    static func call(_ backend: String, _ request: [String: Any]) throws -> [String: Any] {
        let output = try PythonOracle.call("bls_oracle.py", arguments: [backend], input: request)
        guard let object = output as? [String: Any] else { throw TestFailure.malformedVector("oracle output") }
        return object
    }

    /// The oracle generates keys, messages and signatures; we must derive the same public keys,
    /// produce the same signatures, accept them, refuse wrong messages, and agree on aggregates.
    static func oracleToUs(_ backend: String, count: Int) async throws {
        let answer = try call(backend, ["generate": ["count": count, "aggregate": count]])
        let generated = try #require(answer["generate"] as? [String: Any])
        let cases = try #require(generated["cases"] as? [[String: Any]])
        #expect(cases.count == count)
        var signatures = [BLSSignature](), keys = [BLSPublicKey](), messages = [[UInt8]]()
        for c in cases {
            let key = try BLSPrivateKey(bytes: try hexField(c, "sk"))
            let pk = try hexField(c, "pk"), msg = try hexField(c, "msg"), sig = try hexField(c, "sig")
            let otherMsg = try hexField(c, "other_msg"), otherSig = try hexField(c, "other_sig")
            #expect(key.publicKey.bytes == pk)
            #expect(key.sign(msg).bytes == sig)
            let publicKey = try BLSPublicKey(bytes: pk)
            let signature = try BLSSignature(bytes: sig)
            #expect(BLS.verify(signature, message: msg, publicKey: publicKey))
            #expect(!BLS.verify(signature, message: otherMsg, publicKey: publicKey))
            #expect(!BLS.verify(try BLSSignature(bytes: otherSig), message: msg, publicKey: publicKey))
            signatures.append(signature); keys.append(publicKey); messages.append(msg)
        }
        let expectedAggregate = try hexBytes(field(generated, "aggregate"))
        let aggregate = try BLSSignature.aggregate(signatures)
        #expect(aggregate.bytes == expectedAggregate)
        #expect(await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: keys))
        #expect(BLS.aggregateVerifySync(aggregate, messages: messages, publicKeys: keys))
        if count > 1 {
            var wrong = messages
            wrong[count / 2] = wrong[count / 2] + [0xFF]
            #expect(!(await BLS.aggregateVerify(aggregate, messages: wrong, publicKeys: keys)))
            #expect(!BLS.aggregateVerifySync(
                try BLSSignature.aggregate(Array(signatures.dropLast())), messages: messages, publicKeys: keys))
        }
    }

    /// We generate keys and sign; the oracle must derive the same keys and signatures and agree
    /// with our verdicts on good signatures, wrong messages, swapped keys and tampered bytes.
    static func usToOracle(_ backend: String, count: Int) async throws {
        var keys = [BLSPrivateKey](), messages = [[UInt8]](), signatures = [BLSSignature]()
        var rng = SystemRandomNumberGenerator()
        for i in 0..<count {
            keys.append(BLSPrivateKey.generate())
            messages.append((0..<(i % 40)).map { _ in UInt8.random(in: 0...255, using: &rng) } + [UInt8(i & 0xFF), UInt8(i >> 8)])
            signatures.append(keys[i].sign(messages[i]))
        }
        var verifyCases = [[String: String]](), ourVerdicts = [Bool]()
        for i in 0..<count {
            let pk = keys[i].publicKey
            let other = keys[(i + 1) % count].publicKey
            var tampered = signatures[i].bytes
            tampered[10 + i % 80] ^= UInt8(1 << (i % 8))
            let trials: [(BLSPublicKey, [UInt8], [UInt8])] = [
                (pk, messages[i], signatures[i].bytes),
                (pk, messages[i] + [1], signatures[i].bytes),
                (other, messages[i], signatures[i].bytes),
                (pk, messages[i], tampered),
            ]
            for (key, message, sig) in trials {
                verifyCases.append(["pk": hexString(key.bytes), "msg": hexString(message), "sig": hexString(sig)])
                let ours: Bool
                if let parsed = try? BLSSignature(bytes: sig) {
                    ours = BLS.verify(parsed, message: message, publicKey: key)
                } else {
                    ours = false
                }
                ourVerdicts.append(ours)
            }
        }
        let aggregate = try BLSSignature.aggregate(signatures)
        let swapped = Array(messages.reversed())
        let answer = try call(backend, [
            "derive": keys.map { hexString($0.bytes) },
            "sign": zip(keys, messages).map { ["sk": hexString($0.bytes), "msg": hexString($1)] },
            "verify": verifyCases,
            "aggregate": [signatures.map { hexString($0.bytes) }],
            "aggregate_verify": [
                ["pks": keys.map { hexString($0.publicKey.bytes) }, "msgs": messages.map(hexString), "sig": hexString(aggregate.bytes)],
                ["pks": keys.map { hexString($0.publicKey.bytes) }, "msgs": swapped.map(hexString), "sig": hexString(aggregate.bytes)],
            ],
        ])
        #expect(answer["derive"] as? [String] == keys.map { hexString($0.publicKey.bytes) })
        #expect(answer["sign"] as? [String] == signatures.map { hexString($0.bytes) })
        let theirVerdicts = try #require(answer["verify"] as? [Bool])
        #expect(theirVerdicts == ourVerdicts)
        #expect(ourVerdicts.enumerated().allSatisfy { $0.element == ($0.offset % 4 == 0) })
        #expect(answer["aggregate"] as? [String] == [hexString(aggregate.bytes)])
        let ourAggregateVerdicts = [
            await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: keys.map(\.publicKey)),
            await BLS.aggregateVerify(aggregate, messages: swapped, publicKeys: keys.map(\.publicKey)),
        ]
        #expect(answer["aggregate_verify"] as? [Bool] == ourAggregateVerdicts)
        #expect(ourAggregateVerdicts == [true, count == 1])
    }

    @Test(.enabled(if: oracleEnabled(["blspy"]), Comment(rawValue: PythonOracle.missingMessage(["blspy"]))))
    func blspyGeneratesWeCheck() async throws { try await Self.oracleToUs("blspy", count: 200) }

    @Test(.enabled(if: oracleEnabled(["blspy"]), Comment(rawValue: PythonOracle.missingMessage(["blspy"]))))
    func weGenerateBlspyChecks() async throws { try await Self.usToOracle("blspy", count: 200) }

    @Test(.enabled(if: oracleEnabled(["py_ecc"]), Comment(rawValue: PythonOracle.missingMessage(["py_ecc"]))))
    func pyEccGeneratesWeCheck() async throws { try await Self.oracleToUs("py_ecc", count: 3) }

    @Test(.enabled(if: oracleEnabled(["py_ecc"]), Comment(rawValue: PythonOracle.missingMessage(["py_ecc"]))))
    func weGeneratePyEccChecks() async throws { try await Self.usToOracle("py_ecc", count: 2) }
}
