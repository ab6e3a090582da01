import GoCompat
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// Zondax filecoin-signing-tools vectors that concern messages, CIDs and secp256k1 signatures.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct ZondaxVectorTests {
    /// Entries with a `cbor` field; the others carry signatures and are read elsewhere.
    struct TransactionVector: Decodable {
        let transaction: Message?
        let cbor: String?
    }

    @Test func transactionsEncodeToTheirCBOR() throws {
        let vectors = try JSONDecoder().decode(
            [TransactionVector].self, from: TestVectors.data("zondax/test_vectors/txs.json"))
        let encoded = vectors.filter { $0.cbor != nil && $0.transaction != nil }
        #expect(encoded.count >= 3)
        for vector in encoded {
            let expected = try Hex.decode(vector.cbor ?? "")
            let transaction = try #require(vector.transaction)
            #expect(transaction.cborBytes == expected)
            #expect(try Message(cborBytes: expected) == transaction)
        }
    }

    struct CIDVector: Decodable {
        let signed_message: SignedMessage
        let cid: String
    }

    @Test func signedMessageCID() throws {
        let vector = try JSONDecoder().decode(CIDVector.self, from: TestVectors.data("zondax/test_vectors/get_cid.json"))
        #expect(vector.signed_message.cid.description == vector.cid)
        #expect(vector.signed_message.isSignatureValid)
    }

    struct SignedVector: Decodable {
        let pk: String
        let tx: SignedMessage
    }

    @Test func secp256k1SignatureIsReproduced() throws {
        let vector = try JSONDecoder().decode(
            SignedVector.self, from: TestVectors.data("zondax/test_vectors/signed_message.json"))
        let key = try Secp256k1PrivateKey(bytes: Array(try #require(Data(base64Encoded: vector.pk))))
        #expect(Address.secp256k1(publicKey: key.publicKey) == vector.tx.message.from)
        // RFC 6979 deterministic nonces make libsecp256k1's signature reproducible.
        let signed = try vector.tx.message.signed(with: key)
        #expect(signed.signature == vector.tx.signature)
        #expect(vector.tx.isSignatureValid)
        var tampered = vector.tx
        tampered.message.nonce += 1
        #expect(!tampered.isSignatureValid)
    }

    struct ManualVector: Decodable {
        let description: String
        let valid: Bool
        let testnet: Bool
        let message: [String: JSONValue]
        let encoded_tx_hex: String
    }

    /// Valid entries: JSON to CBOR equals the hex. Invalid entries: the JSON or the CBOR is refused,
    /// or the message fails Lotus's block-inclusion checks (a negative value).
    @Test func manualVectors() throws {
        let data = try TestVectors.data("zondax/examples/manual_testvectors.json")
        let vectors = try JSONDecoder().decode([ManualVector].self, from: data)
        #expect(vectors.count == 26)
        for vector in vectors {
            let json = try JSONEncoder().encode(vector.message)
            let fromJSON = try? JSONDecoder().decode(Message.self, from: json)
            let cbor = (try? Hex.decode(vector.encoded_tx_hex)) ?? []
            let fromCBOR = try? Message(cborBytes: cbor)
            if vector.valid {
                let message = try #require(fromJSON, "\(vector.description)")
                #expect(message.cborBytes == cbor, "\(vector.description)")
                #expect(throws: Never.self) { try message.checkValidForBlockInclusion() }
                #expect(fromCBOR == message, "\(vector.description)")
            } else {
                let valid = (try? fromJSON?.checkValidForBlockInclusion()) != nil
                let bothAccepted = valid && fromCBOR != nil && fromJSON?.cborBytes == cbor
                #expect(!bothAccepted, "invalid vector accepted: \(vector.description)")
            }
        }
    }
}

/// Any JSON value, to carry vector objects through unchanged.
enum JSONValue: Codable, Equatable {
    case null, bool(Bool), integer(Int64), unsigned(UInt64), number(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(UInt64.self) { self = .unsigned(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .unsigned(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
