import DagCBOR
import FilecoinTypes

/// The cbor-gen tuple `[PieceCID, PieceSize, VerifiedDeal, Client, Provider, Label, StartEpoch,
/// EndEpoch, StoragePricePerEpoch, ProviderCollateral, ClientCollateral]`.
extension DealProposal: CBORCodable {
    /// cbor-gen's `MaxLength`: the longest string (and array) it reads.
    static let maxLabelLength = 8192

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(11)
        writer.writeCID(pieceCID)
        writer.writeUnsigned(pieceSize)
        writer.writeBool(verifiedDeal)
        client.encode(to: &writer)
        provider.encode(to: &writer)
        writer.writeTextBytes(label)
        writer.writeInt(startEpoch)
        writer.writeInt(endEpoch)
        storagePricePerEpoch.encode(to: &writer)
        providerCollateral.encode(to: &writer)
        clientCollateral.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 11)
        pieceCID = try reader.readCID()
        pieceSize = try reader.readUnsigned()
        verifiedDeal = try reader.readBool()
        client = try Address(from: &reader)
        provider = try Address(from: &reader)
        label = try reader.readTextBytes()
        guard label.count <= Self.maxLabelLength else { throw MarketDecodingError("string in input was too long") }
        startEpoch = try reader.readInt()
        endEpoch = try reader.readInt()
        storagePricePerEpoch = try TokenAmount(from: &reader)
        providerCollateral = try TokenAmount(from: &reader)
        clientCollateral = try TokenAmount(from: &reader)
    }
}

/// A market parameter or state value that cbor-gen would refuse.
struct MarketDecodingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
