import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// The JSON shapes of Lotus's API reference (`api/lotus/build/openrpc/full.json`): each example
/// decodes into our type and encodes back to the same JSON. `CID`/`Cids` are derived from the
/// content on our side while the examples carry placeholders, so they are compared separately.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct LotusAPIShapeTests {
    private func methods() throws -> [String: [String: Any]] {
        let document = try #require(try TestVectors.json("api/lotus/build/openrpc/full.json") as? [String: Any])
        let methods = try #require(document["methods"] as? [[String: Any]])
        var byName: [String: [String: Any]] = [:]
        for method in methods { if let name = method["name"] as? String { byName[name] = method } }
        return byName
    }

    private func resultExample(_ method: String) throws -> Any {
        let entry = try #require(try methods()[method], "\(method) missing from full.json")
        let result = try #require(entry["result"] as? [String: Any])
        let schema = try #require(result["schema"] as? [String: Any])
        return try #require((schema["examples"] as? [Any])?.first, "\(method) has no result example")
    }

    private func paramExample(_ method: String, index: Int) throws -> Any {
        let entry = try #require(try methods()[method], "\(method) missing from full.json")
        let params = try #require(entry["params"] as? [[String: Any]])
        let schema = try #require(params[index]["schema"] as? [String: Any])
        return try #require((schema["examples"] as? [Any])?.first, "\(method) parameter \(index) has no example")
    }

    /// Decodes `example` as `T`, encodes it again with the `f` prefix Lotus's examples use, and
    /// compares the two JSON values with the derived keys removed.
    private func roundTrip<T: Codable>(_ type: T.Type, _ example: Any, derivedKeys: Set<String> = ["CID", "Cids"]) throws {
        let data = try JSONSerialization.data(withJSONObject: example)
        let value = try JSONDecoder().decode(T.self, from: data)
        let encoder = JSONEncoder()
        encoder.userInfo[.filecoinNetwork] = Network.mainnet
        let ours = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
        let theirs = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(ours.removing(derivedKeys) == theirs.removing(derivedKeys), "\(T.self)")
    }

    @Test func blockHeader() throws { try roundTrip(BlockHeader.self, resultExample("Filecoin.ChainGetBlock")) }
    @Test func message() throws { try roundTrip(Message.self, resultExample("Filecoin.ChainGetMessage")) }
    @Test func signedMessage() throws { try roundTrip(SignedMessage.self, paramExample("Filecoin.MpoolPush", index: 0)) }
    /// The ChainHead example is a real mainnet tipset: its `Cids` must be the CIDs we compute.
    @Test func tipSet() throws { try roundTrip(TipSet.self, resultExample("Filecoin.ChainHead"), derivedKeys: ["CID"]) }
    @Test func tipSetKey() throws { try roundTrip(TipSetKey.self, paramExample("Filecoin.ChainGetTipSet", index: 0)) }
    @Test func receipts() throws {
        try roundTrip([MessageReceipt].self, resultExample("Filecoin.ChainGetParentReceipts"))
    }
}

extension JSONValue {
    /// This value with every object key in `keys` removed, at any depth.
    func removing(_ keys: Set<String>) -> JSONValue {
        switch self {
        case .array(let values): .array(values.map { $0.removing(keys) })
        case .object(let object):
            .object(object.filter { !keys.contains($0.key) }.mapValues { $0.removing(keys) })
        default: self
        }
    }
}
