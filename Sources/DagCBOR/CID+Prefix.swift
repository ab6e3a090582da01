extension CID {
    /// Parses the CID at the start of `bytes`, which may continue with other data (CAR frames,
    /// concatenated tipset keys). Returns the CID and how many bytes it took.
    public static func prefix<C: Collection<UInt8>>(of bytes: C) throws(MultiformatError) -> (cid: CID, length: Int) {
        var index = bytes.startIndex
        guard let first = bytes.first else { throw .empty }
        let second = bytes.dropFirst().first
        if first == 0x12 && second == 0x20 {
            let multihash = try Multihash(parsing: bytes, from: &index)
            let cid = try CID(version: .v0, codec: Multicodec.dagPB, multihash: multihash)
            return (cid, bytes.distance(from: bytes.startIndex, to: index))
        }
        let version = try Varint.decode(bytes, from: &index)
        guard version == 1 else { throw .unsupportedVersion(version) }
        let codec = try Varint.decode(bytes, from: &index)
        let multihash = try Multihash(parsing: bytes, from: &index)
        let cid = try CID(version: .v1, codec: codec, multihash: multihash)
        return (cid, bytes.distance(from: bytes.startIndex, to: index))
    }
}
