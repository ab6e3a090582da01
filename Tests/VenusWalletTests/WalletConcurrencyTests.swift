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
        // One import at upstream's cost. The order of events is made certain by state, not
        // time: signing starts once scrypt is known to run on the blocking pool, and the
        // observer holds the import there (however fast this machine's scrypt is) until the five
        // signatures are in. With scrypt on the wallet actor no signature could complete before
        // the hold's outer limit, and none would count.
        let imported = try WalletKey.generate(.bls)
        let scrypt = BlockingWork.Observer(holdingUntilReleased: true)
        let import_ = BlockingWork.$observer.withValue(scrypt) {
            Task { try await wallet.importKey(imported.keyInfo) }
        }
        try await waitUntil("the import's scrypt runs on the blocking pool") { scrypt.isRunning }
        var signedWhileScryptRan = 0
        for index in 0..<5 {
            let data = Array("during import \(index)".utf8)
            let signature = try await wallet.sign(signer: signer, data: data, meta: WalletMsgMeta(type: .unknown))
            #expect(signature.verifies(data, signer: signer))
            if scrypt.isRunning { signedWhileScryptRan += 1 }
        }
        scrypt.release()
        #expect(try await import_.value == imported.address)
        #expect(try await wallet.list().contains(imported.address))
        #expect(signedWhileScryptRan == 5, "signatures waited for scrypt: \(signedWhileScryptRan) of 5 completed while it ran")
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
