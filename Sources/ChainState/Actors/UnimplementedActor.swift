import DagCBOR

/// A builtin actor whose methods are not implemented natively yet (miner, power, market,
/// verified registry, cron): it dispatches like the real actor, so an unknown method is
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
        case .tuple(let count): _ = try rt.tuple(params, count)
        case .bytes:
            var reader = CBORReader(bytes: params)
            guard (try? reader.readBytes()) != nil else {
                throw ActorError(rt.networkVersion < 7 ? ExitCode(1) : .errSerialization, "failed to decode parameters")
            }
        }
        throw .fatal("\(name) method \(method) is not implemented natively")
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

    public static func power(actorsVersion: Int) -> UnimplementedActor {
        UnimplementedActor(
            name: "power",
            methods: [1: .empty, 2: .tuple(5), 3: .tuple(2), 4: .tuple(2), 5: .empty, 6: .bytes, 7: .bytes, 8: .tuple(8), 9: .empty])
    }

    public static func market(actorsVersion: Int) -> UnimplementedActor {
        UnimplementedActor(
            name: "storagemarket",
            methods: [1: .empty, 2: .tuple(2), 3: .bytes, 4: .tuple(1), 5: .tuple(2), 6: .tuple(2), 7: .tuple(2), 8: .empty])
    }

    public static func verifiedRegistry(actorsVersion: Int) -> UnimplementedActor {
        UnimplementedActor(
            name: "verifiedregistry",
            methods: [1: .bytes, 2: .tuple(2), 3: .bytes, 4: .tuple(2), 5: .tuple(2), 6: .tuple(2)])
    }

    public static func cron(actorsVersion: Int) -> UnimplementedActor {
        UnimplementedActor(name: "cron", methods: [1: .tuple(1), 2: .empty])
    }
}
