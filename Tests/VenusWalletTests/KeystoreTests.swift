import GoCompat
import VenusAPI
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@testable import VenusWallet

@Suite struct KeystoreTests {
    @Test(.enabled(if: Fixture.oracleAvailable, Fixture.oracleMissing))
    func keysEncryptedByTheUpstreamAlgorithmDecryptAndViceVersa() throws {
        let plain: [UInt8] = (0..<32).map { UInt8($0 * 7 & 0xFF) }
        // Python (hashlib scrypt, pycryptodome AES-CTR and keccak) encrypts; we decrypt.
        let theirs = try PythonOracle.call(
            "wallet_oracle.py", arguments: ["encrypt"],
            input: ["password": "pässword", "plain": Hex.encode(plain), "n": 1024, "p": 1])
        let theirJSON = try JSONSerialization.data(withJSONObject: theirs)
        let decoded = try JSONDecoder().decode(EncryptedKey.self, from: theirJSON)
        let hash = Keccak256Hash.of("pässword")
        #expect(try decoded.decrypt(passwordHash: hash) == plain)
        #expect(throws: WalletError.wrongPassword) { try decoded.decrypt(passwordHash: Keccak256Hash.of("password")) }

        // We encrypt; Python decrypts.
        let ours = try EncryptedKey.encrypt(plain, passwordHash: hash, scrypt: Fixture.fastScrypt)
        let ourJSON = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(ours))
        let result = try #require(
            try PythonOracle.call("wallet_oracle.py", arguments: ["decrypt"], input: ["password": "pässword", "crypto": ourJSON])
                as? [String: String])
        #expect(result["plain"] == Hex.encode(plain))
        let wrong = try #require(
            try PythonOracle.call("wallet_oracle.py", arguments: ["decrypt"], input: ["password": "other", "crypto": ourJSON])
                as? [String: String])
        #expect(wrong["error"] == "mac")
    }

    @Test func malformedCryptoJSONIsRefused() throws {
        let good = try JSONEncoder().encode(
            try EncryptedKey.encrypt([1, 2, 3], passwordHash: Keccak256Hash.of("x"), scrypt: Fixture.fastScrypt))
        let object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        var mutations: [[String: Any]] = []
        for (key, value) in [("cipher", "aes-256-gcm"), ("kdf", "pbkdf2"), ("ciphertext", "xyz"), ("mac", "0")] {
            var copy = object
            copy[key] = value
            mutations.append(copy)
        }
        var badN = object
        badN["kdfparams"] = ["dklen": 32, "n": 1000, "p": 1, "r": 8, "salt": "00"]
        mutations.append(badN)
        var badIV = object
        badIV["cipherparams"] = ["iv": "0011"]
        mutations.append(badIV)
        for mutation in mutations {
            let data = try JSONSerialization.data(withJSONObject: mutation)
            #expect(throws: (any Error).self) { try JSONDecoder().decode(EncryptedKey.self, from: data) }
        }
    }

    @Test func roundTripThroughAReopenedStoreNeedsThePassword() async throws {
        let (wallet, folder) = try await Fixture.unlockedWallet(password: "pw1")
        var addresses: [Address: KeyInfo] = [:]
        for type in KeyType.allCases {
            let address = try await wallet.new(type)
            addresses[address] = try await wallet.export(address)
        }
        let imported = try WalletKey.generate(.secp256k1)
        #expect(try await wallet.importKey(imported.keyInfo) == imported.address)
        addresses[imported.address] = imported.keyInfo
        // Importing again is a no-op.
        #expect(try await wallet.importKey(imported.keyInfo) == imported.address)
        #expect(Set(try await wallet.list()) == Set(addresses.keys))

        // The database holds no plaintext key.
        let raw = try Data(contentsOf: folder.appendingPathComponent("wallet.db"))
            + ((try? Data(contentsOf: folder.appendingPathComponent("wallet.db-wal"))) ?? Data())
        for info in addresses.values {
            #expect(raw.range(of: Data(info.privateKey)) == nil)
            #expect(raw.range(of: Data(Data(info.privateKey).base64EncodedString().utf8)) == nil)
        }

        let reopened = Wallet(store: try Fixture.store(in: folder), configuration: .init(scrypt: Fixture.fastScrypt))
        #expect(await reopened.isLocked)
        await #expect(throws: WalletError.locked) { try await reopened.export(imported.address) }
        await #expect(throws: WalletError.wrongPassword) { try await reopened.unlock("pw2") }
        #expect(await reopened.isLocked)
        try await reopened.unlock("pw1")
        for (address, info) in addresses {
            #expect(try await reopened.export(address) == info)
            #expect(try await reopened.has(address))
        }
    }

    @Test func corruptedRowsGiveAClearErrorAndOtherKeysStillSign() async throws {
        let (wallet, folder) = try await Fixture.unlockedWallet()
        let tampered = try await wallet.new(.secp256k1)
        let garbled = try await wallet.new(.bls)
        let healthy = try await wallet.new(.delegated)
        let store = try Fixture.store(in: folder)
        // Flip one ciphertext hex digit of one row (its MAC no longer matches) and garble another.
        let blob = try #require(try await store.rawRow(tampered))
        var info = try #require(try JSONSerialization.jsonObject(with: blob) as? [String: String])
        let inner = try #require(Data(base64Encoded: info["PrivateKey"] ?? ""))
        var crypto = try #require(try JSONSerialization.jsonObject(with: inner) as? [String: Any])
        var text = Array(try #require(crypto["ciphertext"] as? String))
        text[0] = text[0] == "0" ? "1" : "0"
        crypto["ciphertext"] = String(text)
        info["PrivateKey"] = try JSONSerialization.data(withJSONObject: crypto).base64EncodedString()
        try await store.replaceRawRow(tampered, with: try JSONSerialization.data(withJSONObject: info))
        try await store.replaceRawRow(garbled, with: Data("{oops".utf8))
        let reopened = Wallet(store: store, configuration: .init(scrypt: Fixture.fastScrypt))
        try await reopened.unlock("correct horse")
        let meta = WalletMsgMeta(type: .unknown)
        for address in [tampered, garbled] {
            do {
                _ = try await reopened.sign(signer: address, data: [1], meta: meta)
                Issue.record("a corrupted row signed")
            } catch let error as WalletError {
                guard case .corruptedKey(let name, _) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(name == address.description)
            }
        }
        let signature = try await reopened.sign(signer: healthy, data: [1], meta: meta)
        #expect(signature.kind == .delegated)
        #expect(Set(try await reopened.list()) == [tampered, garbled, healthy])
    }

    @Test func lockStateMachine() async throws {
        let folder = try Fixture.temporaryFolder()
        let wallet = Wallet(store: try Fixture.store(in: folder), configuration: .init(scrypt: Fixture.fastScrypt))
        #expect(await wallet.isLocked)
        await #expect(throws: WalletError.passwordNotSet) { try await wallet.unlock("pw") }
        await #expect(throws: WalletError.passwordNotSet) { try await wallet.new(.bls) }
        try await wallet.setPassword("pw")
        #expect(await !wallet.isLocked)
        await #expect(throws: WalletError.passwordAlreadySet) { try await wallet.setPassword("other") }
        await #expect(throws: WalletError.alreadyUnlocked) { try await wallet.unlock("pw") }
        try await wallet.verifyPassword("pw")
        await #expect(throws: WalletError.wrongPassword) { try await wallet.verifyPassword("px") }
        let address = try await wallet.new(.secp256k1)
        await #expect(throws: WalletError.wrongPassword) { try await wallet.lock("px") }
        #expect(await !wallet.isLocked)
        try await wallet.lock("pw")
        #expect(await wallet.isLocked)
        await #expect(throws: WalletError.alreadyLocked) { try await wallet.lock("pw") }
        await #expect(throws: WalletError.locked) {
            try await wallet.sign(signer: address, data: [1], meta: WalletMsgMeta(type: .unknown))
        }
        await #expect(throws: WalletError.locked) { try await wallet.importKey(WalletKey.generate(.bls).keyInfo) }
        await #expect(throws: WalletError.locked) { try await wallet.delete(address) }
        // Listing works while locked; the keys are still there.
        #expect(try await wallet.list() == [address])
        try await wallet.unlock("pw")
        try await wallet.delete(address)
        #expect(try await wallet.list().isEmpty)
        await #expect(throws: WalletError.keyNotFound(address.description)) { try await wallet.delete(address) }
    }

    @Test func aWrongPasswordTouchesNoKey() async throws {
        let (wallet, folder) = try await Fixture.unlockedWallet(password: "right")
        _ = try await wallet.new(.bls)
        let path = folder.appendingPathComponent("wallet.db").path
        let before = try await Fixture.store(in: folder).entries().map { try $0.encrypted.get() }
        let other = Wallet(store: try KeyStore(path: path), configuration: .init(scrypt: Fixture.fastScrypt))
        await #expect(throws: WalletError.wrongPassword) { try await other.unlock("wrong") }
        await #expect(throws: WalletError.passwordAlreadySet) { try await other.setPassword("wrong") }
        let after = try await Fixture.store(in: folder).entries().map { try $0.encrypted.get() }
        #expect(before == after)
    }
}

/// keccak-256 of a password, as the keystore cipher receives it.
enum Keccak256Hash {
    static func of(_ password: String) -> [UInt8] {
        Keccak256.hash(Array(password.utf8))
    }
}
