import DagCBOR
import FilecoinCrypto
import GoCompat

/// The "filecoin genesis block" of 2017 that every Filecoin genesis header names as its only
/// parent (Lotus `genesis/genblock.go`): a DAG-CBOR map of the network's founding text, named by
/// its sha2-256 CIDv1, `bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi`.
///
/// Its map keys are in plain bytewise order, not DAG-CBOR's length-first order, so strict
/// decoders refuse it; it is only ever stored and hashed, never decoded.
public enum LegacyGenesisBlock {
    static let hex =
        "a5684461746574696d6573323031372d30352d30352030313a32373a3531674e6574776f726b6846696c65636f696e65546f6b656e6846696c65636f696e6c546f6b656e416d6f756e7473a36b546f74616c537570706c796d322c3030302c3030302c303030664d696e6572736d312c3430302c3030302c3030306c50726f746f636f6c4c616273a36b446576656c6f706d656e746b3330302c3030302c3030306b46756e6472616973696e676b3230302c3030302c3030306a466f756e646174696f6e6b3130302c3030302c303030674d657373616765784854686973206973207468652047656e6573697320426c6f636b206f66207468652046696c65636f696e20446563656e7472616c697a65642053746f72616765204e6574776f726b2e"

    /// The block's bytes (the constant above always decodes).
    public static let bytes: [UInt8] = (try? Hex.decode(hex)) ?? []

    /// The block's CID: dag-cbor, sha2-256 (the hash function is supported, so hashing cannot fail).
    public static let cid: CID =
        (try? CID.hashing(bytes, codec: Multicodec.dagCBOR, hash: Multihash.sha2_256)) ?? CID.filecoin(cbor: bytes)
}
