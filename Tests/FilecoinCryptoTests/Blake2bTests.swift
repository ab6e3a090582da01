import FilecoinCrypto
import Foundation
import Testing
import VenusTesting

@Suite("BLAKE2b")
struct Blake2bTests {
    @Test("one-shot and streaming BLAKE2b match hashlib for random data and every length",
          .enabled(if: Oracle.enabled(["hashlib"]), Comment(rawValue: PythonOracle.missingMessage(["hashlib"]))))
    func matchesHashlib() throws {
        let seed = UInt64.random(in: .min ... .max)
        var rng = SeededGenerator(seed: seed)
        var cases: [(data: [UInt8], length: Int)] = []
        for index in 0..<320 {
            // Cover every output length, and sizes around the 128-byte block boundary.
            let size = index < 40 ? [0, 1, 127, 128, 129, 255, 256, 257][index % 8] : Int.random(in: 0...3000, using: &rng)
            cases.append((rng.bytes(size), index % 64 + 1))
        }
        let expected = try Oracle.strings([
            "op": "blake2b", "items": cases.map { ["data": hex($0.data), "length": $0.length] },
        ])
        try #require(expected.count == cases.count)
        for (index, testCase) in cases.enumerated() {
            let oneShot = try Blake2b.hash(testCase.data, outputLength: testCase.length)
            #expect(hex(oneShot) == expected[index], "seed \(seed) case \(index)")
            var hasher = try Blake2bHasher(outputLength: testCase.length)
            var offset = 0
            while offset < testCase.data.count {
                let chunk = Int.random(in: 0...300, using: &rng)
                let end = min(testCase.data.count, offset + chunk)
                hasher.update(testCase.data[offset..<end])
                offset = end
            }
            #expect(hex(hasher.finalize()) == expected[index], "streaming, seed \(seed) case \(index)")
            switch testCase.length {
            case 32:
                #expect(hex(Blake2b.hash256(testCase.data)) == expected[index])
                #expect(hex(Blake2b.hash(testCase.data)) == expected[index])
            case 20: #expect(hex(Blake2b.hash160(testCase.data)) == expected[index])
            case 4: #expect(hex(Blake2b.checksum4(testCase.data)) == expected[index])
            default: break
            }
        }
    }

    @Test("non-contiguous collections hash like arrays")
    func nonContiguous() throws {
        let data = Array(0..<200).map { UInt8($0) }
        let lazy = data.lazy.map { $0 }
        #expect(Blake2b.hash256(lazy) == Blake2b.hash256(data))
        #expect(Keccak256.hash(lazy) == Keccak256.hash(data))
        #expect(Blake2b.hash256(data) != Blake2b.hash256(data.dropLast()))
    }

    @Test("output lengths outside 1...64 are rejected", arguments: [0, -1, 65, 1000, Int.min, Int.max])
    func invalidLength(length: Int) {
        #expect(throws: CryptoError.invalidOutputLength(length)) { try Blake2b.hash([1, 2, 3], outputLength: length) }
        #expect(throws: CryptoError.invalidOutputLength(length)) { try Blake2bHasher(outputLength: length) }
    }

    @Test("Zondax message digests and CID bytes",
          .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func zondaxDigests() throws {
        let utils = try #require(try TestVectors.json("zondax/test_vectors/utils.json") as? [String: Any])
        // The messages are legacy 8-field CBOR: used here only as bytes. The signing digest is
        // BLAKE2b-256 of the CID bytes (CIDv1, dag-cbor, BLAKE2b-256 multihash) of the message.
        let digests = try #require(utils["msg_digest"] as? [[String: String]])
        try #require(!digests.isEmpty)
        for entry in digests {
            let message = try bytes(try #require(entry["cbor_message"]))
            let cid = [0x01, 0x71, 0xa0, 0xe4, 0x02, 0x20] + Blake2b.hash256(message)
            #expect(hex(Blake2b.hash256(cid)) == entry["digest"])
            var hasher = try Blake2bHasher(outputLength: 32)
            hasher.update(cid.prefix(3))
            hasher.update(cid.dropFirst(3))
            #expect(hex(hasher.finalize()) == entry["digest"])
        }
        let cid = try #require(utils["cid_bytes"] as? [String: String])
        let message = try bytes(try #require(cid["cbor_message"]))
        // CIDv1, dag-cbor (0x71), multihash blake2b-256 (0xb220 as varint a0e402, length 0x20).
        #expect(hex([0x01, 0x71, 0xa0, 0xe4, 0x02, 0x20] + Blake2b.hash256(message)) == cid["cid"])
    }
}
