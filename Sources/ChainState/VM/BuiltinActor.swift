import DagCBOR

/// One actor's code: dispatches a method number to the method.
///
/// A method that does not exist throws ``ExitCode/sysErrInvalidMethod``; parameters are
/// decoded (``Runtime/decodeParams(_:_:)``) before the method runs; the return is the encoded
/// return value, empty for methods that return nothing.
public protocol BuiltinActor: Sendable {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8]
}

extension BuiltinActor {
    public func invalidMethod(_ method: UInt64) -> ActorError {
        ActorError(.sysErrInvalidMethod, "no method \(method) on actor")
    }
}

/// The actors a VM can run, keyed by code CID.
public struct ActorRegistry: Sendable {
    private var actors: [CID: any BuiltinActor] = [:]

    public init() {}

    public mutating func register(_ code: CID, _ actor: any BuiltinActor) {
        actors[code] = actor
    }

    public func actor(for code: CID) -> (any BuiltinActor)? { actors[code] }
}
