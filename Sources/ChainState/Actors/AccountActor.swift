import DagCBOR
import FilecoinTypes

/// The account actor: holds the key address of a secp256k1 or BLS account. State `[Address]`.
public struct AccountActor: BuiltinActor {
    public init() {}

    public enum Method: UInt64 {
        case constructor = 1
        case pubkeyAddress = 2
    }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch Method(rawValue: method) {
        case .constructor:
            let address = try rt.decodeParams(Address.self, params)
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            guard address.protocol == .secp256k1 || address.protocol == .bls else {
                throw ActorError(.errIllegalArgument, "address must use BLS or SECP protocol, got \(address.protocol)")
            }
            var writer = CBORWriter()
            writer.writeArrayHeader(1)
            address.encode(to: &writer)
            try rt.stateCreate(writer.bytes)
            return []
        case .pubkeyAddress:
            try rt.validateImmediateCallerAcceptAny()
            let bytes = try rt.stateReadonly()
            do {
                var reader = CBORReader(bytes: bytes)
                try reader.readArrayHeader(expected: 1)
                let address = try Address(from: &reader)
                return address.cborBytes
            } catch {
                throw ActorError(.errSerialization, "account state: \(error)")
            }
        case nil:
            throw invalidMethod(method)
        }
    }
}
