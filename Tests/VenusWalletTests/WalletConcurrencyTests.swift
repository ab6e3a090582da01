import FilecoinTypes
import Foundation
import Testing
import VenusAPI
import VenusTesting

@testable import VenusWallet

/// Slow work (scrypt, fsync, the sign filter's process) must not stall signing.
@Suite struct WalletConcurrencyTests {
    /// Upstream's scrypt cost (N = 2^18: about a second of CPU and 256 MiB, several seconds in a
    /// debug build) for a key being imported while a cached key signs in a loop.
    @Test func signingGoesOnWhileAKeyIsImported() async throws {
        // The password and the signing key are stored with a cheap N (scrypt's cost is stored
        // with each row), so only the imports pay upstream's.
        let (setup, folder) = try await Fixture.unlockedWallet(password: "pw")
        let signer = try await setup.new(.secp256k1)
        let wallet = Wallet(store: try Fixture.store(in: folder), configuration: .init(scrypt: .standard))
        try await wallet.unlock("pw")
        _ = try await wallet.sign(signer: signer, data: [0], meta: WalletMsgMeta(type: .unknown))
        // One import: enough to tell (scrypt on the actor lets about 10 signatures through),
        // and light enough for a machine running other suites at the same time.
        let imported = [try WalletKey.generate(.bls)]

        let importing = Locked(imported.count)
        let imports = Task {
            try await withThrowingTaskGroup(of: Address.self) { group in
                for key in imported {
                    group.addTask {
                        defer { importing.withLock { $0 -= 1 } }
                        return try await wallet.importKey(key.keyInfo)
                    }
                }
                return try await group.reduce(into: Set<Address>()) { $0.insert($1) }
            }
        }
        var signedDuringImport = 0
        while importing.withLock({ $0 > 0 }) {
            let data = Array("during import \(signedDuringImport)".utf8)
            let signature = try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: .unknown))
            #expect(signature.verifies(data, signer: signer))
            if importing.withLock({ $0 > 0 }) { signedDuringImport += 1 }
        }
        #expect(try await imports.value == Set(imported.map(\.address)))
        #expect(Set(try await wallet.list()).isSuperset(of: imported.map(\.address)))
        // Each signature carries its fsync'd sign record. With scrypt on the actor only the few
        // that slip in while the import awaits the disk complete (about 10, measured); off it,
        // thousands do in the seconds the import takes.
        print("signatures completed during an N = 2^18 key import: \(signedDuringImport)")
        #expect(signedDuringImport >= 100)
    }

    /// Three signatures whose filter only exits once three filters run at the same time: they
    /// complete only if filters run concurrently (none holds the wallet or a pool thread).
    @Test func signFiltersRunConcurrently() async throws {
        let folder = try Fixture.temporaryFolder()
        let gate = folder.appendingPathComponent("gate")
        try FileManager.default.createDirectory(at: gate, withIntermediateDirectories: true)
        // Outer limit 30 s, only reached if the filters were serialised.
        let command = """
            cat > /dev/null; touch '\(gate.path)'/$$; i=0
            while [ "$(ls '\(gate.path)' | wc -l)" -lt 3 ]; do i=$((i+1)); [ $i -gt 600 ] && exit 1; sleep 0.05; done
            """
        let (wallet, _) = try await Fixture.unlockedWallet(signFilter: command, folder: folder)
        let signer = try await wallet.new(.secp256k1)
        try await withThrowingTaskGroup(of: Signature.self) { group in
            for index in 0..<3 {
                group.addTask {
                    try await wallet.sign(signer: signer, data: [UInt8(index)], meta: WalletMsgMeta(type: .unknown))
                }
            }
            var count = 0
            for try await _ in group { count += 1 }
            #expect(count == 3)
        }
    }

    /// A filter that exits without reading a large input: the write fails with EPIPE on the
    /// writer thread (SIGPIPE blocked there) and the test process, which does not ignore
    /// SIGPIPE, lives on; the exit status alone decides.
    @Test func aFilterThatIgnoresItsInputDecidesByExitStatus() async throws {
        let big = [UInt8](repeating: 0xAB, count: 512 * 1024)
        let (allowing, _) = try await Fixture.unlockedWallet(signFilter: "exit 0")
        let signer = try await allowing.new(.secp256k1)
        let signature = try await allowing.sign(signer: signer, data: big, meta: WalletMsgMeta(type: .unknown))
        #expect(signature.verifies(big, signer: signer))

        let (refusing, _) = try await Fixture.unlockedWallet(signFilter: "echo no; exit 1")
        let other = try await refusing.new(.secp256k1)
        await #expect(throws: WalletError.filterRefused("run customer sign check fail (no)")) {
            try await refusing.sign(signer: other, data: big, meta: WalletMsgMeta(type: .unknown))
        }
    }
}
