import DagCBOR
import FilecoinCrypto

/// An unsigned Filecoin message (Lotus `types.Message`).
///
/// Identified by the CID (dag-cbor, blake2b-256) of its CBOR bytes. A BLS-signed message keeps
/// this CID once signed; a secp256k1-signed one is identified by its `SignedMessage` CID.
public struct Message: Hashable, Sendable {
    /// Always 0 on every network so far; Lotus refuses other versions when decoding a message.
    public var version: UInt64
    public var to: Address
    public var from: Address
    /// The sender's sequence number.
    public var nonce: UInt64
    public var value: TokenAmount
    public var gasLimit: Int64
    public var gasFeeCap: TokenAmount
    public var gasPremium: TokenAmount
    /// The actor method to invoke; 0 is a plain send.
    public var method: UInt64
    /// The method's CBOR-encoded parameters; empty for none.
    public var params: [UInt8]

    public init(
        version: UInt64 = 0, to: Address, from: Address, nonce: UInt64, value: TokenAmount,
        gasLimit: Int64, gasFeeCap: TokenAmount, gasPremium: TokenAmount, method: UInt64 = 0,
        params: [UInt8] = []
    ) {
        self.version = version
        self.to = to
        self.from = from
        self.nonce = nonce
        self.value = value
        self.gasLimit = gasLimit
        self.gasFeeCap = gasFeeCap
        self.gasPremium = gasPremium
        self.method = method
        self.params = params
    }

    /// The message's CID: the bytes a wallet signs for either key type.
    public var cid: CID { CID.filecoin(cbor: cborBytes) }
}
