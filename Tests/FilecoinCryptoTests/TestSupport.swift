import Foundation
import GoCompat
import Testing
import VenusTesting

/// Lowercase hex of bytes.
func hex(_ bytes: some Sequence<UInt8>) -> String { Hex.encode(bytes) }

/// Bytes of a hex string; a malformed string is a test-data bug and fails the test.
func bytes(_ hex: String) throws -> [UInt8] { try Hex.decode(hex) }

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
