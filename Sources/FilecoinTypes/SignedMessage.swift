import DagCBOR
import FilecoinCrypto

/// A message with its sender's signature (Lotus `types.SignedMessage`).
public struct SignedMessage: Hashable, Sendable {
    public var message: Message
    public var signature: Signature

    public init(message: Message, signature: Signature) {
        self.message = message
        self.signature = signature
    }

    /// The identifying CID: a BLS-signed message is known by its unsigned message's CID (its
    /// signature travels aggregated in the block); any other by the CID of the signed form.
    public var cid: CID {
        signature.kind == .bls ? message.cid : CID.filecoin(cbor: cborBytes)
    }
}
