import Foundation
import GoCompat
import VenusTesting

/// Oracle tests run when the Python modules exist, and always under CI (where they must not skip).
enum OracleGate {
    static let modules = ["cbor2", "dag_cbor", "multiformats"]
    static let enabled: Bool =
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)
}
