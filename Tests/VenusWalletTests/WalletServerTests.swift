import GoCompat
import VenusAPI
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import VenusWallet

/// `venus-wallet run` end to end over HTTP: token files, permissions, the wallet methods.
@Suite struct WalletServerTests {
    struct Server {
        let service: ServiceProcess
        var url: URL { service.url("/rpc/v0") }
        var token: String { service.token }

        func call(_ method: String, _ params: [Any], token: String? = nil) async throws -> (status: Int, body: [String: Any]) {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            request.httpBody = try JSONSerialization.data(withJSONObject: [
                "jsonrpc": "2.0", "id": 1, "method": "Filecoin." + method, "params": params,
            ])
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (status, body)
        }

        /// `GET /metrics` with `token`: the status and the text.
        func metrics(token: String?) async throws -> (status: Int, text: String) {
            var request = URLRequest(url: url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("metrics"))
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// The result of an admin call, or a recorded issue.
        func result(_ method: String, _ params: [Any] = [], token: String? = nil) async throws -> Any? {
            let (status, body) = try await call(method, params, token: token ?? self.token)
            #expect(status == 200, "\(method): HTTP \(status) \(body)")
            #expect(body["error"] == nil, "\(method): \(body)")
            return body["result"]
        }
    }

    static func start(folder: URL) async throws -> Server {
        try "[API]\nListenAddress = \"/ip4/127.0.0.1/tcp/0/http\"\n[Factor]\nScryptN = 1024\nScryptP = 1\n"
            .write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return Server(service: try await ServiceProcess.start(
            "venus-wallet", arguments: ["run", "--repo", folder.path, "--password", "server pw"], repo: folder))
    }

    @Test(.enabled(if: WalletExecutable.available, "the venus-wallet executable is not built"))
    func theAPIServesTheWalletToTokensWithTheRightPermission() async throws {
        let folder = try Fixture.temporaryFolder()
        let server = try await Self.start(folder: folder)
        // No token, a bad token: nothing.
        let anonymous = try await server.call("WalletList", [])
        #expect(anonymous.body["result"] == nil)
        let forged = try await server.call("WalletList", [], token: server.token + "x")
        #expect(forged.status == 401)

        let address = try #require(try await server.result("WalletNew", ["delegated"]) as? String)
        #expect(address.hasPrefix("f410f") || address.hasPrefix("t410f"))
        #expect(try await server.result("WalletList") as? [String] == [address])
        #expect(try await server.result("WalletHas", [address]) as? Bool == true)
        #expect(try await server.result("LockState") as? Bool == false)

        // The skeleton's /metrics: a token is needed; the wallet's own gauges are there.
        #expect(try await server.metrics(token: nil).status == 401)
        let metrics = try await server.metrics(token: server.token)
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("venus_wallet_keys 1") && metrics.text.contains("venus_wallet_locked 0"), "\(metrics.text)")

        let data = Array("served".utf8)
        let signed = try #require(
            try await server.result("WalletSign", [address, Data(data).base64EncodedString(), ["Type": "unknown", "Extra": NSNull()]])
                as? [String: Any])
        #expect(signed["Type"] as? Int == 3)
        let signatureBytes = Array(try #require(Data(base64Encoded: signed["Data"] as? String ?? "")))
        if Fixture.oracleAvailable {
            let key = try WalletKey(keyInfo: try KeyInfo(importing: try #require(
                try await server.result("WalletExport", [address]) as? [String: Any]).jsonText()))
            #expect(
                try Fixture.oracleVerifies([(.delegated, data, Signature(kind: .delegated, data: signatureBytes), key.address)])
                    == [true])
        }

        let records = try #require(try await server.result("ListSignedRecord", [[String: Any]()]) as? [[String: Any]])
        #expect(records.count == 1 && records.first?["Signer"] as? String == address)

        // Permissions: a read token lists but cannot create keys or sign.
        let permissions = try #require(try await server.result("AuthVerify", [server.token]) as? [String])
        #expect(Set(permissions) == ["read", "write", "sign", "admin"])
        let readTokenBase64 = try #require(try await server.result("AuthNew", [["read"]]) as? String)
        let readToken = String(decoding: try #require(Data(base64Encoded: readTokenBase64)), as: UTF8.self)
        #expect(try await server.result("WalletList", token: readToken) as? [String] == [address])
        for (method, params) in [("WalletNew", ["bls"]), ("WalletSign", [address, "AA==", ["Type": "unknown"]]), ("WalletExport", [address])] as [(String, [Any])] {
            let refused = try await server.call(method, params, token: readToken)
            #expect(refused.body["result"] == nil, "\(method)")
            #expect(refused.body["error"] != nil, "\(method)")
        }

        // Locking over the API drops signing.
        _ = try await server.result("Lock", ["server pw"])
        let locked = try await server.call("WalletSign", [address, "AA==", ["Type": "unknown"]], token: server.token)
        #expect(locked.body["error"] != nil)
        _ = try await server.result("Unlock", ["server pw"])
        _ = try await server.result("WalletSign", [address, "AA==", ["Type": "unknown"]])
        await server.service.stop()
    }

    /// Runs the CLI against `folder`, returning its exit status and standard output.
    static func cli(_ arguments: [String], folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(WalletExecutable.url)
        process.arguments = arguments + ["--repo", folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// While a daemon runs, key commands go through it (no password needed; the daemon sees each
    /// key at once); once it is gone, they fall back to the keystore.
    @Test(.enabled(if: WalletExecutable.available, "the venus-wallet executable is not built"))
    func keyCommandsUseTheRunningDaemon() async throws {
        let folder = try Fixture.temporaryFolder()
        let server = try await Self.start(folder: folder)
        let created = try Self.cli(["new", "secp256k1"], folder: folder)
        #expect(created.status == 0)
        let address = created.output
        #expect(address.hasPrefix("f1") || address.hasPrefix("t1"))
        #expect(try await server.result("WalletList") as? [String] == [address])
        let second = try Self.cli(["new", "bls"], folder: folder).output
        #expect(Set(try Self.cli(["list"], folder: folder).output.split(separator: "\n").map(String.init)) == [address, second])
        let signed = try Self.cli(["sign", address, "0102"], folder: folder)
        #expect(signed.status == 0 && signed.output.contains("\"Type\":1"))
        #expect(try Self.cli(["del", second], folder: folder).status == 0)
        #expect(try await server.result("WalletList") as? [String] == [address])

        await server.service.stop()
        // The api file is stale now: listing reads the keystore; creating needs the password.
        #expect(try Self.cli(["list"], folder: folder).output == address)
        #expect(try Self.cli(["new", "secp256k1"], folder: folder).status != 0)
        let offline = try Self.cli(["new", "secp256k1", "--password", "server pw", "--scrypt-n", "1024"], folder: folder)
        #expect(offline.status == 0 && offline.output != address)
    }
}

extension Dictionary where Key == String, Value == Any {
    func jsonText() throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: self), as: UTF8.self)
    }
}
