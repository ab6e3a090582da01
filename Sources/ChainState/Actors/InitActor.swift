import DagCBOR
import FilecoinTypes

/// The init actor (f01): assigns actor IDs and creates multisig, payment channel and (from the
/// power actor) miner actors. State: ``InitActorState``.
public struct InitActor: BuiltinActor {
    public let actorsVersion: Int

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    /// `Exec` parameters: the code to instantiate and its constructor's parameters.
    public struct ExecParams: CBORCodable, Sendable {
        public var code: CID
        public var constructorParams: [UInt8]

        public init(code: CID, constructorParams: [UInt8]) {
            self.code = code
            self.constructorParams = constructorParams
        }

        public init(from reader: inout CBORReader) throws {
            try reader.readArrayHeader(expected: 2)
            code = try reader.readCID()
            constructorParams = try reader.readBytes()
        }

        public func encode(to writer: inout CBORWriter) {
            writer.writeArrayHeader(2)
            writer.writeCID(code)
            writer.writeBytes(constructorParams)
        }
    }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1:
            let name = try rt.decodeParams(String.self, params)
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            let map = ActorHAMT(store: rt.store, sortsOnCollapse: actorsVersion > 0)
            let root = try map.flush()
            try rt.stateCreate(InitActorState(addressMap: root, nextID: 100, networkName: name).cborBytes)
            return []
        case 2:
            return try exec(rt, rt.decodeParams(ExecParams.self, params))
        default:
            throw invalidMethod(method)
        }
    }

    private func exec(_ rt: any Runtime, _ params: ExecParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCallerAcceptAny()
        guard let callerCode = try rt.actorCode(of: rt.caller) else {
            throw ActorError(.errIllegalState, "no code for actor at \(rt.caller)")
        }
        guard canExec(caller: callerCode, code: params.code) else {
            throw ActorError(.errForbidden, "called type \(callerCode) cannot exec actor type \(params.code)")
        }
        let robust = try rt.newActorAddress()
        let id: UInt64 = try rt.transaction(InitActorState.self) { (state: inout InitActorState) throws(ActorError) in
            let map = try ActorHAMT(loading: state.addressMap, store: rt.store, sortsOnCollapse: actorsVersion > 0)
            let id = state.nextID
            guard id <= Address.maxID else { throw ActorError(.errIllegalState, "failed to allocate ID address") }
            state.nextID &+= 1
            try map.set(robust.bytes, id.cborBytes)
            state.addressMap = try map.flush()
            return id
        }
        let idAddress = Address.idAddress(id)
        try rt.createActor(code: params.code, address: idAddress)
        let result = try rt.send(to: idAddress, method: 1, params: params.constructorParams, value: rt.valueReceived)
        guard result.exitCode.isSuccess else { throw ActorError(result.exitCode, "constructor failed") }
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        idAddress.encode(to: &writer)
        robust.encode(to: &writer)
        return writer.bytes
    }

    private func canExec(caller: CID, code: CID) -> Bool {
        guard let target = ActorCodes.describe(code), target.actorsVersion == actorsVersion else { return false }
        switch target.name {
        case "storageminer": return ActorCodes.describe(caller)?.name == "storagepower"
        case "paymentchannel", "multisig": return true
        default: return false
        }
    }
}
