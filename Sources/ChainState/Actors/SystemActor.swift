import DagCBOR

/// The system actor (f00): a constructor and an empty state.
public struct SystemActor: BuiltinActor {
    public init() {}

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1:
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            try rt.stateCreate([0x80])
            return []
        default:
            throw invalidMethod(method)
        }
    }
}
