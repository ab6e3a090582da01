import VenusAPI
import GoCompat
import VenusRuntime
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@testable import VenusWallet

/// Shared fixtures: a fresh keystore in a temporary folder, cheap scrypt, the Python oracle.
enum Fixture {
    /// N = 2^10 keeps each scrypt run near a millisecond; the format is the same as N = 2^18.
    static let fastScrypt: ScryptParameters = {
        guard let parameters = try? ScryptParameters(n: 1 << 10, p: 1) else { return .standard }
        return parameters
    }()

    static let oracleModules = ["coincurve", "blspy", "cbor2", "Crypto"]
    static var oracleAvailable: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: oracleModules)
    }
    static let oracleMissing = Comment(rawValue: PythonOracle.missingMessage(oracleModules))

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("venus-wallet-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func store(in folder: URL) throws -> KeyStore {
        try KeyStore(path: folder.appendingPathComponent("wallet.db").path)
    }

    static func unlockedWallet(
        password: String = "correct horse", signFilter: String = "", folder: URL? = nil
    ) async throws -> (Wallet, URL) {
        let folder = try folder ?? temporaryFolder()
        let wallet = Wallet(
            store: try store(in: folder),
            configuration: .init(scrypt: fastScrypt, signFilter: signFilter))
        try await wallet.setPassword(password)
        return (wallet, folder)
    }

    /// Asks the oracle whether each signature verifies for its address payload.
    static func oracleVerifies(_ items: [(KeyType, [UInt8], Signature, Address)]) throws -> [Bool] {
        let input = items.map { type, data, signature, address in
            [
                "type": type.rawValue, "data": Hex.encode(data), "sig": Hex.encode(signature.data),
                "payload": Hex.encode(address.payload),
            ]
        }
        let output = try PythonOracle.call("wallet_oracle.py", arguments: ["verify"], input: ["items": input])
        return try #require(output as? [Bool])
    }

    /// CBOR and CID of Lotus-JSON messages, from the independent message oracle.
    static func oracleMessages(_ messages: [[String: Any]]) throws -> [(cbor: [UInt8], cid: [UInt8])] {
        let output = try PythonOracle.call("filecoin_message_cid.py", input: ["messages": messages])
        let results = try #require((output as? [String: Any])?["messages"] as? [[String: String]])
        return try results.map { (try Hex.decode($0["cbor"] ?? ""), try Hex.decode($0["cid"] ?? "")) }
    }
}
