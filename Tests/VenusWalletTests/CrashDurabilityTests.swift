import VenusAPI
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@testable import VenusWallet

/// The `venus-wallet` executable built next to the test bundle.
enum WalletExecutable {
    static let url: URL? = BuiltExecutable.url("venus-wallet")
    static var available: Bool { BuiltExecutable.available("venus-wallet") }
}

@Suite struct CrashDurabilityTests {
    /// Streams keys into `venus-wallet import`, kills it with SIGKILL after some addresses have
    /// been acknowledged, and checks that every acknowledged key is in the keystore and decrypts.
    @Test(.enabled(if: WalletExecutable.available, "the venus-wallet executable is not built"))
    func aKillDuringImportLosesNoAcknowledgedKey() async throws {
        let executable = try #require(WalletExecutable.url)
        let folder = try Fixture.temporaryFolder()
        let password = "durable"
        let types: [KeyType] = [.secp256k1, .delegated, .secp256k1, .delegated, .bls]
        let keys = try (0..<300).map { try WalletKey.generate(types[$0 % types.count]) }
        let expected = Dictionary(keys.map { ($0.address.description, $0.keyInfo) }, uniquingKeysWith: { a, _ in a })

        let process = Process()
        process.executableURL = executable
        process.arguments = ["import", "--repo", folder.path, "--password", password, "--scrypt-n", "1024"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let lines = try keys.map { try $0.keyInfo.exportedHex() + "\n" }.joined()
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(lines.utf8))
            try? input.fileHandleForWriting.close()
        }
        signal(SIGPIPE, SIG_IGN)
        writer.start()

        var received = Data()
        func acknowledged() -> [String] {
            String(decoding: received, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
        }
        while acknowledged().count < 20 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        received.append(output.fileHandleForReading.readDataToEndOfFile())
        let acked = acknowledged()
        #expect(acked.count >= 20)

        let wallet = Wallet(
            store: try KeyStore(path: folder.appendingPathComponent(WalletService.databaseName).path),
            configuration: .init(scrypt: Fixture.fastScrypt))
        try await wallet.unlock(password)
        for name in acked {
            let address = try Address(name)
            let info = try #require(expected[name], "acknowledged an address that was not sent: \(name)")
            #expect(try await wallet.export(address) == info)
        }
        // The store holds nothing but keys that were sent.
        for address in try await wallet.list() { #expect(expected[address.description] != nil) }
    }
}
