import FilecoinCrypto
import Foundation
import Testing
import VenusTesting

@Suite("secp256k1")
struct Secp256k1Tests {
    static let oracle = Oracle.enabled(["coincurve"])
    static let oracleComment = Comment(rawValue: PythonOracle.missingMessage(["coincurve"]))
    /// The curve order n, big-endian.
    static let order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

    @Test("coincurve keys and signatures: same public keys, same signatures, recover, verify",
          .enabled(if: oracle, oracleComment))
    func coincurveSigns() throws {
        let seed = Int.random(in: 0..<Int(Int32.max))
        let cases = try #require(try Oracle.call(["op": "secp_cases", "count": 250, "seed": seed]) as? [[String: String]])
        try #require(cases.count == 250)
        for (index, entry) in cases.enumerated() {
            let note = Comment(rawValue: "seed \(seed) case \(index)")
            let key = try Secp256k1PrivateKey(bytes: bytes(try #require(entry["private"])))
            let data = try bytes(try #require(entry["data"]))
            let signature = try bytes(try #require(entry["signature"]))
            #expect(hex(key.publicKey.uncompressed) == entry["public"], note)
            #expect(hex(key.publicKey.compressed) == entry["compressed"], note)
            // RFC 6979 nonces make signing deterministic, so both libraries produce the same bytes.
            #expect(hex(try key.sign(data)) == entry["signature"], note)
            #expect(hex(try key.signDigest(bytes(try #require(entry["digest"])))) == entry["signature"], note)
            let recovered = try Secp256k1PublicKey.recover(signature: signature, data: data)
            #expect(recovered == key.publicKey, note)
            #expect(key.publicKey.verify(signature: signature, data: data), note)
            // Other data, or another key, must not verify.
            #expect(!key.publicKey.verify(signature: signature, data: data + [0]), note)
            let other = try Secp256k1PublicKey(bytes: bytes(try #require(cases[(index + 1) % cases.count]["public"])))
            #expect(!other.verify(signature: signature, data: data), note)
            // Parsing either form gives the same key.
            #expect(try Secp256k1PublicKey(bytes: key.publicKey.compressed) == key.publicKey, note)
            #expect(try Secp256k1PublicKey(bytes: key.publicKey.uncompressed) == key.publicKey, note)
            #expect(key.bytes == (try bytes(try #require(entry["private"]))), note)
        }
    }

    @Test("our generated keys and signatures check out in coincurve", .enabled(if: oracle, oracleComment))
    func weSign() throws {
        var rng = SeededGenerator(seed: UInt64.random(in: .min ... .max))
        var keys: [Secp256k1PrivateKey] = []
        var items: [[String: String]] = []
        for _ in 0..<200 {
            let key = Secp256k1PrivateKey.generate()
            let data = rng.bytes(Int.random(in: 0...300, using: &rng))
            let signature = try key.sign(data)
            #expect(signature.count == 65)
            #expect(signature[64] <= 1)
            keys.append(key)
            items.append(["public": hex(key.publicKey.uncompressed), "data": hex(data), "signature": hex(signature)])
        }
        let results = try #require(try Oracle.call(["op": "secp_check", "items": items]) as? [[String: Any]])
        try #require(results.count == items.count)
        for (index, result) in results.enumerated() {
            #expect(result["recovered"] as? String == items[index]["public"], "case \(index)")
            #expect(result["valid"] as? Bool == true, "case \(index)")
        }
        let publics = try #require(
            try Oracle.call(["op": "secp_public", "items": keys.map { hex($0.bytes) }]) as? [[String: String]])
        for (key, expected) in zip(keys, publics) {
            #expect(hex(key.publicKey.uncompressed) == expected["public"])
            #expect(hex(key.publicKey.compressed) == expected["compressed"])
        }
        #expect(Set(keys.map(\.publicKey)).count == keys.count)
    }

    @Test("high-s signatures recover like Lotus's EcRecover", .enabled(if: oracle, oracleComment))
    func highS() throws {
        let key = Secp256k1PrivateKey.generate()
        let data = Array("high s".utf8)
        let signature = try key.sign(data)
        let malleated = try bytes(try #require(try Oracle.strings(["op": "malleate", "items": [hex(signature)]]).first))
        #expect(malleated != signature)
        #expect(try Secp256k1PublicKey.recover(signature: malleated, data: data) == key.publicKey)
        #expect(key.publicKey.verify(signature: malleated, data: data))
    }

    @Test("Zondax public-from-private and CID signature",
          .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func zondax() throws {
        let utils = try #require(try TestVectors.json("zondax/test_vectors/utils.json") as? [String: Any])
        let pair = try #require(utils["public_from_private"] as? [String: String])
        let key = try Secp256k1PrivateKey(bytes: bytes(try #require(pair["private"])))
        #expect(hex(key.publicKey.uncompressed) == pair["public"])

        // Filecoin signs the message CID bytes; the vector's message is legacy CBOR, used as bytes.
        let test = try #require(utils["signature_test"] as? [String: String])
        let signer = try Secp256k1PrivateKey(bytes: bytes(try #require(test["private"])))
        let message = try bytes(try #require(test["message"]))
        let cid = [0x01, 0x71, 0xa0, 0xe4, 0x02, 0x20] + Blake2b.hash256(message)
        let expected = try bytes(try #require(test["signature"]))
        #expect(try signer.sign(cid) == expected)
        #expect(try Secp256k1PublicKey.recover(signature: expected, data: cid) == signer.publicKey)
        #expect(signer.publicKey.verify(signature: expected, data: cid))
    }

    @Test("invalid private keys are rejected")
    func invalidPrivateKeys() throws {
        let order = try bytes(Self.order)
        var orderPlusOne = order
        orderPlusOne[31] &+= 1
        var orderMinusOne = order
        orderMinusOne[31] &-= 1
        let bad: [[UInt8]] = [
            [], [UInt8](repeating: 1, count: 31), [UInt8](repeating: 1, count: 33),
            [UInt8](repeating: 0, count: 32), order, orderPlusOne, [UInt8](repeating: 0xff, count: 32),
        ]
        for candidate in bad {
            #expect(throws: CryptoError.invalidPrivateKey) { try Secp256k1PrivateKey(bytes: candidate) }
        }
        // n - 1 and 1 are the extreme valid scalars.
        _ = try Secp256k1PrivateKey(bytes: orderMinusOne)
        _ = try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0, count: 31) + [1])
    }

    @Test("malformed signatures, digests and public keys give precise errors")
    func malformedInputs() throws {
        let key = Secp256k1PrivateKey.generate()
        let data = Array("data".utf8)
        let signature = try key.sign(data)
        for length in [0, 1, 64, 66, 130] {
            let wrong = Array(repeating: signature, count: 3).flatMap { $0 }.prefix(length)
            #expect(throws: CryptoError.invalidSignatureLength(length)) {
                try Secp256k1PublicKey.recover(signature: wrong, data: data)
            }
            #expect(!key.publicKey.verify(signature: wrong, data: data))
        }
        for recoveryID: UInt8 in [4, 27, 28, 0xff] {
            var wrong = signature
            wrong[64] = recoveryID
            #expect(throws: CryptoError.invalidRecoveryID(recoveryID)) {
                try Secp256k1PublicKey.recover(signature: wrong, data: data)
            }
            #expect(!key.publicKey.verify(signature: wrong, data: data))
        }
        // r = n (out of range) cannot be parsed; r = 0 parses but recovers nothing.
        let rOverflow = try bytes(Self.order) + signature[32...]
        #expect(throws: CryptoError.invalidSignature) { try Secp256k1PublicKey.recover(signature: rOverflow, data: data) }
        let rZero = [UInt8](repeating: 0, count: 32) + signature[32...]
        #expect(throws: CryptoError.recoveryFailed) { try Secp256k1PublicKey.recover(signature: rZero, data: data) }
        // The other recovery id yields a different key (or none), never this one.
        var flipped = signature
        flipped[64] ^= 1
        #expect(!key.publicKey.verify(signature: flipped, data: data))

        for length in [0, 31, 33] {
            #expect(throws: CryptoError.invalidDigestLength(length)) {
                try key.signDigest([UInt8](repeating: 7, count: length))
            }
            #expect(throws: CryptoError.invalidDigestLength(length)) {
                try Secp256k1PublicKey.recover(signature: signature, digest: [UInt8](repeating: 7, count: length))
            }
        }

        let good = key.publicKey.uncompressed
        var hybrid = good
        hybrid[0] = 0x06 | (good[64] & 1)
        var offCurve = good
        offCurve[64] ^= 1
        var badCompressed = key.publicKey.compressed
        badCompressed[0] = 0x04
        let badKeys: [[UInt8]] = [
            [], [0x04], Array(good.prefix(64)), good + [0], hybrid, offCurve, badCompressed,
            [0x02] + [UInt8](repeating: 0xff, count: 32),  // x >= p
            [UInt8](repeating: 0, count: 65), [UInt8](repeating: 0, count: 33),
        ]
        for candidate in badKeys {
            #expect(throws: CryptoError.invalidPublicKey) { try Secp256k1PublicKey(bytes: candidate) }
        }
    }

    @Test("one shared context serves concurrent signers")
    func concurrentUse() async throws {
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var ok = true
                    for round in 0..<50 {
                        let key = Secp256k1PrivateKey.generate()
                        let data = Array("task \(task) round \(round)".utf8)
                        guard let signature = try? key.sign(data),
                            let recovered = try? Secp256k1PublicKey.recover(signature: signature, data: data)
                        else { return false }
                        ok = ok && recovered == key.publicKey && key.publicKey.verify(signature: signature, data: data)
                    }
                    return ok
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
