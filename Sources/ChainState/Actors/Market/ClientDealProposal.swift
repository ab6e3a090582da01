import DagCBOR
import FilecoinTypes

/// A deal proposal with the client's signature over its CBOR (`market.ClientDealProposal`).
public struct ClientDealProposal: Hashable, Sendable, CBORCodable {
    /// go-state-types `crypto.SignatureMaxLength`: longer signatures do not decode.
    static let signatureMaxLength = 200

    public var proposal: DealProposal
    public var clientSignature: Signature

    public init(proposal: DealProposal, clientSignature: Signature) {
        self.proposal = proposal
        self.clientSignature = clientSignature
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        proposal.encode(to: &writer)
        clientSignature.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        proposal = try DealProposal(from: &reader)
        var probe = reader
        guard try probe.readBytesSlice().count <= Self.signatureMaxLength else {
            throw MarketDecodingError("cbor byte array for signature was too long")
        }
        clientSignature = try Signature(from: &reader)
    }
}
