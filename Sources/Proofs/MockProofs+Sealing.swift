import DagCBOR
import FilecoinCrypto

extension MockProofs {
    static let replicaTag = "venus-swift mock replica commitment v1"

    /// The **mock** sealed sector CID (CommR) of a sector: a tagged BLAKE2b-256 of everything the
    /// replica depends on (proof type, miner, sector number, CommD, ticket), its top two bits
    /// cleared as a field element's are, named as a sealed commitment (fil-commitment-sealed,
    /// poseidon-bls12_381-a1-fc1). What genesis preseals with and a mock sealer reports; it is
    /// reproducible from the inputs and binds them, but proves no data was encoded.
    public func sealedCID(
        sealProof: RegisteredSealProof, minerID: UInt64, sectorNumber: UInt64, unsealedCID: CID, ticket: [UInt8]
    ) throws(ProofError) -> CID {
        _ = try sealProof.sectorSize()
        var writer = CBORWriter()
        writer.writeArrayHeader(6)
        writer.writeText(Self.replicaTag)
        writer.write(sealProof)
        writer.writeUnsigned(minerID)
        writer.writeUnsigned(sectorNumber)
        writer.writeCID(unsealedCID)
        writer.writeBytes(ticket)
        var digest = Blake2b.hash256(writer.bytes)
        digest[31] &= 0x3f
        do {
            return try CID(
                version: .v1, codec: Multicodec.filCommitmentSealed,
                multihash: Multihash(code: Multihash.poseidonBLS12381, digest: digest))
        } catch {
            // Unreachable: a 32-byte digest and two constant codes are all a CID checks.
            throw .commitmentLengthInvalid(digest.count)
        }
    }
}
