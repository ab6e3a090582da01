import Foundation
import GoCompat
import VenusTesting

/// A seeded generator (SplitMix64) so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Oracle tests run when the Python modules exist, and always under CI (where they must not skip).
enum OracleGate {
    static let modules = ["cbor2", "dag_cbor", "multiformats"]
    static let enabled: Bool =
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)
}
