import FilecoinCrypto

extension Address {
    /// Whether `signature` (65 bytes r || s || v) over BLAKE2b-256(`data`) was made by the key
    /// behind this f1 address: Lotus's rule (`sigs/secp.Verify`) of recovering the public key
    /// and comparing the address it derives. False for other protocols and malformed signatures.
    public func isSecp256k1Signature(_ signature: some Collection<UInt8>, of data: some Collection<UInt8>) -> Bool {
        guard `protocol` == .secp256k1,
            let publicKey = try? Secp256k1PublicKey.recover(signature: signature, data: data)
        else { return false }
        return Address.secp256k1(publicKey: publicKey) == self
    }
}
