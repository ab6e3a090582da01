import DagCBOR
import FilecoinTypes

/// The test-only chaos actor of Lotus's conformance suite (code `fil/1/chaos`, address f098):
/// it breaks VM rules on purpose so the vm_violations vectors can check the VM's reaction.
/// Register it only for vectors whose selector asks for it (`chaos_actor: true`).
public struct ChaosActor: BuiltinActor {
    public static let code = ActorCodes.code("chaos", actorsVersion: 0)
    public static let address = Address.idAddress(98)

    public init() {}

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1:
            throw Self.uncontrolled(rt, "constructor should not be called; the Chaos actor is a singleton actor")
        case 2:
            let args = try rt.tuple(params, 3)
            let branch = try args.int(0)
            let addresses = try args.addresses(1)
            let types = try cids(args, 2)
            switch branch {
            case 0: break
            case 1:
                try rt.validateImmediateCallerAcceptAny()
                try rt.validateImmediateCallerAcceptAny()
            case 2: try rt.validateImmediateCaller(is: addresses)
            case 3: try rt.validateImmediateCaller(type: types)
            default: throw Self.uncontrolled(rt, "invalid branch passed to CallerValidation")
            }
            return []
        case 3:
            let args = try rt.tuple(params, 4)
            let undefCode = try args.bool(0)
            let code = try args.cid(1)
            let undefAddress = try args.bool(2)
            let address = try args.address(3)
            try rt.validateImmediateCallerAcceptAny()
            // An undefined code CID is no builtin actor: the runtime refuses it first.
            let usedCode = undefCode ? ActorCodes.code("undefined", actorsVersion: 0) : code
            if undefAddress, ActorCodes.describe(usedCode).map({ ActorCodes.names.contains($0.name) }) == true {
                throw .fatal("creating an actor at the undefined address")
            }
            try rt.createActor(code: usedCode, address: address)
            return []
        case 4:
            let address = try rt.decodeParams(Address.self, params)
            try rt.validateImmediateCallerAcceptAny()
            let resolved = try rt.resolveAddress(address)
            var writer = CBORWriter()
            writer.writeArrayHeader(2)
            (resolved ?? Address.idAddress(0)).encode(to: &writer)
            writer.writeBool(resolved != nil)
            return writer.bytes
        case 5:
            let beneficiary = try rt.decodeParams(Address.self, params)
            try rt.validateImmediateCallerAcceptAny()
            try rt.deleteActor(beneficiary: beneficiary)
            return []
        case 6:
            let args = try rt.tuple(params, 4)
            let to = try args.address(0)
            let value = try args.amount(1)
            let sendMethod = try args.unsigned(2)
            let sendParams = try args.bytes(3)
            try rt.validateImmediateCallerAcceptAny()
            let result = try rt.send(to: to, method: sendMethod, params: sendParams, value: value)
            var writer = CBORWriter()
            writer.writeArrayHeader(2)
            writer.writeBytes(result.returnData)
            writer.writeInt(result.exitCode.rawValue)
            return writer.bytes
        case 7:
            let args = try rt.tuple(params, 2)
            let value = try textField(args, 0)
            let branch = try args.int(1)
            try rt.validateImmediateCallerAcceptAny()
            switch branch {
            case 0:
                try rt.transaction(ChaosState.self) { (state: inout ChaosState) throws(ActorError) in state.value = value }
            case 1:
                _ = try rt.state(ChaosState.self)
            case 2:
                try rt.transaction(ChaosState.self) { (state: inout ChaosState) throws(ActorError) in
                    state.value = value + "-in"
                }
            default: throw Self.uncontrolled(rt, "unknown mutation type")
            }
            return []
        case 8:
            let args = try rt.tuple(params, 3)
            let code = try args.int(0)
            let message = try textField(args, 1)
            if try args.bool(2) { throw Self.uncontrolled(rt, message) }
            guard code != 0 else { throw .fatal("tried creating an error and setting RetCode to 0") }
            throw ActorError(ExitCode(code), message)
        case 9:
            try rt.validateImmediateCallerAcceptAny()
            let state = try rt.state(ChaosState.self)
            var writer = CBORWriter()
            writer.writeArrayHeader(6)
            rt.caller.encode(to: &writer)
            rt.receiver.encode(to: &writer)
            rt.valueReceived.encode(to: &writer)
            writer.writeInt(rt.epoch)
            try rt.currentBalance().encode(to: &writer)
            state.encode(to: &writer)
            return writer.bytes
        case 10:
            try rt.validateImmediateCallerAcceptAny()
            try rt.createState(ChaosState(value: "", unmarshallable: []))
            return []
        default:
            throw invalidMethod(method)
        }
    }

    /// A Go panic that is not an actor abort: Lotus turns it into exit code 1 up to network
    /// version 3, then SysErrReserved1.
    static func uncontrolled(_ rt: any Runtime, _ message: String) -> ActorError {
        ActorError(rt.networkVersion <= 3 ? ExitCode(1) : .sysErrReserved1, "spec actors failure: \(message)")
    }

    private func cids(_ args: ParamsTuple, _ index: Int) throws(ActorError) -> [CID] {
        let nested = try args.rawArray(index)
        var out: [CID] = []
        for value in nested {
            guard case .cid(let cid) = value else { throw ActorError(ExitCode(1), "types must be CIDs") }
            out.append(cid)
        }
        return out
    }

    private func textField(_ args: ParamsTuple, _ index: Int) throws(ActorError) -> String {
        guard case .text(let text) = try args.raw(index) else { throw ActorError(ExitCode(1), "expected text") }
        return text
    }
}

/// The chaos actor's state: `[Value, Unmarshallable]` (the second list stays empty here).
public struct ChaosState: CBORCodable, Sendable {
    public var value: String
    public var unmarshallable: [CBORValue]

    public init(value: String, unmarshallable: [CBORValue]) {
        self.value = value
        self.unmarshallable = unmarshallable
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        value = try reader.readText()
        guard case .array(let items) = try reader.readValue() else { throw ActorError(.errSerialization, "chaos state") }
        unmarshallable = items
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeText(value)
        writer.writeArrayHeader(unmarshallable.count)
        for item in unmarshallable { writer.writeRaw(item.cborBytes) }
    }
}
