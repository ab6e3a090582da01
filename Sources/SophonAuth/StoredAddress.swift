import FilecoinTypes

/// Addresses are stored without their network prefix, as upstream does, so one database serves
/// whichever network the server prints addresses for.
enum StoredAddress {
    static func key(_ address: Address) -> String { String(address.string(network: .mainnet).dropFirst()) }

    static func address(_ key: String) throws(AuthError) -> Address {
        do {
            return try Address("f" + key)
        } catch {
            throw .storage("stored address \(key) is invalid: \(error)")
        }
    }
}
