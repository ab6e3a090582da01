import DagCBOR
import FilecoinTypes
import Foundation

/// One conformance test vector (filecoin-project/test-vectors schema), the fields the runner uses.
struct ConformanceVector {
    struct Variant {
        var id: String
        var epoch: Int64
        var networkVersion: UInt64
    }

    struct ApplyMessage {
        var bytes: [UInt8]
        var epochOffset: Int64
    }

    struct Receipt {
        var exitCode: Int64
        var returnData: [UInt8]
        var gasUsed: Int64
    }

    /// One block of a `tipset`-class vector: its miner, win count and messages (bare CBOR).
    struct Block {
        var miner: Address
        var winCount: Int64
        var messages: [[UInt8]]
    }

    /// One tipset of a `tipset`-class vector, applied at the variant's epoch plus `epochOffset`.
    struct Tipset {
        var epochOffset: Int64
        var baseFee: TokenAmount
        var blocks: [Block]
    }

    struct RandomnessRule {
        var kind: String
        var tag: Int64?
        var epoch: Int64
        var entropy: [UInt8]?
        var value: [UInt8]
    }

    var path: String
    var kind: String
    var hints: [String]
    var selector: [String: String]
    var variants: [Variant]
    var preRoot: CID
    var postRoot: CID
    var baseFee: TokenAmount?
    var circulatingSupply: TokenAmount?
    var messages: [ApplyMessage]
    var receipts: [Receipt]
    var tipsets: [Tipset]
    /// The receipts AMT root expected after each tipset.
    var receiptsRoots: [CID]
    var randomness: [RandomnessRule]

    var folder: String { String(path.split(separator: "/").first ?? "") }

    init(path: String, json: [String: Any]) throws {
        self.path = path
        kind = json["class"] as? String ?? ""
        let meta = json["_meta"] as? [String: Any] ?? [:]
        hints = (json["hints"] as? [String]) ?? (meta["hints"] as? [String]) ?? []
        selector = json["selector"] as? [String: String] ?? [:]
        let pre = json["preconditions"] as? [String: Any] ?? [:]
        let post = json["postconditions"] as? [String: Any] ?? [:]
        variants = (pre["variants"] as? [[String: Any]] ?? []).map {
            Variant(
                id: $0["id"] as? String ?? "", epoch: ($0["epoch"] as? NSNumber)?.int64Value ?? 0,
                networkVersion: ($0["nv"] as? NSNumber)?.uint64Value ?? 0)
        }
        preRoot = try Self.cid(pre["state_tree"])
        postRoot = try Self.cid(post["state_tree"])
        baseFee = try Self.amount(pre["basefee"])
        circulatingSupply = try Self.amount(pre["circ_supply"])
        messages = try (json["apply_messages"] as? [[String: Any]] ?? []).map {
            ApplyMessage(
                bytes: try Self.base64($0["bytes"]), epochOffset: ($0["epoch_offset"] as? NSNumber)?.int64Value ?? 0)
        }
        receipts = try (post["receipts"] as? [[String: Any]] ?? []).map {
            Receipt(
                exitCode: ($0["exit_code"] as? NSNumber)?.int64Value ?? -1,
                returnData: try Self.base64($0["return"] ?? ""),
                gasUsed: ($0["gas_used"] as? NSNumber)?.int64Value ?? -1)
        }
        tipsets = try (json["apply_tipsets"] as? [[String: Any]] ?? []).map { tipset in
            Tipset(
                epochOffset: (tipset["epoch_offset"] as? NSNumber)?.int64Value ?? 0,
                baseFee: try Self.amount(tipset["basefee"]) ?? .zero,
                blocks: try (tipset["blocks"] as? [[String: Any]] ?? []).map { block in
                    guard let miner = block["miner_addr"] as? String else { throw VectorError("block without miner") }
                    return Block(
                        miner: try Address(miner), winCount: (block["win_count"] as? NSNumber)?.int64Value ?? 0,
                        messages: try (block["messages"] as? [Any] ?? []).map { try Self.base64($0) })
                })
        }
        receiptsRoots = try (post["receipts_roots"] as? [Any] ?? []).map { value in
            guard let object = value as? [String: Any], let text = object["/"] as? String else {
                throw VectorError("malformed receipts root")
            }
            return try CID(string: text)
        }
        randomness = try (json["randomness"] as? [[String: Any]] ?? []).map { rule in
            let on = rule["on"] as? [Any] ?? []
            let value = try Self.base64(rule["ret"])
            let kind = on.first as? String ?? ""
            if on.count >= 4 {
                return RandomnessRule(
                    kind: kind, tag: (on[1] as? NSNumber)?.int64Value, epoch: (on[2] as? NSNumber)?.int64Value ?? 0,
                    entropy: try Self.base64(on[3]), value: value)
            }
            return RandomnessRule(
                kind: kind, tag: nil, epoch: (on.count > 1 ? on[1] as? NSNumber : nil)?.int64Value ?? 0, entropy: nil,
                value: value)
        }
    }

    static func cid(_ value: Any?) throws -> CID {
        guard let tree = value as? [String: Any], let root = tree["root_cid"] as? [String: Any],
            let text = root["/"] as? String
        else { throw VectorError("missing state tree root") }
        return try CID(string: text)
    }

    static func amount(_ value: Any?) throws -> TokenAmount? {
        guard let value else { return nil }
        if let number = value as? NSNumber {
            if let parsed = try? FilecoinBigInt.parseDecimal(number.stringValue) { return TokenAmount(attoFIL: parsed) }
            return TokenAmount(attoFIL: try FilecoinBigInt.parseDecimal("\(number.decimalValue)"))
        }
        if let text = value as? String { return TokenAmount(attoFIL: try FilecoinBigInt.parseDecimal(text)) }
        return nil
    }

    static func base64(_ value: Any?) throws -> [UInt8] {
        guard let text = value as? String else {
            if value == nil || value is NSNull { return [] }
            throw VectorError("expected base64 text")
        }
        guard let data = Data(base64Encoded: text) else { throw VectorError("malformed base64") }
        return Array(data)
    }
}

struct VectorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
