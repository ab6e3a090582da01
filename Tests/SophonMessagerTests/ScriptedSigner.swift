import FilecoinCrypto
import FilecoinTypes

@testable import SophonMessager

struct ScriptError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Signs with real secp256k1 keys, so signatures verify against the `from` address; an
/// address can be told to fail.
actor ScriptedSigner: MessageSigner {
    private var keys: [Address: Secp256k1PrivateKey] = [:]
    private var failing: Set<Address> = []
    private var refuse: [@Sendable (Message) -> Bool] = []
    private(set) var accountsAsked: [[String]] = []

    func newAddress() -> Address {
        let key = Secp256k1PrivateKey.generate()
        let address = Address.secp256k1(publicKey: key.publicKey)
        keys[address] = key
        return address
    }

    func setFailing(_ address: Address, _ fails: Bool) {
        if fails { failing.insert(address) } else { failing.remove(address) }
    }

    /// Fails every message `refuse` picks until `recover()`.
    func refuse(where refuse: @escaping @Sendable (Message) -> Bool) { self.refuse.append(refuse) }

    func recover() {
        failing.removeAll()
        refuse.removeAll()
    }

    func sign(_ message: Message, accounts: [String]) async throws -> Signature {
        accountsAsked.append(accounts)
        if failing.contains(message.from) || refuse.contains(where: { $0(message) }) { throw ScriptError("wallet for \(message.from) unreachable (scripted)") }
        guard let key = keys[message.from] else { throw ScriptError("no key for \(message.from)") }
        return try Signature.secp256k1(signing: message.cid.bytes, with: key)
    }
}
