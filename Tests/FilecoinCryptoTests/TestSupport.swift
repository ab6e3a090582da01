import Foundation
import GoCompat
import Testing
import VenusTesting

/// Lowercase hex of bytes.
func hex(_ bytes: some Sequence<UInt8>) -> String { Hex.encode(bytes) }

/// Bytes of a hex string; a malformed string is a test-data bug and fails the test.
func bytes(_ hex: String) throws -> [UInt8] { try Hex.decode(hex) }

/// A small seeded generator so a failing random case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

enum Oracle {
    /// Oracle tests run when the modules import, and always under CI (where a missing module fails).
    static func enabled(_ modules: [String]) -> Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)
    }

    static func call(_ input: [String: Any]) throws -> Any {
        try PythonOracle.call("crypto_oracle.py", input: input)
    }

    static func strings(_ input: [String: Any]) throws -> [String] {
        try #require(try call(input) as? [String])
    }
}
