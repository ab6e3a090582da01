import DagCBOR

/// A builtin actor whose methods are not implemented natively yet (the miner until
/// its branch lands): it dispatches like the real actor, so an unknown method is
/// SysErrInvalidMethod and parameters that do not decode fail with the invoker's exit code,
/// but a well-formed call is a fatal error. The node then refuses to compute the message
/// rather than produce a state Lotus would not.
public struct UnimplementedActor: BuiltinActor {
    /// How a method's parameters decode.
    public enum Params: Sendable {
        /// `abi.EmptyValue`: anything decodes.
        case empty
        /// A cbor-gen struct of this many fields.
        case tuple(Int)
        /// One CBOR byte string (an address or a token amount).
        case bytes
    }

    public let name: String
    public let methods: [UInt64: Params]

    public init(name: String, methods: [UInt64: Params]) {
        self.name = name
        self.methods = methods
    }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard let shape = methods[method] else { throw invalidMethod(method) }
        switch shape {
        case .empty: break
        case .tuple(let count):
            guard Self.isTuple(params, count: count) else {
                throw ActorError(rt.networkVersion < 7 ? ExitCode(1) : .errSerialization, "parameters are not a tuple of \(count)")
            }
        case .bytes:
            var reader = CBORReader(bytes: params)
            guard (try? reader.readBytes()) != nil else {
                throw ActorError(rt.networkVersion < 7 ? ExitCode(1) : .errSerialization, "failed to decode parameters")
            }
        }
        throw .fatal("\(name) method \(method) is not implemented natively")
    }

    /// Whether `bytes` is one definite-length CBOR array of `count` well-formed items and nothing
    /// more. Text is not checked for UTF-8: cbor-gen of specs-actors v0/v2 reads strings as raw
    /// bytes, so a deal label that is not UTF-8 still decodes in Lotus.
    static func isTuple(_ bytes: [UInt8], count: Int) -> Bool {
        var position = 0
        /// The head at `position`: major type and argument; nil when truncated or indefinite.
        func head() -> (major: UInt8, argument: UInt64)? {
            guard position < bytes.count else { return nil }
            let initial = bytes[position]
            position += 1
            let info = initial & 0x1f
            let width: Int
            switch info {
            case 0..<24: return (initial >> 5, UInt64(info))
            case 24: width = 1
            case 25: width = 2
            case 26: width = 4
            case 27: width = 8
            default: return nil
            }
            guard bytes.count - position >= width else { return nil }
            var argument: UInt64 = 0
            for offset in 0..<width { argument = argument << 8 | UInt64(bytes[position + offset]) }
            position += width
            return (initial >> 5, argument)
        }
        func skip(depth: Int) -> Bool {
            guard depth < 64, let (major, argument) = head() else { return false }
            switch major {
            case 0, 1: return true
            case 2, 3:
                guard argument <= UInt64(bytes.count - position) else { return false }
                position += Int(argument)
                return true
            case 4:
                guard argument <= UInt64(bytes.count - position) else { return false }
                for _ in 0..<argument where !skip(depth: depth + 1) { return false }
                return true
            case 5:
                guard argument <= UInt64(bytes.count - position) else { return false }
                for _ in 0..<(argument * 2) where !skip(depth: depth + 1) { return false }
                return true
            case 6: return skip(depth: depth + 1)
            default: return true
            }
        }
        guard let (major, argument) = head(), major == 4, argument == UInt64(count) else { return false }
        for _ in 0..<count where !skip(depth: 1) { return false }
        return position == bytes.count
    }

    /// The storage miner of specs-actors v0/v2 (methods 1...20; v2 adds 21...23).
    public static func miner(actorsVersion: Int) -> UnimplementedActor {
        var methods: [UInt64: Params] = [
            1: .tuple(6), 2: .empty, 3: .tuple(2), 4: .tuple(1), 5: .tuple(5), 6: .tuple(10),
            7: .tuple(2), 8: .tuple(1), 9: .tuple(1), 10: .tuple(1), 11: .tuple(1), 12: .tuple(1), 13: .tuple(1),
            14: actorsVersion >= 2 ? .tuple(2) : .bytes, 15: .tuple(3), 16: .tuple(1), 17: .tuple(1), 18: .tuple(1),
            19: .tuple(2), 20: .tuple(1),
        ]
        if actorsVersion >= 2 {
            methods[21] = .empty
            methods[22] = .empty
            methods[23] = .bytes
        }
        return UnimplementedActor(name: "storageminer", methods: methods)
    }
}
