import GoCompat
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// filecoin-project/serialization-vectors: messages and block headers, JSON to CBOR to CID.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct SerializationVectorTests {
    struct UnsignedVector: Decodable {
        let message: Message
        let hex_cbor: String
    }

    struct BlockVector: Decodable {
        let block: BlockHeader
        let cbor_hex: String
        let cid: String
    }

    struct SigningVector: Decodable {
        let Unsigned: Message
        let Cid: String
        let CidHexBytes: String
        let PrivateKey: String
        let Signature: FilecoinTypes.Signature
    }

    @Test func unsignedMessagesEncodeToTheirCBOR() throws {
        let vectors = try JSONDecoder().decode(
            [UnsignedVector].self, from: TestVectors.data("serialization/unsigned_messages.json"))
        #expect(vectors.count == 21)
        for vector in vectors {
            let expected = try Hex.decode(vector.hex_cbor)
            #expect(vector.message.cborBytes == expected)
            let decoded = try Message(cborBytes: expected)
            #expect(decoded == vector.message)
        }
    }

    @Test func blockHeadersEncodeToTheirCBORAndCID() throws {
        let vectors = try JSONDecoder().decode(
            [BlockVector].self, from: TestVectors.data("serialization/block_headers.json"))
        #expect(vectors.count == 5)
        for vector in vectors {
            let expected = try Hex.decode(vector.cbor_hex)
            #expect(vector.block.cborBytes == expected)
            #expect(vector.block.cid.description == vector.cid)
            let decoded = try BlockHeader(cborBytes: expected)
            #expect(decoded == vector.block)
            // The signing bytes are the header with a null signature, as Lotus's SigningBytes.
            var unsigned = decoded
            unsigned.blockSig = nil
            #expect(decoded.signingBytes == unsigned.cborBytes)
            #expect(decoded.signingBytes != expected || decoded.blockSig == nil)
            // JSON round trip through our encoder gives the same header.
            let json = try JSONEncoder().encode(vector.block)
            #expect(try JSONDecoder().decode(BlockHeader.self, from: json) == vector.block)
        }
    }

    @Test func signedMessageVectorsHaveTheirCIDAndBLSSignature() throws {
        let vectors = try JSONDecoder().decode(
            [SigningVector].self, from: TestVectors.data("serialization/message_signing.json"))
        #expect(vectors.count == 2)
        for vector in vectors {
            let cid = vector.Unsigned.cid
            #expect(cid.description == vector.Cid)
            #expect(Hex.encode(cid.bytes) == vector.CidHexBytes)
            // The key is base64 of Filecoin's 32-byte BLS private key.
            let keyBytes = try #require(Data(base64Encoded: vector.PrivateKey))
            let key = try BLSPrivateKey(bytes: Array(keyBytes))
            #expect(try Address.bls(publicKey: key.publicKey.bytes) == vector.Unsigned.from)
            let signed = vector.Unsigned.signed(with: key)
            #expect(signed.signature == vector.Signature)
            #expect(signed.isSignatureValid)
            // A BLS-signed message is identified by its unsigned CID.
            #expect(signed.cid == cid)
        }
    }
}
