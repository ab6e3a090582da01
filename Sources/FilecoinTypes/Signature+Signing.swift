import FilecoinCrypto

extension Signature {
    /// Signs `data` as Filecoin does with a secp256k1 key: a recoverable signature over
    /// blake2b-256(data).
    public static func secp256k1(signing data: some Collection<UInt8>, with key: Secp256k1PrivateKey) throws -> Signature {
        Signature(kind: .secp256k1, data: try key.sign(data))
    }

    /// Signs `data` with a BLS key (min-pk basic scheme, Filecoin's DST).
    public static func bls(signing data: some Collection<UInt8>, with key: BLSPrivateKey) -> Signature {
        Signature(kind: .bls, data: key.sign(data).bytes)
    }

    /// Whether this is a valid signature of `data` by the key behind `signer`, as Lotus's
    /// `sigs.Verify` decides: a secp256k1 signature must recover a key whose address is `signer`;
    /// a BLS signature must verify under the public key that is the `signer`'s payload.
    public func verifies(_ data: some Collection<UInt8>, signer: Address) -> Bool {
        switch kind {
        case .secp256k1:
            return signer.isSecp256k1Signature(self.data, of: data)
        case .bls:
            guard signer.protocol == .bls,
                let publicKey = try? BLSPublicKey(bytes: signer.payload),
                let signature = try? BLSSignature(bytes: self.data)
            else { return false }
            return BLS.verify(signature, message: data, publicKey: publicKey)
        case .delegated:
            // Delegated (FEVM) signatures are verified over keccak-256 by the wallet issue.
            return false
        }
    }
}

extension Message {
    /// Signs this message's CID bytes with a secp256k1 key.
    public func signed(with key: Secp256k1PrivateKey) throws -> SignedMessage {
        SignedMessage(message: self, signature: try .secp256k1(signing: cid.bytes, with: key))
    }

    /// Signs this message's CID bytes with a BLS key.
    public func signed(with key: BLSPrivateKey) -> SignedMessage {
        SignedMessage(message: self, signature: .bls(signing: cid.bytes, with: key))
    }
}

extension SignedMessage {
    /// Whether the signature is the `from` address's signature of the message CID.
    public var isSignatureValid: Bool { signature.verifies(message.cid.bytes, signer: message.from) }
}
