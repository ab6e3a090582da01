import DagCBOR

/// A `proof.SealVerifyInfo`: what the miner actor hands the VM to verify one sector's seal proof.
public struct SealVerifyInfo: Hashable, Sendable {
    public var sealProof: RegisteredSealProof
    /// The `abi.SectorID` (embedded in Go): the miner's actor ID and the sector number.
    public var minerID: UInt64
    public var sectorNumber: UInt64
    public var dealIDs: [UInt64]
    /// The ticket randomness (`abi.SealRandomness`).
    public var randomness: [UInt8]
    /// The seed randomness (`abi.InteractiveSealRandomness`).
    public var interactiveRandomness: [UInt8]
    public var proof: [UInt8]
    /// CommR.
    public var sealedCID: CID
    /// CommD.
    public var unsealedCID: CID

    public init(
        sealProof: RegisteredSealProof, minerID: UInt64, sectorNumber: UInt64, dealIDs: [UInt64],
        randomness: [UInt8], interactiveRandomness: [UInt8], proof: [UInt8], sealedCID: CID, unsealedCID: CID
    ) {
        self.sealProof = sealProof
        self.minerID = minerID
        self.sectorNumber = sectorNumber
        self.dealIDs = dealIDs
        self.randomness = randomness
        self.interactiveRandomness = interactiveRandomness
        self.proof = proof
        self.sealedCID = sealedCID
        self.unsealedCID = unsealedCID
    }
}

/// `[SealProof, [Miner, Number], DealIDs, Randomness, InteractiveRandomness, Proof, SealedCID, UnsealedCID]`:
/// cbor-gen writes the embedded `SectorID` as a nested 2-element array.
extension SealVerifyInfo: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(8)
        writer.write(sealProof)
        writer.writeArrayHeader(2)
        writer.writeUnsigned(minerID)
        writer.writeUnsigned(sectorNumber)
        writer.write(dealIDs)
        writer.writeBytes(randomness)
        writer.writeBytes(interactiveRandomness)
        writer.writeBytes(proof)
        writer.writeCID(sealedCID)
        writer.writeCID(unsealedCID)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 8)
        sealProof = try reader.read()
        try reader.readArrayHeader(expected: 2)
        minerID = try reader.readUnsigned()
        sectorNumber = try reader.readUnsigned()
        dealIDs = try reader.read()
        randomness = try reader.readBytes()
        interactiveRandomness = try reader.readBytes()
        proof = try reader.readBytes()
        sealedCID = try reader.readCID()
        unsealedCID = try reader.readCID()
    }
}
