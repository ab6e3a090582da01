@testable import FilecoinCrypto
import Foundation
import Testing
import VenusTesting

@Suite("Keccak-256")
struct Keccak256Tests {
    @Test("published vectors")
    func knownVectors() {
        // Empty string and "abc": the Keccak team's / Ethereum's keccak-256 values.
        #expect(hex(Keccak256.hash([UInt8]())) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(hex(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        // Ethereum's Transfer event topic.
        #expect(hex(Keccak256.hash(Array("Transfer(address,address,uint256)".utf8)))
            == "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
        // "abc" under SHA3's 0x06 padding is FIPS 202 SHA3-256("abc"): same permutation, other domain.
        let abc = Array("abc".utf8)
        let sha3 = abc.withUnsafeBytes { Keccak256.sponge($0, domain: 0x06) }
        #expect(hex(sha3) == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")
    }

    static let lengths: [Int] = [0, 1, 55, 56, 134, 135, 136, 137, 271, 272, 273, 407, 408, 409, 1000, 4096, 10_000]
        + (0..<120).map { 1 + $0 * 7 }

    @Test("the permutation matches hashlib's SHA3-256 across the 136-byte rate",
          .enabled(if: Oracle.enabled(["hashlib"]), Comment(rawValue: PythonOracle.missingMessage(["hashlib"]))))
    func permutationMatchesSHA3() throws {
        var rng = SeededGenerator(seed: UInt64.random(in: .min ... .max))
        let inputs = Self.lengths.map { rng.bytes($0) }
        let expected = try Oracle.strings(["op": "sha3_256", "items": inputs.map { hex($0) }])
        try #require(expected.count == inputs.count)
        for (input, digest) in zip(inputs, expected) {
            #expect(hex(input.withUnsafeBytes { Keccak256.sponge($0, domain: 0x06) }) == digest, "length \(input.count)")
        }
    }

    @Test("keccak-256 matches pycryptodome across the 136-byte rate",
          .enabled(if: Oracle.enabled(["Crypto.Hash.keccak"]), Comment(rawValue: PythonOracle.missingMessage(["pycryptodome"]))))
    func matchesPycryptodome() throws {
        var rng = SeededGenerator(seed: UInt64.random(in: .min ... .max))
        let inputs = Self.lengths.map { rng.bytes($0) }
        let expected = try Oracle.strings(["op": "keccak256", "items": inputs.map { hex($0) }])
        try #require(expected.count == inputs.count)
        for (input, digest) in zip(inputs, expected) {
            #expect(hex(Keccak256.hash(input)) == digest, "length \(input.count)")
            #expect(hex(Keccak256.hash(input[...])) == digest, "slice, length \(input.count)")
        }
    }
}
