import GoCompat
import DagCBOR
import Foundation
import VenusTesting

/// The tagged JSON form `Tests/Oracles/cbor_oracle.py` uses to pass values without trusting
/// either codec (see the script's header for the format).
enum ValueDescription {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func describe(_ value: CBORValue) -> Any {
        switch value {
        case .unsigned(let n): ["uint": String(n)]
        case .negative(let n): ["nint": String(n)]
        case .bytes(let bytes): ["bytes": Hex.encode(bytes)]
        case .text(let text): ["text": text]
        case .array(let elements): ["array": elements.map(describe)]
        case .map(let entries): ["map": entries.map { [$0.key, describe($0.value)] as [Any] }]
        case .cid(let cid): ["cid": Hex.encode(cid.bytes)]
        case .bool(let flag): ["bool": flag]
        case .null: ["null": NSNull()]
        case .float(let double): ["float": Hex.encode(withUnsafeBytes(of: double.bitPattern.bigEndian, Array.init))]
        }
    }

    static func build(_ json: Any) throws -> CBORValue {
        guard let object = json as? [String: Any], object.count == 1, let (kind, payload) = object.first else {
            throw Malformed(description: "not a one-key object: \(json)")
        }
        switch kind {
        case "uint": return .unsigned(try number(payload))
        case "nint": return .negative(try number(payload))
        case "bytes": return .bytes(try hex(payload))
        case "text":
            guard let text = payload as? String else { throw Malformed(description: "text \(payload)") }
            return .text(text)
        case "array":
            guard let elements = payload as? [Any] else { throw Malformed(description: "array \(payload)") }
            return .array(try elements.map(build))
        case "map":
            guard let pairs = payload as? [[Any]] else { throw Malformed(description: "map \(payload)") }
            return .map(
                try pairs.map { pair in
                    guard pair.count == 2, let key = pair[0] as? String else { throw Malformed(description: "\(pair)") }
                    return CBORMapEntry(key: key, value: try build(pair[1]))
                })
        case "cid": return .cid(try CID(bytes: try hex(payload)))
        case "bool":
            guard let flag = payload as? Bool else { throw Malformed(description: "bool \(payload)") }
            return .bool(flag)
        case "null": return .null
        case "float":
            let bytes = try hex(payload)
            guard bytes.count == 8 else { throw Malformed(description: "float \(payload)") }
            return .float(Double(bitPattern: bytes.reduce(0) { $0 << 8 | UInt64($1) }))
        default: throw Malformed(description: "kind \(kind)")
        }
    }

    private static func number(_ payload: Any) throws -> UInt64 {
        guard let text = payload as? String, let value = UInt64(text) else { throw Malformed(description: "\(payload)") }
        return value
    }

    private static func hex(_ payload: Any) throws -> [UInt8] {
        guard let text = payload as? String, let bytes = try? Hex.decode(text) else { throw Malformed(description: "\(payload)") }
        return bytes
    }
}

/// Random DAG-CBOR values for oracle and fuzz tests.
struct RandomValues {
    var rng: SeededGenerator

    mutating func int(below bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }

    mutating func integerArgument() -> UInt64 {
        let edges: [UInt64] = [0, 23, 24, 255, 256, 65535, 65536, 0xffff_ffff, 0x1_0000_0000, UInt64(Int64.max), UInt64.max]
        switch int(below: 3) {
        case 0: return UInt64(int(below: 30))
        case 1:
            let edge = edges[int(below: edges.count)]
            return int(below: 2) == 0 ? edge : edge &- 1
        default: return rng.next()
        }
    }

    mutating func text(maxLength: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(below: maxLength + 1) {
            let raw: UInt32 =
                switch int(below: 4) {
                case 0, 1: UInt32(0x20 + int(below: 0x5f))
                case 2: UInt32(0x80 + int(below: 0x7000))
                default: UInt32(0x10000 + int(below: 0x100000))
                }
            scalars.append(Unicode.Scalar(raw) ?? "x")
        }
        return String(scalars)
    }

    mutating func bytes(maxLength: Int) -> [UInt8] {
        (0..<int(below: maxLength + 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    mutating func cid() throws -> CID {
        let digest = (0..<32).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        if int(below: 5) == 0 {
            return try CID(bytes: [0x12, 0x20] + digest)
        }
        let codecs = [Multicodec.dagCBOR, Multicodec.raw, Multicodec.dagPB, Multicodec.dagJSON,
                      Multicodec.filCommitmentUnsealed, Multicodec.filCommitmentSealed]
        let hashes = [Multihash.sha2_256, Multihash.blake2b_256, Multihash.sha2_256Trunc254Padded]
        let multihash = try Multihash(code: hashes[int(below: hashes.count)], digest: digest)
        return try CID(codec: codecs[int(below: codecs.count)], multihash: multihash)
    }

    mutating func value(depth: Int = 0) throws -> CBORValue {
        switch int(below: depth < 4 ? 11 : 7) {
        case 0: return .unsigned(integerArgument())
        case 1: return .negative(integerArgument())
        case 2: return .bytes(bytes(maxLength: int(below: 2) == 0 ? 4 : 300))
        case 3: return .text(text(maxLength: int(below: 2) == 0 ? 3 : 40))
        case 4: return .cid(try cid())
        case 5: return int(below: 3) == 0 ? .null : .bool(int(below: 2) == 0)
        case 6:
            while true {
                let double = Double(bitPattern: rng.next())
                if double.isFinite { return .float(double) }
            }
        case 7, 8: return .array(try (0..<int(below: 7)).map { _ in try value(depth: depth + 1) })
        default:
            var dictionary: [String: CBORValue] = [:]
            for _ in 0..<int(below: 7) { dictionary[text(maxLength: 6)] = try value(depth: depth + 1) }
            return .map(dictionary)
        }
    }
}
